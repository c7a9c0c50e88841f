//! Session logs: the record of each session, written safely, recovered, kept and exported.

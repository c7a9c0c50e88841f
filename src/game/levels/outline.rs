//! The RON outline the level checks use: now shared by every RON file, in
//! [`crate::ron_diag`]; kept here as a name so the levels code reads as before.

pub(crate) use crate::ron_diag::Outline;

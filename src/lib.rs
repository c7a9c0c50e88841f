//! Wigglewoods: a camera-driven movement game for children in hospital play areas.
//!
//! The crate is one library with a thin binary on top. The [`motion`] core reads children's
//! movement from luma frames and knows nothing of the game; the command-line tools in
//! [`cli`] run it on clips; the game itself builds on both.

pub mod camera;
pub mod cli;
pub mod config;
pub mod flash;
pub mod game;
pub mod games;
pub mod logs;
pub mod motion;
pub mod ron_diag;

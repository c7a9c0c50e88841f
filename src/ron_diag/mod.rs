//! Diagnostics for hand-edited RON files: errors that name the file, line, column and field,
//! and say what is allowed.
//!
//! Staff edit the level files and the kiosk config by hand; a mistake must be found where it
//! is and said in words a play specialist can act on. ron finds syntax and type mistakes and
//! knows the line; a format's own checks find values out of range and know the field. This
//! module joins the two for any RON format, and knows nothing of the game (no bevy here):
//!
//! - [`Outline`]: a light scan of the text that finds every field's line and column, and
//!   which field a position lies in (paths like `audio.cap`, `session.playlist[2]`, see
//!   [`path`]);
//! - [`explain`]: a ron error placed in its field and worded through the format's [`Schema`];
//! - [`did_you_mean`], [`unknown_name`]: the nearest known name to a typo;
//! - [`Diagnostic`], [`Diagnostics`]: one mistake and every mistake of a file, displayed as
//!   `kiosk-config/kiosk.ron:14:9: audio.cap: must be between 0 and 1, found 1.5`.
//!
//! # Examples
//! ```
//! use wigglewoods::ron_diag::{Diagnostic, Diagnostics, Outline, Schema, explain};
//!
//! #[derive(serde::Deserialize)]
//! #[serde(deny_unknown_fields)]
//! struct Audio { volume: f32 }
//!
//! struct AudioSchema;
//! impl Schema for AudioSchema {
//!     fn expected(&self, _path: &str) -> Option<String> {
//!         Some("a number between 0 and 1".into())
//!     }
//! }
//!
//! fn check(file: &str, text: &str) -> Result<Audio, Diagnostics<()>> {
//!     let outline = Outline::new(text);
//!     let audio: Audio = ron::from_str(text).map_err(|e| {
//!         let fault = explain(&outline, &e, &AudioSchema);
//!         Diagnostics::one(Diagnostic {
//!             file: file.into(),
//!             position: Some(fault.position),
//!             field: fault.field,
//!             kind: (),
//!             message: fault.message,
//!         })
//!     })?;
//!     if !(0.0..=1.0).contains(&audio.volume) {
//!         let message = format!("must be between 0 and 1, found {}", audio.volume);
//!         return Err(Diagnostics::one(Diagnostic::at_field(file, &outline, "volume", (), message)));
//!     }
//!     Ok(audio)
//! }
//!
//! let errors = check("audio.ron", "(\n  volum: 0.5,\n)").err().unwrap();
//! assert_eq!(errors.to_string(), "audio.ron:2:3: volum: unknown field `volum`; did you mean `volume`?");
//! let errors = check("audio.ron", "(\n  volume: 1.5,\n)").err().unwrap();
//! assert_eq!(errors.to_string(), "audio.ron:2:3: volume: must be between 0 and 1, found 1.5");
//! ```

mod error;
mod explain;
mod outline;
pub mod path;
mod position;
mod suggest;

pub use error::{Diagnostic, Diagnostics};
pub use explain::{Fault, FaultKind, Schema, explain};
pub use outline::{Key, Outline};
pub use position::{Position, offset_of, position_of_offset};
pub use suggest::{did_you_mean, edit_distance, unknown_name};

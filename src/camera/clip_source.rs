//! A recorded clip as a frame source: looped forever and paced at the clip's own frame rate.
//!
//! Staff can try the game without children or a camera, and developers can replay the same
//! movement again and again; both need the clip to behave like a camera, i.e. arrive in real
//! time and never end.

use super::pace::Pacer;
use super::source::{FrameSource, LockState, SourceError, SourceInfo, SourceKind};
use crate::motion::{ClipError, ClipErrorKind, ClipReader, OwnedFrame};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A looping, real-time clip.
#[derive(Debug)]
pub struct ClipSource {
    reader: ClipReader,
    path: PathBuf,
    pacer: Pacer,
    info: SourceInfo,
    /// Frames read since the last rewind; a clip that rewinds with none read is empty.
    since_rewind: u64,
}

/// "the clip PATH", how every message names it.
fn device(path: &Path) -> String {
    format!("the clip {}", path.display())
}

fn source_error(path: &Path, e: ClipError, opening: bool) -> SourceError {
    let device = device(path);
    let detail = e.to_string();
    match &e.kind {
        ClipErrorKind::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
            SourceError::NotFound { device, detail }
        }
        ClipErrorKind::Io(_) if !opening => SourceError::Disconnected { device, detail },
        _ => SourceError::Unusable { device, detail },
    }
}

impl ClipSource {
    /// Opens a `.y4m` file or a folder of `.pgm` images; `folder_fps` paces image folders,
    /// which carry no rate of their own (Y4M files use the rate in their header).
    pub fn open(path: &Path, folder_fps: f64) -> Result<Self, SourceError> {
        let reader = ClipReader::open(path, folder_fps).map_err(|e| source_error(path, e, true))?;
        let (width, height) = reader.size();
        let fps = reader.fps();
        let format = match &reader {
            ClipReader::Y4m(_) => "Y4M luma",
            ClipReader::Pgm(_) => "PGM images",
        };
        Ok(Self {
            info: SourceInfo {
                kind: SourceKind::Clip,
                name: path.display().to_string(),
                width,
                height,
                fps,
                pixel_format: format.to_owned(),
                exposure: LockState::NotApplicable,
                white_balance: LockState::NotApplicable,
                note: format!("a recorded clip, played in a loop at {fps:.1} frames a second"),
            },
            pacer: Pacer::new(fps),
            path: path.to_owned(),
            reader,
            since_rewind: 0,
        })
    }
}

impl FrameSource for ClipSource {
    fn info(&self) -> &SourceInfo {
        &self.info
    }

    fn read(&mut self, frame: &mut OwnedFrame) -> Result<Instant, SourceError> {
        let err = |e| source_error(&self.path, e, false);
        let mut got = self.reader.next_frame(frame).map_err(err)?;
        if !got {
            if self.since_rewind == 0 {
                return Err(SourceError::Unusable {
                    device: device(&self.path),
                    detail: "the clip has no frames".to_owned(),
                });
            }
            self.reader.rewind().map_err(err)?;
            self.since_rewind = 0;
            got = self.reader.next_frame(frame).map_err(err)?;
            if !got {
                return Err(SourceError::Disconnected {
                    device: device(&self.path),
                    detail: "the clip became empty while playing".to_owned(),
                });
            }
        }
        self.since_rewind += 1;
        let (timestamp, arrived) = self.pacer.wait();
        frame.timestamp = timestamp;
        Ok(arrived)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::motion::Y4mWriter;
    use std::time::Duration;

    /// A temporary folder for one test, removed when dropped.
    pub(crate) struct TempDir(pub PathBuf);

    impl TempDir {
        pub(crate) fn new(name: &str) -> Self {
            let dir = std::env::temp_dir()
                .join(format!("wigglewoods-camera-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("temp dir");
            Self(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// Writes a clip of `frames` frames whose first pixel is the frame number.
    pub(crate) fn write_clip(path: &Path, frames: u8, fps: u32) {
        let file = std::fs::File::create(path).expect("create clip");
        let mut writer = Y4mWriter::new(std::io::BufWriter::new(file), 8, 6, fps).expect("header");
        for i in 0..frames {
            let mut f = OwnedFrame::filled(8, 6, 50);
            f.data[0] = i;
            writer.write(&f).expect("frame");
        }
        writer.finish().expect("finish");
    }

    #[test]
    fn clips_loop_with_monotonic_timestamps_at_their_own_rate() {
        let dir = TempDir::new("loop");
        let path = dir.0.join("three.y4m");
        write_clip(&path, 3, 100);
        let mut source = ClipSource::open(&path, 30.0).unwrap();
        let info = source.info().clone();
        assert_eq!(
            (info.width, info.height, info.kind),
            (8, 6, SourceKind::Clip)
        );
        assert!((info.fps - 100.0).abs() < 1e-9);
        let start = Instant::now();
        let mut frame = OwnedFrame::default();
        let mut firsts = Vec::new();
        let mut stamps = Vec::new();
        for _ in 0..8 {
            source.read(&mut frame).unwrap();
            firsts.push(frame.data[0]);
            stamps.push(frame.timestamp);
        }
        assert_eq!(firsts, [0, 1, 2, 0, 1, 2, 0, 1]);
        for (i, s) in stamps.iter().enumerate() {
            assert_eq!(*s, Duration::from_millis(10) * i as u32);
        }
        // Paced: eight frames at 100 fps take at least seven intervals.
        assert!(start.elapsed() >= Duration::from_millis(70));
    }

    #[test]
    fn bad_clips_name_the_file() {
        let dir = TempDir::new("bad");
        let path = dir.0.join("junk.y4m");
        std::fs::write(&path, b"not a clip at all").unwrap();
        let err = ClipSource::open(&path, 30.0).unwrap_err();
        assert!(matches!(err, SourceError::Unusable { .. }), "{err}");
        assert!(err.to_string().contains("junk.y4m"), "{err}");
        let empty = dir.0.join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        let err = ClipSource::open(&empty, 30.0).unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }
}

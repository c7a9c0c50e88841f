//! Recorded clips: Y4M files and folders of PGM images, read frame by frame into one buffer.
//!
//! Clips are how the core is tested and tuned without a camera: `ffmpeg -i in.mp4 -pix_fmt
//! gray -f yuv4mpegpipe out.y4m` turns any video into one. Every error names the file and,
//! where it applies, the frame, and nothing here panics on bad input.

use super::frame::OwnedFrame;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Largest frame side accepted: bigger is a corrupt header, not a camera.
const MAX_SIDE: usize = 16384;
/// Longest header line accepted.
const MAX_HEADER: usize = 4096;

/// What went wrong reading a clip.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClipErrorKind {
    /// The file or folder could not be opened or read.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The header does not follow the format.
    #[error("malformed header: {0}")]
    Header(String),
    /// A colour space whose luma plane this reader cannot find.
    #[error("unsupported colour space {0:?} (use mono or a 4:2:0, 4:2:2 or 4:4:4 layout)")]
    ColourSpace(String),
    /// A width or height of zero (or absurdly large).
    #[error("unusable frame size {0}x{1}")]
    Size(usize, usize),
    /// The file ends inside a frame.
    #[error("truncated frame: {got} of {want} bytes")]
    Truncated {
        /// Bytes present.
        got: usize,
        /// Bytes the frame needs.
        want: usize,
    },
    /// A frame header that is not `FRAME`.
    #[error("expected a FRAME marker, found {0:?}")]
    FrameMarker(String),
    /// A folder with no PGM images in it.
    #[error("no .pgm files in the folder")]
    Empty,
    /// Images of a folder that differ in size.
    #[error("size {0}x{1} differs from the first image's {2}x{3}")]
    SizeChanged(usize, usize, usize, usize),
}

/// A clip error with the file and frame it concerns.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {kind}", path.display(), frame.map(|f| format!(": frame {f}")).unwrap_or_default())]
pub struct ClipError {
    /// The file (or folder) being read.
    pub path: PathBuf,
    /// The frame number (0-based), when the error is inside a frame.
    pub frame: Option<u64>,
    /// What went wrong.
    pub kind: ClipErrorKind,
}

impl ClipError {
    fn new(path: &Path, frame: Option<u64>, kind: impl Into<ClipErrorKind>) -> Self {
        Self {
            path: path.to_owned(),
            frame,
            kind: kind.into(),
        }
    }
}

/// A clip on disk, either kind.
#[derive(Debug)]
pub enum ClipReader {
    /// A YUV4MPEG2 stream.
    Y4m(Y4mReader),
    /// A folder of PGM images, in name order.
    Pgm(PgmFolder),
}

impl ClipReader {
    /// Opens a `.y4m` file or a folder of `.pgm` images (a single `.pgm` file is a clip of
    /// one frame). `fps` paces image folders, which carry no rate of their own.
    pub fn open(path: &Path, fps: f64) -> Result<Self, ClipError> {
        if path.is_dir() {
            PgmFolder::open(path, fps).map(ClipReader::Pgm)
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pgm"))
        {
            PgmFolder::from_files(path, vec![path.to_owned()], fps).map(ClipReader::Pgm)
        } else {
            Y4mReader::open(path).map(ClipReader::Y4m)
        }
    }

    /// Reads the next frame into `frame`; `Ok(false)` at the end of the clip.
    pub fn next_frame(&mut self, frame: &mut OwnedFrame) -> Result<bool, ClipError> {
        match self {
            ClipReader::Y4m(r) => r.next_frame(frame),
            ClipReader::Pgm(r) => r.next_frame(frame),
        }
    }

    /// Frames per second of the clip.
    pub fn fps(&self) -> f64 {
        match self {
            ClipReader::Y4m(r) => r.fps(),
            ClipReader::Pgm(r) => r.fps,
        }
    }

    /// Frame size.
    pub fn size(&self) -> (usize, usize) {
        match self {
            ClipReader::Y4m(r) => (r.width, r.height),
            ClipReader::Pgm(r) => (r.width, r.height),
        }
    }

    /// Starts again from the first frame (clips loop in the kiosk).
    pub fn rewind(&mut self) -> Result<(), ClipError> {
        match self {
            ClipReader::Y4m(r) => {
                *r = Y4mReader::open(&r.path.clone())?;
                Ok(())
            }
            ClipReader::Pgm(r) => {
                r.next = 0;
                Ok(())
            }
        }
    }
}

/// Reads a YUV4MPEG2 stream, keeping only the luma plane.
#[derive(Debug)]
pub struct Y4mReader {
    path: PathBuf,
    input: BufReader<File>,
    width: usize,
    height: usize,
    rate: (u64, u64),
    /// Bytes after the luma plane in each frame (the chroma planes), skipped.
    chroma_bytes: usize,
    index: u64,
    line: Vec<u8>,
}

impl Y4mReader {
    /// Opens a file and reads its header.
    pub fn open(path: &Path) -> Result<Self, ClipError> {
        let file = File::open(path).map_err(|e| ClipError::new(path, None, e))?;
        Self::from_reader(path, BufReader::with_capacity(1 << 16, file))
    }

    fn from_reader(path: &Path, mut input: BufReader<File>) -> Result<Self, ClipError> {
        let mut line = Vec::new();
        read_line(&mut input, &mut line).map_err(|e| ClipError::new(path, None, e))?;
        let header = parse_header(&line).map_err(|k| ClipError::new(path, None, k))?;
        Ok(Self {
            path: path.to_owned(),
            input,
            width: header.width,
            height: header.height,
            rate: header.rate,
            chroma_bytes: header.chroma_bytes,
            index: 0,
            line,
        })
    }

    /// Frames per second from the header.
    pub fn fps(&self) -> f64 {
        self.rate.0 as f64 / self.rate.1 as f64
    }

    /// Reads the next frame; `Ok(false)` at a clean end of file.
    pub fn next_frame(&mut self, frame: &mut OwnedFrame) -> Result<bool, ClipError> {
        let at = Some(self.index);
        let read = read_line(&mut self.input, &mut self.line)
            .map_err(|e| ClipError::new(&self.path, at, e))?;
        if read == 0 {
            return Ok(false);
        }
        if !self.line.starts_with(b"FRAME") {
            let shown = String::from_utf8_lossy(&self.line[..self.line.len().min(20)]).into_owned();
            return Err(ClipError::new(
                &self.path,
                at,
                ClipErrorKind::FrameMarker(shown),
            ));
        }
        let luma = self.width * self.height;
        frame.width = self.width;
        frame.height = self.height;
        frame.data.resize(luma, 0);
        read_exact_or_truncated(
            &mut self.input,
            &mut frame.data,
            luma + self.chroma_bytes,
            0,
        )
        .map_err(|k| ClipError::new(&self.path, at, k))?;
        skip_exact(
            &mut self.input,
            self.chroma_bytes,
            luma + self.chroma_bytes,
            luma,
        )
        .map_err(|k| ClipError::new(&self.path, at, k))?;
        frame.timestamp =
            Duration::from_secs_f64(self.index as f64 * self.rate.1 as f64 / self.rate.0 as f64);
        self.index += 1;
        Ok(true)
    }
}

struct Y4mHeader {
    width: usize,
    height: usize,
    rate: (u64, u64),
    chroma_bytes: usize,
}

fn parse_header(line: &[u8]) -> Result<Y4mHeader, ClipErrorKind> {
    let text = std::str::from_utf8(line)
        .map_err(|_| ClipErrorKind::Header("the header is not text".into()))?;
    let mut words = text.split_ascii_whitespace();
    if words.next() != Some("YUV4MPEG2") {
        return Err(ClipErrorKind::Header(
            "it does not start with YUV4MPEG2".into(),
        ));
    }
    let (mut width, mut height, mut rate, mut colour) = (None, None, (30, 1), "420jpeg".to_owned());
    for word in words {
        // The tag is the first character, whatever it is (a stray non-ASCII letter is an
        // unknown tag, not a reason to fail).
        let first = word.chars().next().map_or(0, char::len_utf8);
        let (tag, value) = word.split_at(first);
        let number = |v: &str| {
            v.parse::<usize>()
                .map_err(|_| ClipErrorKind::Header(format!("{tag}{v} is not a number")))
        };
        match tag {
            "W" => width = Some(number(value)?),
            "H" => height = Some(number(value)?),
            "F" => {
                let (n, d) = value.split_once(':').ok_or_else(|| {
                    ClipErrorKind::Header(format!("frame rate F{value} is not N:D"))
                })?;
                let (n, d) = (number(n)? as u64, number(d)? as u64);
                if n == 0 || d == 0 {
                    return Err(ClipErrorKind::Header(format!(
                        "frame rate F{value} is zero"
                    )));
                }
                rate = (n, d);
            }
            "C" => colour = value.to_owned(),
            _ => {} // interlacing, aspect, comments: irrelevant to luma
        }
    }
    let width = width.ok_or_else(|| ClipErrorKind::Header("no width (W)".into()))?;
    let height = height.ok_or_else(|| ClipErrorKind::Header("no height (H)".into()))?;
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(ClipErrorKind::Size(width, height));
    }
    let (cw, ch) = (width.div_ceil(2), height.div_ceil(2));
    let chroma_bytes = match colour.as_str() {
        "mono" => 0,
        c if c.starts_with("420") => 2 * cw * ch,
        "422" => 2 * cw * height,
        "444" => 2 * width * height,
        other => return Err(ClipErrorKind::ColourSpace(other.to_owned())),
    };
    Ok(Y4mHeader {
        width,
        height,
        rate,
        chroma_bytes,
    })
}

/// Reads one line (without the newline) into `line`; returns bytes consumed (0 at EOF).
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<usize> {
    line.clear();
    let read = input
        .by_ref()
        .take(MAX_HEADER as u64)
        .read_until(b'\n', line)?;
    if line.last() == Some(&b'\n') {
        line.pop();
    } else if read == MAX_HEADER {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "header line too long",
        ));
    }
    Ok(read)
}

fn read_exact_or_truncated(
    input: &mut impl Read,
    buf: &mut [u8],
    want: usize,
    before: usize,
) -> Result<(), ClipErrorKind> {
    let mut got = 0;
    while got < buf.len() {
        match input.read(&mut buf[got..]) {
            Ok(0) => {
                return Err(ClipErrorKind::Truncated {
                    got: before + got,
                    want,
                });
            }
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

fn skip_exact(
    input: &mut impl Read,
    count: usize,
    want: usize,
    before: usize,
) -> Result<(), ClipErrorKind> {
    let copied = io::copy(&mut input.by_ref().take(count as u64), &mut io::sink())?;
    if copied as usize != count {
        return Err(ClipErrorKind::Truncated {
            got: before + copied as usize,
            want,
        });
    }
    Ok(())
}

/// A folder of PGM images (P5 or P2, 8-bit), one frame each, in name order.
#[derive(Debug)]
pub struct PgmFolder {
    files: Vec<PathBuf>,
    next: usize,
    width: usize,
    height: usize,
    fps: f64,
    bytes: Vec<u8>,
}

impl PgmFolder {
    /// Lists the folder's `.pgm` files and reads the first one's size.
    pub fn open(dir: &Path, fps: f64) -> Result<Self, ClipError> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| ClipError::new(dir, None, e))? {
            let path = entry.map_err(|e| ClipError::new(dir, None, e))?.path();
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pgm"))
            {
                files.push(path);
            }
        }
        files.sort();
        if files.is_empty() {
            return Err(ClipError::new(dir, None, ClipErrorKind::Empty));
        }
        Self::from_files(dir, files, fps)
    }

    fn from_files(_origin: &Path, files: Vec<PathBuf>, fps: f64) -> Result<Self, ClipError> {
        let mut bytes = Vec::new();
        let first = read_pgm(&files[0], &mut bytes, &mut Vec::new())
            .map_err(|k| ClipError::new(&files[0], Some(0), k))?;
        Ok(Self {
            files,
            next: 0,
            width: first.0,
            height: first.1,
            fps: if fps > 0.0 { fps } else { 30.0 },
            bytes,
        })
    }

    /// Reads the next image; `Ok(false)` after the last.
    pub fn next_frame(&mut self, frame: &mut OwnedFrame) -> Result<bool, ClipError> {
        let Some(path) = self.files.get(self.next) else {
            return Ok(false);
        };
        let at = Some(self.next as u64);
        let (w, h) = read_pgm(path, &mut self.bytes, &mut frame.data)
            .map_err(|k| ClipError::new(path, at, k))?;
        if (w, h) != (self.width, self.height) {
            return Err(ClipError::new(
                path,
                at,
                ClipErrorKind::SizeChanged(w, h, self.width, self.height),
            ));
        }
        frame.width = w;
        frame.height = h;
        frame.timestamp = Duration::from_secs_f64(self.next as f64 / self.fps);
        self.next += 1;
        Ok(true)
    }
}

/// Reads a PGM file's pixels into `pixels`, using `bytes` as the file buffer.
fn read_pgm(
    path: &Path,
    bytes: &mut Vec<u8>,
    pixels: &mut Vec<u8>,
) -> Result<(usize, usize), ClipErrorKind> {
    bytes.clear();
    File::open(path)?.read_to_end(bytes)?;
    parse_pgm(bytes, pixels)
}

/// Parses a P5 or P2 image with a maximum value below 256.
pub fn parse_pgm(bytes: &[u8], pixels: &mut Vec<u8>) -> Result<(usize, usize), ClipErrorKind> {
    let mut pos = 0;
    let mut token = || -> Result<&[u8], ClipErrorKind> {
        loop {
            while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            if pos < bytes.len() && bytes[pos] == b'#' {
                while pos < bytes.len() && bytes[pos] != b'\n' {
                    pos += 1;
                }
                continue;
            }
            break;
        }
        let start = pos;
        while pos < bytes.len() && !bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if start == pos {
            return Err(ClipErrorKind::Header("the header ends early".into()));
        }
        Ok(&bytes[start..pos])
    };
    let magic = token()?.to_vec();
    let ascii = match magic.as_slice() {
        b"P5" => false,
        b"P2" => true,
        _ => return Err(ClipErrorKind::Header("not a PGM image (P5 or P2)".into())),
    };
    let mut number = |what: &str| -> Result<usize, ClipErrorKind> {
        let t = token()?;
        std::str::from_utf8(t)
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| ClipErrorKind::Header(format!("{what} is not a number")))
    };
    let (width, height, max) = (
        number("width")?,
        number("height")?,
        number("maximum value")?,
    );
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(ClipErrorKind::Size(width, height));
    }
    if max == 0 || max > 255 {
        return Err(ClipErrorKind::Header(format!(
            "maximum value {max} is not 1..255"
        )));
    }
    let count = width * height;
    pixels.clear();
    if ascii {
        for _ in 0..count {
            let v = number("a pixel").map_err(|_| ClipErrorKind::Truncated {
                got: pixels.len(),
                want: count,
            })?;
            pixels.push((v.min(max) * 255 / max) as u8);
        }
    } else {
        // Exactly one whitespace byte separates the header from the pixels.
        let start = pos + 1;
        let available = bytes.len().saturating_sub(start);
        if available < count {
            return Err(ClipErrorKind::Truncated {
                got: available,
                want: count,
            });
        }
        pixels.extend_from_slice(&bytes[start..start + count]);
        if max != 255 {
            for p in pixels.iter_mut() {
                *p = (usize::from(*p).min(max) * 255 / max) as u8;
            }
        }
    }
    Ok((width, height))
}

/// Writes frames as a monochrome Y4M stream.
#[derive(Debug)]
pub struct Y4mWriter<W: Write> {
    out: W,
}

impl<W: Write> Y4mWriter<W> {
    /// Writes the header: `Cmono` keeps the file a third smaller than 4:2:0.
    pub fn new(mut out: W, width: usize, height: usize, fps: u32) -> io::Result<Self> {
        writeln!(out, "YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 Cmono")?;
        Ok(Self { out })
    }

    /// Appends one frame.
    pub fn write(&mut self, frame: &OwnedFrame) -> io::Result<()> {
        self.out.write_all(b"FRAME\n")?;
        self.out.write_all(&frame.data)
    }

    /// Flushes and returns the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("wigglewoods-clip-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn y4m_round_trip_mono() {
        let dir = temp_dir("mono");
        let path = dir.join("a.y4m");
        let mut w = Y4mWriter::new(File::create(&path).unwrap(), 3, 2, 25).unwrap();
        let f = crate::gray_frame![1, 2, 3; 4, 5, 6];
        w.write(&f).unwrap();
        w.write(&f).unwrap();
        w.finish().unwrap();
        let mut r = ClipReader::open(&path, 0.0).unwrap();
        assert_eq!(r.fps(), 25.0);
        let mut frame = OwnedFrame::default();
        assert!(r.next_frame(&mut frame).unwrap());
        assert_eq!(frame.data, f.data);
        assert!(r.next_frame(&mut frame).unwrap());
        assert_eq!(frame.timestamp, Duration::from_millis(40));
        assert!(!r.next_frame(&mut frame).unwrap());
    }

    #[test]
    fn y4m_420_skips_chroma_and_reads_frame_parameters() {
        let dir = temp_dir("420");
        let path = dir.join("c.y4m");
        // 3x3 luma, 2x2 chroma planes (rounded up) twice: 8 chroma bytes.
        let mut bytes = b"YUV4MPEG2 W3 H3 F30000:1001 It C420mpeg2 XYSCSS=420\n".to_vec();
        for v in [10u8, 20] {
            bytes.extend_from_slice(b"FRAME Ixyz\n");
            bytes.extend_from_slice(&[v; 9]);
            bytes.extend_from_slice(&[128; 8]);
        }
        std::fs::write(&path, bytes).unwrap();
        let mut r = ClipReader::open(&path, 0.0).unwrap();
        let mut frame = OwnedFrame::default();
        r.next_frame(&mut frame).unwrap();
        assert_eq!(frame.data, vec![10; 9]);
        r.next_frame(&mut frame).unwrap();
        assert_eq!(frame.data, vec![20; 9]);
        assert!((r.fps() - 29.97).abs() < 0.01);
    }

    #[test]
    fn bad_clips_name_file_and_frame() {
        let dir = temp_dir("bad");
        let cases: [(&str, &[u8], &str); 6] = [
            ("header.y4m", b"NOTY4M W2 H2\n", "malformed header"),
            (
                "zero.y4m",
                b"YUV4MPEG2 W0 H2 Cmono\n",
                "unusable frame size 0x2",
            ),
            (
                "colour.y4m",
                b"YUV4MPEG2 W2 H2 C444alpha\nFRAME\n",
                "unsupported colour space \"444alpha\"",
            ),
            (
                "short.y4m",
                b"YUV4MPEG2 W2 H2 Cmono\nFRAME\n\x01\x02\x03\x04FRAME\n\x01",
                "frame 1: truncated frame: 1 of 4 bytes",
            ),
            (
                "marker.y4m",
                b"YUV4MPEG2 W2 H2 Cmono\nFRAME\n\x01\x02\x03\x04GARBAGE\n",
                "frame 1: expected a FRAME marker",
            ),
            (
                "rate.y4m",
                b"YUV4MPEG2 W2 H2 F0:1 Cmono\n",
                "frame rate F0:1 is zero",
            ),
        ];
        for (name, bytes, expected) in cases {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            let message = match ClipReader::open(&path, 0.0) {
                Err(e) => e.to_string(),
                Ok(mut r) => {
                    let mut frame = OwnedFrame::default();
                    loop {
                        match r.next_frame(&mut frame) {
                            Err(e) => break e.to_string(),
                            Ok(false) => panic!("{name} read without error"),
                            Ok(true) => {}
                        }
                    }
                }
            };
            assert!(message.contains(name), "{message}");
            assert!(message.contains(expected), "{name}: {message}");
        }
        let missing = ClipReader::open(&dir.join("missing.y4m"), 0.0)
            .unwrap_err()
            .to_string();
        assert!(
            missing.contains("missing.y4m") && missing.contains("No such file"),
            "{missing}"
        );
    }

    #[test]
    fn pgm_folders_read_in_name_order() {
        let dir = temp_dir("pgm");
        std::fs::write(dir.join("b.pgm"), b"P5\n2 1\n255\n\x07\x08").unwrap();
        std::fs::write(dir.join("a.pgm"), b"P2\n# comment\n2 1\n15\n15 0\n").unwrap();
        std::fs::write(dir.join("notes.txt"), b"ignored").unwrap();
        let mut r = ClipReader::open(&dir, 10.0).unwrap();
        let mut frame = OwnedFrame::default();
        assert!(r.next_frame(&mut frame).unwrap());
        assert_eq!(frame.data, [255, 0]);
        assert!(r.next_frame(&mut frame).unwrap());
        assert_eq!(
            (frame.data.as_slice(), frame.timestamp),
            (&[7u8, 8][..], Duration::from_millis(100))
        );
        assert!(!r.next_frame(&mut frame).unwrap());
        std::fs::write(dir.join("c.pgm"), b"P5\n3 1\n255\n\x01\x02\x03").unwrap();
        let mut r = ClipReader::open(&dir, 10.0).unwrap();
        r.next_frame(&mut frame).unwrap();
        r.next_frame(&mut frame).unwrap();
        let err = r.next_frame(&mut frame).unwrap_err().to_string();
        assert!(err.contains("c.pgm: frame 2: size 3x1 differs"), "{err}");
        let empty = temp_dir("empty");
        assert!(
            ClipReader::open(&empty, 10.0)
                .unwrap_err()
                .to_string()
                .contains("no .pgm files")
        );
    }
}

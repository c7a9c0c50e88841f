//! One mistake in one file, with where it is and what is allowed; and the list of them.

use core::fmt;

use super::outline::Outline;
use super::position::Position;

/// One mistake in one hand-edited file: the file, line, column and field it is in, what kind
/// of mistake it is (`K`, each format has its own list), and what is wrong and allowed.
///
/// Why generic over the kind: the level files, the kiosk config and the session logs word and
/// place their mistakes alike, but each tells its callers apart by its own kinds.
///
/// Displays as `kiosk-config/kiosk.ron:14:9: audio.cap: must be between 0 and 1, found 1.5`;
/// the position or field is left out when there is none.
///
/// # Examples
/// ```
/// use wigglewoods::ron_diag::{Diagnostic, Position};
/// let error = Diagnostic {
///     file: "kiosk-config/kiosk.ron".to_owned(),
///     position: Some(Position { line: 14, column: 9 }),
///     field: Some("audio.cap".to_owned()),
///     kind: (),
///     message: "must be between 0 and 1, found 1.5".to_owned(),
/// };
/// assert_eq!(
///     error.to_string(),
///     "kiosk-config/kiosk.ron:14:9: audio.cap: must be between 0 and 1, found 1.5"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic<K> {
    /// The file as shown to staff, e.g. `kiosk-config/kiosk.ron`.
    pub file: String,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// The field path, e.g. `audio.cap` or `session.playlist[2]`, when the mistake is in one
    /// field.
    pub field: Option<String>,
    /// What kind of mistake.
    pub kind: K,
    /// What is wrong and what is allowed, e.g. `must be between 0 and 1, found 1.5`.
    pub message: String,
}

impl<K> Diagnostic<K> {
    /// An error about the whole file (missing, unreadable), with no position or field.
    pub fn whole_file(file: impl Into<String>, kind: K, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            position: None,
            field: None,
            kind,
            message: message.into(),
        }
    }

    /// An error about one field, placed where the outline finds that field (or its nearest
    /// written ancestor): how value checks, which know only the path, get their line.
    pub fn at_field(
        file: impl Into<String>,
        outline: &Outline<'_>,
        field: impl Into<String>,
        kind: K,
        message: impl Into<String>,
    ) -> Self {
        let field = field.into();
        Diagnostic {
            file: file.into(),
            position: outline.position_of(&field),
            field: Some(field),
            kind,
            message: message.into(),
        }
    }
}

impl<K> fmt::Display for Diagnostic<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl<K: fmt::Debug> std::error::Error for Diagnostic<K> {}

/// Every mistake found in one file (never empty), in file order. Displays one per line.
///
/// Why a list: staff fix a file in one go when they see every mistake at once; and why never
/// empty: "no mistakes" is the `Ok` of a `Result`, not an empty error.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostics<K>(Vec<Diagnostic<K>>);

impl<K> Diagnostics<K> {
    /// Wraps one error.
    pub fn one(error: Diagnostic<K>) -> Self {
        Diagnostics(vec![error])
    }

    /// Wraps several errors, sorted into file order (those without a position last, the
    /// order found kept among equals); `None` when there are none.
    pub fn from_vec(mut errors: Vec<Diagnostic<K>>) -> Option<Self> {
        if errors.is_empty() {
            return None;
        }
        errors.sort_by_key(|e| {
            e.position
                .map_or((usize::MAX, usize::MAX), |p| (p.line, p.column))
        });
        Some(Diagnostics(errors))
    }

    /// The errors, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic<K>> {
        self.0.iter()
    }

    /// The first error in the file.
    pub fn first(&self) -> &Diagnostic<K> {
        // Never empty: built by `one` or a non-empty `from_vec`.
        &self.0[0]
    }

    /// How many errors (at least one).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: there is at least one error.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The errors, in file order, to keep or pass on.
    pub fn into_vec(self) -> Vec<Diagnostic<K>> {
        self.0
    }
}

impl<'a, K> IntoIterator for &'a Diagnostics<K> {
    type Item = &'a Diagnostic<K>;
    type IntoIter = core::slice::Iter<'a, Diagnostic<K>>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<K> fmt::Display for Diagnostics<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl<K: fmt::Debug> std::error::Error for Diagnostics<K> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize, field: &str) -> Diagnostic<u8> {
        Diagnostic {
            file: "f.ron".into(),
            position: Some(Position { line, column }),
            field: Some(field.into()),
            kind: 0,
            message: "wrong".into(),
        }
    }

    #[test]
    fn errors_sort_into_file_order() {
        let whole = Diagnostic::whole_file("f.ron", 1, "is missing");
        let errors = Diagnostics::from_vec(vec![
            whole.clone(),
            at(9, 1, "b"),
            at(2, 5, "a"),
            at(9, 1, "c"),
        ])
        .unwrap();
        let fields: Vec<_> = errors.iter().map(|e| e.field.clone()).collect();
        assert_eq!(
            fields,
            [Some("a".into()), Some("b".into()), Some("c".into()), None]
        );
        assert_eq!(errors.len(), 4);
        assert!(!errors.is_empty());
        assert_eq!(
            errors.to_string(),
            "f.ron:2:5: a: wrong\nf.ron:9:1: b: wrong\nf.ron:9:1: c: wrong\nf.ron: is missing"
        );
        assert!(Diagnostics::<u8>::from_vec(Vec::new()).is_none());
        assert_eq!(Diagnostics::one(whole.clone()).first(), &whole);
        assert_eq!((&errors).into_iter().count(), 4);
        assert_eq!(errors.into_vec().len(), 4);
    }

    #[test]
    fn at_field_takes_the_outline_position() {
        let text = "(\n  audio: (cap: 2),\n)";
        let outline = Outline::new(text);
        let e = Diagnostic::at_field("k.ron", &outline, "audio.cap", (), "too loud");
        assert_eq!(e.to_string(), "k.ron:2:11: audio.cap: too loud");
        let e = Diagnostic::at_field("k.ron", &outline, "audio.volume", (), "is missing");
        assert_eq!(e.position, Some(Position { line: 2, column: 3 }));
    }
}

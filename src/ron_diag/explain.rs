//! A ron error, placed in its field and said in plain words.
//!
//! ron knows where it stopped and why, in the words of a parser ("Expected float"). Staff need
//! the field, and what that field may hold ("must be a number between 0 and 1, found
//! `loud`"). The format describes its fields through [`Schema`]; [`explain`] does the rest.

use ron::error::{Error as RonError, SpannedError};

use super::outline::Outline;
use super::path;
use super::position::{Position, offset_of};
use super::suggest::unknown_name;

/// What a format says about its fields, so that ron's errors can say what is allowed.
///
/// Paths are as the outline writes them (`audio.cap`, `session.playlist[2]`); formats with
/// lists look them up under [`path::generic`]. Every method may answer `None` for a path it
/// does not know: the message is then plainer, never wrong.
pub trait Schema {
    /// What the value at `path` must be, worded to follow "must be": `a number between 0 and
    /// 1`.
    fn expected(&self, path: &str) -> Option<String>;

    /// What to say about a missing field, worded to follow the field's path: `is missing: add
    /// `cap: 0.8,` (the loudest the kiosk may play, 0 to 1)`.
    fn missing(&self, path: &str) -> Option<String> {
        let _ = path;
        None
    }

    /// What the names allowed at `path` are called (`game`, `profile`): used in "unknown game
    /// `frog_hopp`".
    fn noun(&self, path: &str) -> &'static str {
        let _ = path;
        "name"
    }

    /// The range of the whole number at `path`, worded to follow "must be": `between 1 and
    /// 3650`. `Some` also tells that a fraction there is a wrong type, not a syntax mistake.
    fn whole_range(&self, path: &str) -> Option<String> {
        let _ = path;
        None
    }

    /// Whether the value at `path` must be kept out of messages (a PIN: messages reach the
    /// staff screen, which families may see).
    fn is_secret(&self, path: &str) -> bool {
        let _ = path;
        false
    }
}

/// What kind of mistake ron stopped at. Each format maps these onto its own kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FaultKind {
    /// Not valid RON: a missing comma or bracket, an unclosed comment.
    Syntax,
    /// A field name the format does not have (often a typo).
    UnknownField,
    /// A name that is not one of the allowed ones (a game, a profile).
    UnknownName,
    /// A value of the wrong kind: text where a number belongs, a fraction for a count.
    WrongType,
    /// A required field is not there.
    MissingField,
    /// The same field given twice.
    DuplicateField,
    /// A whole number beyond what its field can hold (a negative count).
    OutOfRange,
    /// A value its own type rejected, with that type's message (a malformed time of day).
    Invalid,
    /// The file is not UTF-8 text.
    NotUtf8,
}

/// A ron error placed in the text and worded for staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// What kind of mistake.
    pub kind: FaultKind,
    /// Where: the value itself for type and range mistakes, ron's own position otherwise.
    pub position: Position,
    /// The field path the mistake is in, when it is in one.
    pub field: Option<String>,
    /// What is wrong and what is allowed.
    pub message: String,
}

/// Explains ron's error `error` about `outline`'s text in terms of the format's `schema`.
///
/// Never panics, whatever the text and error.
///
/// # Examples
/// ```
/// use wigglewoods::ron_diag::{FaultKind, Outline, Schema, explain};
///
/// struct Audio;
/// impl Schema for Audio {
///     fn expected(&self, path: &str) -> Option<String> {
///         (path == "cap").then(|| "a number between 0 and 1".to_owned())
///     }
/// }
///
/// #[derive(serde::Deserialize)]
/// #[allow(dead_code)]
/// struct Settings { cap: f32 }
///
/// let text = "(cap: loud)";
/// let error = ron::from_str::<Settings>(text).err().unwrap();
/// let fault = explain(&Outline::new(text), &error, &Audio);
/// assert_eq!(fault.kind, FaultKind::WrongType);
/// assert_eq!(fault.field.as_deref(), Some("cap"));
/// assert_eq!(fault.position.column, 7);
/// assert_eq!(fault.message, "must be a number between 0 and 1, found `loud`");
/// ```
pub fn explain(outline: &Outline<'_>, error: &SpannedError, schema: &dyn Schema) -> Fault {
    let text = outline.text();
    let position = Position::from(error.span.start);
    let offset = offset_of(text, position);
    let here = outline.path_at(offset);
    let expected = (!here.is_empty()).then(|| schema.expected(&here)).flatten();
    let whole_range = (!here.is_empty())
        .then(|| schema.whole_range(&here))
        .flatten();
    let secret = !here.is_empty() && schema.is_secret(&here);
    // The text ron complains about, for "found ...": the field's whole value where known.
    let found = || {
        outline.value_text(&here).unwrap_or_else(|| {
            let end = offset_of(text, error.span.end.into()).max(offset);
            text.get(offset..end).unwrap_or("").trim().to_owned()
        })
    };
    let must_be = |what: &str| {
        if secret {
            format!("must be {what}")
        } else {
            format!("must be {what}, found `{}`", found())
        }
    };
    let mut field = (!here.is_empty()).then(|| here.clone());
    let (kind, message) = match &error.code {
        RonError::NoSuchStructField {
            expected, found, ..
        } => (
            FaultKind::UnknownField,
            unknown_name("field", found, expected),
        ),
        RonError::NoSuchEnumVariant {
            expected, found, ..
        } => (
            FaultKind::UnknownName,
            unknown_name(schema.noun(&here), found, expected),
        ),
        RonError::MissingStructField { field: name, .. } => {
            let missing = path::join(&here, name);
            let message = schema
                .missing(&missing)
                .unwrap_or_else(|| "is missing".to_owned());
            field = Some(missing);
            (FaultKind::MissingField, message)
        }
        RonError::DuplicateStructField { .. } => (
            FaultKind::DuplicateField,
            "is given twice: keep only one".to_owned(),
        ),
        // `apples: 6.5`: ron reads the whole number 6 and then wants a comma at the `.`.
        RonError::ExpectedComma
            if text.get(offset..).is_some_and(|t| t.starts_with('.'))
                && whole_range.is_some()
                && expected.is_some() =>
        {
            (
                FaultKind::WrongType,
                must_be(expected.as_deref().unwrap_or("a whole number")),
            )
        }
        RonError::IntegerOutOfBounds if whole_range.is_some() => (
            FaultKind::OutOfRange,
            if secret {
                format!("must be {}", whole_range.as_deref().unwrap_or(""))
            } else {
                format!(
                    "must be {}, found {}",
                    whole_range.as_deref().unwrap_or(""),
                    found()
                )
            },
        ),
        code if is_type_mistake(code) && expected.is_some() => (
            FaultKind::WrongType,
            must_be(expected.as_deref().unwrap_or("")),
        ),
        RonError::Message(message) => (FaultKind::Invalid, message.clone()),
        RonError::ExpectedComma => (
            FaultKind::Syntax,
            match &field {
                Some(f) => format!(
                    "expected a comma `,` after the value of `{}`",
                    path::leaf(f)
                ),
                None => "expected a comma `,` here".to_owned(),
            },
        ),
        RonError::Eof => {
            field = None;
            (
                FaultKind::Syntax,
                "the file ends too early: a closing bracket `)` is probably missing".to_owned(),
            )
        }
        RonError::UnclosedBlockComment => (
            FaultKind::Syntax,
            "a `/*` comment is never closed with `*/`".to_owned(),
        ),
        RonError::TrailingCharacters => {
            field = None;
            (
                FaultKind::Syntax,
                "unexpected text after the file's last closing bracket `)`".to_owned(),
            )
        }
        RonError::ExpectedStructLikeEnd => (
            FaultKind::Syntax,
            "expected a comma `,` or a closing bracket `)` here".to_owned(),
        ),
        RonError::ExpectedArrayEnd => (
            FaultKind::Syntax,
            "expected a comma `,` or a closing bracket `]` here".to_owned(),
        ),
        RonError::Utf8Error(_) => {
            field = None;
            (
                FaultKind::NotUtf8,
                "the file is not UTF-8 text: save it as plain text (UTF-8)".to_owned(),
            )
        }
        code => (FaultKind::Syntax, format!("{code}")),
    };
    // ron places a type error on the whitespace before the value or the digit after a sign;
    // point at the value itself. A missing field keeps ron's position, the closing bracket of
    // its block: that is where the field should be added.
    let position = match kind {
        FaultKind::WrongType | FaultKind::OutOfRange | FaultKind::Invalid => {
            outline.scalar_value_start(&here).unwrap_or(position)
        }
        _ => position,
    };
    Fault {
        kind,
        position,
        field,
        message,
    }
}

/// Whether ron's error means "this value is not of the kind the field holds".
fn is_type_mistake(code: &RonError) -> bool {
    matches!(
        code,
        RonError::ExpectedInteger
            | RonError::ExpectedFloat
            | RonError::ExpectedBoolean
            | RonError::ExpectedString
            | RonError::ExpectedStringEnd
            | RonError::ExpectedChar
            | RonError::ExpectedArray
            | RonError::ExpectedMap
            | RonError::ExpectedUnit
            | RonError::ExpectedOption
            | RonError::ExpectedIdentifier
            | RonError::ExpectedStructLike
            | RonError::ExpectedNamedStructLike(_)
            | RonError::ExpectedDifferentStructName { .. }
            | RonError::ExpectedDifferentLength { .. }
            | RonError::InvalidValueForType { .. }
            | RonError::IntegerOutOfBounds
            | RonError::InvalidIntegerDigit { .. }
            | RonError::SuggestRawIdentifier(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        count: u32,
        level: f32,
        names: Vec<Colour>,
        code: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Colour {
        Red,
        Green,
    }

    struct SampleSchema;

    impl Schema for SampleSchema {
        fn expected(&self, path: &str) -> Option<String> {
            match path::generic(path).as_str() {
                "count" => Some("a whole number between 1 and 9".into()),
                "level" => Some("a number between 0 and 1".into()),
                "names" => Some("a list of colours, like [red]".into()),
                "names[]" => Some("a colour: red or green".into()),
                "code" => Some("digits in quotes".into()),
                _ => None,
            }
        }
        fn missing(&self, path: &str) -> Option<String> {
            (path == "code").then(|| "is missing: add `code: \"1234\",`".into())
        }
        fn noun(&self, _path: &str) -> &'static str {
            "colour"
        }
        fn whole_range(&self, path: &str) -> Option<String> {
            (path == "count").then(|| "between 1 and 9".into())
        }
        fn is_secret(&self, path: &str) -> bool {
            path == "code"
        }
    }

    const GOOD: &str =
        "(\n    count: 3,\n    level: 0.5,\n    names: [red, green],\n    code: \"1234\",\n)";

    fn fault(text: &str) -> Fault {
        let error = ron::from_str::<Sample>(text).expect_err("a mistake");
        explain(&Outline::new(text), &error, &SampleSchema)
    }

    fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    #[test]
    fn the_sample_parses() {
        assert!(ron::from_str::<Sample>(GOOD).is_ok());
    }

    #[test]
    fn type_mistakes_point_at_the_value() {
        let f = fault(&GOOD.replace("level: 0.5", "level: \"half\""));
        assert_eq!(f.kind, FaultKind::WrongType);
        assert_eq!(f.position, at(3, 12));
        assert_eq!(
            f.message,
            "must be a number between 0 and 1, found `\"half\"`"
        );

        let f = fault(&GOOD.replace("count: 3", "count: 3.5"));
        assert_eq!(f.kind, FaultKind::WrongType);
        assert_eq!(f.field.as_deref(), Some("count"));
        assert_eq!(f.position, at(2, 12));

        let f = fault(&GOOD.replace("count: 3", "count: -3"));
        assert_eq!(f.kind, FaultKind::OutOfRange);
        assert_eq!(f.message, "must be between 1 and 9, found -3");

        let f = fault(&GOOD.replace("[red, green]", "[red, 3]"));
        assert_eq!(f.kind, FaultKind::WrongType);
        assert_eq!(f.field.as_deref(), Some("names[1]"));
        assert_eq!(f.position, at(4, 18));
        assert_eq!(f.message, "must be a colour: red or green, found `3`");
    }

    #[test]
    fn unknown_names_and_fields_get_a_suggestion() {
        let f = fault(&GOOD.replace("green]", "gren]"));
        assert_eq!(f.kind, FaultKind::UnknownName);
        assert_eq!(f.field.as_deref(), Some("names[1]"));
        assert_eq!(f.position, at(4, 18));
        assert_eq!(f.message, "unknown colour `gren`; did you mean `green`?");

        let f = fault(&GOOD.replace("level:", "levle:"));
        assert_eq!(f.kind, FaultKind::UnknownField);
        assert_eq!(f.field.as_deref(), Some("levle"));
        assert_eq!(f.position, at(3, 5));
        assert_eq!(f.message, "unknown field `levle`; did you mean `level`?");
    }

    #[test]
    fn secrets_stay_out_of_messages() {
        let f = fault(&GOOD.replace("\"1234\"", "1234"));
        assert_eq!(f.kind, FaultKind::WrongType);
        assert_eq!(f.message, "must be digits in quotes");
    }

    #[test]
    fn missing_and_duplicate_fields() {
        let f = fault(&GOOD.replace("    code: \"1234\",\n", ""));
        assert_eq!(f.kind, FaultKind::MissingField);
        assert_eq!(f.field.as_deref(), Some("code"));
        assert_eq!(f.message, "is missing: add `code: \"1234\",`");

        let f = fault(&GOOD.replace("count: 3,", "count: 3, count: 4,"));
        assert_eq!(f.kind, FaultKind::DuplicateField);
        assert_eq!(f.field.as_deref(), Some("count"));
    }

    #[test]
    fn syntax_mistakes() {
        let f = fault(&GOOD.replace("count: 3,", "count: 3"));
        assert_eq!(f.kind, FaultKind::Syntax);
        assert_eq!(f.message, "expected a comma `,` after the value of `count`");
        assert_eq!(f.position, at(3, 5));

        let f = fault(GOOD.trim_end_matches(')'));
        assert_eq!(f.kind, FaultKind::Syntax);
        assert!(f.message.contains("closing bracket"), "{}", f.message);

        let f = fault(&format!("{GOOD} x"));
        assert_eq!(f.field, None);
        assert!(f.message.contains("after the file's last"), "{}", f.message);

        let f = fault(&format!("/* {GOOD}"));
        assert!(f.message.contains("never closed"), "{}", f.message);
    }

    #[test]
    fn every_kind_of_broken_text_is_explained_without_panicking() {
        for cut in 0..GOOD.len() {
            let text = &GOOD[..cut];
            if let Err(error) = ron::from_str::<Sample>(text) {
                let f = explain(&Outline::new(text), &error, &SampleSchema);
                assert!(!f.message.is_empty());
            }
        }
    }
}

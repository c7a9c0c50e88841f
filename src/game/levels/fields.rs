//! What a field of a level file can hold: the table each game declares for its settings,
//! read by the range checks, the error messages and the tests.

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueKind {
    /// A whole number in `min..=max`.
    Whole(u32, u32),
    /// A number in `min..=max`.
    Number(f32, f32),
    /// Two numbers, each in `min..=max`, the first not larger.
    Pair(f32, f32),
    /// A game name.
    Game,
    /// A block of fields in brackets.
    Block,
}

/// Which way a setting makes its game easier, so that a test can hold every level file to
/// "bed easiest, standing hardest".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Easier {
    /// A smaller value is easier (fewer apples).
    Lower,
    /// A larger value is easier (a bigger brush).
    Higher,
    /// Neither way (how long the dancing lasts).
    Neither,
}

/// A field of a level file: what it holds, what it is for, a value to suggest.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The name in the file.
    pub name: &'static str,
    /// What it holds, with its range.
    pub kind: ValueKind,
    /// What it is for, in a few words.
    pub about: &'static str,
    /// A value to suggest when it is missing.
    pub example: &'static str,
    /// Which way is easier.
    pub easier: Easier,
}

/// A field's value, for the range checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldValue {
    /// A count.
    Whole(u32),
    /// A number.
    Number(f32),
    /// Two numbers, shortest first.
    Pair(f32, f32),
}

impl From<u32> for FieldValue {
    fn from(v: u32) -> Self {
        FieldValue::Whole(v)
    }
}

impl From<f32> for FieldValue {
    fn from(v: f32) -> Self {
        FieldValue::Number(v)
    }
}

impl From<(f32, f32)> for FieldValue {
    fn from((a, b): (f32, f32)) -> Self {
        FieldValue::Pair(a, b)
    }
}

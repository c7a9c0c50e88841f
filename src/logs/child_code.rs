//! Child codes: the ward's pseudonymous codes, and the refusal of anything that looks like a
//! name or a date of birth, so that no identity ever reaches a log.
//!
//! The one rule: the launcher and `--autostart child=` check what staff type with [`check`],
//! the recorder writes only codes that pass it, and a log read back is held to it too. A log
//! written under an older, looser rule still reads and exports, its code marked by
//! [`shown`] as not a ward code.

/// Why a code was refused, in words for the play specialist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeProblem {
    /// Too short or too long.
    #[error("a child code has 3 to 10 letters and digits")]
    Length,
    /// Spaces, punctuation (other than '-') or accents.
    #[error("a child code uses only letters A-Z, digits and '-'")]
    Characters,
    /// No digit at all: that is how names look.
    #[error("this looks like a name: ward codes mix letters and digits (e.g. K7Q2)")]
    NoDigit,
    /// Four letters or more in a row: part of a name.
    #[error("this looks like a name: codes never have four letters in a row")]
    LettersInARow,
    /// A date (of birth) such as 120315, 12032015 or 2015-03-12.
    #[error("this looks like a date of birth: use the ward's code instead")]
    LooksLikeDate,
}

/// Checks a code typed in the launcher and returns it in its stored form (upper case,
/// trimmed). An empty code is allowed: the session is then logged without one.
///
/// # Examples
/// ```
/// use wigglewoods::logs::child_code::{check, CodeProblem};
/// assert_eq!(check(" k7q2 ").unwrap(), "K7Q2");
/// assert_eq!(check("Anna"), Err(CodeProblem::NoDigit));
/// assert_eq!(check("ANNA7"), Err(CodeProblem::LettersInARow));
/// assert_eq!(check("12032015"), Err(CodeProblem::LooksLikeDate));
/// ```
pub fn check(typed: &str) -> Result<String, CodeProblem> {
    let code = typed.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Ok(code);
    }
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(CodeProblem::Characters);
    }
    if !(3..=10).contains(&code.len()) {
        return Err(CodeProblem::Length);
    }
    if looks_like_date(&code) {
        return Err(CodeProblem::LooksLikeDate);
    }
    if !code.chars().any(|c| c.is_ascii_digit()) {
        return Err(CodeProblem::NoDigit);
    }
    let mut run = 0;
    for c in code.chars() {
        run = if c.is_ascii_alphabetic() { run + 1 } else { 0 };
        if run >= 4 {
            return Err(CodeProblem::LettersInARow);
        }
    }
    Ok(code)
}

/// Whether a text is a child code in its stored form: it passes [`check`] unchanged (upper
/// case, trimmed, not empty).
pub fn is_child_code(code: &str) -> bool {
    !code.is_empty() && check(code).is_ok_and(|stored| stored == code)
}

/// How an export shows a log's code: the code itself when it is a ward code, otherwise
/// marked as not one (a log from before the one rule). A text that could be anything but a
/// short reference (spaces, other characters, long) is withheld rather than shown.
pub fn shown(code: &str) -> String {
    if is_child_code(code) {
        return code.to_owned();
    }
    let harmless = code.len() <= 32
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if harmless {
        format!("{code} (not a ward code)")
    } else {
        "(withheld: not a ward code)".to_owned()
    }
}

/// Whether the digits of a code could be a date: DDMMYY, DDMMYYYY, YYYYMMDD, or with '-'.
fn looks_like_date(code: &str) -> bool {
    let digits: String = code.chars().filter(|c| c.is_ascii_digit()).collect();
    let only_digits_and_dashes = code.chars().all(|c| c.is_ascii_digit() || c == '-');
    if !only_digits_and_dashes {
        return false;
    }
    let n = |s: &str| s.parse::<u32>().unwrap_or(0);
    let day_month = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
    match digits.len() {
        6 => {
            day_month(n(&digits[0..2]), n(&digits[2..4]))
                || day_month(n(&digits[4..6]), n(&digits[2..4]))
        }
        8 => {
            let ddmmyyyy = day_month(n(&digits[0..2]), n(&digits[2..4]))
                && (1900..=2100).contains(&n(&digits[4..8]));
            let yyyymmdd = (1900..=2100).contains(&n(&digits[0..4]))
                && day_month(n(&digits[6..8]), n(&digits[4..6]));
            ddmmyyyy || yyyymmdd
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ward_codes_pass() {
        for code in ["K7Q2", "b12-x", "A1B2C3", "ZZ9", "W4-0017"] {
            assert!(check(code).is_ok(), "{code}");
        }
        assert_eq!(check("").unwrap(), "");
    }

    #[test]
    fn names_and_birthdays_are_refused() {
        assert_eq!(check("Tom"), Err(CodeProblem::NoDigit));
        assert_eq!(check("Ella Smith"), Err(CodeProblem::Characters));
        assert_eq!(check("OLIVER2"), Err(CodeProblem::LettersInARow));
        assert_eq!(check("120315"), Err(CodeProblem::LooksLikeDate));
        assert_eq!(check("2015-03-12"), Err(CodeProblem::LooksLikeDate));
        assert_eq!(check("12/03/15"), Err(CodeProblem::Characters));
        assert_eq!(check("K7"), Err(CodeProblem::Length));
        assert_eq!(check("Zoë5"), Err(CodeProblem::Characters));
    }

    #[test]
    fn stored_codes_are_the_checked_form() {
        assert!(is_child_code("K7Q2"));
        assert!(!is_child_code("k7q2"), "stored codes are upper case");
        assert!(!is_child_code(" K7Q2"));
        assert!(!is_child_code(""));
        assert!(!is_child_code("ward-3_child-042"), "the older, looser rule");
    }

    #[test]
    fn older_codes_are_shown_as_such_and_odd_ones_withheld() {
        assert_eq!(shown("K7Q2"), "K7Q2");
        assert_eq!(
            shown("ward-3_child-042"),
            "ward-3_child-042 (not a ward code)"
        );
        assert_eq!(shown("Alice Smith"), "(withheld: not a ward code)");
    }
}

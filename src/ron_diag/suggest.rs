//! "Did you mean": the known name nearest to a mistyped one.

/// The known name closest to `found`, if it is close enough to be a likely typo. Case is
/// ignored when comparing; a name that starts with what was typed (three characters or more)
/// counts as close too.
///
/// Why: most mistakes in hand-edited files are one or two letters off, and naming the right
/// word fixes them faster than listing every allowed one.
///
/// # Examples
/// ```
/// use wigglewoods::ron_diag::did_you_mean;
/// let known = ["volume", "cap", "quiet_hours", "quiet_volume"];
/// assert_eq!(did_you_mean("volum", &known), Some("volume"));
/// assert_eq!(did_you_mean("Cap", &known), Some("cap"));
/// assert_eq!(did_you_mean("colour", &known), None);
/// ```
pub fn did_you_mean<'a>(found: &str, known: &[&'a str]) -> Option<&'a str> {
    let found_lower = found.to_lowercase();
    known
        .iter()
        .map(|&k| (k, k.to_lowercase()))
        .map(|(k, k_lower)| (edit_distance(&found_lower, &k_lower), k, k_lower))
        .filter(|(d, k, k_lower)| {
            let allowed = (k.chars().count().max(found.chars().count()) / 3).max(1);
            *d <= allowed
                || (found_lower.chars().count() >= 3 && k_lower.starts_with(found_lower.as_str()))
        })
        .min_by_key(|&(d, _, _)| d)
        .map(|(_, k, _)| k)
}

/// Edit distance between two strings, in characters: how many single-character insertions,
/// deletions, substitutions or swaps of two neighbours turn one into the other (the optimal
/// string alignment distance). Swaps count once because `levle` for `level` is the commonest
/// slip of a typing hand.
///
/// # Examples
/// ```
/// use wigglewoods::ron_diag::edit_distance;
/// assert_eq!(edit_distance("retension_days", "retention_days"), 1);
/// assert_eq!(edit_distance("levle", "level"), 1);
/// assert_eq!(edit_distance("cap", "volume"), 6);
/// ```
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Rows i-2, i-1 and i of the distance table.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 0..a.len() {
        current[0] = i + 1;
        for j in 0..b.len() {
            let substitute = previous[j] + usize::from(a[i] != b[j]);
            let mut best = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                best = best.min(before[j - 1] + 1);
            }
            current[j + 1] = best;
        }
        core::mem::swap(&mut before, &mut previous);
        core::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The message for a name that is not one of `known`: `unknown game `frog_hopp`; did you mean
/// `frog_hop`?`, or, with nothing close, the whole list (`unknown field `colour`; the fields
/// here are: a, b`).
///
/// `noun` says what the names are (`field`, `game`, `key`). Why shared: every file format
/// words this mistake the same way, so staff learn one pattern.
///
/// # Examples
/// ```
/// use wigglewoods::ron_diag::unknown_name;
/// assert_eq!(
///     unknown_name("game", "frog_hopp", &["apple_shake", "frog_hop"]),
///     "unknown game `frog_hopp`; did you mean `frog_hop`?"
/// );
/// assert_eq!(
///     unknown_name("field", "colour", &["x", "y"]),
///     "unknown field `colour`; the fields here are: x, y"
/// );
/// ```
pub fn unknown_name(noun: &str, found: &str, known: &[&str]) -> String {
    match did_you_mean(found, known) {
        Some(best) => format!("unknown {noun} `{found}`; did you mean `{best}`?"),
        None if noun == "field" => format!(
            "unknown field `{found}`; the fields here are: {}",
            known.join(", ")
        ),
        None => format!(
            "unknown {noun} `{found}`; the {noun}s are: {}",
            known.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("apples", "apples"), 0);
        assert_eq!(edit_distance("é", "e"), 1);
    }

    #[test]
    fn suggestions() {
        let known = ["apples", "pads", "brush", "freeze_seconds"];
        assert_eq!(did_you_mean("aples", &known), Some("apples"));
        assert_eq!(did_you_mean("Brush", &known), Some("brush"));
        assert_eq!(did_you_mean("freeze", &known), Some("freeze_seconds"));
        assert_eq!(did_you_mean("colour", &known), None);
        assert_eq!(did_you_mean("", &known), None);
        assert_eq!(did_you_mean("x", &[]), None);
        // Known names with capitals (key names) are matched whatever the case typed.
        assert_eq!(
            did_you_mean("controlleft", &["ControlLeft", "ShiftLeft"]),
            Some("ControlLeft")
        );
    }

    #[test]
    fn unknown_names_list_the_choices_when_nothing_is_close() {
        assert_eq!(
            unknown_name("profile", "lying", &["standing", "seated", "bed"]),
            "unknown profile `lying`; the profiles are: standing, seated, bed"
        );
    }
}

//! Field paths as diagnostics write them: `audio.cap`, `session.playlist[2]`,
//! `input.ignore[0].w`.
//!
//! A path names one value in a RON file: struct fields are joined with `.`, list elements get
//! their index in brackets (from 0). The outline produces these paths and the checks of each
//! file format produce the same ones, so an error found either way lands on the same line.

/// `parent.name`, or `name` at the top level: how the outline and the checks build paths.
pub fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

/// `parent[index]`: the path of a list element.
pub fn element(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// The last field name of a path, list indices dropped: `cap` of `audio.cap`, `playlist` of
/// `session.playlist[2]`. Messages quote it, and formats whose field names are unique look
/// their rules up by it.
///
/// # Examples
/// ```
/// use wigglewoods::ron_diag::path;
/// assert_eq!(path::leaf("difficulty.bed.apples"), "apples");
/// assert_eq!(path::leaf("session.playlist[2]"), "playlist");
/// ```
pub fn leaf(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.split('[').next().unwrap_or(last)
}

/// The path with every list index emptied (`input.ignore[3].w` gives `input.ignore[].w`): the
/// form under which a format writes the rules of its list elements once for all.
///
/// # Examples
/// ```
/// use wigglewoods::ron_diag::path;
/// assert_eq!(path::generic("input.ignore[3].w"), "input.ignore[].w");
/// assert_eq!(path::generic("audio.cap"), "audio.cap");
/// ```
pub fn generic(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// The enclosing path: `input.ignore[0]` of `input.ignore[0].w`, `session.playlist` of
/// `session.playlist[2]`, `None` at the top. Lets a position fall back to the nearest value
/// that is written in the file.
pub fn parent(path: &str) -> Option<&str> {
    if path.ends_with(']')
        && let Some(open) = path.rfind('[')
    {
        return Some(&path[..open]);
    }
    path.rfind('.').map(|dot| &path[..dot])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_build_and_take_apart() {
        let list = join("session", "playlist");
        assert_eq!(list, "session.playlist");
        let item = element(&list, 2);
        assert_eq!(item, "session.playlist[2]");
        assert_eq!(parent(&item), Some("session.playlist"));
        assert_eq!(parent("session.playlist"), Some("session"));
        assert_eq!(parent("session"), None);
        assert_eq!(parent("input.ignore[0].w"), Some("input.ignore[0]"));
        assert_eq!(join("", "game"), "game");
        assert_eq!(leaf("game"), "game");
        assert_eq!(leaf("input.ignore[0].w"), "w");
        assert_eq!(generic("a[10][2].b"), "a[][].b");
    }
}

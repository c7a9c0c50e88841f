//! The few pieces of HTML the report is built from, escaped in one place so that no text
//! from a log (a ward's name, a reason) can become markup.

use std::fmt::Write;

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A table row of cells, each `(text, is_a_number)`: numbers are right-aligned.
pub fn row(html: &mut String, cells: &[(&str, bool)]) {
    html.push_str("<tr>");
    for (cell, number) in cells {
        let class = if *number { " class=\"n\"" } else { "" };
        let _ = write!(html, "<td{class}>{}</td>", escape(cell));
    }
    html.push_str("</tr>\n");
}

/// A table's header row.
pub fn head(html: &mut String, cells: &[&str]) {
    html.push_str("<tr>");
    for cell in cells {
        let _ = write!(html, "<th>{}</th>", escape(cell));
    }
    html.push_str("</tr>\n");
}

/// A sentence with its first letter in capitals, for a label that also appears mid-sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn rows_escape_and_align_numbers() {
        let mut html = String::new();
        head(&mut html, &["A<B"]);
        row(&mut html, &[("x&y", false), ("1.00", true)]);
        assert_eq!(
            html,
            "<tr><th>A&lt;B</th></tr>\n<tr><td>x&amp;y</td><td class=\"n\">1.00</td></tr>\n"
        );
        assert_eq!(capitalised("camera-active"), "Camera-active");
        assert_eq!(capitalised(""), "");
    }
}

//! The report's one stylesheet, inline in the file: on screen a readable column; on paper A4
//! pages, with no chart, table row or short section cut across two pages.

/// The CSS of the report.
pub const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;\
max-width:62rem;padding:0 1rem;color:#1d2a1f;line-height:1.45}\
h1{color:#2f6b3a;margin-bottom:.2rem}\
h2{color:#2f6b3a;border-bottom:2px solid #cfe3d2;padding-bottom:.2rem;margin-top:2rem}\
h3{color:#2f6b3a;margin:1.2rem 0 .3rem}\
.meta{color:#4b5a4e}table{border-collapse:collapse;margin:.5rem 0;width:100%}\
th,td{border:1px solid #cfd8d0;padding:.3rem .5rem;text-align:left}\
td.n{text-align:right;font-variant-numeric:tabular-nums}\
th{background:#eef6ef}tr:nth-child(even) td{background:#fafcfa}\
figure{margin:1.5rem 0}figure svg{display:block;width:100%;height:auto;border:1px solid #e3ebe4}\
figcaption{font-weight:600;margin-bottom:.3rem}.note{color:#4b5a4e;font-size:.92rem}\
.honest{border-left:4px solid #56b4e9;padding:.4rem .8rem;background:#f2f8fc}\
.warnings{border:2px solid #b35c00;background:#fff6e8;padding:.6rem 1rem;margin:1rem 0}\
.warnings h2{color:#8a3f00;border:none;margin-top:.2rem}\
tr.warn td{background:#fff1dc}\
.error{color:#8a1c1c}ul.camera{padding-left:1.2rem}ul.camera li{margin:.15rem 0}\
@page{size:A4;margin:14mm 12mm}\
@media print{body{margin:0;max-width:none;padding:0;font-size:10pt;color:#000}\
h2{margin-top:1.2rem;break-after:avoid}h3{break-after:avoid}\
figure,section.keep,.warnings,.honest,tr,li{break-inside:avoid}\
figure{margin:.8rem 0}figure svg{border:none;max-height:120mm}\
thead{display:table-header-group}th{background:#eee}tr:nth-child(even) td{background:none}\
tr.warn td{background:none;font-weight:600}}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_on_a4_without_cutting_charts() {
        assert!(STYLE.contains("@page{size:A4"));
        let print = &STYLE[STYLE.find("@media print").unwrap()..];
        assert!(print.contains("figure,section.keep"));
        assert!(print.contains("break-inside:avoid"));
        // Balanced braces: one stray brace and a browser drops the rest of the sheet.
        let opened = STYLE.matches('{').count();
        assert_eq!(opened, STYLE.matches('}').count());
        assert!(!STYLE.contains("url("), "nothing fetched");
    }
}

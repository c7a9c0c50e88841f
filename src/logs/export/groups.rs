//! The report's tables of sessions grouped by one thing (kiosk, ward, child code): with logs
//! from several kiosks a ward sees each kiosk and each ward apart, as well as the total.

use std::collections::{BTreeMap, BTreeSet};

use super::markup::{capitalised, head, row};
use super::{ExportSession, two};
use crate::logs::bands;
use crate::logs::time::Date;

/// The sums for one group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Group {
    /// Sessions in it.
    pub sessions: usize,
    /// Child codes in it (sessions without a code are not counted as a child).
    pub children: BTreeSet<String>,
    /// Minutes played.
    pub minutes: f64,
    /// The four bands' minutes, in [`bands::minutes`] order.
    pub bands: [f64; 4],
    /// Games played.
    pub games: usize,
    /// Sessions whose logs do not add up.
    pub warnings: usize,
    /// Start of the latest session, seconds since the epoch.
    pub last: i64,
}

impl Group {
    fn add(&mut self, s: &ExportSession) {
        self.sessions += 1;
        if let Some(code) = &s.log.child {
            self.children.insert(code.clone());
        }
        self.minutes += f64::from(s.log.duration_s()) / 60.0;
        for (sum, (_, m)) in self.bands.iter_mut().zip(bands::minutes(&s.log.totals)) {
            *sum += f64::from(m);
        }
        self.games += s.log.games.len();
        self.warnings += usize::from(!s.problems.is_empty());
        self.last = self.last.max(s.log.started_s);
    }
}

/// The sessions summed per key, keys in order.
pub fn grouped(
    sessions: &[ExportSession],
    key: impl Fn(&ExportSession) -> String,
) -> BTreeMap<String, Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for s in sessions {
        groups.entry(key(s)).or_default().add(s);
    }
    groups
}

/// A table of the groups under an `<h2>` `title`; the first column is headed `what`.
/// `children` adds a column of how many child codes each group saw (not for a table of
/// child codes, where it is always one).
pub fn group_table(
    html: &mut String,
    title: &str,
    what: &str,
    groups: &BTreeMap<String, Group>,
    children: bool,
) {
    html.push_str("<section>\n<h2>");
    html.push_str(&super::markup::escape(title));
    html.push_str("</h2>\n<table>\n<thead>\n");
    let mut header = vec![what, "Sessions"];
    if children {
        header.push("Children");
    }
    let active = capitalised(bands::ACTIVE.label);
    let labels = [
        capitalised(bands::GENTLE.label),
        capitalised(bands::LIVELY.label),
        capitalised(bands::VERY_LIVELY.label),
    ];
    header.extend(["Minutes played", active.as_str()]);
    header.extend(labels.iter().map(String::as_str));
    header.extend(["Games", "Sessions with warnings", "Last session"]);
    head(html, &header);
    html.push_str("</thead>\n<tbody>\n");
    for (name, g) in groups {
        let sessions = g.sessions.to_string();
        let kids = g.children.len().to_string();
        let minutes = two(g.minutes);
        let band: Vec<String> = g.bands.iter().map(|m| two(*m)).collect();
        let games = g.games.to_string();
        let warnings = g.warnings.to_string();
        let last = Date::from_epoch(g.last).to_string();
        let mut cells: Vec<(&str, bool)> = vec![(name.as_str(), false), (sessions.as_str(), true)];
        if children {
            cells.push((kids.as_str(), true));
        }
        cells.push((minutes.as_str(), true));
        cells.extend(band.iter().map(|b| (b.as_str(), true)));
        cells.extend([
            (games.as_str(), true),
            (warnings.as_str(), true),
            (last.as_str(), false),
        ]);
        row(html, &cells);
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::model::tests::sample_log;
    use std::path::PathBuf;

    fn session(kiosk: &str, ward: &str, child: Option<&str>) -> ExportSession {
        let mut log = sample_log();
        log.kiosk = kiosk.into();
        log.ward = ward.into();
        log.child = child.map(String::from);
        ExportSession::new(PathBuf::from("logs"), PathBuf::from("x.ron"), log)
    }

    #[test]
    fn sums_per_kiosk_and_per_ward() {
        let sessions = [
            session("kiosk-1", "Rainbow", Some("R17")),
            session("kiosk-1", "Rainbow", Some("R18")),
            session("kiosk-2", "Rainbow", Some("R17")),
            session("kiosk-3", "Sunflower", None),
        ];
        let kiosks = grouped(&sessions, |s| s.log.kiosk.clone());
        assert_eq!(
            kiosks.keys().collect::<Vec<_>>(),
            ["kiosk-1", "kiosk-2", "kiosk-3"]
        );
        let k1 = &kiosks["kiosk-1"];
        assert_eq!((k1.sessions, k1.children.len(), k1.games), (2, 2, 4));
        assert!((k1.bands[0] - 1.0).abs() < 1e-6, "{:?}", k1.bands);
        assert!((k1.minutes - 80.0 / 60.0).abs() < 1e-6);
        let wards = grouped(&sessions, |s| s.log.ward.clone());
        assert_eq!(wards["Rainbow"].sessions, 3);
        assert_eq!(wards["Rainbow"].children.len(), 2);
        assert_eq!(wards["Sunflower"].children.len(), 0);

        let mut html = String::new();
        group_table(&mut html, "By kiosk", "Kiosk", &kiosks, true);
        assert!(html.contains("<th>Camera-active minutes</th><th>Gentle</th><th>Lively</th>"));
        assert!(html.contains(
            "<tr><td>kiosk-1</td><td class=\"n\">2</td><td class=\"n\">2</td>\
             <td class=\"n\">1.33</td><td class=\"n\">1.00</td>"
        ));
        assert_eq!(html.matches("<tr><td>").count(), 3);
    }
}

//! What the report calls the minutes of a log's [`Totals`]: honest names, written once.
//!
//! The bands come from how much the camera saw a child move, not from heart rate or energy
//! use (METs), so a report must not call them "moderate" or "vigorous" as if they were
//! exercise intensities. The log file keeps its field names (`active_minutes`,
//! `light_minutes`, ...) so that older files and tools still read; only what people see is
//! renamed, here, so that the HTML, the charts, the CSV and the warnings cannot disagree.

use super::model::Totals;

/// One band of minutes: its field in the log file, its words for people, its CSV column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    /// The field in the log file's `totals`, unchanged for compatibility.
    pub field: &'static str,
    /// What a report calls it.
    pub label: &'static str,
    /// Its CSV column.
    pub column: &'static str,
}

/// All active time, whatever the band: the minutes the camera saw the child moving.
pub const ACTIVE: Band = Band {
    field: "active_minutes",
    label: "camera-active minutes",
    column: "camera_active_minutes",
};

/// The quietest active band (the log's `light_minutes`).
pub const GENTLE: Band = Band {
    field: "light_minutes",
    label: "gentle",
    column: "gentle_minutes",
};

/// The middle band (the log's `moderate_minutes`).
pub const LIVELY: Band = Band {
    field: "moderate_minutes",
    label: "lively",
    column: "lively_minutes",
};

/// The liveliest band (the log's `vigorous_minutes`).
pub const VERY_LIVELY: Band = Band {
    field: "vigorous_minutes",
    label: "very lively",
    column: "very_lively_minutes",
};

/// The one sentence a report says about where these minutes come from.
pub const WHAT_THEY_MEASURE: &str = "Camera-active minutes, and their bands gentle, lively and \
    very lively, come from how much the camera saw the child move; they are not heart rate, \
    energy use or METs.";

/// The four bands with their minutes in `totals`, in the order reports show them.
pub fn minutes(totals: &Totals) -> [(Band, f32); 4] {
    [
        (ACTIVE, totals.active_minutes),
        (GENTLE, totals.light_minutes),
        (LIVELY, totals.moderate_minutes),
        (VERY_LIVELY, totals.vigorous_minutes),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_band_reads_its_own_field() {
        let t = Totals {
            active_minutes: 4.0,
            light_minutes: 1.0,
            moderate_minutes: 2.0,
            vigorous_minutes: 3.0,
        };
        let got: Vec<_> = minutes(&t).iter().map(|(b, m)| (b.field, *m)).collect();
        assert_eq!(
            got,
            [
                ("active_minutes", 4.0),
                ("light_minutes", 1.0),
                ("moderate_minutes", 2.0),
                ("vigorous_minutes", 3.0)
            ]
        );
        // The file's own field names still are what serde writes.
        let ron = ron::to_string(&t).unwrap();
        for (band, _) in minutes(&t) {
            assert!(ron.contains(band.field), "{ron}");
        }
    }

    #[test]
    fn no_exercise_words_reach_people() {
        for (band, _) in minutes(&Totals::default()) {
            for word in ["moderate", "vigorous", "light", "MET"] {
                assert!(!band.label.contains(word), "{}", band.label);
                assert!(!band.column.contains(word), "{}", band.column);
            }
        }
        assert!(WHAT_THEY_MEASURE.contains("not heart rate"));
    }
}

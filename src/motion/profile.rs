//! Motion profiles: how a standing, a seated and a bed-bound child are read differently.
//!
//! Every distance here is a fraction of the player's height on screen, so a child far from
//! the camera and one close to it trigger the same gestures with the same movement.

use std::fmt;
use std::str::FromStr;

/// How the child plays: decides which body parts are watched and how big a movement must be.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// Whole body visible: jumps count, thresholds for big movements.
    #[default]
    Standing,
    /// Wheelchair or chair: upper body only; reaching up replaces jumping.
    Seated,
    /// Bed: upper body, small movements, one arm is enough for every gesture.
    Bed,
}

impl Profile {
    /// All profiles, for tests and menus that go through each.
    pub const ALL: [Profile; 3] = [Profile::Standing, Profile::Seated, Profile::Bed];

    /// The name used on the command line, in config files and in logs.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Standing => "standing",
            Profile::Seated => "seated",
            Profile::Bed => "bed",
        }
    }

    /// The thresholds of this profile.
    pub fn params(self) -> ProfileParams {
        match self {
            Profile::Standing => ProfileParams {
                min_player_area: 0.006,
                min_body: 0.2,
                jump_enabled: true,
                wiggle_on: 0.10,
                wiggle_full: 0.55,
                still_below: 0.012,
                wave_amplitude: 0.05,
                wave_min_motion: 0.002,
                // Hands clasped just over the head (many a jumping jack) lift the top of the
                // silhouette only about 6 % of the stature above the head.
                rise: 0.06,
                lean: 0.06,
                activity_full: 0.45,
                body: BodyShape {
                    head_end: 0.2,
                    head_half: 0.1,
                    shoulders: 0.25,
                    trunk_half: 0.17,
                    arms_end: 0.6,
                },
            },
            Profile::Seated => ProfileParams {
                min_player_area: 0.005,
                min_body: 0.2,
                jump_enabled: false,
                wiggle_on: 0.08,
                wiggle_full: 0.45,
                still_below: 0.010,
                wave_amplitude: 0.045,
                wave_min_motion: 0.002,
                rise: 0.065,
                lean: 0.07,
                activity_full: 0.35,
                body: BodyShape {
                    head_end: 0.32,
                    head_half: 0.15,
                    shoulders: 0.38,
                    trunk_half: 0.26,
                    arms_end: 1.0,
                },
            },
            Profile::Bed => ProfileParams {
                min_player_area: 0.003,
                min_body: 0.12,
                jump_enabled: false,
                wiggle_on: 0.035,
                wiggle_full: 0.22,
                still_below: 0.006,
                wave_amplitude: 0.035,
                wave_min_motion: 0.0012,
                rise: 0.05,
                lean: 0.06,
                activity_full: 0.18,
                body: BodyShape {
                    head_end: 0.4,
                    head_half: 0.18,
                    shoulders: 0.45,
                    trunk_half: 0.32,
                    arms_end: 1.0,
                },
            },
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown profile name, with the names that are allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown profile {0:?}: use standing, seated or bed")]
pub struct UnknownProfile(pub String);

impl FromStr for Profile {
    type Err = UnknownProfile;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Profile::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| UnknownProfile(s.to_owned()))
    }
}

/// Thresholds of one profile. Areas are fractions of the mask, motion amounts are moving
/// pixels per squared player height, distances are fractions of the player's height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProfileParams {
    /// Smallest silhouette that can be a child, as a fraction of the whole mask.
    pub min_player_area: f32,
    /// A new player's longer side spans at least this share of the picture's height. A child
    /// at the far end of a play area (4 m from a webcam's 45 to 55 degree view) still spans a
    /// fifth of it standing or seated; in bed often only the head and a shoulder move above
    /// the covers, about half that.
    pub min_body: f32,
    /// Whether a whole-body rise counts as a jump (only a standing child can jump).
    pub jump_enabled: bool,
    /// Sustained motion above this starts a wiggle.
    pub wiggle_on: f32,
    /// Motion at which wiggle intensity reaches 1.
    pub wiggle_full: f32,
    /// Motion below this counts as still (for freeze).
    pub still_below: f32,
    /// Smallest hand swing, peak to peak, that counts as a wave.
    pub wave_amplitude: f32,
    /// Smallest moving area beside the body that can be a waving hand.
    pub wave_min_motion: f32,
    /// How far the top of the silhouette must rise above its resting place for a reach or a
    /// jump (real jumping jacks lift the silhouette's top by 0.08 to 0.2 of the stature, a hop
    /// in place by about 0.08).
    pub rise: f32,
    /// How far the head must move sideways from its resting place for a lean.
    pub lean: f32,
    /// Motion at which the activity level reaches 1.
    pub activity_full: f32,
    /// Where the body parts are in the visible silhouette.
    pub body: BodyShape,
}

/// Where head, trunk and arms lie, as fractions of the visible height from its top. A
/// standing child shows the whole body; seated and in bed, the visible part is mostly head
/// and shoulders, so the head is a bigger share of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BodyShape {
    /// The head ends this far down.
    pub head_end: f32,
    /// Half the width of the window that follows the head.
    pub head_half: f32,
    /// The trunk starts this far down (the shoulders).
    pub shoulders: f32,
    /// Half the width of the trunk.
    pub trunk_half: f32,
    /// Arms are looked for down to here (the hips, or the bottom of what is visible).
    pub arms_end: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Profile::ALL {
            assert_eq!(p.name().parse::<Profile>().unwrap(), p);
        }
        assert!("lying".parse::<Profile>().is_err());
    }

    #[test]
    fn bed_asks_for_less_than_seated_and_standing() {
        let (st, se, bed) = (
            Profile::Standing.params(),
            Profile::Seated.params(),
            Profile::Bed.params(),
        );
        assert!(bed.wiggle_on < se.wiggle_on && se.wiggle_on < st.wiggle_on);
        assert!(bed.wave_amplitude < st.wave_amplitude);
        assert!(st.jump_enabled && !se.jump_enabled && !bed.jump_enabled);
    }
}

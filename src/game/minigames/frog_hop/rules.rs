//! Frog Hop's rules: which movement makes the frog hop in each profile, and generous timing.

use crate::motion::{Gesture, GestureKind, Profile, Side};

/// Whether a gesture makes the frog hop: a jump when standing (both arms up counts too);
/// both arms up when seated; one arm up is enough in bed.
///
/// # Examples
/// ```
/// use wigglewoods::game::minigames::frog_hop::rules::is_hop;
/// use wigglewoods::motion::{Gesture, GestureKind, Profile, Side};
/// let g = |kind, side| Gesture { player: 1, kind, side, intensity: 0.8, started: true };
/// assert!(is_hop(&g(GestureKind::Jump, None), Profile::Standing));
/// assert!(is_hop(&g(GestureKind::ReachUp, Some(Side::Both)), Profile::Seated));
/// assert!(!is_hop(&g(GestureKind::ReachUp, Some(Side::Left)), Profile::Seated));
/// assert!(is_hop(&g(GestureKind::ReachUp, Some(Side::Left)), Profile::Bed));
/// ```
pub fn is_hop(g: &Gesture, profile: Profile) -> bool {
    match (g.kind, profile) {
        (GestureKind::Jump, _) => true,
        (GestureKind::ReachUp, Profile::Bed) => true,
        (GestureKind::ReachUp, _) => g.side == Some(Side::Both),
        _ => false,
    }
}

/// Seconds a hop takes.
pub const HOP_SECONDS: f32 = 0.7;

/// The frog: where it sits, whether it is in the air, and a remembered hop.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Frog {
    /// The pad it sits on (or left).
    pub pad: u32,
    /// Seconds into the current hop, `None` when sitting.
    pub hopping: Option<f32>,
    /// A hop asked for while in the air, remembered for a while (generous timing).
    pub queued_for: Option<f32>,
}

impl Frog {
    /// A hop is asked for: start it, or remember it until the frog lands.
    pub fn ask(&mut self) {
        if self.hopping.is_none() {
            self.hopping = Some(0.0);
        } else {
            self.queued_for = Some(0.0);
        }
    }

    /// Advances time; returns true when the frog lands on the next pad.
    pub fn tick(&mut self, dt: f32, window: f32) -> bool {
        if let Some(q) = self.queued_for.as_mut() {
            *q += dt;
            if *q > window {
                self.queued_for = None;
            }
        }
        let Some(t) = self.hopping.as_mut() else {
            return false;
        };
        *t += dt;
        if *t < HOP_SECONDS {
            return false;
        }
        self.pad += 1;
        self.hopping = self.queued_for.take().map(|_| 0.0);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hop_asked_in_the_air_is_not_lost() {
        let mut frog = Frog::default();
        frog.ask();
        frog.tick(0.3, 3.0);
        frog.ask();
        let landings = (0..60).filter(|_| frog.tick(0.05, 3.0)).count();
        assert_eq!(landings, 2);
        assert_eq!(frog.pad, 2);
    }

    #[test]
    fn a_remembered_hop_expires() {
        let mut frog = Frog {
            hopping: Some(0.0),
            queued_for: Some(0.0),
            ..Frog::default()
        };
        frog.tick(0.1, 0.05);
        assert!(frog.queued_for.is_none());
    }
}

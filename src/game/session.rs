//! A session: one child's play, from the launcher's start to the celebration.
//!
//! The staff launcher (or `--autostart`) starts sessions with [`StartSession`]; the Play
//! screen walks the playlist with [`Session`], and the session log follows it.

use bevy::prelude::*;

use crate::games::GameId;
use crate::logs::EndReason;
use crate::motion::Profile;

/// What the play specialist chose.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionPlan {
    /// Standing, seated or bed.
    pub profile: Profile,
    /// Length of the whole session in minutes.
    pub minutes: f32,
    /// The games, in order.
    pub games: Vec<GameId>,
    /// The ward's pseudonymous code for the child (never a name).
    pub child: Option<String>,
    /// Play by ear: each child's place and every target are heard as well as seen, for
    /// children who cannot see the screen well (see `game::by_ear`).
    pub sound_led: bool,
}

impl Default for SessionPlan {
    fn default() -> Self {
        Self {
            profile: Profile::Standing,
            minutes: 5.0,
            games: GameId::default_playlist(),
            child: None,
            sound_led: false,
        }
    }
}

/// Asks for a session to start (from the launcher, a key, or `--autostart`).
#[derive(Message, Debug, Clone, PartialEq)]
pub struct StartSession(pub SessionPlan);

/// How one game went, for the celebration and the logs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GameResult {
    /// Which game.
    pub game: Option<GameId>,
    /// What was achieved (apples, fireflies, hops, freezes, area painted in percent).
    pub score: u32,
    /// Seconds played.
    pub seconds: f32,
}

/// The session under way.
#[derive(Resource, Debug, Clone, Default)]
pub struct Session {
    /// What was chosen.
    pub plan: SessionPlan,
    /// Index of the current game in the playlist.
    pub index: usize,
    /// Seconds the current game has run.
    pub game_elapsed: f32,
    /// Seconds the current game may run.
    pub game_length: f32,
    /// Seconds since the session started.
    pub elapsed: f32,
    /// Results of the games played so far.
    pub results: Vec<GameResult>,
    /// Whether a session is running (false in attract).
    pub active: bool,
    /// Why it ended before its time, if it did (staff stopped it, the camera stayed away,
    /// nobody was there): the log records it, and the kiosk skips the celebration.
    pub ended_early: Option<EndReason>,
}

impl Session {
    /// The game being played, if any.
    pub fn current_game(&self) -> Option<GameId> {
        self.plan.games.get(self.index).copied()
    }

    /// Whether staff ended it early.
    pub fn stopped_by_staff(&self) -> bool {
        self.ended_early == Some(EndReason::StoppedByStaff)
    }
}

/// Adds the session resource and the start message.
pub fn plugin(app: &mut App) {
    app.init_resource::<Session>().add_message::<StartSession>();
}

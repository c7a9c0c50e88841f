//! Musical Forest: the child makes music by moving. A drum in a hollow log, a frog choir,
//! chimes in a branch and a woodpecker sit inside the child's calibrated reach; movement over
//! one plays it, louder and brighter with more movement, the direction picking the note, and
//! every note waits for the next sixteenth of the backing music, so any movement sounds
//! musical. Each instrument is heard where it is on screen, so the game plays by ear too.

pub mod level;
pub mod rules;
pub mod sounds;

use bevy::prelude::*;

use self::rules::{Beat, Ear, Instrument};
use self::sounds::Band;
use crate::game::minigames::kit::{AppSystems, AudioReport, GameId, GameZones, LevelLookup, Mood, Motion, MusicState, PlaySound, ReachBox, Score, Session, Stage, WIDTH, current_difficulty, palette, z};

/// The stage of play this game runs in.
const STAGE: Stage = Stage::Game(GameId::MusicalForest);

/// Seconds a played instrument takes to settle after its bounce.
const PULSE_SECONDS: f32 = 0.35;

/// The game's state.
#[derive(Resource, Debug, Default)]
pub struct MusicalForest {
    /// The instruments in play, in zone order, with where they sit.
    pub instruments: Vec<(Instrument, Vec2)>,
    /// Notes played, per instrument in play.
    pub played: Vec<u32>,
    /// Notes played in all.
    pub notes: u32,
    /// What each instrument heard since its last note.
    ears: Vec<Ear>,
    /// The backing music's sixteenths.
    beat: Beat,
    /// Music loops the audio had started when last looked: a change restarts the beat.
    loops_seen: u32,
    /// The movement sounding an instrument needs (the level's, for this session).
    threshold: f32,
}

/// One instrument on screen, with how much it still bounces from its last note.
#[derive(Component, Debug)]
struct InstrumentShape {
    index: usize,
    pulse: f32,
    /// Drawn at this scale, so that it fits its playing area however small the reach.
    scale: f32,
}

/// A note flying up from an instrument that played.
#[derive(Component, Debug)]
struct FlyingNote {
    age: f32,
}

/// The shared look of the flying notes, one colour per instrument.
#[derive(Resource, Clone)]
struct NoteLook {
    mesh: Handle<Mesh>,
    colours: Vec<Handle<ColorMaterial>>,
}

/// Adds the game.
/// The instruments' notes, soft and bright, by name (`wigglewoods sounds`, the loudness test).
pub fn own_sounds() -> Vec<crate::game::minigames::kit::NamedSound> {
    Band::generate().catalogue()
}

pub fn plugin(app: &mut App) {
    app.init_resource::<MusicalForest>()
        .add_systems(OnEnter(STAGE), enter)
        .add_systems(
            Update,
            (listen, play_on_the_beat, bounce, fly_notes)
                .chain()
                .in_set(AppSystems::Update)
                .run_if(in_state(STAGE)),
        );
}

/// Where an instrument sits: its place in the reach box, brought in by `spread`.
fn instrument_position(instrument: Instrument, reach: Rect, spread: f32) -> Vec2 {
    let (u, v) = instrument.place();
    reach.center() + Vec2::new(u, v) * reach.half_size() * spread
}

#[allow(clippy::too_many_arguments)]
fn enter(
    mut commands: Commands,
    mut state: ResMut<MusicalForest>,
    mut music: ResMut<MusicState>,
    mut zones: ResMut<GameZones>,
    band: Option<Res<Band>>,
    audio: Option<Res<AudioReport>>,
    levels: LevelLookup,
    session: Res<Session>,
    reach: Res<ReachBox>,
    mut meshes: Option<ResMut<Assets<Mesh>>>,
    mut materials: Option<ResMut<Assets<ColorMaterial>>>,
) {
    let difficulty = current_difficulty::<level::Difficulty>(&levels, &session);
    if band.is_none() {
        commands.insert_resource(Band::generate());
    }
    music.mood = Mood::Play;
    let count = (difficulty.instruments as usize).clamp(1, Instrument::ALL.len());
    let instruments: Vec<(Instrument, Vec2)> = Instrument::ALL[..count]
        .iter()
        .map(|&i| (i, instrument_position(i, reach.0, difficulty.spread)))
        .collect();
    *state = MusicalForest {
        played: vec![0; count],
        ears: vec![Ear::default(); count],
        instruments: instruments.clone(),
        loops_seen: audio.map_or(0, |a| a.loops_started),
        threshold: difficulty.threshold,
        ..MusicalForest::default()
    };
    zones.rects.clear();
    let size = reach.0.size() * difficulty.size;
    // The shapes are drawn about 200 units wide: fitted to the playing area.
    let scale = (size.x.min(size.y * 1.4) / 200.0).clamp(0.45, 1.2);
    for &(_, at) in &instruments {
        zones.rects.push(Rect::from_center_size(at, size));
    }
    if let (Some(meshes), Some(materials)) = (meshes.as_deref_mut(), materials.as_deref_mut()) {
        commands.insert_resource(NoteLook {
            mesh: meshes.add(Circle::new(14.0)),
            colours: instruments
                .iter()
                .map(|&(i, _)| materials.add(colour(i)))
                .collect(),
        });
    }
    for (index, &(instrument, at)) in instruments.iter().enumerate() {
        let mut root = commands.spawn((
            Name::new(instrument.name()),
            InstrumentShape {
                index,
                pulse: 0.0,
                scale,
            },
            DespawnOnExit(STAGE),
            Transform::from_translation(at.extend(z::GAME)),
            Visibility::default(),
        ));
        // Headless, the game plays without shapes.
        let (Some(meshes), Some(materials)) = (meshes.as_deref_mut(), materials.as_deref_mut())
        else {
            continue;
        };
        let area = materials.add(Color::srgba(1.0, 1.0, 0.85, 0.18));
        root
            .with_children(|parent| {
                // The playing area, a soft glow: where to move.
                parent.spawn((
                    Mesh2d(meshes.add(Ellipse::new(size.x / 2.0 / scale, size.y / 2.0 / scale))),
                    MeshMaterial2d(area),
                    Transform::from_xyz(0.0, 0.0, -0.2),
                ));
                for (mesh, colour, offset) in shape(instrument) {
                    parent.spawn((
                        Mesh2d(meshes.add(mesh)),
                        MeshMaterial2d(materials.add(colour)),
                        Transform::from_translation(offset),
                    ));
                }
            });
    }
}

/// The colour of an instrument's notes.
fn colour(instrument: Instrument) -> Color {
    match instrument {
        Instrument::Drum => palette::FOX,
        Instrument::FrogChoir => palette::FROG,
        Instrument::Chimes => palette::BIRD,
        Instrument::Woodpecker => palette::APPLE,
    }
}

/// The pieces an instrument is drawn from: a mesh, its colour, where it sits.
fn shape(instrument: Instrument) -> Vec<(Mesh, Color, Vec3)> {
    let piece = |mesh: Mesh, colour: Color, x: f32, y: f32, z: f32| (mesh, colour, Vec3::new(x, y, z));
    match instrument {
        Instrument::Drum => vec![
            piece(Rectangle::new(150.0, 90.0).into(), palette::TRUNK, 0.0, 0.0, 0.0),
            piece(Ellipse::new(28.0, 45.0).into(), palette::CREAM, 75.0, 0.0, 0.1),
            piece(Ellipse::new(20.0, 38.0).into(), palette::TRUNK, -75.0, 0.0, 0.1),
        ],
        Instrument::FrogChoir => {
            // A log lying on the ground, and its cut end.
            let mut pieces = vec![
                piece(Rectangle::new(190.0, 40.0).into(), palette::TRUNK, 0.0, -30.0, 0.0),
                piece(Ellipse::new(12.0, 20.0).into(), palette::CREAM, 95.0, -30.0, 0.05),
            ];
            for (i, x) in [-55.0f32, 0.0, 55.0].into_iter().enumerate() {
                let y = 5.0 + 8.0 * (i % 2) as f32;
                pieces.push(piece(Circle::new(24.0).into(), palette::FROG, x, y, 0.1));
                for eye in [-9.0, 9.0] {
                    pieces.push(piece(Circle::new(5.0).into(), palette::EYE, x + eye, y + 16.0, 0.2));
                }
            }
            pieces
        }
        Instrument::Chimes => {
            let mut pieces = vec![piece(
                Rectangle::new(170.0, 14.0).into(),
                palette::TRUNK,
                0.0,
                50.0,
                0.0,
            )];
            for i in 0..5 {
                let length = 90.0 - 12.0 * i as f32;
                pieces.push(piece(
                    Rectangle::new(12.0, length).into(),
                    Color::srgb(0.80, 0.84, 0.90),
                    -60.0 + 30.0 * i as f32,
                    43.0 - length / 2.0,
                    0.1,
                ));
            }
            pieces
        }
        Instrument::Woodpecker => vec![
            piece(Rectangle::new(60.0, 170.0).into(), palette::TRUNK, 20.0, 0.0, 0.0),
            piece(Ellipse::new(22.0, 34.0).into(), palette::EYE, -22.0, -5.0, 0.1),
            piece(Circle::new(16.0).into(), palette::APPLE, -24.0, 30.0, 0.2),
            piece(Rectangle::new(18.0, 6.0).into(), palette::SUN, -6.0, 30.0, 0.2),
        ],
    }
}

/// Every frame, each instrument hears the movement over it.
fn listen(motion: Res<Motion>, mut state: ResMut<MusicalForest>) {
    let state = &mut *state;
    for (index, ear) in state.ears.iter_mut().enumerate() {
        let reading = motion.zone(index);
        ear.hear(reading.motion, reading.dy);
    }
}

/// On each sixteenth of the backing music, each instrument that heard enough movement plays
/// the note its direction picked, as loud and bright as the movement, where it sits.
fn play_on_the_beat(
    time: Res<Time>,
    audio: Option<Res<AudioReport>>,
    band: Option<Res<Band>>,
    mut state: ResMut<MusicalForest>,
    mut score: ResMut<Score>,
    mut shapes: Query<&mut InstrumentShape>,
    look: Option<Res<NoteLook>>,
    mut commands: Commands,
    mut sounds: MessageWriter<PlaySound>,
) {
    let state = &mut *state;
    if let Some(audio) = audio
        && audio.loops_started != state.loops_seen
    {
        // The backing loop began again: its first beat is now.
        state.loops_seen = audio.loops_started;
        state.beat.restart();
    }
    let Some(tick) = state.beat.advance(time.delta_secs()) else {
        return;
    };
    for (index, &(instrument, at)) in state.instruments.iter().enumerate() {
        if !tick.is_multiple_of(instrument.every()) {
            continue;
        }
        let (heard, dy) = state.ears[index].take();
        let Some(strength) = rules::strength(heard, state.threshold) else {
            continue;
        };
        let note = rules::note_for(dy);
        if let Some(sound) = band
            .as_ref()
            .and_then(|b| b.get(instrument, note, rules::bright(strength)))
        {
            sounds.write(PlaySound {
                sound: sound.clone(),
                volume: rules::volume(strength),
                pan: rules::pan(at.x, WIDTH),
            });
        }
        state.played[index] += 1;
        state.notes += 1;
        score.0 = state.notes;
        for mut shape in &mut shapes {
            if shape.index == index {
                shape.pulse = 0.5 + 0.5 * strength;
            }
        }
        if let Some(look) = &look {
            let rise = 10.0 * note as f32;
            commands.spawn((
                FlyingNote { age: 0.0 },
                DespawnOnExit(STAGE),
                Mesh2d(look.mesh.clone()),
                MeshMaterial2d(look.colours[index].clone()),
                Transform::from_translation((at + Vec2::new(0.0, 60.0 + rise)).extend(z::GAME + 0.5)),
            ));
        }
    }
}

/// A played instrument bounces (squash and stretch) and settles.
fn bounce(time: Res<Time>, mut shapes: Query<(&mut InstrumentShape, &mut Transform)>) {
    let dt = time.delta_secs();
    for (mut shape, mut transform) in &mut shapes {
        shape.pulse = (shape.pulse - dt / PULSE_SECONDS).max(0.0);
        let p = shape.pulse;
        let squash = Vec2::new(1.0 + 0.25 * p, 1.0 - 0.15 * p + 0.3 * p * p);
        transform.scale = (squash * shape.scale).extend(1.0);
    }
}

/// Notes float up, sway and shrink away.
fn fly_notes(
    time: Res<Time>,
    mut commands: Commands,
    mut notes: Query<(Entity, &mut FlyingNote, &mut Transform)>,
) {
    let dt = time.delta_secs();
    for (entity, mut note, mut transform) in &mut notes {
        note.age += dt;
        transform.translation.y += 120.0 * dt;
        transform.translation.x += 30.0 * (note.age * 6.0).sin() * dt;
        let s = (1.0 - note.age / 1.2).max(0.0);
        transform.scale = Vec3::splat(0.6 + 0.6 * s);
        if note.age >= 1.2 {
            commands.entity(entity).despawn();
        }
    }
}

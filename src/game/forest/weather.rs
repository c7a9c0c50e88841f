//! Weather the children make: sun, rain, snow and a rainbow, as in Woodland Wiggle.
//!
//! Changes fade over a couple of seconds: nothing on screen flashes, and the sky never flips
//! from bright to dark at once.

use bevy::prelude::*;

use super::scene::SkyBand;
use crate::game::AppSystems;
use crate::game::audio::SoundCue;
use crate::game::layout::{GROUND_Y, HEIGHT, WIDTH, z};
use crate::game::motion_bridge::GestureStarted;
use crate::game::palette;
use crate::game::screens::Screen;
use crate::motion::GestureKind;

/// The kinds of weather, in the order the children cycle through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum WeatherKind {
    /// Sunshine and a few clouds.
    #[default]
    Sun,
    /// Soft rain.
    Rain,
    /// Drifting snow.
    Snow,
    /// A rainbow over the hills.
    Rainbow,
}

impl WeatherKind {
    /// The next weather in the cycle.
    pub fn next(self) -> Self {
        match self {
            WeatherKind::Sun => WeatherKind::Rain,
            WeatherKind::Rain => WeatherKind::Snow,
            WeatherKind::Snow => WeatherKind::Rainbow,
            WeatherKind::Rainbow => WeatherKind::Sun,
        }
    }
}

/// The weather now.
#[derive(Resource, Debug, Default)]
pub struct Weather {
    /// What the children chose last.
    pub kind: WeatherKind,
    /// Seconds since it last changed.
    pub since: f32,
}

/// Asks for a weather (a reward at the end of a game, the celebration's rainbow).
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetWeather(pub WeatherKind);

/// Seconds before the children can change the weather again.
const COOLDOWN: f32 = 5.0;
/// Seconds a change takes to fade in.
const FADE: f32 = 2.0;

/// A raindrop or a snowflake; reused, never spawned during play.
#[derive(Component)]
struct Particle {
    snow: bool,
    speed: f32,
    phase: f32,
}

/// A part of the scene that shows in one kind of weather, with its full opacity.
#[derive(Component)]
struct ShowsIn {
    kind: Option<WeatherKind>,
    alpha: f32,
    material: Handle<ColorMaterial>,
}

/// Adds the weather.
pub fn plugin(app: &mut App) {
    app.init_resource::<Weather>()
        .add_message::<SetWeather>()
        .add_systems(Startup, spawn_weather.run_if(super::can_draw))
        .add_systems(
            Update,
            (
                children_change_weather,
                apply_requests,
                fade,
                fall,
                drift,
                tint_sky,
            )
                .chain()
                .in_set(AppSystems::Update),
        );
}

fn spawn_weather(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    // The sun, which shows in fair weather.
    let sun = materials.add(palette::SUN);
    commands.spawn((
        Name::new("Sun"),
        Mesh2d(meshes.add(Circle::new(70.0))),
        MeshMaterial2d(sun.clone()),
        Transform::from_xyz(-560.0, 300.0, z::SKY_THINGS),
        ShowsIn {
            kind: None,
            alpha: 1.0,
            material: sun,
        },
    ));
    // Clouds, always there.
    let puff = meshes.add(Circle::new(48.0));
    let cloud = materials.add(palette::CLOUD);
    for (cx, cy) in [(-180.0, 330.0), (300.0, 290.0), (620.0, 350.0)] {
        for (dx, dy, s) in [(-50.0, 0.0, 0.8), (0.0, 15.0, 1.0), (50.0, 0.0, 0.85)] {
            commands.spawn((
                Name::new("Cloud"),
                Drifting(CLOUD_SPEED * (0.8 + 0.15 * (cx / 300.0))),
                Mesh2d(puff.clone()),
                MeshMaterial2d(cloud.clone()),
                Transform::from_xyz(cx + dx, cy + dy, z::SKY_THINGS + 0.1)
                    .with_scale(Vec3::splat(s)),
            ));
        }
    }
    // The rainbow: concentric rings, half hidden by the hills.
    let colours = [
        Color::srgb(0.90, 0.20, 0.20),
        Color::srgb(0.98, 0.55, 0.15),
        Color::srgb(0.98, 0.88, 0.25),
        Color::srgb(0.30, 0.75, 0.30),
        Color::srgb(0.25, 0.50, 0.90),
        Color::srgb(0.50, 0.30, 0.75),
    ];
    for (i, colour) in colours.into_iter().enumerate() {
        let outer = 560.0 - i as f32 * 26.0;
        let material = materials.add(colour.with_alpha(0.0));
        commands.spawn((
            Name::new("Rainbow band"),
            Mesh2d(meshes.add(Annulus::new(outer - 26.0, outer))),
            MeshMaterial2d(material.clone()),
            Transform::from_xyz(0.0, GROUND_Y + 20.0, z::SKY_THINGS + 0.2),
            ShowsIn {
                kind: Some(WeatherKind::Rainbow),
                alpha: 0.85,
                material,
            },
        ));
    }
    // Raindrops and snowflakes, always there, shown by opacity.
    let rain = materials.add(Color::srgba(0.55, 0.70, 0.95, 0.0));
    let snow = materials.add(Color::srgba(1.0, 1.0, 1.0, 0.0));
    let drop = meshes.add(Ellipse::new(3.0, 14.0));
    let flake = meshes.add(Circle::new(7.0));
    for i in 0..90 {
        let x = -WIDTH / 2.0 + (i as f32 * 173.0) % WIDTH;
        let y = -HEIGHT / 2.0 + (i as f32 * 311.0) % HEIGHT;
        let is_snow = i % 2 == 0;
        commands.spawn((
            Name::new(if is_snow { "Snowflake" } else { "Raindrop" }),
            Particle {
                snow: is_snow,
                speed: if is_snow {
                    50.0 + (i % 5) as f32 * 10.0
                } else {
                    420.0 + (i % 7) as f32 * 30.0
                },
                phase: i as f32,
            },
            Mesh2d(if is_snow { flake.clone() } else { drop.clone() }),
            MeshMaterial2d(if is_snow { snow.clone() } else { rain.clone() }),
            Transform::from_xyz(x, y, z::WEATHER),
            ShowsIn {
                kind: Some(if is_snow {
                    WeatherKind::Snow
                } else {
                    WeatherKind::Rain
                }),
                alpha: if is_snow { 0.95 } else { 0.7 },
                material: if is_snow { snow.clone() } else { rain.clone() },
            },
        ));
    }
}

/// In the attract scene a wiggle or a jump changes the weather: the first thing a child
/// discovers they can do.
fn children_change_weather(
    screen: Option<Res<State<Screen>>>,
    mut gestures: MessageReader<GestureStarted>,
    mut weather: ResMut<Weather>,
    mut requests: MessageWriter<SetWeather>,
) {
    let attract = screen.is_some_and(|s| *s.get() == Screen::Attract);
    for GestureStarted(g) in gestures.read() {
        let moves = matches!(
            g.kind,
            GestureKind::Wiggle | GestureKind::Jump | GestureKind::ReachUp
        );
        if attract && moves && weather.since >= COOLDOWN {
            requests.write(SetWeather(weather.kind.next()));
            weather.since = 0.0;
        }
    }
}

fn apply_requests(
    time: Res<Time>,
    mut requests: MessageReader<SetWeather>,
    mut weather: ResMut<Weather>,
    mut cues: MessageWriter<SoundCue>,
) {
    weather.since += time.delta_secs();
    if let Some(SetWeather(kind)) = requests.read().last()
        && *kind != weather.kind
    {
        weather.kind = *kind;
        weather.since = 0.0;
        cues.write(SoundCue::Weather);
    }
}

/// Each weather's parts fade towards their opacity (or away) over `FADE` seconds.
fn fade(
    time: Res<Time>,
    weather: Res<Weather>,
    parts: Query<&ShowsIn>,
    mut materials: Option<ResMut<Assets<ColorMaterial>>>,
) {
    let Some(materials) = materials.as_deref_mut() else {
        return;
    };
    let step = (time.delta_secs() / FADE).min(1.0);
    for part in &parts {
        let shown = match part.kind {
            // The sun hides behind rain and snow clouds.
            None => matches!(weather.kind, WeatherKind::Sun | WeatherKind::Rainbow),
            Some(kind) => kind == weather.kind,
        };
        let target = if shown { part.alpha } else { 0.0 };
        if let Some(mut m) = materials.get_mut(&part.material) {
            let a = m.color.alpha();
            if (a - target).abs() > 1e-3 {
                let next = a + (target - a).clamp(-step, step);
                m.color.set_alpha(next);
            }
        }
    }
}

/// A cloud drifts across the sky at its own slow speed (world units a second) and comes
/// round again from the other side, out of sight.
#[derive(Component)]
struct Drifting(f32);

/// Clouds' drift: slow enough that a child notices it only over a while.
const CLOUD_SPEED: f32 = 14.0;

/// How far out the clouds go before they come round: beyond the widest screen's sky.
const CLOUD_TURN: f32 = 1.6 * WIDTH;

fn drift(time: Res<Time>, mut clouds: Query<(&Drifting, &mut Transform)>) {
    let dt = time.delta_secs();
    for (drifting, mut transform) in &mut clouds {
        transform.translation.x += drifting.0 * dt;
        if transform.translation.x > CLOUD_TURN {
            transform.translation.x -= 2.0 * CLOUD_TURN;
        }
    }
}

fn fall(time: Res<Time>, mut particles: Query<(&Particle, &mut Transform)>) {
    let dt = time.delta_secs();
    let t = time.elapsed_secs();
    for (p, mut transform) in &mut particles {
        transform.translation.y -= p.speed * dt;
        if p.snow {
            transform.translation.x += (t * 0.9 + p.phase).sin() * 25.0 * dt;
        }
        if transform.translation.y < -HEIGHT / 2.0 - 20.0 {
            transform.translation.y += HEIGHT + 40.0;
        }
    }
}

/// Rain and snow dim the sky a little, slowly.
fn tint_sky(
    time: Res<Time>,
    weather: Res<Weather>,
    bands: Query<(&SkyBand, &MeshMaterial2d<ColorMaterial>)>,
    mut materials: Option<ResMut<Assets<ColorMaterial>>>,
    mut dim: Local<f32>,
) {
    let Some(materials) = materials.as_deref_mut() else {
        return;
    };
    let target = match weather.kind {
        WeatherKind::Rain => 0.35,
        WeatherKind::Snow => 0.2,
        _ => 0.0,
    };
    let before = *dim;
    *dim += (target - *dim) * (1.0 - (-time.delta_secs() / FADE).exp());
    if (before - *dim).abs() < 1e-4 && time.elapsed_secs() > 0.5 {
        return;
    }
    let grey = Color::srgb(0.62, 0.66, 0.72);
    for (band, material) in &bands {
        if let Some(mut m) = materials.get_mut(&material.0) {
            let clear = palette::SKY_TOP.mix(&palette::SKY_LOW, band.depth);
            m.color = clear.mix(&grey, *dim);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cycle_visits_every_weather() {
        let mut w = WeatherKind::Sun;
        let mut seen = vec![w];
        for _ in 0..3 {
            w = w.next();
            seen.push(w);
        }
        assert_eq!(
            seen,
            [
                WeatherKind::Sun,
                WeatherKind::Rain,
                WeatherKind::Snow,
                WeatherKind::Rainbow
            ]
        );
        assert_eq!(w.next(), WeatherKind::Sun);
    }
}

#[cfg(test)]
mod drift_tests {
    use super::*;

    #[test]
    fn clouds_drift_and_come_round_out_of_sight() {
        let mut app = crate::game::forest::ticking_app(200);
        app.add_systems(Update, drift);
        let cloud = app
            .world_mut()
            .spawn((Drifting(CLOUD_SPEED), Transform::from_xyz(0.0, 300.0, 1.0)))
            .id();
        app.update();
        let mut last = 0.0;
        let mut came_round = false;
        for _ in 0..((2.0 * CLOUD_TURN / CLOUD_SPEED / 0.2) as u32 + 50) {
            app.update();
            let x = app.world().get::<Transform>(cloud).unwrap().translation.x;
            if x < last {
                came_round = true;
                // Round the back, beyond the widest sky drawn (three frames wide).
                assert!(last > 1.5 * WIDTH && x < -1.5 * WIDTH, "{last} -> {x}");
            }
            last = x;
        }
        assert!(came_round);
    }
}

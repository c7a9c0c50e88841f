//! Paint the Forest: the wood turns grey, and wherever the child moves, colour comes back.
//! The whole picture painted is a win; then the grey creeps back for another go.

pub mod level;

use bevy::asset::RenderAssetUsages;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};

use crate::game::minigames::kit::{AppSystems, GameId, HEIGHT, LevelLookup, Mood, Motion, MusicState, Score, Session, SoundCue, Stage, WIDTH, current_difficulty, z};

/// The stage of play this game runs in.
const STAGE: Stage = Stage::Game(GameId::Paint);

/// Size of the grey veil, in cells.
pub const CELLS_W: usize = 80;
/// See [`CELLS_W`].
pub const CELLS_H: usize = 45;
/// Greyness of an unpainted cell.
const GREY: u8 = 220;

/// The veil: how grey each cell still is (0 painted .. `GREY`).
#[derive(Resource, Debug, Clone)]
pub struct PaintVeil {
    /// Row-major greyness.
    pub cells: Vec<u8>,
    /// Whole pictures painted.
    pub pictures: u32,
}

impl Default for PaintVeil {
    fn default() -> Self {
        Self {
            cells: vec![GREY; CELLS_W * CELLS_H],
            pictures: 0,
        }
    }
}

impl PaintVeil {
    /// Fraction painted, 0..1.
    pub fn painted(&self) -> f32 {
        let total: u32 = self.cells.iter().map(|&c| u32::from(c)).sum();
        1.0 - total as f32 / (u32::from(GREY) * self.cells.len() as u32) as f32
    }

    /// Paints around the picture point (u, v) (0..1) with a brush of `radius` (fraction of
    /// the height) and `strength` (grey removed per call).
    pub fn brush(&mut self, u: f32, v: f32, radius: f32, strength: u8) {
        let r = (radius * CELLS_H as f32).max(1.0);
        let (cx, cy) = (u * CELLS_W as f32, v * CELLS_H as f32);
        let (x0, x1) = (
            (cx - r).max(0.0) as usize,
            ((cx + r) as usize).min(CELLS_W - 1),
        );
        let (y0, y1) = (
            (cy - r).max(0.0) as usize,
            ((cy + r) as usize).min(CELLS_H - 1),
        );
        for y in y0..=y1 {
            for x in x0..=x1 {
                let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
                if dx * dx + dy * dy <= r * r {
                    let c = &mut self.cells[y * CELLS_W + x];
                    *c = c.saturating_sub(strength);
                }
            }
        }
    }
}

/// The veil's image.
#[derive(Resource)]
struct VeilImage(Handle<Image>);

/// Adds the game.
/// The sounds this game makes itself: none, it speaks with the kiosk's shared cues.
pub fn own_sounds() -> Vec<crate::game::minigames::kit::NamedSound> {
    Vec::new()
}

pub fn plugin(app: &mut App) {
    app.init_resource::<PaintVeil>()
        .add_systems(OnEnter(STAGE), enter)
        .add_systems(
            Update,
            (paint, show_veil)
                .chain()
                .in_set(AppSystems::Update)
                .run_if(in_state(STAGE)),
        );
}

fn enter(
    mut commands: Commands,
    mut veil: ResMut<PaintVeil>,
    mut music: ResMut<MusicState>,
    images: Option<ResMut<Assets<Image>>>,
) {
    *veil = PaintVeil::default();
    music.mood = Mood::Play;
    if let Some(mut images) = images {
        let image = Image::new_fill(
            Extent3d {
                width: CELLS_W as u32,
                height: CELLS_H as u32,
                depth_or_array_layers: 1,
            },
            TextureDimension::D2,
            &[150, 150, 155, GREY],
            TextureFormat::Rgba8UnormSrgb,
            RenderAssetUsages::MAIN_WORLD | RenderAssetUsages::RENDER_WORLD,
        );
        let handle = images.add(image);
        commands.spawn((
            Name::new("Grey veil"),
            DespawnOnExit(STAGE),
            Sprite {
                image: handle.clone(),
                custom_size: Some(Vec2::new(WIDTH, HEIGHT)),
                ..default()
            },
            Transform::from_xyz(0.0, 0.0, z::WEATHER - 0.5),
        ));
        commands.insert_resource(VeilImage(handle));
    }
}

/// Moving parts of the child's shape paint: the silhouette's moving cells carry the brush.
fn paint(
    motion: Res<Motion>,
    mut veil: ResMut<PaintVeil>,
    mut score: ResMut<Score>,
    levels: LevelLookup,
    session: Res<Session>,
    mut cues: MessageWriter<SoundCue>,
    time: Res<Time>,
    mut last_cue: Local<f32>,
) {
    if !motion.fresh {
        return;
    }
    let brush = current_difficulty::<level::Difficulty>(&levels, &session).brush;
    let mask = &motion.silhouette;
    let (w, h) = (mask.width(), mask.height());
    if w == 0 || motion.activity() < 0.05 {
        return;
    }
    let strength = (40.0 * motion.activity()).clamp(4.0, 40.0) as u8;
    // Brush along the silhouette's edge cells, sparsely (every 4th pixel) to stay cheap.
    for y in (0..h).step_by(4) {
        for x in (0..w).step_by(4) {
            if mask.get(x, y) {
                veil.brush(
                    (x as f32 + 0.5) / w as f32,
                    (y as f32 + 0.5) / h as f32,
                    brush * 0.5,
                    strength / 4 + 1,
                );
            }
        }
    }
    if time.elapsed_secs() - *last_cue > 1.5 {
        *last_cue = time.elapsed_secs();
        cues.write(SoundCue::Paint);
    }
    if veil.painted() > 0.9 {
        veil.pictures += 1;
        cues.write(SoundCue::Cheer);
        let pictures = veil.pictures;
        *veil = PaintVeil::default();
        veil.pictures = pictures;
    }
    score.0 = veil.pictures * 100 + (veil.painted() * 100.0) as u32;
}

fn show_veil(
    veil: Res<PaintVeil>,
    target: Option<Res<VeilImage>>,
    mut images: Option<ResMut<Assets<Image>>>,
) {
    let (Some(target), Some(images)) = (target, images.as_deref_mut()) else {
        return;
    };
    if !veil.is_changed() {
        return;
    }
    if let Some(mut image) = images.get_mut(&target.0)
        && let Some(data) = image.data.as_mut()
    {
        for (px, &grey) in data.chunks_exact_mut(4).zip(&veil.cells) {
            px[3] = grey;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brushing_paints_and_counts() {
        let mut veil = PaintVeil::default();
        assert_eq!(veil.painted(), 0.0);
        for _ in 0..10 {
            veil.brush(0.5, 0.5, 0.2, 40);
        }
        let p = veil.painted();
        assert!(p > 0.05 && p < 0.5, "{p}");
    }
}

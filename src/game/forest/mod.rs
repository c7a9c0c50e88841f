//! The living forest behind every screen: sky, hills, trees, grass, the weather the children
//! change, the animals that notice them, and the children's own glowing shapes.

pub mod animals;
pub mod bursts;
pub mod scene;
pub mod silhouette;
pub mod weather;

use bevy::prelude::*;

/// Adds the forest.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        scene::plugin,
        weather::plugin,
        animals::plugin,
        bursts::plugin,
        silhouette::plugin,
    ));
}

/// A bare app whose clock moves `millis` each update: what the forest's unit tests run its
/// systems in.
#[cfg(test)]
pub(crate) fn ticking_app(millis: u64) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins);
    app.insert_resource(bevy::time::TimeUpdateStrategy::ManualDuration(
        std::time::Duration::from_millis(millis),
    ));
    app
}

/// Whether the app can draw (a headless test has no mesh or material assets).
pub fn can_draw(
    meshes: Option<Res<Assets<Mesh>>>,
    materials: Option<Res<Assets<ColorMaterial>>>,
) -> bool {
    meshes.is_some() && materials.is_some()
}

//! Shapes that bevy's primitives lack: a five-pointed star (rewards, the stretching guide).

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;

/// A five-pointed star mesh with the given outer and inner radii, pointing up.
pub fn star(outer: f32, inner: f32) -> Mesh {
    let mut positions = vec![[0.0, 0.0, 0.0]];
    for k in 0..10 {
        let r = if k % 2 == 0 { outer } else { inner };
        let a = std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::PI / 5.0;
        positions.push([r * a.cos(), r * a.sin(), 0.0]);
    }
    let mut indices = Vec::new();
    for k in 0..10u32 {
        indices.extend_from_slice(&[0, 1 + k, 1 + (k + 1) % 10]);
    }
    let normals = vec![[0.0, 0.0, 1.0]; positions.len()];
    let uvs: Vec<[f32; 2]> = positions
        .iter()
        .map(|p| [0.5 + p[0] / (2.0 * outer), 0.5 - p[1] / (2.0 * outer)])
        .collect();
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::default(),
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
    .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals)
    .with_inserted_attribute(Mesh::ATTRIBUTE_UV_0, uvs)
    .with_inserted_indices(Indices::U32(indices))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star_has_ten_points_around_a_centre() {
        let mesh = star(10.0, 4.0);
        assert_eq!(mesh.count_vertices(), 11);
        assert_eq!(mesh.indices().map(|i| i.len()), Some(30));
    }
}

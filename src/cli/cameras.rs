//! `wigglewoods cameras`: which cameras this machine has and what they can do.

use crate::camera::list_cameras;

/// Lists the cameras; with none, says so and suggests synthetic input (not an error).
pub fn run() -> super::CliResult {
    let cameras = list_cameras()?;
    if cameras.is_empty() {
        println!("No camera found on this machine.");
        println!(
            "Plug one in, or play without one: `wigglewoods --input synthetic` (the kiosk) or \
             `wigglewoods track --input synthetic` (the motion core alone)."
        );
        return Ok(());
    }
    for camera in &cameras {
        println!(
            "camera:{}  {}  ({})",
            camera.index, camera.name, camera.description
        );
        if !camera.note.is_empty() {
            println!("    {}", camera.note);
        }
        for f in &camera.formats {
            println!(
                "    {}x{} {} fps {}",
                f.width, f.height, f.fps, f.pixel_format
            );
        }
    }
    Ok(())
}

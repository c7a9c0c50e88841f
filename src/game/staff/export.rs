//! "Export report" on the staff launcher: the activity logs written as CSV and an HTML
//! report into the configured export folder, on a thread of its own so that the forest
//! keeps moving while ten thousand sessions are read.

use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::SystemTime;

use bevy::prelude::*;

use super::panel::StaffUi;
use crate::game::settings::Settings;
use crate::logs::export::export_to_folder;

/// The export under way, if any.
#[derive(Resource, Default)]
pub struct ExportJob {
    running: Option<JoinHandle<Result<String, String>>>,
}

impl ExportJob {
    /// Whether an export is being written now.
    pub fn running(&self) -> bool {
        self.running.is_some()
    }
}

/// Adds the export.
pub fn plugin(app: &mut App) {
    app.init_resource::<ExportJob>().add_systems(
        Update,
        (start_export, finish_export)
            .chain()
            .in_set(crate::game::AppSystems::Overlay),
    );
}

fn start_export(settings: Res<Settings>, mut job: ResMut<ExportJob>, mut ui: ResMut<StaffUi>) {
    if !ui.export_asked {
        return;
    }
    ui.export_asked = false;
    if job.running() {
        return;
    }
    let logs: PathBuf = settings.config.logs.folder.clone();
    let out: PathBuf = settings.config.export.folder.clone();
    let kiosk = settings.config.kiosk.id.clone();
    let started = std::thread::Builder::new()
        .name("export".into())
        .spawn(move || {
            export_to_folder(&logs, &out, &kiosk, SystemTime::now()).map(|done| done.to_string())
        });
    match started {
        Ok(handle) => {
            ui.message = "Exporting the activity report...".into();
            job.running = Some(handle);
        }
        Err(e) => ui.message = format!("Could not start the export: {e}"),
    }
}

fn finish_export(mut job: ResMut<ExportJob>, mut ui: ResMut<StaffUi>) {
    if !job.running.as_ref().is_some_and(JoinHandle::is_finished) {
        return;
    }
    let Some(handle) = job.running.take() else {
        return;
    };
    let message = match handle.join() {
        Ok(Ok(done)) => done,
        Ok(Err(problem)) => problem,
        Err(_) => "The export stopped unexpectedly.".into(),
    };
    info!("export: {message}");
    ui.message = message;
}

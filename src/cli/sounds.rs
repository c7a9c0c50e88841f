//! `wigglewoods sounds --out DIR`: every sound and music loop the kiosk plays, as WAV files,
//! with a loudness table. Why: staff listen to them before a ward uses the kiosk, and anyone
//! changing a sound sees at once whether it is still kind to ears (the same rules a test
//! keeps: true peak at most -1 dBTP, loops within 6 LU, effects at most 6 LU above them).

use std::path::PathBuf;

use clap::Args;

use crate::game::audio::catalogue::{self, Measured, SoundKind};

/// Options of `sounds`.
#[derive(Debug, Args)]
pub struct SoundsArgs {
    /// The folder the WAV files are written to (made if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Writes every sound, prints the table, and fails (exit status 1) if a sound breaks a rule.
pub fn run(args: &SoundsArgs) -> super::CliResult {
    let mut sounds = catalogue::kiosk_sounds();
    sounds.extend(crate::game::minigames::game_sounds());
    sounds.extend(crate::game::by_ear::sounds::EarSounds::generate().catalogue());
    std::fs::create_dir_all(&args.out)
        .map_err(|e| format!("{}: cannot make the folder: {e}", args.out.display()))?;
    for sound in &sounds {
        let file = args.out.join(format!("{}.wav", sound.name));
        std::fs::write(&file, catalogue::wav_bytes(&sound.samples))
            .map_err(|e| format!("{}: cannot write: {e}", file.display()))?;
    }
    let measured = catalogue::measure(&sounds);
    print!("{}", table(&measured));
    println!(
        "{} sounds written to {} (16-bit mono WAV, {} Hz)",
        sounds.len(),
        args.out.display(),
        crate::game::audio::synth::SAMPLE_RATE
    );
    let problems = catalogue::problems(&measured);
    if problems.is_empty() {
        println!(
            "all kind to ears: true peaks at most {} dBTP, loops within {} LU of each other, \
             no effect more than {} LU above the loudest loop, no click at a loop's seam",
            catalogue::MAX_TRUE_PEAK,
            catalogue::LOOP_SPREAD,
            catalogue::EFFECT_ABOVE_LOOPS
        );
        Ok(())
    } else {
        for p in &problems {
            eprintln!("{p}");
        }
        Err(format!(
            "{} sounds break the loudness rules, listed above",
            problems.len()
        ))
    }
}

/// The loudness table: one line per sound.
fn table(measured: &[Measured]) -> String {
    let mut out = format!(
        "{:<36} {:<6} {:>7} {:>8} {:>8} {:>6}\n",
        "sound", "kind", "seconds", "LUFS", "dBTP", "seam"
    );
    for m in measured {
        let kind = match m.kind {
            SoundKind::Loop => "loop",
            SoundKind::Effect => "effect",
        };
        let seam = m.seam.map_or_else(|| "-".to_owned(), |s| format!("{s:.2}"));
        out.push_str(&format!(
            "{:<36} {:<6} {:>7.2} {:>8.1} {:>8.1} {:>6}\n",
            m.name, kind, m.seconds, m.lufs, m.true_peak, seam
        ));
    }
    out
}

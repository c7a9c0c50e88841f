//! What the kiosk says when it cannot start at all: no screen, or no graphics driver. Why:
//! a first try on a new PC (over ssh, in a service with no display, on a machine without
//! Vulkan) used to end in a panic and a stack trace; IT gets one sentence saying what is
//! missing and what to do, and exit status 2, instead.
//!
//! The screen is checked before the window is made. The driver can only be found out by
//! bevy's renderer, which panics when it finds none: a panic hook turns the panics the
//! window and renderer are known to raise into the same kind of sentence.

use std::ffi::OsString;

/// The exit status of a kiosk that could not start (no screen, no graphics driver):
/// distinct from 1 (a mistake in what was asked), so a unit file or script can tell.
pub const CANNOT_START: u8 = 2;

/// Why there is no screen to open a window on, when none of `DISPLAY`, `WAYLAND_DISPLAY`
/// and `WAYLAND_SOCKET` is set; `var` reads the environment (a parameter, for tests).
pub fn missing_display(var: impl Fn(&str) -> Option<OsString>) -> Option<String> {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    if set("DISPLAY") || set("WAYLAND_DISPLAY") || set("WAYLAND_SOCKET") {
        return None;
    }
    Some(
        "there is no screen to show the forest on (neither DISPLAY nor WAYLAND_DISPLAY is \
         set): start the kiosk in the desktop session of the kiosk's screen (or enable its \
         autostart, see packaging/README.md), or try it without a screen with \
         `xvfb-run -a wigglewoods --windowed`"
            .to_owned(),
    )
}

/// The sentence for a panic raised while the window or the renderer start, or `None` for
/// any other panic (which keeps its usual report: it is a bug to be fixed).
pub fn explain_startup_panic(message: &str) -> Option<String> {
    if message.contains("Failed to build event loop") {
        // winit's error is a debug dump (`Os(OsError { line: .., file: .., error: X })`):
        // its last part names what went wrong.
        let reason = message
            .rsplit_once("error: ")
            .or_else(|| message.split_once(": "))
            .map_or("", |(_, reason)| reason)
            .trim_end_matches([' ', '}', ')'])
            .trim();
        let reason = if reason.matches('(').count() > reason.matches(')').count() {
            format!("{reason})")
        } else {
            reason.to_owned()
        };
        return Some(format!(
            "the screen could not be opened ({reason}): check that DISPLAY names a running X \
             server or Wayland session that this user may use, or try it without a screen \
             with `xvfb-run -a wigglewoods --windowed`"
        ));
    }
    let no_gpu = ["Unable to find a GPU", "Failed to create wgpu surface"];
    if no_gpu.iter().any(|known| message.contains(known)) {
        return Some(
            "no graphics driver could draw the forest (no Vulkan, Metal or OpenGL device was \
             found): install the graphics card's driver, or Mesa's software Vulkan \
             (`sudo apt-get install mesa-vulkan-drivers`), and start the kiosk again"
                .to_owned(),
        );
    }
    None
}

/// Installs the panic hook that prints [`explain_startup_panic`]'s sentence and exits with
/// [`CANNOT_START`]; other panics go to the hook that was there before.
pub fn install_panic_sentences() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        match explain_startup_panic(&message) {
            Some(sentence) => {
                eprintln!("wigglewoods: {sentence}");
                std::process::exit(i32::from(CANNOT_START));
            }
            None => previous(info),
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_display_variable_is_one_sentence_with_what_to_do() {
        let none = missing_display(|_| None).unwrap();
        assert!(
            none.contains("DISPLAY") && none.contains("xvfb-run"),
            "{none}"
        );
        assert!(!none.contains('\n'));
        let empty = missing_display(|_| Some(OsString::new()));
        assert!(empty.is_some(), "an empty DISPLAY is no display");
        for name in ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"] {
            let one = missing_display(|v| (v == name).then(|| OsString::from(":0")));
            assert_eq!(one, None, "{name} set");
        }
    }

    #[test]
    fn the_window_and_renderer_panics_become_sentences_and_others_do_not() {
        let event_loop = explain_startup_panic(
            "Failed to build event loop: Os(OsError { line: 788, file: \"/root/.cargo/winit/\
             src/linux/mod.rs\", error: XNotSupported(XOpenDisplayFailed) })",
        )
        .unwrap();
        assert!(
            event_loop.contains("(XNotSupported(XOpenDisplayFailed))"),
            "{event_loop}"
        );
        assert!(!event_loop.contains("cargo"), "{event_loop}");
        let gpu = explain_startup_panic(
            "Unable to find a GPU! Make sure you have installed required drivers!",
        )
        .unwrap();
        assert!(gpu.contains("mesa-vulkan-drivers"), "{gpu}");
        assert_eq!(explain_startup_panic("index out of bounds"), None);
    }
}

//! The `wigglewoods` command: the kiosk by default, and the tools beside it.

fn main() -> std::process::ExitCode {
    wigglewoods::cli::main()
}

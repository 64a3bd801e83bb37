//! Project commands, run as `cargo xtask COMMAND` (an alias in .cargo/config.toml).
//!
//! Each command installs what it needs that is missing, so a fresh clone needs
//! only Rust (rustup), Node.js 20 and, for the browser tests, root for `apt-get`.

mod bench;
mod demo;
mod dist;
mod process;
mod site;
mod test;
mod tools;
mod workspace;

use std::process::ExitCode;

/// Errors are messages for the person at the terminal.
type Result<T = ()> = std::result::Result<T, String>;

fn usage() -> String {
    format!(
        "Usage: cargo xtask COMMAND\n\n{}\n\n{}\n\n{}\n\n{}",
        demo::USAGE,
        test::USAGE,
        bench::USAGE,
        dist::USAGE
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{}", usage());
        return ExitCode::FAILURE;
    };

    let result = match command.as_str() {
        "demo" => demo::run_demo(rest),
        "test" => test::run_tests(rest),
        "bench" => bench::run_benches(rest),
        "dist" => dist::run_dist(rest),
        "help" | "-h" | "--help" => {
            println!("{}", usage());
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{}", usage())),
    };

    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

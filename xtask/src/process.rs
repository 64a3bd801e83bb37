//! Running child processes: echoing the command, checking the exit status, and
//! keeping the summary lines of test runners while their output streams through.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, ExitStatus, Stdio};

use crate::Result;

/// Formats a command the way a person would type it.
pub fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(command.get_args().map(shell_word));
    words.join(" ")
}

fn shell_word(arg: &OsStr) -> String {
    let text = arg.to_string_lossy();
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./:=,@+".contains(c));
    if plain && !text.is_empty() {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Runs a command with inherited stdio and fails unless it exits with status 0.
pub fn run(command: &mut Command) -> Result {
    let description = describe(command);
    println!("$ {description}");
    flush_stdout();

    let status = command
        .status()
        .map_err(|err| format!("cannot start `{description}`: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{description}` failed ({status})"))
    }
}

/// Runs a command with its stdout piped through this process line by line, calling
/// `on_line` on each line after echoing it; stderr is inherited.
///
/// Returns the exit status, whatever it is, so the caller decides what failure means.
pub fn run_streaming(command: &mut Command, mut on_line: impl FnMut(&str)) -> Result<ExitStatus> {
    let description = describe(command);
    println!("$ {description}");
    flush_stdout();

    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|err| format!("cannot start `{description}`: {err}"))?;

    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            // A closed stdout (e.g. piped into `head`) must not stop the child from finishing.
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
            drop(out);
            on_line(&line);
        }
    }

    child
        .wait()
        .map_err(|err| format!("cannot wait for `{description}`: {err}"))
}

/// Runs a command like [`run_streaming`] and appends the lines that
/// `is_summary_line` picks to `summary`, even when the command fails, so a failing
/// run still reports its counts.
pub fn run_keeping_summary(
    command: &mut Command,
    is_summary_line: fn(&str) -> bool,
    summary: &mut Vec<String>,
) -> Result {
    let status = run_streaming(command, |line| {
        if is_summary_line(line) {
            summary.push(line.to_owned());
        }
    })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

/// Runs a command quietly and returns its trimmed stdout, or `None` when it cannot
/// start or fails. Used to probe tool versions.
pub fn output_of(program: impl AsRef<OsStr>, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Prints a section header so each step is easy to find in long CI logs.
pub fn header(title: &str) {
    println!();
    println!("==== {title} ====");
    flush_stdout();
}

/// Flushes stdout so our lines appear before the child's output.
pub fn flush_stdout() {
    let _ = std::io::stdout().flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_quotes_spaces_and_quotes() {
        let mut command = Command::new("cargo");
        command.args(["run", "--", "--data", "a b", "it's"]);
        assert_eq!(describe(&command), r"cargo run -- --data 'a b' 'it'\''s'");
    }

    #[test]
    fn run_reports_failing_command() {
        let error = run(Command::new("false").arg("x")).unwrap_err();
        assert!(error.contains("`false x` failed"), "{error}");
    }

    #[test]
    fn run_keeping_summary_picks_lines() {
        let mut summary = Vec::new();
        let mut command = Command::new("printf");
        command.arg("first\nkept 2\nlast\n");
        run_keeping_summary(&mut command, |line| line.starts_with("kept "), &mut summary).unwrap();
        assert_eq!(summary, vec!["kept 2"]);
    }
}

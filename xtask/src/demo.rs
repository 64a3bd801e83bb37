//! `cargo xtask demo`: build the demo page and run the demo portal in front of it.

use crate::process::{flush_stdout, header, run_streaming};
use crate::tools::{cargo_run_portal_binary, ensure_wasm_build_tools, ToolPath};
use crate::{site, workspace, Result};

/// The portal's own default; repeated here only to print it in the help text.
const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// The line the portal prints on stdout once its socket is bound.
const LISTENING_PREFIX: &str = "dvc-demo-portal listening on ";

pub const USAGE: &str = "\
cargo xtask demo [--data PATH] [--addr HOST:PORT]
    Installs the missing tools, builds the demo page (trunk, release) and runs
    the demo portal in front of it until Ctrl-C.
    --data PATH       procedure catalogue to load (JSONL, gzip or not, or the
                      2021 legacy JSON); default: the built-in sample
    --addr HOST:PORT  address to listen on; default: 127.0.0.1:8080";

struct DemoOptions {
    data: Option<String>,
    addr: String,
}

fn parse(args: &[String]) -> Result<DemoOptions> {
    let mut options = DemoOptions {
        data: None,
        addr: DEFAULT_ADDR.to_owned(),
    };

    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value_of = |flag: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value\n\n{USAGE}"))
        };
        match arg.as_str() {
            // The portal runs in the workspace root, so a relative path is resolved here,
            // against the directory `cargo xtask demo` was started in.
            "--data" => {
                let data = value_of("--data")?;
                let absolute = std::path::absolute(&data)
                    .map_err(|err| format!("invalid --data path `{data}`: {err}"))?;
                options.data = Some(absolute.to_string_lossy().into_owned());
            }
            "--addr" => options.addr = value_of("--addr")?,
            other => return Err(format!("unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    Ok(options)
}

/// Runs `cargo xtask demo`.
pub fn run_demo(args: &[String]) -> Result {
    let options = parse(args)?;
    let tools = ToolPath::new()?;

    header("Install tools");
    ensure_wasm_build_tools(&tools)?;

    header("Build the demo page (trunk, release)");
    site::build(&tools)?;

    header("Run the demo portal");
    serve(&tools, &options)
}

/// Starts the portal with `cargo run --release`, echoes its output, and prints the
/// demo page's address once the portal reports it.
fn serve(tools: &ToolPath, options: &DemoOptions) -> Result {
    let site = workspace::site_dist_dir();
    let mut command = cargo_run_portal_binary(tools, "dvc-demo-portal");
    command
        .arg("--site")
        .arg(&site)
        .args(["--addr", &options.addr])
        // The demo page lists a few generated dossiers to try in the status widget.
        .arg("--list-demo-dossiers");
    if let Some(data) = &options.data {
        command.args(["--data", data]);
    }

    let mut listened = false;
    let status = run_streaming(&mut command, |line| {
        if let Some(url) = line.strip_prefix(LISTENING_PREFIX) {
            listened = true;
            let url = url.trim().trim_end_matches('/');
            println!();
            println!("Demo page:  {url}/");
            println!("API health: {url}/api/v1/health");
            println!("Demo dossier codes: {url}/demo/dossiers.json");
            println!("Stop with Ctrl-C.");
            println!();
            flush_stdout();
        }
    })?;

    // Ctrl-C reaches the portal too (same process group); its exit status then
    // reports the signal, which is how a demo normally ends.
    if !listened {
        return Err(format!(
            "the demo portal exited ({status}) without printing `{LISTENING_PREFIX}URL`"
        ));
    }
    if status.success() {
        Ok(())
    } else {
        Err(format!("the demo portal stopped ({status})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|arg| arg.to_string()).collect()
    }

    #[test]
    fn parse_defaults() {
        let options = parse(&[]).unwrap();
        assert_eq!(options.addr, DEFAULT_ADDR);
        assert!(options.data.is_none());
    }

    #[test]
    fn parse_data_and_addr() {
        let options = parse(&strings(&["--data", "x.jsonl.gz", "--addr", "127.0.0.1:0"])).unwrap();
        let data = options.data.unwrap();
        assert!(
            data.starts_with('/') && data.ends_with("/x.jsonl.gz"),
            "{data}"
        );
        assert_eq!(options.addr, "127.0.0.1:0");
    }

    #[test]
    fn parse_rejects_missing_value() {
        let error = parse(&strings(&["--data"])).err().unwrap();
        assert!(error.contains("--data needs a value"), "{error}");
    }

    #[test]
    fn parse_rejects_unknown_flag() {
        let error = parse(&strings(&["--port", "1"])).err().unwrap();
        assert!(error.contains("unknown argument `--port`"), "{error}");
    }
}

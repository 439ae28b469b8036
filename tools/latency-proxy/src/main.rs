//! latency-proxy: the network between two pods, for `npm run bench:apart`.
//!
//!   latency-proxy proxy --listen ADDR --upstream ADDR --rtt-ms MS [--stats FILE]
//!   latency-proxy echo  --listen ADDR
//!   latency-proxy ping  --to ADDR [--rounds N]
//!
//! `proxy` forwards TCP connections to `upstream`, each byte delayed by half
//! the round trip in each direction, and a new connection by one whole round
//! trip before its first byte, as TCP's handshake costs. `echo` and `ping`
//! measure the round trip a proxy actually adds: the kernel wakes a sleeping
//! thread late, so what is asked is a floor, not the figure.
mod delay;
mod probe;
mod timer;

use std::collections::HashMap;
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: latency-proxy proxy --listen ADDR --upstream ADDR --rtt-ms MS [--stats FILE]\n       latency-proxy echo --listen ADDR\n       latency-proxy ping --to ADDR [--rounds N]";

/// `--name value` pairs after the subcommand; anything else is a mistake.
fn options(args: &[String], known: &[&str]) -> Result<HashMap<String, String>, String> {
    let mut found = HashMap::new();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let name = flag
            .strip_prefix("--")
            .filter(|n| known.contains(n))
            .ok_or_else(|| format!("unknown option {flag}"))?;
        let value = rest.next().ok_or_else(|| format!("{flag} needs a value"))?;
        found.insert(name.to_string(), value.clone());
    }
    Ok(found)
}

fn required<'a>(found: &'a HashMap<String, String>, name: &str) -> Result<&'a str, String> {
    found
        .get(name)
        .map(String::as_str)
        .ok_or_else(|| format!("--{name} is required"))
}

fn round_trip(found: &HashMap<String, String>) -> Result<Duration, String> {
    let text = required(found, "rtt-ms")?;
    let ms: f64 = text
        .parse()
        .map_err(|_| format!("--rtt-ms must be a number of milliseconds, not \"{text}\""))?;
    if !(0.0..=10_000.0).contains(&ms) {
        return Err(format!("--rtt-ms must be between 0 and 10000, not {ms}"));
    }
    Ok(Duration::from_secs_f64(ms / 1000.0))
}

fn run(args: &[String]) -> Result<(), String> {
    timer::tighten_timer_slack();
    match args.first().map(String::as_str) {
        Some("proxy") => {
            let found = options(&args[1..], &["listen", "upstream", "rtt-ms", "stats"])?;
            let (listen, upstream) = (required(&found, "listen")?, required(&found, "upstream")?);
            delay::proxy(
                listen,
                upstream,
                round_trip(&found)?,
                found.get("stats").map(String::as_str),
            )
        }
        Some("echo") => probe::echo(required(&options(&args[1..], &["listen"])?, "listen")?),
        Some("ping") => {
            let found = options(&args[1..], &["to", "rounds"])?;
            let rounds = match found.get("rounds") {
                Some(text) => text
                    .parse()
                    .ok()
                    .filter(|&n: &usize| n > 0)
                    .ok_or_else(|| format!("--rounds must be a whole number above 0, not \"{text}\""))?,
                None => 2000,
            };
            probe::ping(required(&found, "to")?, rounds)
        }
        Some(other) => Err(format!("unknown command \"{other}\"")),
        None => Err("a command is required".to_string()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--version") {
        println!("latency-proxy {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("latency-proxy: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

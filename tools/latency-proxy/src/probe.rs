//! What a round trip costs: `echo` answers every byte with itself; `ping`
//! sends one byte at a time and times the answer, and prints the figures as
//! one line of JSON for the harness to read.
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::Instant;

pub fn echo(listen: &str) -> Result<(), String> {
    let listener = TcpListener::bind(listen).map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    println!("Echoing on {}", listener.local_addr().map_err(|e| e.to_string())?);
    for stream in listener.incoming().flatten() {
        thread::spawn(move || {
            let _ = stream.set_nodelay(true);
            let mut writer = match stream.try_clone() {
                Ok(writer) => writer,
                Err(_) => return,
            };
            let mut reader = stream;
            let mut buffer = [0u8; 4096];
            while let Ok(n @ 1..) = reader.read(&mut buffer) {
                if writer.write_all(&buffer[..n]).is_err() {
                    break;
                }
            }
        });
    }
    Ok(())
}

pub fn ping(to: &str, rounds: usize) -> Result<(), String> {
    let mut stream = TcpStream::connect(to).map_err(|e| format!("cannot connect to {to}: {e}"))?;
    stream.set_nodelay(true).map_err(|e| e.to_string())?;
    let mut times = Vec::with_capacity(rounds);
    let mut byte = [0u8; 1];
    for _ in 0..rounds {
        let sent = Instant::now();
        stream
            .write_all(b"x")
            .and_then(|()| stream.read_exact(&mut byte))
            .map_err(|e| format!("{to}: {e}"))?;
        times.push(sent.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{{\"rounds\":{rounds},\"p50Ms\":{:.4},\"p99Ms\":{:.4},\"minMs\":{:.4}}}",
        at(0.5),
        at(0.99),
        times[0]
    );
    Ok(())
}

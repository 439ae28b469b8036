//! The proxy: every connection accepted is forwarded to the upstream through
//! two delay lines, one per direction. A delay line is a reader that stamps
//! each chunk with when it may arrive and a writer that holds it until then,
//! so chunks sent close together arrive close together, each late by the
//! same one-way delay, rather than queueing behind each other's sleep.
use std::fs;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;
use std::time::{Duration, Instant};

const CHUNK_BYTES: usize = 64 * 1024;
const STATS_EVERY: Duration = Duration::from_millis(100);

pub fn proxy(listen: &str, upstream: &str, round_trip: Duration, stats: Option<&str>) -> Result<(), String> {
    let listener = TcpListener::bind(listen).map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let connections = Arc::new(AtomicU64::new(0));
    if let Some(path) = stats {
        report_connections(path.to_string(), Arc::clone(&connections));
    }
    // The harness waits for this line before it sends anything.
    println!(
        "Proxying {} to {upstream}, {:.3} ms round trip",
        listener.local_addr().map_err(|e| e.to_string())?,
        round_trip.as_secs_f64() * 1000.0
    );
    for client in listener.incoming() {
        let Ok(client) = client else { continue };
        connections.fetch_add(1, Ordering::Relaxed);
        let upstream = upstream.to_string();
        thread::spawn(move || {
            if let Err(e) = forward(client, &upstream, round_trip) {
                eprintln!("latency-proxy: a connection to {upstream} failed: {e}");
            }
        });
    }
    Ok(())
}

/// How many connections were accepted so far, written to `path` whenever it changes.
fn report_connections(path: String, connections: Arc<AtomicU64>) {
    thread::spawn(move || {
        let mut written = u64::MAX;
        loop {
            let now = connections.load(Ordering::Relaxed);
            if now != written {
                let temporary = format!("{path}.new");
                if fs::write(&temporary, format!("{now}\n"))
                    .and_then(|()| fs::rename(&temporary, &path))
                    .is_ok()
                {
                    written = now;
                }
            }
            thread::sleep(STATS_EVERY);
        }
    });
}

fn forward(client: TcpStream, upstream: &str, round_trip: Duration) -> std::io::Result<()> {
    // The client's handshake finished on this host at once; over the network it would take a round trip.
    thread::sleep(round_trip);
    let server = TcpStream::connect(upstream)?;
    for stream in [&client, &server] {
        stream.set_nodelay(true)?;
    }
    let one_way = round_trip / 2;
    let outbound = delay_line(client.try_clone()?, server.try_clone()?, one_way);
    let inbound = delay_line(server, client, one_way);
    for pump in outbound.into_iter().chain(inbound) {
        let _ = pump.join();
    }
    Ok(())
}

/// Bytes from `from` written to `to` `delay` after they were read; `to` is shut for writing when `from` ends.
fn delay_line(mut from: TcpStream, mut to: TcpStream, delay: Duration) -> [thread::JoinHandle<()>; 2] {
    let (send, receive) = mpsc::channel::<(Instant, Vec<u8>)>();
    let reader = thread::spawn(move || {
        let mut buffer = vec![0u8; CHUNK_BYTES];
        loop {
            match from.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if send.send((Instant::now() + delay, buffer[..n].to_vec())).is_err() {
                        break;
                    }
                }
            }
        }
        // `send` dropped here tells the writer to deliver what it holds, then close.
    });
    let writer = thread::spawn(move || {
        for (due, bytes) in receive {
            let now = Instant::now();
            if due > now {
                thread::sleep(due - now);
            }
            if to.write_all(&bytes).is_err() {
                break;
            }
        }
        let _ = to.shutdown(Shutdown::Write);
    });
    [reader, writer]
}

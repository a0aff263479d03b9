//! Where one rustc run spent its time, by activity or query, as self time (its own time
//! without the activities it started), with how often each ran:
//!
//! ```text
//! cargo +nightly rustc --profile=check -- -Z self-profile=/tmp/profile
//! cargo run --release -- /tmp/profile/<crate>-<pid>     (the file name without .mm_profdata)
//! ```
//!
//! Nightly's `-Z time-passes` gives the passes; this adds the queries inside them and how many
//! times each ran (the number of generated items shows up there), which is how the costs of a
//! rebuild of a crate that invokes `whop_api!` were split up (BENCHMARKS.md).

use std::collections::HashMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use analyzeme::{EventPayload, ProfilingData, Timestamp};

/// One timed event: the thread it ran on, its start and end in nanoseconds, and its name.
struct Interval {
    thread: u32,
    start: u128,
    end: u128,
    name: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(stem) = std::env::args().nth(1) else {
        return Err("usage: anchor-self-profile <profile file without .mm_profdata> [rows]".into());
    };
    let rows: usize = std::env::args().nth(2).map_or(Ok(40), |n| n.parse())?;
    let data = ProfilingData::new(Path::new(&stem)).map_err(|e| e.to_string())?;
    let mut intervals = Vec::new();
    for event in data.iter_full() {
        let EventPayload::Timestamp(Timestamp::Interval { start, end }) = event.payload else { continue };
        intervals.push(Interval {
            thread: event.thread_id,
            start: start.duration_since(UNIX_EPOCH)?.as_nanos(),
            end: end.duration_since(UNIX_EPOCH)?.as_nanos(),
            name: format!("{}: {}", event.event_kind, event.label),
        });
    }
    // Parents before their children: by thread, then start, then the longer first.
    intervals.sort_by(|a, b| (a.thread, a.start, b.end).cmp(&(b.thread, b.start, a.end)));
    let mut self_time: HashMap<&str, (i128, u64)> = HashMap::new();
    let mut open: Vec<&Interval> = Vec::new();
    for interval in &intervals {
        while open.last().is_some_and(|top| top.thread != interval.thread || top.end <= interval.start) {
            open.pop();
        }
        let length = (interval.end - interval.start) as i128;
        let entry = self_time.entry(&interval.name).or_default();
        entry.0 += length;
        entry.1 += 1;
        if let Some(parent) = open.last() {
            self_time.entry(&parent.name).or_default().0 -= length;
        }
        open.push(interval);
    }
    let mut sorted: Vec<_> = self_time.into_iter().collect();
    sorted.sort_by_key(|(_, (time, _))| std::cmp::Reverse(*time));
    let total: i128 = sorted.iter().map(|(_, (time, _))| time).sum();
    println!("| self time | runs | activity or query |\n|---:|---:|---|");
    for (name, (time, runs)) in sorted.iter().take(rows) {
        println!("| {:.1} ms | {runs} | {name} |", *time as f64 / 1e6);
    }
    println!("(self times add up to {:.1} ms, over every thread)", total as f64 / 1e6);
    Ok(())
}

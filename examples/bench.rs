//! Full-build benchmark at several corpus sizes, to see whether careersite stays linear.
//!
//! ```sh
//! cargo run --release --example bench -- [--guides 1000,10000,100000] [--runs 3] [--work DIR]
//! ```
//!
//! Generates a seeded corpus per size (reused while its parameters match), builds it with
//! the release `careersite` binary several times, and prints for each size the median wall
//! time, pages and guides per second, and the child's peak memory (from `wait4`), then how
//! the time and memory per guide grow from one size to the next.

mod bench {
    pub mod corpus;
    pub mod guide;
    pub mod run;
    pub mod text;
}

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Parser;

use bench::corpus;
use bench::run::{Run, build_binary, build_once, count_files, load_average, remove};

#[derive(Debug, Parser)]
#[command(about = "Full-build benchmark of careersite on generated corpora")]
struct Args {
    /// Corpus sizes, in guides
    #[arg(long, value_delimiter = ',', default_value = "1000,10000")]
    guides: Vec<usize>,
    /// Builds per size (the median is reported)
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Where corpora and outputs go (corpora are kept for the next run)
    #[arg(long)]
    work: Option<PathBuf>,
    #[arg(long, default_value_t = 6)]
    seed: u64,
    /// The careersite binary (default: build target/release/careersite first)
    #[arg(long)]
    bin: Option<PathBuf>,
}

/// Every run at one size, and what the build produced.
struct Size {
    guides: usize,
    runs: Vec<Run>,
    pages: usize,
    files: usize,
}

impl Size {
    fn median(&self) -> Duration {
        let mut walls: Vec<Duration> = self.runs.iter().map(|r| r.wall).collect();
        walls.sort();
        walls[walls.len() / 2]
    }

    fn median_cpu(&self) -> Duration {
        let mut cpu: Vec<Duration> = self.runs.iter().map(|r| r.cpu).collect();
        cpu.sort();
        cpu[cpu.len() / 2]
    }

    fn peak_mib(&self) -> f64 {
        self.runs.iter().map(|r| r.max_rss_kib).max().unwrap_or(0) as f64 / 1024.0
    }
}

fn main() {
    if let Err(e) = run(Args::parse()) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run(args: Args) -> Result<(), String> {
    if args.runs == 0 || args.guides.iter().any(|&n| n < 2) {
        return Err("--runs must be at least 1 and every size at least 2 guides".into());
    }
    let work = args
        .work
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join("careersite-bench"));
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let bin = match &args.bin {
        Some(b) => b.clone(),
        None => build_binary()?,
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("machine: {cores} cores, load average {}", load_average());
    let mut sizes = Vec::new();
    for &n in &args.guides {
        let corpus_dir = work.join(format!("corpus-{n}-seed{}", args.seed));
        let t = Instant::now();
        if corpus::ensure(&corpus_dir, n, args.seed)? {
            println!("generated {n} guides in {:.1} s", t.elapsed().as_secs_f64());
        } else {
            println!(
                "reusing the corpus of {n} guides in {}",
                corpus_dir.display()
            );
        }
        let size = measure(
            &bin,
            &corpus_dir,
            &work.join(format!("out-{n}")),
            n,
            args.runs,
        )?;
        print_size(&size);
        sizes.push(size);
    }
    print_growth(&sizes);
    println!("load average after: {}", load_average());
    Ok(())
}

fn measure(
    bin: &Path,
    root: &Path,
    out: &Path,
    guides: usize,
    runs: usize,
) -> Result<Size, String> {
    let mut size = Size {
        guides,
        runs: Vec::new(),
        pages: 0,
        files: 0,
    };
    for k in 0..runs {
        // Every run builds into a fresh folder, so none pays for deleting the last output.
        remove(out)?;
        let log = out.with_extension("log");
        let run = build_once(bin, root, out, &log)?;
        eprintln!(
            "  {guides} guides, run {}/{runs}: {:.2} s, {:.2} s CPU, {:.0} MiB",
            k + 1,
            run.wall.as_secs_f64(),
            run.cpu.as_secs_f64(),
            run.max_rss_kib as f64 / 1024.0
        );
        size.runs.push(run);
    }
    (size.pages, size.files) = count_files(out);
    remove(out)?;
    Ok(size)
}

fn print_size(s: &Size) {
    let median = s.median().as_secs_f64();
    let (min, max) = s.runs.iter().fold((f64::MAX, 0f64), |(lo, hi), r| {
        let w = r.wall.as_secs_f64();
        (lo.min(w), hi.max(w))
    });
    println!(
        "{} guides: median {median:.2} s (min {min:.2}, max {max:.2}, {} runs), CPU {:.2} s, {} pages ({} files), {:.0} pages/s, {:.0} guides/s, peak RSS {:.0} MiB",
        s.guides,
        s.runs.len(),
        s.median_cpu().as_secs_f64(),
        s.pages,
        s.files,
        s.pages as f64 / median,
        s.guides as f64 / median,
        s.peak_mib(),
    );
}

/// Time and memory per guide at each size against the size before: 1.0 is linear.
fn print_growth(sizes: &[Size]) {
    for pair in sizes.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let per_guide = |s: &Size| s.median().as_secs_f64() / s.guides as f64;
        let cpu_per_guide = |s: &Size| s.median_cpu().as_secs_f64() / s.guides as f64;
        println!(
            "{} -> {} guides: time per guide x{:.2}, CPU per guide x{:.2}, peak RSS x{:.2} for x{:.1} guides",
            a.guides,
            b.guides,
            per_guide(b) / per_guide(a),
            cpu_per_guide(b) / cpu_per_guide(a),
            b.peak_mib() / a.peak_mib(),
            b.guides as f64 / a.guides as f64,
        );
    }
}

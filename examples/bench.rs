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
    pub mod text;
}

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clap::Parser;

use bench::corpus;

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

/// One build of one corpus.
struct Run {
    wall: Duration,
    /// User plus system time: steadier than wall time when other jobs share the cores.
    cpu: Duration,
    max_rss_kib: u64,
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

/// Builds the release binary, so the benchmark never times a stale one.
fn build_binary() -> Result<PathBuf, String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "--bin", "careersite"])
        .current_dir(manifest)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("cargo build --release failed".into());
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| manifest.join("target"), PathBuf::from);
    Ok(manifest.join(target).join("release/careersite"))
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

fn remove(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("cannot remove {}: {e}", dir.display()))
        }
        _ => Ok(()),
    }
}

/// Runs one build and reaps it with `wait4`, which gives this child's own peak memory
/// (`getrusage(RUSAGE_CHILDREN)` would give the largest of all children so far).
fn build_once(bin: &Path, root: &Path, out: &Path, log: &Path) -> Result<Run, String> {
    let log_file =
        std::fs::File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
    let err_file = log_file.try_clone().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let child = Command::new(bin)
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(out)
        .arg("--quiet")
        .stdin(Stdio::null())
        .stdout(log_file)
        .stderr(err_file)
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero `rusage` is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own unreaped child; both pointers are to live locals.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break;
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4 failed: {e}"));
        }
    }
    let wall = start.elapsed();
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(10).collect();
        return Err(format!(
            "the build of {} failed:\n{}",
            root.display(),
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ));
    }
    let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Ok(Run {
        wall,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        // Linux reports kibibytes.
        max_rss_kib: usage.ru_maxrss.max(0) as u64,
    })
}

/// (HTML pages, all files) in the output, leaving out careersite's hidden marker file.
fn count_files(out: &Path) -> (usize, usize) {
    let mut pages = 0;
    let mut files = 0;
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if entry.file_type().is_file() && !hidden {
            files += 1;
            if entry.path().extension().is_some_and(|e| e == "html") {
                pages += 1;
            }
        }
    }
    (pages, files)
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

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

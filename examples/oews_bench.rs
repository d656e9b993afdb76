//! What a full OEWS dataset and a salary page per role and state add to a build (issue 16's
//! targets: under 150 ms to read about 40,000 rows, under 0.5 s for 1,000 salary pages).
//!
//! ```sh
//! cargo run --release --example oews_bench -- [--guides 300] [--runs 5] [--work DIR]
//! ```
//!
//! Generates the benchmark corpus (see `bench`) and a seeded OEWS file in BLS's all-states
//! layout, writes three versions of the site (without the dataset; with it and `soc:` on 20
//! roles; and with `salary_pages = "states"` as well), builds each with the release binary
//! `--runs` times, interleaved so the machine's load falls on all three alike, and prints
//! the median wall and CPU times and their differences. It also times the reader alone, in
//! this process, on the same text.

mod bench {
    pub mod corpus;
    pub mod guide;
    pub mod oews;
    pub mod run;
    pub mod text;
}

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use careersite::datasets::{self, Dataset, Format, Index, Rows, Source, TopCode};
use clap::Parser;

use bench::oews::{self, Variant};
use bench::run::{Run, build_binary, build_once, count_files, load_average, remove};

#[derive(Debug, Parser)]
#[command(about = "What an OEWS dataset and salary pages per state add to a careersite build")]
struct Args {
    /// Guides in the site around the dataset
    #[arg(long, default_value_t = 300)]
    guides: usize,
    /// Builds per version of the site (the median is reported; 0: time the reader only)
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Times the reader is run alone, in this process
    #[arg(long, default_value_t = 9)]
    reader_runs: usize,
    /// Where the sites and outputs go (the corpus is kept for the next run)
    #[arg(long)]
    work: Option<PathBuf>,
    #[arg(long, default_value_t = 6)]
    seed: u64,
    /// The careersite binary (default: build target/release/careersite first)
    #[arg(long)]
    bin: Option<PathBuf>,
}

fn main() {
    if let Err(e) = run(Args::parse()) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run(args: Args) -> Result<(), String> {
    if args.reader_runs == 0 || args.guides < 2 {
        return Err("--reader-runs must be at least 1, --guides at least 2".into());
    }
    let work = args
        .work
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join("careersite-oews-bench"));
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let bin = match &args.bin {
        Some(b) => b.clone(),
        None => build_binary()?,
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("machine: {cores} cores, load average {}", load_average());
    let base = work.join(format!("corpus-{}-seed{}", args.guides, args.seed));
    bench::corpus::ensure(&base, args.guides, args.seed)?;
    let dataset = oews::csv(args.seed);
    let rows = dataset.lines().count() - 1;
    println!(
        "dataset: {rows} rows, {:.1} MB, {} occupations, national + 51 states",
        dataset.len() as f64 / 1e6,
        oews::OCCUPATIONS
    );
    time_reader(&dataset, args.reader_runs)?;
    if args.runs == 0 {
        return Ok(());
    }

    let mut sites = Vec::new();
    for v in Variant::ALL {
        let dir = work.join(format!("site-{}", v.name()));
        remove(&dir)?;
        oews::write_site(&base, &dir, v, &dataset)?;
        let out = work.join(format!("out-{}", v.name()));
        // One build first, not counted: it fills the system's cache and checks the output.
        remove(&out)?;
        build_once(&bin, &dir, &out, &out.with_extension("log"))?;
        let (pages, _) = count_files(&out);
        let salary = salary_pages(&out);
        println!("{}: {pages} HTML pages, {salary} salary pages", v.name());
        sites.push((v, dir, out, Vec::<Run>::new()));
    }
    for k in 0..args.runs {
        for (v, dir, out, runs) in &mut sites {
            remove(out)?;
            let run = build_once(&bin, dir, out, &out.with_extension("log"))?;
            eprintln!(
                "  {} run {}/{}: {:.3} s, {:.3} s CPU",
                v.name(),
                k + 1,
                args.runs,
                run.wall.as_secs_f64(),
                run.cpu.as_secs_f64()
            );
            runs.push(run);
        }
    }
    let medians: Vec<(Duration, Duration)> = sites
        .iter()
        .map(|(v, _, out, runs)| {
            let wall = median(runs.iter().map(|r| r.wall));
            let cpu = median(runs.iter().map(|r| r.cpu));
            let peak = runs.iter().map(|r| r.max_rss_kib).max().unwrap_or(0);
            println!(
                "{:<12} median {:.3} s wall, {:.3} s CPU, peak RSS {:.0} MiB ({} runs; {})",
                v.name(),
                wall.as_secs_f64(),
                cpu.as_secs_f64(),
                peak as f64 / 1024.0,
                runs.len(),
                out.display()
            );
            (wall, cpu)
        })
        .collect();
    let ms = |a: Duration, b: Duration| (a.as_secs_f64() - b.as_secs_f64()) * 1000.0;
    let (plain, data, pages) = (medians[0], medians[1], medians[2]);
    println!(
        "the dataset adds {:.0} ms wall, {:.0} ms CPU (target: under 150 ms)",
        ms(data.0, plain.0),
        ms(data.1, plain.1)
    );
    println!(
        "the salary pages add {:.0} ms wall, {:.0} ms CPU (target: under 500 ms)",
        ms(pages.0, data.0),
        ms(pages.1, data.1)
    );
    println!("load average after: {}", load_average());
    for (_, _, out, _) in &sites {
        remove(out)?;
    }
    Ok(())
}

/// The reader and the index alone, on the text the build reads.
fn time_reader(text: &str, runs: usize) -> Result<(), String> {
    let file = Path::new(oews::FILE);
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let read = datasets::read(Format::Oews, file, text, TopCode::default())
            .map_err(|e| format!("the generated dataset does not read: {:?}", e.first()))?;
        if let Rows::Wages(w) = &read {
            rows = w.len();
        }
        let index = Index::new(vec![Dataset {
            source: Source {
                file: file.to_path_buf(),
                name: "bench".into(),
                url: None,
                period: "May 2024".into(),
            },
            rows: read,
        }]);
        times.push(t.elapsed());
        drop(index);
    }
    println!(
        "reader and index alone: median {:.1} ms for {rows} rows ({runs} runs)",
        median(times.into_iter()).as_secs_f64() * 1000.0
    );
    Ok(())
}

fn median(times: impl Iterator<Item = Duration>) -> Duration {
    let mut times: Vec<Duration> = times.collect();
    times.sort();
    times[times.len() / 2]
}

/// The salary pages in an output: `roles/<role>/salary/<area>/index.html`.
fn salary_pages(out: &Path) -> usize {
    walkdir::WalkDir::new(out.join("roles"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name() == "index.html"
                && e.path()
                    .parent()
                    .and_then(Path::parent)
                    .is_some_and(|p| p.ends_with("salary"))
        })
        .count()
}

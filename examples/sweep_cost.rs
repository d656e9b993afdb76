//! What watch mode's sweep costs: CPU time to fingerprint every page of a site, against
//! rendering every page. `cargo run --release --example sweep_cost -- SITE_DIR`.

use std::path::PathBuf;
use std::time::Duration;

use careersite::pipeline::{self, BuildOptions};
use careersite::render::{self, fingerprint};

fn cpu() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::uninit();
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let t = |v: libc::timeval| Duration::new(v.tv_sec as u64, v.tv_usec as u32 * 1000);
    t(usage.ru_utime) + t(usage.ru_stime)
}

fn main() {
    let root = PathBuf::from(std::env::args().nth(1).expect("site folder"));
    let opts = BuildOptions {
        root,
        output: None,
        base_url: None,
        drafts: false,
        publish: Default::default(),
        ..Default::default()
    };
    let loaded = pipeline::load(&opts).expect("site loads");
    let (site, theme) = (&loaded.site, &loaded.theme);
    for round in 0..3 {
        let t = cpu();
        let prints = fingerprint::all(site, theme);
        let sweep = cpu() - t;
        let t = cpu();
        let renderer = render::Renderer::new(site, theme);
        let jobs = render::jobs(site);
        let mut bytes = 0;
        for job in &jobs {
            bytes += renderer.render(job).map(|b| b.len()).unwrap_or(0);
        }
        let all = cpu() - t;
        println!(
            "round {round}: {} pages; fingerprints {:.0} ms CPU, rendering {:.0} ms CPU ({} MB)",
            prints.len(),
            sweep.as_secs_f64() * 1e3,
            all.as_secs_f64() * 1e3,
            bytes >> 20
        );
    }
}

//! Small tools the tests share: assertions that show the whole text, atomic saves,
//! polling with a deadline, environment knobs and a seeded generator.

use std::path::Path;
use std::time::{Duration, Instant};

/// Asserts that `text` starts with `prefix`, showing the whole text when it does not.
#[track_caller]
pub fn assert_starts(text: &str, prefix: &str) {
    assert!(
        text.starts_with(prefix),
        "expected to start with {prefix:?}:\n{text}"
    );
}

/// Asserts that `text` ends with `suffix`, showing the whole text when it does not.
#[track_caller]
pub fn assert_ends(text: &str, suffix: &str) {
    assert!(
        text.ends_with(suffix),
        "expected to end with {suffix:?}:\n{text}"
    );
}

/// Writes a whole new file beside, in `staging` (outside the site, so no watcher sees it),
/// and renames it over `path`, as careful editors save.
pub fn save_atomic(staging: &Path, path: &Path, text: &str) {
    std::fs::create_dir_all(staging).unwrap();
    let tmp = staging.join("saving.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// Polls `check` until it gives a value, or panics after `deadline` with `what`, the last
/// state `check` described, and `context()` (a server's logs, say).
pub fn poll<T>(
    what: &str,
    deadline: Duration,
    mut check: impl FnMut() -> Result<T, String>,
    context: impl Fn() -> String,
) -> T {
    let start = Instant::now();
    loop {
        match check() {
            Ok(v) => return v,
            Err(state) if start.elapsed() > deadline => panic!(
                "timed out after {deadline:?} waiting for {what}\nlast seen: {state}\n{}",
                context()
            ),
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// An environment variable parsed, or `default` when it is unset or does not parse.
pub fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small seeded generator (xorshift64*), so a failing sequence replays exactly from its
/// seed.
pub struct Rng(u64);

impl Rng {
    /// Any seed works; zero, which xorshift would never leave, is moved off.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// The first bytes of a PNG file of `width` by `height` pixels: all a size is read from.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend(b"\x08\x06\0\0\0");
    bytes
}

/// A whole PNG file of `width` × `height`, pixels and all, that decodes: for the image
/// copies `[images] widths` and `resize_image()` make.
pub fn real_png(width: u32, height: u32) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

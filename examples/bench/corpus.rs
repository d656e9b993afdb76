//! Writes a seeded careersite corpus: site.toml, 60 role profiles, profiles for most of the
//! 200 skills, and N guides of about 1,000 words spread over one folder per role area.
//! Each guide's metadata is a pure function of (seed, index), so bodies can link to any
//! other guide by path and every file can be written in parallel.

use std::fmt::Write as _;
use std::path::Path;

use rayon::prelude::*;

use super::guide::{guide, paragraph, sentence};
use super::text::*;

/// Bump when the generated text changes, so stale corpora are not reused.
const VERSION: u32 = 1;
const MARKER: &str = ".bench-corpus";
const META: u64 = 1;
pub const BODY: u64 = 2;

/// What a corpus folder holds; written to its marker file and compared on reuse.
pub fn marker_text(guides: usize, seed: u64) -> String {
    format!("careersite bench corpus v{VERSION} guides={guides} seed={seed}\n")
}

/// Makes sure `dir` holds the corpus for (guides, seed). Returns false when an existing
/// one was reused. A folder that is not a corpus of ours is never deleted.
pub fn ensure(dir: &Path, guides: usize, seed: u64) -> Result<bool, String> {
    let want = marker_text(guides, seed);
    if dir.exists() {
        match std::fs::read_to_string(dir.join(MARKER)) {
            Ok(found) if found == want => return Ok(false),
            Ok(_) => std::fs::remove_dir_all(dir)
                .map_err(|e| format!("cannot remove the old corpus {}: {e}", dir.display()))?,
            Err(_) => {
                return Err(format!(
                    "{} exists but is not a benchmark corpus; move it or pick another --work",
                    dir.display()
                ));
            }
        }
    }
    // Written beside and renamed at the end, so an interrupted run is never reused.
    let tmp = dir.with_extension("partial");
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| io("remove", &tmp, e))?;
    }
    write_corpus(&tmp, guides, seed)?;
    write(&tmp.join(MARKER), &want)?;
    std::fs::rename(&tmp, dir).map_err(|e| io("rename", &tmp, e))?;
    Ok(true)
}

fn io(what: &str, path: &Path, e: std::io::Error) -> String {
    format!("cannot {what} {}: {e}", path.display())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| io("write", path, e))
}

fn write_corpus(dir: &Path, guides: usize, seed: u64) -> Result<(), String> {
    let guides_dir = dir.join("content/guides");
    for (area, _) in AREAS {
        let d = guides_dir.join(area);
        std::fs::create_dir_all(&d).map_err(|e| io("create", &d, e))?;
    }
    for sub in ["content/roles", "content/skills"] {
        let d = dir.join(sub);
        std::fs::create_dir_all(&d).map_err(|e| io("create", &d, e))?;
    }
    write(
        &dir.join("site.toml"),
        "title = \"Benchmark Careers\"\nbase_url = \"https://bench.example.org\"\n",
    )?;
    for r in 0..AREAS.len() * KINDS.len() {
        let path = dir.join(format!("content/roles/{}.md", role_slug(r)));
        write(&path, &role_profile(seed, r))?;
    }
    for s in (0..TOPICS.len() * FACETS.len()).filter(|&s| has_profile(s)) {
        let path = dir.join(format!("content/skills/{}.md", skill_slug(s)));
        write(&path, &skill_profile(seed, s))?;
    }
    (0..guides).into_par_iter().try_for_each(|i| {
        let meta = GuideMeta::new(seed, i);
        write(&guides_dir.join(&meta.path), &guide(seed, guides, &meta))
    })
}

pub fn role_slug(r: usize) -> String {
    format!("{}-{}", AREAS[r / KINDS.len()].0, KINDS[r % KINDS.len()].0)
}

pub fn role_title(r: usize) -> String {
    format!("{} {}", AREAS[r / KINDS.len()].1, KINDS[r % KINDS.len()].1)
}

pub fn skill_slug(s: usize) -> String {
    format!(
        "{}{}",
        TOPICS[s / FACETS.len()].0,
        FACETS[s % FACETS.len()].0
    )
}

pub fn skill_title(s: usize) -> String {
    format!(
        "{}{}",
        TOPICS[s / FACETS.len()].1,
        FACETS[s % FACETS.len()].1
    )
}

/// About six skills in seven have a profile; the rest are tags only, as on real sites.
pub fn has_profile(s: usize) -> bool {
    s % 7 != 3
}

fn role_profile(seed: u64, r: usize) -> String {
    let rng = &mut Rng::for_item(seed, 10, r as u64);
    let kind = r % KINDS.len();
    let skills = rng.distinct(TOPICS.len() * FACETS.len(), 5);
    let slugs: Vec<String> = skills.iter().map(|&s| skill_slug(s)).collect();
    let low = 40_000 + 5_000 * (kind + rng.below(6));
    let (median, high) = (
        low + 20_000 + 1_000 * rng.below(20),
        low + 60_000 + 1_000 * rng.below(40),
    );
    let mut out = format!(
        "---\ntitle: \"{}\"\nsummary: \"{}\"\neducation: \"A degree helps at {}; a portfolio counts for as much at {}.\"\nskills: [{}]\nsalary: {{currency: USD, low: {low}, median: {median}, high: {high}, period: year, source: \"Benchmark survey\", year: 2025}}\n",
        role_title(r),
        sentence(rng, r, &skills),
        rng.pick(&EMPLOYERS),
        rng.pick(&EMPLOYERS),
        slugs.join(", "),
    );
    if kind > 0 {
        let _ = writeln!(out, "previous_roles: [{}]", role_slug(r - 1));
    }
    if kind + 1 < KINDS.len() {
        let _ = writeln!(out, "next_roles: [{}]", role_slug(r + 1));
    }
    out.push_str("---\n");
    for _ in 0..2 {
        paragraph(rng, &mut out, r, &skills, 3, 5);
    }
    out
}

fn skill_profile(seed: u64, s: usize) -> String {
    let rng = &mut Rng::for_item(seed, 11, s as u64);
    let skills = [s, rng.below(TOPICS.len() * FACETS.len())];
    let role = rng.below(AREAS.len() * KINDS.len());
    let mut out = format!(
        "---\ntitle: \"{}\"\nsummary: \"{}\"\ncategory: \"{}\"\n---\n",
        skill_title(s),
        sentence(rng, role, &skills),
        TOPICS[s / FACETS.len()].2,
    );
    paragraph(rng, &mut out, role, &skills, 3, 6);
    out
}

/// What other guides need to know about a guide: recomputed from (seed, index) alone.
pub struct GuideMeta {
    pub index: usize,
    pub roles: Vec<usize>,
    /// Skill indices: see `skill_slug`.
    pub skills: Vec<usize>,
    pub title: String,
    /// Under `content/guides/`.
    pub path: String,
    pub date: String,
}

impl GuideMeta {
    pub fn new(seed: u64, index: usize) -> Self {
        let rng = &mut Rng::for_item(seed, META, index as u64);
        let role_count = *rng.pick(&[1, 2, 2, 3]);
        let roles = rng.distinct(AREAS.len() * KINDS.len(), role_count);
        let skill_count = rng.between(2, 6);
        let skills = rng.distinct(TOPICS.len() * FACETS.len(), skill_count);
        let (angle_slug, angle) = *rng.pick(&ANGLES);
        let main = roles[0];
        let title = format!("{}: {angle}", role_title(main));
        let area = AREAS[main / KINDS.len()].0;
        let path = format!("{area}/{}-{angle_slug}-{}.md", role_slug(main), index + 1);
        let date = format!(
            "{}-{:02}-{:02}",
            rng.between(2018, 2025),
            rng.between(1, 12),
            rng.between(1, 28)
        );
        GuideMeta {
            index,
            roles,
            skills,
            title,
            path,
            date,
        }
    }
}

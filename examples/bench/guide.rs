//! The text of a generated guide: front matter with tags, a comparison now and then,
//! takeaways and a FAQ, then a body of about 1,000 words with every kind of Markdown the
//! renderer handles (headings, lists, a table, a code block) and links to roles, skills
//! and other guides (`@/guides/…`, some with an anchor).

use std::fmt::Write as _;
use std::sync::OnceLock;

use super::corpus::{GuideMeta, has_profile, role_slug, role_title, skill_slug, skill_title};
use super::text::*;

/// Names looked up for every sentence, built once rather than formatted each time.
struct Names {
    roles: Vec<String>,
    skills: Vec<String>,
}

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| Names {
        roles: (0..AREAS.len() * KINDS.len())
            .map(|r| role_title(r).to_lowercase())
            .collect(),
        skills: (0..TOPICS.len() * FACETS.len()).map(skill_title).collect(),
    })
}

/// Fills a pattern from `SENTENCES` or `QUESTIONS` (see there for the placeholders).
fn fill(rng: &mut Rng, pattern: &str, role: usize, skills: &[usize], out: &mut String) {
    let n = names();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '{' {
            out.push(c);
            continue;
        }
        let key = chars.next();
        chars.next(); // the closing brace
        let word: &str = match key {
            Some('r') => &n.roles[role],
            Some('s') => &n.skills[skills[0]],
            Some('t') => &n.skills[*rng.pick(skills)],
            Some('a') => rng.word(&ADJECTIVES),
            Some('n') => rng.word(&NOUNS),
            Some('v') => rng.word(&VERBS),
            Some('w') => rng.word(&TIMES),
            Some('e') | Some('f') => rng.word(&EMPLOYERS),
            _ => "",
        };
        if word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U'])
            && (out.ends_with(" a ") || out.ends_with(" A ") || out == "A ")
        {
            // "a engineer" -> "an engineer"
            out.insert(out.len() - 1, 'n');
        }
        out.push_str(word);
    }
}

/// One sentence about `role` and the first of `skills`.
pub fn sentence(rng: &mut Rng, role: usize, skills: &[usize]) -> String {
    let mut out = String::with_capacity(120);
    let pattern = rng.pick(&SENTENCES);
    fill(rng, pattern, role, skills, &mut out);
    out
}

/// A paragraph of `lo..=hi` sentences and a blank line; returns the words added.
pub fn paragraph(
    rng: &mut Rng,
    out: &mut String,
    role: usize,
    skills: &[usize],
    lo: usize,
    hi: usize,
) -> usize {
    let start = out.len();
    for k in 0..rng.between(lo, hi) {
        if k > 0 {
            out.push(' ');
        }
        let pattern = rng.pick(&SENTENCES);
        fill(rng, pattern, role, skills, out);
    }
    out.push_str("\n\n");
    out[start..].split_ascii_whitespace().count()
}

/// A guide's body, counted in words as it grows so its length can aim at a target.
struct Body<'a> {
    rng: Rng,
    out: String,
    words: usize,
    meta: &'a GuideMeta,
    seed: u64,
    total: usize,
}

impl Body<'_> {
    fn push(&mut self, text: &str) {
        self.words += text.split_ascii_whitespace().count();
        self.out.push_str(text);
    }

    fn paragraph(&mut self, lo: usize, hi: usize) {
        let role = *self.rng.pick(&self.meta.roles);
        let skills = &self.meta.skills;
        self.words += paragraph(&mut self.rng, &mut self.out, role, skills, lo, hi);
    }

    fn sentence(&mut self) -> String {
        let role = *self.rng.pick(&self.meta.roles);
        sentence(&mut self.rng, role, &self.meta.skills)
    }

    fn bullets(&mut self, lo: usize, hi: usize) {
        for _ in 0..self.rng.between(lo, hi) {
            let s = self.sentence();
            self.push(&format!("- {s}\n"));
        }
        self.out.push('\n');
    }

    /// A link to another guide by its source path, sometimes to its career-path section.
    fn guide_link(&mut self) -> String {
        let mut j = self.rng.below(self.total);
        if j == self.meta.index {
            j = (j + 1) % self.total;
        }
        let other = GuideMeta::new(self.seed, j);
        let anchor = if self.rng.percent(30) {
            "#career-path"
        } else {
            ""
        };
        format!("[{}](@/guides/{}{anchor})", other.title, other.path)
    }

    fn skill_link(&self, s: usize) -> String {
        if has_profile(s) {
            format!("[{}](skill:{})", skill_title(s), skill_slug(s))
        } else {
            format!("**{}**", skill_title(s))
        }
    }
}

pub fn guide(seed: u64, total: usize, meta: &GuideMeta) -> String {
    let mut b = Body {
        rng: Rng::for_item(seed, super::corpus::BODY, meta.index as u64),
        out: String::with_capacity(9_000),
        words: 0,
        meta,
        seed,
        total,
    };
    front_matter(&mut b);
    let main = meta.roles[0];
    let role_name = &names().roles[main];
    let intro = format!(
        "This guide is for anyone weighing a move into [{role_name}](role:{}) work. {} If you are still choosing, {} is a good companion read.\n\n",
        role_slug(main),
        b.sentence(),
        b.guide_link(),
    );
    b.push(&intro);
    b.paragraph(3, 5);
    b.push(&format!("## What a {role_name} does\n\n"));
    b.paragraph(3, 5);
    b.bullets(4, 6);
    b.push("### A typical week\n\n");
    b.paragraph(3, 5);
    skills_section(&mut b);
    comparison_table(&mut b);
    b.push("## Career path\n\n");
    for level in ["Entry level", "Mid level", "Senior level"] {
        b.push(&format!("### {level}\n\n"));
        b.paragraph(2, 4);
    }
    exercise(&mut b);
    let target = b.rng.between(850, 1150);
    let start = b.rng.below(SECTIONS.len());
    for k in 0..SECTIONS.len() {
        if b.words >= target {
            break;
        }
        b.push(&format!(
            "## {}\n\n",
            SECTIONS[(start + k) % SECTIONS.len()]
        ));
        b.paragraph(3, 5);
        if b.rng.percent(50) {
            b.bullets(3, 5);
        }
    }
    b.push("## Further reading\n\n");
    for _ in 0..3 {
        let link = b.guide_link();
        b.push(&format!("- {link}\n"));
    }
    b.out
}

fn front_matter(b: &mut Body) {
    let meta = b.meta;
    let roles: Vec<String> = meta.roles.iter().map(|&r| role_slug(r)).collect();
    let skills: Vec<String> = meta.skills.iter().map(|&s| skill_slug(s)).collect();
    let description = b.sentence();
    let out = &mut b.out;
    let _ = write!(
        out,
        "---\ntitle: \"{}\"\ndescription: \"{description}\"\ndate: {}\nroles: [{}]\nskills: [{}]\n",
        meta.title,
        meta.date,
        roles.join(", "),
        skills.join(", "),
    );
    if roles.len() >= 2 && b.rng.percent(10) {
        let _ = writeln!(out, "compare: [{}]", roles.join(", "));
    }
    let takeaways: Vec<String> = (0..b.rng.between(2, 4)).map(|_| b.sentence()).collect();
    let out = &mut b.out;
    out.push_str("takeaways:\n");
    for t in takeaways {
        let _ = writeln!(out, "  - \"{t}\"");
    }
    b.out.push_str("faq:\n");
    for q in b.rng.distinct(QUESTIONS.len(), 3) {
        let role = meta.roles[0];
        let mut question = String::new();
        fill(&mut b.rng, QUESTIONS[q], role, &meta.skills, &mut question);
        let answer = format!(
            "{} See the [{} page](role:{}).",
            b.sentence(),
            names().roles[role],
            role_slug(role)
        );
        let _ = write!(b.out, "  - q: \"{question}\"\n    a: \"{answer}\"\n");
    }
    b.out.push_str("---\n");
}

fn skills_section(b: &mut Body) {
    b.push("## Skills that matter\n\n");
    b.paragraph(2, 3);
    for &s in &b.meta.skills {
        let link = b.skill_link(s);
        let s = b.sentence();
        b.push(&format!("- {link}: {s}\n"));
    }
    b.out.push('\n');
}

fn comparison_table(b: &mut Body) {
    b.push("## How the roles compare\n\n");
    b.paragraph(2, 3);
    b.push("| Role | Main skill | Entry pay (USD) | Remote |\n| --- | --- | ---: | :---: |\n");
    let mut rows = b.meta.roles.clone();
    rows.extend(b.rng.distinct(AREAS.len() * KINDS.len(), 2));
    for r in rows {
        let skill = skill_title(*b.rng.pick(&b.meta.skills));
        let low = 40 + b.rng.below(60);
        let remote = *b.rng.pick(&["often", "sometimes", "rarely"]);
        let row = format!(
            "| [{}](role:{}) | {skill} | ${low},000 to ${},000 | {remote} |\n",
            role_title(r),
            role_slug(r),
            low + 10 + b.rng.below(30),
        );
        b.push(&row);
    }
    b.out.push('\n');
}

fn exercise(b: &mut Body) {
    b.push("## A small exercise\n\n");
    b.paragraph(2, 3);
    let skill = skill_slug(b.meta.skills[0]);
    let role = role_slug(b.meta.roles[0]);
    let code = format!(
        "1. Export last year's postings.\n2. Count the ones that ask for `{skill}`.\n3. Compare the count with your own notes.\n\n```sql\nSELECT role, COUNT(*) AS openings\nFROM postings\nWHERE skill = '{skill}' AND role = '{role}'\nGROUP BY role\nORDER BY openings DESC;\n```\n\n"
    );
    b.push(&code);
}

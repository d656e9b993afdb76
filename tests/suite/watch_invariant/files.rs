//! The whole-file edits of the invariant test's table: guides, profiles and pages of the
//! test's own coming and going, templates (the site's indirect readers and the theme's),
//! static files, `site.toml`, and broken saves with what to restore.

use std::path::Path;

use super::common::real_png as png;
use super::edits::{Ctx, Edit, md_files, own, stem};
use super::text::{set_key, set_toml};

/// Site templates that read data indirectly, as theme authors write them: the totals
/// through a variable, a loop over `site.pages`, a component (Tera 2's macros), an
/// include, and `guide.extra.x`. Written before the session starts; the `template` edit
/// rewrites them.
pub const INDIRECT_TEMPLATES: &[(&str, &str)] = &[
    ("templates/index.html", INDEX_PARTS[0]),
    ("templates/inv-components.html", COMPONENTS[0]),
    ("templates/partials/inv-pages.html", PAGE_LISTS[0]),
    (
        "templates/guide-alt.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ guide.title }}</h1>\n\
         {% if guide.extra.x %}<p class=\"inv-extra\">{{ guide.extra.x }}</p>{% endif %}\n\
         {% set s = site %}<p>{{ s.guide_count }} guides</p>\n{{ guide.content | safe }}\n\
         {% set logo = resize_image(path=\"inv/logo.png\", width=50) %}\
         <img class=\"inv-logo\" src=\"{{ logo.url }}\" width=\"{{ logo.width }}\" height=\"{{ logo.height }}\" alt=\"\">\n\
         <ul>{% for r in guide.related %}<li>{{ r.title }}</li>{% endfor %}</ul>\n{% endblock content %}\n",
    ),
    (
        "templates/page-alt.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n\
         {% if page.extra.x %}<p>{{ page.extra.x }}</p>{% endif %}{{ <totals s={site}/> }}\n\
         <p class=\"inv-data\">{{ data.inv_yaml.step }} {{ data.inv_toml.step }}</p>\n\
         {{ page.content | safe }}\n{% endblock content %}\n",
    ),
];

/// Pieces of the site's home page; the `template` edit keeps a random selection.
const INDEX_PARTS: [&str; 5] = [
    "{% set s = site %}<p class=\"inv-totals\">{{ s.guide_count }} guides, {{ s.role_count }} roles, {{ s.skill_count }} skills</p>\n",
    "{{ <totals s={site}/> }}\n",
    "{% include \"partials/inv-pages.html\" %}\n",
    "<ul>{% for g in latest_guides %}<li><a href=\"{{ g.url }}\">{{ g.title }}</a></li>{% endfor %}</ul>\n",
    "{% set taxes = site.taxonomies %}{% for t in taxes %}<p class=\"inv-taxonomy\">{{ t.title }}: {{ t.term_count }} terms{% if t.has_feeds %}, with feeds{% endif %}</p>{% endfor %}\n",
];

const COMPONENTS: [&str; 2] = [
    "{% component totals(s) %}<span class=\"inv-component\">{{ s.guide_count }}/{{ s.skill_count }}</span>{% endcomponent totals %}\n",
    "{% component totals(s) %}{% set n = s.role_count %}<b>{{ n }} roles</b>{% endcomponent totals %}\n",
];

const PAGE_LISTS: [&str; 2] = [
    "<ul class=\"inv-pages\">{% for p in site.pages %}<li><a href=\"{{ p.url }}\">{{ p.title }}</a></li>{% endfor %}</ul>\n",
    "{% set pages = site.pages %}<p>{{ pages | length }} pages{% for p in pages %}, {{ p.title }}{% endfor %}</p>\n",
];

const BUNDLE_GUIDE: &str = "---\ntitle: A folder guide\ndate: 2026-01-03\nroles: [data-analyst]\n---\n![The chart](chart.svg)\n\n![A photo](photo.png) and ![the logo](/inv/logo.png)\n";

/// Writes the indirect templates, and marks two theme templates so edits can change them.
pub fn setup(site: &Path) {
    // A declared taxonomy, with one profile, for the `guide industries` edits.
    let config = site.join("site.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(
        "\n[[taxonomies]]\nname = \"industries\"\ntitle = \"Industries\"\nprofiles = true\nfeeds = true\nrelated_weight = 1\n",
    );
    // A wage dataset, for the `role soc` and `dataset` edits, with a salary page per role
    // and state.
    text.insert_str(0, "salary_pages = \"states\"\n");
    // Smaller copies of every Markdown image, for the image edits.
    text.push_str("\n[images]\nwidths = [64, 300]\n");
    text.push_str(
        "\n[[salary_data]]\nfile = \"data/oews.csv\"\nformat = \"oews\"\nsource = \"Test wages\"\nperiod = \"May 2024\"\n",
    );
    std::fs::create_dir_all(site.join("data")).unwrap();
    std::fs::write(site.join("data/oews.csv"), oews_text(0)).unwrap();
    std::fs::write(&config, text).unwrap();
    let profile = site.join("content/industries/fintech.md");
    std::fs::create_dir_all(profile.parent().unwrap()).unwrap();
    std::fs::write(
        &profile,
        "---\ntitle: Financial technology\naliases: [payments]\n---\nBanks and payment firms.\n",
    )
    .unwrap();
    // A guide written as a folder, with an image beside it, for the `bundle file` edits.
    let bundle = site.join("content/guides/inv-bundle");
    std::fs::create_dir_all(&bundle).unwrap();
    std::fs::write(bundle.join("index.md"), BUNDLE_GUIDE).unwrap();
    std::fs::write(bundle.join("chart.svg"), "<svg data-step=\"setup\"/>\n").unwrap();
    std::fs::write(bundle.join("photo.png"), png(640, 480)).unwrap();
    std::fs::create_dir_all(site.join("static/inv")).unwrap();
    std::fs::write(site.join("static/inv/logo.png"), png(120, 40)).unwrap();
    for (rel, text) in INDIRECT_TEMPLATES {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = if *rel == "templates/index.html" {
            index_html(&INDEX_PARTS, 0)
        } else {
            text.to_string()
        };
        std::fs::write(path, text).unwrap();
    }
    for (rel, tag) in THEME_MARKS {
        let path = site.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let marked = text.replacen(tag, &format!("{tag} data-inv=\"0\""), 1);
        assert_ne!(marked, text, "{rel} has no {tag}");
        std::fs::write(path, marked).unwrap();
    }
}

/// The occupations the test's dataset has, as `role soc` values pick them.
pub const OCCUPATIONS: [&str; 3] = ["15-1252", "15-1211", "15-1244"];

/// The test's wage dataset at one step: the medians move with the step, and one state row
/// comes and goes, so role pages change in their figures and their area tables, and salary
/// pages per state change, appear and go.
pub fn oews_text(step: usize) -> String {
    let mut text = String::from(
        "AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90\n",
    );
    for (i, code) in OCCUPATIONS.iter().enumerate() {
        let median = 90_000 + 1_000 * ((step + i) % 17);
        text.push_str(&format!(
            "99,U.S.,1,US,{code},Occupation {i},\"{},000\",{median},50000,70000,{median},120000,#\n",
            100 + step
        ));
        text.push_str(&format!(
            "48,Texas,2,TX,{code},Occupation {i},\"{},000\",*,60000,*,{},*,130000\n",
            20 + step % 3,
            median - 3_000 * (step % 4)
        ));
        if (step + i).is_multiple_of(2) {
            text.push_str(&format!(
                "06,California,2,CA,{code},Occupation {i},**,*,*,*,{},*,*\n",
                median + 5_000
            ));
        }
    }
    text
}

/// Rewrites the dataset with other figures.
pub fn dataset(c: &mut Ctx) -> Option<Edit> {
    let path = c.site.join("data/oews.csv");
    let step = c.step;
    Some(c.write(
        &path,
        &oews_text(step),
        format!("data/oews.csv at step {step}"),
    ))
}

/// Theme templates the test changes, by an attribute after the tag named.
const THEME_MARKS: [(&str, &str); 2] = [
    (
        "themes/default/templates/page.html",
        "<article class=\"wrap standalone\"",
    ),
    (
        "themes/default/templates/partials/guide-card.html",
        "<article",
    ),
];

fn index_html(parts: &[&str], step: usize) -> String {
    format!(
        "{{% extends \"base.html\" %}}\n{{% block content %}}\n<div data-inv=\"{step}\">\n{}</div>\n{{% endblock content %}}\n",
        parts.concat()
    )
}

/// Changes the `data-inv` attribute a file carries to the step's number.
fn bump(text: &str, step: usize) -> String {
    let at = text.find("data-inv=\"").expect("a data-inv mark") + "data-inv=\"".len();
    let end = at + text[at..].find('"').unwrap();
    format!("{}{step}{}", &text[..at], &text[end..])
}

pub fn template(c: &mut Ctx) -> Option<Edit> {
    let step = c.step;
    let (rel, text) = match c.rng.below(6) {
        0 => {
            let parts: Vec<&str> = INDEX_PARTS
                .iter()
                .copied()
                .filter(|_| !c.rng.one_in(3))
                .collect();
            ("templates/index.html".to_string(), index_html(&parts, step))
        }
        1 => (
            "templates/inv-components.html".into(),
            c.rng.pick(&COMPONENTS).to_string(),
        ),
        2 => (
            "templates/partials/inv-pages.html".into(),
            c.rng.pick(&PAGE_LISTS).to_string(),
        ),
        3 => {
            // A site override of the theme's base template, added or taken away again.
            let path = c.site.join("templates/base.html");
            if path.exists() {
                return Some(c.remove(&path));
            }
            let theme =
                std::fs::read_to_string(c.site.join("themes/default/templates/base.html")).unwrap();
            let text = theme.replacen(
                "<main id=\"main\">",
                "<main id=\"main\" data-guides=\"{{ site.guide_count }}\">",
                1,
            );
            ("templates/base.html".into(), text)
        }
        n => {
            let (rel, _) = THEME_MARKS[n - 4];
            let text = std::fs::read_to_string(c.site.join(rel)).unwrap();
            (rel.to_string(), bump(&text, step))
        }
    };
    let path = c.site.join(&rel);
    Some(c.write(&path, &text, format!("rewrite {rel}")))
}

/// A default theme shortcode's template rewritten: exactly the pages whose bodies call it
/// must change, which a clean build of the same files shows.
pub fn shortcode_template(c: &mut Ctx) -> Option<Edit> {
    let step = c.step;
    let (rel, text) = if c.rng.one_in(2) {
        (
            "themes/default/templates/shortcodes/youtube.html",
            format!(
                "<a class=\"video-link\" data-inv=\"{step}\" href=\"https://www.youtube-nocookie.com/embed/{{{{ id }}}}\">{{{{ title | default(value=\"Video\") }}}}</a>"
            ),
        )
    } else {
        (
            "themes/default/templates/shortcodes/callout.html",
            format!(
                "<aside class=\"callout\" data-inv=\"{step}\">{{{{ title | default(value=kind | default(value=\"note\")) }}}} {{{{ body | safe }}}}</aside>"
            ),
        )
    };
    let path = c.site.join(rel);
    Some(c.write(&path, &text, format!("rewrite {rel}")))
}

/// Any guide, with its text.
fn any_guide(c: &mut Ctx) -> (std::path::PathBuf, String) {
    let all = c.files(super::edits::Files::Guides);
    let path = c.rng.pick(&all).clone();
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

pub fn guide_body(c: &mut Ctx) -> Option<Edit> {
    let (path, text) = any_guide(c);
    let step = c.step;
    let addition = match c.rng.below(7) {
        // Data files: a body that reads one depends on it (`data file`).
        6 => super::data::call(c),
        0 => format!("\n## Step {step} heading\n\nText under it.\n"),
        // Shortcodes: a body that calls one depends on its template (`shortcode_template`).
        4 => format!("\nWatch {{{{ youtube(id=\"v{step}\", title=\"Step {step}\") }}}} now.\n"),
        5 => format!(
            "\n{{% callout(kind=\"tip\") %}}\nA tip at step {step} about [SQL](skill:sql).\n{{% end %}}\n"
        ),
        1 => format!(
            "\nA [data analyst](role:data-analyst) writes [SQL](skill:sql) at step {step}.\n"
        ),
        2 => format!("\nA data analyst who knows Python, mentioned at step {step}.\n"),
        _ => format!("\nA new paragraph written at step {step}.\n"),
    };
    let what = format!("{}: body += {addition:?}", c.rel(&path));
    Some(c.write(&path, &format!("{text}{addition}"), what))
}

fn sample_guide(c: &mut Ctx) -> String {
    let guides: Vec<String> = md_files(&c.site.join("content/guides"))
        .iter()
        .map(|p| stem(p))
        .filter(|s| !s.starts_with("new-guide-") && !s.contains('.'))
        .collect();
    c.rng.pick(&guides).clone()
}

pub fn new_guide(c: &mut Ctx) -> Option<Edit> {
    let step = c.step;
    let roles = c.tags(&[
        "data-analyst",
        "inv-role-0",
        "software-engineer",
        "Data Scientist",
    ]);
    let skills = c.tags(&["sql", "inv-skill-1", "python"]);
    let date = c.date(2026);
    let link = sample_guide(c);
    let text = format!(
        "---\ntitle: New guide {step}\ndate:{date}\nroles:{roles}\nskills:{skills}\n---\n\n## Heading\n\nBody of a new guide with a [link](@/guides/{link}.md).\n"
    );
    let path = c.site.join(format!("content/guides/new-guide-{step}.md"));
    Some(c.write(&path, &text, format!("new guide new-guide-{step}.md")))
}

fn own_guides(c: &Ctx) -> Vec<std::path::PathBuf> {
    own(md_files(&c.site.join("content/guides")), "new-guide-")
}

pub fn delete_own_guide(c: &mut Ctx) -> Option<Edit> {
    let all = own_guides(c);
    if all.is_empty() {
        return None;
    }
    let victim = c.rng.pick(&all).clone();
    Some(c.remove(&victim))
}

pub fn rename_own_guide(c: &mut Ctx) -> Option<Edit> {
    let all = own_guides(c);
    if all.is_empty() {
        return None;
    }
    let from = c.rng.pick(&all).clone();
    let to = c
        .site
        .join(format!("content/guides/new-guide-{}.md", c.step));
    std::fs::rename(&from, &to).unwrap();
    Some(Edit {
        what: format!("rename {} to {}", c.rel(&from), c.rel(&to)),
        touched: vec![from, to],
        restore: Vec::new(),
    })
}

/// Creates, rewrites or deletes one of the test's own files at `rel`.
fn own_file(c: &mut Ctx, rel: String, text: String) -> Option<Edit> {
    let path = c.site.join(&rel);
    if path.exists() && c.rng.one_in(2) {
        return Some(c.remove(&path));
    }
    Some(c.write(&path, &text, format!("write {rel}")))
}

pub fn own_role_profile(c: &mut Ctx) -> Option<Edit> {
    let (k, step) = (c.rng.below(2), c.step);
    let skills = c.some_of("skills", 0, 3).join(", ");
    own_file(
        c,
        format!("content/roles/inv-role-{k}.md"),
        format!(
            "---\ntitle: \"Own role {k} at {step}\"\nsummary: \"Made by the test\"\nskills: [{skills}]\n---\nAn own role.\n"
        ),
    )
}

pub fn own_skill_profile(c: &mut Ctx) -> Option<Edit> {
    let (k, step) = (c.rng.below(2), c.step);
    own_file(
        c,
        format!("content/skills/inv-skill-{k}.md"),
        format!(
            "---\ntitle: \"Own skill {k} at {step}\"\ncategory: Invariant\n---\nAn own skill.\n"
        ),
    )
}

/// A profile of the declared `industries` taxonomy: `inv-industry-0` is also one of the
/// terms guides may be tagged with, `inv-industry-1` never is.
pub fn own_industry_profile(c: &mut Ctx) -> Option<Edit> {
    let (k, step) = (c.rng.below(2), c.step);
    own_file(
        c,
        format!("content/industries/inv-industry-{k}.md"),
        format!(
            "---\ntitle: \"Own industry {k} at {step}\"\nsummary: \"Made by the test\"\n---\nAn own industry.\n"
        ),
    )
}

pub fn own_page(c: &mut Ctx) -> Option<Edit> {
    let (k, step) = (c.rng.below(2), c.step);
    own_file(
        c,
        format!("content/inv-page-{k}.md"),
        format!("---\ntitle: \"Own page {k} at {step}\"\n---\nAn own page, step {step}.\n"),
    )
}

pub fn static_file(c: &mut Ctx) -> Option<Edit> {
    let step = c.step;
    match c.rng.below(5) {
        4 => {
            // An image a guide shows, replaced by one of another size: its `<img>` follows.
            let (w, h) = (1 + c.rng.below(900) as u32, 1 + c.rng.below(900) as u32);
            Some(c.write_bytes(
                &c.site.join("static/inv/logo.png"),
                &png(w, h),
                format!("static logo.png at {w}x{h}"),
            ))
        }
        0 => {
            let k = c.rng.below(3);
            own_file(
                c,
                format!("static/inv/note-{k}.txt"),
                format!("note at step {step}\n"),
            )
        }
        1 => {
            let path = c.site.join("themes/default/static/style.css");
            let text = std::fs::read_to_string(&path).unwrap();
            Some(c.write(
                &path,
                &format!("{text}\n.step-{step} {{ color: red; }}\n"),
                "theme style.css".into(),
            ))
        }
        2 => {
            // The site's own stylesheet replaces the theme's, and goes again.
            let theme =
                std::fs::read_to_string(c.site.join("themes/default/static/style.css")).unwrap();
            own_file(
                c,
                "static/style.css".into(),
                format!("{theme}\n.site-{step} {{ color: blue; }}\n"),
            )
        }
        _ => {
            let k = c.rng.below(2);
            own_file(
                c,
                format!("static/inv/deep/image-{k}.svg"),
                format!("<svg data-step=\"{step}\"/>\n"),
            )
        }
    }
}

pub fn config(c: &mut Ctx) -> Option<Edit> {
    let path = c.site.join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let step = c.step;
    let (table, key, value) = match c.rng.below(10) {
        0 => (None, "title", format!("\"Careers at step {step}\"")),
        1 => (
            Some("related"),
            "role_weight",
            format!("{}.0", c.rng.below(4)),
        ),
        2 => (
            Some("related"),
            "skill_weight",
            format!("{}.5", c.rng.below(3)),
        ),
        3 => (None, "paginate_by", format!("{}", 3 + c.rng.below(20))),
        4 => (None, "autolink", format!("{}", c.rng.one_in(2))),
        // The declared taxonomy's settings (`[[taxonomies]]`, the only one).
        5 => (
            Some("[taxonomies]"),
            "related_weight",
            format!("{}", c.rng.below(4)),
        ),
        6 => (
            Some("[taxonomies]"),
            "feeds",
            format!("{}", c.rng.one_in(2)),
        ),
        7 => (
            Some("[taxonomies]"),
            "title",
            format!("\"Industries {step}\""),
        ),
        // Small enough that the sample site's roles run over several pages, so adding,
        // removing or retagging a guide shifts guides between pages.
        8 => (None, "role_paginate_by", format!("{}", 1 + c.rng.below(3))),
        9 if c.rng.one_in(2) => (
            Some("images"),
            "widths",
            c.rng.pick(&["[]", "[64, 300]", "[100]"]).to_string(),
        ),
        _ => (
            None,
            "salary_pages",
            if c.rng.one_in(2) { "[]" } else { "\"states\"" }.to_string(),
        ),
    };
    let edited = set_toml(&text, table, key, &value);
    Some(c.write(&path, &edited, format!("site.toml: {key} = {value}")))
}

/// A save that breaks the build; the test restores the file and expects a recovery.
pub fn broken_save(c: &mut Ctx) -> Option<Edit> {
    let (guide, guide_text) = any_guide(c);
    let step = c.step;
    let (path, text) = match c.rng.below(6) {
        0 => (
            guide.clone(),
            guide_text.replacen("---\n", "---\nrolse: [x]\n", 1),
        ),
        1 => (
            guide.clone(),
            set_key(&guide_text, "title", Some(" [unclosed")),
        ),
        2 => (
            guide.clone(),
            format!("{guide_text}\nA [broken link](@/guides/nowhere-{step}.md).\n"),
        ),
        3 => (
            c.site.join("templates/partials/inv-pages.html"),
            "{% if %}broken{% endif %}\n".to_string(),
        ),
        4 => {
            let config = c.site.join("site.toml");
            let text = std::fs::read_to_string(&config).unwrap();
            (config, format!("titel = \"typo\"\n{text}"))
        }
        _ => (
            c.site.join(format!("content/guides/bad-{step}.md")),
            "---\ntitle: No date\n---\n".to_string(),
        ),
    };
    let before = std::fs::read(&path).ok();
    let mut edit = c.write(&path, &text, format!("broken save of {}", c.rel(&path)));
    edit.restore.push((path, before));
    Some(edit)
}

/// Files beside a guide written as a folder: an image added, replaced or deleted, a file
/// in a sub-folder, and the guide's slug (where its files are published) set or removed.
pub fn bundle_file(c: &mut Ctx) -> Option<Edit> {
    let step = c.step;
    let dir = "content/guides/inv-bundle";
    match c.rng.below(5) {
        4 => {
            let (w, h) = (1 + c.rng.below(900) as u32, 1 + c.rng.below(900) as u32);
            Some(c.write_bytes(
                &c.site.join(dir).join("photo.png"),
                &png(w, h),
                format!("folder guide's photo.png at {w}x{h}"),
            ))
        }
        0 => {
            let k = c.rng.below(2);
            own_file(
                c,
                format!("{dir}/image-{k}.svg"),
                format!("<svg data-step=\"{step}\"/>\n"),
            )
        }
        1 => {
            let path = c.site.join(dir).join("chart.svg");
            Some(c.write(
                &path,
                &format!("<svg data-step=\"{step}\"/>\n"),
                "replace the folder guide's chart".into(),
            ))
        }
        2 => {
            let k = c.rng.below(2);
            own_file(
                c,
                format!("{dir}/files/note-{k}.txt"),
                format!("note {step}\n"),
            )
        }
        _ => {
            let path = c.site.join(dir).join("index.md");
            let text = std::fs::read_to_string(&path).unwrap();
            let slug = (!c.rng.one_in(2)).then(|| format!(" inv-bundle-{step}"));
            let edited = set_key(&text, "slug", slug.as_deref());
            let what = format!(
                "folder guide slug:{}",
                slug.as_deref().unwrap_or(" (removed)")
            );
            Some(c.write(&path, &edited, what))
        }
    }
}

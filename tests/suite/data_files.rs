//! Data files as writers use them: `data/**.{csv,json,yaml,yml,toml}` read by a page
//! template through the `data` variable and `load_data`, and by a shortcode through
//! `load_data`; every parse error at its file, line and column in plain words; and in watch
//! mode, an edit to a data file changes exactly the pages that read it.
//! Fixture: `minimal/` plus files each test writes.

use careersite::watch::{Outcome, Session};

use crate::common;

use common::*;

fn data_site() -> Site {
    let site = Site::new("minimal");
    site.write(
        "data/certifications.toml",
        "[[cert]]\nname = \"Certified Kubernetes Administrator\"\nissuer = \"CNCF\"\n\n[[cert]]\nname = \"AWS Certified Solutions Architect\"\nissuer = \"Amazon Web Services\"\n",
    );
    site.write(
        "data/boards/tech.csv",
        "name,url\nHacker News Who is hiring,https://news.ycombinator.com/jobs\n\"Stack, Overflow\",https://stackoverflow.com/jobs\n",
    );
    site.write("data/levels.json", "{\"levels\": [\"junior\", \"senior\"]}");
    site.write("data/tips.yml", "tips:\n  - Ask for the range first\n");
    site.write(
        "templates/certs.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ guide.title }}</h1>\
         <ul class=\"certs\">{% for c in data.certifications.cert %}<li>{{ c.name }} ({{ c.issuer }})</li>{% endfor %}</ul>\
         {% set boards = load_data(path=\"data/boards/tech.csv\") %}\
         <ul class=\"boards\">{% for b in boards %}<li>{{ b.name }}</li>{% endfor %}</ul>\
         <p class=\"levels\">{{ data.levels.levels | join(sep=\", \") }}; {{ data.tips.tips[0] }}</p>\
         {{ guide.content | safe }}{% endblock content %}",
    );
    site.write(
        "templates/shortcodes/levels.html",
        "{% set l = load_data(path=\"data/levels.json\") %}<p class=\"sc-levels\">{{ l.levels | length }} levels</p>",
    );
    site.write(
        "content/guides/certs.md",
        "---\ntitle: Certifications\ndescription: Which to take.\ndate: 2026-01-03\ntemplate: certs.html\n---\nLevels: {{ levels() }}\n",
    );
    site
}

#[test]
fn every_format_reaches_templates_and_shortcodes() {
    let site = data_site();
    site.build();
    let page = site.page("guides/certs/");
    assert_eq!(
        page.texts("ul.certs li"),
        [
            "Certified Kubernetes Administrator (CNCF)",
            "AWS Certified Solutions Architect (Amazon Web Services)"
        ]
    );
    assert_eq!(
        page.texts("ul.boards li"),
        ["Hacker News Who is hiring", "Stack, Overflow"]
    );
    assert_eq!(
        page.texts("p.levels"),
        ["junior, senior; Ask for the range first"]
    );
    assert_eq!(page.texts("p.sc-levels"), ["2 levels"]);
}

#[test]
fn parse_errors_name_file_line_and_column_in_plain_words() {
    let cases = [
        (
            "data/a.csv",
            "name,issuer\nCKA,CNCF\nAWS\n",
            "data/a.csv:3:1: this row has 1 fields but the header row has 2",
        ),
        (
            "data/a.json",
            "{\n  \"a\": 1,\n}\n",
            "data/a.json:3:1: a comma after the last item",
        ),
        ("data/a.toml", "a = 1\nb = \n", "data/a.toml:2:"),
        ("data/a.yaml", "list:\n  - a\n bad: [\n", "data/a.yaml:"),
    ];
    for (file, text, want) in cases {
        let site = Site::new("minimal");
        site.write(file, text);
        let run = site.build_fails();
        let errors = run.error_lines();
        assert_eq!(errors.len(), 1, "{file}: {errors:?}");
        assert!(
            errors[0].starts_with(&format!("error: {want}")),
            "{file}: {errors:?}"
        );
        assert!(errors[0].contains("\n  hint: "), "{file}: {errors:?}");
        for raw in ["mapping values", "EOF while", "TOML parse error", "at line"] {
            assert!(!errors[0].contains(raw), "{file}: {errors:?}");
        }
    }
}

#[test]
fn an_unknown_data_file_is_named_with_a_guess() {
    let site = data_site();
    site.write(
        "content/guides/typo.md",
        "---\ntitle: Typo\ndate: 2026-01-03\n---\n{{ levels() }}\n",
    );
    site.write(
        "templates/shortcodes/levels.html",
        "{% set l = load_data(path=\"data/level.json\") %}{{ l }}",
    );
    let run = site.build_fails();
    let errors = run.error_lines();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("content/guides/typo.md:5:1:")
                && e.contains("no data file `data/level.json`; did you mean `data/levels.json`?")),
        "{errors:?}"
    );
}

#[test]
fn the_salary_datasets_are_left_to_their_own_reader() {
    let site = data_site();
    // Not a data file to parse: site.toml names it as a dataset with its own format.
    let mut config = site.read("site.toml");
    config.push_str(
        "\n[[salary_data]]\nfile = \"data/wages.csv\"\nformat = \"simple\"\nsource = \"Test\"\nperiod = \"2024\"\n",
    );
    site.write("site.toml", config);
    site.write(
        "data/wages.csv",
        "occupation,area,currency,p10,p25,median,p75,p90,employment\n15-1252,US,USD,80000,100000,130000,160000,200000,1000\n",
    );
    site.build();
}

/// A watch session over `site`, writing into `<tmp>/out`, after its first build.
fn session(site: &Site) -> Session {
    common::watch::Watched::start(&site.root, &site.tmp().join("out")).session
}

fn written_after(session: &mut Session, site: &Site, rel: &str) -> Vec<String> {
    let outcome = session.rebuild(&[site.path(rel)]);
    let (swept, _) = session.finish().expect("the sweep succeeds");
    let mut written = match outcome {
        Outcome::Built { written, .. } => written,
        other => panic!("{other:?}"),
    };
    written.extend(swept);
    written.sort();
    written.dedup();
    written
}

#[test]
fn watch_rewrites_exactly_the_pages_that_read_the_edited_file() {
    let site = data_site();
    site.write(
        "content/guides/plain.md",
        "---\ntitle: Plain\ndate: 2026-01-04\n---\nNo data here.\n",
    );
    site.write(
        "content/guides/levels.md",
        "---\ntitle: Levels only\ndescription: Levels.\ndate: 2026-01-05\n---\n{{ levels() }}\n",
    );
    let mut s = session(&site);
    // Read by a shortcode on two guides, one of which also uses `data` in its template.
    site.write(
        "data/levels.json",
        "{\"levels\": [\"junior\", \"mid\", \"senior\"]}",
    );
    let mut written = written_after(&mut s, &site, "data/levels.json");
    written.retain(|w| w.ends_with(".html"));
    assert_eq!(
        written,
        ["guides/certs/index.html", "guides/levels/index.html"],
        "pages reading levels.json"
    );
    // Read through `data` by one template only: the pages of every other template are not
    // even rendered again (their fingerprints stand), not merely left unwritten.
    let prints = |s: &Session| {
        [
            "guides/certs/index.html",
            "guides/plain/index.html",
            "index.html",
        ]
        .map(|p| {
            s.fingerprint(p)
                .unwrap_or_else(|| panic!("no fingerprint for {p}"))
        })
    };
    let before = prints(&s);
    site.write("data/tips.yml", "tips:\n  - Name your number\n");
    let mut written = written_after(&mut s, &site, "data/tips.yml");
    written.retain(|w| w.ends_with(".html"));
    assert_eq!(written, ["guides/certs/index.html"]);
    let after = prints(&s);
    assert_ne!(
        before[0], after[0],
        "the page whose template reads data.tips"
    );
    assert_eq!(
        before[1..],
        after[1..],
        "pages whose templates read no data file"
    );
    let out = site.tmp().join("out");
    let hidden = |k: &String| k.split('/').any(|part| part.starts_with('.'));
    let mut clean = clean_build(&site.root, &site.tmp().join("clean"), &[]);
    clean.retain(|k, _| !hidden(k));
    let mut watched = tree(&out);
    watched.retain(|k, _| !hidden(k));
    assert_same_tree("watched output", &clean, &watched);
}

//! Declared taxonomies (`[[taxonomies]]` in site.toml): every one gets term pages, an
//! index, feeds when asked, related-guide weight, search and sitemap entries, with no code
//! per taxonomy; and every mistake in declaring or using one is an error at its line.
//! Fixture: `taxonomies-site/`, with `industries` (profiles and feeds) and `work-modes`
//! (neither).

use crate::common;

use common::{Site, sel, text_of};

fn built() -> Site {
    let site = Site::new("taxonomies-site");
    site.build();
    site
}

#[test]
fn term_pages_list_their_guides_with_the_profile_above() {
    let site = built();
    let page = site.page("industries/fintech/");
    assert_eq!(page.h1(), "Fintech");
    let text = page.main_text();
    assert!(
        text.contains("Banks, payments and the software that moves money."),
        "{text}"
    );
    assert!(
        text.contains("Fintech teams build payment systems."),
        "{text}"
    );
    // `finance-tech` in beta's front matter is the profile's alias.
    let guides = page.links_in(".card-grid a");
    let hrefs: Vec<&str> = guides.iter().map(|(_, h)| h.as_str()).collect();
    assert!(hrefs.contains(&"/guides/alpha/"), "{guides:?}");
    assert!(hrefs.contains(&"/guides/beta/"), "{guides:?}");
    assert!(!hrefs.contains(&"/guides/delta/"), "{guides:?}");
    page.assert_link("Industries", "/industries/");
    // A taxonomy without profiles titles its terms from their slugs.
    let remote = site.page("work-modes/remote/");
    assert_eq!(remote.h1(), "Remote");
    let hrefs: Vec<String> = remote
        .links_in(".card-grid a")
        .into_iter()
        .map(|(_, h)| h)
        .collect();
    assert!(hrefs.contains(&"/guides/alpha/".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"/guides/beta/".to_string()), "{hrefs:?}");
}

#[test]
fn each_taxonomy_has_an_index_of_its_terms() {
    let site = built();
    let page = site.page("industries/");
    assert_eq!(page.h1(), "Industries");
    assert_eq!(page.texts(".entry-title"), ["Fintech", "Healthcare"]);
    let modes = site.page("work-modes/");
    assert_eq!(modes.h1(), "Work modes");
    assert_eq!(modes.texts(".entry-title"), ["Hybrid", "Remote"]);
}

#[test]
fn feeds_only_for_taxonomies_that_ask_for_them() {
    let site = built();
    let feed = site.read("output/industries/fintech/atom.xml");
    assert!(
        feed.contains("<title>Taxonomy Careers: Fintech</title>"),
        "{feed}"
    );
    assert!(
        feed.contains("https://careers.example.com/guides/alpha/"),
        "{feed}"
    );
    assert!(
        !feed.contains("https://careers.example.com/guides/gamma/"),
        "{feed}"
    );
    assert!(!site.output_exists("work-modes/remote/atom.xml"));
    assert!(site.output_exists("work-modes/remote/index.html"));
}

#[test]
fn guides_show_their_terms_per_taxonomy() {
    let site = built();
    let page = site.page("guides/alpha/");
    page.assert_link("Fintech", "/industries/fintech/");
    page.assert_link("Remote", "/work-modes/remote/");
    let headings = page.texts(".guide-terms dt");
    assert_eq!(headings, ["Industries", "Work modes"]);
    // A guide with no terms in a taxonomy shows no heading for it.
    let gamma = site.page("guides/gamma/");
    assert!(gamma.texts(".guide-terms dt").is_empty());
}

#[test]
fn related_guides_are_weighted_by_each_taxonomys_weight() {
    let site = built();
    let page = site.page("guides/alpha/");
    let related: Vec<String> = page
        .main()
        .select(&sel(".related-list .related-title"))
        .map(text_of)
        .collect();
    // Beta shares an industry (3) and a work mode (0.5); gamma only a role (2).
    assert_eq!(related, ["Beta guide", "Gamma guide"]);
}

#[test]
fn terms_are_searchable_and_in_the_sitemap() {
    let site = built();
    let index: serde_json::Value =
        serde_json::from_str(&site.read("output/search/index.json")).unwrap();
    let kinds = index["kinds"].as_array().unwrap();
    assert_eq!(kinds[4], "industries");
    assert_eq!(index["prefixes"][4], "industries/");
    assert_eq!(index["labels"][4], "Industries");
    let docs = index["docs"].as_array().unwrap();
    assert!(
        docs.iter()
            .any(|d| d[0] == 4 && d[1] == "fintech" && d[2] == "Fintech"),
        "{docs:?}"
    );
    assert!(
        docs.iter().any(|d| d[0] == 5 && d[1] == "remote"),
        "{docs:?}"
    );
    let sitemap = site.read("output/sitemap.xml");
    for url in [
        "https://careers.example.com/industries/",
        "https://careers.example.com/industries/fintech/",
        "https://careers.example.com/work-modes/hybrid/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{url}</loc>")),
            "{url}\n{sitemap}"
        );
    }
}

#[test]
fn term_pages_describe_themselves_in_json_ld() {
    let site = built();
    let html = site.read("output/industries/healthcare/index.html");
    assert!(html.contains("\"@type\":\"DefinedTerm\""), "{html}");
    assert!(html.contains("\"@type\":\"DefinedTermSet\""), "{html}");
    let guide = site.read("output/guides/delta/index.html");
    assert!(guide.contains("\"keywords\":\"Healthcare\""), "{guide}");
}

#[test]
fn check_warns_about_terms_that_look_like_a_profile() {
    let site = Site::new("taxonomies-site");
    site.write(
        "content/guides/epsilon.md",
        "---\ntitle: Epsilon\ndate: 2026-01-01\nindustries: [fintek]\n---\nBody.\n",
    );
    let run = site.cmd("check", &[]);
    run.assert_code(0);
    run.assert_stderr_contains(
        "content/guides/epsilon.md:4: unknown `industries` term `fintek`\n  hint: did you mean `fintech`?",
    );
}

#[test]
fn check_warns_about_two_terms_of_a_declared_taxonomy_that_look_like_one() {
    // Roles' and skills' near-duplicate warning, from the same code, for `work-modes`
    // (no profiles, so the hint cannot suggest an alias).
    let site = Site::new("taxonomies-site");
    site.write(
        "content/guides/epsilon.md",
        "---\ntitle: Epsilon\ndate: 2026-01-01\nwork-modes: [hybrid-office]\n---\nBody.\n",
    );
    site.write(
        "content/guides/zeta.md",
        "---\ntitle: Zeta\ndate: 2026-01-02\nwork-modes: [hybrid-offices]\n---\nBody.\n",
    );
    let run = site.cmd("check", &[]);
    run.assert_code(0);
    run.assert_stderr_contains(
        "`work-modes` terms `hybrid-office` and `hybrid-offices` look like one `work-modes` term (singular and plural)\n  hint: use one spelling in every guide",
    );
}

/// Writes `files` over the fixture and asserts the build fails with exactly one error
/// that starts with `expected`.
fn fails_with(files: &[(&str, &str)], expected: &str) {
    let site = Site::new("taxonomies-site");
    for (rel, text) in files {
        site.write(rel, text);
    }
    let run = site.build_fails();
    let errors = run.error_lines();
    assert_eq!(errors.len(), 1, "one mistake, one error:\n{}", run.stderr);
    assert!(
        errors[0].starts_with(expected),
        "expected {expected:?}\ngot      {:?}",
        errors[0]
    );
}

const CONFIG: &str = "title = \"T\"\nbase_url = \"https://x.org\"\n\n[[taxonomies]]\nname = \"industries\"\nprofiles = true\n";

#[test]
fn a_taxonomy_declared_twice_is_an_error_at_the_second() {
    fails_with(
        &[(
            "site.toml",
            &format!("{CONFIG}\n[[taxonomies]]\nname = \"industries\"\n"),
        )],
        "error: site.toml:9: taxonomy `industries` is declared twice\n  hint: it is first declared on line 5",
    );
}

#[test]
fn a_reserved_or_invalid_name_is_an_error_at_its_line() {
    fails_with(
        &[(
            "site.toml",
            &format!("{CONFIG}\n[[taxonomies]]\nname = \"search\"\n"),
        )],
        "error: site.toml:9: taxonomy name `search` is taken by the site's own `/search/` pages",
    );
    fails_with(
        &[(
            "site.toml",
            &format!("{CONFIG}\n[[taxonomies]]\nname = \"Work Modes\"\n"),
        )],
        "error: site.toml:9: taxonomy name `Work Modes` is not allowed\n  hint: use lowercase letters, digits and hyphens, e.g. `work-modes`",
    );
    fails_with(
        &[(
            "site.toml",
            &format!("{CONFIG}\n[[taxonomies]]\nname = \"draft\"\n"),
        )],
        "error: site.toml:9: taxonomy name `draft` is already a guide front matter key",
    );
}

#[test]
fn a_page_on_a_taxonomys_urls_is_an_error_at_the_taxonomys_line() {
    // A standalone page at the taxonomy's own path.
    fails_with(
        &[("content/work-modes.md", "---\ntitle: Modes\n---\nText.\n")],
        "error: site.toml:17: taxonomy `work-modes` makes the pages under `/work-modes/`, which content/work-modes.md also takes (`/work-modes/`)",
    );
    // A page on a term's URL, in a taxonomy without profiles.
    fails_with(
        &[(
            "content/work-modes/remote.md",
            "---\ntitle: Remote\n---\nText.\n",
        )],
        "error: site.toml:17: taxonomy `work-modes` makes the pages under `/work-modes/`, which content/work-modes/remote.md also takes (`/work-modes/remote/`)",
    );
    // A static file in the taxonomy's folder.
    fails_with(
        &[("static/industries/logo.svg", "<svg/>")],
        "error: site.toml:10: taxonomy `industries` makes the pages under `/industries/`, which static/industries/logo.svg also takes (`/industries/logo.svg`)",
    );
}

#[test]
fn unknown_front_matter_keys_suggest_declared_taxonomies() {
    fails_with(
        &[(
            "content/guides/alpha.md",
            "---\ntitle: Alpha\ndate: 2026-01-01\nindustry: [fintech]\n---\nBody.\n",
        )],
        "error: content/guides/alpha.md:4:1: unknown key `industry`\n  hint: did you mean `industries`?",
    );
    fails_with(
        &[(
            "content/guides/alpha.md",
            "---\ntitle: Alpha\ndate: 2026-01-01\nindustries: fintech\n---\nBody.\n",
        )],
        "error: content/guides/alpha.md:4: `industries` must be a list of terms\n  hint: write it as `industries: [first, second]`",
    );
}

#[test]
fn profile_keys_belong_to_profiles_only() {
    fails_with(
        &[(
            "content/industries/fintech.md",
            "---\ntitle: Fintech\ndate: 2026-01-01\n---\nText.\n",
        )],
        "error: content/industries/fintech.md:3: `date` is not used on `industries` term profiles",
    );
    fails_with(
        &[(
            "content/about.md",
            "---\ntitle: About\nsummary: Hi\n---\nText.\n",
        )],
        "error: content/about.md:3: `summary` is only for a taxonomy's term profiles, not pages",
    );
}

/// Watch mode: edits to terms, profiles, bodies and the taxonomies' settings rebuild to
/// exactly what a clean build makes.
#[test]
fn watch_rebuilds_equal_a_clean_build_after_taxonomy_edits() {
    use careersite::pipeline::{self, BuildOptions};
    use careersite::watch::{Outcome, Session};

    let site = Site::new("taxonomies-site");
    let out = site.tmp().join("watch-out");
    let opts = BuildOptions {
        root: site.path(""),
        output: Some(out.clone()),
        base_url: None,
        drafts: false,
        publish: Default::default(),
        ..Default::default()
    };
    let (mut session, first) = Session::start(opts.clone()).unwrap();
    assert!(matches!(first, Outcome::Built { .. }), "{first:?}");
    let alpha = "---\ntitle: Alpha guide\ndate: 2026-03-04\nroles: [data-analyst]\nindustries: [Fintech]\nwork-modes: [Remote]\n---\n";
    let edits: &[(&str, String)] = &[
        ("content/guides/alpha.md", format!("{alpha}Alpha, rewritten.\n")),
        (
            "content/guides/alpha.md",
            alpha.replace("[Fintech]", "[healthcare, retail]") + "Body.\n",
        ),
        (
            "content/guides/beta.md",
            "---\ntitle: Beta guide\ndate: 2026-03-03\nroles: [data-analyst]\nindustries: [finance-tech]\nwork-modes: [remote, hybrid]\n---\nBeta.\n".into(),
        ),
        (
            "content/industries/fintech.md",
            "---\ntitle: Financial technology\naliases: [Finance Tech]\nsummary: Money.\n---\nNew body.\n".into(),
        ),
        (
            "content/guides/zeta.md",
            "---\ntitle: Zeta\ndate: 2026-04-01\nwork-modes: [office]\n---\nZeta.\n".into(),
        ),
        (
            "site.toml",
            site.read("site.toml").replace("related_weight = 3", "related_weight = 0"),
        ),
    ];
    for (step, (rel, text)) in edits.iter().enumerate() {
        site.write(rel, text);
        let outcome = session.rebuild(&[site.path(rel)]);
        assert!(
            matches!(outcome, Outcome::Built { .. }),
            "step {step}: {outcome:?}"
        );
        session.finish().unwrap();
        let clean = site.tmp().join(format!("clean-{step}"));
        pipeline::build(&BuildOptions {
            output: Some(clean.clone()),
            ..opts.clone()
        })
        .unwrap();
        common::assert_same_tree(
            &format!("after edit {step} to {rel}"),
            &common::tree(&clean),
            &common::tree(&out),
        );
    }
}

/// Declared taxonomies' profiles get what roles get where it is generic: a hand-written
/// `@/industries/fintech.md` resolves (and a wrong one is an error), and with
/// `autolink = true` the first mention of a profiled term links to its page.
#[test]
fn term_profiles_are_link_targets_and_autolinked_like_roles() {
    let site = Site::new("taxonomies-site");
    let toml = site.read("site.toml");
    site.write("site.toml", toml.replacen("\n", "\nautolink = true\n", 1));
    site.write(
        "content/guides/gamma.md",
        "---\ntitle: Gamma guide\ndate: 2026-03-02\nroles: [data-analyst]\n---\n\
         Gamma is about analysis in fintech and more fintech.\n\n\
         See [the industry](@/industries/healthcare.md).\n",
    );
    site.build();
    let page = site.page("guides/gamma/");
    let links = page.links();
    let to = |href: &str| links.iter().filter(|(_, h)| h == href).count();
    assert_eq!(
        to("/industries/fintech/"),
        1,
        "first mention only: {links:?}"
    );
    assert_eq!(to("/industries/healthcare/"), 1, "{links:?}");
    assert!(
        links
            .iter()
            .any(|(text, h)| text == "fintech" && h == "/industries/fintech/"),
        "{links:?}"
    );

    site.write(
        "content/guides/gamma.md",
        "---\ntitle: Gamma guide\ndate: 2026-03-02\n---\nSee [it](@/industries/fintek.md).\n",
    );
    let run = site.build_fails();
    run.assert_stderr_contains("`@/industries/fintek.md` does not exist");
    run.assert_stderr_contains("did you mean `@/industries/fintech.md`?");
}

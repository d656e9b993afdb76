//! Authoring tools beside the content: a site template that extends the theme's template of
//! the same name and overrides one block, `theme eject`, the `check` warning for a site
//! template that replaces nothing, `new page`, archetypes, and the warning for a guide that
//! still holds `new guide`'s placeholder. Fixture: `minimal/` plus files each test writes.

use crate::common;

use common::*;

#[test]
fn a_site_template_extends_the_themes_and_overrides_one_block() {
    let site = Site::new("minimal");
    site.write(
        "templates/base.html",
        "{% extends \"theme:base.html\" %}{% block title %}Custom: {{ meta.title }}{% endblock title %}",
    );
    site.build();
    let page = site.page("guides/hello/");
    assert!(page.title().starts_with("Custom: "), "{}", page.title());
    // Everything else is the theme's: the guide's own heading and body are there.
    assert!(!page.h1().is_empty());
    assert!(!page.main_text().is_empty());
}

#[test]
fn theme_eject_copies_templates_and_never_overwrites_without_force() {
    let site = Site::new("minimal");
    let run = site.cmd(
        "theme",
        &["eject", "guide.html", "partials/guide-card.html"],
    );
    run.assert_code(0);
    let ejected = site.read("templates/guide.html");
    assert!(ejected.contains("{% block content %}"), "{ejected}");
    assert!(site.path("templates/partials/guide-card.html").is_file());
    // The site builds the same with its copy.
    site.build();
    site.write("templates/guide.html", "{# mine #}");
    let run = site.cmd("theme", &["eject", "guide.html"]);
    run.assert_code(1)
        .assert_stderr_contains("templates/guide.html already exists")
        .assert_stderr_contains("--force");
    assert_eq!(site.read("templates/guide.html"), "{# mine #}");
    site.cmd("theme", &["eject", "guide.html", "--force"])
        .assert_code(0);
    assert_eq!(site.read("templates/guide.html"), ejected);
    site.cmd("theme", &["eject", "gude.html"])
        .assert_code(1)
        .assert_stderr_contains("no template `gude.html`; did you mean `guide.html`?");
    // With no names, every template.
    site.cmd("theme", &["eject", "--force"]).assert_code(0);
    assert!(site.path("templates/base.html").is_file());
    assert!(site.path("templates/shortcodes/callout.html").is_file());
}

#[test]
fn a_site_template_that_replaces_nothing_is_a_warning_with_a_guess() {
    let site = Site::new("minimal");
    site.write("templates/gude.html", "{% extends \"base.html\" %}");
    // Used, so not warned about: included by another template, or named by a guide.
    site.write("templates/partials/mine.html", "<p>mine</p>");
    site.write(
        "templates/page.html",
        "{% extends \"theme:page.html\" %}{% block head %}{% include \"partials/mine.html\" %}{% endblock head %}",
    );
    let run = site.cmd("check", &["--strict"]);
    run.assert_code(1);
    let mut warnings = diagnostics(&run.stderr, "warning: ");
    warnings.retain(|w| w.contains("templates/"));
    assert_eq!(
        warnings,
        [
            "warning: templates/gude.html:1:1: `gude.html` replaces no theme template and no page or template uses it\n  hint: did you mean `guide.html`? A site template replaces the theme's template of the same name"
        ]
    );
}

#[test]
fn new_page_and_archetypes() {
    let site = Site::new("minimal");
    site.cmd("new", &["page", "Contact us"]).assert_code(0);
    let text = site.read("content/contact-us.md");
    assert!(text.starts_with("---\ntitle: \"Contact us\"\n"), "{text}");
    site.build();
    assert_eq!(site.page("contact-us/").h1(), "Contact us");
    site.write(
        "archetypes/guide.md",
        "---\ntitle: {{ title }}\ndate: {{ date }}\ndraft: true\nroles: {{ roles }}\n---\nOur house style for {{ slug }}.\n",
    );
    site.cmd("new", &["guide", "Pay bands", "--roles", "Data Analyst"])
        .assert_code(0);
    let text = site.read("content/guides/pay-bands.md");
    assert!(
        text.starts_with("---\ntitle: \"Pay bands\"\ndate: 20"),
        "{text}"
    );
    assert!(
        text.contains("roles: [data-analyst]\n---\nOur house style for pay-bands.\n"),
        "{text}"
    );
    site.write(
        "archetypes/role.md",
        "---\ntitle: {{ title }}\nsummary: TODO\n---\n",
    );
    site.cmd("new", &["role", "Data Analyst"]).assert_code(0);
    assert_eq!(
        site.read("content/roles/data-analyst.md"),
        "---\ntitle: \"Data Analyst\"\nsummary: TODO\n---\n"
    );
}

#[test]
fn check_flags_a_published_guide_that_still_holds_the_placeholder() {
    let site = Site::new("minimal");
    site.cmd("new", &["guide", "Half done"]).assert_code(0);
    // A draft: left out of check, so nothing to say yet.
    let run = site.cmd("check", &[]);
    assert!(!run.stderr.contains("placeholder"), "{}", run.stderr);
    let text = site
        .read("content/guides/half-done.md")
        .replace("draft: true\n", "");
    site.write("content/guides/half-done.md", text);
    let run = site.cmd("check", &[]);
    run.assert_code(0);
    let warnings = diagnostics(&run.stderr, "warning: ");
    assert!(
        warnings.iter().any(|w| w.starts_with(
            "warning: content/guides/half-done.md:11:1: this text still holds the sentence `new` wrote as a placeholder"
        )),
        "{warnings:?}"
    );
}

#[test]
fn check_flags_a_new_page_left_as_written_at_its_line() {
    let site = Site::new("minimal");
    site.cmd("new", &["page", "Work with us"]).assert_code(0);
    let run = site.cmd("check", &["--strict"]);
    run.assert_code(1);
    let warnings = diagnostics(&run.stderr, "warning: ");
    assert!(
        warnings.iter().any(|w| w.starts_with(
            "warning: content/work-with-us.md:6:1: this text still holds the sentence `new` wrote as a placeholder"
        )),
        "{warnings:?}"
    );
    site.write(
        "content/work-with-us.md",
        "---\ntitle: Work with us\n---\n\nWe hire writers who have done the job.\n",
    );
    let run = site.cmd("check", &["--strict"]);
    assert!(!run.stderr.contains("placeholder"), "{}", run.stderr);
}

//! Several languages in one site (issue 18, steps 1 to 5): `[languages.<code>]` in
//! site.toml, `name.<code>.md` translations beside their originals, each language's pages
//! under `/<code>/` in its own words, and the links between translations. Fixture:
//! `languages/`, in English (the default), Arabic (right to left) and Chinese (written
//! without spaces).

use crate::common;

use common::{Page, sel, text_of};
use common::{Site, diagnostics};

/// The `<link rel="alternate" hreflang>` of a page, as (hreflang, href).
fn alternates(page: &Page) -> Vec<(String, String)> {
    page.html
        .select(&sel("link[rel=alternate][hreflang]"))
        .map(|l| {
            let attr = |name| l.value().attr(name).unwrap_or_default().to_string();
            (attr("hreflang"), attr("href"))
        })
        .collect()
}

/// The language switcher's links, as (lang, hreflang, href, aria-current).
fn switcher(page: &Page) -> Vec<(String, String, String, Option<String>)> {
    let nav = page
        .html
        .select(&sel("nav.language-switcher[aria-label]"))
        .next()
        .expect("the page has a labelled language switcher");
    nav.select(&sel("li a"))
        .map(|a| {
            let attr = |name| a.value().attr(name).unwrap_or_default().to_string();
            let current = a.value().attr("aria-current").map(str::to_string);
            (attr("lang"), attr("hreflang"), attr("href"), current)
        })
        .collect()
}

fn html_attr(page: &Page, name: &str) -> Option<String> {
    let html = page.html.select(&sel("html")).next()?;
    html.value().attr(name).map(str::to_string)
}

const BASE: &str = "https://careers.example.com/";

#[test]
fn each_language_has_its_pages_under_its_code() {
    let site = Site::built("languages");
    for path in [
        "index.html",
        "guides/index.html",
        "guides/page/2/index.html",
        "guides/data-analyst/index.html",
        "about/index.html",
        "atom.xml",
        "404.html",
        "ar/index.html",
        "ar/guides/index.html",
        "ar/guides/data-analyst/index.html",
        "ar/guides/moving-into-data/index.html",
        "ar/about/index.html",
        "ar/atom.xml",
        "ar/404.html",
        "zh/index.html",
        "zh/guides/data-analyst/index.html",
        "zh/guides/only-in-chinese/index.html",
        "zh/atom.xml",
    ] {
        assert!(site.output_exists(path), "no {path}");
    }
    // What exists only in one language is not made in the others.
    assert!(!site.output_exists("guides/only-in-chinese/index.html"));
    assert!(!site.output_exists("zh/about/index.html"));
    assert!(!site.output_exists("ar/guides/backend/index.html"));
    // No translation becomes a page of the default language with a dotted slug.
    assert!(!site.output_exists("guides/data-analyst.ar/index.html"));
    // Every section is in every language: term pages, indexes, the map and search.
    for lang in ["ar", "zh"] {
        for section in [
            "roles/",
            "skills/",
            "career-map/",
            "search/",
            "roles/data-analyst/",
        ] {
            let path = format!("{lang}/{section}index.html");
            assert!(site.output_exists(&path), "no {path}");
        }
        assert!(site.output_exists(&format!("{lang}/search/index.json")));
    }
    // A term no guide of a language uses has no page in it.
    assert!(site.output_exists("zh/skills/excel/index.html"));
    assert!(!site.output_exists("skills/excel/index.html"));
    assert!(!site.output_exists("ar/skills/excel/index.html"));
    assert!(!site.output_exists("zh/skills/sql/index.html"));
}

#[test]
fn each_language_has_its_own_term_pages_with_translated_profiles() {
    let site = Site::built("languages");
    // The Arabic profile: its title, summary and body, and only Arabic guides.
    let ar = site.page_titled("ar/roles/data-analyst/", "محلل بيانات");
    assert_eq!(html_attr(&ar, "lang").as_deref(), Some("ar"));
    assert!(
        ar.main_text().contains("ينظّف محللو البيانات"),
        "{}",
        ar.main_text()
    );
    let guides: Vec<String> = (ar.links().into_iter())
        .map(|(_, h)| h)
        .filter(|h| h.contains("/guides/") && h.len() > "/ar/guides/".len())
        .collect();
    // The Arabic guide tagged with the Arabic alias is listed with the one tagged by slug.
    for href in ["/ar/guides/data-analyst/", "/ar/guides/moving-into-data/"] {
        assert!(guides.iter().any(|h| h == href), "{href} not in {guides:?}");
    }
    assert!(guides.iter().all(|h| h.starts_with("/ar/")), "{guides:?}");
    // Chinese has no version of the profile: the English one, with Chinese guides.
    let zh = site.page_titled("zh/roles/data-analyst/", "Data Analyst");
    let hrefs: Vec<String> = zh.links().into_iter().map(|(_, h)| h).collect();
    assert!(
        hrefs.contains(&"/zh/guides/data-analyst/".to_string()),
        "{hrefs:?}"
    );
    assert!(
        !hrefs.contains(&"/guides/data-analyst/".to_string()),
        "{hrefs:?}"
    );
    // The English page lists English guides only.
    let en = site.page_titled("roles/data-analyst/", "Data Analyst");
    let hrefs: Vec<String> = en.links().into_iter().map(|(_, h)| h).collect();
    assert!(
        hrefs.contains(&"/guides/data-analyst/".to_string()),
        "{hrefs:?}"
    );
    assert!(
        !hrefs.iter().any(|h| h.starts_with("/ar/guides/")),
        "{hrefs:?}"
    );
    // The three versions are alternates of each other.
    let want = |p: &str| {
        [("en", ""), ("ar", "ar/"), ("zh", "zh/"), ("x-default", "")]
            .map(|(l, at)| (l.to_string(), format!("{BASE}{at}{p}")))
            .to_vec()
    };
    assert_eq!(alternates(&ar), want("roles/data-analyst/"));
    assert_eq!(alternates(&en), want("roles/data-analyst/"));
    // The Arabic guide's tags lead to the Arabic term pages, breadcrumbs to its sections.
    let guide = site.page("ar/guides/moving-into-data/");
    let hrefs: Vec<String> = guide.links().into_iter().map(|(_, h)| h).collect();
    assert!(
        hrefs.contains(&"/ar/roles/data-analyst/".to_string()),
        "{hrefs:?}"
    );
    assert!(
        !hrefs.contains(&"/roles/data-analyst/".to_string()),
        "{hrefs:?}"
    );
    let crumbs = ar.links_in("nav.breadcrumbs a");
    let hrefs: Vec<&str> = crumbs.iter().map(|(_, h)| h.as_str()).collect();
    assert_eq!(hrefs, ["/ar/", "/ar/roles/"]);
    // In the theme's Arabic words, like the page's title.
    let words: Vec<&str> = crumbs.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(words, ["الرئيسية", "الوظائف"]);
    assert!(ar.title().starts_with("محلل بيانات"), "{}", ar.title());
}

#[test]
fn each_language_searches_its_own_documents() {
    let site = Site::built("languages");
    let index = |path: &str| -> serde_json::Value {
        serde_json::from_str(&site.read(&format!("output/{path}"))).unwrap()
    };
    let titles = |v: &serde_json::Value| -> Vec<String> {
        (v["docs"].as_array().unwrap().iter())
            .map(|d| d[2].as_str().unwrap().to_string())
            .collect()
    };
    let en = titles(&index("search/index.json"));
    let ar = titles(&index("ar/search/index.json"));
    let zh = titles(&index("zh/search/index.json"));
    assert!(ar.contains(&"كيف تصبح محلل بيانات".to_string()), "{ar:?}");
    assert!(ar.contains(&"محلل بيانات".to_string()), "{ar:?}");
    assert!(zh.contains(&"如何成为数据分析师".to_string()), "{zh:?}");
    assert!(
        !en.iter().chain(&ar).any(|t| t == "如何成为数据分析师"),
        "{en:?} {ar:?}"
    );
    assert!(!en.iter().any(|t| t == "كيف تصبح محلل بيانات"), "{en:?}");
    // The search page of a language loads that language's index.
    let page = site.page("zh/search/");
    let region = page
        .find(".search-results[data-index-url]")
        .expect("a results region");
    assert_eq!(
        region.value().attr("data-index-url"),
        Some("/zh/search/index.json")
    );
    // Its script's messages are the language's, with the placeholders it fills.
    let say = |name: &str| region.value().attr(name).unwrap_or_default().to_string();
    assert_eq!(say("data-t-no-results"), "没有找到与“{query}”相关的结果。");
    assert_eq!(say("data-t-kind-role"), "职位");
    let en = site.page("search/");
    let region = en.find(".search-results").expect("a results region");
    assert_eq!(
        region.value().attr("data-t-more"),
        Some("Show {count} more")
    );
}

#[test]
fn pages_say_their_language_and_direction() {
    let site = Site::built("languages");
    let en = site.page("guides/data-analyst/");
    assert_eq!(html_attr(&en, "lang").as_deref(), Some("en"));
    assert_eq!(html_attr(&en, "dir"), None);
    let ar = site.page_titled("ar/guides/data-analyst/", "كيف تصبح محلل بيانات");
    assert_eq!(html_attr(&ar, "lang").as_deref(), Some("ar"));
    assert_eq!(html_attr(&ar, "dir").as_deref(), Some("rtl"));
    let zh = site.page_titled("zh/guides/data-analyst/", "如何成为数据分析师");
    assert_eq!(html_attr(&zh, "lang").as_deref(), Some("zh"));
    assert_eq!(html_attr(&zh, "dir"), None);
}

#[test]
fn the_theme_speaks_each_pages_language() {
    let site = Site::built("languages");
    let ar = site.page("ar/guides/data-analyst/");
    let nav: Vec<String> = ar
        .html
        .select(&sel("nav.site-nav a"))
        .map(text_of)
        .collect();
    assert!(nav.iter().any(|t| t == "الأدلة"), "{nav:?}");
    assert!(
        ar.source
            .contains("<time datetime=\"2026-01-12\">12 يناير 2026</time>")
    );
    let zh = site.page("zh/guides/data-analyst/");
    assert!(zh.source.contains("2026年1月11日"), "a Chinese date");
    assert!(zh.main_text().contains("阅读约"), "{}", zh.main_text());
    let en = site.page("guides/data-analyst/");
    assert!(en.source.contains("January 10, 2026"));
    // Each language's title from its table; Chinese has none and keeps the site's.
    assert!(site.page("ar/").title().contains("أدلة المهن"));
    assert_eq!(site.page("zh/").title(), "职业指南");
    // The listing stays in its language, and its guides are that language's.
    let listing = site.page("ar/guides/");
    let links: Vec<String> = listing.links().into_iter().map(|(_, h)| h).collect();
    assert!(
        links.contains(&"/ar/guides/data-analyst/".to_string()),
        "{links:?}"
    );
    assert!(
        !links.contains(&"/guides/data-analyst/".to_string()),
        "{links:?}"
    );
}

#[test]
fn translations_link_to_each_other_both_ways_with_x_default() {
    let site = Site::built("languages");
    let expected: Vec<(String, String)> = [
        ("en", "guides/data-analyst/"),
        ("ar", "ar/guides/data-analyst/"),
        ("zh", "zh/guides/data-analyst/"),
        ("x-default", "guides/data-analyst/"),
    ]
    .iter()
    .map(|(l, p)| (l.to_string(), format!("{BASE}{p}")))
    .collect();
    for path in [
        "guides/data-analyst/",
        "ar/guides/data-analyst/",
        "zh/guides/data-analyst/",
    ] {
        assert_eq!(alternates(&site.page(path)), expected, "on {path}");
    }
    // A folder guide translated into Arabic only: the two point at each other.
    let pair = alternates(&site.page("ar/guides/moving-into-data/"));
    assert_eq!(pair, alternates(&site.page("guides/moving-into-data/")));
    assert_eq!(pair.len(), 3, "{pair:?}");
    // A page in one language only has no alternates.
    assert!(alternates(&site.page("guides/backend/")).is_empty());
    assert!(alternates(&site.page("zh/guides/only-in-chinese/")).is_empty());
}

#[test]
fn the_switcher_goes_to_the_same_page_or_the_languages_home() {
    let site = Site::built("languages");
    let own = |l: &str, href: &str, current: bool| {
        let c = current.then(|| "true".to_string());
        (l.to_string(), l.to_string(), href.to_string(), c)
    };
    assert_eq!(
        switcher(&site.page("ar/guides/data-analyst/")),
        [
            own("en", "/guides/data-analyst/", false),
            own("ar", "/ar/guides/data-analyst/", true),
            own("zh", "/zh/guides/data-analyst/", false),
        ]
    );
    assert_eq!(
        switcher(&site.page("guides/backend/")),
        [
            own("en", "/guides/backend/", true),
            own("ar", "/ar/", false),
            own("zh", "/zh/", false),
        ]
    );
    assert_eq!(
        switcher(&site.page("zh/guides/only-in-chinese/")),
        [
            own("en", "/", false),
            own("ar", "/ar/", false),
            own("zh", "/zh/guides/only-in-chinese/", true)
        ]
    );
    // Page 2 of the English listing has no Arabic page 2.
    assert_eq!(switcher(&site.page("guides/page/2/"))[1].2, "/ar/");
    // Each language's name in its own words.
    let names: Vec<String> = site
        .page("")
        .html
        .select(&sel("nav.language-switcher a"))
        .map(text_of)
        .collect();
    assert_eq!(names, ["English", "العربية", "中文"]);
}

#[test]
fn links_resolve_to_the_same_languages_version_when_there_is_one() {
    let site = Site::built("languages");
    let ar = site.page("ar/guides/data-analyst/");
    let hrefs: Vec<String> = ar.links().into_iter().map(|(_, h)| h).collect();
    // Translated: the Arabic version; not translated: the English one, anchor and all.
    assert!(
        hrefs.contains(&"/ar/guides/moving-into-data/".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"/guides/backend/#what-the-work-is".to_string()),
        "{hrefs:?}"
    );
    let zh = site.page("zh/guides/data-analyst/");
    let hrefs: Vec<String> = zh.links().into_iter().map(|(_, h)| h).collect();
    assert!(
        hrefs.contains(&"/guides/moving-into-data/".to_string()),
        "{hrefs:?}"
    );
    // Role tags go to the language's own role page.
    assert!(
        hrefs.contains(&"/zh/roles/data-analyst/".to_string()),
        "{hrefs:?}"
    );
    // The English guide is untouched by its translations.
    let en = site.page("guides/data-analyst/");
    let hrefs: Vec<String> = en.links().into_iter().map(|(_, h)| h).collect();
    assert!(
        hrefs.contains(&"/guides/moving-into-data/".to_string()),
        "{hrefs:?}"
    );
}

#[test]
fn each_language_has_a_feed_and_the_sitemap_lists_every_language_with_alternates() {
    let site = Site::built("languages");
    let ar = site.read("output/ar/atom.xml");
    assert!(ar.contains("xml:lang=\"ar\""));
    assert!(ar.contains(&format!("<id>{BASE}ar/atom.xml</id>")));
    assert!(ar.contains(&format!("{BASE}ar/guides/data-analyst/")));
    assert!(!ar.contains(&format!("{BASE}guides/backend/")), "{ar}");
    let en = site.read("output/atom.xml");
    assert!(!en.contains("/ar/guides/"), "{en}");
    let zh = site.read("output/zh/atom.xml");
    assert!(zh.contains("数据分析师的一天"));

    let map = site.read("output/sitemap.xml");
    assert!(map.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    for loc in [
        "ar/",
        "zh/guides/only-in-chinese/",
        "ar/about/",
        "ar/guides/",
    ] {
        assert!(map.contains(&format!("<loc>{BASE}{loc}</loc>")), "no {loc}");
    }
    // Each translated page's entry lists every version, x-default last.
    let entry = |loc: &str| {
        let start = map.find(&format!("<loc>{BASE}{loc}</loc>")).unwrap();
        let end = start + map[start..].find("</url>").unwrap();
        map[start..end].to_string()
    };
    for loc in ["guides/data-analyst/", "zh/guides/data-analyst/"] {
        let e = entry(loc);
        for (lang, href) in [
            ("en", "guides/data-analyst/"),
            ("ar", "ar/guides/data-analyst/"),
            ("zh", "zh/guides/data-analyst/"),
            ("x-default", "guides/data-analyst/"),
        ] {
            let link = format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{BASE}{href}\"/>"
            );
            assert!(e.contains(&link), "{loc}: no {link} in {e}");
        }
    }
    assert!(!entry("guides/backend/").contains("xhtml:link"));
}

#[test]
fn a_translations_aliases_redirect_to_it() {
    let site = Site::new("languages");
    let path = "content/guides/data-analyst.zh.md";
    let text = site.read(path).replacen(
        "roles: [data-analyst]",
        "roles: [data-analyst]\naliases: [/zh/old-analyst/]",
        1,
    );
    site.write(path, text);
    site.build();
    let page = site.read("output/zh/old-analyst/index.html");
    assert!(
        page.contains("<meta http-equiv=\"refresh\" content=\"0; url=/zh/guides/data-analyst/\">"),
        "{page}"
    );
    let listed = site.read("output/_redirects");
    assert!(
        listed.contains("/zh/old-analyst/ /zh/guides/data-analyst/ 301"),
        "{listed}"
    );
    let check = site.cmd("check", &["--strict"]);
    assert!(!check.stderr.contains("aliases"), "{}", check.stderr);
}

#[test]
fn two_builds_of_several_languages_are_identical() {
    let site = Site::built("languages");
    let first = common::clean_build(&site.root, &site.tmp().join("a"), &[]);
    let second = common::clean_build(&site.root, &site.tmp().join("b"), &[]);
    assert_eq!(first, second);
}

/// Builds the fixture changed by `change`; the one error it gives, with its hint.
fn one_error(change: impl FnOnce(&Site)) -> String {
    let site = Site::new("languages");
    change(&site);
    let run = site.build_fails();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let errors = diagnostics(&run.stderr, "error: ");
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    errors[0].to_string()
}

#[test]
fn a_language_code_that_is_not_one_is_an_error_at_its_line() {
    let error = one_error(|site| {
        let text = site.read("site.toml");
        site.write(
            "site.toml",
            text.replace("[languages.zh]", "[languages.chinese]"),
        );
    });
    assert_eq!(
        error,
        "error: site.toml:11: `[languages]`: `chinese` is not a language code\n  hint: use a BCP 47 language code such as `de`, `fr`, `zh` or `pt-BR`"
    );
    let error = one_error(|site| {
        let text = site.read("site.toml");
        site.write(
            "site.toml",
            text.replace("[languages.ar]", "[languages.pt-br]"),
        );
    });
    assert!(error.starts_with("error: site.toml:7: "), "{error}");
    assert!(error.ends_with("hint: write it `pt-BR`"), "{error}");
    let error = one_error(|site| {
        let text = site.read("site.toml");
        site.write(
            "site.toml",
            text.replace("language = \"en\"", "language = \"English\""),
        );
    });
    assert!(
        error.starts_with("error: site.toml:4: `language`: `English`"),
        "{error}"
    );
}

#[test]
fn a_translation_into_an_undeclared_language_is_an_error() {
    let error = one_error(|site| {
        let guide = site.read("content/guides/backend.md");
        site.write("content/guides/backend.fr.md", guide);
    });
    assert_eq!(
        error,
        "error: content/guides/backend.fr.md:1:1: the file name says this is the `fr` version of content/guides/backend.md, but site.toml declares no language `fr`\n  hint: add [languages.fr] to site.toml, or rename the file without `.fr` if it is not a translation"
    );
    // A dotted name that is no language stays an ordinary file name.
    let site = Site::new("languages");
    let guide = site.read("content/guides/backend.md");
    site.write("content/guides/notes.v2.md", guide);
    site.build();
}

#[test]
fn two_files_for_one_language_and_page_is_an_error_naming_both() {
    let error = one_error(|site| {
        let guide = site.read("content/guides/data-analyst.ar.md");
        site.write("content/guides/data-analyst/index.ar.md", guide);
    });
    assert!(
        error.starts_with("error: content/guides/data-analyst/index.ar.md:")
            || error.starts_with("error: content/guides/data-analyst.ar.md:"),
        "{error}"
    );
    assert!(
        error.contains("`/ar/guides/data-analyst/` is also the URL of content/guides/data-analyst"),
        "{error}"
    );
    assert!(
        error.contains("both are the `ar` version of the same page"),
        "{error}"
    );
}

#[test]
fn check_tells_what_is_not_translated_and_warns_about_stale_translations() {
    let site = Site::new("languages");
    let run = site.cmd("check", &[]);
    run.assert_code(0);
    let infos = diagnostics(&run.stderr, "info: ");
    assert_eq!(
        infos,
        [
            "info: site.toml:7: 1 of 3 guides has no `ar` version: `backend`\n  hint: a guide's `ar` version is a file beside it named `<name>.ar.md`; until there is one, `@/` links in `ar` pages lead to the default language's guide",
            "info: site.toml:11: 2 of 3 guides have no `zh` version: `moving-into-data`, `backend`\n  hint: a guide's `zh` version is a file beside it named `<name>.zh.md`; until there is one, `@/` links in `zh` pages lead to the default language's guide",
        ]
    );
    // Information alone does not fail `--strict`; the fixture's one warning is about `sql`.
    let warnings = diagnostics(&run.stderr, "warning: ");
    assert_eq!(warnings.len(), 1, "{}", run.stderr);

    let original = site.read("content/guides/data-analyst.md");
    site.write(
        "content/guides/data-analyst.md",
        original.replace(
            "date: 2026-01-10\n",
            "date: 2026-01-10\nupdated: 2026-02-01\n",
        ),
    );
    let run = site.cmd("check", &["--strict"]);
    run.assert_code(1);
    let warnings = diagnostics(&run.stderr, "warning: ");
    for (file, date) in [
        ("data-analyst.ar.md", "2026-01-12"),
        ("data-analyst.zh.md", "2026-01-11"),
    ] {
        let lang = &file["data-analyst.".len()..file.len() - 3];
        let expected = format!(
            "warning: content/guides/{file}: content/guides/data-analyst.md changed on 2026-02-01, after this `{lang}` version ({date})\n  hint: bring the translation up to date and set its `updated` to the day you did"
        );
        assert!(warnings.contains(&expected.as_str()), "{warnings:#?}");
    }
}

#[test]
fn a_page_under_a_languages_folder_is_an_error() {
    let error = one_error(|site| {
        site.write("content/ar/team.md", "---\ntitle: Team\n---\nWho we are.\n");
    });
    assert_eq!(
        error,
        "error: content/ar/team.md: this page's URL `/ar/team/` is under `/ar/`, where the `ar` language's pages are\n  hint: move the file out of content/ar/; a page in `ar` is written beside its original as `name.ar.md`"
    );
    let error = one_error(|site| {
        let text = site.read("site.toml");
        site.write(
            "site.toml",
            format!("{text}\n[[taxonomies]]\nname = \"zh\"\n"),
        );
    });
    assert!(
        error.starts_with("error: site.toml:11: language `zh` and the taxonomy on line 15 both make the pages under `/zh/`"),
        "{error}"
    );
}

#[test]
fn a_broken_link_in_a_translation_is_reported_where_it_is_written() {
    let error = one_error(|site| {
        let rel = "content/roles/data-analyst.ar.md";
        let text = site.read(rel);
        site.write(rel, format!("{text}\nاقرأ [هذا](/ar/no-such-page/).\n"));
    });
    assert!(
        error.starts_with("error: content/roles/data-analyst.ar.md:8:"),
        "{error}"
    );
    assert!(error.contains("`/ar/no-such-page/`"), "{error}");
}

#[test]
fn role_cards_show_the_pages_language_version_of_the_role() {
    let site = Site::new("languages");
    let card = "\n{{ role_card(role=\"data-analyst\") }}\n";
    for rel in [
        "content/guides/data-analyst.md",
        "content/guides/data-analyst.ar.md",
    ] {
        let text = site.read(rel);
        site.write(rel, format!("{text}{card}"));
    }
    site.build().assert_code(0);
    let link = |path: &str| {
        let page = site.page(path);
        let cards = page.links_in(".role-card a");
        cards.first().cloned().expect("a role card with a link")
    };
    // The English card stays English though an Arabic profile sorts after it.
    assert_eq!(
        link("guides/data-analyst/"),
        (
            "Data Analyst".to_string(),
            "/roles/data-analyst/".to_string()
        )
    );
    assert_eq!(
        link("ar/guides/data-analyst/"),
        (
            "محلل بيانات".to_string(),
            "/ar/roles/data-analyst/".to_string()
        )
    );
}

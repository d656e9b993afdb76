//! schema.org structured data (JSON-LD) for search engines: `Article` and `FAQPage` on
//! guides, `Occupation` on roles and their salary pages per area (with the datasets'
//! percentiles, places and citations), `WebSite` on the home page and `BreadcrumbList` wherever
//! a page has breadcrumbs. Built here from the model rather than in templates, because
//! JSON inside a `<script>` element needs escaping that Tera's HTML autoescape cannot give:
//! see [`script_json`].

use serde_json::{Value, json};

use crate::config::Config;
use crate::datasets::{Area, AreaKind, Cited, Figure, SalaryPage, Wages, is_soc_code};
use crate::model::{Guide, Role, Salary, Site};

const CONTEXT: &str = "https://schema.org";

/// Serializes a JSON-LD document so that it is safe inside `<script type="application/ld+json">`.
///
/// serde_json leaves `<`, `>` and `&` as they are, so a title such as `</script>` would end
/// the script element early and let the rest of the string run as markup. Escaping them as
/// `\u003c`, `\u003e` and `\u0026` keeps the JSON value identical for any JSON parser while
/// no byte sequence can close the element or open a comment. U+2028 and U+2029 are escaped
/// too, since older JavaScript parsers treat them as line ends inside strings.
pub fn script_json(value: &Value) -> String {
    let raw = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(raw.len() + 16);
    for ch in raw.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// One document holding every node a page describes, or none when it describes nothing.
pub fn document(nodes: Vec<Value>) -> Option<String> {
    match nodes.len() {
        0 => None,
        _ => Some(script_json(
            &json!({ "@context": CONTEXT, "@graph": nodes }),
        )),
    }
}

/// The site as the author and publisher of its guides.
fn organization(config: &Config) -> Value {
    json!({ "@type": "Organization", "name": config.title, "url": config.base_url })
}

/// The home page: the site, with its search page as a search action.
pub fn website(config: &Config) -> Value {
    json!({
        "@type": "WebSite",
        "name": config.title,
        "description": config.description,
        "url": config.base_url,
        "inLanguage": config.language,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": format!("{}?q={{search_term_string}}", config.permalink(&format!("{}search/", config.lang_path))),
            },
            "query-input": "required name=search_term_string",
        },
    })
}

/// `BreadcrumbList` from the trail's `(name, absolute URL)` pairs, the page itself last.
pub fn breadcrumb_list(trail: &[(&str, String)]) -> Value {
    let items: Vec<Value> = trail
        .iter()
        .enumerate()
        .map(|(i, (name, url))| {
            json!({ "@type": "ListItem", "position": i + 1, "name": name, "item": url })
        })
        .collect();
    json!({ "@type": "BreadcrumbList", "itemListElement": items })
}

/// A guide as an `Article`, and as an `FAQPage` too when it has questions and answers.
pub fn guide(site: &Site, g: &Guide, description: &str) -> Vec<Value> {
    let c = &site.config;
    let permalink = c.permalink(&g.path());
    let modified = g.updated.unwrap_or(g.date).max(g.date);
    let mut article = json!({
        "@type": "Article",
        "headline": g.title,
        "description": description,
        "datePublished": g.date.to_string(),
        "dateModified": modified.to_string(),
        "url": permalink,
        "mainEntityOfPage": permalink,
        "inLanguage": c.language,
        "author": organization(c),
        "publisher": organization(c),
    });
    let about: Vec<&str> = site
        .all_taxonomies()
        .zip(&g.terms)
        .flat_map(|(t, terms)| {
            terms
                .iter()
                .filter_map(|s| t.terms.get(s).map(|term| term.title.as_str()))
        })
        .collect();
    if !about.is_empty() {
        article["keywords"] = json!(about.join(", "));
    }
    let mut nodes = vec![article];
    if !g.faq.is_empty() {
        let questions: Vec<Value> = g
            .faq
            .iter()
            .map(|f| {
                json!({
                    "@type": "Question",
                    "name": f.question,
                    "acceptedAnswer": { "@type": "Answer", "text": f.answer_html.trim() },
                })
            })
            .collect();
        nodes.push(json!({
            "@type": "FAQPage",
            "url": permalink,
            "mainEntity": questions,
        }));
    }
    nodes
}

/// A term of a declared taxonomy as a `DefinedTerm` in the taxonomy's `DefinedTermSet`.
pub fn term(site: &Site, t: usize, term: &crate::model::Term, description: &str) -> Value {
    let c = &site.config;
    let taxonomy = &site.taxonomies[t];
    json!({
        "@type": "DefinedTerm",
        "name": term.title,
        "termCode": term.slug,
        "description": description,
        "url": c.permalink(&taxonomy.term_path(&term.slug)),
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "name": site.taxonomy_config(t).title,
            "url": c.permalink(&taxonomy.path()),
        },
    })
}

/// A role as an `Occupation`, with its salary as a distribution when the profile has one.
pub fn role(site: &Site, r: &Role, description: &str) -> Value {
    let c = &site.config;
    let permalink = c.permalink(&site.roles.term_path(&r.slug));
    let mut occupation = json!({
        "@type": "Occupation",
        "name": r.title,
        "description": description,
        "url": permalink,
        "mainEntityOfPage": permalink,
    });
    if let Some(p) = r.role_facts() {
        let national: Vec<_> = p
            .soc
            .iter()
            .filter_map(|code| site.datasets.occupation(code)?.national)
            .collect();
        add_dataset_fields(&mut occupation, &p.soc, &national, &permalink);
        // A written salary wins over the dataset's, as on the page.
        if (!p.salary_from_data || national.is_empty())
            && let Some(salary) = &p.salary
        {
            occupation["estimatedSalary"] = json!([salary_distribution(salary)]);
        }
        if let Some(education) = &p.education {
            occupation["educationRequirements"] = json!(education);
        }
        let skills: Vec<&str> = p
            .skills
            .iter()
            .map(|s| {
                site.skills
                    .terms
                    .get(s)
                    .map_or(s.as_str(), |s| s.title.as_str())
            })
            .collect();
        if !skills.is_empty() {
            occupation["skills"] = json!(skills.join(", "));
        }
    }
    occupation
}

/// A role's pay in one area, from the datasets, as an `Occupation` located there.
pub fn salary_page(
    site: &Site,
    page: &SalaryPage,
    rows: &[(Cited<'_, Wages>, Option<Cited<'_, Wages>>)],
) -> Value {
    let c = &site.config;
    let permalink = c.permalink(&page.url_path());
    let title = site
        .roles
        .terms
        .get(&page.role)
        .map_or(page.role.as_str(), |r| r.title.as_str());
    let mut occupation = json!({
        "@type": "Occupation",
        "name": title,
        "url": permalink,
    });
    let codes: Vec<String> = rows.iter().map(|(w, _)| w.row.occupation.clone()).collect();
    let here: Vec<Cited<'_, Wages>> = rows.iter().map(|(w, _)| *w).collect();
    add_dataset_fields(&mut occupation, &codes, &here, &permalink);
    occupation
}

/// What the datasets say of an occupation: its codes, where the figures hold, their
/// percentiles, and the datasets cited by the page. `rows` are one area's rows.
fn add_dataset_fields(node: &mut Value, codes: &[String], rows: &[Cited<'_, Wages>], url: &str) {
    if codes.is_empty() || rows.is_empty() {
        return;
    }
    let categories: Vec<Value> = codes
        .iter()
        .map(|code| {
            let title = rows
                .iter()
                .find(|w| w.row.occupation == *code)
                .and_then(|w| w.row.occupation_title.as_deref());
            let mut category = json!({ "@type": "CategoryCode", "codeValue": code });
            if let Some(t) = title {
                category["name"] = json!(t);
            }
            if is_soc_code(code) {
                category["inCodeSet"] = json!({
                    "@type": "CategoryCodeSet",
                    "name": "Standard Occupational Classification",
                    "url": "https://www.bls.gov/soc/",
                });
            }
            category
        })
        .collect();
    node["occupationalCategory"] = json!(categories);
    let mut places: Vec<Value> = Vec::new();
    for w in rows {
        let place = place(&w.row.area);
        if !places.contains(&place) {
            places.push(place);
        }
    }
    node["occupationLocation"] = json!(places);
    let distributions: Vec<Value> = rows
        .iter()
        .filter_map(|w| dataset_distribution(w.row))
        .collect();
    if !distributions.is_empty() {
        node["estimatedSalary"] = json!(distributions);
    }
    let mut cited: Vec<Value> = Vec::new();
    for w in rows {
        let s = w.source;
        let mut dataset = json!({
            "@type": "Dataset",
            "name": s.name,
            "temporalCoverage": s.period,
        });
        if let Some(u) = &s.url {
            dataset["url"] = json!(u);
        }
        if !cited.contains(&dataset) {
            cited.push(dataset);
        }
    }
    node["mainEntityOfPage"] = json!({
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "citation": cited,
    });
}

fn place(area: &Area) -> Value {
    let kind = match area.kind {
        AreaKind::National => "Country",
        AreaKind::Metro | AreaKind::NonMetro => "City",
        _ => "AdministrativeArea",
    };
    json!({ "@type": kind, "name": area.title })
}

/// A row's exactly published percentiles, yearly where the median is yearly, else hourly.
/// A top-coded figure is a floor, not the percentile, so it is left out.
fn dataset_distribution(w: &Wages) -> Option<Value> {
    let (p, duration, scale) = match w.annual.median {
        Figure::Value(_) => (&w.annual, "P1Y", 1.0),
        _ => (&w.hourly, "PT1H", 100.0),
    };
    let mut out = json!({
        "@type": "MonetaryAmountDistribution",
        "name": "base",
        "currency": w.currency,
        "duration": duration,
    });
    let mut any = false;
    for (key, figure) in [
        ("percentile10", p.p10),
        ("percentile25", p.p25),
        ("median", p.median),
        ("percentile75", p.p75),
        ("percentile90", p.p90),
    ] {
        if let Figure::Value(v) = figure {
            out[key] = if scale == 1.0 {
                json!(v)
            } else {
                json!(v as f64 / scale)
            };
            any = true;
        }
    }
    any.then_some(out)
}

/// The profile's `low` and `high` are published as the 10th and 90th percentiles: that is
/// how the public wage surveys the figures come from (such as the BLS's) report a range.
fn salary_distribution(s: &Salary) -> Value {
    let duration = match s.period.to_ascii_lowercase().as_str() {
        "hour" => "PT1H",
        "day" => "P1D",
        "week" => "P1W",
        "month" => "P1M",
        _ => "P1Y",
    };
    json!({
        "@type": "MonetaryAmountDistribution",
        "name": "base",
        "currency": s.currency.to_ascii_uppercase(),
        "duration": duration,
        "percentile10": s.low,
        "median": s.median,
        "percentile90": s.high,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ATTACK: &str = "</script><script>alert(1)</script>";

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let doc = document(vec![json!({ "@type": "Article", "headline": ATTACK })]).unwrap();
        let lower = doc.to_ascii_lowercase();
        assert!(!lower.contains("</script"), "{doc}");
        assert!(!lower.contains("<script"), "{doc}");
        assert!(!doc.contains(['<', '>', '&']), "{doc}");
        assert!(doc.contains(r"\u003c/script\u003e\u003cscript\u003ealert(1)"));
        // A JSON parser reads back the exact title.
        let back: Value = serde_json::from_str(&doc).unwrap();
        assert_eq!(back["@graph"][0]["headline"], ATTACK);
    }

    #[test]
    fn comment_openers_ampersands_and_line_separators_are_escaped() {
        let text = "<!-- a & b \u{2028} c \u{2029} -->";
        let out = script_json(&json!({ "t": text }));
        assert_eq!(
            out,
            r#"{"t":"\u003c!-- a \u0026 b \u2028 c \u2029 --\u003e"}"#
        );
        let back: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["t"], text);
    }

    #[test]
    fn no_nodes_means_no_document() {
        assert_eq!(document(Vec::new()), None);
    }

    #[test]
    fn salary_periods_map_to_iso_durations() {
        let mut s = Salary {
            currency: "usd".into(),
            low: 1,
            median: 2,
            high: 3,
            period: "year".into(),
            source: "s".into(),
            year: 2024,
        };
        let d = salary_distribution(&s);
        assert_eq!(d["duration"], "P1Y");
        assert_eq!(d["currency"], "USD");
        assert_eq!(d["percentile10"], 1);
        assert_eq!(d["median"], 2);
        assert_eq!(d["percentile90"], 3);
        s.period = "Hour".into();
        assert_eq!(salary_distribution(&s)["duration"], "PT1H");
    }

    #[test]
    fn breadcrumbs_are_numbered_from_one() {
        let list = breadcrumb_list(&[
            ("Home", "https://x.org/".into()),
            ("Guides", "https://x.org/guides/".into()),
        ]);
        assert_eq!(list["itemListElement"][0]["position"], 1);
        assert_eq!(list["itemListElement"][1]["position"], 2);
        assert_eq!(list["itemListElement"][1]["item"], "https://x.org/guides/");
    }
}

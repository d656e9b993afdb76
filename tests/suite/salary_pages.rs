//! Salary pages per role and area (`salary_pages` in site.toml): which pages exist, what
//! they show and link to, their `Occupation` JSON-LD checked against schema.org's types and
//! the fields search engines require, and where else they are listed (role page, sitemap,
//! search index).

use crate::common;

use common::Site;
use serde_json::Value;

const OEWS: &str = "\
AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,H_MEAN,A_MEAN,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY
99,U.S.,1,US,15-1252,Software Developers,detailed,\"1,654,440\",69.50,\"144,570\",38.43,50.51,63.59,#,#,\"79,850\",\"105,070\",\"132,270\",\"170,480\",#,,
06,California,2,CA,15-1252,Software Developers,detailed,\"**\",*,*,*,*,*,*,*,*,*,\"173,780\",*,*,,
53,Washington,2,WA,15-1252,Software Developers,detailed,\"71,230\",*,*,*,*,*,*,*,\"90,000\",\"120,000\",\"169,320\",\"200,000\",#,,
48,Texas,2,TX,15-1252,Software Developers,detailed,\"100,000\",*,*,*,*,*,*,*,\"70,000\",*,\"125,000\",*,\"180,000\",,
41860,\"San Francisco-Oakland-Fremont, CA\",4,CA,15-1252,Software Developers,detailed,\"80,000\",*,*,*,*,*,*,*,*,*,\"190,000\",*,*,,
99,U.S.,1,US,15-1253,Software Quality Assurance Analysts and Testers,detailed,\"200,000\",*,*,*,*,*,*,*,\"60,000\",*,\"100,000\",*,\"150,000\",,
48,Texas,2,TX,15-1253,Software Quality Assurance Analysts and Testers,detailed,\"20,000\",*,*,*,*,*,*,*,*,*,\"95,000\",*,*,,
99,U.S.,1,US,27-2011,Actors,detailed,\"51,250\",31.43,*,12.73,17.50,24.49,38.25,66.83,*,*,*,*,*,,TRUE
06,California,2,CA,27-2011,Actors,detailed,\"20,000\",*,*,15.00,*,30.00,*,70.00,*,*,*,*,*,,TRUE
";

const DATASET: &str = r#"
[[salary_data]]
file = "data/oews.csv"
format = "oews"
source = "U.S. Bureau of Labor Statistics, OEWS"
url = "https://www.bls.gov/oes/"
period = "May 2024"
"#;

fn site(pages: &str) -> Site {
    let site = Site::new("minimal");
    let config = site.read("site.toml");
    // Top-level keys go before the first table.
    site.write(
        "site.toml",
        format!("salary_pages = {pages}\n{config}{DATASET}"),
    );
    site.write("data/oews.csv", OEWS);
    site.write(
        "content/roles/software-developer.md",
        "---\ntitle: Software Developer\nsoc: \"15-1252\"\n---\nBuilds software.\n",
    );
    site.write(
        "content/roles/software-tester.md",
        "---\ntitle: Software Tester\nsoc: [\"15-1252\", \"15-1253\"]\nsoc_note: Testers are counted with developers and on their own.\n---\nTests software.\n",
    );
    site.write(
        "content/roles/actor.md",
        "---\ntitle: Actor\nsoc: \"27-2011\"\n---\nActs.\n",
    );
    site
}

/// The page's JSON-LD graph.
fn graph(page: &common::Page) -> Vec<Value> {
    let script = page
        .html
        .select(&common::sel("script[type=\"application/ld+json\"]"))
        .next()
        .expect("the page has JSON-LD");
    let doc: Value = serde_json::from_str(&script.inner_html()).expect("JSON-LD parses");
    assert_eq!(doc["@context"], "https://schema.org");
    doc["@graph"].as_array().expect("a graph").clone()
}

fn occupation(page: &common::Page) -> Value {
    graph(page)
        .into_iter()
        .find(|n| n["@type"] == "Occupation")
        .expect("an Occupation node")
}

/// The fields schema.org's `Occupation` and Google's estimated-salary guidance require,
/// with the types each must have.
fn assert_valid_occupation(o: &Value, place_type: &str, place: &str) {
    assert!(o["name"].as_str().is_some_and(|n| !n.is_empty()), "{o:#}");
    let places = o["occupationLocation"]
        .as_array()
        .expect("occupationLocation");
    assert_eq!(places[0]["@type"], place_type, "{o:#}");
    assert_eq!(places[0]["name"], place, "{o:#}");
    let categories = o["occupationalCategory"]
        .as_array()
        .expect("occupationalCategory");
    for c in categories {
        assert_eq!(c["@type"], "CategoryCode", "{o:#}");
        assert!(c["codeValue"].as_str().is_some(), "{o:#}");
    }
    let salaries = o["estimatedSalary"].as_array().expect("estimatedSalary");
    for s in salaries {
        assert_eq!(s["@type"], "MonetaryAmountDistribution", "{o:#}");
        assert_eq!(s["currency"], "USD", "{o:#}");
        assert!(
            matches!(s["duration"].as_str(), Some("P1Y" | "PT1H")),
            "{o:#}"
        );
        assert!(s["median"].is_number(), "{o:#}");
        for key in [
            "percentile10",
            "percentile25",
            "percentile75",
            "percentile90",
        ] {
            assert!(s[key].is_null() || s[key].is_number(), "{key}: {o:#}");
        }
    }
    let main = &o["mainEntityOfPage"];
    assert_eq!(main["@type"], "WebPage", "{o:#}");
    assert!(
        main["@id"].as_str().is_some_and(|u| u.starts_with("http")),
        "{o:#}"
    );
    let cited = main["citation"].as_array().expect("citation");
    assert_eq!(cited[0]["@type"], "Dataset", "{o:#}");
    assert_eq!(cited[0]["name"], "U.S. Bureau of Labor Statistics, OEWS");
    assert_eq!(cited[0]["temporalCoverage"], "May 2024");
    assert_eq!(cited[0]["url"], "https://www.bls.gov/oes/");
}

#[test]
fn a_page_per_role_and_state_with_figures_in_words_and_links() {
    let site = site("\"states\"");
    site.build();
    for path in ["california", "texas", "washington"] {
        assert!(site.output_exists(&format!(
            "roles/software-developer/salary/{path}/index.html"
        )));
    }
    // Metros only when asked for.
    assert!(!site.output_exists(
        "roles/software-developer/salary/san-francisco-oakland-fremont-ca/index.html"
    ));
    let page = site.page("roles/software-developer/salary/washington/");
    assert_eq!(page.h1(), "Software Developer pay in Washington");
    let rows = page.texts(".percentiles tbody tr");
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(
        rows[0].contains("$90,000") && rows[0].contains("$79,850"),
        "{rows:?}"
    );
    assert!(
        rows[2].contains("$169,320") && rows[2].contains("$132,270"),
        "{rows:?}"
    );
    // Top-coded figures read "at least", here and nationally.
    assert!(rows[4].contains("at least $239,200"), "{rows:?}");
    let text = page.main_text();
    assert!(
        text.contains(
            "About 71,230 people work in this occupation in Washington, of 1,654,440 in the U.S."
        ),
        "{text}"
    );
    assert!(
        text.contains("U.S. Bureau of Labor Statistics, OEWS, May 2024"),
        "{text}"
    );
    // No chart where the 90th percentile is only a floor; Texas has one.
    assert!(page.find("svg").is_none());
    let texas = site.page("roles/software-developer/salary/texas/");
    assert!(texas.find("svg.salary-chart-single").is_some());
    // Missing figures are words, not blanks.
    let california = site.page("roles/software-developer/salary/california/");
    let text = california.main_text();
    assert!(
        text.contains("Employment in California is not published."),
        "{text}"
    );
    let rows = california.texts(".percentiles tbody tr");
    assert_eq!(rows.len(), 1, "only the median is published: {rows:?}");
    // Back to the role and on to the neighbouring states, by name.
    let links = page.links();
    let has = |href: &str| links.iter().any(|(_, h)| h == href);
    assert!(has("/roles/software-developer/"), "{links:?}");
    assert!(has("/roles/software-developer/salary/texas/"), "{links:?}");
    assert!(
        !has("/roles/software-developer/salary/california/"),
        "{links:?}"
    );
    let first = site.page("roles/software-developer/salary/california/");
    assert!(first.find("a[rel=prev]").is_none());
    assert_eq!(
        first.links_in("a[rel=next]")[0].1,
        "/roles/software-developer/salary/texas/"
    );
}

#[test]
fn hourly_only_occupations_show_hourly_pay() {
    let site = site("\"states\"");
    site.build();
    let page = site.page("roles/actor/salary/california/");
    let rows = page.texts(".percentiles tbody tr");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows[1].contains("Median") && rows[1].contains("$30.00") && rows[1].contains("$24.49"),
        "{rows:?}"
    );
    let o = occupation(&page);
    assert_valid_occupation(&o, "AdministrativeArea", "California");
    assert_eq!(o["estimatedSalary"][0]["duration"], "PT1H");
    assert_eq!(o["estimatedSalary"][0]["median"], 30.0);
}

#[test]
fn the_role_page_lists_its_areas_and_the_sitemap_and_search_have_them() {
    let site = site("[\"states\", \"metros\"]");
    site.build();
    let role = site.page("roles/software-developer/");
    let areas = role.links_in(".salary-areas a");
    let hrefs: Vec<&str> = areas.iter().map(|(_, h)| h.as_str()).collect();
    assert_eq!(
        hrefs,
        [
            "/roles/software-developer/salary/california/",
            "/roles/software-developer/salary/san-francisco-oakland-fremont-ca/",
            "/roles/software-developer/salary/texas/",
            "/roles/software-developer/salary/washington/",
        ]
    );
    let metro = site.page("roles/software-developer/salary/san-francisco-oakland-fremont-ca/");
    assert_valid_occupation(
        &occupation(&metro),
        "City",
        "San Francisco-Oakland-Fremont, CA",
    );
    let sitemap = std::fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("/roles/software-developer/salary/texas/</loc>"),
        "{sitemap}"
    );
    let index = std::fs::read_to_string(site.out().join("search/index.json")).unwrap();
    assert!(
        index.contains(
            "\"roles/software-developer/salary/texas\",\"Software Developer pay in Texas\""
        ),
        "{index}"
    );
}

#[test]
fn area_pages_and_role_pages_carry_valid_occupation_json_ld() {
    let site = site("\"states\"");
    site.build();
    let page = site.page("roles/software-developer/salary/texas/");
    let o = occupation(&page);
    assert_valid_occupation(&o, "AdministrativeArea", "Texas");
    assert_eq!(o["occupationalCategory"][0]["codeValue"], "15-1252");
    assert_eq!(
        o["occupationalCategory"][0]["inCodeSet"]["name"],
        "Standard Occupational Classification"
    );
    let s = &o["estimatedSalary"][0];
    assert_eq!(
        (
            s["percentile10"].as_u64(),
            s["median"].as_u64(),
            s["percentile90"].as_u64()
        ),
        (Some(70_000), Some(125_000), Some(180_000))
    );
    assert!(
        s["percentile25"].is_null(),
        "unpublished percentiles are left out: {s}"
    );
    // Breadcrumbs lead back through the role.
    let crumbs = graph(&page)
        .into_iter()
        .find(|n| n["@type"] == "BreadcrumbList")
        .unwrap();
    assert_eq!(crumbs["itemListElement"][2]["name"], "Software Developer");
    // The role page: the nation as a Country, every exactly published percentile; the
    // top-coded 90th percentile is a floor, not a figure, so it is left out.
    let role = site.page("roles/software-developer/");
    let o = occupation(&role);
    assert_valid_occupation(&o, "Country", "U.S.");
    let s = &o["estimatedSalary"][0];
    assert_eq!(s["percentile25"], 105_070);
    assert_eq!(s["percentile75"], 170_480);
    assert!(s["percentile90"].is_null(), "{s}");
}

#[test]
fn a_role_with_two_occupations_shows_each_where_it_has_figures() {
    let site = site("\"states\"");
    site.build();
    let texas = site.page("roles/software-tester/salary/texas/");
    let headings = texas.texts("h2");
    assert_eq!(
        headings,
        [
            "Software Developers in Texas",
            "Software Quality Assurance Analysts and Testers in Texas"
        ]
    );
    let o = occupation(&texas);
    let codes: Vec<&str> = o["occupationalCategory"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["codeValue"].as_str())
        .collect();
    assert_eq!(codes, ["15-1252", "15-1253"]);
    assert_eq!(o["estimatedSalary"].as_array().unwrap().len(), 2);
    // Washington has only the developers' figures.
    let washington = site.page("roles/software-tester/salary/washington/");
    assert_eq!(
        washington.texts("h2"),
        ["Software Developers in Washington"]
    );
}

#[test]
fn an_unknown_kind_of_area_is_an_error_at_its_line() {
    let site = site("\"counties\"");
    let run = site.build_fails();
    run.assert_stderr_contains(
        "site.toml:1:16: `salary_pages` names `counties`, which is not a kind of area",
    );
    run.assert_stderr_contains("hint: use one of states, metros, nonmetros, other");
}

#[test]
fn without_salary_pages_there_are_none() {
    let site = Site::new("minimal");
    let config = site.read("site.toml");
    site.write("site.toml", format!("{config}{DATASET}"));
    site.write("data/oews.csv", OEWS);
    site.write(
        "content/roles/software-developer.md",
        "---\ntitle: Software Developer\nsoc: \"15-1252\"\n---\nBuilds software.\n",
    );
    site.build();
    assert!(!site.output_exists("roles/software-developer/salary/texas/index.html"));
    assert!(
        site.page("roles/software-developer/")
            .find(".salary-areas")
            .is_none()
    );
}

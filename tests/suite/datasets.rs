//! Public datasets as sources: a role that names its occupation (`soc:`) shows the
//! dataset's percentiles, employment, outlook and top areas with their source, takes its
//! salary from the dataset when none is written, and bad codes and files are errors.

use crate::common;

use common::Site;

const OEWS: &str = "\
AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,H_MEAN,A_MEAN,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY
99,U.S.,1,US,15-1252,Software Developers,detailed,\"1,654,440\",69.50,\"144,570\",38.43,50.51,63.59,#,#,\"79,850\",\"105,070\",\"132,270\",\"170,480\",#,,
06,California,2,CA,15-1252,Software Developers,detailed,\"**\",*,*,*,*,*,*,*,*,*,\"173,780\",*,*,,
53,Washington,2,WA,15-1252,Software Developers,detailed,\"71,230\",*,*,*,*,*,*,*,*,*,\"169,320\",*,*,,
99,U.S.,1,US,27-2011,Actors,detailed,\"51,250\",31.43,*,12.73,17.50,24.49,38.25,66.83,*,*,*,*,*,,TRUE
";

const PROJECTIONS: &str = "\
occupation,occupation_title,base_year,base_employment,target_year,target_employment,percent_change,annual_openings
15-1252,Software developers,2023,\"1,692,100\",2033,\"1,995,700\",17.9,\"140,100\"
";

const DATASETS: &str = r#"
[[salary_data]]
file = "data/oews-national.csv"
format = "oews"
source = "U.S. Bureau of Labor Statistics, OEWS"
url = "https://www.bls.gov/oes/"
period = "May 2024"

[[salary_data]]
file = "data/projections.csv"
format = "projections"
source = "U.S. Bureau of Labor Statistics, Employment Projections"
period = "2023-33"
"#;

fn site_with(role: &str) -> Site {
    let site = Site::new("minimal");
    let config = site.read("site.toml");
    site.write("site.toml", format!("{config}{DATASETS}"));
    site.write("data/oews-national.csv", OEWS);
    site.write("data/projections.csv", PROJECTIONS);
    site.write("content/roles/software-developer.md", role);
    site
}

#[test]
fn a_role_shows_its_occupation_with_sources() {
    let site = site_with(
        "---\ntitle: Software Developer\nsoc: \"15-1252\"\nsoc_note: Developers and engineers are counted together.\n---\nBuilds software.\n",
    );
    site.build();
    let page = site.page("roles/software-developer/");
    let text = page.main_text();
    // The salary facts come from the dataset when the profile writes none.
    assert!(text.contains("$132,270"), "{text}");
    assert!(
        text.contains("U.S. Bureau of Labor Statistics, OEWS"),
        "{text}"
    );
    // Percentiles in words: top-coded as "at least", hourly beside yearly.
    let rows = page.texts(".percentiles tbody tr");
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(
        rows[0].contains("10th percentile")
            && rows[0].contains("$79,850")
            && rows[0].contains("$38.43"),
        "{rows:?}"
    );
    assert!(
        rows[4].contains("at least $239,200") && rows[4].contains("at least $115.00"),
        "{rows:?}"
    );
    assert!(text.contains("1,654,440 people work in it"), "{text}");
    assert!(
        text.contains("Developers and engineers are counted together."),
        "{text}"
    );
    // Outlook and the areas that pay most, highest first.
    assert!(text.contains("+17.9% from 2023 to 2033"), "{text}");
    assert!(text.contains("140,100 openings a year"), "{text}");
    let areas = page.texts(".areas-pay tbody th");
    assert_eq!(areas, ["California", "Washington"]);
    // Employment ranks the states that publish it; California's count is `**`.
    let employing = page.texts(".areas-employment tbody tr");
    assert_eq!(employing.len(), 1, "{employing:?}");
    assert!(
        employing[0].contains("Washington") && employing[0].contains("71,230"),
        "{employing:?}"
    );
    let links = page.links();
    assert!(
        links
            .iter()
            .any(|(_, href)| href == "https://www.bls.gov/oes/"),
        "{links:?}"
    );
}

#[test]
fn a_written_salary_wins_and_check_warns_when_it_strays() {
    let site = site_with(
        "---\ntitle: Software Developer\nsoc: [\"15-1252\"]\nsalary: {currency: USD, low: 50000, median: 90000, high: 150000, source: \"Our survey\", year: 2024}\n---\nBuilds software.\n",
    );
    site.build();
    let text = site.page("roles/software-developer/").main_text();
    assert!(
        text.contains("$90,000") && text.contains("Our survey"),
        "{text}"
    );
    let check = site.cmd("check", &["--strict"]);
    check.assert_code(1);
    check.assert_stderr_contains("content/roles/software-developer.md:4: the written median salary 90000 differs from U.S. Bureau of Labor Statistics, OEWS's 132270 (2024) by more than 10%");
}

#[test]
fn an_unknown_code_is_an_error_with_the_nearest_occupation() {
    let site =
        site_with("---\ntitle: Software Developer\nsoc: \"15-1253\"\n---\nBuilds software.\n");
    let run = site.build_fails();
    run.assert_stderr_contains("content/roles/software-developer.md:3: occupation `15-1253` is in none of the site's datasets");
    run.assert_stderr_contains("did you mean `15-1252` (Software Developers)?");
}

#[test]
fn bad_dataset_files_are_errors_at_their_line_and_column() {
    let site =
        site_with("---\ntitle: Software Developer\nsoc: \"15-1252\"\n---\nBuilds software.\n");
    site.write(
        "data/oews-national.csv",
        OEWS.replace("\"173,780\"", "lots")
            .replace("99,U.S.,1,US,27-2011", "99,U.S.,1,US,15-1252"),
    );
    site.remove("data/projections.csv");
    let run = site.build_fails();
    run.assert_stderr_contains("data/oews-national.csv:3:");
    run.assert_stderr_contains("`lots` is not a number");
    run.assert_stderr_contains(
        "data/oews-national.csv:5:1: occupation `15-1252` in U.S. appears twice (first on line 2)",
    );
    run.assert_stderr_contains("site.toml:");
    run.assert_stderr_contains("dataset file `data/projections.csv` does not exist");
    assert!(
        !site.output_exists("index.html"),
        "nothing is written when the build fails"
    );
}

#[test]
fn comparison_tables_quote_the_dataset_figures() {
    let site =
        site_with("---\ntitle: Software Developer\nsoc: \"15-1252\"\n---\nBuilds software.\n");
    site.write(
        "content/roles/tester.md",
        "---\ntitle: Tester\nsalary: {currency: USD, low: 40000, median: 70000, high: 110000, source: \"Our survey\", year: 2024}\n---\nTests software.\n",
    );
    site.write(
        "content/guides/compare.md",
        "---\ntitle: Developer or tester\ndate: 2024-05-01\ncompare: [software-developer, tester]\n---\nTwo roles.\n",
    );
    site.build();
    let text = site.page("guides/compare/").main_text();
    // The developer's row takes the dataset's national percentiles, with its source.
    assert!(
        text.contains("$79,850") && text.contains("$132,270") && text.contains("$239,200"),
        "{text}"
    );
    assert!(
        text.contains("U.S. Bureau of Labor Statistics, OEWS, 2024"),
        "{text}"
    );
    assert!(
        text.contains("$70,000") && text.contains("Our survey"),
        "{text}"
    );
}

/// A dataset edited while the site is watched: the pages that show the edited occupation
/// are rendered again and no others, and the output equals a clean build.
#[test]
fn watch_renders_again_only_the_pages_that_show_an_edited_dataset() {
    let site =
        site_with("---\ntitle: Software Developer\nsoc: \"15-1252\"\n---\nBuilds software.\n");
    site.write(
        "content/roles/actor.md",
        "---\ntitle: Actor\nsoc: \"27-2011\"\n---\nActs.\n",
    );
    site.write(
        "content/guides/on-stage.md",
        "---\ntitle: On stage\ndate: 2026-01-04\nroles: [actor]\n---\nActing as a job.\n",
    );
    let out = site.tmp().join("out");
    let mut watched = common::watch::Watched::start(&site.root, &out);
    let pages = [
        "roles/software-developer/index.html",
        "roles/actor/index.html",
        "guides/on-stage/index.html",
    ];
    let prints = |w: &common::watch::Watched| pages.map(|p| w.session.fingerprint(p).unwrap());
    let before = prints(&watched);
    site.write(
        "data/oews-national.csv",
        OEWS.replace("\"132,270\"", "\"133,080\""),
    );
    let outcome = watched.rebuild(&[site.path("data/oews-national.csv")]);
    assert!(
        matches!(outcome, careersite::watch::Outcome::Built { .. }),
        "{outcome:?}"
    );
    let output = watched.settled_output();
    let after = prints(&watched);
    assert_ne!(
        before[0], after[0],
        "the developers' page shows the new median"
    );
    assert_eq!(before[1..], after[1..], "pages of another occupation");
    let page = common::page_in(&out, "roles/software-developer/");
    assert!(
        page.main_text().contains("$133,080"),
        "{}",
        page.main_text()
    );
    let clean = watched.clean_build(&site.tmp().join("clean"));
    let visible = |t: std::collections::BTreeMap<String, Vec<u8>>| {
        t.into_iter()
            .filter(|(k, _)| !k.split('/').any(|p| p.starts_with('.')))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    common::assert_same_tree("watched output", &visible(clean), &visible(output));
}

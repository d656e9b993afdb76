//! The career features: comparison tables, skill gaps, the career map, salary figures,
//! auto-links and the tag-hygiene warnings of `check`. Fixtures: `career/` (a small role
//! graph with a cycle, `autolink = true`) and `hygiene/` (one of each warning).

use crate::common;

use common::{Page, Site, first_text, links_in, sel, text_of};

/// The comparison table as rows of (row heading, one cell text per compared role).
fn compare_rows(page: &Page) -> Vec<(String, Vec<String>)> {
    page.main()
        .select(&sel("table.compare-table tbody tr"))
        .map(|tr| {
            let head = first_text(tr, "th").unwrap_or_default();
            (head, tr.select(&sel("td")).map(text_of).collect())
        })
        .collect()
}

fn row<'a>(rows: &'a [(String, Vec<String>)], head: &str) -> &'a [String] {
    &rows
        .iter()
        .find(|(h, _)| h == head)
        .unwrap_or_else(|| panic!("no row {head:?} in {rows:#?}"))
        .1
}

#[test]
fn comparison_table_is_built_from_the_profiles_with_own_and_shared_skills_apart() {
    let site = Site::built("career");
    let page = site.page("guides/engineer-vs-scientist/");
    let columns = page.texts("table.compare-table thead th");
    assert_eq!(columns, ["Software Engineer", "Data Scientist"]);
    let rows = compare_rows(&page);
    assert_eq!(
        row(&rows, "Summary"),
        [
            "Designs and builds software systems.",
            "Answers questions with data and models."
        ]
    );
    // Each role's own skills are marked apart from the skills both have.
    let own: Vec<Vec<String>> = page
        .main()
        .select(&sel("table.compare-table tbody tr"))
        .nth(1)
        .unwrap()
        .select(&sel("td"))
        .map(|td| td.select(&sel("a.tag-own")).map(text_of).collect())
        .collect();
    assert_eq!(
        own,
        [
            vec!["Git", "System design", "Unit testing"],
            vec!["Statistics", "SQL"]
        ]
    );
    assert_eq!(
        row(&rows, "Core skills"),
        [
            "Only this role Git System design Unit testing Shared Python",
            "Only this role Statistics SQL Shared Python"
        ]
    );
    assert_eq!(
        row(&rows, "Salary 10th–90th percentile"),
        [
            "$80,000–$200,000 median $130,000 per year Test Bureau of Pay, 2025",
            "No data"
        ]
    );
    assert_eq!(
        row(&rows, "Next roles"),
        ["Senior Engineer Data Scientist", "None listed"]
    );
    assert_eq!(row(&rows, "Guides"), ["1 guide", "1 guide"]);
    // Skill gaps between the compared roles: what each asks of someone coming from the other.
    assert_eq!(
        row(&rows, "Skills to add to move here"),
        [
            "From Data Scientist Git System design Unit testing",
            "From Software Engineer Statistics SQL"
        ]
    );
    page.assert_link("Statistics", "/skills/statistics/");
    assert_eq!(
        page.texts(".compare-shared a"),
        ["Python"],
        "the skills in common are listed under the table"
    );
}

#[test]
fn role_pages_list_the_skills_to_add_for_each_next_role() {
    let site = Site::built("career");
    let page = site.page("roles/software-engineer/");
    let steps: Vec<(String, Vec<(String, String)>)> = page
        .main()
        .select(&sel(".next-steps > li"))
        .map(|li| {
            let role = first_text(li, ".next-step-role").unwrap();
            (role, links_in(li, "a.tag-gap"))
        })
        .collect();
    let link = |t: &str, h: &str| (t.to_string(), h.to_string());
    assert_eq!(
        steps,
        [
            (
                "Senior Engineer".to_string(),
                vec![link("Mentoring", "/skills/mentoring/")]
            ),
            (
                "Data Scientist".to_string(),
                vec![
                    link("Statistics", "/skills/statistics/"),
                    link("SQL", "/skills/sql/")
                ]
            ),
        ]
    );
    assert!(
        page.main_text()
            .contains("Often comes from Junior Developer"),
        "{}",
        page.main_text()
    );
    // Moving up from a manager back to senior engineering asks for every skill but mentoring.
    let manager = site.page("roles/engineering-manager/");
    let text = text_of(manager.main().select(&sel(".next-steps")).next().unwrap());
    assert_eq!(
        text,
        "Senior Engineer Skills to add Git Python System design Unit testing"
    );
}

#[test]
fn role_pages_show_salary_figures_in_text_with_source_and_year() {
    let site = Site::built("career");
    let page = site.page("roles/software-engineer/");
    let fact = text_of(page.main().select(&sel(".fact-salary")).next().unwrap());
    assert_eq!(
        fact,
        "Median salary $130,000 per year 10th–90th percentile: $80,000 to $200,000. Source: Test Bureau of Pay, 2025."
    );
    let chart = page.find("svg.salary-chart").expect("a salary chart");
    assert_eq!(
        chart.value().attr("aria-label"),
        Some("Low $80,000, median $130,000, high $200,000 a year")
    );
}

/// A point of an SVG path's `d`: the first (`M x,y`) or the last pair of numbers.
fn endpoints(d: &str) -> ((f64, f64), (f64, f64)) {
    let nums: Vec<f64> = d
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    let n = nums.len();
    ((nums[0], nums[1]), (nums[n - 2], nums[n - 1]))
}

#[test]
fn career_map_draws_every_role_as_a_link_and_every_move_as_an_edge_cycle_included() {
    let site = Site::built("career");
    let page = site.page("career-map/");
    let svg = page.find("svg.career-map-svg").unwrap();
    // Nodes: a link around a box, by title.
    let mut boxes = Vec::new();
    for a in svg.select(&sel("a.cmap-node")) {
        let rect = a.select(&sel("rect")).next().unwrap().value();
        let num = |k: &str| rect.attr(k).unwrap().parse::<f64>().unwrap();
        boxes.push((
            text_of(a),
            a.value().attr("href").unwrap().to_string(),
            (num("x"), num("y"), num("width"), num("height")),
        ));
    }
    let titles: Vec<&str> = boxes.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Data Scientist",
            "Engineering Manager",
            "Junior Developer",
            "Senior Engineer",
            "Software Engineer"
        ]
    );
    assert!(
        boxes
            .iter()
            .all(|(t, h, _)| *h == format!("/roles/{}/", t.to_lowercase().replace(' ', "-")))
    );
    // Edges: each path starts on one box's side and ends on another's.
    let touching = |(x, y): (f64, f64)| {
        boxes
            .iter()
            .find(|(_, _, (bx, by, w, h))| {
                ((x - bx).abs() < 0.01 || (x - bx - w).abs() < 0.01) && y >= *by && y <= by + h
            })
            .map(|(t, _, _)| t.clone())
            .unwrap_or_else(|| panic!("no box at {x},{y}"))
    };
    let mut edges: Vec<(String, String)> = svg
        .select(&sel("path.cmap-edge"))
        .map(|p| {
            let (from, to) = endpoints(p.value().attr("d").unwrap());
            (touching(from), touching(to))
        })
        .collect();
    edges.sort();
    let e = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        edges,
        [
            e("Engineering Manager", "Senior Engineer"),
            e("Junior Developer", "Software Engineer"),
            e("Senior Engineer", "Engineering Manager"),
            e("Software Engineer", "Data Scientist"),
            e("Software Engineer", "Senior Engineer"),
        ]
    );
    // Entry roles on the left, senior ones to the right.
    let x = |t: &str| boxes.iter().find(|b| b.0 == t).unwrap().2.0;
    assert!(x("Junior Developer") < x("Software Engineer"));
    assert!(x("Software Engineer") < x("Senior Engineer"));
    // The text alternative names every role and where it leads.
    let list = page.texts(".career-map-list > li");
    assert!(
        list.iter()
            .any(|l| l.starts_with("Software Engineer") && l.contains("Data Scientist")),
        "{list:#?}"
    );
}

#[test]
fn autolinks_link_the_first_mention_only_and_never_in_code_links_or_headings() {
    let site = Site::built("career");
    let page = site.page("guides/engineer-vs-scientist/");
    let body = page.main().select(&sel(".guide-body")).next().unwrap();
    let links: Vec<(String, String)> = body
        .select(&sel("a"))
        .map(|a| (text_of(a), a.value().attr("href").unwrap().to_string()))
        .collect();
    let l = |t: &str, h: &str| (t.to_string(), h.to_string());
    assert_eq!(
        links,
        [
            l("software engineer", "/roles/software-engineer/"),
            l("Python", "/skills/python/"),
            l("data scientist", "/roles/data-scientist/"),
            l("A link about system design", "https://example.com/design"),
            l("raw unit testing link", "https://example.com/x"),
            l("statistics", "/skills/statistics/"),
            l("entry-level developer", "/roles/junior-developer/"),
            l("Mentoring", "/skills/mentoring/"),
            l("Senior Engineer", "/roles/senior-engineer/"),
            l("Engineering Manager", "/roles/engineering-manager/"),
            l("SQL", "/skills/sql/"),
            l("unit testing", "/skills/unit-testing/"),
            l("system design", "/skills/system-design/"),
        ]
    );
    assert!(
        body.select(&sel("h2 a, code a, pre a, a a"))
            .next()
            .is_none()
    );
    // FAQ answers are not the body: they stay as written.
    let faq = site.page("guides/faq-only/");
    assert!(faq.main().select(&sel(".faq-answer a")).next().is_none());
    assert!(
        faq.main().select(&sel(".guide-body a")).next().is_none(),
        "no mention there"
    );
}

#[test]
fn autolink_is_off_unless_the_site_asks() {
    let site = Site::new("career");
    let config = site
        .read("site.toml")
        .replace("autolink = true", "autolink = false");
    site.write("site.toml", config);
    site.build();
    let page = site.page("guides/engineer-vs-scientist/");
    let links = page.links_in(".guide-body a");
    assert_eq!(links.len(), 2, "only the two written links: {links:#?}");
}

#[test]
fn check_reports_every_hygiene_warning_and_strict_fails() {
    let site = Site::new("hygiene");
    let run = site.cmd("check", &[]);
    run.assert_code(0);
    for expected in [
        "warning: content/roles/devops-engineers.md:1: roles `devops-engineer` and `devops-engineers` look like one role (singular and plural)\n  hint: if they are one role, keep content/roles/devops-engineer.md and list `devops-engineers` in its `aliases`",
        "warning: content/guides/tagged.md:5: skills `kubernetes` and `kubernets` look like one skill (a small spelling difference)",
        "warning: content/roles/devops-engineer.md:3: alias `platform-engineer` is also the slug of another role profile",
        "warning: content/roles/lonely-role.md:1: role `lonely-role` has no guides",
        "warning: content/skills/unused-skill.md:1: skill `unused-skill` is not used by any guide or role",
        "warning: content/roles/devops-engineer.md:5: `next_roles` names role `platform-enginer`, which has no profile\n  hint: did you mean `platform-engineer`?",
        "warning: content/roles/devops-engineer.md:12: salary figures for `devops-engineer` are from 2015",
        "raise `salary_max_age_years`, now 3, in site.toml",
        "warning: content/guides/orphan.md:1: guide has no roles or skills, and no page links to it",
    ] {
        run.assert_stderr_contains(expected);
    }
    assert!(
        !run.stderr.contains("linked-untagged.md"),
        "a guide another page links to is not an orphan:\n{}",
        run.stderr
    );
    assert!(run.error_lines().is_empty(), "{}", run.stderr);
    site.cmd("check", &["--strict"]).assert_code(1);

    // A longer allowance silences the stale-salary warning only.
    let config = site
        .read("site.toml")
        .replace("salary_max_age_years = 3", "salary_max_age_years = 20");
    site.write("site.toml", config);
    let run = site.cmd("check", &[]);
    assert!(!run.stderr.contains("salary figures"), "{}", run.stderr);
    run.assert_stderr_contains("role `lonely-role` has no guides");
}

#[test]
fn the_career_fixture_itself_is_clean() {
    // Every feature in use, and nothing for `check --strict` to complain about.
    Site::new("career")
        .cmd("check", &["--strict"])
        .assert_code(0);
}

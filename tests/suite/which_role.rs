//! "Which role fits me" (`/which-role/`): the data file its script reads, the plain list of
//! roles and their core skills that readers without JavaScript get, and the script's
//! ranking run on the built data (with Node, when it is installed).

use crate::common;

use common::Site;
use serde_json::Value;

fn site() -> Site {
    let site = Site::new("minimal");
    site.write(
        "content/roles/devops-engineer.md",
        "---\ntitle: DevOps Engineer\nsummary: Runs the systems software ships on.\nskills: [linux, kubernetes, go, terraform]\neducation: Bachelor's degree\nsalary: {currency: USD, low: 90000, median: 130000, high: 180000, source: Survey, year: 2024}\n---\nRuns systems.\n",
    );
    site.write(
        "content/roles/data-analyst.md",
        "---\ntitle: Data Analyst\nskills: [sql, python, statistics]\neducation: Bachelor's degree\nsalary: {currency: USD, low: 50000, median: 80000, high: 120000, source: Survey, year: 2024}\n---\nAnalyses data.\n",
    );
    site.write(
        "content/roles/backend-developer.md",
        "---\ntitle: Backend Developer\nskills: [go, sql, linux]\n---\nBuilds services.\n",
    );
    site.write(
        "content/skills/kubernetes.md",
        "---\ntitle: Kubernetes\n---\nContainers.\n",
    );
    site.write("content/skills/go.md", "---\ntitle: Go\n---\nA language.\n");
    site.write(
        "content/guides/k8s.md",
        "---\ntitle: Kubernetes for DevOps\ndate: 2024-03-01\nroles: [devops-engineer]\nskills: [kubernetes, terraform]\n---\nPods.\n",
    );
    site.write(
        "content/guides/go-ops.md",
        "---\ntitle: Go and Kubernetes tooling\ndate: 2024-04-01\nroles: [devops-engineer]\nskills: [go, kubernetes]\n---\nTools.\n",
    );
    site
}

fn data(site: &Site) -> Value {
    let text = std::fs::read_to_string(site.out().join("which-role/roles.json")).unwrap();
    serde_json::from_str(&text).expect("roles.json is JSON")
}

#[test]
fn the_data_file_lists_each_role_with_its_skills_salary_and_guides() {
    let site = site();
    site.build();
    let data = data(&site);
    let skills: Vec<&str> = data["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    // Every core skill once, by title (a skill with no profile is titled from its slug).
    let want = [
        "Go",
        "Kubernetes",
        "Linux",
        "Python",
        "Sql",
        "Statistics",
        "Terraform",
    ];
    assert_eq!(skills, want);
    let roles = data["roles"].as_array().unwrap();
    let devops = roles
        .iter()
        .find(|r| r["slug"] == "devops-engineer")
        .unwrap();
    let names: Vec<&str> = devops["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| skills[i.as_u64().unwrap() as usize])
        .collect();
    assert_eq!(names, ["Linux", "Kubernetes", "Go", "Terraform"]);
    assert_eq!(devops["median"], 130_000);
    assert_eq!(devops["median_display"], "$130,000");
    assert_eq!(devops["url"], "/roles/devops-engineer/");
    assert_eq!(devops["education"], "Bachelor's degree");
    let guides: Vec<&str> = devops["guides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["url"].as_str().unwrap())
        .collect();
    assert_eq!(guides, ["/guides/go-ops/", "/guides/k8s/"]);
    let backend = roles
        .iter()
        .find(|r| r["slug"] == "backend-developer")
        .unwrap();
    assert!(backend["median"].is_null());
    // Small: it is fetched whole.
    let size = std::fs::metadata(site.out().join("which-role/roles.json"))
        .unwrap()
        .len();
    assert!(size < 2_000, "{size} bytes");
}

#[test]
fn without_javascript_the_page_is_a_list_of_roles_and_their_core_skills() {
    let site = site();
    site.build();
    let page = site.page("which-role/");
    assert_eq!(page.h1(), "Which role fits me?");
    // The form needs the script; until it runs, it is hidden.
    let form = page.find("form.fit-form").expect("the form");
    assert!(form.value().attr("hidden").is_some());
    assert_eq!(
        form.value().attr("data-fit-url"),
        Some("/which-role/roles.json")
    );
    let roles = page.texts(".fit-role h3");
    assert_eq!(
        roles,
        ["Backend Developer", "Data Analyst", "DevOps Engineer"]
    );
    let devops: Vec<String> = page
        .links_in("#fit-devops-engineer .fit-role-skills a")
        .into_iter()
        .map(|(text, _)| text)
        .collect();
    assert_eq!(devops, ["Linux", "Kubernetes", "Go", "Terraform"]);
    let links = page.links_in("#fit-devops-engineer a");
    assert!(
        links.contains(&("Kubernetes".into(), "/skills/kubernetes/".into())),
        "{links:?}"
    );
    assert!(
        links.contains(&("DevOps Engineer".into(), "/roles/devops-engineer/".into())),
        "{links:?}"
    );
    let text = page.main_text();
    assert!(text.contains("Median salary: $130,000 per year"), "{text}");
    // Each skill a labelled checkbox.
    assert_eq!(page.texts(".fit-skill-list label").len(), 7);
    // Found from the roles index and the sitemap.
    let roles_index = site.page("roles/");
    assert!(roles_index.links().iter().any(|(_, h)| h == "/which-role/"));
    let sitemap = std::fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("https://example.com/which-role/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn a_site_without_role_skills_has_no_finder() {
    let site = Site::new("minimal");
    site.build();
    assert!(!site.output_exists("which-role/index.html"));
    assert!(!site.output_exists("which-role/roles.json"));
}

#[test]
fn the_script_ranks_roles_by_the_skills_a_reader_has_and_says_why() {
    let site = site();
    site.build();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes/default/static/which-role.js");
    let data = site.out().join("which-role/roles.json");
    let code = format!(
        "const f = require({:?}); const d = JSON.parse(require('fs').readFileSync({:?}, 'utf8'));\n\
         const show = (r) => console.log(JSON.stringify(r.map((x) => [x.role.slug, f.why(x), x.guides.map((g) => g.url), x.education])));\n\
         show(f.rank(d, new Set(['go', 'linux']), \"Bachelor's degree\", 0));\n\
         show(f.rank(d, new Set(['go', 'linux']), '', 100000));",
        script.display().to_string(),
        data.display().to_string()
    );
    let Ok(out) = std::process::Command::new("node")
        .args(["-e", &code])
        .output()
    else {
        eprintln!("SKIP the_script_ranks_roles: node is not installed");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = std::str::from_utf8(&out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let first = lines[0].as_array().unwrap();
    assert_eq!(first[0][0], "backend-developer");
    assert_eq!(first[0][1], "You have 2 of 3 core skills; add Sql.");
    assert_eq!(first[1][0], "devops-engineer");
    assert_eq!(
        first[1][1],
        "You have 2 of 4 core skills; add Kubernetes and Terraform."
    );
    // The guide teaching the missing Kubernetes comes first; the education matches.
    assert_eq!(
        first[1][2],
        serde_json::json!(["/guides/k8s/", "/guides/go-ops/"])
    );
    assert_eq!(first[1][3], true);
    assert_eq!(
        first[2][1],
        "You have 0 of 3 core skills; add Sql, Python and Statistics."
    );
    // A floor of $100,000 leaves out the data analyst ($80,000), keeps the role with no figure.
    let floored: Vec<&str> = lines[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap())
        .collect();
    assert_eq!(floored, ["backend-developer", "devops-engineer"]);
}

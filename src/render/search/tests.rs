//! Tests of the parent module.

use super::*;
use crate::pipeline::{BuildOptions, load};
use std::path::Path;

fn site_at(root: &Path) -> Site {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    load(&opts).unwrap_or_else(|e| panic!("{e:?}")).site
}

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "site.toml",
            "title = \"T\"\nbase_url = \"https://example.com/careers/\"\n",
        ),
        (
            "content/guides/kube.md",
            "---\ntitle: Learning Kubernetes\ndate: 2026-01-02\nroles: [devops-engineer]\n\
             skills: [kubernetes]\n---\nStart with pods &amp; services.\n\n## Front-end tooling\n\n\
             Use `kubectl` and CI/CD pipelines with <em>zookeeper</em>.\n",
        ),
        (
            "content/guides/sql.md",
            "---\ntitle: SQL for analysts\ndescription: Queries, joins and Kubernetes-free \
             reporting.\ndate: 2026-01-01\nroles: [data-analyst]\nskills: [sql]\n---\n\
             Window functions and zookeeper zookeeper zookeeper zookeeper.\n",
        ),
        (
            "content/roles/devops-engineer.md",
            "---\ntitle: DevOps Engineer\naliases: [sysops]\nsummary: Builds delivery pipelines.\n---\nShips code.\n",
        ),
        (
            "content/skills/kubernetes.md",
            "---\ntitle: Kubernetes\ncategory: Infrastructure\n---\nOrchestrates containers.\n",
        ),
    ];
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn decode(s: &str, bits: u32) -> Vec<(u32, u8)> {
    let (mut out, mut next, mut v, mut shift) = (Vec::new(), 0u32, 0u64, 0);
    for b in s.bytes() {
        let d = ALPHABET.iter().position(|&a| a == b).unwrap() as u64;
        v |= (d & 31) << shift;
        shift += 5;
        if d < 32 {
            let id = next + (v >> bits) as u32;
            out.push((id, (v & ((1 << bits) - 1)) as u8));
            (next, v, shift) = (id + 1, 0, 0);
        }
    }
    out
}

struct Index {
    main: serde_json::Value,
    files: BTreeMap<String, Vec<u8>>,
}

impl Index {
    fn new(site: &Site) -> Index {
        let files: BTreeMap<_, _> = search_index(site).into_iter().collect();
        let main = serde_json::from_slice(&files[INDEX_PATH]).unwrap();
        Index { main, files }
    }

    fn doc(&self, slug: &str) -> u32 {
        let docs = self.main["docs"].as_array().unwrap();
        docs.iter().position(|d| d[1] == slug).unwrap() as u32
    }

    /// Field postings of `term` in index.json.
    fn fields(&self, term: &str) -> Vec<(u32, u8)> {
        let p = self.main["terms"][term].as_str().unwrap_or_default();
        decode(p, FIELD_BITS)
    }

    /// Body postings of `term`, from the shard the longest matching key names.
    fn body(&self, term: &str) -> Vec<(u32, u8)> {
        let shards = self.main["shards"].as_object().unwrap();
        let Some((_, file)) = shards
            .iter()
            .filter(|(k, _)| term.starts_with(k.as_str()))
            .max_by_key(|(k, _)| k.len())
        else {
            return Vec::new();
        };
        let path = format!("search/terms/{}.json", file.as_str().unwrap());
        let shard: serde_json::Value = serde_json::from_slice(&self.files[&path]).unwrap();
        decode(shard[term].as_str().unwrap_or_default(), STRENGTH_BITS)
    }
}

#[test]
fn titles_tags_headings_and_bodies_point_at_their_documents() {
    let dir = fixture();
    let site = site_at(dir.path());
    let ix = Index::new(&site);
    let (kube, sql) = (ix.doc("kube"), ix.doc("sql"));
    let role = ix.doc("devops-engineer");
    let skill = ix.doc("kubernetes");
    assert_eq!(ix.main["docs"][role as usize][0], 1);
    assert_eq!(ix.main["docs"][skill as usize][0], 2);
    assert_eq!(ix.fields("learning"), vec![(kube, TITLE)]);
    // Kubernetes is kube's title and tag, and the skill's title; SQL's description has
    // it too, which goes to the body postings.
    assert_eq!(
        ix.fields("kubernete"),
        vec![(kube, TITLE | TAG), (skill, TITLE)]
    );
    assert_eq!(ix.fields("sysop"), vec![(role, TAG)], "alias");
    assert_eq!(ix.fields("infrastructure"), vec![(skill, TAG)], "category");
    assert!(ix.fields("data").contains(&(sql, TAG)));
    assert_eq!(ix.fields("frontend"), vec![(kube, HEADING)]);
    assert_eq!(ix.fields("tooling"), vec![(kube, HEADING)]);
    // Body words, stemmed, compounds joined, tags stripped, entities decoded.
    assert_eq!(ix.body("pod"), vec![(kube, 0)]);
    assert_eq!(ix.body("cicd"), vec![(kube, 0)]);
    assert_eq!(ix.body("em"), vec![]);
    assert_eq!(ix.body("zookeeper"), vec![(kube, 0), (sql, 2)]);
    assert_eq!(ix.body("function"), vec![(sql, 0)]);
    // A description counts three times; a word in the title has no body postings.
    assert_eq!(ix.body("join"), vec![(sql, 1)]);
    assert_eq!(ix.body("kubernete"), vec![(sql, 1)]);
    assert_eq!(ix.body("sql"), vec![]);
    assert_eq!(ix.body("the"), vec![], "stop word");
    // Each entry: the description, then the start of the body as plain text to quote from.
    let snippets: Vec<serde_json::Value> =
        serde_json::from_slice(&ix.files["search/snippets/0.json"]).unwrap();
    let entry = &snippets[sql as usize];
    assert_eq!(entry[0], "Queries, joins and Kubernetes-free reporting.");
    let body = entry[1].as_str().unwrap();
    assert!(
        body.contains("zookeeper") && !body.contains('<'),
        "the body as plain text: {body}"
    );
    assert_eq!(snippets[role as usize][0], "Builds delivery pipelines.");
}

#[test]
fn identical_sites_give_identical_bytes() {
    let dir = fixture();
    let a = search_index(&site_at(dir.path()));
    let b = search_index(&site_at(dir.path()));
    assert_eq!(a, b);
    let paths: Vec<&str> = a.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths[0], INDEX_PATH);
    assert!(paths.iter().all(|p| is_index_path(p)), "{paths:?}");
    assert!(!is_index_path("search/index.html") && !is_index_path("search/terms/a.txt"));
}

#[test]
fn a_cached_rebuild_equals_a_fresh_one() {
    let dir = fixture();
    let mut cache = SearchCache::default();
    let first = search_index_cached(&site_at(dir.path()), &mut cache);
    assert_eq!(first, search_index(&site_at(dir.path())));
    let guide = dir.path().join("content/guides/kube.md");
    let text = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(
        &guide,
        text.replace("Start with pods", "Start with quokkas"),
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("content/guides/sql.md")).unwrap();
    let site = site_at(dir.path());
    let cached = search_index_cached(&site, &mut cache);
    assert_eq!(cached, search_index(&site));
    assert_ne!(cached, first);
    assert_eq!(cache.docs.len(), 3);
}

#[test]
fn postings_round_trip() {
    let p = vec![(0, 0), (1, 3), (40, 1), (100_000, 2)];
    assert_eq!(decode(&encode(&p, STRENGTH_BITS), STRENGTH_BITS), p);
    let p = vec![(3, 7), (4, 1), (1_000_000, 4)];
    assert_eq!(decode(&encode(&p, FIELD_BITS), FIELD_BITS), p);
    assert_eq!(encode(&[(0, 0), (1, 0), (2, 2)], STRENGTH_BITS), "002");
}

#[test]
fn text_rules() {
    assert_eq!(
        strip_tags("<p>A&amp;B <a href=\"x>y\">link</a></p><pre>x &lt; 1 &#x41;&#66;</pre>"),
        "A&B link x < 1 AB"
    );
    assert_eq!(strip_tags("a<script>var x = '<p>';</script>b"), "a b");
    assert_eq!(
        terms_of("Front-end CI/CD node.js", true),
        ["cicd", "frontend", "nodej"]
    );
    assert_eq!(
        terms_of("Front-end", false),
        ["end", "front", "frontend"],
        "the index keeps the parts"
    );
    assert_eq!(
        terms_of("Développeur Straße DON'T Øre", false),
        ["developpeur", "dont", "ore", "strasse"]
    );
    assert_eq!(
        terms_of("数据分析师。SQL", true),
        ["sql", "分析", "据分", "数据", "析师"],
        "Chinese gives its character pairs"
    );
    assert_eq!(
        terms_of("データの分析", false),
        ["の分", "タの", "デー", "ータ", "分析"],
        "Japanese likewise, kana and kanji alike"
    );
    assert_eq!(terms_of("นักวิเคราะห์", false).len(), 11, "Thai likewise");
    assert_eq!(terms_of("学", false), ["学"], "a lone character is a word");
    for (word, stemmed) in [
        ("roles", "role"),
        ("companies", "company"),
        ("analysis", "analysis"),
        ("process", "process"),
        ("bus", "bus"),
        ("gas", "gas"),
        ("sql", "sql"),
        ("k8s", "k8s"),
    ] {
        assert_eq!(stem(word), stemmed, "{word}");
    }
    let long = "word ".repeat(60);
    let s = snippet(&long);
    assert!(
        s.ends_with("word…") && s.chars().count() <= SNIPPET_CHARS + 1,
        "{s}"
    );
}

#[test]
fn any_text_is_safe_to_index() {
    let pieces = [
        "<", ">", "&", ";", "&#", "‘", "é", "東", "-", "'", "a", "1", " ", "\"", "x;",
    ];
    let mut seed = 7u64;
    for _ in 0..2000 {
        let mut text = String::new();
        for _ in 0..12 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let plain = strip_tags(&text);
        for_each_term(&plain, false, false, &mut |_| {});
        for_each_term(&text, true, true, &mut |_| {});
        let _ = snippet(&text);
    }
    assert_eq!(
        strip_tags("&gt;‘a’&lt;; &#1234567890; &;"),
        ">‘a’<; &#1234567890; &;"
    );
}

/// search.js folds, stems and splits queries as the index does.
#[test]
fn text_rules_match_search_js() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js");
    let latin: String = [0xc0u32..=0x24f, 0x1e00..=0x1eff]
        .into_iter()
        .flatten()
        .filter_map(char::from_u32)
        .flat_map(|c| [c, 'x', ' '])
        .collect();
    let samples = [
        "How to become a DevOps engineer",
        "Front-end CI/CD node.js e.g. C++ R 3×4",
        "Développeur Straße DON'T Øre naïve İstanbul ÆSIR Σίσυφος 東京 किताब",
        "companies' analyses processes roles it's",
        "数据分析师。SQL 工程师 データの分析・東京 นักวิเคราะห์ข้อมูล ฿1 学",
        &latin,
    ];
    let input = serde_json::to_string(&samples).unwrap();
    let code = format!(
        "const s = require({:?}); console.log(JSON.stringify(s.stopWords)); \
         for (const t of {input}) console.log(JSON.stringify(s.queryTerms(t)));",
        script.display().to_string()
    );
    let Ok(out) = std::process::Command::new("node")
        .args(["-e", &code])
        .output()
    else {
        eprintln!("SKIP text_rules_match_search_js: node is not installed");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    let stop: Vec<String> = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(stop, STOP_WORDS, "the same stop words, sorted");
    assert_eq!(lines.len(), samples.len() + 1);
    for (sample, line) in samples.iter().zip(&lines[1..]) {
        let mut js: Vec<String> = serde_json::from_str(line).unwrap();
        js.sort();
        js.dedup();
        assert_eq!(js, terms_of(sample, true), "{sample}");
    }
}

/// Ranks queries with search.js in Node over the fixture's index files on disk.
fn rank_with_node(site: &Site, queries: &[&str]) -> Option<Vec<serde_json::Value>> {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in search_index(site) {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js");
    let code = format!(
        r#"const s = require({script:?}); const fs = require("fs"); const dir = {dir:?};
        const read = p => JSON.parse(fs.readFileSync(dir + "/search/" + p));
        const index = s.prepare(read("index.json"));
        for (const q of {queries}) {{
          const plan = s.plan(index, q);
          const shards = {{}};
          for (const k of plan.shards) shards[k] = read("terms/" + index.main.shards[k] + ".json");
          const r = s.rank(index, plan, shards);
          console.log(JSON.stringify({{ all: r.all, urls: r.results.map(x => s.docUrl(index, "/", x.id)) }}));
        }}"#,
        script = script.display().to_string(),
        dir = dir.path().display().to_string(),
        queries = serde_json::to_string(queries).unwrap(),
    );
    let Ok(out) = std::process::Command::new("node")
        .args(["-e", &code])
        .output()
    else {
        eprintln!("SKIP: node is not installed");
        return None;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    Some(
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    )
}

#[test]
fn search_js_ranks_titles_over_tags_and_headings_over_bodies() {
    let dir = fixture();
    let site = site_at(dir.path());
    let queries = [
        "Kubernetes",
        "kub",
        "zookeeper",
        "window functions",
        "zookeeper pods",
        "pods zzzqqq",
        "front-end",
        "infrastructure",
        "it",
        "qqqzzz",
    ];
    let Some(got) = rank_with_node(&site, &queries) else {
        return;
    };
    let urls = |i: usize| -> Vec<&str> {
        got[i]["urls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap())
            .collect()
    };
    let kube_title = ["/skills/kubernetes/", "/guides/kube/", "/guides/sql/"];
    // The exact title, then a title holding the word, then a description.
    assert_eq!(urls(0), kube_title);
    assert_eq!(urls(1), kube_title, "the last word matches as a prefix");
    // Body only: more occurrences first.
    assert_eq!(urls(2), ["/guides/sql/", "/guides/kube/"]);
    assert_eq!(urls(3), ["/guides/sql/"], "every word must match");
    assert_eq!(urls(4), ["/guides/kube/"]);
    assert_eq!(
        (got[5]["all"].as_bool(), urls(5)),
        (Some(false), vec!["/guides/kube/"])
    );
    assert_eq!(urls(6), ["/guides/kube/"], "a heading's compound");
    // A tag (the skill's category) beats a body match.
    assert_eq!(urls(7)[0], "/skills/kubernetes/");
    assert!(
        urls(8).is_empty(),
        "a stop word alone matches only titles and tags"
    );
    assert!(urls(9).is_empty());
}

#[test]
fn search_js_finds_words_typed_with_a_typo() {
    let dir = fixture();
    let site = site_at(dir.path());
    // Nine letters and two edits; eight letters and one; a word too short to correct.
    let queries = [
        "kuberntes",
        "kubernets",
        "kubernetes",
        "kbe",
        "zookeepr",
        "zokeepr",
    ];
    let Some(got) = rank_with_node(&site, &queries) else {
        return;
    };
    let urls = |i: usize| -> Vec<&str> {
        got[i]["urls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap())
            .collect()
    };
    assert_eq!(urls(0), urls(2), "two edits in a nine-letter word");
    assert_eq!(urls(1), urls(2), "one edit in a long word");
    assert_eq!(
        urls(0)[0],
        "/skills/kubernetes/",
        "the title still ranks first"
    );
    assert!(urls(3).is_empty(), "no correction under five letters");
    assert_eq!(urls(4), ["/guides/sql/", "/guides/kube/"], "body words too");
    assert!(
        urls(5).is_empty(),
        "two edits in a seven-letter word are too many"
    );
}

fn report_size(name: &str, site: &Site) -> (usize, usize) {
    let files = search_index(site);
    let main = files[0].1.len();
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let largest = files
        .iter()
        .skip(1)
        .map(|(_, b)| b.len())
        .max()
        .unwrap_or(0);
    let n = site.guides.len().max(1);
    eprintln!(
        "{name}: {} guides, {} documents, {} files; index.json {main} B ({} B/guide), \
         all files {total} B ({} B/guide), largest shard or snippet file {largest} B",
        site.guides.len(),
        site.guides.len() + site.roles.terms.len() + site.skills.terms.len() + site.pages.len(),
        files.len(),
        main / n,
        total / n,
    );
    (main / n, total / n)
}

#[test]
fn size_per_guide_on_the_sample_site() {
    let site = site_at(Path::new(env!("CARGO_MANIFEST_DIR")));
    let (main, _) = report_size("sample site", &site);
    // 88 documents for 20 guides: roles and skills weigh on the per-guide figure here.
    assert!(main < 1500, "{main} B/guide in index.json");
}

/// `cargo test --release -- --ignored size_per_guide_on_a_generated` (python3 needed):
/// the always-loaded part must stay small enough for 10,000 guides.
#[test]
#[ignore]
fn size_per_guide_on_a_generated_corpus() {
    let n: usize = std::env::var("CAREERSITE_SEARCH_CORPUS").map_or(1000, |v| v.parse().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let script = std::env::var("CAREERSITE_CORPUS_GEN")
        .unwrap_or_else(|_| "/work/shared/bench/gen_corpus.py".into());
    let status = std::process::Command::new("python3")
        .args([
            script.as_str(),
            "--articles",
            &n.to_string(),
            "--flavor",
            "careersite",
            "--out",
        ])
        .arg(&out)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("SKIP: cannot run {script}");
        return;
    }
    let site = site_at(&out);
    let t = std::time::Instant::now();
    let (main, total) = report_size(&format!("{n}-guide corpus"), &site);
    eprintln!("built in {:?}", t.elapsed());
    assert!(main < 300, "{main} B/guide in index.json");
    assert!(total < 2000, "{total} B/guide in all files");
}

#[test]
fn search_js_finds_words_in_scripts_without_spaces() {
    let dir = fixture();
    let guides = [
        ("zh", "数据分析师入门", "数据分析师用统计方法回答业务问题。"),
        (
            "ja",
            "データエンジニアの仕事",
            "データパイプラインを設計します。",
        ),
        ("th", "นักวิเคราะห์ข้อมูล", "เรียนรู้การวิเคราะห์ข้อมูลด้วยสถิติ"),
    ];
    for (slug, title, body) in guides {
        let text = format!("---\ntitle: {title}\ndate: 2026-01-03\n---\n{body}\n");
        std::fs::write(dir.path().join(format!("content/guides/{slug}.md")), text).unwrap();
    }
    let site = site_at(dir.path());
    let queries = ["统计方法", "数据", "パイプライン", "สถิติ", "方统", "仕事"];
    let Some(got) = rank_with_node(&site, &queries) else {
        return;
    };
    let urls = |i: usize| -> Vec<&str> {
        got[i]["urls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap())
            .collect()
    };
    assert_eq!(urls(0), ["/guides/zh/"], "Chinese words inside a sentence");
    assert_eq!(urls(1), ["/guides/zh/"]);
    assert_eq!(urls(2), ["/guides/ja/"], "Japanese");
    assert_eq!(urls(3), ["/guides/th/"], "Thai");
    assert!(urls(4).is_empty(), "characters that do not stand together");
    assert_eq!(urls(5), ["/guides/ja/"], "a title");
}

//! Editing source text the way a writer would, one field at a time: a YAML front matter key
//! set, replaced or removed with the rest of the file left as it was, and a `site.toml` key
//! set inside its table. Plain string work on the sample site's own files, so every edit
//! the invariant test makes is one a person could have saved.

/// Sets the top-level front matter `key` to `value` (the text after `key:`, which may run
/// over several lines: `"\n  - a\n  - b"`), or removes the key when `value` is `None`. A
/// key that is not there yet goes last.
pub fn set_key(text: &str, key: &str, value: Option<&str>) -> String {
    let rest = text
        .strip_prefix("---\n")
        .expect("YAML front matter at the top");
    let end = rest.find("\n---\n").expect("closed front matter") + 1;
    let (front, body) = rest.split_at(end);
    let mut out = String::from("---\n");
    let mut skipping = false;
    let mut found = false;
    for line in front.lines() {
        let top_level = !line.starts_with([' ', '\t', '-']) && !line.is_empty();
        if top_level {
            skipping = line.split_once(':').is_some_and(|(k, _)| k.trim() == key);
            if skipping {
                found = true;
                if let Some(v) = value {
                    out.push_str(&format!("{key}:{v}\n"));
                }
            }
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    if !found && let Some(v) = value {
        out.push_str(&format!("{key}:{v}\n"));
    }
    out.push_str(body);
    out
}

/// A YAML flow list: ` [a, b]`.
pub fn list(items: &[String]) -> String {
    format!(" [{}]", items.join(", "))
}

/// A YAML block list: `\n  - a\n  - b`.
pub fn block_list(items: &[String]) -> String {
    items.iter().map(|i| format!("\n  - {i}")).collect()
}

/// Sets `key = value` in `site.toml`'s `table` (`None`: the top, before any table), adding
/// the key, and the table, when they are missing.
pub fn set_toml(text: &str, table: Option<&str>, key: &str, value: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header = table.map(|t| format!("[{t}]"));
    let start = match &header {
        None => 0,
        Some(h) => match lines.iter().position(|l| l.trim() == h) {
            Some(i) => i + 1,
            None => {
                lines.push(String::new());
                lines.push(h.clone());
                lines.len()
            }
        },
    };
    let end = lines[start..]
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .map_or(lines.len(), |i| start + i);
    let line = format!("{key} = {value}");
    match lines[start..end]
        .iter()
        .position(|l| l.split_once('=').is_some_and(|(k, _)| k.trim() == key))
    {
        Some(i) => lines[start + i] = line,
        None => lines.insert(end, line),
    }
    lines.join("\n") + "\n"
}

#[test]
fn set_key_replaces_a_block_and_keeps_the_rest() {
    let text = "---\ntitle: A\nfaq:\n  - q: Q\n    a: A\nroles: [x]\n---\nBody\n";
    assert_eq!(
        set_key(text, "faq", None),
        "---\ntitle: A\nroles: [x]\n---\nBody\n"
    );
    assert_eq!(
        set_key(text, "roles", Some(&block_list(&["y".into()]))),
        "---\ntitle: A\nfaq:\n  - q: Q\n    a: A\nroles:\n  - y\n---\nBody\n"
    );
    assert_eq!(
        set_key(text, "slug", Some(" s")),
        "---\ntitle: A\nfaq:\n  - q: Q\n    a: A\nroles: [x]\nslug: s\n---\nBody\n"
    );
}

#[test]
fn set_toml_replaces_or_adds_in_the_right_table() {
    let text = "title = \"T\"\n\n[related]\nlimit = 5\n";
    assert_eq!(
        set_toml(text, None, "title", "\"U\""),
        "title = \"U\"\n\n[related]\nlimit = 5\n"
    );
    assert_eq!(
        set_toml(text, None, "paginate_by", "3"),
        "title = \"T\"\n\npaginate_by = 3\n[related]\nlimit = 5\n"
    );
    assert_eq!(
        set_toml(text, Some("related"), "limit", "2"),
        "title = \"T\"\n\n[related]\nlimit = 2\n"
    );
}

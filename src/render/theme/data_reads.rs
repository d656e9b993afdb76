//! Which data files each page template may read, so that a data file's edit renders again
//! only the pages whose templates can see it.
//!
//! Tera gives no way to watch a template read a variable, so this is read off the
//! templates' own text, erring towards more: a template reads every data file when its
//! code names the `data` variable or calls `load_data` with a path that is not a literal,
//! and the files named when every call has a literal `path`. A template also reads what
//! the templates it names (`extends`, `include`, `import`) and the components it calls
//! (defined in any template, as Tera's components are global) read. Only the code inside
//! `{{ }}` and `{% %}` counts: `data-role="…"` in the HTML around it is no read.

use std::collections::{BTreeSet, HashMap};

use crate::data_files::DataFiles;
use crate::source::TemplateFile;

/// What one template's own code reads.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Reads {
    /// Every data file (the `data` variable, or `load_data` with a computed path).
    all: bool,
    /// Data files named by a literal `load_data(path="…")`, as `load_data` keys them.
    paths: BTreeSet<String>,
    /// String literals: the ones that name another template are followed.
    literals: Vec<String>,
    /// Identifiers: the ones that name a component are followed to its template.
    idents: BTreeSet<String>,
    /// The components this template defines (`{% component Name(…) %}`).
    defines: Vec<String>,
}

/// Every template's own reads, and which template defines each component.
struct Graph<'a> {
    own: HashMap<&'a str, Reads>,
    components: HashMap<String, &'a str>,
}

impl<'a> Graph<'a> {
    fn new(templates: &'a [TemplateFile]) -> Self {
        let own: HashMap<&str, Reads> = templates
            .iter()
            .map(|t| (t.name.as_str(), reads(&t.text)))
            .collect();
        let components = (own.iter())
            .flat_map(|(&t, r)| r.defines.iter().map(move |c| (c.clone(), t)))
            .collect();
        Graph { own, components }
    }

    /// What `name` and everything it names or calls, at any depth, read.
    fn reach(&self, name: &'a str) -> (bool, BTreeSet<String>) {
        let mut all = false;
        let mut paths = BTreeSet::new();
        let mut seen = BTreeSet::from([name]);
        let mut stack = vec![name];
        while let Some(t) = stack.pop() {
            let Some(r) = self.own.get(t) else { continue };
            all |= r.all;
            paths.extend(r.paths.iter().cloned());
            let named = (r.literals.iter())
                .filter_map(|l| self.own.get_key_value(l.as_str()).map(|(&k, _)| k));
            let called = (r.idents.iter()).filter_map(|i| self.components.get(i).copied());
            for next in named.chain(called) {
                if seen.insert(next) {
                    stack.push(next);
                }
            }
        }
        (all, paths)
    }
}

/// For each template name, a hash of the data files it may read (0 for none).
#[derive(Debug, Default)]
pub struct DataReads {
    prints: HashMap<String, u64>,
}

impl DataReads {
    pub fn new(templates: &[TemplateFile], data: &DataFiles) -> DataReads {
        let graph = Graph::new(templates);
        let prints = (graph.own.keys())
            .map(|&name| {
                let (all, paths) = graph.reach(name);
                let print = if all {
                    data.fingerprint
                } else if paths.is_empty() {
                    0
                } else {
                    let versions: Vec<(&String, Option<u64>)> =
                        paths.iter().map(|p| (p, data.version(p))).collect();
                    crate::hash::hash_of(versions)
                };
                (name.to_string(), print)
            })
            .collect();
        DataReads { prints }
    }

    /// The hash of what `template` may read of the data files; 0 when it reads none.
    pub fn print(&self, template: &str) -> u64 {
        self.prints.get(template).copied().unwrap_or(0)
    }
}

/// What one template's code reads.
fn reads(text: &str) -> Reads {
    let mut out = Reads::default();
    for code in code_spans(text) {
        scan(code, &mut out);
    }
    out
}

/// The code inside each `{{ … }}` and `{% … %}` of `text`; comments are left out.
fn code_spans(text: &str) -> Vec<&str> {
    let mut spans = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        let after = &rest[at + 1..];
        let close = match after.as_bytes().first() {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                rest = after;
                continue;
            }
        };
        let body = &after[1..];
        let end = body.find(close).unwrap_or(body.len());
        if close != "#}" {
            spans.push(&body[..end]);
        }
        rest = &body[(end + close.len()).min(body.len())..];
    }
    spans
}

/// Adds what `code` reads to `out`: identifiers outside strings, `load_data` calls and
/// string literals.
fn scan(code: &str, out: &mut Reads) {
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' || b == b'\'' || b == b'`' {
            let end = code[i + 1..]
                .find(b as char)
                .map_or(code.len(), |e| i + 1 + e);
            out.literals.push(code[i + 1..end].to_string());
            i = end + 1;
            continue;
        }
        if b.is_ascii_alphabetic() || b == b'_' {
            let end = code[i..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(code.len(), |e| i + e);
            let after_dot = code[..i].trim_end().ends_with('.');
            let word = &code[i..end];
            if word == "component" {
                let name: String = (code[end..].trim_start().chars())
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                out.defines.push(name);
            }
            out.idents.insert(word.to_string());
            match word {
                "data" if !after_dot => out.all = true,
                "load_data" => match literal_path(&code[end..]) {
                    Some(path) => {
                        out.paths.insert(crate::data_files::key(&path));
                    }
                    None => out.all = true,
                },
                _ => {}
            }
            i = end;
            continue;
        }
        i += 1;
    }
}

/// The literal `path` argument of a `load_data(…)` call whose text starts at `args`.
fn literal_path(args: &str) -> Option<String> {
    let args = args.trim_start().strip_prefix('(')?;
    let inner = &args[..args.find(')')?];
    inner.split(',').find_map(|arg| {
        let (key, value) = arg.split_once('=')?;
        if key.trim() != "path" {
            return None;
        }
        let value = value.trim();
        let quote = value
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))?;
        let text = value.strip_prefix(quote)?.strip_suffix(quote)?;
        (!text.contains(quote)).then(|| text.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads_of(text: &str) -> (bool, Vec<String>) {
        let r = reads(text);
        (r.all, r.paths.into_iter().collect())
    }

    #[test]
    fn html_around_the_code_is_no_read() {
        assert_eq!(
            reads_of("<td data-role=\"{{ r.title }}\">{{ page.data }}</td>"),
            (false, vec![])
        );
        assert_eq!(reads_of("{# data #}<p>data</p>"), (false, vec![]));
    }

    #[test]
    fn the_variable_and_computed_paths_read_everything() {
        assert_eq!(
            reads_of("{% for c in data.certs %}{% endfor %}"),
            (true, vec![])
        );
        assert_eq!(reads_of("{{ load_data(path=name) }}"), (true, vec![]));
    }

    #[test]
    fn literal_paths_read_only_their_files() {
        assert_eq!(
            reads_of(
                "{% set f = load_data(path=\"data/certs.toml\") %}{{ load_data(path='x.csv') }}"
            ),
            (
                false,
                vec!["data/certs.toml".to_string(), "data/x.csv".to_string()]
            )
        );
    }

    #[test]
    fn a_template_reads_what_the_ones_it_names_read() {
        let t = |name: &str, text: &str| TemplateFile {
            name: name.into(),
            origin: name.into(),
            text: text.into(),
        };
        let templates = [
            t(
                "base.html",
                "{% block main %}{% endblock %}{% include \"foot.html\" %}",
            ),
            t("foot.html", "{{ load_data(path=\"data/a.toml\") }}"),
            t("guide.html", "{% extends \"base.html\" %}"),
            t("page.html", "<p>no data</p>"),
            t(
                "parts.html",
                "{% component Certs(n) %}{{ data.certs }}{% endcomponent Certs %}",
            ),
            t("role.html", "{{<Certs n=1 />}}"),
        ];
        let graph = Graph::new(&templates);
        assert_eq!(
            graph.reach("guide.html"),
            (false, BTreeSet::from(["data/a.toml".to_string()]))
        );
        assert_eq!(graph.reach("page.html"), (false, BTreeSet::new()));
        assert_eq!(graph.reach("role.html"), (true, BTreeSet::new()));
    }
}

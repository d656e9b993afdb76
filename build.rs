//! Embeds the default theme (`themes/default/`) into the binary, so that a site without a
//! `themes/` folder builds with it. The list is generated so that new theme files need no
//! code change.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // Read when the script runs, not when it was compiled: a target folder copied from
    // another checkout would otherwise embed that checkout's theme.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("themes/default");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::new();
    for (kind, dir) in [
        ("TEMPLATES", "templates"),
        ("STATIC", "static"),
        ("I18N", "i18n"),
    ] {
        let base = root.join(dir);
        let mut files = Vec::new();
        collect(&base, &base, &mut files);
        files.sort();
        writeln!(out, "pub const {kind}: &[(&str, &[u8])] = &[").unwrap();
        for rel in files {
            let abs = base.join(&rel);
            println!("cargo:rerun-if-changed={}", abs.display());
            writeln!(
                out,
                "    ({rel:?}, include_bytes!({:?})),",
                abs.display().to_string()
            )
            .unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("default_theme.rs");
    std::fs::write(dest, out).unwrap();
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    println!("cargo:rerun-if-changed={}", dir.display());
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        if path.is_dir() {
            collect(base, &path, files);
        } else if let Ok(rel) = path.strip_prefix(base) {
            let rel: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push(rel.join("/"));
        }
    }
}

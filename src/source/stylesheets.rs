//! The text of the stylesheets among the files copied as they are (the theme's and the
//! site's `static/`, the `.css` beside the Markdown). Other static files are copied by path
//! and never read into memory; a stylesheet is, because the output check must read its
//! `url()`s, and only this stage reads files. Stylesheets are small.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{StaticBytes, StaticFile, read_regular};
use crate::error::Diagnostic;
use crate::text::frontmatter::normalise_text;

/// A stylesheet the build copies to the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stylesheet {
    /// Output path, `/`-separated: `css/site.css`.
    pub rel: String,
    /// Where it comes from, for messages: `static/css/site.css`,
    /// `themes/x/static/style.css`, `content/guides/pay/chart.css`.
    pub file: PathBuf,
    /// Line breaks made `\n` and a byte-order mark dropped, so that lines and columns are
    /// counted as an editor counts them.
    pub text: String,
}

/// Reads every `.css` file among `statics`. A stylesheet that is not UTF-8 is read with
/// its bad bytes replaced: its URLs are ASCII, and the copy is byte for byte anyway.
pub fn read_stylesheets(root: &Path, statics: &[StaticFile]) -> (Vec<Stylesheet>, Vec<Diagnostic>) {
    let results: Vec<Result<Stylesheet, Diagnostic>> = statics
        .par_iter()
        .filter(|f| is_stylesheet(&f.rel))
        .map(|f| read_one(root, f))
        .collect();
    let mut sheets = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(s) => sheets.push(s),
            Err(d) => errors.push(d),
        }
    }
    (sheets, errors)
}

fn is_stylesheet(rel: &str) -> bool {
    rel.rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("css"))
}

fn read_one(root: &Path, f: &StaticFile) -> Result<Stylesheet, Diagnostic> {
    let (file, bytes) = match &f.bytes {
        StaticBytes::Embedded(b) => (
            PathBuf::from(format!("(built-in theme) static/{}", f.rel)),
            b.to_vec(),
        ),
        StaticBytes::Disk(p) => {
            let shown = p.strip_prefix(root).unwrap_or(p).to_path_buf();
            let bytes = read_regular(p).map_err(|e| e.diagnostic(shown.clone()))?;
            (shown, bytes)
        }
    };
    let text = normalise_text(String::from_utf8_lossy(&bytes).into_owned());
    Ok(Stylesheet {
        rel: f.rel.clone(),
        file,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_stylesheets_are_read_and_named_where_they_are() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("static/css")).unwrap();
        std::fs::write(root.join("static/css/site.css"), "\u{feff}a{}\r\nb{}").unwrap();
        let statics = [
            StaticFile {
                rel: "css/site.css".into(),
                bytes: StaticBytes::Disk(root.join("static/css/site.css")),
            },
            StaticFile {
                rel: "style.CSS".into(),
                bytes: StaticBytes::Embedded(b"c{}"),
            },
            StaticFile {
                rel: "logo.png".into(),
                bytes: StaticBytes::Disk(root.join("static/missing.png")),
            },
        ];
        let (sheets, errors) = read_stylesheets(root, &statics);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(sheets.len(), 2);
        assert_eq!(sheets[0].file, Path::new("static/css/site.css"));
        assert_eq!(sheets[0].text, "a{}\nb{}");
        assert_eq!(
            sheets[1].file,
            Path::new("(built-in theme) static/style.CSS")
        );
    }
}

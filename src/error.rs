//! Diagnostics: every problem the build finds about a site, with where it is and how to fix it.
//!
//! Stages collect `Diagnostic`s instead of stopping at the first one, so a writer sees every
//! mistake in one run. `SiteError` is the one error type the library returns to the binary.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors fail `build`; warnings only fail `check --strict`;
/// information (what a site lacks that it may never mean to have) fails nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One problem in the site's sources, with its place and, where known, a fix. It prints as
/// `error: path:line:col: what is wrong`, then, when there is a fix, `  hint: how to fix it`
/// on a line of its own, so the first line stays clickable and short in any terminal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path relative to the site root (`content/guides/a.md`), or none for site-wide problems.
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<Option<PathBuf>>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line: None,
            column: None,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: impl Into<Option<PathBuf>>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, message)
        }
    }

    pub fn info(file: impl Into<Option<PathBuf>>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Info,
            ..Self::error(file, message)
        }
    }

    /// A warning or an error: what `check --strict` fails on, unlike information.
    pub fn is_problem(&self) -> bool {
        self.severity != Severity::Info
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column` as editors and terminals understand it.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_deref().map(display_path)?;
        Some(match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file,
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        write!(f, "{label}: ")?;
        if let Some(loc) = self.location() {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// How many diagnostics of one kind are printed when there are too many to read.
pub const SHOWN_PER_KIND: usize = 5;
/// A kind with more diagnostics than this is summarised: a site with thousands of tags can
/// give thousands of warnings that say the same thing about different names.
pub const SUMMARISE_OVER: usize = 20;

/// What kind of problem a diagnostic is: its message with the names in backticks left out
/// (``role `a` has no profile`` and ``role `b` has no profile`` are one kind).
fn kind_of(d: &Diagnostic) -> String {
    let mut kind = String::new();
    for (i, part) in d.message.split('`').enumerate() {
        kind.push_str(if i % 2 == 0 { part } else { "`…`" });
    }
    kind
}

/// The lines to print for `diagnostics`, in their order, with each kind of which there are
/// more than `SUMMARISE_OVER` cut to its first `SHOWN_PER_KIND`, followed by one line per
/// such kind saying how many more there are.
pub fn summarised(diagnostics: &[Diagnostic]) -> Vec<String> {
    let kinds: Vec<String> = diagnostics.iter().map(kind_of).collect();
    let mut totals: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for k in &kinds {
        *totals.entry(k.as_str()).or_default() += 1;
    }
    let mut shown: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut lines = Vec::new();
    let mut cut: Vec<&str> = Vec::new();
    for (d, k) in diagnostics.iter().zip(&kinds) {
        let total = totals[k.as_str()];
        let n = shown.entry(k.as_str()).or_default();
        *n += 1;
        if total <= SUMMARISE_OVER || *n <= SHOWN_PER_KIND {
            lines.push(d.to_string());
        } else if *n == SHOWN_PER_KIND + 1 {
            cut.push(k.as_str());
        }
    }
    for k in cut {
        let more = totals[k] - SHOWN_PER_KIND;
        lines.push(format!("... and {more} more like \"{k}\""));
    }
    lines
}

/// Paths print with `/` on every platform so messages and tests read the same everywhere.
pub fn display_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Why a command failed.
#[derive(Debug)]
pub enum SiteError {
    /// The site has problems a writer must fix (exit status 1).
    Invalid(Vec<Diagnostic>),
    /// The command itself cannot go ahead: a refused output folder, a failed write (exit 1).
    Fatal(String),
}

impl SiteError {
    pub fn fatal(message: impl Into<String>) -> Self {
        SiteError::Fatal(message.into())
    }

    pub fn io(action: &str, path: &Path, err: std::io::Error) -> Self {
        SiteError::Fatal(format!("cannot {action} {}: {err}", path.display()))
    }

    /// Wraps diagnostics as an error when any of them is an error, sorted for stable output.
    /// The values of `results`, or every error among them: one run reports them all.
    pub fn from_results<T>(results: Vec<Result<T, Diagnostic>>) -> Result<Vec<T>, SiteError> {
        let mut values = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(v) => values.push(v),
                Err(d) => errors.push(d),
            }
        }
        SiteError::from_diagnostics(errors)?;
        Ok(values)
    }

    pub fn from_diagnostics(mut diagnostics: Vec<Diagnostic>) -> Result<(), SiteError> {
        if diagnostics.iter().any(Diagnostic::is_error) {
            diagnostics.retain(Diagnostic::is_error);
            diagnostics.sort();
            diagnostics.dedup();
            Err(SiteError::Invalid(diagnostics))
        } else {
            Ok(())
        }
    }
}

impl fmt::Display for SiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SiteError::Invalid(diags) => {
                for d in diags {
                    writeln!(f, "{d}")?;
                }
                let n = diags.len();
                write!(
                    f,
                    "build failed: {n} error{}",
                    if n == 1 { "" } else { "s" }
                )
            }
            SiteError::Fatal(msg) => write!(f, "error: {msg}"),
        }
    }
}

impl std::error::Error for SiteError {}

/// Suggests the closest candidate to a misspelt name, if one is close enough to be a typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(wrong, c), c))
        .filter(|(d, c)| *d <= typo_distance(wrong.len().max(c.len())))
        .min()
        .map(|(_, c)| c)
}

/// How many edits still count as a typo for a word of this length.
pub fn typo_distance(len: usize) -> usize {
    match len {
        0..=3 => 1,
        4..=8 => 2,
        _ => 3,
    }
}

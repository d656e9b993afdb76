//! Text a build holds for a while but reads only once or twice: each content file's Markdown
//! between parsing and rendering it, and each rendered body between rendering it and writing
//! the pages that show it. A large site's bodies would otherwise all sit in memory at once
//! (1.2 GB of rendered HTML at 100,000 guides), so a build keeps them in one scratch file
//! and holds only where each one is.
//!
//! Reading a kept text back cannot fail unless the disk does. So that every page, feed and
//! search index can read a body as plainly as a string, a failed read gives an empty text
//! and is remembered: the build asks [`Scratch::failure`] before it replaces the last
//! output, and fails then, so no page missing its words is ever published.
//!
//! The scratch file is the one file a build writes outside its output folder. It has no
//! name (it is unlinked as soon as it is made), so it goes away with the process, however
//! the process ends. A watch session keeps its bodies in memory instead: it renders a few
//! at a time, and its file would only grow.

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// An unnamed file that text is appended to from many threads at once, and read back from
/// by position.
#[derive(Debug)]
pub struct Scratch {
    file: File,
    end: AtomicU64,
    failed: Mutex<Option<io::Error>>,
}

impl Scratch {
    /// A scratch file in `dir`, which should be on a disk rather than in memory: the system's
    /// temporary folder often lives in memory, which would defeat the purpose.
    pub fn new_in(dir: &Path) -> io::Result<Arc<Scratch>> {
        Ok(Arc::new(Scratch {
            file: tempfile::tempfile_in(dir)?,
            end: AtomicU64::new(0),
            failed: Mutex::new(None),
        }))
    }

    /// The first read that failed, if any: every text read since may have been cut.
    pub fn failure(&self) -> Option<io::Error> {
        let failed = self.failed.lock().unwrap_or_else(|p| p.into_inner());
        failed
            .as_ref()
            .map(|e| io::Error::new(e.kind(), e.to_string()))
    }

    /// Loses everything kept so far, as a failing disk would.
    #[cfg(test)]
    pub(crate) fn cut(&self) {
        self.file.set_len(0).unwrap();
    }

    fn read(&self, at: u64, len: u32) -> io::Result<String> {
        let mut bytes = vec![0; len as usize];
        read_at(&self.file, &mut bytes, at)?;
        String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    /// Keeps `text` in the scratch file, or in memory when the file cannot take it.
    pub fn keep(self: &Arc<Self>, text: String) -> Text {
        let Ok(len) = u32::try_from(text.len()) else {
            return Text::Held(text);
        };
        if len == 0 {
            return Text::Held(text);
        }
        // Each writer takes its own stretch of the file, so writes never overlap.
        let at = self.end.fetch_add(u64::from(len), Ordering::Relaxed);
        match write_at(&self.file, text.as_bytes(), at) {
            Ok(()) => Text::Kept {
                scratch: Arc::clone(self),
                at,
                len,
            },
            // A full disk costs memory, never the text.
            Err(_) => Text::Held(text),
        }
    }
}

/// A piece of text, in memory or in a scratch file.
#[derive(Debug, Clone)]
pub enum Text {
    Held(String),
    Kept {
        scratch: Arc<Scratch>,
        at: u64,
        len: u32,
    },
}

impl Default for Text {
    fn default() -> Self {
        Text::Held(String::new())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.read() == other.read()
    }
}

impl Text {
    /// The text. Should the disk fail to give a kept text back, the text is empty and the
    /// scratch file remembers the failure (see [`Scratch::failure`]).
    pub fn read(&self) -> Cow<'_, str> {
        match self {
            Text::Held(s) => Cow::Borrowed(s),
            Text::Kept { scratch, at, len } => match scratch.read(*at, *len) {
                Ok(text) => Cow::Owned(text),
                Err(e) => {
                    let mut failed = scratch.failed.lock().unwrap_or_else(|p| p.into_inner());
                    failed.get_or_insert(e);
                    Cow::Borrowed("")
                }
            },
        }
    }

    /// The text if it is in memory, for code that only ever sees held text.
    pub fn held(&self) -> Option<&str> {
        match self {
            Text::Held(s) => Some(s),
            Text::Kept { .. } => None,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Text::Held(s) => s.len(),
            Text::Kept { len, .. } => *len as usize,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

#[cfg(windows)]
fn write_at(file: &File, mut bytes: &[u8], mut at: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        let n = file.seek_write(bytes, at)?;
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[n..];
        at += n as u64;
    }
    Ok(())
}

#[cfg(windows)]
fn read_at(file: &File, mut bytes: &mut [u8], mut at: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        let n = file.seek_read(bytes, at)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        bytes = &mut bytes[n..];
        at += n as u64;
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
fn write_at(_: &File, _: &[u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn kept_text_reads_back_from_many_threads() {
        let dir = tempfile::tempdir().unwrap();
        let scratch = Scratch::new_in(dir.path()).unwrap();
        let texts: Vec<String> = (0..2000)
            .map(|i| format!("body {i} é {}", "x".repeat(i % 97)))
            .collect();
        let kept: Vec<Text> = texts.par_iter().map(|t| scratch.keep(t.clone())).collect();
        assert!(kept.iter().all(|t| t.held().is_none()));
        for (t, k) in texts.iter().zip(&kept) {
            assert_eq!(k.read(), t.as_str());
            assert_eq!(k.len(), t.len());
        }
        // Nothing but the text is in the file.
        let total: usize = texts.iter().map(String::len).sum();
        assert_eq!(scratch.file.metadata().unwrap().len(), total as u64);
        assert!(dir.path().read_dir().unwrap().next().is_none(), "unnamed");
        assert!(scratch.failure().is_none());
    }

    #[test]
    fn a_failed_read_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let scratch = Scratch::new_in(dir.path()).unwrap();
        let kept = scratch.keep("words".to_string());
        scratch.cut();
        assert_eq!(kept.read(), "");
        assert_eq!(
            scratch.failure().map(|e| e.kind()),
            Some(io::ErrorKind::UnexpectedEof)
        );
    }

    #[test]
    fn empty_text_stays_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let scratch = Scratch::new_in(dir.path()).unwrap();
        assert_eq!(scratch.keep(String::new()).held(), Some(""));
    }
}

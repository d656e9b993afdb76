//! Reading one file without trusting what it is. A named pipe blocks a plain read until
//! someone writes to it, and a link to `/dev/zero` never ends, so every file is opened
//! without blocking and read only once the system says it is an ordinary file. Anything
//! else is refused by name rather than skipped: a writer whose guide is missing from the
//! site must be told why.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// It is there but is not an ordinary file: what it is instead.
    NotRegular(&'static str),
    Io(std::io::Error),
}

impl ReadError {
    /// The error as a writer sees it, about `shown` (relative to the site root).
    pub fn diagnostic(&self, shown: PathBuf) -> Diagnostic {
        match self {
            ReadError::NotRegular(what) => {
                Diagnostic::error(shown, format!("not a regular file: it is {what}")).hint(
                    "careersite reads only ordinary files; replace it with one, or move it out of the site",
                )
            }
            ReadError::Io(e) => Diagnostic::error(shown, format!("cannot be read: {e}"))
                .hint("check the file's permissions"),
        }
    }
}

/// What a file that is not an ordinary file is, in words.
pub fn kind_of_special(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        return "a folder";
    }
    "not an ordinary file"
}

/// The bytes of the ordinary file at `path` (links followed).
pub fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    // A socket cannot even be opened: look before opening.
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of_special(meta.file_type())));
    }
    let mut file = open_nonblocking(path).map_err(ReadError::Io)?;
    // The file may have been replaced since it was looked at: ask the open file itself.
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of_special(meta.file_type())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes).map_err(ReadError::Io)?;
    Ok(bytes)
}

#[cfg(target_os = "linux")]
pub(super) fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(target_os = "linux"))]
pub(super) fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_pipe_is_refused_without_blocking() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("pipe.md");
        let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid, NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
        match read_regular(&fifo) {
            Err(ReadError::NotRegular(what)) => assert_eq!(what, "a named pipe (FIFO)"),
            other => panic!("{other:?}"),
        }
        let link = tmp.path().join("zero.md");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(matches!(
            read_regular(&link),
            Err(ReadError::NotRegular("a device"))
        ));
        std::fs::write(tmp.path().join("a.md"), "text").unwrap();
        assert_eq!(read_regular(&tmp.path().join("a.md")).unwrap(), b"text");
    }
}

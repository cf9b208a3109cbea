//! The file builtins' work: each runs on `blocking`'s thread pool, off the loop's thread,
//! and its result becomes a value back on the loop's thread when the task is resumed.
//!
//! Errors are Python's: the `OSError` subclass for the cause (`FileNotFoundError`,
//! `PermissionError`, `FileExistsError`, `IsADirectoryError`, `NotADirectoryError`) with
//! the message `[Errno N] strerror: 'path'` and `e.errno`.

use std::io;
use std::path::{Path, PathBuf};

use super::host::LocalFuture;
use crate::vm::{Exc, ExcKind, Exception, Value, exc};

/// The message of an I/O error without Rust's ` (os error N)` suffix: `No such file or
/// directory`, as C's `strerror` (and Python) say it.
pub fn strerror(e: &io::Error) -> String {
    let text = match e.raw_os_error() {
        Some(n) => io::Error::from_raw_os_error(n).to_string(),
        None => e.to_string(),
    };
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// A path as Python's `repr` shows it: `'notes.txt'`.
pub fn quoted(path: &Path) -> String {
    crate::vm::format::repr(&Value::str(&path.to_string_lossy()))
}

/// The exception Python raises for `e` on `path`.
pub fn os_error(e: &io::Error, path: &Path) -> Exc {
    os_error_text(e, &quoted(path))
}

/// `e` for `src -> dst`, as Python reports `os.rename`.
fn os_error_two(e: &io::Error, src: &Path, dst: &Path) -> Exc {
    os_error_text(e, &format!("{} -> {}", quoted(src), quoted(dst)))
}

fn os_error_text(e: &io::Error, paths: &str) -> Exc {
    let kind = match e.kind() {
        io::ErrorKind::NotFound => ExcKind::FileNotFoundError,
        io::ErrorKind::PermissionDenied => ExcKind::PermissionError,
        io::ErrorKind::AlreadyExists => ExcKind::FileExistsError,
        io::ErrorKind::IsADirectory => ExcKind::IsADirectoryError,
        io::ErrorKind::NotADirectory => ExcKind::NotADirectoryError,
        _ => ExcKind::OSError,
    };
    match e.raw_os_error() {
        Some(n) => Exception::with_code(
            kind,
            format!("[Errno {n}] {}: {paths}", strerror(e)),
            i64::from(n),
        ),
        None => exc(kind, format!("{}: {paths}", strerror(e))),
    }
}

/// What a file operation gives back to the loop's thread: plain data, made a value there.
enum Out {
    None,
    Bool(bool),
    Text(String),
    Names(Vec<String>),
}

/// Runs `op` off the loop's thread; its result becomes the script's value.
fn off_thread(op: impl FnOnce() -> Result<Out, FsError> + Send + 'static) -> LocalFuture {
    Box::pin(async move {
        match blocking::unblock(op).await {
            Ok(out) => Ok(match out {
                Out::None => Value::None,
                Out::Bool(b) => Value::Bool(b),
                Out::Text(s) => {
                    super::work::spend(s.len() / 16);
                    Value::str(&s)
                }
                Out::Names(names) => {
                    Value::list(names.into_iter().map(|n| Value::str(&n)).collect())
                }
            }),
            Err(e) => Err(e.into_exc()),
        }
    })
}

/// An error made off the loop's thread (exceptions are made on it).
enum FsError {
    Io(io::Error, PathBuf),
    Io2(io::Error, PathBuf, PathBuf),
    Decode(String),
    Pattern(String, String),
}

impl FsError {
    fn into_exc(self) -> Exc {
        match self {
            FsError::Io(e, p) => os_error(&e, &p),
            FsError::Io2(e, a, b) => os_error_two(&e, &a, &b),
            FsError::Decode(m) => exc(ExcKind::ValueError, m),
            FsError::Pattern(pattern, why) => exc(
                ExcKind::ValueError,
                format!("bad glob pattern {}: {why}", quoted(Path::new(&pattern))),
            ),
        }
    }
}

/// `read_file(path)`: the whole file as text; bytes that are not UTF-8 raise `ValueError`
/// with the message of Python's `UnicodeDecodeError` (which is a `ValueError`).
pub fn read_file(path: PathBuf) -> LocalFuture {
    off_thread(move || {
        let bytes = std::fs::read(&path).map_err(|e| FsError::Io(e, path.clone()))?;
        String::from_utf8(bytes)
            .map(Out::Text)
            .map_err(|e| FsError::Decode(decode_error(e.as_bytes(), e.utf8_error())))
    })
}

/// Python's `UnicodeDecodeError` message for bytes that are not UTF-8.
fn decode_error(bytes: &[u8], e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    let byte = bytes.get(at).copied().unwrap_or(0);
    let reason = match e.error_len() {
        None => "unexpected end of data",
        Some(_) if (0x80..0xc2).contains(&byte) || byte >= 0xf5 => "invalid start byte",
        Some(_) => "invalid continuation byte",
    };
    format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {at}: {reason}")
}

/// `write_file(path, text)` (`append = false`) and `append_file(path, text)`.
pub fn write_file(path: PathBuf, text: String, append: bool) -> LocalFuture {
    off_thread(move || {
        use std::io::Write;
        let mut options = std::fs::OpenOptions::new();
        options.create(true);
        if append {
            options.append(true);
        } else {
            options.write(true).truncate(true);
        }
        let io = |e| FsError::Io(e, path.clone());
        let mut file = options.open(&path).map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)?;
        // A full disk shows here, not silently after the script has moved on.
        file.sync_data().map_err(io)?;
        Ok(Out::None)
    })
}

/// `exists(path)`: whether anything is there (a broken link is not).
pub fn exists(path: PathBuf) -> LocalFuture {
    off_thread(move || Ok(Out::Bool(path.exists())))
}

/// `list_dir(path)`: the names in a directory, sorted (the OS's order is arbitrary).
pub fn list_dir(path: PathBuf) -> LocalFuture {
    off_thread(move || {
        let io = |e| FsError::Io(e, path.clone());
        let mut names = Vec::new();
        for entry in std::fs::read_dir(&path).map_err(io)? {
            let entry = entry.map_err(io)?;
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        Ok(Out::Names(names))
    })
}

/// `remove_file(path)`.
pub fn remove_file(path: PathBuf) -> LocalFuture {
    off_thread(move || {
        std::fs::remove_file(&path).map_err(|e| FsError::Io(e, path.clone()))?;
        Ok(Out::None)
    })
}

/// `mkdir(path, parents)`: with `parents`, also the missing directories above, and no
/// error if it exists (`mkdir -p`).
pub fn mkdir(path: PathBuf, parents: bool) -> LocalFuture {
    off_thread(move || {
        let made = if parents {
            std::fs::create_dir_all(&path)
        } else {
            std::fs::create_dir(&path)
        };
        made.map_err(|e| FsError::Io(e, path.clone()))?;
        Ok(Out::None)
    })
}

/// `rename(src, dst)`.
pub fn rename(src: PathBuf, dst: PathBuf) -> LocalFuture {
    off_thread(move || {
        std::fs::rename(&src, &dst).map_err(|e| FsError::Io2(e, src.clone(), dst.clone()))?;
        Ok(Out::None)
    })
}

/// `glob(pattern)`: the paths that match, sorted; `**` matches any depth.
pub fn glob(pattern: String) -> LocalFuture {
    off_thread(move || {
        let paths = glob::glob(&pattern)
            .map_err(|e| FsError::Pattern(pattern.clone(), e.msg.to_owned()))?;
        let mut names = Vec::new();
        for path in paths {
            match path {
                Ok(p) => names.push(p.to_string_lossy().into_owned()),
                Err(e) => {
                    let p = e.path().to_path_buf();
                    return Err(FsError::Io(std::io::Error::from(e), p));
                }
            }
        }
        names.sort();
        Ok(Out::Names(names))
    })
}

//! How `verify` reads what it is given: only regular files, opened without blocking (a FIFO
//! swapped in after the check cannot hang the open), with a bound on the bytes read, and a
//! manifest's entries only inside the manifest's folder.

use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::tr;

/// The largest PDF, artifact or listed file `verify` reads (bytes).
pub const MAX_FILE: u64 = 512 * 1024 * 1024;
/// The largest manifest, signature or certificate file `verify` reads (bytes).
pub const MAX_SMALL: u64 = 16 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Nothing at that path.
    Missing,
    /// A FIFO, socket, device or folder: never opened for reading.
    NotRegular(Kind),
    /// Larger than the limit (bytes).
    TooLarge { size: u64, limit: u64 },
    /// A manifest entry that leaves the manifest's folder (`..`, an absolute path, a symlink out).
    Outside,
    /// Any other error of the file system.
    Failed(String),
}

/// What a path is, when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Fifo,
    Socket,
    Device,
    Folder,
    Other,
}

impl Unreadable {
    /// Why, for people, naming `file`.
    pub fn describe(&self, file: &Path) -> String {
        match self {
            Unreadable::Missing => tr!("verify-file-missing", file = file),
            Unreadable::NotRegular(kind) => tr!("verify-not-regular", file = file, kind = kind.word()),
            Unreadable::TooLarge { size, limit } => tr!("verify-too-large", file = file, size = *size, limit = *limit),
            Unreadable::Outside => tr!("verify-outside-folder", file = file),
            Unreadable::Failed(why) => tr!("verify-read-failed", file = file, reason = why.as_str()),
        }
    }
}

impl Kind {
    fn of(file_type: std::fs::FileType) -> Kind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return Kind::Fifo;
            }
            if file_type.is_socket() {
                return Kind::Socket;
            }
            if file_type.is_block_device() || file_type.is_char_device() {
                return Kind::Device;
            }
        }
        if file_type.is_dir() { Kind::Folder } else { Kind::Other }
    }

    fn word(self) -> String {
        match self {
            Kind::Fifo => tr!("verify-file-kind.fifo"),
            Kind::Socket => tr!("verify-file-kind.socket"),
            Kind::Device => tr!("verify-file-kind.device"),
            Kind::Folder => tr!("verify-file-kind.folder"),
            Kind::Other => tr!("verify-file-kind.other"),
        }
    }
}

fn failed(e: std::io::Error) -> Unreadable {
    if e.kind() == std::io::ErrorKind::NotFound { Unreadable::Missing } else { Unreadable::Failed(e.to_string()) }
}

/// Opens `path` for reading only if it is a regular file (symlinks followed), and returns it
/// with its size. The open itself does not block, and the opened file is checked again.
fn open_regular(path: &Path) -> Result<(File, u64), Unreadable> {
    let meta = std::fs::metadata(path).map_err(failed)?;
    if !meta.is_file() {
        return Err(Unreadable::NotRegular(Kind::of(meta.file_type())));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(failed)?;
    let meta = file.metadata().map_err(failed)?;
    if !meta.is_file() {
        return Err(Unreadable::NotRegular(Kind::of(meta.file_type())));
    }
    Ok((file, meta.len()))
}

/// The bytes of the regular file `path`, at most `limit` of them.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, Unreadable> {
    let (file, size) = open_regular(path)?;
    if size > limit {
        return Err(Unreadable::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The file may grow after the size was read: never read past the limit.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(failed)?;
    if bytes.len() as u64 > limit {
        return Err(Unreadable::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// The SHA-256 (lower-case hex) of the regular file `path`, read in blocks, at most `limit` bytes.
pub fn sha256_regular(path: &Path, limit: u64) -> Result<String, Unreadable> {
    let (file, size) = open_regular(path)?;
    if size > limit {
        return Err(Unreadable::TooLarge { size, limit });
    }
    let mut hasher = Sha256::new();
    let mut reader = file.take(limit + 1);
    let mut buffer = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buffer).map_err(failed)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        hasher.update(&buffer[..n]);
    }
    if total > limit {
        return Err(Unreadable::TooLarge { size: total, limit });
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// The real path of the manifest entry `relative` under `dir`, refused when it leaves `dir`:
/// anything but plain names (`..`, an absolute path, a drive), or a symlink whose target is
/// outside. A missing entry is returned as it is (reading it reports it missing).
pub fn inside(dir: &Path, relative: &str) -> Result<PathBuf, Unreadable> {
    let path = Path::new(relative);
    let plain = !relative.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !plain || relative.contains('\0') {
        return Err(Unreadable::Outside);
    }
    let joined = dir.join(path);
    let root = dir.canonicalize().map_err(failed)?;
    match joined.canonicalize() {
        Ok(real) if real.starts_with(&root) => Ok(real),
        Ok(_) => Err(Unreadable::Outside),
        // A dangling symlink is refused too: its target is not known to be inside.
        Err(_) if std::fs::symlink_metadata(&joined).is_ok() => Err(Unreadable::Outside),
        Err(_) => Ok(joined),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_leaving_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("public")).unwrap();
        std::fs::write(dir.path().join("public/a.pdf"), b"%PDF-").unwrap();
        assert!(inside(dir.path(), "public/a.pdf").unwrap().ends_with("public/a.pdf"));
        assert!(inside(dir.path(), "./public/missing.pdf").is_ok());
        for hostile in ["../a.pdf", "public/../../a.pdf", "/etc/passwd", ""] {
            assert_eq!(inside(dir.path(), hostile), Err(Unreadable::Outside), "{hostile}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/hostname", dir.path().join("public/out.pdf")).unwrap();
            std::os::unix::fs::symlink("/nonexistent/x", dir.path().join("public/dangling.pdf")).unwrap();
            std::os::unix::fs::symlink("a.pdf", dir.path().join("public/in.pdf")).unwrap();
            assert_eq!(inside(dir.path(), "public/out.pdf"), Err(Unreadable::Outside));
            assert_eq!(inside(dir.path(), "public/dangling.pdf"), Err(Unreadable::Outside));
            assert!(inside(dir.path(), "public/in.pdf").unwrap().ends_with("public/a.pdf"));
        }
    }

    #[test]
    fn reads_are_bounded_and_only_of_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, b"0123456789").unwrap();
        assert_eq!(read_regular(&file, 10).unwrap(), b"0123456789");
        assert_eq!(read_regular(&file, 9), Err(Unreadable::TooLarge { size: 10, limit: 9 }));
        assert_eq!(sha256_regular(&file, 10).unwrap(), "84d89877f0d4041efb6bf91a16f0248f2fd573e6af05c19f96bedb9f882f7882");
        assert_eq!(read_regular(dir.path(), 10), Err(Unreadable::NotRegular(Kind::Folder)));
        assert_eq!(read_regular(&dir.path().join("none"), 10), Err(Unreadable::Missing));
    }
}

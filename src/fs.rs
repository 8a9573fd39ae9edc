//! File-system helpers whose errors always name the path.

use std::path::Path;

use anyhow::{Context, Result};

pub fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("failed to read `{}`", path.display()))
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).with_context(|| format!("failed to write `{}`", path.display()))
}

pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).with_context(|| format!("failed to create `{}`", path.display()))
}

pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).with_context(|| format!("failed to move `{}` to `{}`", from.display(), to.display()))
}

/// Makes `link` a symbolic link to `target` (as written, relative or not).
#[cfg(unix)]
pub fn symlink(target: &Path, link: &Path) -> Result<()> {
    std::os::unix::fs::symlink(target, link).with_context(|| format!("failed to create the link `{}`", link.display()))
}

#[cfg(not(unix))]
pub fn symlink(target: &Path, link: &Path) -> Result<()> {
    anyhow::bail!("cannot recreate the link `{}` to `{}` on this system", link.display(), target.display())
}

/// Sets the Unix permission bits of `path` (0o600 for a file with personal data, 0o700 for
/// its folder); a no-op elsewhere.
#[cfg(unix)]
pub fn owner_only(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .with_context(|| format!("failed to restrict permissions of `{}`", path.display()))
}

#[cfg(not(unix))]
pub fn owner_only(_path: &Path, _mode: u32) -> Result<()> {
    Ok(())
}

/// Why an input file was not read.
#[derive(Debug)]
pub enum InputError {
    /// A FIFO, socket, device or folder where a file was expected (never opened for reading).
    NotRegular(&'static str),
    /// Larger than the limit (the size found, in bytes).
    TooLarge(u64),
    Io(std::io::Error),
}

/// What kind of thing `meta` describes, in a word for messages (`fifo`, `socket`, …).
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "fifo";
        }
        if t.is_socket() {
            return "socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "device";
        }
    }
    if meta.is_dir() { "folder" } else { "special" }
}

/// Reads an input file of at most `limit` bytes. Only a regular file is opened: a FIFO, a
/// socket or a device is refused from its metadata, so reading can never block; the file is
/// opened non-blocking and checked again (it may have been swapped in between), and at most
/// `limit + 1` bytes are read (it may grow).
pub fn read_input(path: &Path, limit: u64) -> std::result::Result<Vec<u8>, InputError> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(InputError::Io)?;
    if !meta.is_file() {
        return Err(InputError::NotRegular(kind_of(&meta)));
    }
    if meta.len() > limit {
        return Err(InputError::TooLarge(meta.len()));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO swapped in after the check does not wait for a writer.
        options.custom_flags(0o4000);
    }
    let file = options.open(path).map_err(InputError::Io)?;
    let meta = file.metadata().map_err(InputError::Io)?;
    if !meta.is_file() {
        return Err(InputError::NotRegular(kind_of(&meta)));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(InputError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The diagnostic for an input file that was not read; `too_large` words the size limit for
/// the kind of file (its message id: `file-too-large` or `list-too-large`).
pub fn input_diagnostic(path: &Path, error: &InputError, limit: u64, too_large: &str) -> crate::diag::Diagnostic {
    use crate::diag::Diagnostic;
    use crate::tr;
    match error {
        InputError::NotRegular(kind) => Diagnostic::error("not-a-file", tr!("not-a-file", path = path, kind = *kind))
            .at(path, None)
            .with_hint(tr!("not-a-file.hint")),
        InputError::TooLarge(size) => {
            let size = format!("{:.1}", *size as f64 / 1_048_576.0);
            let limit = limit / 1_048_576;
            let (message, hint) = match too_large {
                "list-too-large" => (tr!("list-too-large", path = path, limit = limit), tr!("list-too-large.hint")),
                _ => (tr!("file-too-large", path = path, size = size, limit = limit), tr!("file-too-large.hint")),
            };
            Diagnostic::error("file-too-large", message).at(path, None).with_hint(hint)
        }
        InputError::Io(e) => Diagnostic::error("read-failed", tr!("read-failed", path = path, reason = e.to_string())).at(path, None),
    }
}

/// Whether `path` (a link, or a path through one) resolves outside `guard` (a canonical
/// folder), or nowhere.
pub fn leaves(path: &Path, guard: &Path) -> bool {
    !std::fs::canonicalize(path).is_ok_and(|t| t.starts_with(guard))
}

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

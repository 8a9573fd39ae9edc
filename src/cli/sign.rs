//! The signing options of `build --sign`: where the identity comes from, resolved into a
//! `SigningConfig` (or refused with a diagnostic) before any work.

use std::io::Read;
use std::path::PathBuf;

use clap::Args;

use sferum_gen::diag::Diagnostic;
use sferum_gen::sign::{Identity, IdentityFiles, SigningConfig};
use sferum_gen::tr;

/// Options that choose the signing identity. The key must lie outside the project and
/// every git work tree; a password is read from an environment variable or standard input.
#[derive(Debug, Args)]
pub struct SigningArgs {
    /// Sign the regulation and the orders (PAdES, with the visible signature mark), and write
    /// a signed MANIFEST.sha256 for each institution. Needs --key and --cert, or --p12.
    #[arg(long)]
    pub sign: bool,
    /// The private key (PEM or DER; PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1; RSA or ECDSA P-256).
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// The signer's certificate (PEM or DER); a PEM file may carry the chain after it.
    #[arg(long, value_name = "FILE")]
    pub cert: Option<PathBuf>,
    /// A PKCS#12 file (.p12/.pfx) with the key, its certificate and the chain, instead of
    /// --key and --cert; its password comes from --password-env or --password-stdin.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["key", "cert"])]
    pub p12: Option<PathBuf>,
    /// Intermediate and root certificates to embed (PEM or DER); repeat for several files.
    #[arg(long, value_name = "FILE")]
    pub chain: Vec<PathBuf>,
    /// The name of an environment variable that holds the key's password.
    #[arg(long, value_name = "VAR", conflicts_with = "password_stdin")]
    pub password_env: Option<String>,
    /// Read the key's password from the first line of standard input.
    #[arg(long)]
    pub password_stdin: bool,
    /// Sign even when the certificate is not valid at the signing time.
    #[arg(long)]
    pub allow_expired: bool,
}

impl SigningArgs {
    /// The signing configuration, `None` without --sign; a refusal is a diagnostic.
    pub fn resolve(&self, project: PathBuf) -> Result<Option<SigningConfig>, Diagnostic> {
        if !self.sign {
            if self.key.is_some() || self.cert.is_some() || self.p12.is_some() {
                return Err(Diagnostic::error("signing-needs-sign", tr!("signing-needs-sign")).with_hint(tr!("signing-needs-sign.hint")));
            }
            return Ok(None);
        }
        let (key, cert, pkcs12) = match (&self.p12, &self.key, &self.cert) {
            (Some(p12), _, _) => (p12.clone(), p12.clone(), true),
            (None, Some(key), Some(cert)) => (key.clone(), cert.clone(), false),
            _ => {
                return Err(Diagnostic::error("signing-identity-missing", tr!("signing-identity-missing")).with_hint(tr!("signing-identity-missing.hint")));
            }
        };
        let files = IdentityFiles { key, cert: cert.clone(), pkcs12, chain: self.chain.clone(), password: self.password()?, project: vec![project] };
        let identity = Identity::load(&files)?;
        Ok(Some(SigningConfig { identity, cert_path: cert, allow_expired: self.allow_expired }))
    }

    fn password(&self) -> Result<Option<String>, Diagnostic> {
        if let Some(var) = &self.password_env {
            return std::env::var(var).map(Some).map_err(|_| {
                Diagnostic::error("signing-key-password-missing", tr!("signing-key-password-missing.env", var = var))
                    .with_hint(tr!("signing-key-password-missing.env-hint", var = var))
            });
        }
        if self.password_stdin {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| Diagnostic::error("signing-key-password-missing", tr!("signing-key-password-missing.stdin", reason = e.to_string())))?;
            return Ok(Some(text.lines().next().unwrap_or("").to_string()));
        }
        Ok(None)
    }
}

//! The signing identity: a private key, its certificate and the chain, read from files
//! outside the repository, and checked (key location, password, key/certificate match,
//! validity) before anything is rendered.

use std::path::{Path, PathBuf};

use der::{Decode, Encode};
use pkcs8::{DecodePrivateKey, EncodePublicKey};
use x509_cert::Certificate;

use crate::diag::Diagnostic;
use crate::tr;

/// The private key of a signer: RSA (PKCS#1 v1.5 with SHA-256) or ECDSA P-256.
#[derive(Clone)]
pub enum PrivateKey {
    Rsa(Box<rsa::RsaPrivateKey>),
    P256(p256::SecretKey),
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PrivateKey::Rsa(_) => "PrivateKey::Rsa(…)",
            PrivateKey::P256(_) => "PrivateKey::P256(…)",
        })
    }
}

/// Where the signing identity comes from, as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct IdentityFiles {
    /// The private key (PEM or DER: PKCS#8, encrypted PKCS#8, PKCS#1, SEC1), or a PKCS#12
    /// file (.p12/.pfx) holding the key, the certificate and the chain (then `cert` is empty).
    pub key: PathBuf,
    /// The signer's certificate (PEM or DER); a PEM file may carry the chain after it.
    pub cert: PathBuf,
    /// `key` is a PKCS#12 file.
    pub pkcs12: bool,
    /// Intermediate and root certificates to embed (PEM or DER).
    pub chain: Vec<PathBuf>,
    /// The password of an encrypted key (read from an environment variable or standard input).
    pub password: Option<String>,
    /// Folders the key must not be inside (the input folder; every git work tree is refused anyway).
    pub project: Vec<PathBuf>,
}

/// A loaded, checked signing identity.
#[derive(Debug, Clone)]
pub struct Identity {
    pub key: PrivateKey,
    pub cert: Certificate,
    pub chain: Vec<Certificate>,
}

/// What the visible mark and the messages show of a certificate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CertificateFacts {
    /// The serial number in upper-case hex, without leading zero bytes.
    pub serial: String,
    /// The owner: surname and given names (SN + G) when the certificate has them, else the CN.
    pub owner: String,
    /// Validity, as unix seconds.
    pub not_before: i64,
    pub not_after: i64,
}

impl Identity {
    /// Reads and checks the identity; every refusal is a diagnostic with a hint.
    pub fn load(files: &IdentityFiles) -> Result<Identity, Diagnostic> {
        refuse_key_location(&files.key, &files.project)?;
        let key_bytes = read(&files.key)?;
        let (key, cert, mut chain) = if files.pkcs12 {
            open_pkcs12(&key_bytes, files.password.as_deref()).map_err(|d| d.at(&files.key, None))?
        } else {
            let key = parse_key(&key_bytes, files.password.as_deref()).map_err(|d| d.at(&files.key, None))?;
            let mut certs = parse_certs(&read(&files.cert)?).map_err(|d| d.at(&files.cert, None))?;
            let cert = certs.remove(0);
            (key, cert, certs)
        };
        for path in &files.chain {
            chain.extend(parse_certs(&read(path)?).map_err(|d| d.at(path, None))?);
        }
        let identity = Identity { key, cert, chain };
        if identity.public_key_der()? != identity.cert.tbs_certificate.subject_public_key_info.to_der().map_err(der_error)? {
            return Err(Diagnostic::error("certificate-key-mismatch", tr!("certificate-key-mismatch"))
                .at(&files.cert, None)
                .with_hint(tr!("certificate-key-mismatch.hint", key = files.key)));
        }
        Ok(identity)
    }

    /// The certificate's serial, owner and validity.
    pub fn facts(&self) -> CertificateFacts {
        certificate_facts(&self.cert)
    }

    /// Refuses a certificate that is not valid at `time` (unix seconds), unless `allow_expired`.
    pub fn check_validity(&self, time: i64, allow_expired: bool, cert_path: &Path) -> Result<(), Diagnostic> {
        let facts = self.facts();
        if allow_expired || (facts.not_before..=facts.not_after).contains(&time) {
            return Ok(());
        }
        let code = if time < facts.not_before { "certificate-not-yet-valid" } else { "certificate-expired" };
        Err(Diagnostic::error(code, tr!(code, time = dotted(time), from = dotted(facts.not_before), to = dotted(facts.not_after)))
            .at(cert_path, None)
            .with_hint(tr!("certificate-expired.hint")))
    }

    fn public_key_der(&self) -> Result<Vec<u8>, Diagnostic> {
        public_key_der(&self.key)
    }
}

/// The DER SubjectPublicKeyInfo of a private key's public half.
fn public_key_der(key: &PrivateKey) -> Result<Vec<u8>, Diagnostic> {
    let der = match key {
        PrivateKey::Rsa(k) => k.to_public_key().to_public_key_der(),
        PrivateKey::P256(k) => k.public_key().to_public_key_der(),
    };
    der.map(|d| d.as_bytes().to_vec()).map_err(|e| Diagnostic::error("signing-key-unreadable", tr!("signing-key-unreadable.public", reason = e.to_string())))
}

/// Serial, owner and validity of any certificate.
pub fn certificate_facts(cert: &Certificate) -> CertificateFacts {
    let tbs = &cert.tbs_certificate;
    let bytes = tbs.serial_number.as_bytes();
    let trimmed = match bytes.iter().position(|b| *b != 0) {
        Some(i) => &bytes[i..],
        None => &bytes[bytes.len().saturating_sub(1)..],
    };
    let serial = trimmed.iter().map(|b| format!("{b:02X}")).collect();
    CertificateFacts {
        serial,
        owner: owner_name(cert),
        not_before: tbs.validity.not_before.to_unix_duration().as_secs() as i64,
        not_after: tbs.validity.not_after.to_unix_duration().as_secs() as i64,
    }
}

/// The subject's surname and given names (SN + G, as Russian certificates carry them), else its CN.
pub fn owner_name(cert: &Certificate) -> String {
    use const_oid::db::rfc4519::{CN, GIVEN_NAME, SN};
    let attr = |oid| {
        cert.tbs_certificate.subject.0.iter().flat_map(|rdn| rdn.0.iter()).find(|a| a.oid == oid).and_then(|a| attribute_text(&a.value))
    };
    match (attr(SN), attr(GIVEN_NAME)) {
        (Some(sn), Some(g)) => format!("{sn} {g}"),
        _ => attr(CN).unwrap_or_else(|| cert.tbs_certificate.subject.to_string()),
    }
}

fn attribute_text(value: &der::Any) -> Option<String> {
    use der::asn1::{PrintableStringRef, Utf8StringRef};
    value
        .decode_as::<Utf8StringRef<'_>>()
        .map(|s| s.as_str().to_string())
        .or_else(|_| value.decode_as::<PrintableStringRef<'_>>().map(|s| s.as_str().to_string()))
        .ok()
}

/// «25.10.2023» of a unix time (UTC).
pub fn dotted(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0).map(|t| t.format("%d.%m.%Y").to_string()).unwrap_or_else(|| secs.to_string())
}

fn read(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(path).map_err(|e| {
        Diagnostic::error("signing-file-unreadable", tr!("signing-file-unreadable", path = path, reason = e.to_string()))
            .with_hint(tr!("signing-file-unreadable.hint"))
    })
}

/// A private key inside the project or any git work tree would end up committed: refuse it.
fn refuse_key_location(key: &Path, project: &[PathBuf]) -> Result<(), Diagnostic> {
    let canonical = key.canonicalize().map_err(|e| {
        Diagnostic::error("signing-file-unreadable", tr!("signing-file-unreadable", path = key, reason = e.to_string())).with_hint(tr!("signing-file-unreadable.key-hint"))
    })?;
    let refuse = |place: String| {
        Diagnostic::error("signing-key-in-repository", tr!("signing-key-in-repository", key = key, place = place))
            .at(key, None)
            .with_hint(tr!("signing-key-in-repository.hint"))
    };
    for dir in project.iter().filter_map(|p| p.canonicalize().ok()) {
        if canonical.starts_with(&dir) {
            return Err(refuse(tr!("signing-key-in-repository.project", dir = dir)));
        }
    }
    if let Some(tree) = canonical.ancestors().skip(1).find(|dir| dir.join(".git").exists()) {
        return Err(refuse(tr!("signing-key-in-repository.git", dir = tree)));
    }
    Ok(())
}

/// Opens a PKCS#12 file (PBES2/AES or legacy PBES1) with `password`: the key, the
/// certificate of that key, and the other certificates as the chain.
fn open_pkcs12(bytes: &[u8], password: Option<&str>) -> Result<(PrivateKey, Certificate, Vec<Certificate>), Diagnostic> {
    let Some(password) = password else {
        return Err(Diagnostic::error("signing-key-password-missing", tr!("signing-key-password-missing.p12")).with_hint(tr!("signing-key-password-missing.hint")));
    };
    let store = p12_keystore::KeyStore::from_pkcs12(bytes, password, p12_keystore::Pkcs12ImportPolicy::Relaxed).map_err(|e| {
        Diagnostic::error("signing-key-wrong-password", tr!("signing-key-wrong-password.p12", reason = e.to_string())).with_hint(tr!("signing-key-wrong-password.hint"))
    })?;
    let Some((_, entry)) = store.private_key_chain() else {
        return Err(unreadable(&tr!("signing-key-unreadable.p12-empty")));
    };
    let key = parse_key(entry.key().as_der(), None)?;
    let mut certs = Vec::new();
    for c in entry.certs() {
        certs.push(Certificate::from_der(c.as_der()).map_err(|e| Diagnostic::error("certificate-unreadable", tr!("certificate-unreadable.p12", reason = e.to_string())))?);
    }
    let public = public_key_der(&key)?;
    let Some(leaf) = certs.iter().position(|c| c.tbs_certificate.subject_public_key_info.to_der().is_ok_and(|d| d == public)) else {
        return Err(Diagnostic::error("certificate-key-mismatch", tr!("certificate-key-mismatch.p12")).with_hint(tr!("certificate-key-mismatch.p12-hint")));
    };
    let cert = certs.remove(leaf);
    Ok((key, cert, certs))
}

/// Reads a PEM or DER private key; an encrypted PKCS#8 key needs `password`.
fn parse_key(bytes: &[u8], password: Option<&str>) -> Result<PrivateKey, Diagnostic> {
    let (label, der) = if bytes.starts_with(b"-----BEGIN") || bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
        let text = std::str::from_utf8(bytes).map_err(|_| unreadable(&tr!("signing-key-unreadable.not-text")))?;
        let (label, doc) = der::Document::from_pem(text.trim_start()).map_err(|e| unreadable(&tr!("signing-key-unreadable.not-pem", reason = e.to_string())))?;
        (label.to_string(), doc.as_bytes().to_vec())
    } else {
        (String::new(), bytes.to_vec())
    };
    let plain = |der: &[u8]| -> Option<PrivateKey> {
        rsa::RsaPrivateKey::from_pkcs8_der(der)
            .map(|k| PrivateKey::Rsa(Box::new(k)))
            .or_else(|_| p256::SecretKey::from_pkcs8_der(der).map(PrivateKey::P256))
            .ok()
            .or_else(|| rsa::pkcs1::DecodeRsaPrivateKey::from_pkcs1_der(der).ok().map(|k| PrivateKey::Rsa(Box::new(k))))
            .or_else(|| p256::SecretKey::from_sec1_der(der).ok().map(PrivateKey::P256))
    };
    let encrypted = label == "ENCRYPTED PRIVATE KEY" || (label.is_empty() && pkcs8::EncryptedPrivateKeyInfo::from_der(&der).is_ok());
    if encrypted {
        let info = pkcs8::EncryptedPrivateKeyInfo::from_der(&der).map_err(|e| match old_cipher(&e.to_string()) {
            // `openssl req` and older `openssl pkcs8` encrypt with 3DES, which is not read here.
            Some(cipher) => Diagnostic::error("signing-key-old-cipher", tr!("signing-key-old-cipher", cipher = cipher)).with_hint(tr!("signing-key-old-cipher.hint")),
            None => unreadable(&tr!("signing-key-unreadable.not-pkcs8", reason = e.to_string())),
        })?;
        let Some(password) = password else {
            return Err(Diagnostic::error("signing-key-password-missing", tr!("signing-key-password-missing")).with_hint(tr!("signing-key-password-missing.hint")));
        };
        let decrypted = info.decrypt(password).map_err(|_| {
            Diagnostic::error("signing-key-wrong-password", tr!("signing-key-wrong-password")).with_hint(tr!("signing-key-wrong-password.hint"))
        })?;
        return plain(decrypted.as_bytes()).ok_or_else(|| unreadable(&tr!("signing-key-unreadable.decrypted")));
    }
    plain(&der).ok_or_else(|| unreadable(&tr!("signing-key-unreadable.kind")))
}

/// The name of an old key-encryption cipher whose OID a PKCS#8 parse error names.
fn old_cipher(error: &str) -> Option<&'static str> {
    const OIDS: [(&str, &str); 5] = [
        ("1.2.840.113549.3.7", "3DES (des-ede3-cbc)"),
        ("1.3.14.3.2.7", "DES (des-cbc)"),
        ("1.2.840.113549.1.12.1.3", "3DES (pbeWithSHAAnd3-KeyTripleDES-CBC, PKCS#12)"),
        ("1.2.840.113549.1.5.3", "DES (pbeWithMD5AndDES-CBC)"),
        ("1.2.840.113549.1.5.10", "DES (pbeWithSHA1AndDES-CBC)"),
    ];
    OIDS.iter().find(|(oid, _)| error.split(|c: char| !(c.is_ascii_digit() || c == '.')).any(|w| w == *oid)).map(|(_, name)| *name)
}

fn unreadable(why: &str) -> Diagnostic {
    Diagnostic::error("signing-key-unreadable", why.to_string()).with_hint(tr!("signing-key-unreadable.hint"))
}

/// Reads one or more certificates from PEM (any number of CERTIFICATE blocks) or DER.
fn parse_certs(bytes: &[u8]) -> Result<Vec<Certificate>, Diagnostic> {
    let bad = |e: String| Diagnostic::error("certificate-unreadable", tr!("certificate-unreadable", reason = e)).with_hint(tr!("certificate-unreadable.hint"));
    let certs = if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
        Certificate::load_pem_chain(bytes).map_err(|e| bad(e.to_string()))?
    } else {
        vec![Certificate::from_der(bytes).map_err(|e| bad(e.to_string()))?]
    };
    if certs.is_empty() {
        return Err(bad(tr!("certificate-unreadable.empty")));
    }
    Ok(certs)
}

fn der_error(e: der::Error) -> Diagnostic {
    Diagnostic::error("certificate-unreadable", tr!("certificate-unreadable.encode", reason = e.to_string()))
}

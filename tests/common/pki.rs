//! A test PKI made at run time with the `openssl` CLI, in a temporary folder outside every
//! git work tree: a CA, an RSA-2048 signer and an ECDSA P-256 signer. No key is committed.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The head of ИТЭП in the bundled examples: the test certificates are issued to her.
pub const OWNER_SURNAME: &str = "Суедина";
pub const OWNER_GIVEN: &str = "Светлана Викторовна";

/// Files of the test PKI; the folder is removed when this is dropped.
pub struct Pki {
    pub dir: tempfile::TempDir,
    pub ca: PathBuf,
    pub rsa_key: PathBuf,
    pub rsa_cert: PathBuf,
    pub ec_key: PathBuf,
    pub ec_cert: PathBuf,
}

impl Pki {
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Issues another certificate from the test CA for `key` (generated as `algorithm`:
    /// `rsa` or `ec`), valid for `days`, with a fixed serial.
    pub fn issue(&self, name: &str, algorithm: &str, days: u32, serial: &str) -> (PathBuf, PathBuf) {
        let key = self.path(&format!("{name}.key"));
        let cert = self.path(&format!("{name}.pem"));
        let csr = self.path(&format!("{name}.csr"));
        match algorithm {
            "rsa" => openssl(self.dir.path(), &["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.to_str().unwrap()]),
            _ => openssl(self.dir.path(), &["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.to_str().unwrap()]),
        }
        let subject = format!("/SN={OWNER_SURNAME}/GN={OWNER_GIVEN}/CN={OWNER_SURNAME} {OWNER_GIVEN}/O=ЧПОУ «ИТЭП»");
        openssl(self.dir.path(), &["req", "-new", "-utf8", "-key", key.to_str().unwrap(), "-subj", &subject, "-out", csr.to_str().unwrap()]);
        let ext = self.path("signer.ext");
        std::fs::write(&ext, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n").unwrap();
        openssl(
            self.dir.path(),
            &[
                "x509", "-req", "-in", csr.to_str().unwrap(), "-CA", self.ca.to_str().unwrap(), "-CAkey", self.path("ca.key").to_str().unwrap(),
                "-set_serial", serial, "-days", &days.to_string(), "-sha256", "-extfile", ext.to_str().unwrap(), "-out", cert.to_str().unwrap(),
            ],
        );
        (key, cert)
    }
}

/// Makes a fresh test PKI in a temporary folder.
pub fn make_pki() -> Pki {
    let dir = tempfile::Builder::new().prefix("sferum-gen-pki-").tempdir_in(std::env::temp_dir()).expect("temp dir");
    let ca = dir.path().join("ca.pem");
    openssl(
        dir.path(),
        &[
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650", "-sha256", "-subj",
            "/CN=Test School CA/O=sferum-gen tests", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ],
    );
    let mut pki = Pki { dir, ca, rsa_key: PathBuf::new(), rsa_cert: PathBuf::new(), ec_key: PathBuf::new(), ec_cert: PathBuf::new() };
    (pki.rsa_key, pki.rsa_cert) = pki.issue("rsa", "rsa", 365, "0x5A17C0DE0001");
    (pki.ec_key, pki.ec_cert) = pki.issue("ec", "ec", 365, "0x5A17C0DE0002");
    pki
}

/// Runs `openssl` in `dir` and asserts it succeeded.
pub fn openssl(dir: &Path, args: &[&str]) {
    let o = Command::new("openssl").args(args).current_dir(dir).output().expect("`openssl` must be installed");
    assert!(o.status.success(), "openssl {args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
}

/// An NSS database (for pdfsig) that trusts the test CA.
pub fn nss_db(pki: &Pki) -> PathBuf {
    let db = pki.path("nssdb");
    std::fs::create_dir_all(&db).unwrap();
    let sql = format!("sql:{}", db.display());
    for args in [
        vec!["-N", "-d", &sql, "--empty-password"],
        vec!["-A", "-d", &sql, "-n", "testca", "-t", "CT,C,C", "-i", pki.ca.to_str().unwrap()],
    ] {
        let o = Command::new("certutil").args(&args).output().expect("`certutil` must be installed (libnss3-tools)");
        assert!(o.status.success(), "certutil {args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    }
    db
}

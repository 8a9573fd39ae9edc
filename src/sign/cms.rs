//! Detached CMS (CAdES-BES) signatures: the one signer behind PDF signatures and the
//! signed manifest, and the checks `verify` runs on them. RustCrypto's `cms` builds and
//! parses the structures; only the ESS signing-certificate-v2 attribute is declared here
//! (as `der` derive types, RFC 5035), because no crate ships it.

use anyhow::{anyhow, bail, Context, Result};
use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier};
use const_oid::db::{rfc5911, rfc5912};
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::Certificate;

use super::identity::{Identity, PrivateKey};
use crate::tr;

/// ESSCertIDv2 (RFC 5035) with the default hash algorithm (SHA-256) and no issuer serial.
#[derive(Clone, Debug, Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
}

/// SigningCertificateV2 (RFC 5035) without policies.
#[derive(Clone, Debug, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn sha256_algorithm() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned { oid: rfc5912::ID_SHA_256, parameters: None }
}

/// A detached CMS SignedData (DER) over content whose SHA-256 is `digest`. Signed attributes:
/// content-type, message-digest, signing-certificate-v2 (PAdES B-B and CAdES-BES). No
/// signing-time attribute: the PDF's /M carries the time, and the bytes stay reproducible.
pub fn sign_detached(identity: &Identity, digest: &[u8; 32]) -> Result<Vec<u8>> {
    let encap = EncapsulatedContentInfo { econtent_type: rfc5911::ID_DATA, econtent: None };
    let tbs = &identity.cert.tbs_certificate;
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber { issuer: tbs.issuer.clone(), serial_number: tbs.serial_number.clone() });
    let cert_hash = Sha256::digest(identity.cert.to_der()?);
    let ess = SigningCertificateV2 { certs: vec![EssCertIdV2 { cert_hash: OctetString::new(cert_hash.to_vec())? }] };
    let attribute = Attribute { oid: rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2, values: SetOfVec::try_from(vec![Any::encode_from(&ess)?])? };

    let mut data = SignedDataBuilder::new(&encap);
    data.add_digest_algorithm(sha256_algorithm()).map_err(|e| anyhow!("CMS: {e}"))?;
    for cert in std::iter::once(&identity.cert).chain(&identity.chain) {
        data.add_certificate(CertificateChoices::Certificate(cert.clone())).map_err(|e| anyhow!("CMS: {e}"))?;
    }
    match &identity.key {
        PrivateKey::Rsa(key) => {
            let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new((**key).clone());
            let mut info = SignerInfoBuilder::new(&signer, sid, sha256_algorithm(), &encap, Some(digest)).map_err(|e| anyhow!("CMS: {e}"))?;
            info.add_signed_attribute(attribute).map_err(|e| anyhow!("CMS: {e}"))?;
            data.add_signer_info::<_, rsa::pkcs1v15::Signature>(info).map_err(|e| anyhow!("CMS RSA signature: {e}"))?;
        }
        PrivateKey::P256(key) => {
            // p256's SigningKey signs with RFC 6979 deterministic nonces: same input, same bytes.
            let signer = p256::ecdsa::SigningKey::from(key);
            let mut info = SignerInfoBuilder::new(&signer, sid, sha256_algorithm(), &encap, Some(digest)).map_err(|e| anyhow!("CMS: {e}"))?;
            info.add_signed_attribute(attribute).map_err(|e| anyhow!("CMS: {e}"))?;
            data.add_signer_info::<_, p256::ecdsa::DerSignature>(info).map_err(|e| anyhow!("CMS ECDSA signature: {e}"))?;
        }
    }
    let content = data.build().map_err(|e| anyhow!("CMS: {e}"))?;
    Ok(content.to_der()?)
}

/// What a detached CMS signature says about the content, once checked.
#[derive(Debug, Clone)]
pub struct CheckedSignature {
    /// The signer's certificate.
    pub signer: Certificate,
    /// Whether a certificate chain from the signer reaches one of the trust anchors.
    pub trust: Result<(), String>,
}

/// Why a detached signature does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    /// The content changed: the message digest differs.
    DigestMismatch,
    /// The signature value does not verify, or the structure is damaged.
    Invalid(String),
}

/// Checks a detached CMS signature (DER, trailing zero padding allowed) over content with
/// SHA-256 `digest`: message digest, signature value, and the chain up to `anchors`.
pub fn verify_detached(cms_der: &[u8], digest: &[u8; 32], anchors: &[Certificate]) -> Result<CheckedSignature, Broken> {
    let invalid = |why: String| Broken::Invalid(why);
    let mut reader = der::SliceReader::new(cms_der).map_err(|e| invalid(e.to_string()))?;
    let info = <ContentInfo as der::Decode>::decode(&mut reader).map_err(|e| invalid(tr!("cms-not-cms", reason = e.to_string())))?;
    if info.content_type != rfc5911::ID_SIGNED_DATA {
        return Err(invalid(tr!("cms-not-signed-data")));
    }
    let data: SignedData = info.content.decode_as().map_err(|e| invalid(tr!("cms-damaged", reason = e.to_string())))?;
    let signer_info = data.signer_infos.0.iter().next().ok_or_else(|| invalid(tr!("cms-no-signer")))?;
    let certs: Vec<Certificate> = data
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            _ => None,
        })
        .collect();
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer_info.sid else {
        return Err(invalid(tr!("cms-signer-by-key-id")));
    };
    let signer = certs
        .iter()
        .find(|c| c.tbs_certificate.issuer == sid.issuer && c.tbs_certificate.serial_number == sid.serial_number)
        .ok_or_else(|| invalid(tr!("cms-signer-certificate-missing")))?
        .clone();
    if signer_info.digest_alg.oid != rfc5912::ID_SHA_256 {
        return Err(invalid(tr!("cms-digest-algorithm", oid = signer_info.digest_alg.oid.to_string())));
    }
    let attrs = signer_info.signed_attrs.as_ref().ok_or_else(|| invalid(tr!("cms-no-attributes")))?;
    let digest_attr = attrs
        .iter()
        .find(|a| a.oid == rfc5911::ID_MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .ok_or_else(|| invalid(tr!("cms-no-message-digest")))?;
    let claimed = digest_attr.decode_as::<OctetString>().map_err(|e| invalid(e.to_string()))?;
    if claimed.as_bytes() != digest {
        return Err(Broken::DigestMismatch);
    }
    let signed = attrs.to_der().map_err(|e| invalid(e.to_string()))?;
    verify_signature(&signer, &signer_info.signature_algorithm.oid, &signed, signer_info.signature.as_bytes())
        .map_err(|e| invalid(tr!("cms-bad-signature", reason = e.to_string())))?;
    let trust = chain_to_anchor(&signer, &certs, anchors);
    Ok(CheckedSignature { signer, trust })
}

/// Verifies `signature` over `message` with the public key of `cert`.
fn verify_signature(cert: &Certificate, algorithm: &der::asn1::ObjectIdentifier, message: &[u8], signature: &[u8]) -> Result<()> {
    use signature::Verifier;
    let spki = cert.tbs_certificate.subject_public_key_info.to_der()?;
    let rsa_oids = [rfc5912::RSA_ENCRYPTION, rfc5912::SHA_256_WITH_RSA_ENCRYPTION];
    if rsa_oids.contains(algorithm) {
        let key = <rsa::RsaPublicKey as spki::DecodePublicKey>::from_public_key_der(&spki).context("not an RSA key")?;
        let sig = rsa::pkcs1v15::Signature::try_from(signature)?;
        rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key).verify(message, &sig)?;
    } else if *algorithm == rfc5912::ECDSA_WITH_SHA_256 {
        let key = <p256::ecdsa::VerifyingKey as spki::DecodePublicKey>::from_public_key_der(&spki).context("not a P-256 key")?;
        let sig = p256::ecdsa::DerSignature::try_from(signature)?;
        key.verify(message, &sig)?;
    } else {
        bail!("unsupported signature algorithm {algorithm}");
    }
    Ok(())
}

/// Walks issuer links from `cert` through `pool` until a certificate of `anchors`,
/// verifying each certificate's signature with its issuer's key.
fn chain_to_anchor(cert: &Certificate, pool: &[Certificate], anchors: &[Certificate]) -> Result<(), String> {
    if anchors.is_empty() {
        return Err(tr!("cms-no-trust-anchor"));
    }
    let mut current = cert.clone();
    for _ in 0..8 {
        if anchors.contains(&current) {
            return Ok(());
        }
        let issuer_name = &current.tbs_certificate.issuer;
        let issuer = anchors
            .iter()
            .chain(pool)
            .find(|c| &c.tbs_certificate.subject == issuer_name && check_issued(&current, c).is_ok())
            .ok_or_else(|| tr!("cms-no-issuer", subject = current.tbs_certificate.subject.to_string()))?;
        if anchors.contains(issuer) {
            return Ok(());
        }
        if issuer == &current {
            return Err(tr!("cms-self-signed", subject = current.tbs_certificate.subject.to_string()));
        }
        // An intermediate may issue certificates only when it says it is a CA (RFC 5280 4.2.1.9):
        // otherwise any signer's certificate could vouch for another key.
        if !is_ca(issuer) {
            return Err(tr!("cms-not-a-ca", issuer = issuer.tbs_certificate.subject.to_string(), subject = current.tbs_certificate.subject.to_string()));
        }
        current = issuer.clone();
    }
    Err(tr!("cms-chain-too-long"))
}

/// Whether `cert` carries basicConstraints with cA true.
fn is_ca(cert: &Certificate) -> bool {
    matches!(cert.tbs_certificate.get::<x509_cert::ext::pkix::BasicConstraints>(), Ok(Some((_, bc))) if bc.ca)
}

/// Whether `issuer`'s key signed `cert`.
fn check_issued(cert: &Certificate, issuer: &Certificate) -> Result<()> {
    let tbs = cert.tbs_certificate.to_der()?;
    let sig = cert.signature.as_bytes().ok_or_else(|| anyhow!("unaligned signature"))?;
    verify_signature(issuer, &cert.signature_algorithm.oid, &tbs, sig)
}

/// The digest algorithm (OID) and the message digest a detached CMS signature claims, with
/// the signer's certificate when it is embedded; nothing is verified.
pub fn claimed_digest(cms_der: &[u8]) -> Result<(String, Vec<u8>, Option<Certificate>), Broken> {
    let invalid = |why: String| Broken::Invalid(why);
    let mut reader = der::SliceReader::new(cms_der).map_err(|e| invalid(e.to_string()))?;
    let info = <ContentInfo as der::Decode>::decode(&mut reader).map_err(|e| invalid(tr!("cms-not-cms", reason = e.to_string())))?;
    let data: SignedData = info.content.decode_as().map_err(|e| invalid(tr!("cms-damaged", reason = e.to_string())))?;
    let signer_info = data.signer_infos.0.iter().next().ok_or_else(|| invalid(tr!("cms-no-signer")))?;
    let digest = signer_info
        .signed_attrs
        .iter()
        .flat_map(|attrs| attrs.iter())
        .find(|a| a.oid == rfc5911::ID_MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .ok_or_else(|| invalid(tr!("cms-no-message-digest")))?
        .decode_as::<OctetString>()
        .map_err(|e| invalid(e.to_string()))?;
    let signer = match &signer_info.sid {
        SignerIdentifier::IssuerAndSerialNumber(sid) => data.certificates.iter().flat_map(|set| set.0.iter()).find_map(|c| match c {
            CertificateChoices::Certificate(c) if c.tbs_certificate.issuer == sid.issuer && c.tbs_certificate.serial_number == sid.serial_number => Some(c.clone()),
            _ => None,
        }),
        _ => None,
    };
    Ok((signer_info.digest_alg.oid.to_string(), digest.as_bytes().to_vec(), signer))
}

# Signing and verifying.

signing-needs-sign = a signing identity (--key, --cert or --p12) is given without --sign
    .hint = add --sign to sign the documents, or use `sferum-gen sign`
signing-identity-missing = signing needs a private key and its certificate
    .hint = pass --key FILE and --cert FILE (and --chain FILE for the issuing CA), or --p12 FILE, kept outside the project
signing-key-password-missing = the private key is encrypted and no password was given
    .hint = pass --password-env VAR (the name of an environment variable holding the password) or --password-stdin
    .p12 = a PKCS#12 file needs its password
    .env = the environment variable `{ $var }` named by --password-env is not set
    .env-hint = export { $var }=… (or use --password-stdin) before signing
    .stdin = cannot read the password from standard input: { $reason }
signing-key-wrong-password = the password does not decrypt the private key
    .hint = check the password in the variable named by --password-env (or on standard input); it is never taken from the command line
    .p12 = the PKCS#12 file does not open with this password ({ $reason })
signing-key-unreadable =
    .hint = sferum-gen signs with RSA (2048 bits or more) or ECDSA P-256 keys in PEM or DER
    .public = cannot encode the public key: { $reason }
    .p12-empty = the PKCS#12 file holds no private key with its certificate
    .not-text = the PEM file is not text
    .not-pem = not a PEM private key: { $reason }
    .not-pkcs8 = not an encrypted PKCS#8 key: { $reason }
    .decrypted = the decrypted key is neither RSA nor ECDSA P-256
    .kind = the key is neither an RSA nor an ECDSA P-256 private key (PKCS#8, PKCS#1 or SEC1, PEM or DER)
signing-key-old-cipher = the private key is encrypted with { $cipher }, which sferum-gen does not read
    .hint = re-encrypt it with AES-256 (you are asked for the old password and a new one): openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY.pem -out KEY-aes.pem; then pass --key KEY-aes.pem
signing-file-unreadable = failed to read `{ $path }`: { $reason }
    .hint = check the path given to --key, --cert or --chain
    .key-hint = check the path given to --key
signing-key-in-repository = the private key `{ $key }` lies inside { $place }
    .hint = keep private keys outside the project and every git work tree (e.g. ~/.config/sferum-gen/ or a token), where they cannot be committed; then pass that path to --key
    .project = the project folder `{ $dir }`
    .git = the git work tree `{ $dir }`
certificate-key-mismatch = the certificate does not belong to the private key
    .hint = pass the certificate issued for `{ $key }` (its public key must match the key's)
    .p12 = the PKCS#12 file has no certificate for its private key
    .p12-hint = export the key together with its own certificate (and the chain)
certificate-unreadable = not an X.509 certificate: { $reason }
    .hint = pass the certificate as PEM or DER
    .empty = the file holds no certificate
    .p12 = a certificate in the PKCS#12 file: { $reason }
    .encode = cannot encode the certificate: { $reason }
certificate-not-yet-valid = the signing certificate is not yet valid at the signing time { $time }: it is valid from { $from } to { $to }
certificate-expired = the signing certificate has expired at the signing time { $time }: it is valid from { $from } to { $to }
    .hint = sign with a certificate valid on the signing date (SOURCE_DATE_EPOCH or signing.date), or pass --allow-expired to sign anyway
certificate-owner-unchecked = `{ $id }`: the signer ({ $post }) has a placeholder name in roles.yaml, so the certificate's owner «{ $owner }» cannot be compared
    .hint = put the signer's real name in roles.yaml (and drop `placeholder: true`)
certificate-owner-mismatch = `{ $id }`: the certificate belongs to «{ $owner }», but the documents are signed by «{ $signer }»
    .hint = sign with the signer's own certificate, or check the signer's name in roles.yaml
external-signature-orphan = `{ $signature }` signs `{ $artifact }`, which this build does not produce
    .hint = name the file after the artifact it signs, as in out/<id>/ (e.g. signatures/public/regulation.pdf.sig)

## verify

verify-status =
    .valid = valid
    .tampered = tampered
    .unsigned = unsigned
    .untrusted = untrusted
    .refused = refused
verify-signer = { $owner } (certificate { $serial })
verify-no-signature = no signature
verify-bad-range = the byte range { $range } does not fit the file
verify-not-hex = the signature contents are not hex
verify-digest-mismatch = digest mismatch: the signed bytes changed
verify-certificate-not-valid = the certificate (valid { $from } to { $to }) was not valid at the signing time { $time }
verify-appended = modified after signing: the signature covers bytes 0–{ $signed } of { $size }; { $added } bytes were added after the signed revision
verify-not-pdf = not a PDF: no %PDF- header at the start of the file
verify-truncated = the file is cut short: it does not end with %%EOF ({ $size } bytes); a signature it had is lost
verify-too-many-signatures = the file has { $count } /ByteRange entries; at most { $limit } are checked
verify-malformed-range = damaged /ByteRange: not four numbers in brackets after it (`{ $range }`)
verify-range-not-from-start = the byte range { $range } does not start at the beginning of the file
verify-range-overlaps = the parts of the byte range { $range } overlap or are out of order
verify-range-past-end = the byte range { $range } ends at byte { $end }, but the file has { $size } bytes: the file was cut short or the range altered
verify-contents-too-large = the signature's /Contents is { $size } hex digits, more than the { $limit } allowed
verify-listed-twice = { $file } is listed twice in the manifest
verify-not-regular = { $file } is not a regular file ({ $kind }); it was not opened
verify-file-kind =
    .fifo = a FIFO
    .socket = a socket
    .device = a device
    .folder = a folder
    .other = a special file
verify-too-large = { $file } is over the limit ({ $size } bytes, limit { $limit }); it was not read
verify-outside-folder = { $file } leaves the manifest's folder (`..`, an absolute path or a symlink out); it was not read
verify-read-failed = { $file } cannot be read: { $reason }
verify-pdf-valid = { $count ->
    [one] 1 signature
   *[other] { $count } signatures
}, whole file covered
verify-malformed-line = malformed line: { $line }
verify-file-changed = { $file } changed
verify-file-missing = { $file } missing
verify-no-manifest-signature = no { $file }; { $summary }
verify-manifest-changed = the manifest changed after signing
verify-files-match = { $count ->
    [one] 1 file matches
   *[other] { $count } files match
}
verify-not-pem = not a PEM signature: { $reason }
verify-artifact-missing = the signed file `{ $file }` is missing
verify-gost-valid = GOST R 34.11-2012 digest matches the file; the GOST signature value and certificate are not checked here (use certified software)
verify-gost-changed = { $file } changed after it was signed (GOST digest mismatch)
verify-changed = { $file } changed after it was signed (digest mismatch)
verify-detached-valid = detached signature matches { $file }
cms-not-cms = not a CMS structure: { $reason }
cms-damaged = damaged SignedData: { $reason }
cms-no-signer = no signer
cms-not-signed-data = not a CMS SignedData signature
cms-signer-by-key-id = the signer is named by key identifier, not by issuer and serial number; such signatures are not checked
cms-signer-certificate-missing = the signer's certificate is not in the signature
cms-no-message-digest = no signed message-digest attribute
cms-no-trust-anchor = no trust anchor given (--trust)
cms-digest-algorithm = unsupported digest algorithm { $oid }
cms-no-attributes = no signed attributes
cms-bad-signature = the signature value does not verify: { $reason }
cms-no-issuer = no trusted issuer for «{ $subject }»
cms-self-signed = the self-signed «{ $subject }» is not a trust anchor
cms-chain-too-long = the certificate chain is too long
verify-covered-by-manifest = no PDF signature; covered by the signed manifest
cms-not-a-ca = «{ $issuer }» issued «{ $subject }» but is not a CA certificate

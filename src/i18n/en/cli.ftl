# The command line: help texts, progress and summaries.

## clap's own words

cli-usage = Usage:
cli-heading-commands = Commands
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-help = Print help
cli-version = Print the version
cli-default = default: { $value }
cli-choices = one of: { $values }
cli-value-command = COMMAND
cli-value-options = [OPTIONS]
cli-value-path = PATH
cli-value-paths = PATHS
cli-value-dir = DIR
cli-value-file = FILE
cli-value-id = ID
cli-value-text = TEXT
cli-value-zone = ZONE
cli-value-name = NAME
cli-value-phone = PHONE
cli-value-email = EMAIL
cli-value-ms = MS
cli-value-var = VAR
cli-value-lang = LANG
cli-value-old = OLD
cli-value-new = NEW
cli-value-port = PORT
cli-value-kind = KIND
cli-value-messenger = MESSENGER
cli-value-ownership = OWNERSHIP
cli-value-head_gender = GENDER
cli-value-admin_gender = GENDER
cli-value-approval = APPROVAL
cli-value-format = FORMAT

cli-error = error
cli-error-invalid-value = `{ $value }` is not a valid value for { $arg }
cli-error-invalid-value-choices = `{ $value }` is not a valid value for { $arg }; possible values: { $valid }
cli-error-invalid-value-reason = `{ $value }` is not a valid value for { $arg }: { $reason }
cli-error-missing-value = { $arg } needs a value
cli-error-unknown-argument = unknown option `{ $arg }`
cli-error-unknown-command = unknown command `{ $name }`
cli-error-missing-argument = a required argument is missing: { $arg }
cli-error-missing-command = a command is missing: check, build, serve, init, …
cli-error-conflict = { $arg } cannot be used together with { $other }
cli-error-too-many = { $arg } is given more than once or with too many values
cli-error-other = the command line could not be read ({ $detail })
cli-error-suggestion = did you mean `{ $value }`?
cli-error-more = For more information, try `sferum-gen --help` (or `sferum-gen COMMAND --help`).

## The commands

cli = Turns an institution's YAML data into the documents it needs for the Sferum platform (ИКОП «Сферум» and the educational profile in VK Messenger or MAX).
    .examples = Examples:
      sferum-gen init policies/school-5  start a new institution (questions on a terminal)
      sferum-gen check                   check every institution under policies/
      sferum-gen build                   build every institution into out/
      sferum-gen build --only itep       build one institution
      sferum-gen check --format json     diagnostics as JSON, for CI
      sferum-gen check --format sarif    diagnostics as SARIF 2.1.0, for code scanning
      sferum-gen serve --port 8000       the onboarding sites at http://127.0.0.1:8000/
      sferum-gen roster diff old/ new/   who joins, leaves, moves; chats to remove leavers from
      sferum-gen build --sign --key ~/keys/head.key --cert head.pem --chain ca.pem
                                         sign the regulation and orders, and a manifest
      sferum-gen verify out --trust ca.pem
                                         check every signature and manifest under out/

    Exit codes: 0 ok (warnings allowed), 1 invalid input, 2 usage or internal error.
    Messages are in Russian unless --lang en is given or LANG is English.
cli-check = Check the YAML of every institution and report every mistake at file:line:col.
    .long = Check the YAML of every institution and report every mistake at file:line:col.

    Writes nothing. Exit code 0 when the data is valid (warnings allowed), 1 when it is not, 2 on a usage or internal error.
cli-init = Start a new institution: a folder with its five YAML files.
    .long = Start a new institution: a folder with its five YAML files, no example's people or wording. On a terminal it asks about ten questions; without one it takes them as flags. Whatever is left unanswered, and every case form, is a placeholder «ЗАПОЛНИТЕ: …» that `check` reports until it is filled in. It never writes into an existing folder.
cli-build = Check, then build each institution's documents into the output folder.
    .long = Check, then build each institution's documents into the output folder.

    Every institution gets out/<id>/public/ (regulation, chat rules, opt-out form as PDF/A, HTML and DOCX) and out/<id>/restricted/ (orders, registration letter and e-mail, acknowledgment sheets: personal data, owner-only files). The build is all or nothing: on any error the output folder is left exactly as it was.
cli-serve = Build the onboarding sites and serve them on 127.0.0.1, rebuilding on every change.
    .long = Build the onboarding sites and serve them on 127.0.0.1, rebuilding on every change.

    For methodologists checking the guides while they edit the data: open the printed address and edit a YAML file or a template; the page in the browser reloads by itself. A broken edit is reported here and in a banner over the page, and the last good build stays served. A busy port is reported before building. Writes only to a temporary folder.
cli-roster = Invite rosters: compare two versions of the people lists (`roster diff OLD NEW`).
cli-roster-diff = Compare two versions of an institution's people lists.
    .long = Compare two versions of an institution's people lists: who joins, who leaves, who changes group, and the chats each leaver (and, per rules.yaml, their parents) must be removed from.

    OLD and NEW are institution folders (with institution.yaml and people/), or two people folders read with the YAML of --institution DIR, or two build output folders of one institution (`out/<id>/` built at two git revisions, e.g. CI artifacts: read from restricted/rosters/chats/*.csv and config/runtime.json). Both must be of one kind. Prints text; --csv also writes the changes as CSV (UTF-8 with BOM, `;`). Exit code 1 when either version is invalid, 2 when a folder cannot be read (a malformed roster CSV is named file:line).
cli-sign = Build again with signatures: like `build --sign`.
    .long = Build again with signatures: like `build --sign`.

    Builds are reproducible, so instead of altering files already in the output folder, `sign` renders the signed documents again from the sources, with the visible signature mark in their signature block, signs them (PAdES) and writes the signed manifest; the output folder is replaced atomically, as by `build`. Which documents are signed, by whom and on which date comes from `signing:` in institution.yaml (default: the head signs the regulation and both orders).
cli-verify = Check the signatures of built documents.
    .long = Check the signatures of built documents: every signed PDF (byte range, digest, signature value, chain to a --trust anchor) and every signed MANIFEST.sha256 with its files.

    Prints one line per file: valid, tampered, unsigned or untrusted. Exit code 0 only when every file is valid (an unsigned PDF counts as valid when its folder's signed manifest covers it).
cli-templates = The templates of every document, guide and roster (`templates export DIR`).
    .long = The templates of every document, guide and roster: `templates export DIR` writes the built-in set out, to change as an overlay (any file in `_templates/` beside the institutions, or in `--templates DIR`, replaces the built-in one of the same path).
cli-templates-export = Write every built-in template into DIR, to start an overlay from.
    .long = Write every built-in template into DIR (which must not exist yet or be empty), to start an overlay from: keep the files you change, delete the others. Put the folder beside the institutions as `_templates/` (e.g. policies/_templates/), or pass `--templates DIR` to check, build and serve.

## Arguments shared by several commands

cli-arg-lang = The language of messages and help: ru (the default) or en; without it, an English LANG (or LC_ALL, LC_MESSAGES) gives English.
cli-arg-path = A folder of institutions (each a folder of YAML files, plus _registry/), or one institution's folder.
cli-arg-format = How to print diagnostics: `human` (with source snippets), `json` (for CI) or `sarif` (SARIF 2.1.0 for code scanning in CI, each diagnostic on its YAML line).
cli-roster-diff--format = How to print diagnostics: `human` (with source snippets) or `json` (for CI).
cli-arg-draft = Treat every institution as a draft: a signer the data does not name (placeholder: true) is printed as a gap «________ И.О. Фамилия», and every page of every form is marked «ПРОЕКТ». Without it such a signer is an error. (An institution may also set `draft: true`.)
cli-arg-templates = A folder of changed templates: any file there replaces the built-in template of the same path (`sferum-gen templates export DIR` writes the built-in set to start from). Without it, `_templates/` beside the institutions is used when it exists.
cli-arg-sign = Sign the regulation and the orders (PAdES, with the visible signature mark), and write a signed MANIFEST.sha256 for each institution. Needs --key and --cert, or --p12.
cli-arg-key = The private key (PEM or DER; PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1; RSA or ECDSA P-256).
cli-arg-cert = The signer's certificate (PEM or DER); a PEM file may carry the chain after it.
cli-arg-p12 = A PKCS#12 file (.p12/.pfx) with the key, its certificate and the chain, instead of --key and --cert; its password comes from --password-env or --password-stdin.
cli-arg-chain = Intermediate and root certificates to embed (PEM or DER); repeat for several files.
cli-arg-password_env = The name of an environment variable that holds the key's password.
cli-arg-password_stdin = Read the key's password from the first line of standard input.
cli-arg-allow_expired = Sign even when the certificate is not valid at the signing time.

## build

cli-build--out = Output folder; each institution is written to <DIR>/<id>/.
cli-build--only = Build only this institution (by its id); repeat to build several.
cli-build--public = Write only the public outputs (out/<id>/public/: regulation, chat rules, opt-out form), e.g. on a server that publishes the site and must hold no personal data.
cli-build--force = Rebuild every institution, also those whose inputs have not changed since their outputs were built (by default those are skipped and their outputs kept).
cli-build--restricted = Write only the restricted outputs (out/<id>/restricted/: orders, letter, e-mail, sheets).
cli-sign--out = { cli-build--out }
cli-sign--only = Sign only this institution (by its id); repeat to sign several.
cli-sign--public = { cli-build--public }
cli-sign--force = { cli-build--force }
cli-sign--restricted = { cli-build--restricted }

## init

cli-init--dir = The new institution's folder (beside the others, e.g. policies/my-school); it must not exist yet. Its name is the institution's id.
cli-init--kind = The kind of institution.
cli-init--messenger = The messenger of the educational profile.
cli-init--ownership = Who founded it: state (federal or regional), municipal, private.
cli-init--full_name = The full name as in the charter, in the nominative.
cli-init--short_name = The short name as in the charter.
cli-init--city = The city as documents print it (г. Омск).
cli-init--time_zone = The IANA time zone (Asia/Omsk); suggested from the city when left out.
cli-init--head = The head: «Фамилия Имя Отчество».
cli-init--head_gender = The head's gender.
cli-init--head_post = The head's post in the nominative (директор, заведующий).
cli-init--admin = The platform administrator: «Фамилия Имя Отчество».
cli-init--admin_gender = The administrator's gender.
cli-init--admin_post = The administrator's post in the nominative (учитель информатики).
cli-init--admin_phone = The administrator's mobile number (the platform gives the admin rights to it).
cli-init--admin_email = The administrator's e-mail (the registration request is sent from it).
cli-init--approval = How the regulation is approved: by an order of the head, or by the head's signature.

## serve

cli-serve--path = A folder of institutions (with _registry/), or one institution's folder.
cli-serve--port = The port on 127.0.0.1 (0 picks a free one; the address is printed).
cli-serve--poll = How often to look for changed files, in milliseconds.
cli-serve--templates = A folder of changed templates (see `check --help`); watched like PATH. Without it, `_templates/` beside the institutions is used (and watched, being inside PATH).

## roster diff

cli-roster-diff--old = The earlier version: an institution folder, a people folder or a build output folder.
cli-roster-diff--new = The later version: an institution folder, a people folder or a build output folder.
cli-roster-diff--institution = The institution folder whose YAML (chats, rules) reads two people folders.
cli-roster-diff--csv = Also write the changes and removals as CSV to FILE (restricted: personal data).

## templates export

cli-templates-export--dir = The folder to create.

## verify

cli-verify--paths = Signed PDFs, manifests (MANIFEST.sha256), or folders to search for both (e.g. out/).
cli-verify--trust = A trusted root certificate (PEM or DER); repeat for several. Without one, every intact signature is reported as untrusted.
cli-verify--format = How to print the report: `human` (one line per file) or `json`.

## What the commands print

cli-check-ok = ok: { $count ->
    [one] 1 institution valid
   *[other] { $count } institutions valid
}
cli-nothing-written = nothing written: fix the errors above and build again
cli-nothing-written-one = nothing written: fix the error above and build again
cli-built = built { $institutions ->
    [one] 1 institution
   *[other] { $institutions } institutions
}{ $unchanged ->
    [0] { "" }
   *[other] { " " }({ $unchanged } more unchanged, skipped)
}, { $documents ->
    [one] 1 document
   *[other] { $documents } documents
}, { $files ->
    [one] 1 file
   *[other] { $files } files
} into { $out } in { $seconds } s
cli-unknown-institution = `--only { $id }`: no institution has this id; known ids: { $known }
cli-unknown-institution-more = { $shown } and { $more } more
cli-bad-epoch = SOURCE_DATE_EPOCH=`{ $value }` is not a whole number of seconds
cli-progress = documents
cli-creating = creating `{ $path }`
cli-writing = writing `{ $path }`

## init

init-exists = `{ $dir }` already exists; nothing was written
    .hint = `init` creates a new folder: give the name of one that does not exist yet
init-bad-id = the folder's name `{ $id }` is the institution's id: lower-case Latin letters, digits and hyphens
    .hint = e.g. `sferum-gen init policies/school-5`
init-created = created { $dir }: fill in every value that starts with { $placeholder }, then run `sferum-gen check`

## roster diff

roster-mixed-folders = cannot compare a build output folder (`{ $output }`) with a source folder (`{ $source }`): give two output folders (out/<id>/ of two builds) or two source versions
roster-institution-with-output = --institution reads people folders; build output folders carry their own chats and rules
roster-nothing-compared = nothing compared: fix the errors above and run again

## serve

serve-port-busy = cannot listen on 127.0.0.1:{ $port }: { $reason }
    .hint = another program (or another `serve`) uses the port: stop it, or pick another one with --port N (0 picks a free one)
serve-nothing = nothing to serve: fix the input and run `serve` again
serve-no-ctrlc = cannot handle Ctrl+C: { $reason }
serve-serving = serving http://127.0.0.1:{ $port }/ (Ctrl+C to stop); watching { $path } for changes
serve-building-into = building into { $path } (removed on exit)
serve-rebuilding = change detected, rebuilding…
serve-input-errors = the input has errors (see above); still serving the last good build
serve-failed = { $reason }; still serving the last good build
serve-stopped = stopped
serve-built = built { $sites ->
    [one] 1 site
   *[other] { $sites } sites
} in { $seconds } s
serve-unknown-institution = unknown institution `{ $id }`

## templates

templates-not-empty = `{ $dir }` is not empty; nothing was written (choose a new folder)
templates-written = wrote { $count ->
    [one] 1 template
   *[other] { $count } templates
} into { $dir }

## verify

verify-signed-by = {" "}— signed by { $signer }
cli-check--forms = Also print every institution's names (full, self-reference, short) and every post in the six cases, marking which forms the data writes and which are derived from the nominative.
cli-not-built = { $count ->
    [one] 1 institution was
   *[other] { $count } institutions were
} not built because of the errors above (their previous output is kept): { $ids }

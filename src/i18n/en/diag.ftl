# Diagnostics: what `check` says about the input. Each message id is the diagnostic's code
# (or a variant of it); `.hint` is the advice printed under it.

## The report around the diagnostics

diag-error = error
diag-warning = warning
diag-hint = hint: { $hint }
diag-at = at { $place }
diag-in = in { $file }
diag-more-in-file = …and { $count } more { $count ->
    [one] message
   *[other] messages
} in `{ $file }`: the first { $shown } are shown; `--format json` lists them all
diag-summary = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}

## Reading files

read-failed = cannot read `{ $path }`: { $reason }
file-too-large = `{ $path }` is { $size } MiB; input files are limited to { $limit } MiB
    .hint = an institution's YAML is a few kilobytes; check that the right file is in the folder
not-utf8 = `{ $path }` is not valid UTF-8
    .hint = save the file as UTF-8 (without a BOM is best)
    .list-hint = save the list as "CSV UTF-8" (Excel) or with the character set "Unicode (UTF-8)" (LibreOffice), not as Windows-1251

## YAML

yaml-tab-indent = this line is indented with a tab
    .hint = YAML indents with spaces only: replace the tab by spaces (as many as the lines around it use)
yaml-tab = invalid YAML: { $detail }
yaml-duplicate-key = invalid YAML: { $detail }
    .hint = each key may appear once in a mapping; remove or rename one of them
yaml-alias-limit = invalid YAML: { $detail }
    .hint = anchors and aliases expand into too many nodes; write the data out instead
yaml-unknown-tag = the tag `{ $tag }` is not supported
    .hint = input files are plain YAML without tags (`!include` and the like); write the value into the file itself
yaml-too-deep = invalid YAML: { $detail }
    .hint = the data is nested far deeper than any input file needs; check for runaway brackets
yaml-colon = invalid YAML: { $detail }
    .hint = a value with a colon in it goes in quotes, e.g. `name: "Chats: rules"`; a key is followed by a colon and a space
yaml-flow = invalid YAML: { $detail }
    .hint = inside `{"{"}…{"}"}` or `[…]` items are separated by commas and a value with a comma or colon goes in quotes
yaml-syntax = invalid YAML: { $detail }
    .hint = check indentation (spaces, not tabs), colons after keys and matching quotes
yaml-multiple-documents = the file holds more than one YAML document
    .hint = remove the `---` separator: one file, one document
empty-file = the file holds no data (it is empty or only has comments)
    .hint = fill it in (see the same file in policies/itep/) or remove it
yaml-bad-number = this number cannot be represented (NaN or infinity)
    .hint = write a finite number, or quote it to make it text
yaml-complex-key = mapping keys must be plain words
    .hint = use a simple key such as `name:`
yaml-unreadable-value = this value could not be read
    .hint = check the anchor or alias used here

## References and duplicates

who-signer = signer
who-admin = admin
who-additional-admin = additional admin
who-controller = controller
who-responsible = responsible person
who-visa = official who endorses the act
who-chair = chair
who-author = author
who-channel-owner = channel owner
who-chat-owner = chat owner
who-curator = curator
who-teacher = teacher
dup-act-id = act id
dup-person-id = person id
dup-order-id = order id
dup-cited-act = cited act
dup-group-chat = group chat
dup-chat-id = chat or group id
dup-council = council
duplicate-id = { $what } `{ $id }` appears twice
    .rename = ids must be unique; rename one of them
    .remove = each entry may appear once; remove the repeated one
duplicate-id-line = { $what } `{ $id }` appears twice (first at line { $line })
duplicate-institution-id = institution id `{ $id }` is also used by `{ $other }`
    .hint = each institution needs its own id; it names its folder under out/
suggest-did-you-mean = did you mean `{ $id }`? the ids are in { $source }
suggest-defined-in = use an id defined in { $source }
unknown-person = { $role } `{ $id }` is not in roles.yaml
kind-school = school
kind-college = college
kind-supplementary = supplementary-education institution
kind-preschool = preschool (kindergarten)

## The registry

missing-act = the registry has no `{ $id }`, which every regulation cites in its text
    .hint = add the entry `{ $id }` with its number, date, title and `source`
unknown-act-replaced-by = `replaced_by` names `{ $id }`, which is not in the registry
    .hint = add the replacing act to the registry, or correct the id

## One institution

id-folder-mismatch = id `{ $id }` differs from the folder name `{ $folder }`
    .hint = rename the folder to `{ $id }` or set `id: { $folder }`
position-not-in-kind = a { $kind } has no position `{ $position }`
    .hint = master and lab-head exist in colleges only; choose teacher or other
missing-head = no person has `position: head`
    .hint = the head signs and approves the regulation; add them to roles.yaml
multiple-heads = more than one person has `position: head`
    .hint = an institution has one head; give deputies `position: deputy`
missing-field-admin = an admin-appointment order needs `admin:`
    .hint = name the appointed platform administrator by person id
missing-order = appointments.yaml has no `{ $kind }` order
    .hint = add { $what }: `- {"{"}id: …, kind: { $kind }, number: …, date: YYYY-MM-DD, signer: <head>{"}"}`
    .regulation = the order on platform use (it approves or puts into force the regulation)
    .admin = the order appointing the platform administrator
missing-contact = the platform admin `{ $id }` has no `{ $field }`
    .hint = add `{ $field }:` to this person: { $why } (order `{ $order }` in appointments.yaml, item { $item })
    .phone = the appointment order gives the mobile number that receives the admin rights
    .email = the registration request is e-mailed from the admin's address
consent-after-order = the employee's consent of { $consent } comes after the order of { $order } that relies on it
    .hint = extra duties are given with the employee's written consent obtained before the order; check both dates
deadline-before-order = the deadline { $deadline } is before the order's own date { $order }
    .hint = a duty can only be due after the order is signed; check both dates
unknown-order = order `{ $id }` is not in appointments.yaml
wrong-order-kind = order `{ $id }` is not a regulation-approval order
    .hint = the regulation is approved by an order with `kind: regulation-approval`
approval-before-adoption = the regulation is approved on { $approved } but adopted by the council only on { $adopted }
    .hint = the head approves an act after the council has adopted it; check both dates
opinion-after-approval = the regulation is approved on { $approved } but the council's opinion is dated { $opinion }
    .hint = the council's opinion is taken before the act is approved; check both dates
replaced-act-not-earlier = the act this edition replaces is dated { $old }, not before the new one ({ $new })
    .hint = `replaces` names the previous act and the order that approved it; check the date
messenger-mismatch = the title names `{ $word }`, but `messenger` is `{ $messenger }`
    .hint = leave `title` out to have it made from the messenger, or change `messenger`
unknown-time-zone = `{ $zone }` is not an IANA time zone
    .hint = use a name such as Asia/Irkutsk, Asia/Omsk, Europe/Saratov, Asia/Yekaterinburg, Europe/Moscow
invalid-time = `{ $value }` is not a time of day
    .hint = write HH:MM on a 24-hour clock, from 00:00 to 23:59, e.g. "22:00"
invalid-time-same = quiet hours start and end at the same time
    .hint = give the evening start and the morning end, e.g. from "22:00" to "06:00"
empty-section = the `{ $section }` section is on, but { $what }
    .eios = institution.yaml lists no `eios` elements
    .eios-hint = list the site, the distance-learning system and the other elements under `eios:` in institution.yaml, or set `sections: {"{"}eios: false{"}"}`
    .opt-out = `opt_out.channels` is missing
    .opt-out-hint = say how the institution keeps those who refuse the platform informed, e.g. `opt_out: {"{"}channels: [phone, email]{"}"}`
    .ethics = `moderation` is missing
    .ethics-hint = add `moderation: {"{"}restrict_after: 3, restrict_max_days: 14{"}"}` (a temporary restriction of sending messages, with notice), or set `sections: {"{"}ethics: false{"}"}`
empty-section-default = the `{ $section }` section is on by default, but { $what }
opt-out-required = the opt-out section cannot be switched off
    .hint = using a third-party platform is voluntary: every regulation grants the right to refuse it (a parent for a minor, an adult student for himself); remove `opt_out: false`
council-opinion-missing = the regulation shows no opinion of the students' council or the parents' council
    .hint = Part 3 of Article 30 of Federal Law 273-FZ: an act that touches students' rights is adopted with the opinion of the students' council and the parents' council where they exist, else it does not apply (Part 4); add `considered: [{"{"}council: students, protocol: {"{"}number: …, date: …{"}"}{"}"}, {"{"}council: parents, protocol: …{"}"}]`, or `considered: []` if the institution has neither council
council-opinion-missing-preschool = the regulation shows no opinion of the parents' council
    .hint = Part 3 of Article 30 of Federal Law 273-FZ: an act that touches the rights of the children and their parents is adopted with the opinion of the parents' council where it exists, else it does not apply (Part 4); add `considered: [{"{"}council: parents, protocol: {"{"}number: …, date: …{"}"}{"}"}]`, or `considered: []` if the preschool has no parents' council
council-protocol-missing = the council's protocol is not given: the mark is printed with blanks
    .hint = add `protocol: {"{"}number: …, date: YYYY-MM-DD{"}"}` once the council has given its opinion, or fill the blanks in by hand before signing
signs-order = order `{ $id }`
signs-approval = the head's approval mark of the regulation
signs-visa = a visa of the regulation
signs-chair = the adopting body's mark, as its chair
placeholder-signer = `{ $id }` signs { $what }{ $more ->
    [0] {""}
   *[other] {" "}and { $more } more
}, but roles.yaml does not give their name (`placeholder: true`)
    .hint = write the person's real name and remove `placeholder: true`; or build a draft to fill in by hand: `build --draft`, or `draft: true` in institution.yaml (the name is left as a gap to fill in by hand, and every page carries the draft mark)

## Citations of legal acts

unknown-act = legal act `{ $id }` is not in the registry
    .source = policies/_registry/legal-acts.yaml (add the act there, with the `source` of its title, if it is missing)
letter-as-basis = `{ $id }` is a letter, not a normative act: it cannot be cited as the legal basis
    .hint = move `- act: { $id }` to `recommendations:`; the regulation then says it was drafted taking the recommendations of that letter into account
not-a-letter = `{ $id }` is not a letter; `recommendations` lists the letters that sent methodological recommendations
    .hint = move `- act: { $id }` to `legal_basis:`
act-already-in-force = `{ $id }` is already in force on the document's date { $date }
    .hint = move `- act: { $id }` to `legal_basis:`; `upcoming` is for acts that apply only from a later day
act-not-in-force = `{ $id }` applies only from { $from }, after the document's date { $date }
    .hint = a document cannot rely on an act before it applies: cite the act in force on { $date }, or move `- act: { $id }` to `upcoming:` to say it applies from { $from }
spent-act = `{ $id }` is spent: it applied until { $until }, before the document's date { $date }
repealed-act = `{ $id }` is repealed: it applied until { $until }, before the document's date { $date }
ended-act =
    .replaced = cite `{ $id }` instead, which replaced it
    .remove = remove it: an act that no longer applies is no basis for the document
act-date-mismatch = `{ $id }` is dated { $real } in the registry, not { $cited }
    .hint = write `date: { $date }` or leave the date out

## Preschools

children-in-chat = { $what }, but a preschool's children never join the platform
    .hint = a preschool's chats are staff chats and the parents' chats of its groups (`audience: parents`, `group-teachers`); remove this entry or make it a parents' one
    .channel = the channel `{ $id }` is for the children (`audience: students`)
    .council = the chat `{ $id }` is with a council of the children (`with: students-council`)
    .group = the chat of every group with `audience: { $audience }` has the group's children as members
adult-learners-not-in-kind = a preschool's children cannot be adults who take part and refuse the platform for themselves
    .hint = remove `adult_learners: true`: a preschool's parents take part and refuse for themselves and on the child's behalf
council-not-in-kind = a preschool has no students' council whose opinion the act could take into account
    .hint = Part 3 of Article 30 of Federal Law 273-FZ: a preschool's act takes into account the opinion of the parents' council (`council: parents`); remove this entry

## Files

tracked-by-git = `{ $path }` holds personal data or invite links, and git tracks it
    .hint = remove it from the repository (`git rm --cached <file>`, then commit), add `people/` and `invites.yaml` to .gitignore, and keep the file only where the build runs; data that is invented says so (`# invented` in a list, `invented: true` in invites.yaml)
invalid-value-file = cannot read this file: { $reason }
    .hint = check the value against the schema named in the file's first line

## People lists (CSV, XLSX)

csv-columns =
    .hint = the first line names the columns: id, role, surname, name, patronymic, child, phone, email, council (id, role, surname and name are required), separated like the rows: by commas, semicolons (Excel in Russian) or tabs
csv-separated =
    .semicolons = separated by semicolons
    .tabs = separated by tabs
    .commas = separated by commas
csv-unknown-group = `{ $group }` is not the id of a group in chats.yaml
    .hint = name each people list after its group: people/<group id>.csv; the groups are: { $groups }
csv-duplicate-column = the column `{ $name }` is named twice
csv-unknown-column = unknown column `{ $name }` (the columns read as { $separated })
    .hint = did you mean `{ $column }`? { $columns }
csv-missing-column = the people list has no `{ $column }` column (the columns read as { $separated })
csv-wrong-field-count = this row has { $values } values; the first line names { $columns } columns ({ $separated })
    .hint = every row has one value per column, empty ones too (`a,,c`), separated like the first line; a value with the separator in it goes in double quotes
csv-empty-value = column `{ $column }`: the value is empty
    .hint = id, role, surname and name are required in every row
csv-bad-id = column `id`: `{ $id }` is not an id
    .hint = an id is lower-case Latin letters, digits and hyphens, e.g. `ivanov-petr` or `s01`; it must not change between versions of the list
csv-bad-role = column `role`: `{ $role }` is neither `student` nor `parent`
    .hint = write `student` for a student and `parent` for a parent (legal representative)
csv-bad-phone = column `phone`: `{ $phone }` is not a Russian mobile number
    .hint = write a mobile number as +7 9XX XXX-XX-XX (8 9XX XXX-XX-XX and 9XXXXXXXXX are read too); leave it empty when unknown
csv-bad-email = column `email`: `{ $email }` is not an e-mail address
    .hint = write one address like name@example.ru, or leave it empty
csv-bad-council = column `council`: `{ $value }` is neither `yes` nor `no`
    .hint = write `yes` for a member of the parents' or students' council, or leave it empty
csv-duplicate-person = column `id`: `{ $id }` is listed twice (first at { $first })
    .hint = each person is listed once, in the list of their group (a parent of two children: one row per child, each with its own id)
csv-twin-person = { $name } is listed twice: as `{ $first }` (line { $line }) and as `{ $id }`
    .hint = delete one of the two rows; two different people with the same name need different phones or children
child-invited = column `{ $column }`: the child `{ $id }` would be invited, but a preschool's children never join the platform
    .hint = a child's row only names the child whom a parent represents: leave `phone`, `email` and `council` empty in it; the parents' rows carry the contacts
csv-missing-child = column `child`: a parent's row names no child
    .hint = write the id of the parent's child (a student of this list) in the `child` column
csv-unknown-student = column `child`: `{ $child }` is not a student of this list
    .hint = a parent points at the id of a student listed in people/{ $group }.csv; a parent of children in two groups is listed in each group's list
csv-unexpected-child = column `child`: a student's row names a child (`{ $child }`)
    .hint = only a parent's row names a child; is `role` right?
csv-syntax = cannot read this row ({ $separated }): { $detail }
    .hint = check the quotes: a value with a comma or a quote is written in double quotes, a quote inside doubled ("")
xlsx-unreadable = cannot read `{ $path }` as an Excel workbook: { $reason }
    .hint = save the list as an .xlsx workbook (Excel 2007 or later) or as CSV; the first sheet is read
xlsx-no-sheet = the workbook has no sheet
list-too-large = `{ $path }` is larger than { $limit } MiB
    .hint = a group's people list is a few kilobytes; check that the right file is in people/

## Invite links (invites.yaml)

invite-unknown-chat = `{ $chat }` is not a chat of this institution
    .hint = the chats are: { $chats }
    .did-you-mean = did you mean `{ $chat }`? the chats are: { $chats }
invite-duplicate-chat = `{ $chat }` has a second link (the first is link { $first })
    .hint = keep only the link the platform shows now; revoke the other one on the platform
invite-bad-link = `{ $url }` is not an invite link of the platform: { $why }
    .hint = paste the link exactly as the platform shows it: https:// and one of { $hosts }
    .spaces = it has spaces or control characters
    .scheme = it does not start with https://
    .userinfo = the address has a user name or a port
    .host = `{ $host }` is not the platform's address
    .empty = it has no invite in it
invite-created-in-future = the link was created on { $created }, after today ({ $today })
    .hint = write the day the platform created the link, as YYYY-MM-DD
invite-expired = the link was created on { $created }, { $age } days ago; links live { $lifetime } days ({ $whose })
    .hint = revoke the old link on the platform, create a new one and paste it here with today's date
    .rules = rules.yaml, `invite_links.lifetime_days`
    .default = the default; rules.yaml can set `invite_links.lifetime_days`

## Folders and files

input-not-found = `{ $path }` is not a folder
    .hint = pass a folder of institutions (default: policies/) or one institution's folder
linked-folder = `{ $path }` is a link to a folder; institution folders must be real folders
    .hint = copy the institution's folder into the input folder instead of linking to it
no-institutions = no institution folders under `{ $path }`
    .hint = each institution is a folder with institution.yaml, roles.yaml, appointments.yaml, chats.yaml and rules.yaml
not-a-file = `{ $path }` is { $kind ->
        [fifo] a named pipe (FIFO)
        [socket] a socket
        [device] a device file
        [folder] a folder
       *[other] a special file
    }, not a regular file; it is not read
    .hint = put a regular file with the data in its place
linked-input-folder = the folder `{ $path }` is a link that points outside the input folder (or nowhere)
    .hint = the people/, signatures/ and _registry/ folders must live inside the input folder; copy the folder instead of linking to it
broken-link = `{ $path }` is a link to a file that does not exist
path-outside-root = `{ $path }` points outside the input folder
    .hint = input files must live inside the policies folder; copy the file instead of linking to it
    .link = `{ $path }` is a link that points outside the input folder (or nowhere)
    .overlay-hint = the template overlay's files must live inside its folder; copy the file instead of linking to it
    .people-hint = people lists must live inside the institution's people/ folder; copy the file instead of linking to it
unknown-file = `{ $name }` is not an input file sferum-gen reads; it is ignored
    .hint = the input files are institution.yaml, roles.yaml, appointments.yaml, chats.yaml and rules.yaml
    .did-you-mean = did you mean `{ $name }`? rename the file
missing-file = `{ $path }` is missing
    .hint = every institution folder needs { $file }; see policies/itep/ for an example
people-file-ignored = `{ $path }` is not read: a people list is a .csv or .xlsx file
    .hint = save the list as CSV (commas, semicolons or tabs; UTF-8) or as an .xlsx workbook, named after its group: people/<group id>.csv

## Schema checks

schema-description-key = x-description-en
schema-described = `{ $field }`: { $description }
field-document = (document)
not-filled = `{ $field }` is not filled in: { $what }
    .hint = write the value in place of the placeholder `sferum-gen init` left here
missing-field = missing required field `{ $name }`
    .hint = add `{ $name }:` here
    .add = add `{ $name }:` — { $description }
missing-field-in = missing required field `{ $name }` in `{ $field }`
unlawful-sanction = `moderation.{ $key }` sets a sanction that Article 43 of Federal Law 273-FZ does not allow: the only disciplinary measures are a remark, a reprimand and expulsion
    .hint = a moderator may delete a message that breaks the rules and, with notice, temporarily restrict sending messages: write `moderation: {"{"}restrict_after: 3, restrict_max_days: 14{"}"}`; no blocking, apologies or votes
unknown-key = unknown key `{ $key }`
    .hint = known keys here: { $keys }
    .did-you-mean = did you mean `{ $key }`? known keys here: { $keys }
    .no-keys = this key is not allowed here; the editor's hints (the schema named in the file's first line) list the keys that are
unknown-key-in = unknown key `{ $key }` in `{ $field }`
json-string = text
json-integer = an integer
json-number = a number
json-boolean = a boolean
json-array = a list
json-object = a mapping
json-null = nothing (null)
json-found-null = nothing (null)
json-or = {" "}or{" "}
wrong-type = `{ $field }` must be { $expected }, found { $found }
did-you-mean = did you mean `{ $value }`?
did-you-mean-then = did you mean `{ $value }`? { $then }
unknown-value = `{ $field }` is `{ $value }`; expected one of: { $expected }
unknown-value-constant = `{ $field }` must be `{ $value }`
look-alike =
    .latin = `{ $letter }` ({ $code }, a Cyrillic letter) looks like the Latin `{ $latin }`
    .cyrillic = `{ $letter }` ({ $code }) is a Cyrillic letter
    .hint = { $letters }; switch the keyboard to the Latin layout and type them again. { $description }
bad-format = `{ $field }` has an invalid form: `{ $value }`
no-such-day = `{ $field }` is `{ $value }`, a day that does not exist: that month has { $days } days
    .hint = check the day and the month (YYYY-MM-DD)
bad-date = `{ $field }` is not a valid date: `{ $value }`
    .hint = write dates as YYYY-MM-DD, e.g. 2023-10-25
bad-format-named = `{ $field }` is not a valid { $format }: `{ $value }`
    .hint = expected a { $format }
out-of-range =
    .below = `{ $field }` is { $value }, below the smallest allowed value { $limit }
    .above = `{ $field }` is { $value }, above the largest allowed value { $limit }
too-few-items = `{ $field }` needs at least { $limit ->
    [one] 1 item
   *[other] { $limit } items
}
    .hint = add an item to the list
empty-value = `{ $field }` is empty
too-long = `{ $field }` is longer than { $limit } characters
wrong-shape = `{ $field }` does not match any allowed form
    .hint = see the schema in schemas/ for the allowed forms
schema-violation = `{ $field }`: { $detail }

## Templates (an overlay)

overlay-unused = the overlay file `{ $name }` replaces no built-in template
    .hint = name it by the path of a built-in template (`sferum-gen templates export DIR` lists them), or start a partial's name with `_`
unreadable-overlay = cannot read the overlay file: { $reason }
    .folder = cannot read the overlay folder: { $reason }
template-error = template `{ $name }`: { $detail }
    .hint = fix the overlay file, or delete it to use the built-in template; `sferum-gen templates export DIR` writes the built-in set with the variables each template uses
template-error-institution = `{ $id }`: { $detail }
layout-error = the layout does not compile: { $detail }
    .hint = fix the overlay's layout, or delete it to use the built-in one

## Case forms of names and posts

unknown-word = `{ $field }`: `{ $word }` is not in the dictionary, so its other cases are guessed
    .hint = see them with `sferum-gen check --forms`; write any wrong one in the data, e.g. `{"{"}nom: …, gen: …{"}"}`
forms-post-of = post of { $id }
forms-case =
    .nom = nom
    .gen = gen
    .dat = dat
    .acc = acc
    .ins = ins
    .prep = prep
forms-source =
    .written = written
    .derived = derived
    .as-derived = written, as derived
    .would-be = derived would be
forms-guessed = not in the dictionary (forms guessed from the ending): { $words }

## Characters

control-character = the value of `{ $field }` has the control character { $char }
    .raw = the file has the control character { $char }
    .hint = remove it: a value is one line without control characters (in YAML also without escapes such as "\0" or "\n")
noncharacter = the value of `{ $field }` has { $char }, which Unicode reserves as no character
    .raw = the file has { $char }, which Unicode reserves as no character
    .hint = remove it; it usually comes from copying out of a damaged file
bidi-control = the value of `{ $field }` has { $char }, which changes the direction of text
    .raw = the file has { $char }, which changes the direction of text
    .hint = remove it: such characters reorder what a reader sees, so the printed text would differ from the written one
zero-width-character = the value of `{ $field }` has the invisible zero-width character { $char }
    .hint = remove it: the value looks the same, but two values that look alike then differ
glyph-missing = the bundled fonts cannot draw { $char } («{ $shown }») of the value of `{ $field }`, so no PDF can be built with it
    .hint = write the character (an emoji, a rare symbol) as words or plain letters
value-too-long = the value of `{ $field }` is longer than { $limit } characters
    .hint = check that the right value was pasted: no field is this long
bad-email = `{ $email }` is not one e-mail address
    .hint = write one address such as name@domain.org: no name, angle brackets, commas or spaces
personal-data-in-public = `{ $field }` holds { $kind ->
    [phone] the phone
    [email] the e-mail address
    [name] the name of a student or parent
    [invite-link] the invite link
   *[invite-token] the invite link's code
} of `{ $source }`, and this value is printed in public documents or in `config/`
    .hint = remove it from here: phones, addresses and names of `roles.yaml` and the `people/` lists and the links of `invites.yaml` go only into `restricted/`
personal-data-shape = `{ $field }` holds something like { $kind ->
    [phone] a phone number
    [email] an e-mail address
   *[invite-link] an invite link
}, and this value is printed in public documents or in `config/`
    .hint = if it is someone's own phone or address, or an invite link, remove it; the institution's official phone and address go into `contacts` in `institution.yaml`
xlsx-expands-too-much = the workbook `{ $path }` expands to more than { $limit } MiB
    .hint = no people list is that large: save the list again from the spreadsheet, or export it as CSV

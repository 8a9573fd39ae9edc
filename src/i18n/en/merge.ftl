# Region builds in parts on CI: build --shard K/N and merge.

## Help

cli-build--shard = Build only part K of N of the institutions (e.g. `--shard 2/4` in the second of four CI jobs). An institution's part follows from its id: the first 8 bytes of the id's SHA-256, modulo N, equal K − 1; the partition is the same on every run, machine and version of the tool. Combines with --only. `sferum-gen merge` joins the parts' outputs.
cli-sign--shard = { cli-build--shard }
cli-merge = Assemble one output folder from the outputs of `build --shard K/N`.
    .long = Assemble one output folder from the outputs of `build --shard K/N` (e.g. the artifacts of N CI jobs), with one index.json: byte for byte what one build of every institution gives.

    Before anything is written, each part is checked against its own index.json: refused (exit code 2) when a folder has no index.json, when a file's size or SHA-256 differs from it, when a folder holds a file it does not list, or when one institution is in two parts. The output folder must be new, empty or the result of a previous merge (replaced as a whole). Restricted files (restricted/) are owner-only, as after `build`; the write is atomic, as `build`'s.
cli-merge--shards = The parts' output folders (`build --shard K/N --out DIR`), each with its index.json.
cli-merge--out = The output folder: new, empty, or the result of a previous merge.

## --shard K/N

shard-not-k-of-n = expected K/N, two whole numbers with a slash, e.g. 2/4
shard-no-parts = the number of parts N must be at least 1
shard-out-of-range = the part K must be from 1 to { $count }

## merge

cli-merged = merged { $institutions } { $institutions ->
    [one] institution
   *[other] institutions
} from { $shards } { $shards ->
    [one] part
   *[other] parts
}, { $files } { $files ->
    [one] file
   *[other] files
} into { $out }
merge-no-index = `{ $folder }` has no index.json: it is not a build output (or its build did not finish)
merge-bad-index = `{ $index }` is not a build's index.json: { $reason }
merge-unfinished = `{ $index }` is the index.json of a build stopped while replacing the folders of: { $ids }; build this part again
merge-outside-folder = `{ $index }` names the path `{ $path }`, which leaves its institution's folder
merge-overlap = institution `{ $id }` is in two parts, `{ $first }` and `{ $second }`; parts must not overlap (build them with one N: --shard 1/N … N/N)
merge-unlisted = `{ $path }` is not in `{ $index }`: the folder does not match its index.json
merge-missing = `{ $path }` is listed in `{ $index }` but is not there
merge-mismatch = `{ $path }` does not match `{ $index }`: listed with { $bytes } { $bytes ->
    [one] byte
   *[other] bytes
} and SHA-256 { $sha256 }, the file has { $found_bytes } { $found_bytes ->
    [one] byte
   *[other] bytes
} and SHA-256 { $found_sha256 }
merge-target-not-folder = `{ $out }` is not a folder
merge-target-not-empty = the folder `{ $out }` is not empty and is not the result of a previous merge ({ $reason }); nothing written: give a new or empty folder
merge-target-overlaps = the output folder `{ $out }` is a part (`{ $shard }`), inside one, or holds one

# Errors of the later stages that a user can meet: rosters read back, output paths.

roster-read-failed = failed to read `{ $path }`
roster-not-json = `{ $path }` is not valid JSON
roster-no-offboarding = `{ $path }`: no `offboarding.remove_parents_of_leavers` (true or false)
roster-not-csv = { $place }: not a roster CSV: { $why }
    .values = { $values } values where a roster row has { $columns }
    .utf8 = not UTF-8
    .header = the header has { $found } columns, a roster { $columns }
roster-wrong-chat = { $place }: the row is of chat `{ $row }`, the file of chat `{ $file }`
roster-no-id = { $place }: a { $role } without an ID
roster-not-institution = `{ $path }` is neither an institution folder nor usable as a people folder without --institution DIR

## The output folder

build-changed-meanwhile = the folder `{ $folder }` changed during the build and now has errors; nothing was written: fix it and run the build again

emit-locked = another sferum-gen is building into `{ $out }` right now; wait until it finishes and run again
emit-lock-failed = cannot lock the output folder (`{ $path }`)

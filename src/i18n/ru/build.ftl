# Ошибки поздних этапов, с которыми может столкнуться пользователь: чтение списков, пути результатов.

roster-read-failed = не удалось прочитать `{ $path }`
roster-not-json = `{ $path }` — не корректный JSON
roster-no-offboarding = `{ $path }`: нет `offboarding.remove_parents_of_leavers` (true или false)
roster-not-csv = { $place }: это не CSV-список приглашений: { $why }
    .values = в строке значений: { $values }, а в списке приглашений их { $columns }
    .utf8 = файл не в кодировке UTF-8
    .header = в заголовке столбцов: { $found }, а в списке приглашений их { $columns }
roster-wrong-chat = { $place }: строка относится к чату `{ $row }`, а файл — к чату `{ $file }`
roster-no-id = { $place }: у строки с ролью «{ $role }» нет идентификатора
roster-not-institution = `{ $path }` — не папка организации; как папку людей её можно прочитать только с --institution ПАПКА

## Папка результатов

build-changed-meanwhile = папка `{ $folder }` изменилась во время сборки, и в ней теперь есть ошибки; ничего не записано: исправьте её и запустите сборку снова

emit-locked = в `{ $out }` сейчас собирает другой запуск sferum-gen; дождитесь его окончания и запустите снова
emit-lock-failed = не удалось заблокировать папку результатов (`{ $path }`)

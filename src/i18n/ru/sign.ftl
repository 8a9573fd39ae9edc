# Подписание и проверка подписей.

signing-needs-sign = ключ подписи (--key, --cert или --p12) указан без --sign
    .hint = добавьте --sign, чтобы подписать документы, или используйте `sferum-gen sign`
signing-identity-missing = для подписания нужны закрытый ключ и его сертификат
    .hint = укажите --key ФАЙЛ и --cert ФАЙЛ (и --chain ФАЙЛ для удостоверяющего центра) или --p12 ФАЙЛ; храните их вне проекта
signing-key-password-missing = закрытый ключ зашифрован, а пароль не указан
    .hint = укажите --password-env ПЕРЕМЕННАЯ (имя переменной окружения с паролем) или --password-stdin
    .p12 = для файла PKCS#12 нужен пароль
    .env = переменная окружения `{ $var }`, названная в --password-env, не задана
    .env-hint = перед подписанием выполните export { $var }=… (или используйте --password-stdin)
    .stdin = не удалось прочитать пароль из стандартного ввода (`{ $reason }`)
signing-key-wrong-password = пароль не подходит к закрытому ключу
    .hint = проверьте пароль в переменной, названной в --password-env (или в стандартном вводе); из командной строки пароль не принимается
    .p12 = файл PKCS#12 не открывается этим паролем (`{ $reason }`)
signing-key-unreadable =
    .hint = sferum-gen подписывает ключами RSA (от 2048 бит) или ECDSA P-256 в PEM или DER
    .public = не удалось закодировать открытый ключ (`{ $reason }`)
    .p12-empty = в файле PKCS#12 нет закрытого ключа с сертификатом
    .not-text = PEM-файл не является текстом
    .not-pem = это не закрытый ключ в PEM (`{ $reason }`)
    .not-pkcs8 = это не зашифрованный ключ PKCS#8 (`{ $reason }`)
    .decrypted = расшифрованный ключ — ни RSA, ни ECDSA P-256
    .kind = ключ — ни закрытый ключ RSA, ни ECDSA P-256 (PKCS#8, PKCS#1 или SEC1, PEM или DER)
signing-key-old-cipher = закрытый ключ зашифрован алгоритмом { $cipher }, который sferum-gen не читает
    .hint = перешифруйте его алгоритмом AES-256 (будут запрошены старый и новый пароли): openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY.pem -out KEY-aes.pem; затем укажите --key KEY-aes.pem
signing-file-unreadable = не удалось прочитать `{ $path }` (`{ $reason }`)
    .hint = проверьте путь в --key, --cert или --chain
    .key-hint = проверьте путь в --key
signing-key-in-repository = закрытый ключ `{ $key }` лежит внутри { $place }
    .hint = храните закрытые ключи вне проекта и любых рабочих копий git (например, в ~/.config/sferum-gen/ или на токене), где их нельзя случайно закоммитить; затем укажите этот путь в --key
    .project = папки проекта `{ $dir }`
    .git = рабочей копии git `{ $dir }`
certificate-key-mismatch = сертификат не соответствует закрытому ключу
    .hint = укажите сертификат, выданный для `{ $key }` (его открытый ключ должен совпадать с ключом)
    .p12 = в файле PKCS#12 нет сертификата для его закрытого ключа
    .p12-hint = экспортируйте ключ вместе с его сертификатом (и цепочкой)
certificate-unreadable = это не сертификат X.509 (`{ $reason }`)
    .hint = передайте сертификат в PEM или DER
    .empty = в файле нет ни одного сертификата
    .p12 = сертификат в файле PKCS#12 не читается (`{ $reason }`)
    .encode = не удалось закодировать сертификат (`{ $reason }`)
certificate-not-yet-valid = на момент подписания ({ $time }) сертификат ещё не действует: срок действия с { $from } по { $to }
certificate-expired = на момент подписания ({ $time }) срок действия сертификата истёк: он действовал с { $from } по { $to }
    .hint = подписывайте сертификатом, действующим на дату подписания (SOURCE_DATE_EPOCH или signing.date), или укажите --allow-expired, чтобы подписать всё равно
certificate-owner-unchecked = `{ $id }`: вместо имени подписанта ({ $post }) в roles.yaml стоит заполнитель, поэтому владельца сертификата «{ $owner }» сравнить не с кем
    .hint = впишите в roles.yaml настоящее имя подписанта (и удалите `placeholder: true`)
certificate-owner-mismatch = `{ $id }`: сертификат принадлежит «{ $owner }», а документы подписывает «{ $signer }»
    .hint = подписывайте собственным сертификатом подписанта или проверьте его имя в roles.yaml
external-signature-orphan = `{ $signature }` подписывает `{ $artifact }`, а этот файл сборка не создаёт
    .hint = назовите файл подписи по подписываемому файлу, как в out/<id>/ (например, signatures/public/regulation.pdf.sig)

## verify

verify-status =
    .valid = действителен
    .tampered = изменён
    .unsigned = не подписан
    .untrusted = нет доверия
    .refused = отклонён
verify-signer = { $owner } (сертификат { $serial })
verify-no-signature = подписи нет
verify-bad-range = диапазон байтов { $range } не соответствует файлу
verify-not-hex = содержимое подписи записано не в шестнадцатеричном виде
verify-digest-mismatch = хеш не совпадает: подписанные байты изменены
verify-certificate-not-valid = сертификат (действует с { $from } по { $to }) не действовал на момент подписания ({ $time })
verify-appended = изменён после подписания: подпись покрывает байты 0–{ $signed } из { $size }, после подписанной редакции дописано байтов: { $added }
verify-not-pdf = это не PDF: в начале файла нет заголовка %PDF-
verify-truncated = файл обрезан: он не заканчивается на %%EOF (размер { $size } Б); подпись, если она была, утрачена
verify-too-many-signatures = в файле { $count } полей /ByteRange, проверяется не больше { $limit }
verify-malformed-range = /ByteRange повреждён: после него не четыре числа в скобках (`{ $range }`)
verify-range-not-from-start = диапазон байтов { $range } начинается не с начала файла
verify-range-overlaps = части диапазона байтов { $range } перекрываются или идут не по порядку
verify-range-past-end = диапазон байтов { $range } кончается на байте { $end }, а в файле { $size } Б: файл обрезан или диапазон изменён
verify-contents-too-large = содержимое подписи /Contents занимает { $size } шестнадцатеричных цифр, больше допустимых { $limit }
verify-listed-twice = { $file } указан в манифесте дважды
verify-not-regular = { $file } — не обычный файл ({ $kind }), он не открывался
verify-file-kind =
    .fifo = именованный канал
    .socket = сокет
    .device = устройство
    .folder = папка
    .other = особый файл
verify-too-large = { $file } больше предела ({ $size } Б при пределе { $limit } Б), он не читался
verify-outside-folder = { $file } выходит за папку манифеста (`..`, абсолютный путь или ссылка наружу), он не читался
verify-read-failed = { $file } не читается: { $reason }
verify-pdf-valid = { $count } { $count ->
    [one] подпись
    [few] подписи
   *[many] подписей
}, покрыт весь файл
verify-malformed-line = строка повреждена (`{ $line }`)
verify-file-changed = { $file } изменён
verify-file-missing = { $file } отсутствует
verify-no-manifest-signature = нет { $file }; { $summary }
verify-manifest-changed = манифест изменён после подписания
verify-files-match = { $count ->
    [one] совпадает { $count } файл
    [few] совпадают { $count } файла
   *[many] совпадают { $count } файлов
}
verify-not-pem = это не подпись в PEM (`{ $reason }`)
verify-artifact-missing = подписанный файл `{ $file }` отсутствует
verify-gost-valid = хеш ГОСТ Р 34.11-2012 совпадает с файлом; значение подписи ГОСТ и сертификат здесь не проверяются (используйте сертифицированные средства)
verify-gost-changed = { $file } изменён после подписания (хеш ГОСТ не совпадает)
verify-changed = { $file } изменён после подписания (хеш не совпадает)
verify-detached-valid = отсоединённая подпись соответствует { $file }
cms-not-cms = это не структура CMS (`{ $reason }`)
cms-damaged = структура SignedData повреждена (`{ $reason }`)
cms-no-signer = нет подписанта
cms-not-signed-data = это не подпись CMS SignedData
cms-signer-by-key-id = подписант указан идентификатором ключа, а не издателем и серийным номером; такие подписи не проверяются
cms-signer-certificate-missing = в подписи нет сертификата подписанта
cms-no-message-digest = нет подписанного атрибута message-digest (хеша подписанных данных)
cms-no-trust-anchor = не указан доверенный корневой сертификат (--trust)
cms-digest-algorithm = неподдерживаемый алгоритм хеширования { $oid }
cms-no-attributes = нет подписанных атрибутов
cms-bad-signature = значение подписи не проходит проверку (`{ $reason }`)
cms-no-issuer = нет доверенного издателя для «{ $subject }»
cms-self-signed = самоподписанный «{ $subject }» не является доверенным корневым сертификатом
cms-chain-too-long = цепочка сертификатов слишком длинная
verify-covered-by-manifest = подписи в PDF нет; файл покрыт подписанным манифестом
cms-not-a-ca = «{ $issuer }» выдал сертификат «{ $subject }», но сам не является сертификатом удостоверяющего центра

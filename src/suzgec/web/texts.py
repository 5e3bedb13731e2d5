"""Turkish strings of the web pages and API errors (the core's live in suzgec.messages)."""

from __future__ import annotations

from suzgec.model import Status

DEFAULT_AUTHOR = "Okur"
AUTHOR_TOO_LONG = "Ad en fazla {limit} karakter olabilir."
AUTHOR_CONTROL_CHAR = (
    "Ad görünmeyen bir denetim ya da yazı yönü karakteri içeriyor ({code}); adı bu karakter "
    "olmadan yeniden yazın."
)
BAD_ENCODING = "İstek geçerli UTF-8 olmalı."
BAD_BODY = "İstek gövdesi okunamadı: geçerli UTF-8 JSON gönderin."
BAD_FORM = "Form eksik ya da hatalı gönderildi; sayfayı yenileyip yeniden deneyin."
CSRF_FAILED = "Formun süresi dolmuş ya da form başka bir siteden gönderilmiş; sayfayı yenileyin."
RATE_LIMITED = "Çok sık yorum gönderiyorsunuz; {seconds} saniye sonra yeniden deneyin."
TOO_LARGE = "İstek çok büyük (en fazla {limit} bayt)."
IDEMPOTENCY_KEY_INVALID = (
    "Idempotency-Key başlığı 16–200 karakterlik, boşluksuz ASCII bir değer olmalı; "
    "her yeni yorum için rastgele bir UUID gönderin."
)
IDEMPOTENCY_KEY_REUSED = (
    "Bu Idempotency-Key başka bir istekle kullanılmış: yeniden denerken isteği aynen "
    "gönderin; yeni bir yorum için yeni bir anahtar (ör. UUID) kullanın."
)
NOT_FOUND = "Aradığınız sayfa bulunamadı."
METHOD_NOT_ALLOWED = "Bu adres bu yöntemi desteklemiyor."
UNAUTHORIZED = "Bu işlem için moderatör girişi gerekli."
BAD_LOGIN = "Kullanıcı adı ya da parola yanlış."
LOGIN_THROTTLED = "Çok fazla giriş denemesi yapıldı; {seconds} saniye sonra yeniden deneyin."
ACCOUNT_DISABLED = "Bu moderatör hesabı kapatılmış; yöneticinize başvurun."
FORM_USED = (
    "Bu form zaten gönderildi. Yorumunuz aşağıda duruyor; yeniden göndermek için "
    "bir kez daha Gönder'e basın."
)
SUGGESTION_REVIEW = "Önerilen metin de bir moderatör baktıktan sonra yayımlanır."
CONTENT_MUST_CHANGE = (
    "Yazım düzeltmesi bu yorumu yayımlanabilir yapmaz: içeriği kurala aykırı. "
    "Yayımlanması için söylediğinizi değiştirmelisiniz."
)
INTERNAL = "Beklenmeyen bir hata oluştu; yöneticiye bildirin."
UNSUPPORTED_FORM = "Form application/x-www-form-urlencoded olarak gönderilmeli."

# Settings the web layer checks when the app is built (an operator reads these).
BAD_TRUSTED_PROXY = (
    "trusted_proxies ayarındaki “{entry}” bir IP adresi ya da ağ değil; "
    "127.0.0.1 ya da 10.0.0.0/8 gibi yazın."
)
NO_TRUSTED_PROXY = (
    "trust_proxy_headers açık ama trusted_proxies boş: vekil sunucunuzun (proxy) adresini "
    "trusted_proxies ayarına yazın ya da trust_proxy_headers ayarını kapatın."
)
BAD_IMAGE_HOST = (
    "image_hosts ayarındaki “{entry}” bir site adresi değil; yol olmadan, "
    "https://cdn.gazete.example gibi yazın."
)

DATA_DIR_FAILED = (
    "Veri klasörü {path} oluşturulamadı ({reason}); data_dir ayarını bu kullanıcının "
    "yazabildiği bir klasöre çevirin."
)
# Warnings on start, for the operator.
OLD_DATABASE_PLACE = (
    "Veritabanı eski yerinde kullanılıyor: {old}. Sunucuyu durdurup suzgec.db dosyasını "
    "(varsa suzgec.db-wal, suzgec.db-shm ve suzgec.secret ile) {data} klasörüne taşıyın "
    "ya da database_url ayarını verin."
)
OLD_SECRET_PLACE = (
    "İmza anahtarı eski yerinden okunuyor: {old}. Sunucuyu durdurup dosyayı {new} olarak "
    "taşıyın ya da secret_key ayarını verin."
)
SECRET_MODE_FIXED = (
    "İmza anahtarı dosyası {path} başkalarınca okunabiliyordu (izinler {mode}); yalnızca "
    "sahibi okuyabilsin diye 0600 yapıldı. Anahtar sızmış olabilir: gerekirse dosyayı silip "
    "sunucuyu yeniden başlatın (tüm oturumlar kapanır)."
)
SECRET_MODE_OPEN = (
    "İmza anahtarı dosyası {path} başkalarınca okunabiliyor (izinler {mode}) ve "
    "değiştirilemedi: chmod 600 {path} komutunu dosyanın sahibi olarak çalıştırın."
)

# Article photos (POST /api/articles).
IMAGE_NOT_HTTP = (
    "Fotoğraf adresi http:// ya da https:// ile başlayan tam bir adres (ör. "
    "https://cdn.gazete.example/foto.jpg) ya da bu sunucuda / ile başlayan bir yol olmalı; "
    "boşluk, ters eğik çizgi ve kullanıcı adı içeremez."
)
IMAGE_HOST_NOT_ALLOWED = (
    "Fotoğraf {origin} adresinden geliyor ama bu site image_hosts ayarında yok, bu yüzden "
    "tarayıcı fotoğrafı göstermez. Fotoğrafı izin verilen bir siteye koyun ya da sunucu "
    "yöneticisinden {origin} adresini image_hosts ayarına eklemesini isteyin."
)

PUBLISHED = {
    Status.APPROVED: "Yorumunuz yayımlandı.",
    Status.PENDING: "Yorumunuz moderatör onayını bekliyor; onaylanınca yayımlanacak.",
    Status.REJECTED: "Yorumunuz şu nedenlerle yayımlanmadı:",
}

STATUS_NAMES = {
    Status.PENDING: "Onay bekliyor",
    Status.APPROVED: "Yayımlandı",
    Status.REJECTED: "Reddedildi",
}

# The notice after a moderator's decision on the queue or the rejections page.
DECIDED = {
    "approve": "{id} numaralı yorum onaylandı.",
    "reject": "{id} numaralı yorum reddedildi.",
    "overturn_approve": "{id} numaralı yorum onaylandı (otomatik karar bozuldu).",
    "overturn_reject": "{id} numaralı yorum reddedildi (önceki karar bozuldu).",
}
UNDO_HINT = "Kararınızı {minutes} dakika içinde (en geç {until}) geri alabilirsiniz."
UNDONE = "{id} numaralı yorumdaki karar geri alındı; yorumun durumu yeniden: {status}."
# -- request checks (suzgec.web.errors): each says what to send instead ----------
HEADERS_TOO_LARGE = (
    "İstek başlıkları çok büyük (en fazla {limit} bayt); çerezleri temizleyin ya da "
    "başlıkları kısaltıp yeniden deneyin."
)
JSON_TOO_DEEP = (
    "İstek gövdesindeki JSON çok derin iç içe geçmiş; dizileri ve nesneleri daha az iç içe "
    "gönderin."
)
BAD_JSON_AT = (
    "Geçersiz JSON ({position}. karakterde): {reason}; gövdeyi geçerli JSON olarak gönderin."
)
# Python's json error messages (json.JSONDecodeError.msg), in Turkish.
JSON_REASONS = {
    "Expecting value": "burada bir değer bekleniyordu",
    "Expecting property name enclosed in double quotes": "çift tırnak içinde alan adı bekleniyordu",
    "Expecting ':' delimiter": "“:” bekleniyordu",
    "Expecting ',' delimiter": "“,” bekleniyordu",
    "Unterminated string starting at": "metin kapanmamış (tırnak eksik)",
    "Invalid control character at": "metnin içinde kaçışsız denetim karakteri var",
    "Invalid \\escape": "geçersiz ters eğik çizgi kaçışı",
    "Invalid \\uXXXX escape": "geçersiz \\uXXXX kaçışı",
    "Extra data": "JSON değerinden sonra fazladan veri var",
    "Illegal trailing comma before end of object": "nesnenin sonunda fazladan virgül var",
    "Illegal trailing comma before end of array": "dizinin sonunda fazladan virgül var",
}
JSON_REASON_OTHER = "sözdizimi hatası"
INVALID_REQUEST = "İstek geçersiz: {problems}"
# What a validation error is about: a field of the JSON body, a parameter of the address.
FIELD = "“{name}” alanı"
PARAMETER = "“{name}” parametresi"
HEADER = "“{name}” başlığı"
BODY = "İstek gövdesi"
BODY_MISSING = "İstek gövdesi boş; Content-Type: application/json ile bir JSON nesnesi gönderin."
# Validation errors by pydantic's error type; {subject} is one of the four above, the other
# names come from the error's context.
VALIDATION = {
    "missing": "{subject} zorunlu; ekleyin.",
    "string_type": "{subject} metin (JSON string) olmalı.",
    "string_unicode": (
        "{subject} eşi olmayan bir vekil karakter (ör. \\ud800) içeriyor; geçerli Unicode "
        "metin gönderin."
    ),
    "string_nul": "{subject} NUL (\\u0000) karakteri içeremez; kaldırın.",
    "string_too_short": "{subject} en az {min_length} karakter olmalı.",
    "string_too_long": "{subject} en fazla {max_length} karakter olabilir.",
    "string_pattern_mismatch": "{subject} biçimi geçersiz; şu kalıba uymalı: {pattern}",
    "int_type": "{subject} tam sayı olmalı.",
    "int_parsing": "{subject} tam sayı olmalı.",
    "int_from_float": "{subject} küsuratsız bir tam sayı olmalı.",
    "float_type": "{subject} sayı olmalı.",
    "float_parsing": "{subject} sayı olmalı.",
    "bool_type": "{subject} true ya da false olmalı.",
    "bool_parsing": "{subject} true ya da false olmalı.",
    "greater_than": "{subject} {gt} sayısından büyük olmalı.",
    "greater_than_equal": "{subject} en az {ge} olmalı.",
    "less_than": "{subject} {lt} sayısından küçük olmalı.",
    "less_than_equal": "{subject} en fazla {le} olabilir.",
    "literal_error": "{subject} şunlardan biri olmalı: {expected}.",
    "enum": "{subject} şunlardan biri olmalı: {expected}.",
    "datetime_type": "{subject} ISO 8601 tarih-saat olmalı (ör. 2024-05-01T09:30:00+03:00).",
    "datetime_parsing": ("{subject} ISO 8601 tarih-saat olmalı (ör. 2024-05-01T09:30:00+03:00)."),
    "datetime_from_date_parsing": (
        "{subject} ISO 8601 tarih-saat olmalı (ör. 2024-05-01T09:30:00+03:00)."
    ),
    "datetime_utc_range": "{subject} UTC'ye çevrilince 1-9999 yılları dışına çıkıyor; düzeltin.",
    "model_attributes_type": (
        "{subject} bir JSON nesnesi olmalı; Content-Type: application/json ile {{...}} gönderin."
    ),
    "dict_type": "{subject} bir JSON nesnesi olmalı ({{...}}).",
    "list_type": "{subject} bir JSON dizisi olmalı ([...]).",
    "extra_forbidden": "{subject} tanınmıyor; kaldırın.",
    "value_error": "{subject}: {error}",
    "assertion_error": "{subject}: {error}",
}
VALIDATION_OTHER = "{subject} geçersiz ({type}); API belgelerine (/api/docs) bakın."


# /readyz: what is wrong with this instance and what to do (suzgec.web.health).
READY_DATABASE = (
    "Veritabanı yanıt vermiyor ({kind}): database_url ayarını ve veritabanı sunucusunu denetleyin."
)
READY_UNKNOWN = "Veritabanına ulaşılamadığı için şema sürümü okunamadı."
READY_MIGRATIONS = (
    "Veritabanı şeması {current} sürümünde, bu Süzgeç {head} bekliyor: şema eskiyse "
    "`suzgec db upgrade` çalıştırın, daha yeniyse Süzgeç'i veritabanıyla aynı sürüme getirin."
)
READY_HELD = (
    "Son {minutes} dakikada {n} kez bir denetim hata verdi; bu yorumlar moderatöre "
    "bırakıldı. Sunucu günlüğündeki “check … raised” kayıtlarına bakın."
)

# The database could not take the request just now (a locked SQLite file, a restarting
# PostgreSQL): nothing was stored, so sending it again is safe.
DB_BUSY = (
    "Veritabanı şu an meşgul; hiçbir şey kaydedilmedi. {seconds} saniye sonra aynı isteği "
    "yeniden gönderin."
)

# --- Reader reports, the Reported queue and takedowns (suzgec.web.removed, reports_*) --
REPORT_RECEIVED = "Şikayetiniz alındı, teşekkürler. Moderatörler yorumu inceleyecek."
REPORT_ALREADY = (
    "Bu yorumu bu tarayıcıdan daha önce şikayet etmiştiniz; şikayetiniz zaten kayıtlı, "
    "ikinci kez sayılmadı."
)
REPORT_REASON_MISSING = "Şikayet nedenini seçin (hakaret, küfür, nefret veya inanç saldırısı…)."
REPORT_NOTE_TOO_LONG = "Not en fazla {limit} karakter olabilir; kısaltıp yeniden gönderin."
REPORT_RATE_LIMITED = "Çok sık şikayet gönderiyorsunuz; {seconds} saniye sonra yeniden deneyin."
REMOVED_OWN = "Yorumunuz kaldırıldı: {reason}"
REMOVED_OWN_NO_REASON = "Yorumunuz kaldırıldı."
REMOVED_PLACEHOLDER = "Bu yorum kaldırıldı."
TAKEDOWN_REASON_MISSING = "Kaldırma nedenini yazın: yorumun sahibine bu neden gösterilir."
REPORTS_DISMISSED = "{id} numaralı yorumun şikayetleri yoksayıldı; yorum yayında."
TAKEN_DOWN = "{id} numaralı yorum kaldırıldı; sahibi nedeni görecek."
HELD_BY_REPORTS = "Şikayetler nedeniyle yayından alındı; karar bekliyor."
REPORTED_STATUS = {
    Status.APPROVED: "Yayında",
    Status.PENDING: "Yayından alındı",
}
TAKEDOWN_REASON_TOO_LONG = "Kaldırma nedeni en fazla {limit} karakter olabilir; kısaltın."
REPORT_FORM_USED = (
    "Bu şikayet formu zaten gönderildi; aşağıdaki yeni formla bir kez daha gönderebilirsiniz."
)
# Taken-down comments now exist: the dashboard's per-status counts name them too.
STATUS_NAMES.setdefault(Status.REMOVED, "Kaldırıldı")

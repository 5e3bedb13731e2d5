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


# -- Article modes, edit and archive, threads made on first use, counts (issue 11) -----
COMMENTS_CLOSED = "Bu haber yorumlara kapalı; yeni yorum gönderilemez. Yorumlar okunabilir."
COMMENTS_ARCHIVED = "Bu haber arşivlendi; yeni yorum gönderilemez. Önceki yorumlar okunabilir."
# The reader's text after a refused submission to a closed thread: shown, not lost.
CLOSED_YOUR_TEXT = "Yazdığınız metin (kaydedilmedi; isterseniz kopyalayın):"
PREMODERATED_HOLD = "Bu haberin yorumları yayımlanmadan önce moderatörce okunuyor."
PREMODERATED_NOTE = (
    "Bu habere yazılan yorumlar moderatör onayından sonra yayımlanır; gönderdiğiniz yorum "
    "önce onay kuyruğuna düşer."
)
ARTICLE_NOTHING_TO_CHANGE = (
    "Değiştirilecek bir alan gönderin: title, body, source, image, url, mode ya da archived."
)
ARTICLE_TITLE_EMPTY = "Başlık boş olamaz; haberin başlığını yazın."
ARTICLE_TITLE_TOO_LONG = "Başlık en fazla {limit} karakter olabilir; kısaltın."
ARTICLE_BODY_EMPTY = "Haber metni boş olamaz; metni yazın ya da bu alanı göndermeyin."
ARTICLE_SOURCE_EMPTY = "Kaynak boş olamaz; haberin kaynağını yazın."
ARTICLE_SOURCE_TOO_LONG = "Kaynak en fazla {limit} karakter olabilir; kısaltın."
ARTICLE_URL_BAD = (
    "Haber adresi http:// ya da https:// ile başlayan, en fazla {limit} karakterlik tam bir "
    "adres olmalı (ör. https://gazete.example/haber/1); boş bırakırsanız adres silinir."
)
ARTICLE_MODE_BAD = "Yorum düzeni open, closed ya da premoderated olmalı."
ARTICLE_SAVED = "Haber kaydedildi."
ARTICLE_ARCHIVED = "Haber arşivlendi: yeni yorum almaz ve haber listelerinde görünmez."
ARTICLE_UNARCHIVED = "Haber arşivden çıkarıldı."
ARTICLES_FILTER_ALL = "Tümü"
# /api/counts
COUNTS_NO_SLUG = "En az bir slug verin: /api/counts?slug=haber-1&slug=haber-2"
COUNTS_TOO_MANY = "Bir istekte en fazla {limit} slug sorulabilir; istekleri bölün."
# A widget's first load that may not create its article (suzgec.web.first_use).
FIRST_USE_REFUSED = "Bu haber bulunamadı ve ilk açılışta oluşturulamadı: {reason}"
FIRST_USE_BAD_SLUG = (
    "data-article küçük harf, rakam ve tirelerden oluşmalı (ör. ekonomi-haberi-12), "
    "en fazla 200 karakter."
)
FIRST_USE_BAD_TITLE = (
    "data-title zorunlu: haberin başlığını yazın (tek satır, en fazla {limit} karakter)."
)
FIRST_USE_BAD_URL = (
    "data-url, allowed_origins ayarındaki sitelerden birinde tam bir http(s) adresi olmalı."
)
FIRST_USE_OTHER_SITE = "istek, data-url adresindeki siteden gelmiyor; yorum kutusunu o sitede açın."
# --- webhooks: the delivery log page (/moderator/webhooklar) ---------------------------
WEBHOOK_LOG_TITLE = "Webhook teslimleri"
WEBHOOK_LOG_INTRO = (
    "Süzgeç'in olayları (yorum onaylandı, reddedildi, kuyruğa düştü, şikayet, yaptırım) "
    "bildirdiği adreslere yaptığı gönderimler. Başarısız bir teslimi sunucu yöneticisi "
    "`suzgec webhooks retry NUMARA` ile yeniden kuyruğa alır."
)
WEBHOOK_LOG_EMPTY = "Bu süzgeçle eşleşen teslim yok."
WEBHOOK_LOG_OFF = (
    "Webhook adresi ayarlanmamış (webhook_urls): olaylar kaydediliyor ama hiçbir yere "
    "gönderilmiyor."
)
WEBHOOK_STATUS_NAMES = {
    "pending": "Bekliyor",
    "delivered": "Teslim edildi",
    "failed": "Başarısız",
}
WEBHOOK_FILTER_ALL = "Hepsi"
WEBHOOK_BAD_FILTER = (
    "“{value}” bir teslim durumu değil; Bekliyor, Teslim edildi ya da Başarısız seçin. "
    "Tüm teslimler gösteriliyor."
)
WEBHOOK_COLUMNS = (
    "No",
    "Olay",
    "Adres",
    "Durum",
    "Deneme",
    "Son yanıt / hata",
    "Oluşturuldu",
    "Sonraki deneme",
    "Teslim",
)
WEBHOOK_MORE = "Daha eski teslimler"
# --- Commenters: sanctions and the commenter page (issue 11) -----------------------------
BANNED = (
    "Yorumunuz gönderilmedi: moderatörler bu tarayıcıdan yorum yazmayı engelledi. "
    "Gerekçe: {reason} Bunun bir yanlışlık olduğunu düşünüyorsanız sitenin iletişim "
    "adresine yazın."
)
SUSPENDED = (
    "Yorumunuz gönderilmedi: {until} tarihine kadar yorum yazamazsınız. Gerekçe: {reason} "
    "Bu tarihten sonra yeniden yazabilirsiniz; yazdığınızı saklamak isterseniz kopyalayın."
)
WARNED = (
    "Moderatörlerden bir uyarı: {reason} Kurallara uymayan yorumlar yayımlanmaz; "
    "tekrarında yorum yazmanız engellenebilir."
)
COMMENTER_BAD_ID = "Yorumcu kimliği geçersiz: yorum kartındaki bağlantıyı kullanın."
SANCTIONED = {
    "warn": "Yorumcu uyarıldı; uyarıyı bir sonraki ziyaretinde bir kez görecek.",
    "premoderate": "Yorumcu ön denetime alındı: yorumları artık moderatöre gidecek.",
    "suspend": "Yorumcu geçici olarak engellendi.",
    "ban": "Yorumcu kalıcı olarak engellendi.",
}
SANCTION_LIFTED = "Yaptırım kaldırıldı."
TAKEN_DOWN_MANY = "{n} yorum yayından kaldırıldı."
NOTHING_TO_TAKE_DOWN = (
    "Yayından kaldırılacak yorum kalmadı: hepsi zaten kaldırılmış ya da reddedilmiş."
)
SUSPEND_NEEDS_DAYS = "Geçici engel için gün sayısını (days) verin."
TAKEDOWN_NEEDS_BAN = (
    "Geçmiş yorumlar yalnız kalıcı engellenmiş bir yorumcu için topluca kaldırılır; önce "
    "yorumcuyu engelleyin ya da yorumları tek tek kaldırın."
)

# --- Thread sorting, deep links and the author's edit window (suzgec.web.edits) --------
# The widget's sort choices, in the order shown; the query value is `sirala=`.
SORT_CHOICES = (("eski", "En eski"), ("yeni", "En yeni"), ("yanit", "En çok yanıtlanan"))
SORT_LABEL = "Sırala:"
MORE_COMMENTS = "Daha fazla yorum"
EDIT_LINK = "Düzenle"
EDITED_MARK = "(düzenlendi)"
EDIT_SAVE = "Düzenlemeyi gönder"
EDIT_CANCEL = "vazgeç"
EDIT_HINT = "Yorumunuzu {until} saatine kadar düzenleyebilirsiniz; düzenleme yeniden denetlenir."
OWN_PENDING = "Onay bekleyen ya da yayımlanmayan yorumlarınız"
# After an edit, as after a new comment (PUBLISHED), said of the edit.
EDITED = {
    Status.APPROVED: "Düzenlemeniz yayımlandı.",
    Status.PENDING: "Düzenlemeniz moderatör onayını bekliyor; onaylanınca yayımlanacak.",
    Status.REJECTED: "Düzenlemeniz şu nedenlerle yayımlanmadı; metni düzeltip yeniden gönderin:",
}
EDIT_NO_ID = (
    "Bu isteğe bir okur kimliği eklenmemiş: yorumu yazdığınız tarayıcının kimliğini "
    "X-Suzgec-Kimlik başlığında gönderin."
)
# --- The moderator desk: filters, bulk actions, shortcuts, audit page, accounts --------
FILTER_BAD_DATE = "“{value}” bir tarih değil: tarihi GG.AA.YYYY ya da YYYY-AA-GG biçiminde yazın."
FILTER_BAD_RANGE = "Bitiş tarihi başlangıçtan önce olamaz; tarihleri düzeltin."
FILTER_BAD_CHOICE = "{field} için “{value}” seçeneği yok; listeden seçin."
FILTER_BAD_NUMBER = "{field} bir sayı olmalı (ör. 42)."
FILTER_FIELDS = {
    "clause": "Madde",
    "status": "Durum",
    "decided_by": "Karar veren",
    "sort": "Sıralama",
    "comment_id": "Yorum numarası",
}
SORT_NAMES = {
    "oldest": "En eski önce",
    "newest": "En yeni önce",
    "reported": "En çok şikâyet edilen",
    "score": "En yüksek puan",
}
DECIDER_NAMES = {"auto": "Otomatik (sistem)", "human": "Moderatör"}
MATCHES = "{n} eşleşme"
BULK_NONE = "Hiç yorum seçmediniz: önce yorumların yanındaki kutuları işaretleyin."
BULK_TOO_MANY = "Bir seferde en fazla {limit} yorum seçebilirsiniz; seçimi küçültün."
BULK_BAD_ACTION = "Toplu işlem onay ya da ret olmalı."
BULK_DONE = "{done} yorum için karar verildi: {action}."
BULK_REFUSED = "{n} yorum için karar verilemedi:"
BULK_ACTIONS = {"approve": "onaylandı", "reject": "reddedildi"}
ADMIN_ONLY = (
    "Bu sayfa yalnızca yöneticilere açık. Hesap işleri için sitenizin yöneticisine başvurun."
)
ACCOUNT_ADDED = "“{username}” hesabı açıldı ({role})."
ACCOUNT_DISABLED_NOTICE = "“{username}” hesabı kapatıldı; açık oturumları sonlandı."
ACCOUNT_ENABLED_NOTICE = "“{username}” hesabı yeniden açıldı."
ACCOUNT_PASSWORD_NOTICE = "“{username}” hesabının parolası sıfırlandı; oturumları sonlandı."
ACCOUNT_ROLE_NOTICE = "“{username}” artık {role}."
ACCOUNT_BAD_NAME = (
    "Kullanıcı adı 1–80 karakter olmalı; harf, rakam, nokta, tire ve alt çizgi kullanın."
)
ACCOUNT_SHORT_PASSWORD = "Parola en az {n} karakter olmalı; daha uzun bir parola yazın."
FILTER_NUL = (
    "Süzgeç alanlarından birinde görünmeyen bir denetim karakteri (NUL) var; alanı yeniden yazın."
)
AUDIT_BAD_FORMAT = "Dışa aktarma biçimi “csv” ya da “jsonl” olmalı."
ROLE_LABELS = {"moderator": "Moderatör", "admin": "Yönetici"}
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

# --- The keyboard path from a take-down to the author's sanction (desk.js "b") ---------
AUTHOR_PAGE = "Yazarın sayfası: yaptırım uygula"

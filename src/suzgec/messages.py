"""Every Turkish string the commenter or moderator reads, in one place."""

from __future__ import annotations

from suzgec.model import Action, Clause, Status

CLAUSE_NAMES: dict[Clause, str] = {
    Clause.INSULT: "Hakaret",
    Clause.PROFANITY: "Küfür",
    Clause.OFFENSIVE: "Aşağılayıcı söz veya ima",
    Clause.BELIEF_ATTACK: "İnançlara saldırı",
    Clause.SPELLING: "Yazım kuralları",
    Clause.TURKISH_CHARS: "Türkçe karakter",
    Clause.CAPITALS: "Büyük harf",
}

ACTION_NAMES: dict[Action, str] = {
    Action.APPROVE: "Onaylandı",
    Action.REVIEW: "Moderatör incelemesine gönderildi",
    Action.REJECT: "Onaylanmadı",
}

CONTENT: dict[Clause, str] = {
    Clause.PROFANITY: "Küfür içeriyor.",
    Clause.INSULT: "Hakaret içeriyor.",
    Clause.OFFENSIVE: "Aşağılayıcı söz veya ima içeriyor.",
    Clause.BELIEF_ATTACK: "İnançlara saldırı içeriyor.",
}
# The content step names what it found. Lexicon words are known to break a clause ("sayılır").
# A span the model picked is not quoted: it is the word that weighed most, which may be an
# innocent one ("Kürtlerin" in "Kürtlerin hepsi hain"), so the message names the kind of
# content and points at the marked span, or at the whole comment when no word stood out.
CONTENT_KIND: dict[Clause, str] = {
    Clause.PROFANITY: "küfür",
    Clause.INSULT: "hakaret",
    Clause.OFFENSIVE: "aşağılayıcı söz",
    Clause.BELIEF_ATTACK: "inançlara saldırı",
}
CONTENT_WORDS = "{words} {kind} sayılır; yorumu bu {noun} olmadan yazın."
CONTENT_WORD_NOUN = ("söz", "sözler")
CONTENT_MODEL = "Yorum {kind} içeriyor; işaretli bölümü saygılı bir dille yeniden yazın."
CONTENT_WHOLE = "Yorumun geneli {kind} içeriyor; yorumu saygılı bir dille yeniden yazın."
# The model's kinds say "veya ima": it also reads what is implied, not only words.
CONTENT_MODEL_KIND: dict[Clause, str] = {
    **CONTENT_KIND,
    Clause.OFFENSIVE: "aşağılayıcı söz veya ima",
}
# Words named in one message at most; the rest are counted ("ve 2 söz daha").
MAX_NAMED_WORDS = 5
MORE_WORDS = "{count} söz daha"
QUOTE = "“{}”"
AND = " ve "


def listed(items: list[str]) -> str:
    """Turkish list: “a”; “a” ve “b”; “a”, “b” ve “c”."""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + AND + items[-1]


def content_words(clause: Clause, words: list[str]) -> str:
    """ "“s1kt1r” ve “a.q” küfür sayılır; …": every distinct word, at most MAX_NAMED_WORDS."""
    quoted = [QUOTE.format(w) for w in words[:MAX_NAMED_WORDS]]
    if len(words) > MAX_NAMED_WORDS:
        quoted.append(MORE_WORDS.format(count=len(words) - MAX_NAMED_WORDS))
    noun = CONTENT_WORD_NOUN[len(words) > 1]
    return CONTENT_WORDS.format(words=listed(quoted), kind=CONTENT_KIND[clause], noun=noun)


def content_model(clause: Clause, whole: bool) -> str:
    """What the model found, by kind: in the marked span, or in the `whole` comment."""
    return (CONTENT_WHOLE if whole else CONTENT_MODEL).format(kind=CONTENT_MODEL_KIND[clause])


CAPITALS = "Yorum büyük harflerle yazılmış; lütfen normal yazımla yazın."
TURKISH_CHARS = "Türkçe karakter kullanılmamış: “{word}” yerine “{fix}” yazın."
SITE_RULE = (
    "Hakaret, küfür, aşağılayıcı söz veya ima, inançlara saldırı içeren; yazım kurallarına "
    "uyulmadan, Türkçe karakter kullanılmadan ya da büyük harflerle yazılmış yorumlar onaylanmaz."
)
EMPTY_COMMENT = "Yorum boş olamaz."
TOO_LONG = "Yorum en fazla {limit} karakter olabilir (şu an {length})."
NOT_TEXT = "Yorum metin olmalı."
BROKEN_CHARACTER = (
    "Yorumun {position}. karakteri bozuk (yarım kalmış bir emoji ya da özel karakter "
    "olabilir): o karakteri silip yeniden gönderin."
)

SPELLING = {
    "misspelling": "Yazım hatası: “{word}” yerine “{fix}” yazın.",
    "informal": "Konuşma dili yazımı: “{word}” yerine “{fix}” yazın.",
    "apostrophe": "Özel adlara gelen ekler kesme işaretiyle ayrılır: “{fix}”.",
    "typo": "Yazım hatası olabilir: “{word}” yerine “{fix}” mi demek istediniz?",
    "unknown": "“{word}” sözcüğünün yazımı hatalı görünüyor.",
}

# A moderator undoing their own latest decision (the store raises these; the web shows them).
UNDO_NOTHING = (
    "{comment_id} numaralı yorumda geri alınacak bir moderatör kararı yok: "
    "yalnızca son karar, bir kez geri alınabilir."
)
UNDO_NOT_YOURS = "Bu kararı “{actor}” verdi; yalnızca kararı veren moderatör geri alabilir."
UNDO_TOO_LATE = (
    "Karar {minutes} dakikadan eski olduğu için artık geri alınamaz; "
    "gerekiyorsa yorum için yeni bir karar verin."
)
UNDO_NOTE = (
    "Geri alınan karar: {decision} (denetim kaydı {entry_id}). Yorumun durumu yeniden: {status}."
)
MODERATOR_DECISION_NAMES = {
    "approve": "onay",
    "reject": "ret",
    "overturn_approve": "kararı bozan onay",
    "overturn_reject": "kararı bozan ret",
}
ALREADY_DECIDED = (
    "{comment_id} numaralı yorum zaten karara bağlanmış ({status}). Kararı değiştirmek için "
    "“kararı boz” ile açıkça isteyin."
)
CLAIMED_BY = "Bu yorum şu an “{actor}” adlı moderatörün kuyruğunda; o karar verecek."
STATUS_WORDS: dict[Status, str] = {
    Status.PENDING: "onay bekliyor",
    Status.APPROVED: "yayımlandı",
    Status.REJECTED: "reddedildi",
    Status.REMOVED: "kaldırıldı",
}

# Store: a lost race between two requests with one Idempotency-Key (the API answers it).
IDEMPOTENCY_RACE = "Aynı Idempotency-Key ile gelen başka bir istek önce kaydedildi."

# The batch CLI (`suzgec moderate --resume`).
RESUME_NEEDS_OUTPUT = "--resume bir çıktı dosyası ister: -o DOSYA ile verin."
RESUME_NOT_OUTPUT = (
    "{path} dosyasının {line}. satırı bir `suzgec moderate` kaydı değil: doğru çıktı "
    "dosyasını verin ya da --resume olmadan baştan başlayın."
)
RESUME_INPUT_SHORT = (
    "Çıktı dosyasında {done} satır var ama girdi {lines} satır: bu çıktı bu girdinin değil. "
    "Doğru dosyaları verin ya da --resume olmadan baştan başlayın."
)

# A clause check failed while moderating: the comment is held for a moderator, never approved.
SYSTEM_HOLD = "Sistem bu yorumu denetleyemedi; bir moderatör bakacak."
LINES_HELD = (
    "{n}/{total} satırda bir denetim hata verdi; bu yorumlar incelemeye bırakıldı "
    "(kararında “hold” var), günlükteki hata kaydına bakın: {lines}"
)
# `suzgec moderate`: a line that failed past the checks (the error is logged, not the text).
LINE_FAILED = (
    "Sistem bu satırı denetleyemedi ({kind}); satırı yeniden deneyin, hata sürerse günlükteki "
    "kaydı bildirin."
)

# A model or data file that cannot be used (suzgec.errors.ModelError): one line each, saying
# which file, what is wrong, then what to do (a FIX_* below).
MODEL_MISSING = "{path}: dosya yok. {fix}"
MODEL_UNREADABLE = "{path}: dosya okunamadı, bozuk ya da yarım ({reason}). {fix}"
MODEL_BAD_JSON = "{path}: geçerli JSON değil ({reason}). {fix}"
MODEL_HASH_MISMATCH = (
    "{path}: dosyanın SHA-256 özeti {card} içinde yazandan farklı; dosya bozulmuş ya da "
    "değiştirilmiş. {fix}"
)
MODEL_NO_HASH = "{card}: “npz_sha256” alanı yok; ağırlık dosyası doğrulanamıyor. {fix}"
MODEL_NOT_FINITE = "{path}: ağırlıklarda NaN ya da sonsuz değer var. {fix}"
MODEL_ALL_ZERO = "{path}: ağırlıkların hepsi sıfır; model bir şey öğrenmemiş. {fix}"
MODEL_MISMATCH = "{path}: {what} bu Süzgeç sürümüyle uyuşmuyor. {fix}"
FIX_REINSTALL = "Paketi yeniden kurun: pip install --force-reinstall suzgec"
CNN_NEEDS_TORCH = "suzgec train --cnn torch ister (yalnızca eğitimde): pip install 'suzgec[cnn]'"
FIX_TRAIN = (
    "Modeli yeniden eğitin (suzgec train --out {base}) ya da content_model ayarını "
    "düzeltin (boş: varsayılan model)."
)
FIX_MANIFEST = (
    "Paketi yeniden kurun (pip install --force-reinstall suzgec); dosyayı kendiniz yeniden "
    "ürettiyseniz özetleri güncelleyin: python -m suzgec.text.manifest"
)
CONTENT_MODEL_NOT_FOUND = (
    "content_model {name!r}: {path} bulunamadı; varsayılan model için boş bırakın, açık "
    "veriyle eğitilmiş model için {open!r} yazın ya da bir `suzgec train` çıktısının yolunu "
    "(uzantısız) verin."
)

# Archive re-moderation (`suzgec remoderate`): the audit note of each changed comment and
# the words of the preview.
DECISION_WORDS: dict[Action, str] = {
    Action.APPROVE: "onay",
    Action.REVIEW: "inceleme",
    Action.REJECT: "ret",
}
REMODERATE_NOTE = "Yeniden denetim: otomatik karar {old} → {new}. {outcome}"
REMODERATE_OUTCOMES = {
    "status": "Durum: {before} → {after}.",
    "held": (
        "Yayımlanmış yorum yeni kararla reddedilecekti; reddedilmedi, yayından alınıp "
        "moderatör kuyruğuna kondu."
    ),
    "moderator": "Bir moderatör karar verdiği için durum değişmedi ({status}).",
    "claimed": "Bir moderatör yorumu incelerken geldi; durum değişmedi ({status}).",
    "version": "Yorumun başka bir hâli yayında; durum değişmedi ({status}).",
    "same": "Durum değişmedi ({status}).",
}
REMODERATE_VERSIONS_CHANGED = (
    "{run} numaralı yeniden denetim başka bir politika ya da modelle hesaplandı; "
    "bu ayarlarla sürdürülemez. Yeni bir çalışma başlatmak için --run vermeden çalıştırın."
)
REMODERATE_NO_RUN = "{run} numaralı yeniden denetim çalışması yok."
PARQUET_NO_MANIFEST = (
    "{path} içinde “_manifest.json” yok: bu klasör bir Parquet dışa aktarımı değil. "
    "Önce `suzgec export --parquet {path}` çalıştırın."
)
PARQUET_MISSING = "Parquet okuma için pyarrow gerekli: pip install 'suzgec[archive]' ile kurun."
SCHEDULER_UNREACHABLE = (
    "Dask zamanlayıcısına bağlanılamadı ({address}, {reason}). Adresi ve zamanlayıcının "
    "(`dask scheduler`) çalıştığını denetleyin; tek makinede --scheduler vermeden --workers N."
)
ENGINE_MISSING = (
    "Birden çok işçi ya da bir küme için Dask gerekli: pip install 'suzgec[archive]' ile kurun."
)


# -- Article modes, edit and archive (suzgec.store.articles): audit notes --------------
ARTICLE_MODE_NAMES = {
    "open": "Yoruma açık",
    "closed": "Yoruma kapalı",
    "premoderated": "Önce moderatör onayı",
}
ARTICLE_FIELD_NAMES = {
    "title": "başlık",
    "body": "metin",
    "source": "kaynak",
    "image": "fotoğraf",
    "url": "adres",
}
ARTICLE_EDITED = "Değişen alanlar: {fields}."
ARTICLE_MODE_CHANGED = "Yorum düzeni: {old} → {new}."
# --- webhooks (suzgec.webhooks, suzgec.store.webhooks) -------------------------------
WEBHOOK_NO_SECRET = (
    "webhook_urls ayarlı ama webhook_secret boş: alıcılar imzayı doğrulayamaz. "
    "webhook_secret'e uzun, rastgele bir değer verin (örneğin `python -c \"import secrets; "
    "print(secrets.token_hex(32))\"`) ya da webhook_urls'i boşaltın."
)
WEBHOOK_BAD_URL = (
    "webhook_urls içindeki “{url}” bir http(s) adresi değil; her adres "
    "http://sunucu/yol ya da https://sunucu/yol biçiminde olmalı, virgülle ayrılmalı."
)
WEBHOOK_BAD_EVENT = (
    "webhook_events içindeki “{kind}” bilinen bir olay değil. Bilinenler: {known}. "
    "Boş bırakırsanız hepsi gönderilir."
)
WEBHOOK_BAD_NUMBER = "{name} en az {minimum} olmalı (şu an {value})."
WEBHOOK_NO_DELIVERY = "{id} numaralı webhook teslimi yok; numarayı teslim kaydından alın."
WEBHOOK_NOT_FAILED = (
    "{id} numaralı teslim {status}; yalnızca başarısız bir teslim yeniden kuyruğa alınır."
)
WEBHOOK_STATUS_WORDS = {
    "pending": "bekliyor",
    "delivered": "teslim edildi",
    "failed": "başarısız",
}
WEBHOOK_TIMEOUT = "Alıcı {seconds} saniyede yanıt vermedi."
WEBHOOK_REDIRECT = "Alıcı yönlendirme ({status}) döndü; yönlendirmeler izlenmez, adresi düzeltin."
WEBHOOK_HTTP_ERROR = "Alıcı {status} döndü."
WEBHOOK_NETWORK = "Bağlantı kurulamadı ({kind}): {detail}"
WEBHOOK_OFF = "webhook_urls boş: gönderilecek adres yok. Önce webhook_urls ayarını verin."
# --- Commenters: sanctions, spam rules, retention and privacy requests (issue 11) ----------
SANCTION_NAMES = {
    "warn": "uyarı",
    "premoderate": "ön denetim",
    "suspend": "geçici engel",
    "ban": "kalıcı engel",
}
SANCTION_BAD_KIND = (
    "Yaptırım türü uyarı (warn), ön denetim (premoderate), geçici engel (suspend) ya da "
    "kalıcı engel (ban) olmalı."
)
SANCTION_NO_REASON = "Yaptırımın gerekçesini yazın: yorumcu bu gerekçeyi görecek."
SANCTION_REASON_TOO_LONG = "Gerekçe en çok {limit} karakter olabilir; kısaltın."
SANCTION_BAD_DAYS = "Geçici engel için 1 ile {limit} arasında bir gün sayısı yazın."
SANCTION_ALREADY = (
    "Bu yorumcunun süren bir {kind} yaptırımı zaten var. Değiştirmek için önce onu kaldırın."
)
SANCTION_NOT_FOUND = "{id} numaralı yaptırım bu yorumcuda yok."
SANCTION_NOT_ACTIVE = "{id} numaralı yaptırım zaten kaldırılmış ya da süresi dolmuş."
SANCTION_LIFT_NOTE = "{id} numaralı {kind} kaldırıldı."
TAKEDOWN_DEFAULT_REASON = "Yorumcu engellendi; geçmiş yorumları yayından kaldırıldı."
# Spam rules: the reason a held comment carries in the queue (and the audit log).
HOLD_PREMODERATED = "Yorumcu ön denetimde (moderatör kararı): {reason}"
HOLD_REPEAT = (
    "Aynı metin son {hours} saat içinde bu tarayıcıdan ya da bu adresten gönderilmiş (tekrar)."
)
HOLD_LINK = "Yorumda bağlantı var; bağlantılı yorumlar moderatöre gider."
HOLD_NEW_COMMENTER = "Yeni yorumcu: ilk {limit} yorumundan {n}. yorum, moderatöre gider."
HOLD_REJECTION_RATE = (
    "Yorumcunun son {total} yorumundan {rejected} tanesi reddedildi ya da kaldırıldı "
    "(%{rate}); yorumları moderatöre gider."
)
# Privacy requests (suzgec privacy erase).
ERASED_NOTE = "Veri silme isteğiyle yorum silindi ve yayından kaldırıldı."
ERASED_SANCTION_REASON = "Gerekçe, yorumcunun veri silme isteğiyle silindi."
# --- The author's edit window (suzgec.store.edits) ------------------------------------
EDIT_OFF = "Bu sitede yorumlar gönderildikten sonra düzenlenemiyor."
EDIT_NOT_YOURS = (
    "Bu yorumu bu tarayıcıdan yazmadınız; bir yorumu yalnızca onu gönderen tarayıcı düzenleyebilir."
)
EDIT_WINDOW_OVER = (
    "Düzenleme süresi doldu: yorumlar gönderildikten sonra {minutes} dakika içinde "
    "düzenlenebilir. Eklemek istediğiniz bir şey varsa yeni bir yorum yazın."
)
EDIT_REMOVED = "Bu yorum yayından kaldırıldı; artık düzenlenemez."
EDIT_MODERATED = (
    "Bu yorum hakkında bir moderatör karar verdi (durumu: {status}); artık düzenlenemez. "
    "Eklemek istediğiniz bir şey varsa yeni bir yorum yazın."
)
EDIT_UNCHANGED = "Metin değişmedi: düzenlemek için yorumunuzda bir şeyi değiştirip gönderin."
# --- The moderator desk: accounts and roles (suzgec.store.accounts) ---------------------
ROLE_NAMES = {"moderator": "moderatör", "admin": "yönetici"}
ACCOUNT_UNKNOWN = "“{username}” adlı moderatör yok; hesaplar sayfasındaki adı kullanın."
ACCOUNT_EXISTS = "“{username}” adlı moderatör zaten var; başka bir kullanıcı adı seçin."
ACCOUNT_BAD_ROLE = "Rol “moderator” ya da “admin” olmalı, “{role}” değil."
ACCOUNT_LAST_ADMIN = (
    "“{username}” son etkin yönetici: önce başka bir hesabı yönetici yapın, sonra bunu "
    "kapatın ya da rolünü değiştirin."
)
ACCOUNT_NOTE_ADD = "Hesap açıldı (rol: {role})."
ACCOUNT_NOTE_DISABLE = "Hesap kapatıldı; açık oturumları sonlandı ({ended})."
ACCOUNT_NOTE_ENABLE = "Hesap yeniden açıldı."
ACCOUNT_NOTE_PASSWORD = "Parola sıfırlandı; açık oturumları sonlandı ({ended})."
ACCOUNT_NOTE_ROLE = "Rol değişti: {before} → {after}."
# --- Reader reports, the Reported queue and takedowns (suzgec.store.reports) ---------
REPORT_REASON_NAMES = {
    "insult": "Hakaret",
    "profanity": "Küfür",
    "hate": "Nefret veya inanç saldırısı",
    "spam": "Spam",
    "other": "Diğer",
}
REPORT_NOT_PUBLISHED = (
    "{comment_id} numaralı yorum yayında değil; yalnızca yayımlanmış yorumlar şikayet edilebilir."
)
REPORT_UNDER_REVIEW = (
    "{comment_id} numaralı yorum zaten moderatör incelemesinde; yeniden şikayet etmeniz gerekmiyor."
)
REPORT_HOLD_NOTE = "{count} okur şikayeti: yayından alınıp moderatör incelemesine kondu."
REPORTS_NONE_OPEN = "{comment_id} numaralı yorumun açık şikayeti yok; yoksayılacak bir şey kalmadı."
REPORTS_NOT_SHOWN = (
    "{comment_id} numaralı yorum artık {status}; şikayetlerini yoksaymak bir şey değiştirmez."
)
REPORTS_DISMISSED_NOTE = "{count} şikayet yoksayıldı."
TAKEDOWN_NEEDS_REASON = "Kaldırma nedenini yazın: yorumun sahibine bu neden gösterilir."
TAKEDOWN_IN_QUEUE = (
    "{comment_id} numaralı yorum onay kuyruğunda bekliyor, yayında değil; kaldırmak yerine "
    "kuyrukta reddedin."
)
TAKEDOWN_NOT_PUBLISHED = (
    "{comment_id} numaralı yorum {status}, yayında değil; yalnızca yayımlanmış yorumlar "
    "kaldırılabilir."
)
# --- Learning from the desk: `suzgec train --feedback` (site model) -------------------------
SITE_HEAD_KEPT = (
    "“{head}” başlığı için en az {min} olumlu ve {min} olumsuz site kararı yok; bu başlık "
    "temel modeldeki gibi kaldı."
)
SITE_POINTS_KEPT = (
    "Karar eşiklerini siteye göre ayarlamak için en az {min} rahatsız edici ve {min} temiz "
    "site kararı gerekir; temel modelin eşikleri kaldı. Daha çok karar birikince yeniden "
    "çalıştırın."
)
SITE_WORSE_ON_SITE = (
    "Yeni model sitenin ayrılmış {rows} kararında çalışan modelden kötü (ret düzeyinde "
    "makro-F1 {old:.3f} → {new:.3f}); kurulmadı."
)
SITE_WORSE_ON_DEV = (
    "Yeni model bütün kaynakların geliştirme kümesinde çalışan modelden kötü (ortalama "
    "makro-F1 {old:.3f} → {new:.3f}, izin verilen düşüş {tol}); kurulmadı."
)
SITE_WORSE_WORST = (
    "Yeni modelle en zayıf kaynak ({source}) çalışan modelin en zayıfından kötü (makro-F1 "
    "{old:.3f} → {new:.3f}, izin verilen düşüş {tol}); kurulmadı."
)
SITE_REFUSED_HINT = (
    "Daha çok moderatör kararı biriktikten sonra yeniden deneyin; çalışan model değişmedi."
)
SITE_NO_DECISIONS = (
    "Veritabanında eğitime yarayacak insan kararı yok ({found} karar okundu, en az {min} "
    "gerekir; otomatik kararlar sayılmaz). Moderatörler karar verdikçe yeniden çalıştırın."
)
SITE_NO_CONFIG = (
    "Modeli kurmak için ayar dosyasını --config ile verin (content_model ayarı oraya "
    "yazılır) ya da ortamda SUZGEC_CONTENT_MODEL={path} ayarlayın."
)
SITE_ENV_OVERRIDES = (
    "Uyarı: SUZGEC_CONTENT_MODEL ortam değişkeni ayar dosyasını geçersiz kılıyor; "
    "kurulan modelin kullanılması için onu kaldırın ya da {path} yapın."
)
SITE_INSTALLED = (
    "Kuruldu: {config} dosyasında content_model = {path}. Sunucuyu yeniden başlatın; "
    "geri dönmek için content_model ayarını boş bırakın (ya da eski değerine, {old!r}) alın."
)
SITE_NOT_INSTALLED = (
    "Model yazıldı ama kurulmadı: {path}. Kurmak için --install ile yeniden çalıştırın "
    "ya da content_model ayarını bu yola getirin."
)
SITE_CONFIRM = "Yeni model ({version}) kurulsun mu?"

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
CAPITALS = "Yorum büyük harflerle yazılmış; lütfen normal yazımla yazın."
TURKISH_CHARS = "Türkçe karakter kullanılmamış: “{word}” yerine “{fix}” yazın."
SITE_RULE = (
    "Hakaret, küfür, aşağılayıcı söz veya ima, inançlara saldırı içeren; yazım kurallarına "
    "uyulmadan, Türkçe karakter kullanılmadan ya da büyük harflerle yazılmış yorumlar onaylanmaz."
)
EMPTY_COMMENT = "Yorum boş olamaz."
TOO_LONG = "Yorum en fazla {limit} karakter olabilir (şu an {length})."
NOT_TEXT = "Yorum metin olmalı."

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
MODERATOR_DECISION_NAMES = {"approve": "onay", "reject": "ret"}
STATUS_WORDS: dict[Status, str] = {
    Status.PENDING: "onay bekliyor",
    Status.APPROVED: "yayımlandı",
    Status.REJECTED: "reddedildi",
}

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

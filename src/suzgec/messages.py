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
MODERATOR_DECISION_NAMES = {"approve": "onay", "reject": "ret"}
STATUS_WORDS: dict[Status, str] = {
    Status.PENDING: "onay bekliyor",
    Status.APPROVED: "yayımlandı",
    Status.REJECTED: "reddedildi",
}

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
BAD_JSON = "Geçersiz JSON: {detail}"
BAD_FORM = "Form eksik ya da hatalı gönderildi; sayfayı yenileyip yeniden deneyin."
CSRF_FAILED = "Formun süresi dolmuş ya da form başka bir siteden gönderilmiş; sayfayı yenileyin."
RATE_LIMITED = "Çok sık yorum gönderiyorsunuz; {seconds} saniye sonra yeniden deneyin."
TOO_LARGE = "İstek çok büyük (en fazla {limit} bayt)."
NOT_FOUND = "Aradığınız sayfa bulunamadı."
METHOD_NOT_ALLOWED = "Bu adres bu yöntemi desteklemiyor."
UNAUTHORIZED = "Bu işlem için moderatör girişi gerekli."
BAD_LOGIN = "Kullanıcı adı ya da parola yanlış."
INTERNAL = "Beklenmeyen bir hata oluştu; yöneticiye bildirin."
UNSUPPORTED_FORM = "Form application/x-www-form-urlencoded olarak gönderilmeli."

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

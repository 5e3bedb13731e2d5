"""The demo article `suzgec serve` shows on a fresh database (text and photo written for Süzgeç)."""

from __future__ import annotations

from datetime import timedelta

from suzgec.store import Conflict, Store
from suzgec.store.base import utcnow

DEMO_SLUG = "rize-cay-hasadi-ikinci-surgun"
DEMO_TITLE = "Rize'de yaş çayda ikinci sürgün hasadı başladı"
DEMO_SOURCE = "Süzgeç Demo Haber Servisi"
DEMO_IMAGE = "/static/demo-cay.svg"
DEMO_BODY = """\
Doğu Karadeniz'de yaş çay üreticileri, mayıs ayında tamamlanan ilk sürgünün ardından \
ikinci sürgün hasadına başladı. Rize'nin Çayeli, Pazar ve Ardeşen ilçelerindeki yamaçlarda \
sabahın erken saatlerinde bahçelere çıkan üreticiler, yağışlı geçen haziranın yaprak kalitesini \
artırdığını söyledi.

Bölgedeki kooperatif yetkilileri, bu yıl alım noktalarında kuyrukları azaltmak için randevu \
sistemine geçildiğini, üreticilerin teslim saatlerini telefonla öğrenebileceğini bildirdi. \
Çayeli'nde otuz yıldır çay toplayan Hatice Yılmaz, "Yaprak bu yıl daha taze, ama işçi bulmak \
her geçen yıl zorlaşıyor" dedi.

Uzmanlar, hasadın eylül ortasına kadar süreceğini, kota uygulamasının geçen yılki gibi devam \
edeceğini belirtiyor. Üreticiler ise budama ve gübre maliyetlerindeki artışın alım fiyatına \
yansıtılmasını bekliyor.
"""


def seed_demo(store: Store) -> bool:
    """Create the demo article when the database has no article yet; True if created."""
    if store.count_articles():
        return False
    now = utcnow().replace(microsecond=0)
    try:
        store.create_article(
            slug=DEMO_SLUG,
            title=DEMO_TITLE,
            body=DEMO_BODY,
            source=DEMO_SOURCE,
            image=DEMO_IMAGE,
            published_at=now - timedelta(hours=3),
            updated_at=now - timedelta(minutes=40),
        )
    except Conflict:
        # Another server on this database seeded it between the count and the insert
        # (replicas starting together): the demo is there, which is all that was asked.
        return False
    return True

"""Serving cost of the ensemble on one thread: the shipped model check (ContentModelCheck on
Comment.of, as evaluate.speed times it) alone, and followed by the numpy CNN forward on the
same comment, over 2,000 dev comments. Usage: python speed_both.py TAG"""
import json
import sys
import time

from common import OUT, cache
from np_forward import NumpyCNN
from suzgec.classifier.evaluate import speed
from suzgec.classifier.model import ContentModel, ContentModelCheck
from suzgec.comment import Comment

tag = sys.argv[1] if len(sys.argv) > 1 else "b"
texts = cache()["dev"]["text"][:2000]
model = ContentModel.load()
net = NumpyCNN(OUT / f"cnn_{tag}.npz")
alone = speed(texts, model)
check = ContentModelCheck(model)
for t in texts[:50]:
    check(Comment.of(t))
    net.logit(t)
net.vec.cache_clear()
t0 = time.perf_counter()
for t in texts:
    c = Comment.of(t)
    check(c)
    net.logit(t)
both = len(texts) / (time.perf_counter() - t0)
out = {"shipped_check_alone": alone, "shipped_check_plus_cnn_comments_per_s": round(both, 1)}
print(json.dumps(out, indent=1))
(OUT / f"speed_both_{tag}.json").write_text(json.dumps(out, indent=1))

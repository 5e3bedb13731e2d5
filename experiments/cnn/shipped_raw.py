"""The shipped binary head without identity neutralisation (the raw linear head the card's
"What was tried" table measured): dev logits → out/z_shipped_raw.npz."""
import numpy as np

from common import OUT, cache, logit
from suzgec.classifier.model import ContentModel

d = cache()["dev"]
m = ContentModel.load(calibrated=False)
m.neutral_identity = False
p = np.array([m.score_all(t, gate=False)["offensive_any"] for t in d["text"]])
np.savez(OUT / "z_shipped_raw.npz", dev=logit(p))

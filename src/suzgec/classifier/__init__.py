"""The content model: hashed n-gram + lexicon features, linear heads per content clause.

`features` turns text into features (shared by training and serving), `train` fits and
writes the artifact under `data/`, `model` loads it with numpy only, `evaluate` scores it on
the dev split. Model card: docs/models/content.md.
"""

from suzgec.classifier.model import VERSION, ContentModel, ContentModelCheck

__all__ = ["VERSION", "ContentModel", "ContentModelCheck"]

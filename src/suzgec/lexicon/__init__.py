"""The curated content lexicon: the matcher (`matcher`) and its evidence as model features
(`features`). Below both the content model (`suzgec.classifier`) and the content step
(`suzgec.clauses.content`), which both use it; it imports neither."""

import pytest

from suzgec.config import Settings, load_settings
from suzgec.errors import ConfigError


def test_defaults_then_file_then_env(tmp_path) -> None:
    path = tmp_path / "suzgec.toml"
    path.write_text("insult_reject = 0.7\nmax_comment_chars = 100\n", encoding="utf-8")
    settings = load_settings(path, env={"SUZGEC_MAX_COMMENT_CHARS": "200"})
    assert settings.insult_reject == 0.7
    assert settings.max_comment_chars == 200
    assert settings.profanity_reject == Settings().profanity_reject


def test_unknown_and_badly_typed_settings_are_errors(tmp_path) -> None:
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings(env={"SUZGEC_NO_SUCH_THING": "1"})
    with pytest.raises(ConfigError, match="needs a float"):
        load_settings(env={"SUZGEC_INSULT_REJECT": "high"})
    bad = tmp_path / "bad.toml"
    bad.write_text("insult_reject = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad, env={})


def test_every_clause_has_thresholds() -> None:
    from suzgec.model import Clause

    for clause in Clause:
        reject, review = Settings().thresholds(clause)
        assert 0 < review <= reject <= 1

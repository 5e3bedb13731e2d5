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


def test_the_dictionary_folder_variable_is_not_taken_for_a_setting(tmp_path) -> None:
    # The Makefile and the warnings name SUZGEC_HUNSPELL_DIR; setting it must not stop
    # every command with "unknown setting".
    assert load_settings(env={"SUZGEC_HUNSPELL_DIR": str(tmp_path)}) == Settings()


def test_every_clause_has_thresholds() -> None:
    from suzgec.model import Clause

    for clause in Clause:
        reject, review = Settings().thresholds(clause)
        assert 0 < review <= reject <= 1


# --- the data directory (suzgec.web.datadir, suzgec.web.security) -------------------------
# Each test runs in an empty working directory, where the relative defaults land.


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def mode(path) -> int:
    import stat

    return stat.S_IMODE(path.stat().st_mode)


def test_generated_state_goes_into_a_private_data_dir(workdir) -> None:
    from suzgec.web.datadir import database_url
    from suzgec.web.security import resolve_secret

    settings = Settings()
    assert database_url(settings) == "sqlite:///suzgec-data/suzgec.db"
    key = resolve_secret(settings)
    data = workdir / "suzgec-data"
    assert mode(data) == 0o700
    assert (data / "suzgec.secret").read_text(encoding="utf-8").strip() == key
    assert mode(data / "suzgec.secret") == 0o600
    assert resolve_secret(settings) == key  # generated once
    assert sorted(p.name for p in workdir.iterdir()) == ["suzgec-data"]


@pytest.mark.slow
def test_servers_started_together_on_a_fresh_data_dir_share_one_key(workdir) -> None:
    import subprocess
    import sys

    # Each process generates a key if none exists; all of them must end up with the same.
    code = (
        "import sys; from suzgec.config import Settings; "
        "from suzgec.web.security import resolve_secret; "
        "print(resolve_secret(Settings(data_dir=sys.argv[1])))"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(workdir / "state")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(8)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, [err.decode() for _, err in outputs]
    keys = {out.decode().strip() for out, _ in outputs}
    stored = (workdir / "state" / "suzgec.secret").read_text(encoding="utf-8").strip()
    assert keys == {stored}
    assert sorted(p.name for p in (workdir / "state").iterdir()) == ["suzgec.secret"]


def test_explicit_database_url_and_secret_key_win(workdir) -> None:
    from suzgec.web.datadir import database_url
    from suzgec.web.security import resolve_secret

    url = f"sqlite:///{workdir / 'elsewhere' / 'news.db'}"
    settings = Settings(database_url=url, secret_key="configured")
    assert database_url(settings) == url
    assert resolve_secret(settings) == "configured"
    assert list(workdir.iterdir()) == []  # no data_dir made for nothing
    # Without secret_key the generated key still goes to data_dir, not beside the database.
    resolve_secret(Settings(database_url=url, data_dir=str(workdir / "state")))
    assert (workdir / "state" / "suzgec.secret").is_file()


def test_an_open_key_file_is_made_private(workdir, caplog) -> None:
    from suzgec.web.security import resolve_secret

    key_file = workdir / "suzgec-data" / "suzgec.secret"
    key_file.parent.mkdir()
    key_file.write_text("eski-anahtar\n", encoding="utf-8")
    key_file.chmod(0o644)
    assert resolve_secret(Settings()) == "eski-anahtar"
    assert mode(key_file) == 0o600
    assert "0644" in caplog.text and "0600" in caplog.text


def test_files_of_an_earlier_version_are_still_used(workdir, caplog) -> None:
    """Before data_dir, the database and the key sat in the working directory."""
    from suzgec.web.datadir import database_url
    from suzgec.web.security import resolve_secret

    (workdir / "suzgec.db").write_bytes(b"")
    (workdir / "suzgec.secret").write_text("eski-anahtar\n", encoding="utf-8")
    (workdir / "suzgec.secret").chmod(0o600)
    settings = Settings()
    assert database_url(settings) == "sqlite:///suzgec.db"
    assert resolve_secret(settings) == "eski-anahtar"
    assert "suzgec-data" in caplog.text and "taşıyın" in caplog.text
    assert not (workdir / "suzgec-data").exists()


def test_an_unusable_data_dir_is_a_turkish_config_error(workdir) -> None:
    from suzgec.web.datadir import database_url

    (workdir / "dosya").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="data_dir ayarını"):
        database_url(Settings(data_dir="dosya/veri"))


@pytest.mark.parametrize(
    "generated",
    ["suzgec-data/suzgec.secret", "suzgec-data/suzgec.db", "suzgec.secret", "x.db-wal", "x.db-shm"],
)
def test_generated_files_are_ignored_by_git(generated: str) -> None:
    import shutil
    import subprocess
    from pathlib import Path

    root = Path(__file__).parents[1]
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("needs git and a checkout")
    check = ["git", "-C", str(root), "check-ignore", "--no-index", "-q", generated]
    assert subprocess.run(check).returncode == 0, f"`git add .` would commit {generated}"

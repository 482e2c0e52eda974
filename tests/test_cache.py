"""The parsed-catalog cache (issue 9 item 5): plain data that cannot run code, a private
folder, keys on content and on esmtool's code, bounded size, odd entries ignored."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from esmtool.catalog import load_catalog

from .conftest import ROOT, run_cli

STRATEGY = """strategies:
  - id: ks-01
    measure: breastfeeding
    name: Lactation Support Line
    approach: A phone line for new parents.
    evidence: emerging
    url: https://example.org/ks-01
    origin: state
"""


def _cache(tmp_path: Path) -> dict[str, str]:
    return {"ESMTOOL_CACHE_DIR": str(tmp_path / "cache")}


class _Payload:
    """Unpickling this runs a shell command that creates a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_file_in_the_cache_folder_runs_no_code(tmp_path: Path) -> None:
    env = _cache(tmp_path)
    assert run_cli("list", "npms", env=env).returncode == 0  # fills the cache
    cache = tmp_path / "cache"
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Payload(marker))
    names = [p.name for p in cache.iterdir()]
    assert names
    for name in names:  # every entry, under whatever name it has
        (cache / name).write_bytes(payload)
        (cache / (Path(name).stem + ".pickle")).write_bytes(payload)
    proc = run_cli("list", "npms", env=env)
    assert proc.returncode == 0, proc.stderr
    assert not marker.exists(), "a file in the cache folder ran code"
    assert b"Traceback" not in proc.stderr


def test_the_cache_folder_is_created_private(tmp_path: Path) -> None:
    env = {"ESMTOOL_CACHE_DIR": str(tmp_path / "deep" / "cache")}
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os; os.umask(0); import esmtool.cli as c; c.main()",
            "list",
            "npms",
        ],
        env={**os.environ, **env},
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    mode = stat.S_IMODE((tmp_path / "deep" / "cache").stat().st_mode)
    assert mode == 0o700
    for p in (tmp_path / "deep" / "cache").iterdir():
        assert stat.S_IMODE(p.stat().st_mode) & 0o077 == 0


def test_a_cache_folder_others_can_write_is_ignored_with_a_notice(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    os.chmod(cache, 0o777)
    proc = run_cli("list", "npms", "--format", "json", env=_cache(tmp_path))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)  # stdout stays clean data
    err = proc.stderr.decode()
    assert "Note:" in err and str(cache) in err and "other users" in err
    assert list(cache.iterdir()) == [], "nothing is written into an unsafe folder"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_cache_folder_of_another_user_is_ignored_with_a_notice(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    os.chown(cache, 65534, 65534)
    proc = run_cli("list", "npms", env=_cache(tmp_path))
    assert proc.returncode == 0
    assert "belongs to another user" in proc.stderr.decode()
    assert list(cache.iterdir()) == []


def test_an_edit_keeping_size_and_mtime_is_not_served_stale(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    path = folder / "mine.yaml"
    path.write_text(STRATEGY, encoding="utf-8")
    env = _cache(tmp_path)
    first = run_cli(
        "show", "strategy", "ks-01", "--format", "json", "--catalog", str(folder), env=env
    )
    assert json.loads(first.stdout)["name"] == "Lactation Support Line"
    st = path.stat()
    path.write_text(
        STRATEGY.replace("Lactation Support Line", "Lactation Helpline XYZ"), encoding="utf-8"
    )
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # as `cp -p` or `rsync -t` leave it
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    again = run_cli(
        "show", "strategy", "ks-01", "--format", "json", "--catalog", str(folder), env=env
    )
    assert json.loads(again.stdout)["name"] == "Lactation Helpline XYZ"


def test_an_editable_install_whose_models_changed_does_not_read_old_entries(
    tmp_path: Path,
) -> None:
    pkg = tmp_path / "src" / "esmtool"
    shutil.copytree(ROOT / "src" / "esmtool", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", tmp_path / "data")
    env = {**_cache(tmp_path), "PYTHONPATH": str(tmp_path / "src")}
    assert run_cli("list", "strategies", "--format", "json", env=env).returncode == 0
    models = pkg / "catalog" / "models.py"
    text = models.read_text(encoding="utf-8")
    marker = '    notes: str | None = None\n\n    @field_validator("templates")'
    assert marker in text
    models.write_text(
        text.replace(
            marker,
            '    notes: str | None = None\n    colour: str = "blue"\n\n'
            '    @field_validator("templates")',
        ),
        encoding="utf-8",
    )
    proc = run_cli("list", "strategies", "--format", "json", env=env)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("show", "strategy", "medical-home-personal-01", "--format", "json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["colour"] == "blue"


def test_old_entries_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from esmtool.catalog import cache as cache_mod

    monkeypatch.setenv("ESMTOOL_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "state"
    folder.mkdir()
    path = folder / "mine.yaml"
    for i in range(12):
        path.write_text(STRATEGY.replace("Support Line", f"Support Line {i}"), encoding="utf-8")
        assert load_catalog([folder], use_env=False).strategy("ks-01").name.endswith(f" {i}")
    cache = tmp_path / "cache"
    wholes = list(cache.glob("whole-*.json"))
    assert 1 <= len(wholes) <= cache_mod.KEEP_WHOLE
    files = list(cache.glob("file-*.json"))
    n_catalog_files = len(list((ROOT / "data").rglob("*.yaml"))) + 1
    assert len(files) <= max(cache_mod.KEEP_FILES, 2 * n_catalog_files)
    (cache / "old-entry.pickle").write_bytes(b"x")  # what esmtool < 0.2 left behind
    path.write_text(STRATEGY.replace("Support Line", "Support Line final"), encoding="utf-8")
    load_catalog([folder], use_env=False)
    assert not (cache / "old-entry.pickle").exists()


@pytest.mark.parametrize(
    "content",
    [
        b"[1, 2, 3]",
        b'{"key": "x", "value": {}}',
        b"\xff\xfe not text",
        b'{"value": {"meta": 1}}',
    ],
)
def test_an_entry_of_the_wrong_shape_is_ignored(tmp_path: Path, content: bytes) -> None:
    env = _cache(tmp_path)
    expected = run_cli("list", "strategies", "--format", "json", env=env)
    cache = tmp_path / "cache"
    for p in cache.glob("*.json"):
        key = p.stem.split("-", 1)[1]
        body = content.replace(b'"key": "x"', f'"key": "{key}"'.encode())
        if content.startswith(b'{"value"'):
            body = json.dumps(
                {"key": key, "value": {"meta": 1}, "model": {"x": 1}, "lines": 5}
            ).encode()
        p.write_bytes(body)
    proc = run_cli("list", "strategies", "--format", "json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == expected.stdout


def test_a_fifo_at_the_cache_path_does_not_hang(tmp_path: Path) -> None:
    env = _cache(tmp_path)
    assert run_cli("list", "npms", env=env).returncode == 0
    cache = tmp_path / "cache"
    entries = [p for p in cache.iterdir() if p.is_file()]
    assert entries
    for p in entries:  # every entry, under whatever name it has
        p.unlink()
        os.mkfifo(p)
    proc = run_cli("list", "npms", env=env, timeout=30)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("damage", ["missing", "wrong shape", "one row damaged"])
def test_a_lost_templates_entry_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    # the merged catalog and its templates are two entries; the templates are read when needed
    monkeypatch.setenv("ESMTOOL_CACHE_DIR", str(tmp_path / "cache"))
    fresh = load_catalog(use_env=False)
    (entry,) = (tmp_path / "cache").glob("tmpl-*.json")
    if damage == "missing":
        entry.unlink()
    elif damage == "one row damaged":  # every field there, one of the wrong type: seen when built
        doc = json.loads(entry.read_text(encoding="utf-8"))
        doc["value"][-1]["slots"] = "not a list"
        entry.write_text(json.dumps(doc), encoding="utf-8")
    else:
        key = entry.stem.split("-", 1)[1]
        entry.write_text(json.dumps({"key": key, "value": [{"id": "x"}]}), encoding="utf-8")
    cached = load_catalog(use_env=False)
    assert cached.synonyms == fresh.synonyms  # with their keys, from the merged entry
    assert not cached.templates.loaded
    assert dict(cached.templates) == dict(fresh.templates)
    assert load_catalog(use_env=False).templates == fresh.templates  # the entry is written again
    assert len(list((tmp_path / "cache").glob("tmpl-*.json"))) == 1


@pytest.fixture
def old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalog file changed long enough ago to be remembered by its stat (a private cache)."""
    from esmtool.catalog import cache as cache_mod

    monkeypatch.setenv("ESMTOOL_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "mine.yaml"
    path.write_text(STRATEGY, encoding="utf-8")
    real_now = cache_mod._now
    monkeypatch.setattr(cache_mod, "_now", lambda: real_now() + 60)  # the file is not new
    return path


def test_files_whose_stat_has_not_moved_are_not_read_again(
    old_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a start that finds the same files (device, inode, size, mtime, ctime) reads none of them
    from esmtool.catalog import cache as cache_mod

    key = cache_mod.whole_key([old_file])
    assert key == cache_mod.content_key([old_file])
    assert len(list((tmp_path / "cache").glob("stat-*.json"))) == 1

    def no_reading(_files: list[Path]) -> str:
        raise AssertionError("the files were read again")

    monkeypatch.setattr(cache_mod, "content_key", no_reading)
    assert cache_mod.whole_key([old_file]) == key


def test_an_edit_keeping_size_and_mtime_moves_the_change_time_and_is_read(old_file: Path) -> None:
    from esmtool.catalog import cache as cache_mod

    before = cache_mod.whole_key([old_file])
    st = old_file.stat()
    old_file.write_text(STRATEGY.replace("Support Line", "Support Lane"), encoding="utf-8")
    os.utime(old_file, ns=(st.st_atime_ns, st.st_mtime_ns))  # as `cp -p` or `rsync -t` leave it
    assert old_file.stat().st_size == st.st_size and old_file.stat().st_mtime_ns == st.st_mtime_ns
    after = cache_mod.whole_key([old_file])
    assert after != before
    assert after == cache_mod.content_key([old_file])


def test_files_changed_just_now_are_never_remembered_by_their_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # within the clock's granularity a second edit could keep the stat: hash such files each time
    from esmtool.catalog import cache as cache_mod

    monkeypatch.setenv("ESMTOOL_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "mine.yaml"
    path.write_text(STRATEGY, encoding="utf-8")
    assert cache_mod.whole_key([path]) == cache_mod.content_key([path])
    assert list((tmp_path / "cache").glob("stat-*.json")) == []

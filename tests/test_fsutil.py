"""Atomic writes: never replace a file unasked, never leave a private or half-written file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from esmtool.errors import OutputError
from esmtool.fsutil import atomic_write, check_writable, safe_filename


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "esm.md"
    atomic_write(target, "# ESM\n")
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "esm.md"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write(target, "new", force=True)
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_existing_file_is_never_replaced_without_force(tmp_path: Path) -> None:
    target = tmp_path / "esm.md"
    target.write_text("keep me")
    with pytest.raises(OutputError, match="already exists"):
        atomic_write(target, "new")
    with pytest.raises(OutputError, match="already exists"):
        check_writable(target, force=False)
    assert target.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["esm.md"]


def test_missing_folder_and_file_as_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        atomic_write(tmp_path / "nope" / "esm.md", "x")
    (tmp_path / "plain").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        atomic_write(tmp_path / "plain" / "esm.md", "x")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("ESM 11.1: Care Coordination", "esm-11.1-care-coordination"),
        ("Pérez / ñandú?", "perez-nandu"),
        ("", "esm"),
        ("../../etc/passwd", "etc-passwd"),
    ],
)
def test_safe_filename(title: str, expected: str) -> None:
    assert safe_filename(title) == expected

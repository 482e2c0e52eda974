"""A user catalog's hostile or unreadable parts, through the real CLI.

- Control characters (ESC and the escape sequences it starts, C1 codes such as CSI/OSC, NUL,
  DEL) in a catalog's text are refused by `catalog validate` and by every command that loads
  the catalog, located as file:line: key; the message itself holds no raw escape.
- A subfolder of a catalog that cannot be read is an error naming it, never skipped in silence.
"""

from __future__ import annotations

import os
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import run_cli

STRATEGY = """\
strategies:
  - id: ks-01
    measure: breastfeeding
    name: {name}
    approach: Staff a statewide lactation support line.
    evidence: moderate
    url: https://example.org/ks-01
"""


@pytest.mark.parametrize(
    ("label", "name", "code"),
    [
        ("OSC title", '"Lactation \\e]0;pwned\\a Line"', "U+001B"),
        ("CSI clear screen", '"Lactation \\e[2J Line"', "U+001B"),
        ("C1 CSI", '"Lactation \\x9b31m Line"', "U+009B"),
        ("NUL", '"Lactation \\0 Line"', "U+0000"),
        ("DEL", '"Lactation \\x7f Line"', "U+007F"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "list"])
def test_control_characters_in_catalog_text_are_refused(
    tmp_path: Path, label: str, name: str, code: str, command: str
) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    (folder / "mine.yaml").write_text(STRATEGY.format(name=name), encoding="utf-8")
    args = (
        ["catalog", "validate", str(folder)]
        if command == "validate"
        else ["list", "strategies", "--catalog", str(folder), "--format", "csv"]
    )
    proc = run_cli(*args)
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, (label, stderr)
    assert "Traceback" not in stderr
    assert f"mine.yaml:4: strategies[0].name: holds {code}" in stderr, stderr
    assert "\x1b" not in stderr and "\x9b" not in stderr and "\x00" not in stderr
    assert proc.stdout == b""


def test_tabs_and_line_breaks_in_catalog_text_are_fine(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        STRATEGY.format(name='"Lactation\\tSupport\\nLine"'), encoding="utf-8"
    )
    proc = run_cli("catalog", "validate", str(folder))
    assert proc.returncode == 0, proc.stderr.decode()


# ----- an unreadable subfolder -----------------------------------------------------------------


@pytest.fixture
def catalog_with_a_locked_subfolder() -> Iterator[Path]:
    """A catalog folder (readable by anyone) with one good file and one locked subfolder."""
    base = Path(tempfile.mkdtemp(prefix="esmtool-locked-"))
    try:
        base.chmod(0o755)
        (base / "good.yaml").write_text(STRATEGY.format(name="Lactation Support Line"))
        locked = base / "locked"
        locked.mkdir()
        (locked / "more.yaml").write_text(
            textwrap.dedent(STRATEGY.format(name="Another")).replace("ks-01", "ks-02")
        )
        locked.chmod(0o000)
        yield base
    finally:
        (base / "locked").chmod(0o755)
        for p in sorted(base.rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()
        base.rmdir()


_PERMISSION_DENIED = """
import errno, os, sys
real_scandir = os.scandir
locked = sys.argv[1]
def scandir(path="."):
    # what the kernel answers a user without read permission (tests run as root,
    # for whom chmod 000 stops nothing)
    if os.fspath(path) == locked:
        raise PermissionError(errno.EACCES, "Permission denied", locked)
    return real_scandir(path)
os.scandir = scandir
from esmtool.cli import main
sys.argv = ["esmtool", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("command", ["validate", "list"])
def test_unreadable_catalog_subfolder_is_an_error_naming_it(
    catalog_with_a_locked_subfolder: Path, tmp_path: Path, command: str
) -> None:
    base = catalog_with_a_locked_subfolder
    locked = base / "locked"
    args = (
        ["catalog", "validate", str(base)]
        if command == "validate"
        else ["list", "strategies", "--catalog", str(base), "--format", "json"]
    )
    if os.geteuid() == 0:  # the kernel would let root in: inject its answer to everyone else
        cmd = [sys.executable, "-c", _PERMISSION_DENIED, str(locked), *args]
    else:  # a real user: chmod 000 really locks it
        cmd = [sys.executable, "-m", "esmtool", *args]
    import subprocess

    proc = subprocess.run(cmd, capture_output=True, timeout=60, cwd=tmp_path)
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    assert f"{locked}: this catalog folder cannot be read (permission denied)" in stderr
    assert "Traceback" not in stderr
    assert "OK:" not in stderr and proc.stdout == b""

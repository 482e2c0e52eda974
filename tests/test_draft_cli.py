"""`esmtool draft` in scripts: answers from files, stdin and --set; never a prompt, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "care-coordination.yaml"
TIMEOUT = 60


def esmtool(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m esmtool`; stdin is /dev/null unless bytes are given (then a pipe)."""
    return subprocess.run(
        [sys.executable, "-m", "esmtool", *args],
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        cwd=cwd,
        timeout=TIMEOUT,
    )


def err_lines(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    return result.stderr.decode("utf-8").splitlines()


def problem_lines(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    """The problem lines of a DraftError ('  [file:line: ]key: message')."""
    return [line.strip() for line in err_lines(result) if line.startswith("  ")]


def has_line(lines: list[str], text: str) -> bool:
    """A line that is ``text``, or ``text`` after its file location ('answers.yaml:3: ')."""
    return any(line == text or line.endswith(": " + text) for line in lines)


def assert_clean_failure(result: subprocess.CompletedProcess[bytes]) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == b""
    assert b"Traceback" not in result.stderr


INCOMPLETE = b"""\
npm: medical-home-personal
strategy: medical-home-personal-01
esm:
  title: Percent of families with a shared plan of care
  unit_type: percentage
"""
#: What INCOMPLETE lacks, as the README's "Required for a complete draft" lists it.
STILL_MISSING = [
    "esm.goal",
    "esm.numerator",
    "esm.denominator",
    "esm.data_sources",
    "esm.significance",
    "esm.direction",
    "esm.baseline",
    "esm.targets",
]


@pytest.fixture
def incomplete_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_bytes(INCOMPLETE)
    return path


def assert_lists_missing(result: subprocess.CompletedProcess[bytes]) -> None:
    assert_clean_failure(result)
    lines = problem_lines(result)
    for key in STILL_MISSING:
        assert has_line(lines, f"{key}: is required but missing"), (key, lines)
    assert len(lines) == len(STILL_MISSING), lines  # one line per key, nothing else
    assert not any("esm.title" in line or "esm.unit_type" in line for line in lines)


@pytest.mark.parametrize("how", ["devnull", "pipe"])
def test_incomplete_answers_file_lists_every_missing_key(incomplete_file: Path, how: str) -> None:
    stdin = b"" if how == "pipe" else None  # never a terminal: never a prompt
    assert_lists_missing(esmtool("draft", "--answers", str(incomplete_file), stdin=stdin))


def test_incomplete_answers_on_stdin() -> None:
    assert_lists_missing(esmtool("draft", "--answers", "-", stdin=INCOMPLETE))


def test_no_answers_and_no_terminal_never_prompts() -> None:
    result = esmtool("draft")
    assert_clean_failure(result)
    lines = problem_lines(result)
    assert lines[:2] == ["npm: is required but missing", "strategy: is required but missing"]


def test_invalid_values_are_all_reported_at_once(tmp_path: Path) -> None:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["esm"]["unit_number"] = 50
    data["esm"]["baseline"]["value"] = "lots"
    data["esm"]["colour"] = "blue"
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = esmtool("draft", "--answers", str(path), "--no-input")
    assert_clean_failure(result)
    text = "\n".join(problem_lines(result))
    assert "esm.baseline.value" in text and "'lots' is not a number" in text
    assert "esm.colour" in text and "not a known key" in text


def test_invalid_set_value_is_reported(tmp_path: Path) -> None:
    result = esmtool("draft", "--answers", str(EXAMPLE), "--set", "esm.unit_number=50")
    assert_clean_failure(result)
    assert has_line(problem_lines(result), "esm.unit_number: must be 100 for a percentage")


def example_output() -> dict[str, Any]:
    from esmtool.catalog import load_catalog
    from esmtool.draft import validate_draft

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    draft, problems = validate_draft(data, load_catalog(use_env=False), complete=True)
    assert draft is not None, problems
    return draft.to_data()


def test_complete_file_gives_the_draft_on_stdout() -> None:
    result = esmtool("draft", "--answers", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert yaml.safe_load(result.stdout) == example_output()


def test_complete_answers_on_stdin() -> None:
    result = esmtool("draft", "--answers", "-", stdin=EXAMPLE.read_bytes())
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(result.stdout) == example_output()


def test_set_wins_over_the_file() -> None:
    result = esmtool(
        "draft",
        "--answers",
        str(EXAMPLE),
        "--set",
        "esm.title=Percent of families with a reviewed plan",
        "--set",
        "esm.targets.2030=60",
    )
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    expected = example_output()
    expected["esm"]["title"] = "Percent of families with a reviewed plan"
    expected["esm"]["targets"][2030] = 60
    assert data == expected


def test_output_file_yaml_and_json(tmp_path: Path) -> None:
    for name in ("out.yaml", "out.json"):
        result = esmtool("draft", "--answers", str(EXAMPLE), "-o", name, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout == b""
        assert f"Wrote {name}" in result.stderr.decode()
        # JSON is YAML too; targets come back with string keys from JSON
        loaded = yaml.safe_load((tmp_path / name).read_text(encoding="utf-8"))
        loaded["esm"]["targets"] = {int(k): v for k, v in loaded["esm"]["targets"].items()}
        assert loaded == example_output()


def test_existing_output_is_never_replaced_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("my precious notes\n", encoding="utf-8")
    before = out.stat()
    result = esmtool("draft", "--answers", str(EXAMPLE), "-o", str(out))
    assert_clean_failure(result)
    assert "--force" in result.stderr.decode()
    assert out.read_text(encoding="utf-8") == "my precious notes\n"
    assert out.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]  # no stray temp files

    result = esmtool("draft", "--answers", str(EXAMPLE), "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8")) == example_output()


def test_refused_output_is_checked_before_reading_answers(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("keep\n", encoding="utf-8")
    result = esmtool("draft", "--answers", "-", "-o", str(out), stdin=INCOMPLETE)
    assert_clean_failure(result)
    assert "already exists" in result.stderr.decode()
    assert out.read_text(encoding="utf-8") == "keep\n"

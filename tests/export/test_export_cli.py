"""`esmtool export` (and `esmtool draft -o FILE`) through the real command line."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from esmtool.cli import app

from ..conftest import EXAMPLE_DRAFT, run_cli


@pytest.fixture
def drafts(tmp_path: Path) -> dict[str, Path]:
    """Three valid drafts (two share an ESM number) and one invalid one."""
    base = yaml.safe_load(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    folder = tmp_path / "drafts"
    folder.mkdir()
    out: dict[str, Path] = {}

    def write(name: str, data: Any) -> None:
        out[name] = folder / f"{name}.yaml"
        out[name].write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    write("a", base)
    write("b", base)  # same ESM number as a
    c = {**base, "esm": {k: v for k, v in base["esm"].items() if k != "id"}}
    c["esm"]["title"] = "Number of families trained: Spring/Summer *2026*"
    write("c", c)
    write("bad", {"npm": "no-such-measure", "esm": {"title": "x", "unit_type": "dozens"}})
    return out


def invoke(runner: CliRunner, *args: Any) -> Any:
    return runner.invoke(app, [str(a) for a in args])


# ----- one draft --------------------------------------------------------------------------------


def test_single_to_stdout_is_markdown(runner: CliRunner) -> None:
    result = invoke(runner, "export", EXAMPLE_DRAFT)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Percent of children with special health care needs")
    assert "## RBA measure set" in result.stdout


def test_single_to_stdout_dash_with_format(runner: CliRunner) -> None:
    result = invoke(runner, "export", EXAMPLE_DRAFT, "-o", "-", "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")


# Word on stdout: refused at a terminal, written to a pipe (tests/export/test_export_input.py)


@pytest.mark.parametrize(
    "name", ["esm.docx", "esm.html", "esm.md", "esm.csv", "esm.json", "esm.yml"]
)
def test_single_to_file_by_extension(runner: CliRunner, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    result = invoke(runner, "export", EXAMPLE_DRAFT, "-o", target)
    assert result.exit_code == 0, result.output
    assert f"Wrote {target}" in result.stderr
    data = target.read_bytes()
    assert data
    if name.endswith(".docx"):
        import docx

        assert docx.Document(io.BytesIO(data)).core_properties.title.startswith("Percent of")
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary files left


def test_refuses_to_overwrite_without_force(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "esm.md"
    target.write_text("keep me", encoding="utf-8")
    result = invoke(runner, "export", EXAMPLE_DRAFT, "-o", target)
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    result = invoke(runner, "export", EXAMPLE_DRAFT, "-o", target, "--force")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# Percent of children")


def test_single_invalid_draft_lists_problems(
    runner: CliRunner, drafts: dict[str, Path], tmp_path: Path
) -> None:
    result = invoke(runner, "export", drafts["bad"], "-o", tmp_path / "x.md")
    assert result.exit_code == 2
    assert "the draft has" in result.stderr
    assert "npm: 'no-such-measure' is not a known measure code" in result.stderr
    assert "esm.unit_type" in result.stderr
    assert not (tmp_path / "x.md").exists()


def test_unknown_format_and_extension(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "export", EXAMPLE_DRAFT, "--format", "pdf")
    assert result.exit_code == 2 and "'pdf' is not an export format" in result.stderr
    result = invoke(runner, "export", EXAMPLE_DRAFT, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2 and "Cannot tell the format" in result.stderr


def test_single_to_a_folder_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "export", EXAMPLE_DRAFT, "-o", tmp_path, "--format", "html")
    assert result.exit_code == 2 and "is a folder" in result.stderr
    assert list(tmp_path.iterdir()) == []


# ----- batches ----------------------------------------------------------------------------------


def test_batch_with_an_invalid_draft(
    runner: CliRunner, drafts: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out" / "nested"
    result = invoke(
        runner, "export", drafts["a"], drafts["bad"], drafts["b"], drafts["c"], "-o", out
    )
    assert result.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == [
        "esm-11.1-2.md",
        "esm-11.1.md",
        "number-of-families-trained-spring-summer-2026.md",
    ]
    lines = result.stderr.splitlines()
    failed = [i for i, line in enumerate(lines) if str(drafts["bad"]) in line]
    first = lines[failed[0]]
    assert first.startswith(f"Error: {drafts['bad']}: the draft has ")
    count = int(first.split("has ")[1].split()[0])
    problems = lines[failed[0] + 1 : failed[0] + 1 + count]
    assert all(p.startswith(f"  {drafts['bad']}") for p in problems)
    assert any("no-such-measure" in p for p in problems)
    assert any("esm.unit_type" in p for p in problems)
    assert len(lines) == 1 + count + 1
    assert lines[-1] == f"Exported 3 of 4 drafts to {out}"
    assert result.stdout == ""


def test_batch_where_all_fail_creates_nothing(
    runner: CliRunner, drafts: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "new-folder"
    result = invoke(runner, "export", drafts["bad"], tmp_path / "nope.yaml", "-o", out)
    assert result.exit_code == 2
    assert not out.exists()
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 2
    assert "Exported 0 of 2 drafts" in result.stderr


def test_batch_names_are_deterministic(
    runner: CliRunner, drafts: dict[str, Path], tmp_path: Path
) -> None:
    for run in ("one", "two"):
        out = tmp_path / run
        result = invoke(runner, "export", drafts["b"], drafts["a"], "-o", out, "--format", "json")
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in out.iterdir()) == ["esm-11.1-2.json", "esm-11.1.json"]
    assert (tmp_path / "one" / "esm-11.1.json").read_bytes() == (
        tmp_path / "two" / "esm-11.1.json"
    ).read_bytes()


def test_batch_refuses_to_overwrite_then_force(
    runner: CliRunner, drafts: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "esm-11.1.docx").write_bytes(b"old")
    result = invoke(runner, "export", drafts["a"], drafts["c"], "-o", out, "--format", "docx")
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert (out / "esm-11.1.docx").read_bytes() == b"old"
    assert "Exported 1 of 2 drafts" in result.stderr
    result = invoke(
        runner, "export", drafts["a"], drafts["c"], "-o", out, "--format", "docx", "--force"
    )
    assert result.exit_code == 0, result.output
    assert (out / "esm-11.1.docx").read_bytes()[:2] == b"PK"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_batch_needs_a_folder(runner: CliRunner, drafts: dict[str, Path], tmp_path: Path) -> None:
    result = invoke(runner, "export", drafts["a"], drafts["b"])
    assert result.exit_code == 2 and "need a folder" in result.stderr
    result = invoke(runner, "export", drafts["a"], drafts["b"], "-o", tmp_path / "all.md")
    assert result.exit_code == 2 and "looks like a file name" in result.stderr
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    result = invoke(runner, "export", drafts["a"], drafts["b"], "-o", afile)
    assert result.exit_code == 2 and "is a file" in result.stderr


def test_batch_missing_file_goes_on(
    runner: CliRunner, drafts: dict[str, Path], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.yaml"
    result = invoke(runner, "export", missing, drafts["a"], "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert f"Error: {missing}: no such file." in result.stderr
    assert (tmp_path / "out" / "esm-11.1.md").is_file()


# ----- templates --------------------------------------------------------------------------------


def test_template_sandbox_violation(runner: CliRunner, tmp_path: Path) -> None:
    t = tmp_path / "evil.md.j2"
    t.write_text("# {{ esm.title }}\n{{ esm.__class__.__init__.__globals__ }}\n", encoding="utf-8")
    result = invoke(runner, "export", EXAMPLE_DRAFT, "--template", t, "-o", tmp_path / "x.md")
    assert result.exit_code == 2
    assert f"Error: {t}:2: the template tried something templates may not do" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.md").exists()


def test_template_to_file_and_batch(
    runner: CliRunner, drafts: dict[str, Path], tmp_path: Path
) -> None:
    t = tmp_path / "summary.html.j2"
    t.write_text("<h1>{{ esm.title }}</h1>\n", encoding="utf-8")
    result = invoke(runner, "export", drafts["c"], "--template", t, "-o", tmp_path / "c.html")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "c.html").read_text(encoding="utf-8") == (
        "<h1>Number of families trained: Spring/Summer *2026*</h1>\n"
    )
    result = invoke(
        runner, "export", drafts["a"], drafts["c"], "--template", t, "-o", tmp_path / "out"
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".html", ".html"]


def test_template_syntax_error_stops_batch(
    runner: CliRunner, drafts: dict[str, Path], tmp_path: Path
) -> None:
    t = tmp_path / "broken.md.j2"
    t.write_text("fine\n{% for x in %}\n", encoding="utf-8")
    result = invoke(runner, "export", drafts["a"], drafts["b"], "--template", t, "-o", tmp_path)
    assert result.exit_code == 2
    assert f"{t}:2: template syntax error" in result.stderr
    assert not list(tmp_path.glob("*.md"))


def test_template_needs_md_or_html(runner: CliRunner, tmp_path: Path) -> None:
    t = tmp_path / "t.txt"
    t.write_text("x", encoding="utf-8")
    result = invoke(runner, "export", EXAMPLE_DRAFT, "--template", t)
    assert result.exit_code == 2 and "Markdown or HTML" in result.stderr
    result = invoke(runner, "export", EXAMPLE_DRAFT, "--template", t, "--format", "md")
    assert result.exit_code == 0 and result.stdout == "x"


# ----- draft -o ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["out.docx", "out.html", "out.md", "out.csv"])
def test_draft_exports_at_the_end(runner: CliRunner, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    result = invoke(runner, "draft", "--answers", EXAMPLE_DRAFT, "--no-input", "-o", target)
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    if name.endswith(".docx"):
        import docx

        doc = docx.Document(io.BytesIO(data))
        assert doc.paragraphs[0].style.name == "Title"
    else:
        assert b"Percent of children" in data


# ----- real processes ---------------------------------------------------------------------------


def test_subprocess_batch(drafts: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_cli(
        "export",
        str(drafts["a"]),
        str(drafts["bad"]),
        str(drafts["c"]),
        "-o",
        str(out),
        "--format",
        "html",
    )
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.splitlines()[-1] == f"Exported 2 of 3 drafts to {out}"
    assert "bad.yaml" in err and "Traceback" not in err
    assert "\x1b[" not in err  # no progress bar when stderr is not a terminal
    assert len(list(out.glob("*.html"))) == 2
    proc = run_cli("export", str(drafts["a"]))
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("# Percent of children")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_batch_on_a_terminal(drafts: dict[str, Path], tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    out = tmp_path / "out"
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "ESMTOOL_CACHE_DIR": str(tmp_path)}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "esmtool", "export", str(drafts["a"]), str(drafts["bad"]), "-o", str(out)],
        env=env,
        timeout=30,
        encoding="utf-8",
    )
    child.expect(r"bad\.yaml")
    child.expect(r"Exported 1 of 2 drafts to")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert (out / "esm-11.1.md").is_file()

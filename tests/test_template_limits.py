"""User templates are bounded in time and memory whatever they do (issue 9 item 6).

Each runs through the real CLI; a runaway template is stopped in its child process and
reported with its file name, exit 2, and nothing on stdout."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import EXAMPLE_DRAFT, run_cli

RUNAWAY = {
    "nested-loops": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}x",
        "took longer than",
    ),
    "huge-power": ("{{ (((10**100)**100)**100)**100 > 1 }}", "took longer than"),
    "center": ("{{ 'x'|center(1000000000)|length }}", "needed more than"),
    "percent-format": ("{{ '%1000000000s' % 'x' }}", "needed more than"),
    "format-filter": ("{{ '%1000000000s'|format('x')|length }}", "needed more than"),
    "str-format": ("{{ '{:>1000000000}'.format('x')|length }}", "needed more than"),
    "doubling": (
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s|length }}",
        "needed more than",
    ),
}


@pytest.mark.parametrize("name", sorted(RUNAWAY))
def test_a_runaway_template_is_stopped_and_named(tmp_path: Path, name: str) -> None:
    source, reason = RUNAWAY[name]
    template = tmp_path / f"{name}.md.j2"
    template.write_text(source, encoding="utf-8")
    proc = run_cli("export", str(EXAMPLE_DRAFT), "-o", "-", "--template", str(template), timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert proc.stdout == b""
    assert f"{template}" in err and reason in err
    assert "Traceback" not in err


def test_a_template_over_the_output_cap_is_stopped(tmp_path: Path) -> None:
    # each '*' is escaped to '\*' in Markdown: 3 Mi characters of data become 6 Mi of output
    template = tmp_path / "stars.md.j2"
    template.write_text(
        "{% for i in range(3) %}{{ ('*' * 1000000) }}{% endfor %}", encoding="utf-8"
    )
    proc = run_cli("export", str(EXAMPLE_DRAFT), "-o", "-", "--template", str(template))
    assert proc.returncode == 2
    assert "more than 4,194,304 characters" in proc.stderr.decode()


def test_a_plain_template_still_renders(tmp_path: Path) -> None:
    template = tmp_path / "ok.md.j2"
    template.write_text("# {{ esm.title }}\n", encoding="utf-8")
    proc = run_cli("export", str(EXAMPLE_DRAFT), "-o", "-", "--template", str(template))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"# Percent of children")


def test_a_batch_with_a_runaway_template_stops_with_its_message(tmp_path: Path) -> None:
    template = tmp_path / "big.md.j2"
    template.write_text("{{ 'x'|center(1000000000)|length }}", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli(
        "export",
        str(EXAMPLE_DRAFT),
        str(EXAMPLE_DRAFT),
        "-o",
        str(out),
        "--template",
        str(template),
        "--format",
        "md",
        timeout=60,
    )
    assert proc.returncode == 2
    assert "needed more than" in proc.stderr.decode()

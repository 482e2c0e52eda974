"""The turn-the-curve chart: its data points read back from the SVG, in HTML and in Word."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from ..conftest import EXAMPLE_DRAFT, run_cli
from .helpers import with_actuals, write

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"

#: baseline 42 (2023); objectives 45..57 (2024..2028); actuals 44, 46, 47 (provisional)
ACTUALS = {"y2024": 44, "y2025": 46, "y2026": {"value": 47, "status": "provisional"}}


def _draft(tmp_path: Path) -> Path:
    data = with_actuals(**ACTUALS)
    data["esm"]["story"] = "Enrollment grew faster than staffing."
    data["esm"]["partners"] = ["Family Voices", "Regional care coordination teams"]
    data["esm"]["data_development"] = ["Share of plans shared with school nurses"]
    return write(tmp_path / "d.yaml", data)


def _points(root: ET.Element, gid: str) -> list[tuple[float, float]]:
    group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == gid)
    return [(float(u.get("x", "nan")), float(u.get("y", "nan"))) for u in group.iter(f"{SVG}use")]


def _marker(root: ET.Element, gid: str) -> str:
    group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == gid)
    href = next(group.iter(f"{SVG}use")).get(XLINK, "")
    shape = next(p for p in root.iter(f"{SVG}path") if p.get("id") == href.lstrip("#"))
    return shape.get("d", "")


def _line_style(root: ET.Element, gid: str) -> str:
    group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == gid)
    return next(group.iter(f"{SVG}path")).get("style", "")


def check_chart(svg: str) -> None:
    """Every series at the right place: one linear map from (year, value) to the SVG's (x, y)."""
    root = ET.fromstring(svg[svg.index("<svg") :])
    series = {
        "baseline": [(2023, 42.0)],
        "objectives": [(2024, 45.0), (2025, 48.0), (2026, 51.0), (2027, 54.0), (2028, 57.0)],
        "actuals": [(2024, 44.0), (2025, 46.0), (2026, 47.0)],
        "provisional": [(2026, 47.0)],
        # least squares through (2023, 42), (2024, 44), (2025, 46), (2026, 47): slope 1.7
        "forecast": [(2026, 47.3), (2027, 49.0), (2028, 50.7)],
    }
    drawn = {gid: _points(root, gid) for gid in series}
    assert {gid: len(p) for gid, p in drawn.items()} == {g: len(s) for g, s in series.items()}
    (y0, v0), (y1, v1) = series["objectives"][0], series["objectives"][-1]
    (x0, py0), (x1, py1) = drawn["objectives"][0], drawn["objectives"][-1]
    sx, sy = (x1 - x0) / (y1 - y0), (py1 - py0) / (v1 - v0)
    assert sx > 0 and sy < 0  # years to the right, higher values up
    for gid, pts in series.items():
        for (year, value), (x, y) in zip(pts, drawn[gid], strict=True):
            assert x == pytest.approx(x0 + (year - y0) * sx, abs=0.05), (gid, year)
            assert y == pytest.approx(py0 + (value - v0) * sy, abs=0.05), (gid, year, value)
    # told apart without colour: each series its own marker shape, the lines their own dashes
    shapes = {gid: _marker(root, gid) for gid in ("baseline", "objectives", "actuals", "forecast")}
    assert len(set(shapes.values())) == 4
    styles = {gid: _line_style(root, gid) for gid in ("objectives", "actuals", "forecast")}
    dashes = {gid: re.search(r"stroke-dasharray: ([^;]+)", s) for gid, s in styles.items()}
    assert dashes["actuals"] is None  # solid
    assert dashes["objectives"] and dashes["forecast"]
    assert dashes["objectives"].group(1) != dashes["forecast"].group(1)
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "Percent" in texts and "Year" in texts and "2026" in texts
    assert "Percent of children with special health care needs" in texts  # the title


def test_chart_svg_points_and_determinism(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    out1, out2 = tmp_path / "a.svg", tmp_path / "b.svg"
    for out in (out1, out2):
        proc = run_cli("chart", str(draft), "-o", str(out))
        assert proc.returncode == 0, proc.stderr.decode()
    svg = out1.read_text(encoding="utf-8")
    check_chart(svg)
    assert out1.read_bytes() == out2.read_bytes()
    assert "<dc:date>" not in svg


def test_chart_png_at_print_resolution(tmp_path: Path) -> None:
    from docx.image.image import Image

    out = tmp_path / "c.png"
    proc = run_cli("chart", str(_draft(tmp_path)), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    img = Image.from_blob(out.read_bytes())
    assert img.content_type == "image/png"
    assert img.horz_dpi >= 300 and img.px_width >= 1900
    # never replaced without --force
    proc = run_cli("chart", str(_draft(tmp_path)), "-o", str(out))
    assert proc.returncode == 2 and b"--force" in proc.stderr


def test_chart_refuses_what_it_cannot_draw(tmp_path: Path) -> None:
    proc = run_cli("chart", str(_draft(tmp_path)), "-o", str(tmp_path / "c.gif"))
    assert proc.returncode == 2 and b".svg or .png" in proc.stderr
    empty = tmp_path / "empty.yaml"
    empty.write_text("npm: medical-home-personal\n", encoding="utf-8")
    proc = run_cli("chart", str(empty), "-o", str(tmp_path / "c.svg"))
    assert proc.returncode == 2 and b"no chart to draw" in proc.stderr
    assert not (tmp_path / "c.svg").exists()
    assert b"Traceback" not in proc.stderr


def test_html_has_the_chart_and_the_turn_the_curve_section(tmp_path: Path) -> None:
    out = tmp_path / "d.html"
    proc = run_cli("export", str(_draft(tmp_path)), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    html = out.read_text(encoding="utf-8")
    section = html[html.index('<section id="progress">') :]
    section = section[: section.index("</section>")]
    svg = section[section.index("<svg") : section.index("</svg>") + 6]
    check_chart(svg)
    assert "<?xml" not in html
    # the same figures in a table beside it
    assert "<td>2025</td><td>48%</td><td>46%</td><td>Not met</td>" in section
    assert '<section id="turn-the-curve">' in html
    assert "<li>Family Voices</li>" in html and "Enrollment grew faster" in html


def _docx(path: Path) -> Any:
    import docx

    return docx.Document(str(path))


def test_word_has_the_chart_as_an_inline_picture(tmp_path: Path) -> None:
    from docx.image.image import Image

    out = tmp_path / "d.docx"
    proc = run_cli("export", str(_draft(tmp_path)), "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    d = _docx(out)
    assert len(d.inline_shapes) == 1
    shape = d.inline_shapes[0]
    assert abs(shape.width.inches - 6.5) < 0.01
    rid = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    img = Image.from_blob(d.part.related_parts[rid].blob)
    assert img.content_type == "image/png" and img.horz_dpi >= 300
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert "Progress against the annual objectives" in headings
    assert "Turning the curve" in headings and "Data development agenda" in headings
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "Year" and len(t.columns) == 7)
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert ["2026", "51%", "47%", "Not met", "56%", "↑ +1", "provisional"] in rows


def test_documents_without_actuals_have_no_chart(tmp_path: Path) -> None:
    for ext in ("docx", "html", "md"):
        out = tmp_path / f"e.{ext}"
        proc = run_cli("export", str(EXAMPLE_DRAFT), "-o", str(out))
        assert proc.returncode == 0, proc.stderr.decode()
    assert len(_docx(tmp_path / "e.docx").inline_shapes) == 0
    assert "<svg" not in (tmp_path / "e.html").read_text(encoding="utf-8")
    assert "Progress" not in (tmp_path / "e.md").read_text(encoding="utf-8")


def test_matplotlib_only_when_a_chart_is_drawn(tmp_path: Path) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from esmtool.cli import app\n"
        f"args = ['export', {str(EXAMPLE_DRAFT)!r}, '--format', 'docx', '-o', {str(tmp_path / 'x.docx')!r}]\n"
        "with contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('matplotlib' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
    assert (tmp_path / "x.docx").exists()


def test_markdown_has_the_progress_table(tmp_path: Path) -> None:
    proc = run_cli("export", str(_draft(tmp_path)), "--format", "md")
    md = proc.stdout.decode()
    assert "## Progress against the annual objectives" in md
    assert "| 2026 | 51% | 47% | Not met | 56% | ↑ +1 | provisional |" in md
    assert "## Turning the curve" in md

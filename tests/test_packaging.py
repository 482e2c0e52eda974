"""The wheel carries the bundled catalog: an installed copy runs with nothing else present."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SHIPPED_JINJA2

#: The wheel is built once per module: under pytest-xdist these tests share one worker.
pytestmark = pytest.mark.xdist_group("wheel")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is needed to copy the repository")
    work = tmp_path_factory.mktemp("pkg")
    copy = work / "copy"
    # a copy of the repository on another path, as a user would have after a clone
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv*", ".git", "__pycache__", "*.egg-info", ".*_cache"),
    )
    wheels = work / "wheels"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(copy),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        pytest.fail(proc.stdout + proc.stderr)
    target = work / "site"
    wheel = next(wheels.glob("esmtool-*.whl"))
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        pytest.fail(proc.stdout + proc.stderr)
    shutil.rmtree(copy)  # nothing of the source tree is left
    return target


def test_installed_wheel_lists_strategies(installed: Path, tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(installed), "ESMTOOL_NO_CACHE": "1", "PATH": "/usr/bin:/bin"}
    code = "import esmtool, sys; print(esmtool.__file__)"
    where = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert where.stdout.startswith(str(installed)), where.stdout + where.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "esmtool", "list", "strategies", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) >= 115
    path = subprocess.run(
        [sys.executable, "-m", "esmtool", "catalog", "path"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert path.stdout.strip().startswith(str(installed))
    assert (installed / "esmtool" / "draft.schema.json").exists()


@SHIPPED_JINJA2
def test_installed_wheel_renders_with_its_compiled_templates(
    installed: Path, tmp_path: Path
) -> None:
    # the built-in templates' compiled code travels in the wheel and is the code used
    env = {"PYTHONPATH": str(installed), "ESMTOOL_NO_CACHE": "1", "PATH": "/usr/bin:/bin"}
    code = (
        "from esmtool.export import markdown, html\n"
        "print(markdown.environment().get_template('esm.md.j2').filename)\n"
        "print(html.environment().get_template('esm.html.j2').filename)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    compiled = installed / "esmtool" / "export" / "compiled"
    assert proc.stdout.split() == [str(compiled / "esm_md.py"), str(compiled / "esm_html.py")]
    assert (installed / "esmtool" / "export" / "templates" / "esm.md.j2").exists()

"""``esmtool plan init``: a new plan file and its drafts folder.

The answers (``--set state=... --set npms=[a, b]``) are validated by the same
schema as plan files, so a scripted run fails listing every problem at once.
The plan file is written atomically and never replaces an existing one without
``--force``; the drafts folder is created when missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problem
from .model import SCHEMA_ID, Plan, PlanError, validate_plan

HEADER = (
    "# esmtool state plan. Check it with: esmtool plan check {path}\n"
    "# Export it with: esmtool plan export {path} -o plan.docx (or .xlsx, .html, .md)\n"
)


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as plain data in the documented key order, without empty values."""
    data = plan.model_dump(mode="json", by_alias=True, exclude_none=True)
    for key in ("spms", "priority_needs"):
        if not data.get(key):
            data.pop(key, None)
    for need in data.get("priority_needs", []):
        for key in ("objectives", "npms", "spms", "strategies"):
            if not need.get(key):
                need.pop(key)
    return data


def build_plan(answers: dict[str, Any]) -> Plan:
    """A plan from answers; raise :class:`PlanError` with every problem."""
    data = {"schema": SCHEMA_ID, **answers}
    plan, problems = validate_plan(data, None)
    if plan is None:
        n = len(problems)
        raise PlanError(
            f"The plan has {n} problem{'s' if n != 1 else ''}:",
            problems,
            hint="Give each key listed above with --set KEY=VALUE, e.g. --set 'state=Example "
            "State' --set 'npms=[postpartum-visit, medical-home-cc, ...]'.",
        )
    return plan


def write_plan(plan: Plan, folder: Path, *, force: bool = False) -> tuple[Path, list[Path]]:
    """Write ``folder/plan.yaml`` and create the plan's draft folders: (plan file, folders made)."""
    from ..fsutil import atomic_write, check_writable, ensure_folder
    from ..yamlio import dump_yaml

    folder = Path(folder)
    target = folder / "plan.yaml"
    ensure_folder(folder)
    check_writable(target, force=force)
    made: list[Path] = []
    for entry in plan.drafts:
        if entry.endswith("/") or not Path(entry).suffix:
            sub = folder / entry
            if not sub.exists():
                ensure_folder(sub)
                made.append(sub)
    text = HEADER.format(path=target) + dump_yaml(plan_data(plan))
    atomic_write(target, text, force=force)
    return target, made


def missing(answers: dict[str, Any]) -> list[Problem]:
    """Required answers not given yet (for the interactive flow)."""
    return [Problem(k, "is required but missing") for k in ("state", "npms") if not answers.get(k)]


def _defaults_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("esmtool", appauthor=False)) / "plan-defaults.json"


def remembered_state() -> str | None:
    """The state given to the last `plan init` on this account (plain JSON; ignored if odd),
    else the state in the user's settings file (:mod:`esmtool.config`), as the walk offers it."""
    import json

    try:
        raw = _defaults_path().read_bytes()[:4096]
        value = json.loads(raw.decode("utf-8")).get("state")
    except (OSError, ValueError, AttributeError):
        value = None
    if isinstance(value, str) and value.strip():
        return value.strip()[:200]
    from ..config import ConfigError, load_settings

    try:
        return load_settings().state
    except ConfigError:  # `draft` says what is wrong with it; here it is only a default
        return None


def remember_state(state: str) -> None:
    """Remember the state for next time; a failure to write is not an error (it is a default)."""
    import contextlib
    import json

    from ..errors import OutputError
    from ..fsutil import atomic_write, ensure_folder

    path = _defaults_path()
    with contextlib.suppress(OutputError, OSError):
        ensure_folder(path.parent)
        atomic_write(path, json.dumps({"state": state}) + "\n", replace_ok=True)

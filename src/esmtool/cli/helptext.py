"""Help for people: plain metavars (FILE, CODE, N, table|json), an Examples section per command,
and (through :mod:`.completion`) the values a shell completes.

Typer writes a value's Python type into the help (``<str>``, ``<list[str]>``,
``<int range>`` with ``x>=1``). :func:`plain_help` replaces them once, for every
command the group loads, so an option added later gets a plain name too (the
option's own ``metavar=`` wins). The examples live here, in one table, so they
can be tested as commands esmtool accepts (tests/test_help.py).
"""

from __future__ import annotations

from typing import Any

#: Metavars by option name where the type alone says too little (else: the type's).
NAMES = {
    "npm": "CODE",
    "strategy": "ID",
    "evidence": "LEVEL",
    "min_evidence": "LEVEL",
    "year": "YEAR",
    "limit": "N",
    "url": "URL",
    "id": "ID",
}

#: Examples by command path, shown at the end of its help.
EXAMPLES: dict[str, list[str]] = {
    "": [
        "esmtool list npms",
        "esmtool draft -o esm.docx",
        "esmtool check my-esm.yaml",
    ],
    "list": [
        "esmtool list npms",
        "esmtool list strategies --npm medical-home-cc --min-evidence moderate",
        "esmtool list templates --format csv > templates.csv",
    ],
    "show": [
        "esmtool show npm postpartum-visit",
        "esmtool show strategy medical-home-personal-01 --format md",
    ],
    "search": [
        "esmtool search care coordination",
        "esmtool search 'home visiting' --npm breastfeeding -n 5",
    ],
    "schema": ["esmtool schema > draft.schema.json", "esmtool schema plan"],
    "check": [
        "esmtool check my-esm.yaml",
        "esmtool check drafts/*.yaml --format json --strict",
    ],
    "draft": [
        "esmtool draft -o esm.docx",
        "esmtool draft --resume",
        "esmtool draft --plan plan.yaml",
        "esmtool draft --answers answers.yaml --set esm.unit_type=count --no-input -o esm.yaml",
        "esmtool draft --from esm-2025.yaml -o esm-2026.yaml",
    ],
    "drafts": ["esmtool drafts", "esmtool drafts --format json"],
    "export": [
        "esmtool export my-esm.yaml -o my-esm.docx",
        "esmtool export my-esm.yaml -o my-esm.html --include review,notes",
        "esmtool export drafts/*.yaml -o out/ --format md",
    ],
    "import": ["esmtool import state-esms.xlsx -o drafts/"],
    "catalog": ["esmtool catalog path", "esmtool catalog validate my-catalog/"],
    "catalog path": ["esmtool catalog path"],
    "catalog validate": ["esmtool catalog validate my-catalog/"],
    "catalog import": ["esmtool catalog import saved-page.html -o my-catalog/"],
    "plan": ["esmtool plan init my-plan", "esmtool plan check my-plan"],
    "plan init": [
        "esmtool plan init my-plan",
        "esmtool plan init my-plan --no-input --set 'state=Example State' "
        "--set 'npms=[postpartum-visit, medical-home-cc]'",
    ],
    "plan check": ["esmtool plan check my-plan", "esmtool plan check my-plan --format json"],
    "plan export": [
        "esmtool plan export my-plan -o plan.docx",
        "esmtool plan export my-plan -o plan.xlsx",
    ],
    "progress": ["esmtool progress my-esm.yaml", "esmtool progress drafts/*.yaml --year 2027"],
    "chart": ["esmtool chart my-esm.yaml -o curve.svg"],
    "diff": ["esmtool diff esm-2025.yaml esm-2026.yaml"],
    "actuals": ["esmtool actuals import actuals.csv --into my-esm.yaml --force"],
    "actuals import": [
        "esmtool actuals import actuals.csv --into my-esm.yaml",
        "esmtool actuals import actuals.csv --into my-esm.yaml --force",
    ],
}


def _metavar(param: Any) -> str | None:
    """A plain name for ``param``'s value, or None to leave it as it is."""
    desc = getattr(param, "type_descriptor", None)
    if desc is None:
        return None
    if desc.is_choice and desc.choices:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices)
    if param.name in NAMES:
        return NAMES[param.name]
    annotation = desc.annotation
    args = getattr(annotation, "__args__", None)
    base = args[0] if args and getattr(annotation, "__origin__", None) is list else annotation
    name = getattr(base, "__name__", "")
    return {"int": "N", "float": "NUMBER", "Path": "PATH"}.get(name, "TEXT")


def _range_words(param: Any) -> str | None:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    if high is not None:
        return f"at most {high}"
    return None


def _plain_param(param: Any) -> None:
    kind = getattr(param, "param_type_name", "")
    if kind == "argument":
        # the argument's name is its metavar; no '<str>' after it
        if param.metavar is None:
            param.metavar = param.name.upper()
        param.display_type_rich = lambda ctx=None: None
        return
    if kind != "option" or getattr(param, "is_flag", False) or getattr(param, "count", False):
        return
    if param.metavar is None:
        param.metavar = _metavar(param)
    words = _range_words(param)
    if words is not None:
        param._get_number_range_help_str = lambda: None
        param.help = f"{param.help or ''} ({words})".strip()


def plain_help(command: Any, path: str) -> Any:
    """``command`` (and its subcommands) with plain metavars and its Examples section."""
    if getattr(command, "_esmtool_plain", False):
        return command
    command._esmtool_plain = True
    from .completion import attach

    for param in command.params:
        _plain_param(param)
        attach(path, param)
    examples = EXAMPLES.get(path)
    if examples:
        block = "\n".join(f"  {line}" for line in examples)
        # '\b' keeps click from re-flowing the lines
        command.epilog = f"\b\nExamples:\n{block}"
    for name, sub in (getattr(command, "commands", None) or {}).items():
        plain_help(sub, f"{path} {name}".strip())
    return command

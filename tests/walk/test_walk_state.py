"""The state asked once and remembered in the user's settings file; the ESM number (item 5)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from esmtool.config import ConfigError, config_path, load_settings, remember_state

from .test_walk import CLEAR, ENTER, drive


def without(example_data: dict[str, Any], *keys: str) -> dict[str, Any]:
    data = {k: v for k, v in example_data.items() if k not in keys}
    data["esm"] = {k: v for k, v in data["esm"].items() if k not in keys}
    return data


def settings_file() -> Path:
    path = config_path()
    assert str(path).startswith(os.environ["XDG_CONFIG_HOME"])  # the isolated test folder
    return path


# ----- the settings file --------------------------------------------------------------------------


def test_the_settings_file_is_plain_yaml_in_the_config_folder(tmp_path: Path) -> None:
    path = settings_file()
    assert path.name == "config.yaml" and path.parent.name == "esmtool"
    assert load_settings().state is None  # no file: no settings
    assert remember_state("Ohio") == path
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# esmtool settings") and yaml.safe_load(text) == {"state": "Ohio"}
    assert load_settings().state == "Ohio"
    assert remember_state("Iowa") is None  # a state is there already: the file is left alone
    assert path.read_text(encoding="utf-8") == text


def test_remembering_keeps_the_persons_own_lines(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("# my settings\ncolour: blue", encoding="utf-8")
    assert remember_state("Guam", path) == path
    assert path.read_text(encoding="utf-8") == "# my settings\ncolour: blue\nstate: Guam\n"
    assert load_settings(path).unknown == ("colour",)
    path.write_text("{colour: blue}\n", encoding="utf-8")  # a line added would break this one
    assert remember_state("Guam", path) is None
    assert path.read_text(encoding="utf-8") == "{colour: blue}\n"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("state: [Ohio\n", "not valid YAML"),
        ("- Ohio\n", "not a list or a single value"),
        ("state: 12\n", "should be the name of a state"),
        ("state: !!python/object/apply:os.system [echo hi]\n", "not valid YAML"),
        ("a: &x Ohio\nstate: *x\n", "alias"),
        ("state: " + "x" * 300 + "\n", "at most 100"),
    ],
)
def test_a_broken_settings_file_is_a_clear_message(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert says in info.value.message and str(path) in info.value.message
    assert info.value.hint and "delete it" in info.value.hint
    with pytest.raises(ConfigError):
        remember_state("Ohio", path)
    assert path.read_text(encoding="utf-8") == text  # never rewritten


# ----- the walk -----------------------------------------------------------------------------------


def test_the_first_state_given_is_remembered(
    catalog: Any,
    example_data: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    draft = drive(
        "Vermont" + ENTER + ENTER, catalog, tmp_path / "a.yaml", without(example_data, "state")
    )
    assert draft.state == "Vermont"
    assert load_settings().state == "Vermont"
    err = capsys.readouterr().err
    assert "offered as the state of your next drafts" in " ".join(err.split())
    assert str(settings_file()) in err.replace("\n", "")  # (messages wrap at 80 columns)
    # the next draft offers it: Enter accepts it
    draft = drive(ENTER + ENTER, catalog, tmp_path / "b.yaml", without(example_data, "state"))
    assert draft.state == "Vermont"
    # another state for one draft is that draft's; the remembered one stays
    keys = CLEAR + "New Hampshire" + ENTER + ENTER
    draft = drive(keys, catalog, tmp_path / "c.yaml", without(example_data, "state"))
    assert draft.state == "New Hampshire" and load_settings().state == "Vermont"


def test_an_edited_settings_file_is_offered(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_text("state: Puerto Rico  # where I work\n", encoding="utf-8")
    draft = drive(ENTER + ENTER, catalog, tmp_path / "d.yaml", without(example_data, "state"))
    assert draft.state == "Puerto Rico"


def test_the_state_may_be_left_empty(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    draft = drive(ENTER + ENTER, catalog, tmp_path / "d.yaml", without(example_data, "state"))
    assert draft.state is None
    assert not settings_file().exists()


def test_a_broken_settings_file_does_not_stop_the_walk(
    catalog: Any,
    example_data: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_text("state: [Ohio\n", encoding="utf-8")
    draft = drive(
        "Ohio" + ENTER + ENTER, catalog, tmp_path / "d.yaml", without(example_data, "state")
    )
    assert draft.state == "Ohio"
    err = capsys.readouterr().err
    assert "Your settings file cannot be used:" in " ".join(err.split())
    assert f"{path}:2: not valid YAML" in err.replace("\n", "")
    assert "Traceback" not in err
    assert path.read_text(encoding="utf-8") == "state: [Ohio\n"


def test_the_esm_number_is_asked_and_checked(
    catalog: Any, example_data: dict[str, Any], tmp_path: Path
) -> None:
    data = without(example_data, "id")
    data["esm"]["status"] = "active"
    keys = "ESM 11.1" + ENTER + ENTER  # the ESM number (after the status), then save
    draft = drive(keys, catalog, tmp_path / "d.yaml", data)
    assert draft.esm.id == "ESM 11.1"
    from esmtool.draft import fields as F
    from esmtool.walk.definition import answer_check

    from .test_walk import state_of

    check = answer_check(state_of(data, catalog, tmp_path / "e.yaml"), F.FIELDS["esm.id"])
    assert check("ESM 4.1") is True and check("") is True  # optional


def test_scripted_runs_never_read_the_settings(
    example_data: dict[str, Any], tmp_path: Path
) -> None:
    config = tmp_path / "config"
    (config / "esmtool").mkdir(parents=True)
    (config / "esmtool" / "config.yaml").write_text("state: Ohio\n", encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(without(example_data, "state")), encoding="utf-8")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config)}
    run = subprocess.run(
        [sys.executable, "-m", "esmtool", "draft", "--answers", str(answers), "--no-input"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "state" not in yaml.safe_load(run.stdout)


def test_a_settings_file_that_is_a_folder_or_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "config.yaml"
    folder.mkdir()
    with pytest.raises(ConfigError) as info:
        load_settings(folder)
    assert "is a folder" in info.value.message
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked"
        locked.mkdir()
        (locked / "config.yaml").write_text("state: Ohio\n", encoding="utf-8")
        locked.chmod(0)
        try:
            with pytest.raises(ConfigError):
                load_settings(locked / "config.yaml")
        finally:
            locked.chmod(0o755)


def test_plan_init_offers_the_settings_state_before_its_own(tmp_path: Path) -> None:
    from esmtool.plan.init import remember_state as plan_remembers
    from esmtool.plan.init import remembered_state as plan_offers

    assert plan_offers() is None
    remember_state("Oregon")
    assert plan_offers() == "Oregon"  # no plan init yet: the settings' state
    plan_remembers("Idaho")
    assert plan_offers() == "Idaho"  # the last plan init's state wins

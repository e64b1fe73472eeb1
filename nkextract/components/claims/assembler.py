"""The ``nk_claims`` component: assemble each MONEY/PERCENT mention into a claim record.

It reads what the earlier components left in ``doc.spans["nk_mentions"]`` (values,
dates with their TIMEX3 values, sources) and the parse, and decides for every figure:
its role and sign, the metric, the countries, the product, the period and the basis.
The decisions are small functions over tokens (``nkextract.components.clauses``); the words they
look for come from the lexicons in models/.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..clauses import clause_indices, governors, nearest, word_before
from ...extensions import MENTIONS
from ...records import Claim
from ..base import LexiconComponent
from .index import DocIndex, Place
from ..sources.finder import attribution_for

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FIGURE_REFS = {"figure", "number", "amount", "total", "sum"}
_FORECAST_MODALS = {"will", "would", "could", "should", "might", "may"}


@dataclass
class Story:
    """What a reader carries from one figure to the next within one article."""

    pair: tuple[str, str] | None = None          # the two countries the story is about
    periods: Counter = field(default_factory=Counter)
    last_flow: tuple[str | None, str | None] | None = None
    last: Claim | None = None
    anchor: Claim | None = None                  # the last figure not stated as a comparison
    country: str | None = None                   # the country the story last spoke of
    balance: str | None = None                   # the balance metric it last spoke of

    def running_period(self) -> str | None:
        """The story's dominant period so far (ties go to the latest)."""
        if not self.periods:
            return None
        top = max(self.periods.values())
        return [p for p, n in self.periods.items() if n == top][-1]

    def other_partner(self, iso: str) -> str | None:
        if self.pair and iso in self.pair:
            return self.pair[1] if self.pair[0] == iso else self.pair[0]
        return None


class ClaimAssembler(LexiconComponent):
    """Turn every MONEY and PERCENT mention into a Claim, stored in doc._.nk_claim_rows."""

    lexicon_files = ("countries.json", "metrics.json", "cues.json", "products.json")

    # -- lexicons → matchers -----------------------------------------------------
    def _phrases(self, table: dict[str, list[str]]) -> PhraseMatcher:
        matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for label, phrases in table.items():
            matcher.add(label, [self.nlp.make_doc(p) for p in phrases])
        return matcher

    def _build(self) -> None:
        countries = self.lexicons["countries.json"]
        metrics = self.lexicons["metrics.json"]
        cues = self.lexicons["cues.json"]
        products = self.lexicons["products.json"]
        self.countries = self._phrases(countries["countries"])
        self.ambiguous = {a.lower() for a in countries["ambiguous"]}
        contextual = countries["contextual"]
        self.contextual = self._phrases({iso: [alias for alias, i in contextual.items() if i == iso]
                                         for iso in set(contextual.values())})
        self.partners = self._phrases({"PARTNER": countries["partner_words"]})
        self.metric_info = metrics["metrics"]
        self.metrics = self._phrases({m: v["cues"] for m, v in metrics["metrics"].items()})
        self.bare_balance = set(metrics["bare_balance"])
        self.comparison = set(metrics["comparison_words"])
        self.negative = set(metrics["balance"]["negative"])
        self.positive = set(metrics["balance"]["positive"])
        self.adjusted = self._phrases({"SA": metrics["seasonally_adjusted"]})
        self.basis = self._phrases(cues["basis"])
        self.shares = self._phrases({"SHARE": cues["share_words"]})
        self.products = self._phrases(products["products"])
        self.generic = set(products["generic"])
        self.up, self.down = set(cues["up"]), set(cues["down"])
        self.change_nouns = set(cues["change_nouns"])
        self.skip = cues["skip_before"] + ["by"]
        self.forecast = set(cues["forecast"])
        self.provisional = set(cues["provisional"])
        self.revised = set(cues["revised"])
        self.reporting = set(cues["reporting_verbs"])
        self.bounding = set(cues["bounding_marks"])
        self.sections = set(cues.get("table_sections", ()))

    # -- the component -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self._require()
        mentions = list(doc.spans[MENTIONS]) if MENTIONS in doc.spans else []
        figures = sorted((s for s in mentions if s.label_ in ("MONEY", "PERCENT")),
                         key=lambda s: s.start_char)
        if not figures:
            doc._.nk_claim_rows = []
            return doc
        index = DocIndex(self, doc, mentions)
        story = Story(country=index.first_country())
        rows = []
        for span in figures:
            claim = self._assemble(span, index, story)
            rows.append({k: v for k, v in claim.__dict__.items() if k != "extra"})
        doc._.nk_claim_rows = rows
        return doc

    def _assemble(self, span: Span, index: "DocIndex", story: Story) -> Claim:
        doc = span.doc
        clause = clause_indices(span)
        sent = span.sent
        value = span._.nk_value
        low, high = span._.nk_low, span._.nk_high
        if value is None and low is not None and high is not None:
            value = (low + high) / 2  # a range's claim is its midpoint; low/high keep the ends
        kind = "percent" if span.label_ == "PERCENT" else "money"
        role, sign, cue = self._role(span, index, clause)
        refers_back = self._refers_back(span)

        metric, metric_cue = self._metric(span, index, clause, role)
        if metric is None and refers_back and story.last is not None:
            metric = story.last.metric
        if index.bare_balance_near(span):
            if metric is None:
                metric = story.balance
            elif self._flow(metric) == "both":
                metric = "trade_balance"  # "visible trade was in deficit by 8.3 billion"
        prior = self._compared(span, story)
        if prior is not None:
            metric, metric_cue = prior.metric, prior.cue
        if kind == "percent" and role == "level" and self.metric_info.get(metric, {}).get("rate"):
            role = "change"  # "inflation of 0.9 pct", "growth of two pct"
        if metric and kind == "money" and role == "level" and self.metric_info.get(metric, {}).get("signed"):
            sign = self._balance_sign(span, index, clause, metric_cue)
        if metric and index.seasonally_adjusted(span, clause):
            metric = f"{metric}_sa"
        if sign < 0:
            value = -value if value is not None else None
            low, high = (-high if high is not None else None), (-low if low is not None else None)

        period, basis = self._period_and_basis(span, index, clause, role, story, refers_back)
        if index.under_section(span):
            period, basis = None, None  # "Nine mths" in an earnings table: a period not stated
        origin, destination, metric = self._partners(span, index, clause, metric, story, refers_back)
        if prior is not None and metric == prior.metric:
            origin, destination = origin or prior.origin, destination or prior.destination
            own = index.date_after(span)
            period = own or _shift(prior.period, index.comparison_basis(span) or "year_ago")
        qualifier = self._qualifier(span, clause)
        # one name however the apostrophe is typed ("China’s customs" is "China's customs")
        source, via = (n.replace("\u2019", "'") if n else n for n in attribution_for(doc, span))

        # A percentage is stated with its bound ("more than 90%"), a sum of money without
        # it ("over $1,854" is "$1,854"): the annotation convention of the gold claims.
        start = span.start_char
        if kind == "percent" and span._.nk_qualifier_start is not None:
            start = span._.nk_qualifier_start
        claim = Claim(
            start=start, end=span.end_char, text=index.text[start:span.end_char], kind=kind,
            value=value, unit=span._.nk_unit, low=low, high=high, qualifier=qualifier,
            role=role, metric=metric, origin=origin, destination=destination,
            product=self._product(span, index, clause), period=period, basis=basis,
            source=source, via=via, cue=cue or metric_cue, sentence=sent.text.strip(),
            article=doc._.nk_article, published=doc._.nk_published,
        )
        if period and role in ("level", "change") and not refers_back:
            story.periods[period] += 1
        if origin and destination:
            story.pair = (origin, destination)
        if metric and metric.startswith("exports"):
            story.last_flow = (origin, destination)
        if origin and self._scope(metric) is None:
            story.country = origin if self._flow(metric) != "in" else (destination or origin)
        if metric and self.metric_info.get(metric.removesuffix("_sa"), {}).get("signed") \
                and self._scope(metric) is None:
            story.balance = metric
        story.last = claim
        if prior is None:
            story.anchor = claim
        return claim

    # -- role and sign -------------------------------------------------------------
    def _direction(self, word) -> int:
        key = {word.lower_, word.lemma_.lower()}
        if key & self.down:
            return -1
        if key & self.up:
            return 1
        return 0

    def _role(self, span: Span, index: "DocIndex", clause: set[int]) -> tuple[str, int, str | None]:
        """role ("level"/"change"/"share"), sign (+1/-1) and the word that decided it."""
        before = word_before(span, self.skip)
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if span.label_ == "PERCENT" and index.share_near(span, clause, after):
            return "share", 1, None
        if before is not None and before.lower_ in {"to", "at"}:
            return "level", 1, None
        if before is not None and self._direction(before):
            return "change", self._direction(before), before.text
        if after is not None and after.lemma_.lower() in self.change_nouns and self._direction(after):
            return "change", self._direction(after), after.text
        root = span.root
        if root.dep_ in {"dobj", "npadvmod", "advmod", "obj", "attr"} or root.head.lower_ == "by":
            for gov in governors(span, 2):
                if gov.pos_ in {"VERB", "NOUN"} and self._direction(gov):
                    return "change", self._direction(gov), gov.text
        return "level", 1, None

    def _balance_sign(self, span: Span, index: "DocIndex", clause: set[int], metric_cue: str | None) -> int:
        near = range(max(span.sent.start, span.start - 8), min(span.sent.end, span.end + 4))
        words = [(i, i + 1, span.doc[i].lower_) for i in near if i in clause
                 and (span.doc[i].lower_ in self.negative or span.doc[i].lower_ in self.positive)]
        word = nearest(span, words)
        if word is None and metric_cue:
            word = next((w for w in metric_cue.lower().split() if w in self.negative | self.positive), None)
        return -1 if word in self.negative else 1

    # -- what the figure measures --------------------------------------------------
    def _metric(self, span: Span, index: "DocIndex", clause: set[int], role: str):
        label = index.row_label(span)
        if label is not None:
            return label
        cues = [c for c in index.of("metrics", span) if not (c[0] < span.end and span.start < c[1])
                and not (self.metric_info[c[2][0]].get("per_share") and c[0] > span.end + 2)]
        if role == "share":
            after = [c for c in cues if c[0] >= span.end and c[0] in clause]
            if after:
                metric, text = min(after, key=lambda c: c[0])[2]
                return metric, text
        found = nearest(span, [c for c in cues if c[0] in clause])
        if found is None:
            found = nearest(span, [c for c in cues if span.sent.start <= c[0] < span.sent.end])
        return found if found is not None else (None, None)

    def _compared(self, span: Span, story: Story) -> Claim | None:
        """The figure a compared figure is set against ("Shr 34 cts vs 1.19 dlrs", "rose to
        3.58 billion dlrs from 1.94 billion", "from 716 mln in January and 76 mln in February
        1986", "compared with a deficit of 98 mln"): the sentence's first, uncompared figure."""
        anchor = story.anchor
        if anchor is None or anchor.sentence != span.sent.text.strip() or anchor.kind != (
                "percent" if span.label_ == "PERCENT" else "money"):
            return None
        doc = span.doc
        after_last = doc.char_span(story.last.end, story.last.end, alignment_mode="expand")
        first = max(span.sent.start, span.start - 6, after_last.start if after_last is not None else 0)
        between = list(doc[first:span.start])
        newlines = [k for k, t in enumerate(between) if "\n" in t.text_with_ws and t.is_space]
        if newlines:  # a table row ("Revs 1.05 billion vs 844.2 mln") starts a new comparison
            between = between[newlines[-1] + 1:]
        window = {t.lower_ for t in between if not t.is_space}
        if window & self.comparison or (window & {"and", ","} and story.last is not anchor):
            return anchor
        return None

    def _flow(self, metric: str | None) -> str | None:
        return self.metric_info.get((metric or "").removesuffix("_sa"), {}).get("flow")

    def _scope(self, metric: str | None) -> str | None:
        return self.metric_info.get((metric or "").removesuffix("_sa"), {}).get("scope")

    def _refers_back(self, span: Span) -> bool:
        """Does the figure's sentence point back at an earlier figure ("That figure fell ...")?"""
        for token in span.sent:
            if token.lower_ in _FIGURE_REFS and token.i < span.start:
                if any(c.lower_ in {"this", "that", "the"} and c.dep_ == "det" for c in token.children):
                    return True
        return False

    def _product(self, span: Span, index: "DocIndex", clause: set[int]) -> str | None:
        doc = span.doc
        root = span.root
        # "$X of N": the goods after the figure
        after = doc[span.end] if span.end < len(doc) else None
        if span.label_ == "MONEY" and after is not None and after.lower_ == "of":
            for obj in after.children:
                if obj.dep_ == "pobj":
                    return index.goods(obj)
        # "N at $X": the goods the figure is the price or value of
        if root.head.lower_ == "at" and root.head.head.pos_ in {"NOUN", "PROPN"}:
            return index.goods(root.head.head)
        found = nearest(span, [p for p in index.of("products", span) if p[0] in clause])
        if found is None:
            found = nearest(span, [p for p in index.of("products", span)
                                   if span.sent.start <= p[0] < span.start])
        return found

    # -- when ---------------------------------------------------------------------
    def _period_and_basis(self, span, index, clause, role, story, refers_back):
        dates = index.period_dates(span)
        basis_phrase = nearest(span, [b for b in index.of("basis", span) if b[0] in clause]) if role == "change" else None
        if role == "change" and basis_phrase is None:
            basis_phrase = nearest(span, [b for b in index.of("basis", span)
                                          if span.sent.start <= b[0] < span.sent.end])
        basis = basis_phrase
        # Same clause first, then the sentence; within each, a month, quarter or year
        # before a single day: statistics are stated for periods, and a day named beside
        # them is usually when the figure was released.
        in_clause = [d for d in dates if d[0] in clause]
        chosen = None
        periods = [d for d in dates if not _DAY.match(d[2][1])]
        right_after = [d for d in in_clause if 0 <= d[0] - span.end <= 2]  # "1.01 billion in 1984"
        chosen = (nearest(span, right_after) or nearest(span, [d for d in periods if d[0] in clause])
                  or nearest(span, in_clause) or nearest(span, periods))
        period = None
        if chosen is not None:
            date, timex = chosen
            from_word = date.doc[date.start - 1].lower_ if date.start > 0 else ""
            starts_from = date[0].lower_ == "from" or from_word == "from"
            if role == "change" and starts_from and basis is None:
                parts = timex.split("/")
                if len(parts) == 2:
                    basis, period = parts
                else:
                    basis = timex
                    others = [d[2][1] for d in dates if d[2][1] != timex]
                    period = others[0] if others else None
            else:
                period = timex
        if period is None and role != "share":
            if refers_back and story.last is not None:
                period = story.last.period
            else:
                period = story.running_period()
        if role == "change" and basis is None and period:
            if "/" in period or re.fullmatch(r"\d{4}", period):
                basis = "year_ago"
        return period, basis

    # -- where ----------------------------------------------------------------------
    def _partners(self, span, index, clause, metric, story, refers_back):
        if metric is None and not refers_back:
            return None, None, metric
        if refers_back and story.last is not None and not index.places_in(span, clause):
            return story.last.origin, story.last.destination, metric or story.last.metric
        if self._scope(metric) in ("company", "market"):
            return None, None, metric
        places = index.places_in(span, clause) or index.places_in(span, None)
        flow = self._flow(metric)

        def resolve(place: Place, anchor: str | None) -> str | None:
            if place.iso:
                return place.iso
            return story.other_partner(anchor) if anchor else None

        owners = [p for p in places if p.prep not in {"to", "into", "toward", "towards", "from", "with"}]
        to = [p for p in places if p.prep in {"to", "into", "toward", "towards"}]
        frm = [p for p in places if p.prep == "from"]
        owner = next((p.iso for p in owners if p.iso), None)
        if owner is None and not places:
            owner = story.country
        if owner is None and flow in {"out", "in"}:
            # "its exports to the neighbor": the owner is the sentence's first country
            owner = next((p.iso for p in index.places_in(span, None)
                          if p.iso and p.prep not in {"to", "into", "from", "with"}), None)
        if flow == "both":
            isos = {p.iso for p in places if p.iso}
            if len(isos) < 2 and story.pair:
                if not isos or isos & set(story.pair):
                    isos |= set(story.pair)
            partners = sorted(isos)[:2]
            if len(partners) == 2:
                return partners[0], partners[1], metric
            return (partners[0] if partners else None), None, metric
        if flow == "out":
            origin = owner or (resolve(frm[0], None) if frm else None)
            dest = resolve(to[0], origin) if to else None
        elif flow == "in":
            importer = owner or (resolve(to[0], None) if to else None)
            partner = resolve(frm[0], importer) if frm else None
            if importer and partner:
                # a bilateral flow is one statistic whichever side reports it:
                # A's imports from B are B's exports to A.
                return partner, importer, "exports" + ("_sa" if metric.endswith("_sa") else "")
            return importer, partner, metric  # a country's imports: origin is the importer
        else:
            return owner, None, metric
        if origin and not dest:
            dest = story.other_partner(origin)
        if dest and not origin:
            origin = story.other_partner(dest)
        if not origin and not dest and story.last_flow:
            origin, dest = story.last_flow
        return origin, dest, metric

    # -- how sure ---------------------------------------------------------------------
    def _qualifier(self, span: Span, clause: set[int]) -> str | None:
        parts = [q for q in (span._.nk_qualifier or "").split("+") if q]
        doc = span.doc
        words = [doc[i] for i in sorted(clause)]
        lowers = {t.lower_ for t in words}
        if any(t.tag_ == "MD" and t.lower_ in _FORECAST_MODALS for t in words) or \
                any(t.lemma_.lower() in self.forecast and t.pos_ == "VERB" and t.i != span.start - 1
                    for t in words):
            parts.append("forecast")
        if lowers & self.provisional:
            parts.append("provisional")
        if lowers & self.revised:
            parts.append("revised")
        return "+".join(dict.fromkeys(parts)) or None


def _shift(period: str | None, basis: str) -> str | None:
    """The period a comparison points back to: a year earlier, or one period earlier."""
    if not period:
        return None
    if "/" in period:
        parts = [_shift(p, basis) for p in period.split("/")]
        return None if None in parts else "/".join(parts)
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}|Q[1-4]|H[12]))?", period)
    if not match:
        return None
    year, sub = int(match.group(1)), match.group(2)
    if basis == "year_ago" or sub is None:
        return f"{year - 1}" + (f"-{sub}" if sub else "")
    if basis != "previous_period":
        return None
    if sub.isdigit():
        month = int(sub) - 1
        return f"{year}-{month:02d}" if month else f"{year - 1}-12"
    kind, n = sub[0], int(sub[1]) - 1
    return f"{year}-{kind}{n}" if n else f"{year - 1}-{kind}{4 if kind == 'Q' else 2}"

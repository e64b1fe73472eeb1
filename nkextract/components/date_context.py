"""The context a date expression's value takes: the tense of its clause and the time
the story sets.

A weekday or month named without a year goes the way its clause points: ``will meet on
Saturday`` is the next one, ``met on Saturday`` the last (``ClauseTense``).

TimeML resolves an anaphoric expression against the time the text last named, not the
document's date: ``the same day`` after ``Dec. 3`` is December 3, ``the same month a year
ago`` after ``October`` is October a year back. A bare month told in the past tense after
the story names a past year as the time of its events is in that year. nk_dates runs these
passes over its expressions in text order (``DateFinder._found``); they read spans and
values only and hold no document.
"""
from __future__ import annotations

import re
from typing import Any, Callable, NamedTuple

from spacy.tokens import Span, Token

from ..text.periods import Timex, interval
from ..text.timex import TimexNormaliser


class Found(NamedTuple):
    """A date expression found in the doc and its TIMEX3 value and type."""

    span: Span
    timex: Timex


class ClauseTense:
    """The direction a date's clause gives it (what an unanchored weekday or month takes).

    Called on a span: True when the clause points ahead (``will``, ``expected to``,
    ``payable``), False when it is told in the past tense, None when nothing says (a
    reporting verb such as ``said`` tells when it was said, not when the date is).

    words: the parsed ``dates.json`` (``relative``, ``future_cues``, ``future_aux``,
    ``reporting_verbs``, ``plan_nouns``, ``open_end_prepositions``).
    """

    def __init__(self, words: dict[str, Any]) -> None:
        self.relative: dict[str, int] = words["relative"]
        self.plan_verbs = set(words["future_cues"])
        self.future_aux = set(words["future_aux"])
        self.reporting = set(words["reporting_verbs"])
        self.plan_nouns = set(words["plan_nouns"])
        self.open_end = set(words["open_end_prepositions"])
        self.day_ahead = set(words["day_ahead_words"])

    def __call__(self, span: Span) -> bool | None:
        """The tense of the clause governing the span. A relative word left outside the
        span by a line break says it first ("last\nDecember"); the past tense of a verb
        says nothing of a date that ends what it tells (``delayed its meeting until May``,
        ``closed until Wednesday``: the delay is past, its end may lie ahead)."""
        across = self._word_before(span)
        if across is not None:
            return across
        tense = self._governing(span)
        if tense is False and span.start > 0 and span.doc[span.start - 1].lower_ in self.open_end:
            return None
        return tense

    def _governing(self, span: Span) -> bool | None:
        """The tense the heads above the span give it, through at most five heads."""
        token = span.root
        for _ in range(5):
            head = token.head
            if head is token:
                break
            if self._plans(head):
                return not _auxiliaries(head) & _PAST_AUX  # "it was forecast in December": when it was made
            if head.pos_ in ("VERB", "AUX"):
                return self._verb_tense(head)
            token = head
        return None

    def _word_before(self, span: Span) -> bool | None:
        """The direction the word before the span gives it: a relative word a line break
        leaves outside (``last\nDecember``), a dividend's ``Pay`` or ``Record`` before a
        day (``Record March 23``: ahead); None when there is none."""
        doc = span.doc
        i = span.start - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i < 0:
            return None
        if i < span.start - 1 and self.relative.get(doc[i].lower_, 0):
            return self.relative[doc[i].lower_] > 0
        if doc[i].lower_ in self.day_ahead and any(t.like_num for t in span):
            return True
        return None

    def _plans(self, verb: Token) -> bool:
        """Is the word one of planning or expecting (``expected``, ``plans``, ``payable``)?"""
        return verb.lemma_.lower() in self.plan_verbs or verb.lower_ in self.plan_verbs

    def _verb_tense(self, verb: Token) -> bool | None:
        """The direction the governing verb gives a date: ahead (``will``, a reported
        ``would``, a headline's infinitive), the governor's for an infinitive, back for a
        past tense, unknown for a reporting verb or a present tense."""
        aux = _auxiliaries(verb)
        if aux & self.future_aux or self._reported_would(verb, aux) or _headline_infinitive(verb, aux):
            return True
        if "to" in aux and verb.tag_ == "VB" and verb.dep_ in ("xcomp", "acl"):
            return self._governor(verb.head)  # "expected to visit on Saturday", "a proposal to resume in April"
        if verb.lemma_.lower() in self.reporting:
            return None
        if verb.tag_ == "VBD" or aux & {"has", "have", "had", "did", "was", "were"}:
            return False
        return None

    def _reported_would(self, verb: Token, aux: set[str]) -> bool:
        """``said it would strike on Saturday``: the future of the report."""
        return "would" in aux and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.reporting

    def _governor(self, verb: Token) -> bool | None:
        """The tense an infinitive takes from the verb or noun that governs it: ahead after
        a verb of planning or expecting (``plans to``, ``is expected to``, ``is going to``,
        ``is due to``), a future auxiliary or a noun of intent (``a proposal to``, ``a
        promise to``); unknown otherwise (``agreed to pay on May 31``)."""
        aux = _auxiliaries(verb)
        if aux & self.future_aux:
            return True
        if self._plans(verb) or verb.lemma_.lower() in self.plan_nouns:
            return not aux & _PAST_AUX or None
        return None


_PAST_AUX = {"was", "were", "had", "did"}


def _auxiliaries(verb: Token) -> set[str]:
    """The auxiliaries of a verb, lower-cased (``will``, ``was``, ``to``)."""
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _headline_infinitive(verb: Token, aux: set[str]) -> bool:
    """A headline's ``Talks to resume Saturday``: an infinitive on a noun that is the root."""
    return "to" in aux and verb.tag_ == "VB" and verb.dep_ in ("acl", "xcomp") and \
        verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN")


class StoryTime:
    """The passes that resolve expressions against the story's own times.

    timex: the component's normaliser.
    words: the parsed ``dates.json`` (its ``anaphora`` patterns and ``months``).
    future: the tense of the clause governing a span (True, False, None: unknown).
    """

    def __init__(self, timex: TimexNormaliser, words: dict[str, Any],
                 future: Callable[[Span], bool | None]) -> None:
        self.timex = timex
        self.months = words["months"]
        self.future = future
        self.anaphora = {unit: re.compile("|".join(f"(?:{p})" for p in patterns))
                         for unit, patterns in words["anaphora"].items() if not unit.startswith("_")}

    def anchor_to_named(self, found: list[Found]) -> list[Found]:
        """``the same day``, ``the day before``, ``two days later``, ``the same month a year
        ago``: resolved against the last time the story named with the unit they need (a day
        for a day), as TimeML resolves anaphoric expressions; the publication date when the
        story named none."""
        out: list[Found] = []
        for item in found:
            out.append(self._anchored(item, out))
        return out

    def _anchored(self, item: Found, before: list[Found]) -> Found:
        """The item resolved against the times named before it, when it refers back."""
        text = self.timex.clean(item.span.text)
        unit = next((u for u, pattern in self.anaphora.items() if pattern.fullmatch(text)), None)
        if unit is None:
            return item
        if unit in ("Y", "P"):  # a year back from the story's time, not from another comparison's
            before = self._story_times(item, before)
        if unit == "P":  # "the same period": the period its own sentence names
            timex = _same_period(text, [f for f in before if f.span.start >= item.span.sent.start])
        else:
            anchor = _last_named(before, unit)
            timex = self.timex.typed(item.span.text, anchor, future=self.future(item.span)) if anchor else None
        return Found(item.span, timex) if timex is not None and timex.value else item

    def _story_times(self, item: Found, before: list[Found]) -> list[Found]:
        """The dates in the item's sentence or the one before that name a time of the
        story's events (see _names_time)."""
        first = _sentence_before(item.span.sent).start
        return [f for f in before if f.span.start >= first and self._names_time(f.span)]

    def _names_time(self, span: Span) -> bool:
        """Whether a date names a time of the story's events, one a year anaphor can count
        from: not itself counted from another (``a year ago``, ``two years earlier``), nor
        the bound of a record (``the lowest since 1974``)."""
        if any(t.lower_ in self.timex.offsets for t in span):
            return False
        return not (span.start > 0 and span.doc[span.start - 1].lower_ == "since")

    def in_story_year(self, found: list[Found], published: str | None) -> list[Found]:
        """A bare month in a past-tense sentence (``In August, it filed for bankruptcy``) is
        in the past year the story has just named as the time of its events, in the past
        tense, in this or the sentence before (``The firm collapsed last year.``), and so is
        a bare month that continues it (``and in May it had sold its mills``), rather than
        the latest such month before publication. Wire copy names the year of a comparison
        and leaves the current one out, so neither a month written with its year (``February
        1986``), nor ``a year ago``, nor a story that has told of the current year (``exports
        this year``) sets the year. The future tense keeps the month ahead."""
        out: list[Found] = []
        moved: set[int] = set()  # the months placed in a story year: a month after them continues it
        for item in found:
            year = self._story_year(item, out, published, moved)
            if year is not None:
                item = Found(item.span, Timex(f"{year}{item.timex.value[4:]}", "DATE"))
                moved.add(item.span.start)
            out.append(item)
        return out

    def _current_year(self, found: Found, published: str, moved: set[int]) -> bool:
        """Whether an expression tells of the publication's year (``this year``, ``2021``,
        ``the first two months of the year``): not the publication day itself (a dateline),
        nor a bare month or weekday, whose year is what is being decided."""
        value = found.timex.value or ""
        if _NAMES_CURRENT_YEAR(published).search(found.span.text):
            return True
        bare = self.timex.clean(found.span.text).strip(".") in self.months or found.span.start in moved
        return value[:4] == published[:4] and value != published[:10] and not bare and found.timex.type == "DATE" \
            and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)

    def _bare_month(self, item: Found) -> bool:
        """A month named alone (``August``), valued as a month of a year (``2019-08``)."""
        return bool(re.fullmatch(r"\d{4}-\d{2}", item.timex.value or "")) and \
            self.timex.clean(item.span.text).strip(".") in self.months

    def _story_year(self, item: Found, before: list[Found], published: str | None, moved: set[int]) -> int | None:
        """The past year a bare month (``2019-08`` from ``August``) is set in, or None."""
        if not published or not self._bare_month(item):
            return None
        value = item.timex.value
        previous = _year_named_before(item, before, moved)
        if previous is None or any(self._current_year(f, published, moved) for f in before):
            return None  # the story has told of the current year ("exports this year"): its months are
        if self.future(item.span) is not False or self.future(previous.span) is not False:
            return None  # both told in the past tense: the story is set in that year
        year = int(previous.timex.value[:4])
        return year if f"{year}{value[4:]}" <= published[:7] else None


#: a year named as the time of a story's events: "in 2019", "last year" (not "a year ago")
_NAMES_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:last|previous) year\b", re.I)


def _NAMES_CURRENT_YEAR(published: str) -> re.Pattern:
    """The words that name the publication's year: ``this year``, ``2021``."""
    return re.compile(rf"\b(?:this|current) year\b|\b{published[:4]}\b", re.I)


#: the values that state a unit, by the unit an anaphoric expression needs (see _anchor_to_named)
_NAMED = {"D": re.compile(r"\d{4}-\d{2}-\d{2}"), "W": re.compile(r"\d{4}-(?:\d{2}-\d{2}|W\d{2})"),
          "M": re.compile(r"\d{4}-\d{2}(?:-\d{2})?"), "Q": re.compile(r"\d{4}-(?:\d{2}(?:-\d{2})?|Q[1-4])"),
          "Y": re.compile(r"\d{4}(?:-(?:\d{2}(?:-\d{2})?|Q[1-4]|H[12]|W\d{2}))?")}


def _last_named(found: list[Found], unit: str) -> str | None:
    """The first day of the last value in found that states the unit (its day for a time;
    for a year, a range's end: ``the year to September 2010 ... the year earlier``, a
    fiscal year named by the year it ends in)."""
    for item in reversed(found):
        value = item.timex.value or ""
        value = value.split("/")[-1] if unit == "Y" else value
        m = _NAMED[unit].match(value)
        if m and m.end() == len(value.split("T")[0]) and "/" not in value:
            span = interval(m.group())
            return span[0].isoformat() if span else None
    return None


#: a period a "same period" phrase can take: a month, quarter or half, or a range (not a day, not a year alone)
_PERIOD = re.compile(r"\d{4}-(?:\d{2}|Q[1-4]|H[12])|\d{4}(?:-[\dQH-]+)?/\d{4}(?:-[\dQH-]+)?")


def _same_period(text: str, before: list[Found]) -> Timex | None:
    """``the same period last year``, ``the same 1985 period``: the last period named
    before (a month, quarter, half or range), a year back or moved to the year the phrase
    names; the year alone when none was named."""
    year = re.search(r"\d{4}", text)
    period = next((f.timex.value for f in reversed(before)
                   if f.timex.type == "DATE" and _PERIOD.fullmatch(f.timex.value or "")), None)
    if period is None:
        return Timex(year.group(), "DATE") if year else None
    delta = int(year.group()) - int(period[:4]) if year else -1
    shifted = "/".join(f"{int(part[:4]) + delta:04d}{part[4:]}" for part in period.split("/"))
    return Timex(shifted, "DATE") if all(interval(part) for part in shifted.split("/")) else None


def _year_named_before(item: Found, before: list[Found], moved: set[int]) -> Found | None:
    """The date just before the item, in its sentence or the one before, when it names an
    earlier year as the time of the story's events (``in 2019``, ``last year``, a month
    already placed in such a year), not the time of a comparison (``February 1986``,
    ``a year ago``)."""
    previous = _date_before(item, before)
    if previous is None or previous.timex.value[:4] >= item.timex.value[:4]:
        return None
    if previous.span.start in moved or (re.fullmatch(r"\d{4}", previous.timex.value)
                                        and _NAMES_YEAR.search(previous.span.text)):
        return previous
    return None


def _date_before(item: Found, before: list[Found]) -> Found | None:
    """The last valued DATE before the item in its sentence or the sentence before."""
    first = _sentence_before(item.span.sent).start
    return next((f for f in reversed(before) if f.timex.type == "DATE" and f.timex.value
                 and f.span.end <= item.span.start and f.span.start >= first), None)


def _sentence_before(sent: Span) -> Span:
    """The sentence before (the sentence itself when it is the first)."""
    return sent.doc[sent.start - 1].sent if sent.start > 0 else sent

"""Numbers as wire copy writes them: "3.45", "4,567", "1.5bn", "15.6 mln", "75 thousand",
"two billion", "5 1/2", ranges such as "5-6 million" or "between 5 and 6".

Pure functions of text; the scale words come from ``models/lexicons/scales.json``. Garbled
numbers ("1,2,3", "12.3.4") give None, never a guess.

Written by hand because the libraries at hand get news numbers wrong or slowly:
quantulum3 reads "1.5bn" as 1.5 barn-newtons and "half a million" as 1.5e6, and its
spelled-number reader loads its unit tables for 1.4 s. The number words ("two", "twenty")
come from scales.json with the scale words.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Iterable, Mapping, NamedTuple, Sequence

#: "4,567", "1,234,567.89", "3.45", "15", ".5" (groups of three only: "1,2,3" is garbled)
_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
_FRACTION = re.compile(r"^(\d{1,3})/(\d{1,3})$")
_GLUED = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)([a-z]+)$")
_HYPHENS = frozenset({"-", "–", "—"})
#: Indian digit grouping: "1,00,000", "12,34,567.89" (read only where the text is Indian)
_INDIAN = re.compile(r"^\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?$")
_SHORT_GROUP = re.compile(r"^\d{1,3}$")
_GROUP = re.compile(r"^\d{3}(?:\.\d+)?$")


@dataclass(frozen=True)
class Amount:
    """A stated number: value as written (None for a range) and its low and high ends."""

    value: float | None
    low: float
    high: float


class Word(NamedTuple):
    """A spelled-out number word: its kind ("unit", "tens", "hundred") and value."""

    kind: str
    value: int


def number_words(lexicon: Mapping[str, Any]) -> dict[str, Word]:
    """Spelled-out number words ("two", "twenty") -> Word, from scales.json's number_words."""
    table = {w: Word("unit", i) for i, w in enumerate(lexicon.get("units", ()))}
    table.update({w: Word("tens", i * 10) for i, w in enumerate(lexicon.get("tens", ())) if w})
    table.update({w: Word("hundred", 100) for w in lexicon.get("hundred", ())})
    return table


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def times(value: float, factor: float) -> float | None:
    """value * factor without binary noise: 5.6 cents -> 0.056, not 0.055999999999999994."""
    try:
        return _finite(float(Decimal(repr(value)) * Decimal(repr(factor))))
    except (InvalidOperation, OverflowError):
        return None


def scaled(amount: Amount, factor: float) -> Amount:
    """An amount times a factor (a scale word, a sub-unit: 25 cts -> 0.25)."""
    value = None if amount.value is None else times(amount.value, factor)
    return Amount(value, times(amount.low, factor), times(amount.high, factor))


class NumberParser:
    """Read numbers and ranges with a given table of scale words.

    scales: scale word (lower case) -> factor ("mln" -> 1e6).
    glued: scale words that may be written onto a number ("1.5bn").
    ranges: words joining two ends of a range ("-", "to").
    between, between_and: "between 5 and 6".
    words: the number_words table of scales.json ("units", "tens", "hundred", "fractions").
    indian: read Indian digit grouping ("1,00,000") as a number.
    """

    def __init__(
        self,
        scales: Mapping[str, float],
        glued: Iterable[str] = (),
        ranges: Iterable[str] = ("-", "–", "—", "to"),
        between: Iterable[str] = ("between",),
        between_and: Iterable[str] = ("and",),
        words: Mapping[str, Any] | None = None,
        indian: bool = False,
    ) -> None:
        self.scales = {k.lower(): float(v) for k, v in scales.items()}
        self.glued = frozenset(g.lower() for g in glued)
        self.ranges = frozenset(ranges)
        self.between = frozenset(between)
        self.between_and = frozenset(between_and)
        self.words = number_words(words or {})
        self.fractions: dict[str, float] = dict((words or {}).get("fractions", {}))
        self.indian = indian
        self._make_caches()

    def _make_caches(self) -> None:
        # per-parser caches (not module state): the same strings recur across a corpus
        self.number = lru_cache(maxsize=8192)(self._number)
        self._amount = lru_cache(maxsize=8192)(self._amount_of)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        del state["number"], state["_amount"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._make_caches()

    @classmethod
    def from_lexicon(cls, lexicon: Mapping[str, Any], indian: bool = False) -> "NumberParser":
        """A parser from the contents of scales.json (``indian``: read "1,00,000" too)."""
        return cls(
            lexicon["scales"],
            lexicon.get("glued", ()),
            lexicon.get("ranges", ("-", "to")),
            lexicon.get("between", ("between",)),
            lexicon.get("between_and", ("and",)),
            lexicon.get("number_words", {}),
            indian,
        )

    # -- one token -----------------------------------------------------------------
    def _number(self, text: str) -> float | None:
        """One written number ("4,567", "1.5bn", "3/4", "two"), or None."""
        text = text.strip().lower().lstrip("-−+").rstrip(".+") if len(text) > 1 else text
        if not text or len(text) > 400 or (text[0] == "0" and text[1:2].isdigit()):
            return None  # "000" in "10 000" alone, or "007", is not a number
        if _DIGITS.match(text) or (self.indian and _INDIAN.match(text)):
            return _finite(float(text.replace(",", "")))
        match = _FRACTION.match(text)
        if match:
            denominator = int(match.group(2))
            return int(match.group(1)) / denominator if denominator else None
        match = _GLUED.match(text)
        if match and match.group(2) in self.glued:
            return times(float(match.group(1).replace(",", "")), self.scales[match.group(2)])
        word = self.words.get(text)
        if word and word.kind != "hundred":
            return float(word.value)
        return None

    def is_scale(self, word: str) -> bool:
        return word.lower() in self.scales

    # -- a phrase ------------------------------------------------------------------
    def amount(self, words: Sequence[str]) -> Amount | None:
        """A number phrase as tokens (["$"] excluded): "5", "-", "6", "million" -> 5e6..6e6.

        RETURNS: Amount, or None when the words are not one number or one range.
        """
        return self._amount(tuple(w.lower() for w in words))

    def _amount_of(self, words: tuple[str, ...]) -> Amount | None:
        words = _join_split_numbers(tuple(_trim(w) for w in words))
        if not words:
            return None
        if words[0] in self.between:
            for i, word in enumerate(words):
                if word in self.between_and:
                    return self._range(words[1:i], words[i + 1:])
            return None
        value = self.quantity(words)
        if value is not None:
            return Amount(value, value, value)
        for i, word in enumerate(words):
            if word in self.ranges and 0 < i < len(words) - 1:
                found = self._range(words[:i], words[i + 1:])
                if found:
                    return found
        return None

    def _range(self, left: Sequence[str], right: Sequence[str]) -> Amount | None:
        low, high = self.quantity(left), self.quantity(right)
        if low is None or high is None:
            return None
        if not self.has_scale(left):
            factor = self.trailing_scale(right)
            bare_high = self._bare(right)
            if factor != 1.0 and bare_high is not None and low <= bare_high:
                low = times(low, factor)  # "5-6 million": the scale belongs to both ends
                if low is None:
                    return None
        if low >= high:
            return None
        return Amount(None, low, high)

    def has_scale(self, words: Sequence[str]) -> bool:
        for word in words:
            glued = _GLUED.match(word)
            if self.is_scale(word) or (glued and glued.group(2) in self.glued):
                return True
        return False

    def _bare(self, words: Sequence[str]) -> float | None:
        kept = [w for w in words if not self.is_scale(w)]
        return self.quantity(kept) if kept else None

    def trailing_scale(self, words: Sequence[str]) -> float:
        factor = 1.0
        for word in reversed(words):
            if not self.is_scale(word):
                break
            factor *= self.scales[word]
        return factor

    def quantity(self, words: Sequence[str]) -> float | None:
        """One number (no range) written over one or more tokens, or None."""
        words = _join_digit_groups([w.lower() for w in words if w not in _HYPHENS])
        if not words:
            return None
        if len(words[0]) > 1 and words[0][0] in "-−+":
            words[0] = words[0][1:]  # a sign: values are unsigned
        base = self._number(words[0])
        if base is not None and _FRACTION.match(words[0]):
            return base if len(words) == 1 else None
        if base is None or not (_DIGITS.match(words[0]) or _GLUED.match(words[0])
                                or (self.indian and _INDIAN.match(words[0]))):
            return self._spelled(words)
        rest = words[1:]
        if rest and _FRACTION.match(rest[0]) and base == int(base) and _DIGITS.match(words[0]):
            fraction = self._number(rest[0])
            if fraction is None or fraction >= 1:
                return None
            base, rest = base + fraction, rest[1:]
        return self._scaled(base, rest)

    def _scaled(self, base: float, rest: Sequence[str]) -> float | None:
        previous = 0.0
        for word in rest:
            factor = self.scales.get(word)
            if factor is None or factor <= previous:
                return None  # "5 million 2020", "5 million thousand"
            base = times(base, factor)
            if base is None:
                return None
            previous = factor
        return _finite(base)

    def _spelled(self, words: Sequence[str]) -> float | None:
        """ "two billion", "seven hundred and fifty thousand", "a million" -> float."""
        mixed = self._and_a_fraction(words)
        if mixed is not None:
            return mixed
        state = _Spelled()
        for i, word in enumerate(words):
            if word in ("a", "an") and i == 0 and len(words) > 1:
                state.group, state.last = 1.0, "a"
            elif word == "and" and state.last in ("hundred", "scale") and i < len(words) - 1:
                continue
            elif word in ("a", "an") and state.last == "fraction":
                continue  # "half a million"
            elif not self._spelled_word(word, state):
                return None
        if state.last in (None, "a"):
            return None
        return _finite(state.total + state.group)

    def _and_a_fraction(self, words: Sequence[str]) -> float | None:
        """ "two and a half", "one and a half billion": a whole number, a fraction added,
        then any scale; None for other phrases."""
        if "and" not in words:
            return None
        j = words.index("and")
        if j == 0 or len(words) < j + 3 or words[j + 1] not in ("a", "an") or words[j + 2] not in self.fractions:
            return None
        whole = self._spelled(words[:j])
        rest = words[j + 3:]
        if whole is None or not all(w in self.scales and self.scales[w] >= 1000 for w in rest):
            return None
        factor = 1.0
        for word in rest:
            factor *= self.scales[word]
        return _finite((whole + self.fractions[words[j + 2]]) * factor)

    def _spelled_word(self, word: str, state: "_Spelled") -> bool:
        """Add one number word to ``state``; False when it cannot stand there."""
        kind, value = self.words.get(word, (None, 0))
        last = state.last
        if kind == "unit":
            if last in ("unit", "a") or (last == "tens" and value >= 10):
                return False
            state.group, state.last = state.group + value, "unit"
        elif kind == "tens":
            if last in ("unit", "tens", "a"):
                return False
            state.group, state.last = state.group + value, "tens"
        elif kind == "hundred":
            if last == "hundred" or state.group >= 100:
                return False
            state.group, state.last = (state.group or 1.0) * 100, "hundred"
        elif word in self.fractions and last in (None, "a", "unit"):
            state.group, state.last = (state.group or 1.0) * self.fractions[word], "fraction"
        elif word in self.scales and self.scales[word] >= 1000 and last is not None:
            state.total, state.group = state.total + state.group * self.scales[word], 0.0
            state.last = "scale"
        else:
            return False
        return True


@dataclass
class _Spelled:
    """Where a spelled-out number stands while its words are read."""

    total: float = 0.0
    group: float = 0.0
    last: str | None = None


def _trim(word: str) -> str:
    """ "2.174t." at a sentence end -> "2.174t"; "2.1bn+" (a lower bound) -> "2.1bn"."""
    return word[:-1] if len(word) > 1 and word[-1] in ".+" and word[0].isdigit() else word


def _join_digit_groups(words: list[str]) -> list[str]:
    """ "10 000" -> "10000": digits grouped with spaces, as in European copy."""
    if len(words) < 2 or not _SHORT_GROUP.match(words[0]) or not _GROUP.match(words[1]):
        return words
    joined = words[0]
    rest = words[1:]
    while rest and _GROUP.match(rest[0]):
        joined, rest = joined + rest[0], rest[1:]
    return [joined] + rest


def _join_split_numbers(words: tuple[str, ...]) -> tuple[str, ...]:
    """Join numbers that tokenized text splits: "6 . 2" -> "6.2", "3 / 4" -> "3/4"."""
    if "." not in words and "/" not in words:
        return words
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if (
            word in (".", "/")
            and out
            and out[-1].isdigit()
            and i + 1 < len(words)
            and words[i + 1].isdigit()
        ):
            out[-1] = out[-1] + word + words[i + 1]
            i += 2
            continue
        out.append(word)
        i += 1
    return tuple(out)

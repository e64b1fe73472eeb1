"""nk_attribute_table: the English model's attribute ruler, applied as table lookups.

spaCy's ``AttributeRuler`` runs a ``Matcher`` over every token and sets attributes match
by match: in en_core_web_sm it spent ~11% of the pipeline's time. Almost all its rules
look at one token (TAG, LOWER, DEP, IS_SPACE), so the attributes a token gets depend only
on those four values: this subclass computes them once per distinct combination, keeps
the answer in a table, and writes all tokens at once with ``Doc.from_array``. Rules over
several tokens still go through a ``Matcher`` (a handful in the English models). The
output is the same as the ruler's: rules apply in the order they were added, the last
one setting an attribute wins, and all rules match against the attributes as they were
before any is applied. Hand-written because spaCy offers no vectorised ruler; the
patterns and their data are the ruler's own (serialised the same way).
"""
from __future__ import annotations

import re
from typing import Any, NamedTuple

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: token attributes a one-token rule may test, as the Matcher names them
KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
#: attributes a rule may set that a column write covers; anything else goes token by token
COLUMNS = (POS, TAG, MORPH, LEMMA)
_OPERATORS = {"IN", "NOT_IN", "REGEX"}


class TokenKey(NamedTuple):
    """What a one-token rule can see of a token."""

    tag: str
    lower: str | None  # None: a word no rule names
    dep: str
    is_space: bool


class Rule(NamedTuple):
    """One rule of the ruler: its position (later wins), token patterns and attributes."""

    order: int
    patterns: list[list[dict[str, Any]]]
    attrs: dict[int, Any]
    index: int


def _value_matches(spec: Any, value: Any) -> bool:
    """Whether one Matcher attribute spec (a value, or IN / NOT_IN / REGEX) accepts value."""
    if not isinstance(spec, dict):
        return spec == value
    ok = True
    for op, arg in spec.items():
        if op == "IN":
            ok = ok and value in arg
        elif op == "NOT_IN":
            ok = ok and value not in arg
        else:  # REGEX, as the Matcher applies it
            ok = ok and bool(re.search(arg, str(value)))
    return ok


def _token_matches(pattern: dict[str, Any], key: TokenKey) -> bool:
    values = {"TAG": key.tag, "LOWER": key.lower, "DEP": key.dep, "IS_SPACE": key.is_space}
    return all(_value_matches(spec, values[name]) for name, spec in pattern.items())


def _simple(pattern: list[dict[str, Any]]) -> bool:
    """Whether a token pattern is one token testing only KEY_ATTRS with known operators."""
    return len(pattern) == 1 and all(
        name in KEY_ATTRS and (not isinstance(spec, dict) or set(spec) <= _OPERATORS)
        for name, spec in pattern[0].items())


class Row(NamedTuple):
    """What the rules set on a token: column values (None: keep) and other attributes."""

    columns: tuple[Any, ...]
    rest: dict[int, Any]
    opens: bool = False  # the token may open a rule over several tokens

    @classmethod
    def of(cls, merged: dict[int, Any], opens: bool = False) -> "Row":
        return cls(tuple(merged.get(attr) for attr in COLUMNS),
                   {k: v for k, v in merged.items() if k not in COLUMNS}, opens)


class AttributeTable(AttributeRuler):
    """An ``AttributeRuler`` that looks each token's attributes up in a table."""

    def __init__(self, vocab, name: str = "attribute_ruler", **kwargs) -> None:
        super().__init__(vocab, name, **kwargs)
        self._reset()

    def _reset(self) -> None:
        # compiled rules and lookup tables: derived from the patterns, rebuilt on change
        self._rules: list[Rule] | None = None
        self._table: dict[TokenKey, Row] = {}
        self._seen: dict[tuple[int, int, int, int], Row] = {}  # by attribute hashes
        self._several: Matcher | None = None
        self._lowers: set[str] = set()
        self._lower_patterns: list[re.Pattern] = []
        self._any_lower = False

    def clear(self) -> None:
        super().clear()
        self._reset()

    def add(self, patterns, attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._reset()

    # -- building the table --------------------------------------------------------
    def _compile(self) -> None:
        self._rules = []
        self._several = Matcher(self.vocab)
        self._lowers = set()
        self._lower_patterns = []
        self._any_lower = False  # a rule tests LOWER by NOT_IN: every word counts
        self._openers = []  # first tokens of rules over several tokens
        self._reach = 1  # tokens in the longest such rule
        for order, (attrs, index) in enumerate(zip(self.attrs, self.indices)):
            _, patterns = self.matcher.get(self.vocab.strings[str(order)])
            simple = [p for p in patterns if _simple(p)]
            others = [p for p in patterns if not _simple(p)]
            if simple:
                self._rules.append(Rule(order, simple, attrs, index))
                for pattern in simple:
                    self._note_lower(pattern[0].get("LOWER"))
            if others:
                self._several.add(str(order), others)
                self._openers.extend(p[0] for p in others)
                self._reach = max([self._reach] + [len(p) for p in others])
        self._scan_all = not all(_simple([opener]) for opener in self._openers)
        for opener in self._openers:
            self._note_lower(opener.get("LOWER"))

    def _note_lower(self, spec: Any) -> None:
        """Remember the words rules test LOWER against: any other word can share one row."""
        if spec is None:
            return
        if isinstance(spec, str):
            self._lowers.add(spec)
        elif isinstance(spec, dict) and set(spec) == {"IN"}:
            self._lowers.update(spec["IN"])
        elif isinstance(spec, dict) and set(spec) == {"REGEX"}:
            self._lower_patterns.append(re.compile(spec["REGEX"]))
        else:
            self._any_lower = True

    def _key(self, tag: int, lower: int, dep: int, space: int) -> TokenKey:
        strings = self.vocab.strings
        word = strings[lower] if lower else ""
        if not (self._any_lower or word in self._lowers
                or any(p.search(word) for p in self._lower_patterns)):
            word = None  # equal to no word a rule names
        return TokenKey(strings[tag] if tag else "", word,
                        strings[dep] if dep else "", bool(space))

    def _lookup(self, key: TokenKey) -> Row:
        """The attributes the one-token rules give a token with this key, merged in order."""
        row = self._table.get(key)
        if row is None:
            merged: dict[int, Any] = {}
            for rule in self._rules:
                if any(_token_matches(p[0], key) for p in rule.patterns):
                    merged.update(rule.attrs)
            opens = any(_token_matches(opener, key) for opener in self._openers)
            row = self._table[key] = Row.of(merged, opens)
        return row

    # -- the component ---------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        """Set the ruler's attributes on every token of doc."""
        if self._rules is None:
            self._compile()
        error_handler = self.get_error_handler()
        try:
            self._apply(doc, self._rows(doc))
            return doc
        except Exception as err:  # the ruler's own error handling
            return error_handler(self.name, self, [doc], err)

    def _rows(self, doc: Doc) -> list[Row]:
        """Per token, the attributes to set (one-token rules, then rules over several)."""
        seen = self._seen
        found = []
        for raw in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist():
            raw = tuple(raw)
            row = seen.get(raw)
            if row is None:
                row = seen[raw] = self._lookup(self._key(*raw))
            found.append(row)
        return self._add_several(doc, found)

    def _add_several(self, doc: Doc, found: list[Row]) -> list[Row]:
        """Merge the matches of rules over several tokens into the per-token attributes,
        keeping rule order: the one-token rules are replayed for a token they touch."""
        extra: dict[int, set[int]] = {}
        for match_id, start, end in self._several_matches(doc, found):
            order = int(self.vocab.strings[match_id])
            target = range(start, end)[self.indices[order]]
            extra.setdefault(target, set()).add(order)
        for i, orders in extra.items():
            token_key = TokenKey(doc[i].tag_, doc[i].lower_, doc[i].dep_, doc[i].is_space)
            merged: dict[int, Any] = {}
            hits = sorted(orders | {rule.order for rule in self._rules if any(
                _token_matches(p[0], token_key) for p in rule.patterns)})
            for order in hits:
                merged.update(self.attrs[order])
            found[i] = Row.of(merged)
        return found

    def _several_matches(self, doc: Doc, found: list[Row]):
        """Matches of the rules over several tokens: the Matcher runs only from the tokens
        that can open one (the regular-expression tests make a full scan slow)."""
        if self._scan_all:
            yield from self._several(doc, allow_missing=True)
            return
        for i, row in enumerate(found):
            if row.opens:
                window = doc[i:i + self._reach]
                for match_id, start, end in self._several(window, allow_missing=True):
                    if start == 0:  # matches further on are found from their own opener
                        yield match_id, i, i + end

    @staticmethod
    def _apply(doc: Doc, found: list[Row]) -> None:
        """Write the attributes: POS, TAG, MORPH and LEMMA as columns, the rest per token."""
        if not len(doc):
            return
        current = doc.to_array(list(COLUMNS)).tolist()
        columns = [[old if new is None else new for old, new in zip(row, to.columns)]
                   for row, to in zip(current, found)]
        doc.from_array(list(COLUMNS), numpy.asarray(columns, dtype=numpy.uint64))
        for i, to in enumerate(found):
            if to.rest:
                set_token_attrs(doc[i], to.rest)


def attribute_table_from(ruler: AttributeRuler, name: str = "attribute_ruler") -> AttributeTable:
    """An AttributeTable with the rules of an existing AttributeRuler."""
    table = AttributeTable(ruler.vocab, name)
    table.add_patterns(ruler.patterns)
    return table


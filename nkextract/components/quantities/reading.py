"""Reading the words around an anchor: the number phrase before or after it, the country
word that fixes a currency, the qualifier words before it, and whether a currency name is
money at all here. ``PhraseReader`` holds the word lists (from the lexicons); the
document's own facts come in through ``DocState``.
"""
from __future__ import annotations

from typing import Any, Mapping, NamedTuple

from spacy.tokens import Doc, Token

from ...text.numbers import Amount, NumberParser
from .state import DocState

#: how far a number phrase may reach from its anchor, in tokens
MAX_RUN = 8
HYPHENS = frozenset({"-", "–", "—"})
LINKS = frozenset({"-", "–", "—", "to", "and", "between", ".", "/"})
SKIP_RUN_START = LINKS - {"between"}


class Phrase(NamedTuple):
    """A number phrase: its first (or, read rightwards, one past its last) token and amount."""

    edge: int
    amount: Amount


def _with_symbol_letters(families: Mapping[str, dict], symbols: Mapping[str, str]) -> dict[str, dict]:
    """The currency families, with the letters of each lettered symbol ("au$" -> AUD) as
    an adjective of its sign's family, so that "AU $12.50" reads as "AU$12.50" does
    (two letters or more: a lone "A", "N" before "$" is an article or a ticker's end).

    Derived rather than listed twice in currencies.json; quantulum3 reads "AU $12.50" as
    dollars of no country and has no such table to extend.
    """
    widened = {name: dict(family) for name, family in families.items()}
    for symbol, code in symbols.items():
        letters, sign = symbol[:-1], symbol[-1:]
        family = widened.get(symbols.get(sign, ""))
        if family is None or len(letters) < 2 or not letters.replace(".", "").isalpha() or code in widened:
            continue  # a lone letter apart from the sign is the lexicon's to list ("A $5" is "a $5")
        family["adjectives"] = {letters: code, **family["adjectives"]}
    return widened


class PhraseReader:
    """Number phrases, currency adjectives and qualifiers around a token."""

    def __init__(self, numbers: NumberParser, currencies: Mapping[str, Any],
                 scales: Mapping[str, Any], qualifiers: Mapping[str, Any],
                 forms: Mapping[str, Any]) -> None:
        self.numbers = numbers
        self.symbols: dict[str, str] = {k.lower(): v for k, v in currencies["symbols"].items()}
        self.names: dict[str, str] = dict(currencies["names"])
        self.families: dict[str, dict] = _with_symbol_letters(currencies["families"], self.symbols)
        self.adjectives = {a for f in self.families.values() for a in f["adjectives"]}
        self.adjectives.update(currencies.get("nationalities", ()))
        self.symbol_scales = frozenset(scales.get("symbol_only", ()))
        self.count_nouns = frozenset(scales.get("count_nouns", ()))
        self.money_nouns = frozenset(scales.get("money_nouns", ()))
        fractions = scales.get("number_words", {}).get("fractions", {})
        self.run_words = (set(numbers.scales) - self.symbol_scales) | LINKS
        self.run_words |= set(fractions) | {"a", "an"}  # "half a million"
        self.qualifiers: dict[tuple[str, ...], str] = {}
        for kind in ("more_than", "less_than", "approx"):
            for phrase in qualifiers[kind]:
                self.qualifiers[tuple(phrase.lower().split())] = kind
        self.qualifier_skip = {tuple(p.split()) for p in qualifiers.get("skip", ())}
        weights = forms.get("not_money", {}).get("pound", {})
        self.weight_names = frozenset(weights.get("names", ()))
        self.weight_words = frozenset(weights.get("weight_words", ()))
        self.weight_after = frozenset(weights.get("after", ()))
        self.compound_money = frozenset(weights.get("compound_money_nouns", ())) | self.money_nouns

    # -- number phrases ---------------------------------------------------------------
    def is_run_token(self, token: Token, numbers: NumberParser | None = None) -> bool:
        numbers = numbers or self.numbers
        return token.like_num or token.lower_ in self.run_words or (
            token.text.lstrip("-−+")[:1].isdigit() and numbers.number(token.text) is not None
        )

    def day_of_date(self, state: DocState, i: int) -> bool:
        """Is token ``i`` the day of a DATE mention, a number after a word of the date
        ("January 28")? Not "two and a half", a number the date reader took for a duration."""
        token = state.doc[i]
        if i < 1 or not (token.text.isdigit() and len(token.text) <= 2) or not state.in_date(i) \
                or not state.in_date(i - 1):
            return False
        return not self.is_run_token(state.doc[i - 1], state.numbers)

    def left_number(self, state: DocState, end: int) -> Phrase | None:
        """The longest number phrase ending just before ``end``."""
        doc = state.doc
        tokens: list[Token] = []  # right to left; line breaks inside are passed over
        position = end
        while position > 0 and len(tokens) < MAX_RUN:
            token = doc[position - 1]
            if token.is_space and "\n\n" not in token.text:  # a wrapped line, not a new paragraph
                position -= 1
                continue
            if not self.is_run_token(token, state.numbers) or self.day_of_date(state, token.i):
                break  # "ended January 28 to 285 mln dlrs": the day belongs to the date
            if token.text == "." and not token.whitespace_:
                break  # "1986. 2 pct" is two sentences; "6 . 2 %" is one number
            tokens.append(token)
            position -= 1
        tokens.reverse()
        while tokens and tokens[-1].text in HYPHENS:
            tokens.pop()  # "1.5-billion-dollar"
        words = [t.text for t in tokens]
        for i, token in enumerate(tokens):
            if token.lower_ in SKIP_RUN_START:
                continue
            amount = state.numbers.amount(words[i:])
            if amount is None:
                continue
            if amount.value is None and token.i > 0 and doc[token.i - 1].lower_ == "from":
                continue  # "from 5 to 6 pct" is a change, not a range
            return Phrase(token.i, amount)
        return None

    def right_number(self, state: DocState, start: int) -> Phrase | None:
        """The longest number phrase starting at ``start`` (edge: one past its end)."""
        doc = state.doc
        tokens: list[Token] = []
        position = start
        while position < len(doc) and len(tokens) < MAX_RUN:
            token = doc[position]
            if token.is_space and "\n\n" not in token.text:  # a wrapped line, not a new paragraph
                position += 1
                continue
            if not (
                self.is_run_token(token, state.numbers)
                or (tokens and token.lower_.rstrip(".") in self.symbol_scales and tokens[-1].like_num)
            ):
                break
            tokens.append(token)
            position += 1
        if not tokens or tokens[0].lower_ in SKIP_RUN_START:
            return None
        # "A$ 250 m." at a sentence end: the tokenizer keeps the full stop on the letter
        words = [t.text.rstrip(".") if t.lower_.rstrip(".") in self.symbol_scales else t.text
                 for t in tokens]
        for size in range(len(tokens), 0, -1):
            if tokens[size - 1].lower_ in SKIP_RUN_START:
                continue
            amount = state.numbers.amount(words[:size])
            if amount is not None:
                return Phrase(tokens[size - 1].i + 1, amount)
        return None

    # -- currency words ---------------------------------------------------------------
    def family_of(self, token: Token) -> str | None:
        word = token.lower_
        family = self.names.get(word) or self.symbols.get(word)
        return family if family in self.families else None

    def adjective(self, doc: Doc, start: int, unit: str) -> tuple[int, str | None]:
        """Widen to a country word before a currency: ("Hong Kong" dollars) -> HKD."""
        if start > 1 and doc[start - 1].is_space:
            found, code = self.adjective(doc, start - 1, unit)
            return (found, code) if found < start - 1 else (start, code)
        family = self.families.get(unit) or {"default": unit, "adjectives": {}}
        for size in (2, 1):
            if start - size < 0:
                continue
            words = " ".join(t.lower_ for t in doc[start - size:start])
            quoted = start > 1 and doc[start - 2].text in "'’`"
            pronoun = doc[start - 1].pos_ == "PRON"
            if size == 1 and len(words) <= 3 and (pronoun or words == "a" or quoted):
                continue  # "give us $5", "a $5 loan", "music ' s $ 5"
            if start - size > 0 and doc[start - size - 1].text == "." and not doc[start - size - 1].whitespace_:
                continue  # "NWSa.N $5 billion": the end of a ticker, not a country
            if words in family["adjectives"]:
                return start - size, family["adjectives"][words]
            if words in self.adjectives and doc[start].text != "$":
                return start - size, family["default"]
        return start, family["default"]

    def plausible(self, doc: Doc, start: int, word: str, amount: Amount) -> bool:
        """Is the currency name at ``start`` money here ("won" the verb, "pounds" a weight)?"""
        after = doc[start + 1] if start + 1 < len(doc) else None
        if word == "won":  # "Smith, 45, won the race": read as money only when large
            big = (amount.high or 0) >= 1000
            return big and (after is None or after.pos_ not in ("DET", "PRON", "PROPN"))
        if doc[start].is_title and start > 0 and after is not None and (
                after.text == "&" or after.pos_ == "PROPN") and not doc[start - 1].is_title:
            return False  # "5 Marks & Spencer shares", "10 Rand Merchant Bank"
        if word in self.weight_names:
            return not self._weight(doc, start, after)
        return True

    def _weight(self, doc: Doc, start: int, after: Token | None) -> bool:
        """ "weighs 180 pounds", "300 pound-feet", "a 10-pound bag", "5 pounds of sugar"."""
        if after is not None and after.text in HYPHENS and start + 2 < len(doc):
            after = doc[start + 2]  # "pound-feet"
        if after is not None and after.lower_ in self.weight_after:
            return True
        hyphened = start > 1 and doc[start - 1].text in HYPHENS and not doc[start - 1].whitespace_
        if hyphened and after is not None and after.pos_ == "NOUN" and after.lower_ not in self.compound_money:
            return True  # "a 10-pound bag" (but "a 10-pound note")
        sentence = doc[start].sent if doc.has_annotation("SENT_START") else doc[:]
        return any(t.lower_ in self.weight_words for t in doc[sentence.start:start + 3])

    def counts(self, doc: Doc, start: int) -> bool:
        """Does a count noun ("shrs", "tonnes") stand shortly before ``start`` on its line?"""
        for token in reversed(doc[max(0, start - 4):start]):
            if token.is_space and "\n" in token.text:
                return False
            if token.lower_ in self.count_nouns:
                return True
        return False

    def stands_alone(self, doc: Doc, end: int) -> bool:
        """Is the number phrase ending at ``end`` followed by no noun it would count?"""
        i = end
        while i < len(doc) and doc[i].is_space:
            i += 1
        return (i >= len(doc) or doc[i].lower_ in self.money_nouns
                or doc[i].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "SYM"))

    # -- qualifiers ----------------------------------------------------------------------
    def qualifier_span(self, doc: Doc, start: int) -> tuple[int, str | None]:
        """Where the qualifier words before ``start`` begin, and what they say.

        RETURNS: (token index, "more_than" / "less_than" / "approx" joined with "+", or None);
            the index is ``start`` when there are none ("more than 90%" -> index of "more").
        """
        kinds: list[str] = []
        first = start
        offset = max(0, start - 12)
        lowers = [t.lower_ for t in doc[offset:start]]
        position = start
        while position > offset:
            if not lowers[position - 1 - offset].strip():
                position -= 1
                continue
            size, kind, skip = self._qualifier_before(lowers, position - offset)
            if not size:
                break
            if kind:
                kinds.insert(0, kind)
                first = position - size
            elif skip and kinds:
                first = position - size  # "just under"
            position -= size
        unique = list(dict.fromkeys(kinds))
        return first, ("+".join(unique) if unique else None)

    def _qualifier_before(self, lowers: list[str], end: int) -> tuple[int, str | None, bool]:
        """(size, kind, skip) of the qualifier phrase ending at ``end``; size 0 if none."""
        for size in (4, 3, 2, 1):
            if end - size < 0:
                continue
            words = tuple(lowers[end - size:end])
            if words in self.qualifiers:
                return size, self.qualifiers[words], False
            if words in self.qualifier_skip:
                return size, None, True
        return 0, None, False

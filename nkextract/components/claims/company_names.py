"""How a story names its companies: a name's key, its corporate suffix, the ticker or
angle brackets after it, a headline's shortening of it ("CONT'L ILLINOIS" for
"Continental Illinois Corp") and the lead's company when the headline's cannot be read.
Plain functions over the Doc and the subjects lexicon; ``subject.py`` decides whose
figure a claim is from them.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .lexicon import ClaimLexicon

_TICKER_AFTER = re.compile(r"\s*<([A-Z][A-Z0-9.&\-]{0,11})>")
#: today's wire gives an exchange code after the name, bare or in parentheses ("BellSouth
#: Corp. BLS.N", "AT&T Inc. ( T.N )"); bare, its first part has two letters or more ("U.S." is none)
_CODE_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Z0-9]{0,7}\.[A-Z]{1,3})\s*\)"
                         r"|\s+([A-Z][A-Z0-9]{1,7}\.[A-Z]{1,3})(?=[\s,;:)]|\.(?:\s|$)|$)")
#: a company named in angle brackets without a listed ticker ("<Royal Bank of Canada>")
_BRACKETED = re.compile(r"<([A-Z][^<>\n]*[a-z][^<>\n]*)>")
#: entity types of an organisation's name
NAME_ENTS = {"ORG"}


def subject_key(name: str, lex: ClaimLexicon) -> str:
    """A name's stable key: lower case, punctuation dropped, "&" read as "and", leading
    "the" and trailing corporate suffixes (Corp, Inc, Co, Ltd, PLC, AG, SA, NV) dropped."""
    suffixes = set(lex.subjects["corporate_suffixes"])
    text = name.lower().replace("&", " and ").replace("'s", " ")
    words = [w for w in re.sub(r"[^\w\s]", " ", text.replace(".", "")).split()]
    if all(w in suffixes or w in ("the", "and") for w in words):
        return ""  # "Co" or "& Co" alone names no company ("Montgomery Ward and Co's" split)
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def is_suffix(word: str, lex: ClaimLexicon) -> bool:
    """Is a word a corporate suffix, however its stops are written ("N.V.", "NV", "Inc.")?"""
    low = word.lower()
    return low != "the" and any(w in lex.subjects["corporate_suffixes"]
                                for w in (low, low.rstrip("."), low.replace(".", "")))


def is_source_body(name: str, lex: ClaimLexicon) -> bool:
    """Is the organisation a producer of statistics rather than their subject? A central
    bank's name ("bank of canada") names it only from the name's start: "Royal Bank of
    Canada" is a company."""
    low = f" {re.sub(r'^the ', '', name.lower().strip())} "
    return any(low.startswith(f" {w} ") if w.startswith("bank of ") else f" {w} " in low
               for w in lex.subjects["not_subjects"])


def ticker_after(text: str, end_char: int) -> str | None:
    """The ticker right after a name: in angle brackets ("Oak Industries Inc <OAK>"), or
    an exchange code ("Medtronic Inc ( MDT.N )", "BellSouth Corp. BLS.N")."""
    found = _TICKER_AFTER.match(text, end_char)  # the index's text: Doc.text is rebuilt per call
    if found:
        return found.group(1)
    code = _CODE_AFTER.match(text, end_char)
    return (code.group(1) or code.group(2)) if code else None


def abbreviates(short: str, full: str, lex: ClaimLexicon) -> bool:
    """Is one name a shortening of the other, word by word ("Cont'l Illinois" of
    "Continental Illinois Corp", "Bally" of "Bally Manufacturing Corp"): each word of the
    short name opens the matching word of the full one, or keeps its first letter and
    the rest of its letters in order?"""
    short_words, full_words = _name_words(short, lex), _name_words(full, lex)
    if not short_words or len(short_words) > len(full_words):
        return False
    return all(_opens(s, f) for s, f in zip(short_words, full_words))


def _name_words(name: str, lex: ClaimLexicon) -> list[str]:
    """A name's words without punctuation inside them ("cont'l" is one word) and
    without the corporate suffixes that end it."""
    words = [w for w in (re.sub(r"[^\w&]", "", w) for w in name.lower().split()) if w]
    suffixes = set(lex.subjects["corporate_suffixes"])
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    return words


def _opens(short: str, word: str) -> bool:
    if not short or not word or short[0] != word[0]:
        return False
    if word.startswith(short):
        return True
    rest = iter(word[1:])
    return all(ch in rest for ch in short[1:])


def full_name(doc: Doc, after: int, name: str, lex: ClaimLexicon) -> str | None:
    """The story's own fuller name for its headline's company: the first organisation
    after character ``after`` (the headline's end) that the headline's name shortens
    ("CONT'L ILLINOIS" in the headline, "Continental Illinois Corp said" in the lead)."""
    names = [e for e in doc.ents if e.end_char > after and (e.label_ in NAME_ENTS or suffixed_entity(e, lex))]
    names += suffixed_names(doc, after, lex)  # "Holt Leisure Corp", missed by the tagger
    for span in sorted(names, key=lambda s: s.start):
        text = " ".join(span.text.split())
        if "\n\n" in span.text:  # a name the tagger ran on from the headline
            text = " ".join(span.text.rsplit("\n\n", 1)[1].split())
        if not is_source_body(text, lex) and _name_words(text, lex) != _name_words(name, lex) \
                and abbreviates(name, text, lex):
            return text
    return None


def lead_company(doc: Doc, headline: str, after: int, lex: ClaimLexicon) -> Span | None:
    """The company of a headline whose name could not be read off it ("HUTCHISON SEES
    HIGHER PAYOUT"): the first company the body names with a ticker or a corporate
    suffix ("Hutchison Whampoa Ltd <HWHH.HK>") when the headline holds one of its words."""
    head_words = set(re.findall(r"\w+", headline.lower()))
    for span in named_companies(doc, after, lex):
        if not is_source_body(span.text, lex) and any(
                len(w) > 2 and w in head_words for w in _name_words(span.text, lex)):
            return span
    return None


def named_companies(doc: Doc, after: int, lex: ClaimLexicon) -> list[Span]:
    """The names after character ``after`` that are surely companies', in order: in angle
    brackets ("<Royal Bank>"), or followed by a ticker, or ending in a corporate suffix."""
    text = doc.text  # built once: Doc.text joins every token on each call
    names = [e for e in doc.ents if e.start_char > after and e.label_ in NAME_ENTS]
    names += suffixed_names(doc, after, lex)
    names += [span for m in _BRACKETED.finditer(text, after + 1)
              if (span := doc.char_span(m.start(1), m.end(1), alignment_mode="expand")) is not None]
    names += [_proper_run(doc[t.i - 1]) for t in doc  # "Norsk Hydro A/S <NHY.O>"
              if t.idx > after and t.text == "<" and t.i > 0 and doc[t.i - 1].pos_ == "PROPN"
              and ticker_after(text, doc[t.i - 1].idx + len(doc[t.i - 1].text))]
    return [span for span in sorted(names, key=lambda s: s.start) if _is_company(span, text, lex)]


def _is_company(span: Span, text: str, lex: ClaimLexicon) -> bool:
    bracketed = span.start_char > 0 and text[span.start_char - 1] == "<"  # "<Royal Bank>"
    return bool(bracketed or ticker_after(text, span.end_char) or is_suffix(span.text.split()[-1], lex))


def suffixed_names(doc: Doc, after: int, lex: ClaimLexicon) -> list[Span]:
    """Names ending in a corporate suffix after character ``after``, whatever the tagger
    made of them ("Holm Whitby Ltd": "Ltd" read as a verb)."""
    return [run for t in doc if t.idx > after and t.text[:1].isupper()
            and is_suffix(t.text, lex) and len(run := _proper_run(t)) > 1]


def _proper_run(suffix: Token) -> Span:
    """The name a corporate suffix ends: the proper nouns before it, across a line break
    of wrapped copy and the joining words of a name ("Bilfinger und Berger-Bau\nAG",
    "Harper and Row Publishers Inc")."""
    doc, j = suffix.doc, suffix.i
    while j > 1 and (doc[j - 1].pos_ == "PROPN" or joins_name(doc[j - 1])) and doc[j - 2].pos_ == "PROPN" \
            or j > 0 and doc[j - 1].pos_ == "PROPN":
        j -= 1
    return doc[j:suffix.i + 1]


def joins_name(token: Token) -> bool:
    """A token inside a name: a single line break, a hyphen, "and" / "&" / "und"."""
    return (token.is_space and token.text.count("\n") == 1) or token.text in ("-", "/", "&", "and", "und")


def proper_run_from(token: Token) -> Span:
    """The proper nouns from a token on, joined as a name ("Norsk Hydro A/S")."""
    doc, end = token.doc, token.i + 1
    while end < len(doc) and end - token.i < 8 and (doc[end].pos_ == "PROPN" or (
            joins_name(doc[end]) and end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN")):
        end += 1
    return doc[token.i:end]


def suffixed_entity(ent: Span, lex: ClaimLexicon) -> bool:
    """A name the tagger took for a person or place but that ends in "Inc", "Corp", ..."""
    words = ent.text.lower().replace(".", "").split()
    return ent.label_ in {"PERSON", "GPE", "PRODUCT", "NORP"} and len(words) > 1 \
        and words[-1] in lex.subjects["corporate_suffixes"]

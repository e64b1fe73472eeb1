"""The story's own dollar: "dlrs" in a story about a Canadian company are Canadian dollars.

A wire figure in bare ``dlrs`` is read in US dollars by nk_quantities. A reader takes it in
the company's currency when the story says which one: a note naming it ("Note: figures in
Canadian dlrs") wins, else a nationality word in the company's name ("Canadian Imperial
Bank of Commerce"). The dollar families come from models/lexicons/currencies.json. Such a
unit is read from context, so it is marked unsure.
"""
from __future__ import annotations

import re

from .lexicon import ClaimLexicon

_NOTE = re.compile(r"\b(?:in|of)\s+([A-Za-z. ]{1,20}?)\s+(?:dlrs|dollars|dlr|dollar)\b", re.IGNORECASE)
_WRITTEN_US = re.compile(r"\b(?:u\.?s\.?|us|american)\s*(?:\$|dlr|dollar)", re.IGNORECASE)


def _dollar_codes(lex: ClaimLexicon) -> dict[str, str]:
    family = lex.currencies.get("families", {}).get("dollar", {})
    default = family.get("default")
    return {adj: code for adj, code in family.get("adjectives", {}).items()
            if code != default and len(adj) > 3}


def story_dollar(text: str, company: str | None, lex: ClaimLexicon) -> str | None:
    """The dollar a story's bare ``dlrs`` are in when it is not the US one, else None."""
    return noted_dollar(text, lex) or company_dollar(company, lex)


def noted_dollar(text: str, lex: ClaimLexicon) -> str | None:
    """The dollar a note of the story names ("Note: figures in Canadian dlrs"), if not the US one."""
    codes = _dollar_codes(lex)
    for match in _NOTE.finditer(text):
        code = codes.get(match.group(1).strip().lower())
        if code and not re.search(r"\d", match.group(0)):
            return code
    return None


def company_dollar(company: str | None, lex: ClaimLexicon) -> str | None:
    """The dollar a nationality word in a company's name names ("Canadian Imperial Bank of
    Commerce"), if not the US one."""
    codes = _dollar_codes(lex)
    words = (company or "").lower().split()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            code = codes.get(" ".join(words[i:i + size]))
            if code:
                return code
    return None


def written_us(text: str) -> bool:
    """Does a figure's text name the US dollar itself ("U.S. dlrs", "US$")?"""
    return bool(_WRITTEN_US.search(text))

"""Who a story's descriptions and headline name, for nk_sources: "the company said" bound to
the company that spoke (else the nearest one named as a clause subject), "the governor" to
the speaker named before with that word, and the speaker a headline names ("BUNDESBANK
SAYS ..."). A mixin of ``SourceFinder``: it reads the finder's word lists
(``self.words``, ``self.corporate_suffixes``) and its per-document ``DocState``.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Span, Token

from .thread import Candidate, DocState, clean_name


class Binding:
    """How nk_sources binds descriptions of a speaker to the name they stand for."""

    words: dict[str, set[str]]
    corporate_suffixes: set[str]
    _word: Callable[[Token, str], bool]   # SourceFinder's: a token's word or lemma in a list

    def _headline_speaker(self, state: DocState) -> str | None:
        """Who a story's headline says speaks ("BUNDESBANK SAYS M3 GREW 7 PCT", "JAPAN
        MINISTRY SEES GROWTH OF 3.5 PCT"): the words before its first headline verb."""
        first = state.segments[0] if state.segments else None
        if first is None or not first.title:
            return None
        doc = state.doc
        verb = next((t for t in doc[first.start + 1:first.end]
                     if t.lower_ in self.words["headline_verbs"]), None)
        if verb is None:
            return None
        words = [t for t in doc[first.start:verb.i] if not t.is_space]
        if not 0 < len(words) <= 6 or any(not t.is_alpha and t.text not in (".", "'S", "'s", "-")
                                          or t.i in state.figure_tokens for t in words):
            return None
        return doc[words[0].i:words[-1].i + 1].text

    def _bind_companies(self, state: DocState, found: dict[int, list[Candidate]]) -> None:
        """"the company said" names the company a reader binds it to: the nearest
        organisation that spoke before it, else the nearest one named as the subject of
        its clause, else the nearest one named."""
        cands = sorted((c for cs in found.values() for c in cs), key=lambda c: c.start)
        for cand in cands:
            named = [c for c in cands if c.end <= cand.start and c.anaphor is None
                     and not c.relay and self._has_name(state, c)]
            if cand.company:
                spoke = [c for c in named if self._organisation(state, c)]
                name = spoke[-1].text if spoke else self._antecedent(state, cand.start)
                cand.text, cand.bound = name or cand.text, name is not None
            elif self._description(state, cand):  # "the governor": "Governor John Crow"
                head = state.doc[cand.start:cand.end].root
                same = [c for c in named if {head.lower_, head.lemma_.lower()}
                        & set(c.text.lower().split())]
                cand.text, cand.bound = (same[-1].text, True) if same else (cand.text, False)

    def _description(self, state: DocState, cand: Candidate) -> bool:
        """"the governor", "the bank": a definite description without a name."""
        span = state.doc[cand.start:cand.end]
        return cand.anaphor != "pronoun" and span[0].lower_ in self.words["anaphor_determiners"] \
            and span.root.pos_ == "NOUN" and not self._has_name(state, cand)

    @staticmethod
    def _has_name(state: DocState, cand: Candidate) -> bool:
        return any(t.pos_ == "PROPN" for t in state.doc[cand.start:cand.end])

    def _organisation(self, state: DocState, cand: Candidate) -> bool:
        """Whether a speaker is an organisation: it holds a company's name, no person's."""
        span = state.doc[cand.start:cand.end]
        return not any(t.ent_type_ == "PERSON" for t in span) and any(
            t.ent_type_ == "ORG" or (t.pos_ == "PROPN" and self._suffix(t)) for t in span)

    def _suffix(self, token: Token) -> bool:
        low = token.lower_
        return any(w in self.corporate_suffixes for w in (low, low.rstrip("."), low.replace(".", "")))

    def _antecedent(self, state: DocState, start: int) -> str | None:
        """The organisation "the company" refers to: the nearest one named before it in
        the story's body as the subject of its clause, else the nearest one named."""
        doc = state.doc
        named = [e for e in doc.ents if e.label_ == "ORG" and e.end <= start]
        named += [self._suffixed_name(state, t) for t in doc[:start]
                  if t.pos_ == "PROPN" and self._suffix(t)]
        named = sorted((_in_one_sentence(e) for e in named if not state.segment(e.start).title
                        and e.text[:1].isalpha() and any(t.pos_ == "PROPN" for t in e)
                        and not any(i in state.figure_tokens for i in range(e.start, e.end))),
                       key=lambda e: e.end)
        if not named:
            return None
        subjects = [e for e in named if _clause_role(e) in ("nsubj", "nsubjpass")]
        return clean_name((subjects or named)[-1].text)

    def _suffixed_name(self, state: DocState, suffix: Token) -> Span:
        """The name a corporate suffix ends ("Acme Holdings Inc", "Barnett Banks of Florida
        Inc"), which the tagger may have missed: the proper nouns before it in its segment,
        with the words that join them."""
        doc, first = state.doc, state.segment(suffix.i).start
        joined = self.words["name_joiners"] | self.words["name_links"]
        j = suffix.i
        while j - 1 >= first and (doc[j - 1].pos_ == "PROPN" or (
                doc[j - 1].lower_ in joined and j - 2 >= first and doc[j - 2].pos_ == "PROPN")):
            j -= 1
        return doc[j:suffix.i + 1]


def _clause_role(ent: Span) -> str:
    """The dependency that carries a name's role in its clause ("Acme Corp <ACM> said":
    the name is a compound of the ticker, whose arc says it is the subject)."""
    token = ent.root
    for _ in range(3):
        if token.dep_ not in ("compound", "appos", "punct", "nmod") or token.head is token:
            break
        token = token.head
    return token.dep_


def _in_one_sentence(ent: Span) -> Span:
    """The part of a name in its last sentence ("Penn Central Corp. Bally" run together
    by the tagger across a full stop is "Bally")."""
    starts = [t.i for t in ent[1:] if t.is_sent_start]
    return ent.doc[starts[-1]:ent.end] if starts else ent

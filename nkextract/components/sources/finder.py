"""nk_sources: who each figure is attributed to (source) and through whom (via).

Attribution expressions are found with spaCy's ``Matcher`` (cue words, reporting-verb
lemmas, data nouns) and read off the parse (subjects, objects, noun chunks). The text is
cut into segments (a sentence within one paragraph, since the parser's sentences can run
across paragraph breaks); each segment takes its own attribution or carries the last one
where a reader would. Words and outlets live in ``models/lexicons/attribution.json``.

The result is one Doc attribute, ``doc._.nk_attribution``: per segment, in text order,
``[start, source, via]`` (``start`` the segment's first token; source and via texts or
None). A figure takes the attribution of the last segment starting at or before it:
``attribution_for(doc, span)``.
"""
from __future__ import annotations

import logging
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterator

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ...extensions import MENTIONS
from ..base import LexiconComponent
from .binding import Binding
from .thread import (Bounds, Candidate, DocState, Segment, carry, clean_name, decide, pair_relays,
                     paragraph_breaks, segments, whole_names)

__all__ = ["SourceFinder", "attribution_for", "paragraph_breaks", "segments"]

logger = logging.getLogger(__name__)

LEXICON = "lexicons/attribution.json"
#: the company words the subjects' reader keeps (corporate suffixes: "Acme Holdings Inc")
SUBJECTS = "lexicons/subjects.json"
LABEL = "SOURCE"
#: entity types a source phrase may be widened to cover
NAME_ENTS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "WORK_OF_ART", "PRODUCT"}
#: entity types of a clause's subject that make it the reporter's narrative about someone
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
#: quotation marks that open and close a quoted block after "Name:"
OPENING_QUOTES = {"\u201c", '"', "``", "''"}
CLOSING_QUOTES = {"\u201d", '"', "''"}
#: Penn tags of finite verbs (a clause between a name and its verb)
FINITE_VERBS = {"VBD", "VBZ", "VBP", "MD"}
#: default of the factory's max_phrase: tokens; a longer post-modifier is a clause, not
#: part of a name
MAX_PHRASE = 14
#: default of the factory's scores: how strongly each kind of expression names the
#: originator of a figure
DEFAULT_SCORES = {"data": 4.0, "according": 3.0, "citing": 2.5, "speech": 2.0, "told": 1.0}
#: lexicon keys holding word lists, read lower-cased into SourceFinder.words
WORD_LISTS = (
    "speech_verbs", "evidence_verbs", "relay_verbs", "relay_cues", "data_nouns",
    "data_acl_verbs", "data_agent_preps", "possessive_data_preps", "pronouns",
    "anaphor_determiners", "anaphor_heads", "time_words", "post_modifier_preps",
    "source_adjectives", "generic_anaphor_heads", "quoting_verbs", "opinion_verbs",
    "estimate_verbs", "estimate_preps", "comparison_marks", "opinion_marks", "name_joiners",
    "name_links", "articles", "organisation_anaphor_heads", "headline_verbs")
#: a found expression: the token that cues it and the candidate phrase
Found = tuple[int, Candidate]


class SourceFinder(Binding, LexiconComponent):
    """Find attribution expressions and give every segment its (source, via)."""

    lexicon_files = (LEXICON, SUBJECTS)

    def __init__(self, nlp: Language, name: str, *, max_phrase: int = MAX_PHRASE,
                 scores: dict[str, float] | None = None) -> None:
        super().__init__(nlp, name)
        self.max_phrase = max_phrase
        self.scores = dict(DEFAULT_SCORES if scores is None else scores)
        self.matcher: Matcher | None = None
        self.outlets: PhraseMatcher | None = None

    def _build(self) -> None:
        lex = self.lexicons[LEXICON]
        self.words = {key: {w.lower() for w in lex.get(key, [])} for key in WORD_LISTS}
        self.outlet_words = set(lex.get("outlet_words", []))
        self.corporate_suffixes = {w.lower() for w in
                                   self.lexicons[SUBJECTS].get("corporate_suffixes", [])} - {"the"}
        self.pronoun_kinds = {w.lower(): label for w, label in lex.get("pronoun_kinds", {}).items()}
        self.cues = {cue.lower(): kind for cue, kind in lex.get("prepositional_cues", {}).items()}
        self.matcher = Matcher(self.nlp.vocab)
        for cue in self.cues:
            self.matcher.add("CUE:" + cue, [[{"LOWER": w} for w in cue.split()]])
        verb = {"POS": {"IN": ["VERB", "AUX", "NOUN"]}}  # the tagger calls "show" a noun at times
        speech = sorted(self.words["speech_verbs"] | self.words["estimate_verbs"])
        self.matcher.add("SPEECH", [[{"LEMMA": {"IN": speech}, **verb}]])
        evidence = sorted(self.words["evidence_verbs"])
        self.matcher.add("EVIDENCE", [[{"LEMMA": {"IN": evidence}, **verb}]])
        data = sorted(self.words["data_nouns"])
        self.matcher.add("DATA", [[{"LOWER": {"IN": data}, "POS": "NOUN"}]])
        self.outlets = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.outlets.add("OUTLET", [self.nlp.make_doc(o) for o in lex.get("outlets", [])])

    # -- the component ------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        """Add SOURCE spans (``Span._.nk_role`` "source"/"via") to the mentions group and
        set ``doc._.nk_attribution``, one ``[start, source, via]`` per segment."""
        self._require()
        if not doc.has_annotation("DEP"):
            logger.debug("nk_sources: no dependency parse, nothing attributed")
            doc._.nk_attribution = []
            return doc
        state = DocState.of(doc, segments(doc, self._figure_tokens(doc)))
        state.figure_tokens = {i for s in self._figure_spans(doc) for i in range(s.start, s.end)}
        for seg in state.segments:
            seg.actor = self._actor(state, seg) if seg.figure else None
        found: dict[int, list[Candidate]] = {}
        for cue_i, cand in self._candidates(state):
            if any(i in state.figure_tokens for i in range(cand.start, cand.end)):
                continue  # "Fifty-nine pct of the retailers expected ...": a figure, no source
            k = state.segment_of[cand.start]
            if state.segment_of[cue_i] == k:  # cue and phrase in the same paragraph
                found.setdefault(k, []).append(cand)
        for k, cand in self._colon_quotes(state):
            found.setdefault(k, []).append(cand)
        self._bind_companies(state, found)
        for k, cands in found.items():
            state.segments[k].own = decide(cands)
        pair_relays(state.segments)
        carry(state.segments, self._headline_speaker(state))
        self._write(doc, state.segments)
        return doc

    def _colon_quotes(self, state: DocState) -> Iterator[tuple[int, Candidate]]:
        """"Carl Bialik: “One of the lessons ... 10 points.”": a name before a colon that
        opens a quotation speaks for every segment of the quotation (to its closing mark,
        within the paragraph)."""
        doc = state.doc
        for colon in (t for t in doc if t.text == ":" and t.i > 0):
            opening = next((t for t in doc[colon.i + 1:colon.i + 3] if not t.is_space), None)
            name = doc[max(_skip_space_left(doc, colon.i - 1, 0), 0)]
            if opening is None or opening.text not in OPENING_QUOTES or name.i >= colon.i or not (
                    name.pos_ == "PROPN" or name.ent_type_ in ACTOR_ENTS):
                continue
            bounds = self._phrase(state, name.i)
            closing = next((t.i for t in doc[opening.i + 1:] if t.text in CLOSING_QUOTES
                            or state.segment(t.i).para != state.segment(opening.i).para), len(doc))
            if bounds is None or any(i in state.figure_tokens for i in range(*bounds)):
                continue
            for k in range(state.segment_of[opening.i], state.segment_of[closing - 1] + 1):
                yield k, self._candidate(state, bounds, "speech")

    def _actor(self, state: DocState, seg: Segment) -> str | None:
        """Who a segment's main clause is about, when that is a name: the subject of its
        root verb ("Sanders won 69 percent"); None for a common noun ("Exports rose"), a
        figure ("38 percent of those surveyed say": the poll's respondents, its figure), a
        pronoun or no subject."""
        root = state.doc[seg.start:seg.end].root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or not seg.start <= subject.i < seg.end:
            return None
        if any(c.tag_ == "MD" for c in root.children):
            return None  # "Disney would then acquire ...": the speaker's forecast, reported
        if subject.ent_type_ in ACTOR_ENTS and _named(state.doc, subject, seg.start):
            return subject.text
        return None  # "38 percent of those surveyed say ...": what the poll measured

    def _figure_spans(self, doc: Doc) -> list[Span]:
        """The money and percent figures (mentions or entities)."""
        spans = [s for s in doc.spans.get(MENTIONS, []) if s.label_ in ("MONEY", "PERCENT")]
        return spans + [e for e in doc.ents if e.label_ in ("MONEY", "PERCENT")]

    def _figure_tokens(self, doc: Doc) -> set[int]:
        """Token indices that start a money or percent figure (mentions or entities)."""
        return {s.start for s in self._figure_spans(doc)}

    def _write(self, doc: Doc, segs: list[Segment]) -> None:
        roles: dict[Bounds, str] = {}
        for seg in segs:
            if seg.own is None:
                continue
            src, via = seg.own
            if src is not None and src.anaphor != "pronoun":
                roles.setdefault(_mention_bounds(src), "source")
            if via is not None:
                roles.setdefault(_mention_bounds(via), "via")
        whole_names(segs)
        group = list(doc.spans.get(MENTIONS, []))
        for (start, end), role in sorted(roles.items()):
            span = Span(doc, start, end, label=LABEL)
            span._.nk_role = role
            group.append(span)
        doc.spans[MENTIONS] = group
        doc._.nk_attribution = [[seg.start, *seg.result] for seg in segs]

    # -- finding attribution expressions -------------------------------------------
    def _candidates(self, state: DocState) -> Iterator[Found]:
        """Yield (cue token index, Candidate) for every attribution expression."""
        doc = state.doc
        for match_id, start, end in self.matcher(doc):
            label = self.nlp.vocab.strings[match_id]
            if label.startswith("CUE:"):
                cand = self._cue(state, label[4:], start, end)
            elif label == "DATA":
                cand = self._possessive_data(state, doc[start])
            else:
                yield from self._verb(state, doc[start], evidence=label == "EVIDENCE")
                continue
            if cand is not None:
                yield start, cand

    def _cue(self, state: DocState, cue: str, start: int, end: int) -> Candidate | None:
        bounds = self._phrase(state, end, clip=end) or self._cue_object(state, end)
        if bounds is None:
            return None
        kind = self.cues[cue]
        reduced = self._originator(state, *bounds)
        root = state.doc[bounds[0]:bounds[1]].root
        if kind == "data" and reduced is None and not (
                self._is_data(root) or root.ent_type_ in NAME_ENTS):
            return None  # "based on discussions with ...": not a source of figures
        if reduced is not None:
            bounds, kind = reduced, ("citing" if kind == "citing" else "data")
        cand = self._candidate(state, bounds, kind)
        if self.cues[cue] == "according":
            self._whole_phrase(state, root, cand)
        cand.relay_only = cand.outlet and cue in self.words["relay_cues"]
        return cand

    def _cue_object(self, state: DocState, end: int) -> Bounds | None:
        """The object of a cue's last word when the noun chunker missed it ("according to
        the RealClearPolitics polling average", its head tagged an adjective)."""
        obj = next((c for c in state.doc[end - 1].children if c.dep_ == "pobj"), None)
        if obj is None or state.segment_of[obj.i] != state.segment_of[end - 1]:
            return None
        start, stop = self._governed(state, obj)
        if not any(t.pos_ in ("NOUN", "PROPN") for t in state.doc[start:stop]):
            return None
        return start, stop

    def _possessive_data(self, state: DocState, noun: Token) -> Candidate | None:
        """``on the ministry's figures``, ``in data from the bureau``, ``a forecast
        made by the institute``."""
        after_prep = noun.dep_ == "pobj" and noun.head.lower_ in self.words["possessive_data_preps"]
        if not after_prep and not any(c.dep_ == "acl" for c in noun.children):
            return None
        bounds = self._phrase(state, noun.i)
        if bounds is None:
            return None
        reduced = self._originator(state, *bounds, participle=not after_prep)
        named = after_prep and any((c.dep_ == "poss" and c.pos_ != "PRON")
                                   or (c.dep_ == "compound" and c.pos_ == "PROPN")
                                   for c in noun.children)
        if reduced is None and not named:
            return None  # "in its latest report" is the speaker's own, not another source
        cand = self._candidate(state, reduced or bounds, "data")
        if named:  # "In a Daily Planet poll released Monday, 50 percent ..."
            self._whole_phrase(state, noun, cand)
        return cand

    # -- reporting verbs -------------------------------------------------------------
    def _verb(self, state: DocState, verb: Token, evidence: bool) -> Iterator[Found]:
        """The speaker of a reporting or evidence verb, and an outlet it names."""
        if not self._reports(verb):
            return
        subject = self._speaker(state, verb)
        if subject is None:
            return
        if subject.lower_ in self.words["pronouns"]:
            if not evidence:
                yield verb.i, Candidate(subject.i, subject.i + 1, subject.text, "speech",
                                        self.scores["speech"] - 0.5, anaphor="pronoun",
                                        antecedent=self._antecedent_name(state, subject))
            return
        if subject.pos_ not in ("NOUN", "PROPN"):
            return
        cand = self._speaker_candidate(state, verb, subject, evidence)
        if cand is None:
            return
        yield verb.i, cand
        yield from self._named_objects(state, verb)

    def _antecedent_name(self, state: DocState, pronoun: Token) -> str | None:
        """The name a pronoun speaker stands for: the nearest person ("he", "she") or
        organisation ("it") named before it in the story's body, else None."""
        label = self.pronoun_kinds.get(pronoun.lower_)
        if label is None:
            return None
        doc = state.doc
        names = [e for e in doc.ents if e.end <= pronoun.i and e.label_ == label]
        if label == "PERSON":  # a name the tagger missed as the subject of a clause
            names += [doc[t.left_edge.i:t.i + 1] for t in doc[:pronoun.i] if t.pos_ == "PROPN"
                      and t.dep_ == "nsubj" and not t.ent_type_]
        names = [n for n in names if not state.segment(n.start).title
                 and not any(i in state.figure_tokens for i in range(n.start, n.end))]
        return clean_name(max(names, key=lambda n: n.end).text) if names else None

    def _reports(self, verb: Token) -> bool:
        """Whether a matched verb reports: not "put emphasis on", "more than analysts
        expected", "as some economists believe"."""
        if self._word(verb, "estimate_verbs") and not any(
                c.lower_ in self.words["estimate_preps"] for c in verb.children):
            return False  # "put growth at 2 pct" is an estimate; "put emphasis on" is not
        marks = {c.lower_ for c in verb.children if c.dep_ == "mark"} | {verb.head.lower_}
        if marks & self.words["comparison_marks"]:
            return False
        if self._word(verb, "opinion_verbs") and any(
                a.i != verb.i and a.pos_ in ("VERB", "AUX") and self._word(a, "speech_verbs")
                and not self._word(a, "opinion_verbs") for a in verb.ancestors):
            return False  # "he said the company expects ...": what is said, not who says it
        return not (marks & self.words["opinion_marks"] and self._word(verb, "opinion_verbs"))

    def _speaker(self, state: DocState, verb: Token) -> Token | None:
        """Who speaks through verb: its subject, a name left of it, a person in apposition."""
        subject = self._subject(verb)
        if verb.pos_ == "NOUN" and (subject is None or subject.head != verb):
            return None
        if subject is None or state.segment_of[subject.i] != state.segment_of[verb.i]:
            subject = self._left_name(state, verb)  # e.g. a headline run into the lead's parse
        if subject is None or subject.ent_type_ == "PERSON":
            return subject
        # "Director of the bank's department, John Smith, said"
        return next((t for t in subject.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"
                     and self._hangs_from(t, subject)), subject)

    def _speaker_candidate(self, state: DocState, verb: Token, subject: Token,
                           evidence: bool) -> Candidate | None:
        bounds = self._phrase(state, subject.i)
        if bounds is None:
            return None
        reduced = self._originator(state, *bounds)
        if evidence and reduced is None and not self._is_data(state.doc[bounds[0]:bounds[1]].root):
            return None
        kind = "data" if (reduced or evidence) else "speech"
        if _quantity(state.doc[bounds[0]:bounds[1]]):
            return None  # "... output of 1.8 mln bpd, said": an amount, no speaker
        if kind == "speech" and _bare_mass_noun(state.doc[bounds[0]:bounds[1]]):
            return None  # "... that inflation remains a priority and said ...": no speaker
        cand = self._candidate(state, reduced or bounds, kind)
        self._whole_phrase(state, subject, cand, verb)
        cand.affiliation = " ".join(t.text for c in subject.children if c.dep_ == "appos"
                                    for t in c.subtree if t.pos_ == "PROPN")
        if verb.lemma_.lower() in self.words["relay_verbs"] and kind == "speech" and cand.outlet:
            cand.relay, cand.score = True, cand.score - 0.5
        depth = sum(1 for _ in verb.ancestors)  # the outermost speaker wins a tie
        cand.score -= 0.01 * min(depth, 10)
        return cand

    def _named_objects(self, state: DocState, verb: Token) -> Iterator[Found]:
        """"quoted X as saying": X is cited; "told Reuters": the outlet told relays it."""
        for child in verb.children:
            if child.dep_ == "dobj" and self._word(verb, "quoting_verbs"):
                quoted = self._phrase(state, child.i)
                if quoted is not None:
                    yield verb.i, self._candidate(state, quoted, "citing")
        for child in verb.children:
            if child.dep_ in ("dative", "dobj") and child.pos_ == "PROPN":
                told = self._phrase(state, child.i)
                if told is not None:
                    other = self._candidate(state, told, "told")
                    if other.outlet:
                        other.relay = True
                        yield verb.i, other

    def _subject(self, verb: Token) -> Token | None:
        """The grammatical subject of a reporting verb, or the agent of a passive one."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "expl"):
                if child.dep_ == "nsubj" and child.tag_ == "WDT" and verb.dep_ == "relcl":
                    return verb.head  # "the agency, which said ..."
                return child if child.dep_ == "nsubj" else None
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            return self._subject(verb.head)
        if verb.dep_ == "acl" and verb.head.i == verb.i - 1 and any(
                c.dep_ == "ccomp" for c in verb.children):
            return verb.head  # "A Quinnipiac poll found that ...", parsed as a modifier of "poll"
        return None

    def _left_name(self, state: DocState, verb: Token) -> Token | None:
        """For a verb the parse left without a subject: the proper name just left of it
        ("... Group Inc said"), else the name opening its segment when no finite verb
        comes between ("<Royal Bank of Canada>, in reporting ..., said")."""
        doc, seg = state.doc, state.segment(verb.i)
        j = _skip_space_left(doc, verb.i - 1, seg.start)
        if j > seg.start and doc[j].text == ")":  # "... Research (WIFO) said"
            opened = (k for k in range(j - 1, seg.start - 1, -1) if doc[k].text == "(")
            j = _skip_space_left(doc, next(opened, seg.start) - 1, seg.start)
        if j >= seg.start and doc[j].pos_ == "PROPN":
            return self._person_above(doc[j], seg)
        opening = next((t for t in doc[seg.start:verb.i]
                        if t.pos_ not in ("PUNCT", "SPACE", "X")), None)
        if opening is None or opening.pos_ != "PROPN" or any(
                t.tag_ in FINITE_VERBS for t in doc[opening.i:verb.i]):
            # "..., senior economists, including John Smith of the Bank, said"
            if j > seg.start and doc[j].text == ",":
                return self._set_off(doc, _skip_space_left(doc, j - 1, seg.start), seg)
            return None
        return opening

    @staticmethod
    def _set_off(doc: Doc, j: int, seg: Segment) -> Token | None:
        """The noun a phrase set off by commas before a verb hangs from ("senior
        economists, including John Smith of the Bank,"): up from its last word through
        noun-phrase arcs to the noun that opens after a comma."""
        if j < seg.start:
            return None
        node = doc[j]
        for _ in range(12):
            before = _skip_space_left(doc, node.left_edge.i - 1, seg.start)
            if node.pos_ in ("NOUN", "PROPN") and before >= seg.start and doc[before].text == ",":
                # "Acme Corp, a privately held company, said": the name it describes
                named = node.dep_ == "appos" and node.head.pos_ == "PROPN"
                return node.head if named else node
            if node.dep_ not in ("pobj", "prep", "appos", "compound", "amod") \
                    or node.head.i == node.i or not seg.start <= node.head.i < seg.end:
                return None
            node = node.head
        return None

    @staticmethod
    def _hangs_from(token: Token, head: Token) -> bool:
        """Whether token reaches head through noun-phrase arcs only."""
        while token.i != head.i:
            if token.dep_ not in ("prep", "pobj", "appos", "compound", "poss"):
                return False
            token = token.head
        return True

    @staticmethod
    def _person_above(token: Token, seg: Segment) -> Token:
        """The person a name hangs from ("Helmut Kramer, head of the Institute"), else
        the name itself."""
        node = token
        while node.dep_ in ("pobj", "prep", "appos", "compound") \
                and seg.start <= node.head.i < seg.end and node.head.i != node.i:
            node = node.head
            if node.ent_type_ == "PERSON" and node.pos_ == "PROPN":
                return node
        return token

    # -- candidates --------------------------------------------------------------------
    def _candidate(self, state: DocState, bounds: Bounds, kind: str) -> Candidate:
        """The Candidate for a phrase: outlet or not, its score, the anaphor it is."""
        doc = state.doc
        start, end = self._without_data_noun(state, bounds)
        span = doc[start:end]
        outlet = any(i in self._outlets(state) for i in range(start, end)) or any(
            t.pos_ == "PROPN" and t.text in self.outlet_words for t in span)
        score = self.scores[kind] - (0.5 if outlet and kind == "speech" else 0.0)
        definite = self._definite(span)
        if definite:
            score -= 0.1  # a named source in the sentence wins
        anaphor = "data" if self._data_anaphor(span, kind) else ("definite" if definite else None)
        return Candidate(start, end, clean_name(span.text), kind, score, outlet=outlet,
                         anaphor=anaphor, head=span.root.lower_,
                         generic=self._word(span.root, "generic_anaphor_heads"),
                         company=definite and self._word(span.root, "organisation_anaphor_heads"))

    def _whole_phrase(self, state: DocState, head: Token, cand: Candidate,
                      verb: Token | None = None) -> None:
        """The whole phrase a source's head word governs, as a reader names the source: a
        person with the title and employer that follow ("Jane Roe, an analyst at Acme,"), a
        poll with its sponsor and date ("a Daily Planet poll released Monday"). Kept apart
        from the candidate's text, which the thread compares; not when it would hold a
        figure or the reporting verb, run past the segment or the phrase limit. Data named
        with their publisher keep both ("a report by the World Bank"), as a reader cites them."""
        start, end = self._governed(state, head, verb.i if verb is not None else None)
        if start > cand.start or end < cand.end or (start, end) == (cand.start, cand.end) \
                or end - start > 3 * self.max_phrase \
                or (verb is not None and start <= verb.i < end) \
                or any(i in state.figure_tokens for i in range(start, end)):
            return
        cand.full, cand.full_text = (start, end), clean_name(state.doc[start:end].text)

    def _governed(self, state: DocState, head: Token, stop: int | None = None) -> Bounds:
        """The tokens a head word governs within its segment, without a second conjunct
        ("Jane Roe, an analyst, and her husband"), a data noun's comment after a comma ("a
        poll released Monday, a blow to ..."), ending before a verb at stop that the parser
        hung from it ("A Quinnipiac poll found that ..."); edges as ``_phrase_edges``."""
        seg = state.segment(head.i)
        cuts = [c.i for c in head.rights if c.dep_ == "cc" or (c.text == "," and self._is_data(head))]
        cuts += [stop] if stop is not None and stop > head.i else []
        end = min(cuts + [head.right_edge.i + 1, seg.end])
        return _phrase_edges(state.doc, max(head.left_edge.i, seg.start), end)

    def _without_data_noun(self, state: DocState, bounds: Bounds) -> Bounds:
        """"CNN report" -> "CNN", "Commerce Department figures" -> "Commerce Department":
        a named phrase ending in its data noun names the publisher."""
        doc, (start, end) = state.doc, bounds
        root = doc[start:end].root
        named = any(i in self._outlets(state) or doc[i].ent_type_ in NAME_ENTS
                    for i in range(start, end - 1))
        if root.i == end - 1 and self._is_data(root) and named \
                and all(t.pos_ in ("PROPN", "DET") for t in doc[start:end - 1]):
            return start + (doc[start].lower_ in self.words["articles"]), end - 1
        return start, end

    def _definite(self, span: Span) -> bool:
        """"the ministry said", "this study shows": a definite description of a source."""
        return (span[0].lower_ in self.words["anaphor_determiners"]
                and self._word(span.root, "anaphor_heads")
                and not any(t.pos_ == "PROPN" for t in span))

    def _data_anaphor(self, span: Span, kind: str) -> bool:
        """"preliminary figures show", "its latest estimates suggested": the carried
        source's figures."""
        return kind == "data" and self._is_data(span.root) and all(
            (t.pos_ in ("DET", "ADJ", "ADV") or (t.pos_ == "PRON" and t.dep_ == "poss"))
            and not self._word(t, "source_adjectives")
            for t in span if t.i != span.root.i)

    def _outlets(self, state: DocState) -> set[int]:
        if state.outlet_tokens is None:
            state.outlet_tokens = {i for _, s, e in self.outlets(state.doc) for i in range(s, e)}
        return state.outlet_tokens

    # -- noun phrases --------------------------------------------------------------
    def _chunk_bounds(self, state: DocState, seg: Segment) -> dict[int, Bounds]:
        """Noun chunk bounds by token, computed once per sentence that needs them."""
        if seg.sent not in state.chunked:
            state.chunked.add(seg.sent)
            end = next((s.start for s in state.segments[state.segment_of[seg.start]:]
                        if s.sent != seg.sent), len(state.doc))
            for start, stop, _ in state.doc.noun_chunks_iterator(state.doc[seg.sent:end]):
                for i in range(start, stop):
                    state.chunks[i] = (start, stop)
        return state.chunks

    def _phrase(self, state: DocState, i: int, clip: int | None = None) -> Bounds | None:
        """The full noun phrase around token i: its noun chunk widened to cover names
        cut by the chunk's edges and continued through ``of`` + noun chunk ("the
        Voice of America"), without trailing time words or punctuation."""
        if i >= len(state.doc):
            return None
        seg = state.segment(i)  # phrases stay within a segment
        bounds = self._chunk_around(state, seg, i)
        if bounds is None:
            return None
        start, end = self._widen_left(state, seg, bounds, clip)
        end = self._extend_right(state, seg, start, end)
        end = self._post_modifiers(state, seg, start, end)
        return self._trim(state.doc, start, end)

    def _chunk_around(self, state: DocState, seg: Segment, i: int) -> Bounds | None:
        """The noun chunk holding token i (or the next one after a determiner), else the
        phrase the chunker missed around a noun."""
        doc, chunks = state.doc, self._chunk_bounds(state, seg)
        if i not in chunks and doc[i].pos_ not in ("PROPN", "NOUN"):
            nxt = i + 1 if i + 1 < len(doc) and doc[i].pos_ == "DET" else None
            if nxt is None or nxt not in chunks:
                return None
            i = nxt
        return chunks.get(i) or (self._left_modifiers(doc, i, seg.start), i + 1)

    def _widen_left(self, state: DocState, seg: Segment, bounds: Bounds,
                    clip: int | None) -> Bounds:
        """Widen a phrase left over a joined name ("Rodman and Renshaw Capital Group") and
        to the start of a name entity it cuts; never past clip or the segment."""
        doc, (start, end) = state.doc, bounds
        joined = self.words["name_joiners"] | self.words["name_links"]  # "Barnett Banks of Florida Inc"
        if start - 2 >= seg.start and doc[start - 1].lower_ in joined and doc[start - 2].pos_ == "PROPN" \
                and doc[start].pos_ == "PROPN" and (clip is None or start - 2 >= clip):
            start = self._left_modifiers(doc, start - 2, seg.start)
        start, end = max(start, clip or 0, seg.start), min(end, seg.end)
        ent = doc[start].ent_type_ and _entity_at(doc, start)
        if ent and doc[start].ent_type_ in NAME_ENTS and ent[0] >= max(clip or 0, seg.start):
            start = min(start, ent[0])
        return start, end

    def _extend_right(self, state: DocState, seg: Segment, start: int, end: int) -> int:
        """Extend a phrase's end over a name entity it cuts and through ``of`` + noun
        chunk, stopping at a verb or the segment's end."""
        doc, chunks = state.doc, state.chunks
        while end < seg.end:
            ent = _entity_at(doc, end - 1)
            if ent and doc[end - 1].ent_type_ in NAME_ENTS and ent[1] > end:
                stop = min(ent[1], seg.end)
                end = next((t.i for t in doc[end:stop] if t.pos_ in ("VERB", "AUX")), stop)
                if end == ent[1] or doc[end].pos_ in ("VERB", "AUX"):
                    break
            elif self._links_name(doc, chunks, end):
                end = min(chunks[end + 1][1], seg.end)
            elif doc[end].lower_ in self.words["name_joiners"] and end + 1 < seg.end \
                    and _joins_names(doc, end):  # "S and P projected"
                end += 2
            elif doc[end].is_space and end + 1 < seg.end and self._links_name(doc, chunks, end + 1):
                end = min(chunks[end + 2][1], seg.end)  # "Federation\nof Banks" in wrapped copy
            else:
                break
        return self._person_in_apposition(doc, seg, start, end)

    def _person_in_apposition(self, doc: Doc, seg: Segment, start: int, end: int) -> int:
        """Extend a title over the person it describes ("President of the Federation of
        Banks, Hanns Schroeder")."""
        if end + 1 >= seg.end or doc[end].text != "," or any(
                t.ent_type_ == "PERSON" for t in doc[start:end]) \
                or not any(t.lower_ in self.words["name_links"] for t in doc[start:end]):
            return end  # "Michael Seibel, Bank of America vice-president": a name, no title
        person = next((t for t in doc[end + 1:min(seg.end, end + 6)] if t.dep_ == "appos"
                       and t.pos_ == "PROPN" and start <= t.head.i < end), None)
        if person is None or any(t.ent_type_ in ("ORG", "GPE") for t in doc[end + 1:person.i + 1]):
            return end
        return person.i + 1

    def _links_name(self, doc: Doc, chunks: dict[int, Bounds], i: int) -> bool:
        """Whether token i ("of") continues a name into the noun chunk starting after it
        (not a number or a date: "the Voice of America", not "rise of 5 pct")."""
        return doc[i].lower_ in self.words["name_links"] \
            and chunks.get(i + 1, (0,))[0] == i + 1 and not doc[i + 1].like_num \
            and doc[i + 1].ent_type_ not in ("DATE", "TIME")

    def _post_modifiers(self, state: DocState, seg: Segment, start: int, end: int) -> int:
        """Extend a phrase over short post-modifiers of its head ("people familiar with
        the matter"), unless its head is a data noun."""
        root = state.doc[start:end].root
        if self._is_data(root):
            return end
        limit = min(seg.end, start + self.max_phrase)
        for child in root.rights:
            modifier = child.dep_ in ("amod", "acl") or self._word(child, "post_modifier_preps")
            if modifier and child.left_edge.i == end and child.right_edge.i < limit \
                    and child.n_rights and not self._word(child, "speech_verbs"):
                end = child.right_edge.i + 1
        return end

    def _left_modifiers(self, doc: Doc, i: int, lowest: int) -> int:
        """Where a phrase the noun chunker missed starts: its head's left subtree, after
        the last comma or conjunction in it."""
        start = max(doc[i].left_edge.i, lowest, i - self.max_phrase)
        cuts = [t.i + 1 for t in doc[start:i] if t.text == "," or (
            t.pos_ == "CCONJ" and not _joins_names(doc, t.i))]
        return max(cuts, default=start)

    def _trim(self, doc: Doc, start: int, end: int) -> Bounds | None:
        """A phrase without trailing words that are no part of a name ("... said
        Wednesday", "... figures show") and leading punctuation or prepositions."""
        while end > start and self._trailing(doc[end - 1], start):
            end -= 1
        while start < end and (_symbol(doc[start]) or doc[start].pos_ in ("ADP", "CCONJ")
                               or (start + 1 < end and doc[start].ent_type_ in ("DATE", "TIME"))):
            start += 1  # "In January Henkel said": the date is no part of the name
        if end <= start or doc[start:end].root.like_num:
            return None
        return start, end

    def _trailing(self, token: Token, start: int) -> bool:
        return (_symbol(token) or token.pos_ in ("ADP", "CCONJ", "DET", "PART")
                or token.ent_type_ in ("DATE", "TIME")
                or token.lower_ in self.words["time_words"]
                or (token.ent_iob_ == "O" and token.i > start
                    and self._word(token, "evidence_verbs")))

    def _originator(self, state: DocState, start: int, end: int,
                    participle: bool = False) -> Bounds | None:
        """Who published a data noun: ``data (published) by/from X`` -> X (with
        participle=True, only ``data published by X``)."""
        doc = state.doc
        if not self._is_data(doc[start:end].root):
            return None
        j = _skip_adverbs(doc, end)
        if j < len(doc) and self._word(doc[j], "data_acl_verbs"):
            j, participle = j + 1, False
        if participle:
            return None
        j = _skip_adverbs(doc, j)
        if j + 1 < len(doc) and doc[j].lower_ in self.words["data_agent_preps"]:
            return self._phrase(state, j + 1)
        return None

    def _is_data(self, token: Token) -> bool:
        """A data noun ("figures", "poll"; "Poll" in "a Gallup Poll" is tagged a name)."""
        return token.pos_ in ("NOUN", "PROPN") and self._word(token, "data_nouns")

    def _word(self, token: Token, key: str) -> bool:
        words = self.words[key]
        return token.lower_ in words or token.lemma_.lower() in words


# -- token helpers (no lexicon) ----------------------------------------------------------
def _mention_bounds(cand: Candidate) -> Bounds:
    """A SOURCE mention's span: the whole phrase where the name has one, else the name."""
    return cand.full if cand.full and not cand.bound else (cand.start, cand.end)


def _entity_at(doc: Doc, i: int) -> Bounds | None:
    """The bounds of the entity holding token i, if any."""
    if doc[i].ent_iob_ not in ("B", "I"):
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _phrase_edges(doc: Doc, start: int, end: int) -> Bounds:
    """A whole phrase without half a parenthesis ("exit polls (a sizable margin"), edge
    punctuation, a trailing conjunction or relative pronoun ("super PACs, which"), or a
    leading date ("In January Kolbe said", but "Monday night's results")."""
    opened = [t.i for t in doc[start:end] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1]:end]):
        end = opened[-1]
    while end > start and ((_symbol(doc[end - 1]) and doc[end - 1].text != ")")
                           or doc[end - 1].pos_ == "CCONJ" or doc[end - 1].tag_ in ("WDT", "WP")):
        end -= 1
    while start < end and _symbol(doc[start]):
        start += 1
    lead = next((t.i for t in doc[start:end] if t.ent_type_ not in ("DATE", "TIME")), end)
    if lead < end and doc[lead].tag_ != "POS":
        start = lead
    return start, end


def _named(doc: Doc, token: Token, first: int) -> bool:
    """Whether an entity's word is a name, not a common noun the tagger took for one at the
    start of a sentence ("Turnout rose"): away from the start, in a longer entity, or
    written with its capital elsewhere in the story away from a sentence's start."""
    opening = next((t.i for t in doc[first:token.i + 1] if t.is_alpha), token.i)
    if token.i != opening or (_entity_at(doc, token.i) or (0, 1))[1] - token.i > 1:
        return True
    return any(t.text == token.text and t.i != token.i and not t.is_sent_start
               and not doc[t.i - 1].is_punct for t in doc)


def _joins_names(doc: Doc, i: int) -> bool:
    """Does the conjunction at i join two proper nouns of one name ("Bank of America NT
    and SA")?"""
    before = _skip_space_left(doc, i - 1, 0)
    after = next((t for t in doc[i + 1:i + 3] if not t.is_space), None)
    return before >= 0 and doc[before].pos_ == "PROPN" and after is not None and after.pos_ == "PROPN"


def _quantity(span: Span) -> bool:
    """A phrase that is an amount ("1.8 mln bpd"): a number with a decimal or a scale word."""
    return any(t.like_num and ("." in t.text or t.lower_ in ("mln", "million", "billion", "bln"))
               for t in span)


def _bare_mass_noun(span: Span) -> bool:
    """A lone singular common noun ("inflation"): a speaker is a person, a body, people
    ("economists") or something named with a determiner ("the ministry", "a spokesman")."""
    return len(span) == 1 and span[0].pos_ == "NOUN" and span[0].tag_ == "NN" \
        and not span[0].ent_type_


def _symbol(token: Token) -> bool:
    return token.pos_ in ("PUNCT", "SPACE", "SYM", "X") or not any(
        ch.isalnum() for ch in token.text)


def _skip_space_left(doc: Doc, j: int, lowest: int) -> int:
    while j >= lowest and doc[j].is_space:
        j -= 1
    return j


def _skip_adverbs(doc: Doc, j: int) -> int:
    while j < len(doc) and (doc[j].is_space or doc[j].pos_ == "ADV"):
        j += 1
    return j


def attribution_for(doc: Doc, span: Span) -> tuple[str | None, str | None]:
    """The (source, via) of a figure: the attribution of the segment holding it.

    doc: a Doc processed by nk_sources.
    span: the figure's span (or any span of doc).
    RETURNS: (source text or None, via text or None).
    """
    table = doc._.nk_attribution or []
    k = bisect_right([row[0] for row in table], span.start) - 1
    if k < 0:
        return None, None
    _, src, via = table[k]
    return src, via

"""nk_sources: who each figure is attributed to (source) and through whom (via).

Attribution expressions are found with spaCy's ``Matcher`` (cue words, reporting-verb
lemmas, data nouns) and read off the parse (subjects, objects, noun chunks). The text is
cut into segments (a sentence within one paragraph, since the parser's sentences can run
across paragraph breaks); each segment takes its own attribution or carries the last one
where a reader would. Words and outlets live in ``models/lexicons/attribution.json``.
"""
from __future__ import annotations

import logging
from bisect import bisect_right

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from ...extensions import MENTIONS
from .thread import (Candidate, Segment, carry, decide, pair_relays,
                                 paragraph_breaks, segments)
from ..base import LexiconComponent

__all__ = ["SourceFinder", "attribution_for", "paragraph_breaks", "segments"]

logger = logging.getLogger(__name__)

LEXICON = "lexicons/attribution.json"
LABEL = "SOURCE"
#: entity types a source phrase may be widened to cover
NAME_ENTS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "WORK_OF_ART", "PRODUCT"}
#: how strongly each kind of expression names the originator of a figure
MAX_PHRASE = 14  # tokens: a longer post-modifier is a clause, not part of a name
FINITE_VERBS = {"VBD", "VBZ", "VBP", "MD"}
SCORES = {"data": 4.0, "according": 3.0, "citing": 2.5, "speech": 2.0, "told": 1.0}


class SourceFinder(LexiconComponent):
    """Find attribution expressions and give every sentence its (source, via)."""

    lexicon_files = (LEXICON,)

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name)
        self.matcher: Matcher | None = None
        self.outlets: PhraseMatcher | None = None
        # scratch for the doc being processed, reset by every __call__
        self._segments: list[Segment] | None = None
        self._segment_of: list[int] | None = None
        self._chunks: dict[int, tuple[int, int]] = {}
        self._chunked: set[int] = set()
        self._outlet_tokens: set[int] | None = None

    def _build(self) -> None:
        lex = self.lexicons[LEXICON]
        self.words = {key: {w.lower() for w in lex.get(key, [])} for key in (
            "speech_verbs", "evidence_verbs", "relay_verbs", "relay_cues", "data_nouns",
            "data_acl_verbs", "data_agent_preps", "possessive_data_preps", "pronouns",
            "anaphor_determiners", "anaphor_heads", "time_words", "post_modifier_preps",
            "source_adjectives", "generic_anaphor_heads", "quoting_verbs", "opinion_verbs",
            "estimate_verbs")}
        self.outlet_words = set(lex.get("outlet_words", []))
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
        """Add SOURCE spans (``Span._.nk_role`` "source"/"via") to the mentions group,
        set ``doc._.nk_attribution`` per sentence and the per-segment store read by
        ``attribution_for``."""
        self._require()
        if not doc.has_annotation("DEP"):
            logger.debug("nk_sources: no dependency parse, nothing attributed")
            doc._.nk_attribution = []
            return doc
        segs = segments(doc, self._figure_tokens(doc))
        self._segment_of = [0] * len(doc)
        for k, seg in enumerate(segs):
            self._segment_of[seg.start:seg.end] = [k] * (seg.end - seg.start)
        self._segments = segs
        found: dict[int, list[Candidate]] = {}
        for cue_i, cand in self._candidates(doc):
            k = self._segment_of[cand.start]
            if self._segment_of[cue_i] == k:  # cue and phrase in the same paragraph
                found.setdefault(k, []).append(cand)
        self._segments = self._segment_of = None
        for k, cands in found.items():
            segs[k].own = decide(cands)
        pair_relays(segs)
        carry(segs)
        self._write(doc, segs)
        return doc

    def _figure_tokens(self, doc: Doc) -> set[int]:
        """Token indices that start a money or percent figure (nk_mentions or entities)."""
        spans = [s for s in doc.spans.get(MENTIONS, []) if s.label_ in ("MONEY", "PERCENT")]
        spans += [e for e in doc.ents if e.label_ in ("MONEY", "PERCENT")]
        return {s.start for s in spans}

    def _write(self, doc: Doc, segs: list[Segment]) -> None:
        roles: dict[tuple[int, int], str] = {}
        for seg in segs:
            if seg.own is None:
                continue
            src, via = seg.own
            if src is not None and src.anaphor != "pronoun":
                roles.setdefault((src.start, src.end), "source")
            if via is not None:
                roles.setdefault((via.start, via.end), "via")
        group = list(doc.spans.get(MENTIONS, []))
        for (start, end), role in sorted(roles.items()):
            span = Span(doc, start, end, label=LABEL)
            span._.nk_role = role
            group.append(span)
        doc.spans[MENTIONS] = group
        sentences: dict[int, list[Segment]] = {}
        for seg in segs:
            sentences.setdefault(seg.sent, []).append(seg)
        doc._.nk_attribution = [  # a sentence's figure part, else its longest part
            list((next((s for s in parts if s.figure), None)
                  or max(parts, key=lambda s: s.end - s.start)).result)
            for parts in sentences.values()]
        doc._.nk_attribution_segments = {"starts": [s.start for s in segs],
                                          "values": [list(s.result) for s in segs]}

    # -- finding attribution expressions -------------------------------------------
    def _candidates(self, doc: Doc):
        """Yield (cue token index, Candidate) for every attribution expression."""
        self._chunks, self._chunked = {}, set()  # noun chunks, filled sentence by sentence
        self._outlet_tokens = None
        for match_id, start, end in self.matcher(doc):
            label = self.nlp.vocab.strings[match_id]
            if label.startswith("CUE:"):
                cand = self._cue(doc, label[4:], start, end)
            elif label == "DATA":
                cand = self._possessive_data(doc, doc[start])
            else:
                yield from self._verb(doc, doc[start], evidence=label == "EVIDENCE")
                continue
            if cand is not None:
                yield start, cand

    def _cue(self, doc: Doc, cue: str, start: int, end: int) -> Candidate | None:
        bounds = self._phrase(doc, end, clip=end)
        if bounds is None:
            return None
        kind = self.cues[cue]
        reduced = self._originator(doc, *bounds)
        root = doc[bounds[0]:bounds[1]].root
        if kind == "data" and reduced is None and not (
                self._is_data(root) or root.ent_type_ in NAME_ENTS):
            return None  # "based on discussions with ...": not a source of figures
        if reduced is not None:
            bounds, kind = reduced, ("citing" if kind == "citing" else "data")
        cand = self._candidate(doc, bounds, kind)
        cand.relay_only = cand.outlet and cue in self.words["relay_cues"]
        return cand

    def _verb(self, doc: Doc, verb, evidence: bool):
        if self._word(verb, "estimate_verbs") and not any(c.lower_ == "at" for c in verb.children):
            return  # "put growth at 2 pct" is an estimate; "put emphasis on" is not
        marks = {c.lower_ for c in verb.children if c.dep_ == "mark"} | {verb.head.lower_}
        if "than" in marks or ("as" in marks and self._word(verb, "opinion_verbs")):
            return  # "more than analysts expected", "as some economists believe"
        subject = self._subject(verb)
        if verb.pos_ == "NOUN" and (subject is None or subject.head != verb):
            return
        if subject is None or self._segment_of[subject.i] != self._segment_of[verb.i]:
            subject = self._left_name(doc, verb)  # e.g. a headline run into the lead's parse
        if subject is None:
            return
        if subject.ent_type_ != "PERSON":  # "Director of the bank's department, John Smith, said"
            subject = next((t for t in subject.subtree if t.dep_ == "appos"
                            and t.ent_type_ == "PERSON" and self._hangs_from(t, subject)), subject)
        if subject.lower_ in self.words["pronouns"]:
            if not evidence:
                yield verb.i, Candidate(subject.i, subject.i + 1, subject.text, "speech",
                                        SCORES["speech"] - 0.5, anaphor="pronoun")
            return
        if subject.pos_ not in ("NOUN", "PROPN"):
            return
        bounds = self._phrase(doc, subject.i)
        if bounds is None:
            return
        reduced = self._originator(doc, *bounds)
        if evidence and reduced is None and not self._is_data(doc[bounds[0]:bounds[1]].root):
            return
        kind = "data" if (reduced or evidence) else "speech"
        cand = self._candidate(doc, reduced or bounds, kind)
        if verb.lemma_.lower() in self.words["relay_verbs"] and kind == "speech" and cand.outlet:
            cand.relay, cand.score = True, cand.score - 0.5
        depth = sum(1 for _ in verb.ancestors)  # the outermost speaker wins a tie
        cand.score -= 0.01 * min(depth, 10)
        yield verb.i, cand
        for child in verb.children:
            if child.dep_ == "dobj" and self._word(verb, "quoting_verbs"):  # "quoted X as saying"
                quoted = self._phrase(doc, child.i)
                if quoted is not None:
                    yield verb.i, self._candidate(doc, quoted, "citing")
        for child in verb.children:  # "told Reuters": the outlet told relays it
            if child.dep_ in ("dative", "dobj") and child.pos_ == "PROPN":
                told = self._phrase(doc, child.i)
                if told is not None:
                    other = self._candidate(doc, told, "told")
                    if other.outlet:
                        other.relay = True
                        yield verb.i, other

    def _possessive_data(self, doc: Doc, noun) -> Candidate | None:
        """``on the ministry's figures``, ``in data from the bureau``, ``a forecast
        made by the institute``."""
        after_prep = noun.dep_ == "pobj" and noun.head.lower_ in self.words["possessive_data_preps"]
        if not after_prep and not any(c.dep_ == "acl" for c in noun.children):
            return None
        bounds = self._phrase(doc, noun.i)
        if bounds is None:
            return None
        reduced = self._originator(doc, *bounds, participle=not after_prep)
        if reduced is None and not (after_prep and any(
                c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children)):
            return None  # "in its latest report" is the speaker's own, not another source
        return self._candidate(doc, reduced or bounds, "data")

    def _subject(self, verb):
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
        return None

    def _candidate(self, doc: Doc, bounds: tuple[int, int], kind: str) -> Candidate:
        start, end = bounds
        root = doc[start:end].root
        named = any(i in self._outlets(doc) or doc[i].ent_type_ in NAME_ENTS
                    for i in range(start, end - 1))
        if root.i == end - 1 and self._is_data(root) and named \
                and all(t.pos_ in ("PROPN", "DET") for t in doc[start:end - 1]):
            end -= 1  # "CNN report" -> "CNN", "Commerce Department figures" -> ...
            start += doc[start].lower_ in ("a", "an")
        span = doc[start:end]
        text = " ".join(span.text.split())
        outlet = any(i in self._outlets(doc) for i in range(start, end)) or any(
            t.pos_ == "PROPN" and t.text in self.outlet_words for t in span)
        score = SCORES[kind] - (0.5 if outlet and kind == "speech" else 0.0)
        anaphor = None
        if (doc[start].lower_ in self.words["anaphor_determiners"]
                and self._word(span.root, "anaphor_heads")
                and not any(t.pos_ == "PROPN" for t in span)):
            anaphor, score = "definite", score - 0.1  # a named source in the sentence wins
        if kind == "data" and self._is_data(span.root) and all(
                t.pos_ in ("DET", "ADJ", "ADV") and not self._word(t, "source_adjectives")
                for t in span if t.i != span.root.i):
            anaphor = "data"  # "preliminary figures show": the carried source's figures
        return Candidate(start, end, text, kind, score, outlet=outlet, anaphor=anaphor,
                         head=span.root.lower_,
                         generic=self._word(span.root, "generic_anaphor_heads"))

    def _outlets(self, doc: Doc) -> set[int]:
        if self._outlet_tokens is None:
            self._outlet_tokens = {i for _, s, e in self.outlets(doc) for i in range(s, e)}
        return self._outlet_tokens

    # -- noun phrases --------------------------------------------------------------
    def _chunk_bounds(self, doc: Doc, seg: Segment) -> dict[int, tuple[int, int]]:
        """Noun chunk bounds by token, computed once per sentence that needs them."""
        if seg.sent not in self._chunked:
            self._chunked.add(seg.sent)
            end = next((s.start for s in self._segments[self._segment_of[seg.start]:]
                        if s.sent != seg.sent), len(doc))
            for start, stop, _ in doc.noun_chunks_iterator(doc[seg.sent:end]):
                for i in range(start, stop):
                    self._chunks[i] = (start, stop)
        return self._chunks

    def _phrase(self, doc: Doc, i: int, clip: int | None = None) -> tuple[int, int] | None:
        """The full noun phrase around token i: its noun chunk widened to cover names
        cut by the chunk's edges and continued through ``of`` + noun chunk ("the
        Voice of America"), without trailing time words or punctuation."""
        if i >= len(doc):
            return None
        seg = self._segments[self._segment_of[i]]  # phrases stay within a segment
        chunks = self._chunk_bounds(doc, seg)
        if i not in chunks and doc[i].pos_ not in ("PROPN", "NOUN"):
            nxt = i + 1 if i + 1 < len(doc) and doc[i].pos_ == "DET" else None
            if nxt is None or nxt not in chunks:
                return None
            i = nxt
        start, end = chunks.get(i) or (self._left_modifiers(doc, i, seg.start), i + 1)
        if start - 2 >= seg.start and doc[start - 1].lower_ in ("and", "&") \
                and doc[start - 2].pos_ == "PROPN":  # "Rodman and Renshaw Capital Group"
            start = self._left_modifiers(doc, start - 2, seg.start)
        start, end = max(start, clip or 0, seg.start), min(end, seg.end)
        ent = doc[start].ent_type_ and self._ent(doc, start)
        if ent and doc[start].ent_type_ in NAME_ENTS and ent[0] >= max(clip or 0, seg.start):
            start = min(start, ent[0])
        while end < seg.end:
            ent = self._ent(doc, end - 1)
            if ent and doc[end - 1].ent_type_ in NAME_ENTS and ent[1] > end:
                stop = min(ent[1], seg.end)
                end = next((t.i for t in doc[end:stop] if t.pos_ in ("VERB", "AUX")), stop)
                if end == ent[1] or doc[end].pos_ in ("VERB", "AUX"):
                    break
            elif doc[end].lower_ == "of" and chunks.get(end + 1, (0,))[0] == end + 1 \
                    and not doc[end + 1].like_num \
                    and doc[end + 1].ent_type_ not in ("DATE", "TIME"):
                end = min(chunks[end + 1][1], seg.end)
            else:
                break
        root = doc[start:end].root
        if not self._is_data(root):  # "people familiar with the matter"
            for child in root.rights:
                limit = min(seg.end, start + MAX_PHRASE)
                modifier = child.dep_ in ("amod", "acl") or self._word(child, "post_modifier_preps")
                if modifier and child.left_edge.i == end and child.right_edge.i < limit \
                        and child.n_rights and not self._word(child, "speech_verbs"):
                    end = child.right_edge.i + 1
        return self._trim(doc, start, end)

    def _left_modifiers(self, doc: Doc, i: int, lowest: int) -> int:
        """Where a phrase the noun chunker missed starts: its head's left subtree, after
        the last comma or conjunction in it."""
        start = max(doc[i].left_edge.i, lowest, i - MAX_PHRASE)
        cuts = [t.i + 1 for t in doc[start:i] if t.text == "," or t.pos_ == "CCONJ"]
        return max(cuts, default=start)

    def _left_name(self, doc: Doc, verb):
        """For a verb the parse left without a subject: the proper name just left of it
        ("... Group Inc said"), else the name opening its segment when no finite verb
        comes between ("<Royal Bank of Canada>, in reporting ..., said")."""
        seg = self._segments[self._segment_of[verb.i]]
        j = verb.i - 1
        while j >= seg.start and doc[j].is_space:
            j -= 1
        if j > seg.start and doc[j].text == ")":  # "... Research (WIFO) said"
            opened = (k for k in range(j - 1, seg.start - 1, -1) if doc[k].text == "(")
            j = next(opened, seg.start) - 1
            while j >= seg.start and doc[j].is_space:
                j -= 1
        if j >= seg.start and doc[j].pos_ == "PROPN":
            return self._person_above(doc[j], seg)
        opening = next((t for t in doc[seg.start:verb.i]
                        if t.pos_ not in ("PUNCT", "SPACE", "X")), None)
        if opening is None or opening.pos_ != "PROPN" or any(
                t.tag_ in FINITE_VERBS for t in doc[opening.i:verb.i]):
            return None
        return opening

    @staticmethod
    def _hangs_from(token, head) -> bool:
        """Whether token reaches head through noun-phrase arcs only."""
        while token.i != head.i:
            if token.dep_ not in ("prep", "pobj", "appos", "compound", "poss"):
                return False
            token = token.head
        return True

    def _person_above(self, token, seg: Segment):
        """The person a name hangs from ("Helmut Kramer, head of the Institute"), else
        the name itself."""
        node = token
        while node.dep_ in ("pobj", "prep", "appos", "compound") \
                and seg.start <= node.head.i < seg.end and node.head.i != node.i:
            node = node.head
            if node.ent_type_ == "PERSON" and node.pos_ == "PROPN":
                return node
        return token

    def _ent(self, doc: Doc, i: int) -> tuple[int, int] | None:
        token = doc[i]
        if token.ent_iob_ not in ("B", "I"):
            return None
        start = i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return start, end

    def _trim(self, doc: Doc, start: int, end: int) -> tuple[int, int] | None:
        def symbol(token) -> bool:
            return token.pos_ in ("PUNCT", "SPACE", "SYM", "X") or not any(
                ch.isalnum() for ch in token.text)

        def trailing(token) -> bool:  # "... said Wednesday", "... figures show"
            return (symbol(token) or token.pos_ in ("ADP", "CCONJ", "DET", "PART")
                    or token.ent_type_ in ("DATE", "TIME")
                    or token.lower_ in self.words["time_words"]
                    or (token.ent_iob_ == "O" and token.i > start
                        and self._word(token, "evidence_verbs")))

        while end > start and trailing(doc[end - 1]):
            end -= 1
        while start < end and (symbol(doc[start]) or doc[start].pos_ in ("ADP", "CCONJ")):
            start += 1
        if end <= start or doc[start:end].root.like_num:
            return None
        return start, end

    def _originator(self, doc: Doc, start: int, end: int,
                    participle: bool = False) -> tuple[int, int] | None:
        """Who published a data noun: ``data (published) by/from X`` -> X (with
        participle=True, only ``data published by X``)."""
        if not self._is_data(doc[start:end].root):
            return None
        j = end
        while j < len(doc) and (doc[j].is_space or doc[j].pos_ == "ADV"):
            j += 1
        if j < len(doc) and self._word(doc[j], "data_acl_verbs"):
            j += 1
            participle = False
        if participle:
            return None
        while j < len(doc) and (doc[j].is_space or doc[j].pos_ == "ADV"):
            j += 1
        if j + 1 < len(doc) and doc[j].lower_ in self.words["data_agent_preps"]:
            return self._phrase(doc, j + 1)
        return None

    def _is_data(self, token) -> bool:
        return token.pos_ == "NOUN" and self._word(token, "data_nouns")

    def _word(self, token, key: str) -> bool:
        words = self.words[key]
        return token.lower_ in words or token.lemma_.lower() in words


def attribution_for(doc: Doc, span: Span) -> tuple[str | None, str | None]:
    """The (source, via) of a figure: the attribution of the segment holding it.

    doc: a Doc processed by nk_sources.
    span: the figure's span (or any span of doc).
    RETURNS: (source text or None, via text or None).
    """
    store = doc._.nk_attribution_segments
    if not store or not store["starts"]:
        return None, None
    k = bisect_right(store["starts"], span.start) - 1
    if k < 0:
        return None, None
    src, via = store["values"][k]
    return src, via

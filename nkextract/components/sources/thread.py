"""The story thread behind nk_sources: paragraphs, segments, and how attribution
expressions become each segment's (source, via) and carry over from one to the next.

Pure functions over ``Segment`` records; the spaCy component in ``finder.py`` finds the
expressions (``Candidate``) and writes the results to the Doc.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.tokens import Doc


@dataclass
class Candidate:
    """One attribution expression: the phrase naming who, and how it was cued."""

    start: int
    end: int
    text: str
    kind: str                    # how it was cued: a key of the factory's scores
    score: float
    outlet: bool = False         # a news outlet (lexicon), which usually relays
    relay: bool = False          # named as relaying (relay verb, "told X")
    relay_only: bool = False     # an outlet behind a relay cue ("Quoting CNN, ...")
    anaphor: str | None = None   # "pronoun" ("it said"), "definite" ("the study said"),
    #                              "data" ("the figures show")
    head: str = ""               # the phrase's head word, lower case
    generic: bool = False        # a head that can refer to any source ("the company")
    company: bool = False        # "the company", "the group": text is the company bound to
    bound: bool = False          # a description whose text is the name it was bound to
    affiliation: str = ""        # what a speaker's apposition names ("Acme vice-president")
    full: tuple[int, int] | None = None   # the whole phrase, with what follows the name
    #                              ("Jane Roe, an analyst at Acme,", "a poll released Monday")
    full_text: str = ""          # its text
    antecedent: str | None = None   # the name a pronoun stands for, when one is written before


def clean_name(text: str) -> str:
    """A phrase's text on one line, without a ticker cut off at its end ("Rank Plc <RANK.L")
    or the angle brackets of a company named without a ticker ("<Acme Ltd>")."""
    text = " ".join(text.split())
    text = re.sub(r"\s*<[^<>]*$", "", text) or text
    return re.sub(r"^<([^<>]*)>?$|^([^<>]*)>$", r"\1\2", text) or text


# -- layout: paragraphs and segments ---------------------------------------------------
# Paragraph breaks are layout, not words, so plain regexes over the text find them.
_BLANK_LINE = re.compile(r"\n[ \t\r\xa0]*\n")
_INDENTED_LINE = re.compile(r"\n(?=[ \t\xa0]+\S)")
_ANY_LINE = re.compile(r"\n")
_TERMINAL = tuple('.!?"\u201d\u2019;:')


@dataclass
class Segment:
    """A sentence, or the part of one that lies in a single paragraph."""

    start: int
    end: int
    sent: int                  # start token of the parser's sentence
    para: int
    title: bool = False        # a headline-like paragraph (one line, no final stop)
    figure: bool = False       # holds a money or percent figure
    own: tuple | None = None   # (source, via) Candidates named in the segment
    result: tuple = field(default=(None, None))
    cut: bool = False          # the story thread breaks before this segment
    opens_list: bool = False   # its paragraph ends in a colon: what follows continues it
    numbers: bool = False      # its paragraph holds a number in digits
    row: bool = False          # a table row: a line without a final stop in the body
    actor: str | None = None   # who its clause is about when that is a name ("Sanders won
    #                            69 percent"): narrative, not the carried speaker's words
    #                            unless the name is the speaker's


def paragraph_breaks(text: str) -> list[int]:
    """Character offsets of paragraph breaks: blank lines; in hard-wrapped copy (wire
    stories, lines of at most 80 characters) indented lines; elsewhere any newline."""
    lines = [len(line) for line in text.splitlines() if line.strip()]
    wrapped = len(lines) >= 3 and max(lines) >= 50 \
        and sum(n <= 80 for n in lines) >= 0.9 * len(lines)
    patterns = (_BLANK_LINE, _INDENTED_LINE) if wrapped else (_ANY_LINE,)
    return sorted({m.start() for p in patterns for m in p.finditer(text)})


def segments(doc: Doc, figures: set[int]) -> list[Segment]:
    """The doc's sentences cut at paragraph breaks, with title and figure flags."""
    text = doc.text
    breaks = paragraph_breaks(text)
    table = doc.to_array([SENT_START, IDX, IS_SPACE]).astype("int64").tolist()
    segs: list[Segment] = []
    current = None
    for i, (sent_start, idx, is_space) in enumerate(table):
        para = bisect_right(breaks, idx)
        if current is None or sent_start == 1 or (para != current.para and not is_space):
            if current is not None:
                current.end = i
            sent = i if (current is None or sent_start == 1) else current.sent
            current = Segment(i, len(doc), sent, para)
            segs.append(current)
        current.figure = current.figure or i in figures
    bounds = [0] + [b + 1 for b in breaks] + [len(text)]
    for seg in segs:
        lines = text[bounds[seg.para]:bounds[seg.para + 1]].strip()
        seg.title = bool(lines) and "\n" not in lines and not lines.endswith(_TERMINAL) \
            and len(lines.split()) <= 30
        seg.opens_list = lines.endswith(":")
        seg.numbers = any(ch.isdigit() for ch in lines)
    return segs


# -- attribution per segment ------------------------------------------------------
def decide(cands: list[Candidate]) -> tuple[Candidate | None, Candidate | None]:
    """The (source, via) one segment's own expressions name.

    The originator (data cues, then ``according to``, ``citing``, speakers) is the
    source; a relayer (an outlet, a relay verb's subject, a quoted outlet, or a
    speaker passing on data) is the via. An outlet behind a relay cue alone is a
    via waiting for a source: (None, via).
    """
    if all(c.relay_only for c in cands):
        return None, cands[0]
    ranked = sorted(cands, key=lambda c: (-c.score, c.start))
    if ranked[0].outlet and ranked[0].kind != "data":  # "X said, according to Reuters"
        ranked.sort(key=lambda c: (c.outlet or c.anaphor == "pronoun", -c.score, c.start))
    src = ranked[0]

    def distinct(c: Candidate) -> bool:
        a, b = c.text.lower(), src.text.lower()
        return a not in b and b not in a and (c.end <= src.start or c.start >= src.end)

    via = next((c for c in ranked[1:] if distinct(c) and c.anaphor != "pronoun" and (
        c.outlet or c.relay or c.kind == "citing"
        or (src.kind in ("data", "citing") and c.kind == "speech"))), None)
    return src, via


def pair_relays(segs: list[Segment]) -> None:
    """In one paragraph, a via named alone ("Quoting CNN, ...", "As per CNN report, ...")
    and a source named alone ("..., according to data published by X") go together."""
    for k, seg in enumerate(segs):
        if seg.own is None or seg.own[0] is not None:
            continue
        same_para = [j for j, s in enumerate(segs) if s.para == seg.para and s.own
                     and s.own[0] is not None and s.own[1] is None
                     and s.own[0].anaphor != "pronoun" and not s.own[0].outlet]
        if not same_para:
            seg.own = (seg.own[1], None)  # nothing to relay: the outlet is the source
            continue
        nearest = min(same_para, key=lambda j: abs(j - k))
        seg.own = (segs[nearest].own[0], seg.own[1])
        for j in same_para:
            segs[j].own = (segs[j].own[0], seg.own[1])


NONE: tuple[str | None, str | None] = (None, None)


@dataclass
class Thread:
    """What carries from segment to segment while ``carry`` walks the story."""

    state: tuple = NONE        # (source, via) that figures carry
    speaker: tuple = NONE      # whom "he said" refers to
    first: int | None = None   # the first segment with an attribution of its own
    had_figure: bool = True    # the paragraph being left held a figure
    went_on: bool = True       # ... and named no new source
    lead: int | None = None    # the paragraph of the story's lead (its first not a title)


def carry(segs: list[Segment], headline: str | None = None) -> None:
    """Set each segment's result: its own attribution, else the carried one.

    Carried within a paragraph and into the next paragraph when that opens with a
    figure or an attribution, and the paragraph left behind had a figure or named no
    new source ("It said ...", "The company said ..."); in a release story (one
    speaker for the whole story) across paragraphs without figures too, until a new
    speaker appears; never past a title-like paragraph (headlines get none). A new
    source resets source and via; "it said" takes the last named speaker's attribution;
    "preliminary figures show", and "the bureau said" after "the State Statistics
    Bureau", take the carried one; "the company said" is the company it binds to
    (``Candidate.company``) and keeps the carried one for later figures.
    Outside a release story, a segment whose clause is about another name ("Sanders won
    69 percent") is the reporter's narrative and takes no carried source
    (``Segment.actor``); "38 percent of those surveyed say" is the poll's; "he said" with no speaker
    before it is the nearest person named (``Candidate.antecedent``).
    Figures before the first attribution take it when nothing breaks the thread (a
    lead, then its source); a headline's speaker ("BUNDESBANK SAYS ...", ``headline``)
    speaks for the body's figures until the body names one.
    """
    release = one_speaker(segs)
    thread = Thread(lead=next((seg.para for seg in segs if not seg.title), None))
    _rows_are_body(segs, release)
    for k, seg in enumerate(segs):
        _open_paragraph(thread, segs[k - 1] if k else None, seg, release)
        if seg.cut:
            thread.state = NONE
        thread.had_figure = thread.had_figure or seg.figure
        if seg.own is not None:
            _take_own(thread, seg)
            if thread.first is None and seg.result[0] and not seg.title:
                thread.first = k
        else:
            seg.result = thread.state if release or _continues(seg, thread.state[0]) else NONE
        if seg.title:
            thread.state = thread.speaker = NONE
            seg.result = NONE  # a headline's figures stand alone
    if headline:
        _headline_speaks(segs, headline)
    if thread.first is not None:
        _lead_takes_first(segs, thread.first)


def _continues(seg: Segment, speaker: str | None) -> bool:
    """Whether a segment without a source of its own goes on with the carried speaker's
    words: not when its clause is about another name ("Sanders won 69 percent of the
    vote"): the reporter's narrative."""
    return seg.actor is None or same_source(seg.actor, speaker)


def _headline_speaks(segs: list[Segment], speaker: str) -> None:
    """"BUNDESBANK SAYS M3 GREW 7 PCT": the body's figures are the headline's speaker's
    until the body names a speaker of its own."""
    for seg in segs:
        if seg.own is not None and not seg.title and seg.own[0] is not None:
            return
        if not seg.title and seg.result == NONE:
            seg.result = (speaker, None)


def _rows_are_body(segs: list[Segment], release: bool) -> None:
    """A line without a final stop after the story's body has begun is a table row, not
    a headline ("    Total reserves 301.3 billion vs 295.1 billion"): it keeps the thread
    when it holds a number, and in a release always ("    Year")."""
    body = False
    for seg in segs:
        if seg.title and body and (release or seg.figure or seg.numbers):
            seg.title, seg.row = False, True
        body = body or not seg.title


def one_speaker(segs: list[Segment]) -> bool:
    """Whether the story is a release: every source its body names (not a pronoun, "the
    figures" or "the company") is one speaker ("the ministry", "Roberto Fendt" and
    "Fendt"), and the story's lead names it (not "sources noted ..." later on)."""
    named = [seg.own[0] for seg in segs if seg.own is not None and not seg.title
             and seg.own[0] is not None and (seg.own[0].anaphor is None or (
                 seg.own[0].anaphor == "definite" and not seg.own[0].generic))]
    lead = next((seg.para for seg in segs if not seg.title), None)
    leads = any(seg.own is not None and seg.own[0] is not None for seg in segs
                if seg.para == lead)
    return bool(named) and leads and all(_same_speaker(c, named[0]) for c in named[1:])


def _same_speaker(one: Candidate, other: Candidate) -> bool:
    """One speaker named twice: the same name, or a description by the other's head word."""
    return same_source(one.text, other.text) or one.head in other.text.lower().split() \
        or other.head in one.text.lower().split() \
        or _affiliated(one, other) or _affiliated(other, one)


def _affiliated(person: Candidate, body: Candidate) -> bool:
    """Does a speaker's apposition name the other speaker ("Michael Seibel, Bank of America
    vice-president" after "Bank of America's West German branch said")?"""
    def words(text: str) -> set[str]:
        return {re.sub(r"'s$|\W", "", w) for w in text.split() if w[:1].isupper()} - {""}

    names = {w for w in words(person.affiliation) if len(w) > 2}
    return bool(names) and names <= words(body.text)


def _open_paragraph(thread: Thread, prev: Segment | None, seg: Segment,
                    release: bool = False) -> None:
    """At a paragraph's first segment: whether the thread breaks before it (in a
    release story only at a headline)."""
    if prev is not None and prev.para == seg.para:
        return
    if release:  # one speaker: nothing but a headline breaks the thread
        seg.cut = seg.title or (prev is not None and prev.title)
    else:
        left_behind = prev is not None and (
            prev.title or not (thread.had_figure or thread.went_on))
        seg.cut = seg.title or left_behind or (
            not seg.figure and seg.own is None and not (seg.opens_list or seg.row))
    thread.had_figure, thread.went_on = False, True


def _take_own(thread: Thread, seg: Segment) -> None:
    """A segment naming its own source: a pronoun, a reference back, or a new source."""
    src, via = seg.own
    own = (src.text, via.text if via is not None else None)
    if src.anaphor == "pronoun":
        seg.result = _resolved(src, thread.speaker, own[1])
        if not (thread.state[0] or seg.figure):
            if not seg.result[0]:
                return  # "it said" standing for no one starts no thread
            thread.went_on = False  # "'...,' he added": his quote goes on in this paragraph only
        thread.state = seg.result
    elif thread.state[0] and _refers_back(src, thread.state[0]) and not (
            src.bound and not same_source(src.text, thread.state[0])):
        # "the bureau said" after "the State Statistics Bureau": the one named before;
        # "the company said" stays as written; both keep the thread
        seg.result = own if src.generic and src.anaphor == "definite" else thread.state
    else:
        # the speaker of the story's lead opens the thread ("..., economists said." and
        # then "Income is forecast to rise 0.6 pct"); a later new one may only remark on it
        thread.went_on = thread.went_on and (
            src.anaphor is not None or seg.para == thread.lead
            or same_source(src.text, thread.state[0]))
        seg.result = thread.state = thread.speaker = own


def _resolved(pronoun: Candidate, speaker: tuple, via: str | None) -> tuple:
    """"he said": the speaker named before, else the nearest name of the pronoun's kind
    written before it ("he": a person), else no source."""
    if speaker[0]:
        return speaker
    return (pronoun.antecedent, via) if pronoun.antecedent else (None, via)


def _refers_back(src: Candidate, carried: str) -> bool:
    """Whether a source refers to the carried one ("the figures", "the bureau")."""
    return src.anaphor == "data" or (src.anaphor == "definite" and (
        src.generic or src.head in carried.lower().split()))


def _lead_takes_first(segs: list[Segment], first: int) -> None:
    """Figures before the first attribution take it, back to a break in the thread."""
    for k in range(first, 0, -1):
        if segs[k].cut or segs[k - 1].title:
            break
        if segs[k - 1].figure and segs[k - 1].result == NONE:
            segs[k - 1].result = segs[first].result


def whole_names(segs: list[Segment]) -> None:
    """Write each result's names whole ("Jane Roe" -> "Jane Roe, an analyst at Acme"): the
    whole phrase of the last expression before it that named the source so, carried along
    with the name."""
    whole: dict[str, str] = {}
    for seg in segs:
        for cand in seg.own or ():
            if cand is not None and cand.full_text and not cand.bound and cand.anaphor != "pronoun":
                whole[cand.text] = cand.full_text
        source, via = seg.result
        seg.result = (whole.get(source, source) if source else source, via)


def same_source(text: str | None, other: str | None) -> bool:
    """Whether two names are the same source ("Fendt", "Roberto Fendt")."""
    if not text or not other:
        return False
    a, b = text.lower().split(), other.lower().split()
    return a[-1] in b or b[-1] in a


#: a token range [start, end)
Bounds = tuple[int, int]


@dataclass
class DocState:
    """The working state of one document, created by ``SourceFinder.__call__``."""

    doc: Doc
    segments: list[Segment]
    segment_of: list[int]                       # token index -> segment index
    chunks: dict[int, Bounds] = field(default_factory=dict)   # noun chunk by token
    chunked: set[int] = field(default_factory=set)            # sentences chunked so far
    outlet_tokens: set[int] | None = None       # tokens inside an outlet's name
    figure_tokens: set[int] = field(default_factory=set)     # tokens of money/percent figures

    @classmethod
    def of(cls, doc: Doc, segs: list[Segment]) -> "DocState":
        segment_of = [0] * len(doc)
        for k, seg in enumerate(segs):
            segment_of[seg.start:seg.end] = [k] * (seg.end - seg.start)
        return cls(doc, segs, segment_of)

    def segment(self, i: int) -> Segment:
        return self.segments[self.segment_of[i]]

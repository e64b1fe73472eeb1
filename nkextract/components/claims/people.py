"""Whose share of a poll, approval rating or fortune a figure is: the person it is given to.

Read the way a reader of a campaign story reads it: the person who owns the figure by a
possessive ("Clinton's 46 percent"), the one chosen by the people counted ("50 percent
chose Clinton", "would vote for Sen. Bernie Sanders"), the one who received it ("Trump
received 37 percent", "won out with 22 percent"); two figures set against each other
("led Trump 47 percent to 39 percent") go to two people in the order the sentence names
them. A pronoun ("chose him") is the person its sentence named before it, else the person
the story spoke of last; a figure that names nobody is that person too, as a guess. The
people counted by the figure ("71 percent of Sanders supporters") are not its subject.
Short names are the full name given before ("Clinton" for "Hillary Clinton"), so both
share one subject_id; a party is named by its full name ("Republicans": Republican Party).
"""
from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Span, Token

from .company_names import subject_key
from .story import Figure, Subject

#: pronouns that point back at a person
_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
#: dependency arcs from a verb to what it chooses or is given ("vote for X", "chose X")
_OBJECT_ARCS = {"dobj", "pobj", "prep", "attr", "xcomp", "ccomp", "dative", "oprd", "acomp", "poss", "compound"}
#: arcs that climb from a figure to the verb it belongs to
_UP_ARCS = {"pobj", "prep", "dobj", "npadvmod", "appos", "compound", "nummod", "quantmod", "amod", "attr"}
#: a key prefix that keeps the people apart from the companies among a story's subjects
_PERSON = "person:"


class Mention(NamedTuple):
    """A person where the sentence names them: by name, surname, party or pronoun."""

    name: str          # the full name it stands for
    start: int
    end: int
    root: Token


def person_subject(fig: Figure) -> Subject | None:
    """The person a poll share, rating or fortune belongs to, or None when none is named."""
    if poll_error(fig):
        return pollster(fig)  # "a margin of error of 2.8 percentage points": the poll's
    people = mentions(fig)
    clause = [p for p in people if p.start in fig.clause]
    person = (possessor(fig, clause) or paired(fig, clause) or chosen(fig, people)
              or receiver(fig, people) or nearest(fig, clause))
    if person is not None:
        return remember(fig, person.name)
    last = last_person(fig.story)
    if last is not None:
        fig.guessed.add("subject")  # the person the story spoke of last
    return last


def poll_error(fig: Figure) -> bool:
    """Is the figure a poll's margin of error ("with a margin of error of 4.9 percent")?"""
    doc, span = fig.span.doc, fig.span
    near = doc[max(span.sent.start, span.start - 6):min(span.sent.end, span.end + 4)].text.lower()
    return any(w in near for w in fig.lex.subjects.get("poll_error_words", ()))


def pollster(fig: Figure) -> Subject | None:
    """The organisation that took the story's poll: the first a sentence naming a poll names
    ("according to a new poll by the Harvard University Institute of Politics", "a Morning
    Consult Poll found"), not a person's name the tagger read as one."""
    words = set(fig.lex.subjects.get("poll_words", ()))
    doc = fig.span.doc
    people = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e}
    found = [e for e in doc.ents if e.label_ == "ORG" and e.end <= fig.span.start
             and not any(t.text in people for t in e) and any(t.lower_ in words for t in e.sent)]
    if not found:
        return None
    # the name of the poll itself ("a Morning Consult Poll"), or its taker ("a poll by Latino Decisions")
    own = [e for e in found if e[-1].lower_ in words or (e.end < len(doc) and doc[e.end].lower_ in words)
           or e.root.head.lower_ == "by"]
    name = " ".join((own or found)[0].text.split())
    name = name[4:] if name.lower().startswith("the ") else name
    return fig.story.known.setdefault("poll:" + name, Subject(name, subject_key(name, fig.lex)))


def last_person(story) -> Subject | None:
    """The story's subject when it is a person (or party) it named."""
    subject = story.subject
    keys = {s.key for k, s in story.known.items() if k.startswith(_PERSON)}
    return subject if subject is not None and subject.key in keys else None


def remember(fig: Figure, name: str) -> Subject:
    """The story's subject for a person: a surname alone is the full name given before."""
    story = fig.story
    key = subject_key(name, fig.lex)
    known = story.known.get(_PERSON + key) or next(
        (s for k, s in story.known.items() if k.startswith(_PERSON) and k.endswith(" " + key)), None)
    if known is None:
        known = story.known[_PERSON + key] = Subject(name, key)
    if name not in fig.lex.subjects.get("parties", {}).values():
        story.subject = known  # a party is named for its figure, not carried to the next
    return known


def mentions(fig: Figure) -> list[Mention]:
    """The people of the figure's sentence: names tagged as persons, a surname of one named
    before however the tagger read it, parties, and pronouns (as the person they stand
    for); not the people the figure counts ("71 percent of Sanders supporters")."""
    sent, doc = fig.span.sent, fig.span.doc
    names = [name for e in doc.ents if e.label_ == "PERSON" and e.end <= sent.end and len(name := _bare(e))]
    counted = {t.i for t in fig.span.root.subtree} | fig.index.figures
    found = [Mention(" ".join(e.text.split()), e.start, e.end, e.root) for e in names
             if e.start >= sent.start and e.root.i not in counted]
    taken = {i for m in found for i in range(m.start, m.end)} | counted
    for token in sent:
        if token.i not in taken:
            found.append(_token_mention(fig, token, found, names))
    return sorted((m for m in found if m is not None), key=lambda m: m.start)


def _token_mention(fig: Figure, token: Token, found: list, names: list[Span]) -> Mention | None:
    """A person one word names: a surname of a name given before, a party, a pronoun."""
    parties = fig.lex.subjects.get("parties", {})
    if token.pos_ == "PROPN" and any(token.text == e[-1].text for e in names):
        return Mention(token.text, token.i, token.i + 1, token)
    if token.lower_ in parties:
        return Mention(parties[token.lower_], token.i, token.i + 1, token)
    if token.lower_ in _PRONOUNS:
        named = [m for m in found if m is not None and m.end <= token.i and m.name not in parties.values()]
        return pointed(fig, token, named, names)
    return None


def _bare(name: Span) -> Span:
    """A person's name without the possessive the tagger took into it ("Donald Trump's")."""
    end = name.end
    while end > name.start and (name.doc[end - 1].tag_ == "POS" or name.doc[end - 1].is_punct):
        end -= 1
    return name.doc[name.start:end]


def pointed(fig: Figure, token: Token, before: list[Mention], names: list[Span]) -> Mention | None:
    """The person a pronoun stands for: named before it in its sentence, else the person
    the story spoke of last, else the last name before it."""
    if before:
        return Mention(before[-1].name, token.i, token.i + 1, token)
    last = last_person(fig.story)
    if last is not None and last.name:
        return Mention(last.name, token.i, token.i + 1, token)
    earlier = [e for e in names if e.end <= token.i]
    return Mention(" ".join(earlier[-1].text.split()), token.i, token.i + 1, token) if earlier else None


def possessor(fig: Figure, people: list[Mention]) -> Mention | None:
    """A person owning the figure by a possessive before it with no other name between
    ("Clinton's 46 percent", "His 32% support", "puts Obama's approval at 50 percent")."""
    before = [p for p in people if p.end <= fig.span.start]
    if not before:
        return None
    last, doc = before[-1], fig.span.doc
    owns = last.root.lower_ in {"his", "her"} and last.root.dep_ == "poss" or (
        last.end < len(doc) and doc[last.end].tag_ == "POS")
    return last if owns else None


def paired(fig: Figure, people: list[Mention]) -> Mention | None:
    """Two figures set against each other ("led Trump 47 percent to 39 percent"): the
    first is the first person named before them, the second the second."""
    doc, span = fig.span.doc, fig.span
    figures = fig.index.figure_spans
    place = next((i for i, s in enumerate(figures) if s.start == span.start), None)
    if place is None:
        return None
    if span.end + 1 < len(doc) and doc[span.end].lower_ == "to" and place + 1 < len(figures) \
            and _set_against(doc[span.end + 1:figures[place + 1].start]):
        order, first = 0, place  # "47 percent to Clinton's 46 percent"
    elif place > 0 and doc[figures[place - 1].end].lower_ == "to" \
            and _set_against(doc[figures[place - 1].end + 1:span.start]):
        order, first = 1, place - 1
    else:
        return None
    before = [p for p in people if p.end <= figures[first].start]
    return before[order] if len(before) > order else None


def _set_against(between: Span) -> bool:
    """Nothing but a possessive name between "to" and the second figure of a pair."""
    return len(between) <= 3 and all(t.pos_ == "PROPN" or t.tag_ == "POS" for t in between)


def chosen(fig: Figure, people: list[Mention]) -> Mention | None:
    """The person the people counted by the figure chose ("50 percent of respondents chose
    Clinton", "56 percent would vote for Clinton", "have an unfavorable view of Trump")."""
    root = fig.span.root
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    at = {p.root.i: p for p in people}
    stack = [c for c in root.head.children if c.dep_ in _OBJECT_ARCS and c.i > root.i]
    while stack:
        token = stack.pop(0)
        if token.i in at:
            return at[token.i]
        stack[:0] = [c for c in token.children if c.dep_ in _OBJECT_ARCS]
    return None


def receiver(fig: Figure, people: list[Mention]) -> Mention | None:
    """The subject of the verb the figure is given by ("Trump received 37 percent",
    "Donald Trump won out with 22 percent", "Trump, who garnered support from only 15
    percent"), when no other person is named between them."""
    verb = _verb_of(fig.span.root)
    if verb is None:
        return None
    at = {p.root.i: p for p in people}
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.lower_ in {"who", "that"} and verb.dep_ == "relcl":
            subject = verb.head  # "Trump, who garnered ...": the name the clause hangs from
        if subject is not None:
            person = _person_at(subject, at)
            between = [p for p in people if person is not None and person.end <= p.start < fig.span.start]
            return person if not between else None
        if verb.dep_ not in {"advcl", "xcomp", "conj"}:
            return None
        verb = verb.head  # "Trump did perform better, garnering 12 percent approval"
    return None


def _person_at(subject: Token, at: dict[int, Mention]) -> Mention | None:
    """The person a verb's subject names: a person mentioned there, the owner of a campaign
    or fund ("Trump's campaign raised", "his campaign"), or a name the tagger did not read
    as a person's ("O'Malley had raised $3.2 million")."""
    if subject.i in at:
        return at[subject.i]
    if subject.dep_ in {"attr", "appos"} and subject.head.i in at:
        return at[subject.head.i]  # "Perot, a campaigner who got 19%"
    if subject.dep_ == "attr":  # "Bloomberg is a stiff campaigner who got 51% of the vote"
        return next((at[c.i] for c in subject.head.children if c.dep_ == "nsubj" and c.i in at), None)
    owner = next((c for c in subject.children if c.dep_ == "poss" and c.i in at), None)
    if owner is not None:
        return at[owner.i]
    named = subject.pos_ == "PROPN" or subject.ent_type_ in {"ORG", "PERSON"}
    if named and subject.ent_type_ in {"", "ORG", "PERSON"} and subject.text[:1].isupper():
        start = subject.i
        while start > 0 and subject.doc[start - 1].dep_ == "compound" and subject.doc[start - 1].pos_ == "PROPN":
            start -= 1
        name = subject.doc[start:subject.i + 1]
        return Mention(" ".join(name.text.split()), name.start, name.end, subject)
    return None


def _verb_of(token: Token) -> Token | None:
    for _ in range(4):
        if token.dep_ not in _UP_ARCS or token.head == token:
            break
        token = token.head
    return token if token.pos_ in {"VERB", "AUX"} else None


def nearest(fig: Figure, people: list[Mention]) -> Mention | None:
    """The person named nearest before the figure in its clause, else nearest after it."""
    before = [p for p in people if p.end <= fig.span.start]
    if before:
        return before[-1]
    after = [p for p in people if p.start >= fig.span.end]
    return after[0] if after else None

"""Units of measure as quantulum3 knows them: its unit tables read as data, for the
``nk_measurements`` component to look words up in.

quantulum3 (on the design card) keeps every unit it knows in two JSON files: the units of
all languages and those of one language, each with its names ("tonne", "metric ton"), its
symbols ("t") and the kind of thing it measures (mass, volume, length, ...), plus the SI
prefixes a unit takes ("kilowatt" from "watt" and "k"). Only those tables are read here,
when the component is initialized, and only quantulum3's small ``load`` module is
imported to find them: its parser is not run. It takes nine seconds to start in each
process (the ``inflect`` import behind its plurals and its unit regex) and reads wire
copy wrong ("3.5 mln tonnes" as 3.5 cubic centimetre newtons, "62.00-64.50 dlrs" as
decilitre rand seconds), while the numbers themselves are ``text/numbers.py``'s job.
Plurals are left to spaCy's lemmas.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator, NamedTuple

#: what quantulum3 calls the kinds measured by units read elsewhere: money (nk_quantities),
#: times (nk_dates), pure numbers and percentages; and angles, whose "minute" and "second"
#: are times in the news and whose "degrees" are mostly of temperature
LEFT_OUT = ("currency", "time", "dimensionless", "angle")


class UnitTable(NamedTuple):
    """Unit names by how text writes them.

    surfaces: lower-case names ("metric ton") -> unit.
    symbols: symbols as written, case kept ("kg", "MW") -> unit.
    entities: unit -> what it measures ("tonne" -> "mass").
    """

    surfaces: dict[str, str]
    symbols: dict[str, str]
    entities: dict[str, str]
    #: lower-case names of the units left out ("day", "dollar"): words read elsewhere
    elsewhere: list[str]

    def as_lexicon(self) -> dict[str, Any]:
        return self._asdict()


def quantulum_folder() -> Path:
    """The folder of the installed quantulum3 (its ``load`` module, which reads nothing
    when imported)."""
    from quantulum3 import load  # lazy: only when a pipeline is initialized

    return Path(load.TOPDIR)


def read_units(language: str = "en_US", left_out: tuple[str, ...] | list[str] = LEFT_OUT,
               folder: Path | None = None) -> UnitTable:
    """quantulum3's units, as a table of the names and symbols of each.

    language: quantulum3's language folder (``_lang/<language>``).
    left_out: the kinds of unit not to read (``LEFT_OUT``: money, times, pure numbers).
    folder: quantulum3's package folder (default: the installed one).
    RETURNS: a UnitTable. A name two units share ("ton") is the first's; a symbol two
        units share ("kt": knot, kiloton), a symbol of punctuation only ('"' for inches) and
        a symbol that is a common word (quantulum3's own list: "in", "at") are left out.
    """
    folder = folder or quantulum_folder()
    common = _common_words(folder / "_lang" / language / "common-words.json")
    units = _merged([folder / "units.json", folder / "_lang" / language / "units.json"])
    surfaces: dict[str, str] = {}
    symbols: dict[str, list[str]] = {}
    entities: dict[str, str] = {}
    elsewhere: set[str] = set()
    for name, unit in units:
        entity = unit.get("entity")
        if entity in left_out:
            elsewhere.update(" ".join(s.lower().split()) for s in unit.get("surfaces", ()))
            continue
        entities[name] = entity
        for surface in unit.get("surfaces", ()):
            surfaces.setdefault(" ".join(surface.lower().split()), name)
        for symbol in unit.get("symbols", ()):
            if any(c.isalnum() for c in symbol) and symbol not in common:
                symbols.setdefault(symbol, []).append(name)
    single = {symbol: names[0] for symbol, names in symbols.items() if len(set(names)) == 1}
    return UnitTable(surfaces, single, entities, sorted(elsewhere - set(surfaces)))


def _merged(paths: list[Path]) -> Iterator[tuple[str, dict]]:
    """Every unit of the files, later files adding to earlier ones, with the units its SI
    prefixes make (quantulum3's own ``Units.prefixed_units``)."""
    from quantulum3.load import Units

    merged: dict[str, dict] = {}
    for path in paths:
        if path.is_file():
            for name, unit in json.loads(path.read_text(encoding="utf-8")).items():
                merged.setdefault(name, {}).update(unit)
    for name, unit in merged.items():
        if "entity" in unit:
            yield from Units.prefixed_units(name, {"dimensions": [], **unit})


def _common_words(path: Path) -> frozenset[str]:
    """quantulum3's list of common words a unit symbol may look like, by length."""
    if not path.is_file():
        return frozenset()
    found = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(word.lower() for words in found.values() for word in words)

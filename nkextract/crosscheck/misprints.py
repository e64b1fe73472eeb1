"""Why two reports of one statistic disagree: the misprints wire copy has.

A figure printed with the wrong sign (a loss as a profit), off by a power of ten (cents for
dollars, thousands for millions, a shifted decimal point), or with one digit changed or two
neighbouring digits swapped (512,340 for 515,340) is one statistic misreported, however far
its value lies from the right one. Two statistics read as one rarely differ in exactly one
of these ways, so a pattern here lets a conflict stand that the distance of its values
alone would call "two statistics".

Written by hand: the patterns are about how a figure is written (its digits at the stated
precision), which no numeric library models; each test is a few lines of digit arithmetic.
"""
from __future__ import annotations

import math

#: The likely causes of a conflict or revision (CONTRACT.md, ``checks.likely_cause``).
MISPRINT_SIGN, MISPRINT_SCALE, MISPRINT_DIGITS = "misprint_sign", "misprint_scale", "misprint_digits"
RESTATED, CORRECTED, REVISED, DISAGREEMENT = "restated", "corrected", "revised", "disagreement"
MISPRINTS = frozenset({MISPRINT_SIGN, MISPRINT_SCALE, MISPRINT_DIGITS})

#: Powers of ten a misplaced scale word or decimal point makes (10 to 10^9).
MAX_SCALE_POWER = 9


def digits(value: float, half: float) -> str | None:
    """The significant digits of a figure written to the precision ``half`` (half the unit of
    its last digit): 0.53 with half 0.005 -> "53"; 515,340 with half 5 -> "51534"."""
    if not (math.isfinite(value) and math.isfinite(half)) or half <= 0:
        return None
    units = round(abs(value) / (2 * half))
    if units == 0 or abs(units * 2 * half - abs(value)) > half * 1e-6 + 1e-12 * abs(value):
        return None
    return str(units).rstrip("0") or None


def _one_digit_apart(a: str, b: str) -> bool:
    """One digit changed (not the last: figures that differ in their last digit differ as
    two estimates do), or two neighbouring digits swapped, in numbers of two or more digits."""
    if len(a) != len(b) or len(a) < 2 or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(diff) == 1:
        return diff[0] < len(a) - 1
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def misprint(a: float, half_a: float, b: float, half_b: float) -> str | None:
    """The misprint that turns one written figure into the other, or None.

    a, b: the two values; half_a, half_b: half the unit of the last digit each is written to.
    """
    if not (math.isfinite(a) and math.isfinite(b)) or a == b or a == 0 or b == 0:
        return None
    da, db = digits(a, half_a), digits(b, half_b)
    if a * b < 0:
        return MISPRINT_SIGN if abs(abs(a) - abs(b)) <= half_a + half_b else None
    if da is None or db is None:
        return None
    if da == db:
        power = math.log10(max(abs(a), abs(b)) / min(abs(a), abs(b)))
        if 0.5 < power < MAX_SCALE_POWER + 0.5 and abs(power - round(power)) < 1e-6:
            return MISPRINT_SCALE
        return None
    if math.isclose(half_a, half_b, rel_tol=1e-9) and _one_digit_apart(da, db):
        return MISPRINT_DIGITS
    return None

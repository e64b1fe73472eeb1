"""Peer test suites for money and percentages, run as external suites.

- Microsoft Recognizers-Text's English CurrencyModel.json and PercentModel.json (MIT),
  read from ../shared/peers/recognizers-text/ (never copied here).
- quantulum3's own test cases shipped in its package (its currency and percent cases).

A case passes when the (value, unit) pairs nkextract finds equal the expected ones
(values unsigned, relative tolerance 1e-6). Categories that are outside nkextract's task
are skipped with a reason; the pass rate of the rest must stay above a floor just under
what nkextract reaches, per file.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

#: Recognizers-Text unit names without an ISO code -> (code, factor)
PEER_UNITS = {
    "Dollar": ("USD", 1), "Cent": ("USD", 0.01), "Pound": ("GBP", 1), "Pence": ("GBP", 0.01),
    "Penny": ("GBP", 0.01), "Franc": ("FRF", 1), "Finnish markka": ("FIM", 1), "Rupee": ("INR", 1),
    "Dutch guilder": ("NLG", 1), "Netherlands guilder": ("NLG", 1), "Peseta": ("ESP", 1), "Japanese yen": ("JPY", 1),
}
#: quantulum3 unit names -> (code, factor)
QUANTULUM_UNITS = {
    "dollar": ("USD", 1), "euro": ("EUR", 1), "pound sterling": ("GBP", 1), "penny": ("GBP", 0.01),
    "cent": ("USD", 0.01), "dime": ("USD", 0.1), "percentage": ("%", 1),
}
SPELLED = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                     r"twenty|thirty|forty|fifty|hundred|half|quarter|quarters|a penny)\b")

#: category -> why nkextract does not take part
SKIPPED = {
    "no_value": "a currency or percent word with no number ('dollars', 'percent'): nkextract "
                "extracts stated amounts only",
    "crypto": "bitcoin and satoshi have no ISO 4217 code",
    "compound": "an amount in unit and sub-unit ('3 dollars 50 cents', '15 dollars and 15') "
                "is speech, not wire copy",
    "million_code": "an M before an ISO code ('30 MUSD', 'MAUD 60') is accounting shorthand",
    "percent_of": "'percent of 10' puts the number after the word; in news that is a share of "
                  "something, not a percentage",
    "rate_range": "quantulum3 gives a range of rates ('$350 per kg to $680 per kg') as mean and "
                  "uncertainty; nkextract gives two amounts",
    "non_money": "no currency or percent in the expected results",
}


def _close(a: float, b: float) -> bool:
    return math.isclose(abs(a), abs(b), rel_tol=1e-6, abs_tol=1e-9)


def _same(found: list[tuple[float, str]], expected: list[tuple[float, str]]) -> bool:
    if len(found) != len(expected):
        return False
    left = list(found)
    for value, unit in expected:
        hit = next((f for f in left if f[1] == unit and _close(f[0], value)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def _found(nlp, text: str, label: str) -> list[tuple[float, str]]:
    doc = nlp(text)
    return [
        (s._.nk_value if s._.nk_value is not None else s._.nk_low, s._.nk_unit)
        for s in doc.spans["nk_mentions"]
        if s.label_ == label
    ]


# -- Recognizers-Text ------------------------------------------------------------------
def _compound(text: str) -> bool:
    """ "3 dollars 50 cents", "15 usd 25", "c $ 100 and fifty", "one kuai and five mao"."""
    words = re.findall(r"[$¥€£]|[\w.,-]+", text)
    numeric = [bool(re.match(r"\d", w) or SPELLED.match(w)) for w in words]
    for i, word in enumerate(words):
        if word in ("$", "dollar", "dollars", "usd", "kuai") or word.startswith("usd"):
            if any(numeric[:i]) and any(numeric[i + 1:]) or "and" in words[i + 1:]:
                return True
    return False


def _currency_case(case: dict) -> tuple[str, list[tuple[float, str]]]:
    """(category, expected (value, unit) pairs) of a CurrencyModel case."""
    results = case["Results"]
    text = " ".join(r["Text"] for r in results).lower()
    if any(r["Resolution"].get("value") in (None, "null") for r in results):
        return "no_value", []
    units = {r["Resolution"]["unit"] for r in results}
    if units & {"Bitcoin", "Satoshi"}:
        return "crypto", []
    if re.search(r"\d+ ?m[a-z]{3}\b|\bm(usd|eur|gbp|aud)\b", text):
        return "million_code", []
    if any(_compound(r["Text"].lower()) for r in results):
        return "compound", []
    expected = []
    for result in results:
        resolution = result["Resolution"]
        code, factor = resolution.get("isoCurrency"), 1
        if not code:
            code, factor = PEER_UNITS.get(resolution["unit"], (resolution["unit"], 1))
        expected.append((float(resolution["value"]) * factor, code))
    if not results:
        category = "negative"
    elif "NotSupportedByDesign" in case:
        category = "indian_grouping"  # "12,34,567.89 rupees": read where rupees, lakh or crore stand
    elif SPELLED.search(text):
        category = "spelled_out"
    elif re.search(r"[$€£¥₹₩元₡₾₭ரூ]", text):
        category = "symbol"
    elif re.search(r"\b(usd|eur|gbp|rmb|cad|aud|nzd|mxn)\b|\d(usd|eur)|usd\d", text):
        category = "iso_code"
    elif re.search(r"\b(cents?|pence|penny|ct)\b", text):
        category = "sub_unit"
    else:
        category = "currency_name"
    return category, expected


def _percent_case(case: dict) -> tuple[str, list[tuple[float, str]]]:
    results = case["Results"]
    text = " ".join(r["Text"] for r in results).lower()
    if any(r["Resolution"].get("value") in (None, "null") for r in results):
        return "no_value", []
    if re.search(r"(percents?|per cent) of", text):
        return "percent_of", []
    expected = [(float(r["Resolution"]["value"].rstrip("%")), "%") for r in results]
    if not results:
        return "negative", expected
    return ("spelled_out" if SPELLED.search(text) else "digits"), expected


def run_recognizers(nlp, path: Path, reader, label: str) -> dict:
    """Per-category (passed, total) counts and the failures of one spec file."""
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    counts: dict[str, Counter] = {}
    failures = []
    for case in cases:
        category, expected = reader(case)
        tally = counts.setdefault(category, Counter())
        tally["total"] += 1
        if category in SKIPPED:
            continue
        found = _found(nlp, case["Input"], label)
        if _same(found, expected):
            tally["passed"] += 1
        else:
            failures.append((category, case["Input"], expected, found))
    return {"counts": counts, "failures": failures}


# -- quantulum3 -------------------------------------------------------------------------
def quantulum_cases() -> list[dict]:
    path = resources.files("quantulum3") / "_lang" / "en_US" / "tests" / "quantities.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _quantulum_case(case: dict) -> tuple[str, list[tuple[float, str]], list[tuple[float, str]]]:
    """(category, expected money, expected percent) of a quantulum3 case."""
    money, percent, category = [], [], "non_money"
    for result in case["res"]:
        unit = result["unit"]
        if unit.startswith("dollar per") and result.get("uncertainty"):
            return "rate_range", [], []
        if unit.startswith("dollar per"):
            unit, category = "dollar", "rate"
        if unit in QUANTULUM_UNITS:
            code, factor = QUANTULUM_UNITS[unit]
            (percent if code == "%" else money).append((result["value"] * factor, code))
            if category == "non_money":
                category = "percent" if code == "%" else "money"
    return category, money, percent


def run_quantulum(nlp) -> dict:
    counts: dict[str, Counter] = {}
    failures = []
    for case in quantulum_cases():
        category, money, percent = _quantulum_case(case)
        tally = counts.setdefault(category, Counter())
        tally["total"] += 1
        if category in SKIPPED:
            continue
        found_money, found_percent = _found(nlp, case["req"], "MONEY"), _found(nlp, case["req"], "PERCENT")
        if _same(found_money, money) and _same(found_percent, percent):
            tally["passed"] += 1
        else:
            failures.append((category, case["req"], money + percent, found_money + found_percent))
    return {"counts": counts, "failures": failures}


def pass_rate(report: dict) -> float:
    passed = sum(c["passed"] for k, c in report["counts"].items() if k not in SKIPPED)
    total = sum(c["total"] for k, c in report["counts"].items() if k not in SKIPPED)
    return passed / total if total else 0.0


# -- the tests ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def recognizers(shared) -> Path:
    return shared / "peers" / "recognizers-text"


def test_recognizers_currency(nlp, recognizers):
    report = run_recognizers(nlp, recognizers / "CurrencyModel.json", _currency_case, "MONEY")
    assert pass_rate(report) >= 0.98, report["failures"]
    assert report["counts"]["negative"]["passed"] == report["counts"]["negative"]["total"]


def test_recognizers_percent(nlp, recognizers):
    report = run_recognizers(nlp, recognizers / "PercentModel.json", _percent_case, "PERCENT")
    assert pass_rate(report) >= 0.99, report["failures"]


def test_quantulum_currency_and_percent(nlp):
    report = run_quantulum(nlp)
    rate = pass_rate(report)
    assert rate >= 0.99, report["failures"]

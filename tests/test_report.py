"""report.html: summary, facts, conflicts, timelines; escaping; empty and large runs."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from nkextract.errors import InputError
from nkextract.views.report import MAX_CONFLICTS, MAX_PLOTS, read_tables, write_report

KEY = ["metric", "origin", "destination", "product", "period", "role", "basis", "unit"]
EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


# ---------------------------------------------------------------- building test tables


def write_tables(folder: Path, fmt: str = "jsonl", **tables: pd.DataFrame) -> Path:
    """Write frames as OUT_DIR tables in one format."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        path = folder / f"{name}.{fmt}"
        if fmt == "jsonl":
            path.write_text("".join(json.dumps(r) + "\n" for r in frame.to_dict("records")))
        elif fmt == "csv":
            frame.assign(**{c: frame[c].map(json.dumps) for c in ("claims",) if c in frame}
                         ).to_csv(path, index=False)
        else:
            frame.to_parquet(path)
    return folder


def claim(article: str, start: int, value: float, source: str, **extra) -> dict:
    row = dict(claim_id=f"{article}:{start}", article=article, published="2020-12-27",
               start=start, end=start + 6, text=f"${value:,.0f}", kind="money", value=value,
               unit="USD", qualifier=None, role="level", metric="exports", origin="CHN",
               destination="PRK", product=None, period="2020-11", basis=None, source=source,
               via=None, cue="said", sentence=f"Exports were ${value:,.0f} in November.")
    row.update(extra)
    return row


def facts_by_key(claims: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stand-in for cross_check: group by key, a >1% spread is a conflict."""
    facts, checks = [], []
    for key, group in claims.groupby([c for c in KEY], dropna=False, sort=False):
        low, high = group["value"].min(), group["value"].max()
        conflict = high > low * 1.01 if low > 0 else high != low
        status = "conflicting" if conflict else ("agreed" if len(group) > 1 else "single_source")
        ids = group["claim_id"].tolist()
        facts.append({**dict(zip(KEY, key)), "value": group["value"].iloc[-1], "low": low,
                      "high": high, "n_claims": len(group), "claims": ids, "status": status})
        if len(group) > 1:
            checks.append({"check_id": f"c{len(checks)}", "kind": "agreement",
                           "status": "conflict" if conflict else "consistent", "claims": ids,
                           "expected": low, "observed": high, "tolerance": 0.01,
                           "explanation": f"{key[0]} stated as {low:,.0f} and {high:,.0f}"})
    facts = pd.DataFrame(facts).astype({c: object for c in KEY}).replace({float("nan"): None})
    return facts, pd.DataFrame(checks)


def cross_check_or_standin(claims: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The real nkextract.cross_check once it exists, else the stand-in."""
    if importlib.util.find_spec("nkextract.crosscheck") is not None:
        from nkextract import crosscheck

        if hasattr(crosscheck, "cross_check"):
            return crosscheck.cross_check(claims)
    return facts_by_key(claims)


def seed_claims(shared: Path, mutate: bool = True) -> pd.DataFrame:
    """Claims from the gold seeds (first alias of list-valued source/via), sentences cut
    from the articles; with ``mutate``, one figure stated by two articles is changed by
    10% so that there is a conflict to show."""
    rows = [json.loads(line) for line in (shared / "gold" / "seeds.jsonl").open()]
    texts: dict[str, str] = {}
    for row in rows:
        for name in ("source", "via"):
            if isinstance(row[name], list):
                row[name] = row[name][0] if row[name] else None
        row["claim_id"] = f"{row['article']}:{row['start']}"
        text = texts.setdefault(row["article"], (shared / "corpus" / "seeds" / row["article"]
                                                 ).read_text(encoding="utf-8"))
        begin = max(text.rfind("\n", 0, row["start"]), text.rfind(". ", 0, row["start"]) + 1)
        end = min(p for p in (text.find("\n", row["end"]), text.find(". ", row["end"]), len(text))
                  if p >= 0)
        row["sentence"] = text[begin:end + 1].strip()
    claims = pd.DataFrame(rows)
    if mutate:
        counts = claims.groupby(KEY, dropna=False)["claim_id"].transform("count")
        shared_ones = claims.index[(counts > 1) & (claims["kind"] == "money")]
        row = shared_ones[-1]
        old, new = claims.loc[row, "text"], f"${claims.loc[row, 'value'] * 1.1:,.0f}"
        claims.loc[row, ["value", "text", "sentence"]] = [
            claims.loc[row, "value"] * 1.1, new, claims.loc[row, "sentence"].replace(old, new)]
    return claims


def seed_out_dir(shared: Path, folder: Path) -> Path:
    claims = seed_claims(shared)
    facts, checks = cross_check_or_standin(claims)
    manifest = pd.DataFrame({"article": sorted(claims["article"].unique()), "status": "ok"})
    return write_tables(folder, claims=claims, facts=facts, checks=checks, manifest=manifest)


def numbers(page: str) -> dict[str, int]:
    """The summary cards' counts."""
    return {name: int(count.replace(",", "")) for name, count in
            re.findall(r'<div class="card" id="n-(\w+)"><dt>\w+</dt><dd>([\d,]+)</dd>', page)}


# ---------------------------------------------------------------- tests


def test_empty_folder_gives_a_report_of_nothing(tmp_path):
    page = write_report(tmp_path).read_text()
    assert numbers(page) == {"articles": 0, "claims": 0, "statistics": 0, "checks": 0,
                             "conflicts": 0, "errors": 0}
    assert "No claims were found" in page and "No conflicts found" in page


def test_missing_folder_says_what_to_pass(tmp_path):
    with pytest.raises(InputError, match="OUT_DIR"):
        write_report(tmp_path / "nowhere")


def test_run_with_no_claims_counts_articles(tmp_path):
    manifest = pd.DataFrame({"article": ["a.txt", "b.txt"], "status": ["ok", "error"]})
    errors = pd.DataFrame({"article": ["b.txt"], "kind": ["binary"], "message": ["not text"]})
    write_tables(tmp_path, manifest=manifest, errors=errors,
                 claims=pd.DataFrame(columns=["claim_id", "article", "value"]))
    page = write_report(tmp_path).read_text()
    assert numbers(page)["articles"] == 2 and numbers(page)["claims"] == 0
    assert numbers(page)["errors"] == 1 and "not text" in page


def test_one_claim_one_statistic(tmp_path):
    claims = pd.DataFrame([claim("a.txt", 10, 148000, "customs")])
    facts, checks = facts_by_key(claims)
    write_tables(tmp_path, claims=claims, facts=facts, checks=checks)
    page = write_report(tmp_path).read_text()
    assert numbers(page) == {"articles": 1, "claims": 1, "statistics": 1, "checks": 0,
                             "conflicts": 0, "errors": 0}
    assert page.count('<tr data-status="single_source">') == 1
    assert page.count("data:image/png;base64,") == 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_conflict_shows_claims_side_by_side(tmp_path, fmt):
    claims = pd.DataFrame([claim("a.txt", 10, 148000, "customs"),
                           claim("b.txt", 30, 160000, "Voice of America", via="Yonhap"),
                           claim("a.txt", 90, 253000, "customs", period="2020-10")])
    facts, checks = facts_by_key(claims)
    write_tables(tmp_path, fmt, claims=claims, facts=facts, checks=checks)
    page = write_report(tmp_path).read_text()
    assert numbers(page)["conflicts"] == 1 and numbers(page)["statistics"] == 2
    block = page[page.index('<article class="conflict">'):page.index("</article>")]
    for expected in ("a.txt", "b.txt", "customs", "Voice of America", "Yonhap",
                     "<mark>$148,000</mark>", "<mark>$160,000</mark>", "[148,000, 160,000]",
                     "exports stated as 148,000 and 160,000"):
        assert expected in block
    assert page.count('<tr data-status="conflicting">') == 1
    assert page.index('data-status="conflicting"') < page.index('data-status="single_source"')


def test_strings_from_data_are_escaped(tmp_path):
    claims = pd.DataFrame([claim(EVIL, 10, 148000, EVIL, sentence=EVIL + " $148,000"),
                           claim("b.txt", 30, 190000, "VOA", metric=EVIL, period=EVIL)])
    facts, checks = facts_by_key(claims.assign(metric="exports", period="2020-11"))
    checks["explanation"] = EVIL
    facts.loc[0, "status"] = EVIL
    write_tables(tmp_path, claims=claims, facts=facts, checks=checks,
                 errors=pd.DataFrame({"article": [EVIL], "message": [EVIL]}))
    page = write_report(tmp_path).read_text()
    assert page.count("<script") == 1  # the report's own sorting script
    assert "<img src=x" not in page and 'alert("x")' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_report_needs_no_network(tmp_path):
    claims = pd.DataFrame([claim("a.txt", 10, 148000, "http://evil.example")])
    facts, checks = facts_by_key(claims)
    page = write_report(write_tables(tmp_path, claims=claims, facts=facts)).read_text()
    assert "default-src 'none'" in page
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_thousands_of_facts_paginate_and_collapse(tmp_path):
    rows = []
    for i in range(3000):
        month = f"{2000 + i // 360}-{1 + i // 30 % 12:02d}"  # 30 series of 100 months
        rows.append(claim(f"{i}.txt", i, 1000 + i, "customs", period=month, metric=f"m{i % 30}"))
        if i % 5 == 0:
            rows.append(claim(f"{i}b.txt", i, 2000 + i, "VOA", period=month, metric=f"m{i % 30}"))
    claims = pd.DataFrame(rows)
    facts, checks = facts_by_key(claims)
    assert len(facts) >= 2000 and (checks["status"] == "conflict").sum() > MAX_CONFLICTS
    path = write_report(write_tables(tmp_path, claims=claims, facts=facts, checks=checks))
    page = path.read_text()
    assert path.stat().st_size < 8_000_000
    assert page.count("<tr data-status=") == len(facts)
    assert page.count('<article class="conflict">') == MAX_CONFLICTS
    assert "further conflicts are not shown" in page and "more timelines</summary>" in page
    assert page.count("data:image/png;base64,") == MAX_PLOTS


def test_read_tables_prefers_each_table_found(tmp_path):
    write_tables(tmp_path, "csv", claims=pd.DataFrame([claim("a.txt", 1, 5.0, "x")]))
    tables = read_tables(tmp_path)
    assert len(tables["claims"]) == 1 and tables["facts"].empty


def test_seed_corpus_report(shared, tmp_path):
    out = seed_out_dir(shared, tmp_path / "out")
    page = write_report(out, path=tmp_path / "page" / "report.html").read_text()
    counts = numbers(page)
    assert counts["articles"] == 5 and counts["claims"] == 33
    assert counts["statistics"] >= 1 and counts["conflicts"] >= 1
    assert page.count("data:image/png;base64,") >= 1


def test_same_tables_give_the_same_page(tmp_path):
    claims = pd.DataFrame([claim("a.txt", 10, 148000, "customs"), claim("b.txt", 9, 150000, "VOA")])
    facts, checks = facts_by_key(claims)
    write_tables(tmp_path, claims=claims, facts=facts, checks=checks)
    first = write_report(tmp_path, path=tmp_path / "one.html").read_bytes()
    assert write_report(tmp_path, path=tmp_path / "two.html").read_bytes() == first


def test_report_command(tmp_path):
    from typer.testing import CliRunner

    from nkextract.cli import app

    claims = pd.DataFrame([claim("a.txt", 10, 148000, "customs")])
    write_tables(tmp_path, claims=claims)
    result = CliRunner().invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.html").exists() and "report.html" in result.output


def test_conflicts_are_grouped_by_likely_cause(tmp_path):
    claims = pd.DataFrame([claim("a.txt", 10, 148000, "customs"), claim("b.txt", 30, 160000, "VOA")])
    facts, checks = facts_by_key(claims)
    checks = pd.concat([checks.assign(likely_cause="disagreement"),
                        checks.assign(check_id="c2", likely_cause="misprint_digits"),
                        checks.assign(check_id="c3", likely_cause="misprint_digits")], ignore_index=True)
    write_tables(tmp_path, "jsonl", claims=claims, facts=facts, checks=checks)
    page = write_report(tmp_path).read_text()
    assert "By likely cause: misprint_digits 2 · disagreement 1" in page
    assert page.index("agreement · misprint_digits") < page.index("agreement · disagreement")

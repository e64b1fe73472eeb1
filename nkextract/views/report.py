"""One self-contained report.html of an extracted folder: summary, facts, conflicts, timelines.

The page needs no network: CSS and the small sorting/paging script are inline, plots are
base64 PNGs, and a Content-Security-Policy forbids loading anything else. Every string
taken from the tables is HTML-escaped, so a story's text cannot inject markup.
"""
from __future__ import annotations

import html
import logging
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from .. import __version__
from ..errors import InputError, OutputError
from .display import as_list, as_number, format_number, is_conflict, is_missing, valid_text
from .timeline import claims_by_id, dated, figure_data_uri, plot_series, series_label, timeline_series

logger = logging.getLogger(__name__)

#: how much of a large run is written out: the rest is counted and left to the tables
OPEN_CONFLICTS, MAX_CONFLICTS = 10, 200
OPEN_PLOTS, MAX_PLOTS = 6, 24
MAX_FACT_ROWS, PAGE_SIZE = 5000, 50
TABLES = ("manifest", "claims", "facts", "checks", "errors")


def read_tables(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """The tables of an OUT_DIR (jsonl, csv or parquet); missing ones are empty frames."""
    from ..batch.io import read_table

    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise InputError(f"{out_dir} is not a folder: pass the OUT_DIR of `nkextract extract`.")
    tables = {}
    for name in TABLES:
        try:
            tables[name] = read_table(out_dir, name)
        except OutputError:  # no such table in this run
            tables[name] = pd.DataFrame()
    return tables


# ---------------------------------------------------------------- HTML pieces


def _e(value: Any) -> str:
    """Escaped text of a table cell ('' when missing; a lone surrogate as ``?``)."""
    return "" if is_missing(value) else html.escape(valid_text(str(value)), quote=True)


def _status_class(status: Any) -> str:
    return "st-" + re.sub(r"[^a-z_]", "", str(status or "none").lower())


def _interval(low: Any, high: Any) -> str:
    if is_missing(low) and is_missing(high):
        return ""
    return f"[{_e(format_number(low))}, {_e(format_number(high))}]"


def _summary(tables: dict[str, pd.DataFrame], conflicts: pd.DataFrame) -> str:
    claims, manifest = tables["claims"], tables["manifest"]
    if len(manifest):
        articles = len(manifest)
    else:
        articles = len({str(a) for a in claims.get("article", []) if not is_missing(a)})
    cards = [("articles", articles), ("claims", len(claims)), ("statistics", len(tables["facts"])),
             ("checks", len(tables["checks"])), ("conflicts", len(conflicts)),
             ("errors", len(tables["errors"]))]
    items = "".join(f'<div class="card" id="n-{name}"><dt>{name}</dt><dd>{count:,}</dd></div>'
                    for name, count in cards)
    note = "" if len(claims) else '<p class="note">No claims were found in this run.</p>'
    return f'<section id="summary"><h2>Summary</h2><dl class="cards">{items}</dl>{note}</section>'


def _highlight(sentence: Any, figure: Any) -> str:
    if is_missing(sentence):
        return ""
    sentence, figure = str(sentence), "" if is_missing(figure) else str(figure)
    at = sentence.find(figure) if figure else -1
    if at < 0:
        return _e(sentence)
    return (_e(sentence[:at]) + f"<mark>{_e(figure)}</mark>" + _e(sentence[at + len(figure):]))


def _claim_card(claim_id: str, claim: dict | None, fact: dict | None) -> str:
    if claim is None:
        return f'<div class="claim"><p class="cid">{_e(claim_id)}</p><p class="note">not in the claims table</p></div>'
    key = " ".join(_e(claim.get(k)) for k in ("metric", "origin", "destination", "product", "period")
                   if not is_missing(claim.get(k)))
    rows = [("figure", f"<b>{_e(claim.get('text'))}</b> = {_e(format_number(claim.get('value')))} "
                       f"{_e(claim.get('unit'))} {_e(claim.get('qualifier'))}"),
            ("statistic", key), ("role", f"{_e(claim.get('role'))} {_e(claim.get('basis'))}"),
            ("source", _e(claim.get("source")) or "<i>unattributed</i>")]
    if not is_missing(claim.get("via")):
        rows.append(("via", _e(claim.get("via"))))
    if not is_missing(claim.get("low")) and claim.get("low") != claim.get("high"):
        rows.append(("range", _interval(claim.get("low"), claim.get("high"))))
    if fact is not None:
        rows.append(("fact interval", _interval(fact.get("low"), fact.get("high"))))
    published = _e(claim.get("published"))
    body = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows if value.strip())
    return (f'<div class="claim"><p class="cid">{_e(claim.get("article"))}'
            f'{" · " + published if published else ""}</p><dl>{body}</dl>'
            f'<blockquote>{_highlight(claim.get("sentence"), claim.get("text"))}</blockquote></div>')


def _conflict_block(check: dict, claims: dict[str, dict], fact_of: dict[str, dict]) -> str:
    ids = as_list(check.get("claims"))
    details = [(name, _e(format_number(check.get(name))) if isinstance(check.get(name), (int, float))
                else _e(check.get(name))) for name in ("expected", "observed", "tolerance")]
    meta = " · ".join(f"{name}: {value}" for name, value in details if value)
    cards = "".join(_claim_card(cid, claims.get(cid), fact_of.get(cid)) for cid in ids)
    cause = check.get("likely_cause")
    kind = _e(check.get("kind")) + (f" · {_e(cause)}" if isinstance(cause, str) and cause else "")
    return (f'<article class="conflict"><h3><span class="kind">{kind}</span> '
            f'{_e(check.get("explanation")) or "figures disagree"}</h3>'
            f'{f"<p class=meta>{meta}</p>" if meta else ""}<div class="side">{cards}</div></article>')


def _by_cause(conflicts: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The conflicts grouped by their likely cause (most frequent first), and a line that
    counts them by cause (empty when no conflict names one)."""
    if "likely_cause" not in conflicts or len(conflicts) == 0:
        return conflicts, ""
    cause = conflicts["likely_cause"].map(lambda c: c if isinstance(c, str) and c else "unknown")
    counts = cause.value_counts()
    if set(counts.index) == {"unknown"}:
        return conflicts, ""
    order = cause.map({c: i for i, c in enumerate(counts.index)})
    grouped = conflicts.assign(_order=order.to_numpy()).sort_values("_order", kind="stable").drop(columns="_order")
    line = " · ".join(f"{_e(c)} {n:,}" for c, n in counts.items())
    return grouped, f'<p class="note">By likely cause: {line}</p>'


def _conflicts(conflicts: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> str:
    claims = tables["claims"]
    by_id = {str(r["claim_id"]): r for r in claims.to_dict("records")} if "claim_id" in claims else {}
    fact_of = {cid: fact for fact in tables["facts"].to_dict("records")
               for cid in as_list(fact.get("claims"))}
    conflicts, causes = _by_cause(conflicts)
    rows = conflicts.head(MAX_CONFLICTS).to_dict("records")
    blocks = [_conflict_block(check, by_id, fact_of) for check in rows]
    html_ = causes + ("".join(blocks[:OPEN_CONFLICTS]) or '<p class="note">No conflicts found.</p>')
    if len(blocks) > OPEN_CONFLICTS:
        html_ += (f"<details><summary>{len(blocks) - OPEN_CONFLICTS:,} more conflicts</summary>"
                  f'{"".join(blocks[OPEN_CONFLICTS:])}</details>')
    if len(conflicts) > MAX_CONFLICTS:
        html_ += (f'<p class="note">{len(conflicts) - MAX_CONFLICTS:,} further conflicts are '
                  "not shown: see the checks table.</p>")
    return f'<section id="conflicts"><h2>Conflicts ({len(conflicts):,})</h2>{html_}</section>'


def _facts_table(facts: pd.DataFrame) -> str:
    if len(facts) == 0:  # not .empty: rows whose columns are all missing are still shown
        return '<section id="facts"><h2>Facts</h2><p class="note">No statistics.</p></section>'
    order = facts.assign(_c=~facts.get("status", pd.Series("", index=facts.index)).map(is_conflict))
    order = order.sort_values("_c", kind="stable").head(MAX_FACT_ROWS)
    statuses = sorted({str(s) for s in facts.get("status", pd.Series(dtype=str)).dropna()})
    body = []
    for fact in order.to_dict("records"):
        value, n, sources = (as_number(fact.get(k)) for k in ("value", "n_claims", "n_sources"))
        why = (f'<div class="why">{_e(fact.get("explanation"))}</div>'
               if is_conflict(fact.get("status")) and not is_missing(fact.get("explanation")) else "")
        body.append(
            f'<tr data-status="{_e(fact.get("status"))}"><td><span class="badge '
            f'{_status_class(fact.get("status"))}">{_e(fact.get("status"))}</span></td>'
            f'<td title="{_e(fact.get("explanation"))}">{_e(series_label(fact))}{why}</td>'
            f'<td>{_e(fact.get("period"))}</td>'
            f'<td data-num="{_e(value)}">{_e(format_number(value))}</td>'
            f'<td>{_interval(fact.get("low"), fact.get("high"))}</td>'
            f'<td data-num="{_e(n)}">{_e(fact.get("n_claims"))}</td>'
            f'<td data-num="{_e(sources)}">{_e(format_number(sources))}</td></tr>')
    options = "".join(f'<option value="{_e(s)}">{_e(s)}</option>' for s in statuses)
    heads = "".join(f'<th><button type="button" data-col="{i}">{name}</button></th>' for i, name in
                    enumerate(("status", "statistic", "period", "value", "interval", "claims",
                               "sources")))
    more = (f'<p class="note">Showing {MAX_FACT_ROWS:,} of {len(facts):,} facts (conflicts first): '
            "the full list is in the facts table.</p>" if len(facts) > MAX_FACT_ROWS else "")
    return (f'<section id="facts"><h2>Facts ({len(facts):,})</h2>{more}'
            f'<p class="tools"><label>status <select id="status-filter"><option value="">all'
            f"</option>{options}</select></label> <span id=\"pager\"></span></p>"
            f'<div class="wrap"><table id="facts-table"><thead><tr>{heads}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div></section>')


def _undated_note(facts: pd.DataFrame) -> str:
    """A note counting the facts a timeline cannot place (no calendar period)."""
    undated = len(facts) - len(dated(facts)) if "value" in facts else 0
    if not undated:
        return ""
    return (f'<p class="note">{undated:,} fact{"s" * (undated > 1)} with no calendar period '
            "(a reference such as PRESENT_REF, an open or reversed interval, words) "
            "are not plotted: see the facts table.</p>")


def _timelines(facts: pd.DataFrame, claims: pd.DataFrame) -> str:
    series = timeline_series(facts, top=MAX_PLOTS)
    if not series:
        return ('<section id="timelines"><h2>Timelines</h2><p class="note">No dated statistics '
                f"to plot.</p>{_undated_note(facts)}</section>")
    by_id = claims_by_id(claims)
    images = []
    for label, group in series:
        figure = plot_series([(label, group)], by_id)
        images.append(f'<figure class="plot"><img alt="timeline of {_e(label)}" '
                      f'src="{figure_data_uri(figure)}"></figure>')
    html_ = f'<div class="plots">{"".join(images[:OPEN_PLOTS])}</div>'
    if len(images) > OPEN_PLOTS:
        html_ += (f"<details><summary>{len(images) - OPEN_PLOTS} more timelines</summary>"
                  f'<div class="plots">{"".join(images[OPEN_PLOTS:])}</div></details>')
    return f'<section id="timelines"><h2>Timelines</h2>{_undated_note(facts)}{html_}</section>'


def _errors(errors: pd.DataFrame) -> str:
    if len(errors) == 0:
        return ""
    rows = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
                   for row in errors.head(500).itertuples(index=False))
    heads = "".join(f"<th>{_e(c)}</th>" for c in errors.columns)
    return (f'<section id="errors"><details><summary>{len(errors):,} input errors</summary>'
            f'<div class="wrap"><table><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody>'
            "</table></div></details></section>")


def _conflict_checks(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Conflicting checks; without a checks table, the conflicting facts stand in."""
    checks, facts = tables["checks"], tables["facts"]
    if "status" in checks:
        return checks[checks["status"].map(is_conflict)]
    if "status" in facts:
        found = facts[facts["status"].map(is_conflict)]
        return pd.DataFrame({"kind": "fact", "claims": found.get("claims"),
                             "explanation": found.apply(series_label, axis=1) if len(found) else []})
    return pd.DataFrame()


STYLE = """
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;
color:#222;background:#fafafa}main{max-width:72rem;margin:auto;padding:1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1rem;margin:.2rem 0}.note,.meta,.cid{color:#666;font-size:.9rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(8rem,1fr));gap:.5rem;margin:0}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.5rem .8rem}
.card dt{font-size:.8rem;color:#666}.card dd{margin:0;font-size:1.5rem;font-weight:600}
.conflict{background:#fff;border:1px solid #e8b4b4;border-left:4px solid #d62728;border-radius:6px;
padding:.6rem;margin:.8rem 0}.kind{background:#fdd;border-radius:3px;padding:0 .3rem;font-size:.8rem}
.side{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(16rem,100%),1fr));gap:.6rem}
.claim{border:1px solid #ddd;border-radius:4px;padding:.5rem;min-width:0}
.claim dl{display:grid;grid-template-columns:auto 1fr;gap:0 .6rem;margin:.3rem 0;font-size:.9rem}
.claim dt{color:#666}.claim dd{margin:0}blockquote{margin:.3rem 0;padding-left:.6rem;
border-left:3px solid #ccc;font-size:.9rem}mark{background:#feca74}
.claim,.conflict h3,#errors td{overflow-wrap:anywhere}.why{font-size:.8rem;color:#a00}.wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem}#facts-table{min-width:40rem}
th,td{border-bottom:1px solid #eee;padding:.3rem .4rem;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:600;background:none;border:0;cursor:pointer;padding:0}
.badge{border-radius:3px;padding:0 .3rem;background:#eee;white-space:nowrap}.st-conflict,.st-conflicting{background:#fdd;color:#a00}
.st-agreed,.st-consistent{background:#dfd}.plots{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(30rem,100%),1fr));gap:.6rem}
.plot{margin:0}.plot img{width:100%;max-width:100%;height:auto;
border:1px solid #ddd;background:#fff}
details summary{cursor:pointer;margin:.5rem 0;font-weight:600}.tools{display:flex;flex-wrap:wrap;gap:.6rem}
@media (max-width:40rem){main{padding:.5rem}.card dd{font-size:1.2rem}th,td{padding:.25rem}}
"""

SCRIPT = """
(function(){var t=document.getElementById('facts-table');if(!t)return;
var body=t.tBodies[0],rows=[].slice.call(body.rows),shown=rows,page=0,size=%d,dir={};
var sel=document.getElementById('status-filter'),pager=document.getElementById('pager');
function btn(label,go){var b=document.createElement('button');b.type='button';b.textContent=label;
b.onclick=function(){page=go;draw();};return b;}
function draw(){var pages=Math.max(1,Math.ceil(shown.length/size));page=Math.min(Math.max(page,0),pages-1);
rows.forEach(function(r){r.hidden=true;});shown.slice(page*size,(page+1)*size).forEach(function(r){r.hidden=false;});
pager.textContent='';if(page>0)pager.appendChild(btn('\\u2039 prev',page-1));
pager.appendChild(document.createTextNode(' page '+(page+1)+' of '+pages+' ('+shown.length+' facts) '));
if(page<pages-1)pager.appendChild(btn('next \\u203a',page+1));}
function filter(){shown=rows.filter(function(r){return !sel.value||r.getAttribute('data-status')===sel.value;});page=0;draw();}
function key(r,c){var td=r.cells[c],n=td.getAttribute('data-num');
return n!==null&&n!==''?parseFloat(n):td.textContent.toLowerCase();}
[].forEach.call(t.tHead.querySelectorAll('button'),function(b){b.onclick=function(){
var c=+b.getAttribute('data-col');dir[c]=-(dir[c]||-1);rows.sort(function(x,y){var a=key(x,c),z=key(y,c);
if(typeof a!==typeof z){a=String(a);z=String(z);}return a<z?-dir[c]:a>z?dir[c]:0;});
rows.forEach(function(r){body.appendChild(r);});filter();};});
sel.onchange=filter;filter();})();
""" % PAGE_SIZE

CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
       "script-src 'unsafe-inline'")


def render_report(tables: dict[str, pd.DataFrame], title: str = "nkextract report") -> str:
    """The report page for a dict of tables (see ``read_tables``)."""
    tables = {name: tables.get(name, pd.DataFrame()) for name in TABLES}
    conflicts = _conflict_checks(tables)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body><main>"
        f'<h1>{_e(title)}</h1><p class="note">written by nkextract {__version__}</p>'
        f"{_summary(tables, conflicts)}{_conflicts(conflicts, tables)}"
        f'{_facts_table(tables["facts"])}{_timelines(tables["facts"], tables["claims"])}'
        f'{_errors(tables["errors"])}</main><script>{SCRIPT}</script></body></html>'
    )


def write_report(out_dir: str | Path, *, path: str | Path | None = None) -> Path:
    """Write a self-contained report.html of an extracted OUT_DIR.

    out_dir: the folder written by ``nkextract extract`` (jsonl, csv or parquet tables).
    path: where to write the page (default: OUT_DIR/report.html).
    RETURNS: the path written.
    """
    out_dir = Path(out_dir)
    target = Path(path) if path is not None else out_dir / "report.html"
    page = render_report(read_tables(out_dir), title=f"nkextract report: {out_dir.resolve().name}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # errors="replace": a lone surrogate from a table's JSON cannot be UTF-8
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", errors="replace", dir=target.parent,
                                         suffix=".tmp", delete=False) as handle:
            handle.write(page)
        os.replace(handle.name, target)
    except OSError as error:
        raise OutputError(f"Cannot write {target}: {error}. Pass a writable path.") from error
    logger.info("report written to %s", target)
    return target

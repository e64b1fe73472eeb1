"""Shared fixtures: one pipeline per session, and the ../shared material when present."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    import nkextract

    return nkextract.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the clone (corpus, gold, peers, scorers)."""
    if not (SHARED / "CONTRACT.md").exists():
        pytest.skip("../shared is not beside this clone: the shared corpus, gold and peer "
                    "files are read from there and never copied into the project")
    return SHARED


@pytest.fixture(scope="session")
def score_gold(nlp, shared, tmp_path_factory):
    """score(gold, corpus) -> the shared scorer's result for the pipeline's claims on the
    gold file's articles, through benchmarks/score_gold.py (where the README's numbers
    come from)."""
    spec = importlib.util.spec_from_file_location("score_gold", REPO / "benchmarks" / "score_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def score(gold: Path, corpus: Path) -> dict:
        out = tmp_path_factory.mktemp(Path(gold).stem)
        return module.score_gold(nlp, gold, corpus, out,
                                 scorer_path=shared / "tools" / "score_claims.py")
    return score

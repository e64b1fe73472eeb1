"""Shared fixtures: one pipeline per session, and the ../shared material when present."""
from __future__ import annotations

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

"""The README's quality command runs from a fresh clone: its scorer is in the repository."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_quality_scores_with_the_scorer_in_the_repository():
    quality = _load(ROOT / "benchmarks" / "quality.py", "kehoach_quality")
    assert quality.SCORER.is_relative_to(ROOT) and quality.SCORER.exists()
    sc = quality.load_scorer(quality.SCORER)
    gold = sc.load_gold(ROOT / "eval" / "dev")
    some = dict(list(gold.items())[:5])
    _, macro, misses = sc.score(some, some)
    assert macro == 1.0 and not misses
    _, worse, misses = sc.score(some, {i: {} for i in some})
    assert worse < 0.5 and misses


def test_the_copy_is_the_shared_scorer_when_that_is_at_hand():
    shared = ROOT.parent / "shared" / "eval" / "score.py"
    if shared.exists():  # outside a fresh clone: the copy has not drifted
        assert (ROOT / "eval" / "score.py").read_bytes() == shared.read_bytes()

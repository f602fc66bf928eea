"""underthesea's word segmenter, loaded in a third of the time ``import underthesea`` takes.

``import underthesea`` loads every pipeline it has (NER, chunking, classification, language
detection, requests), and the segmenter's own modules read their data files with ``joblib.load``:
importing joblib pulls in numpy (≈ 0.4 s), and its pure-Python unpickler reads the 72,547-word
dictionary 4× slower than ``pickle``. Here the package's ``__init__`` is held back while the
segmenter's modules load, and the two data files that are plain pickles of dicts, lists and sets
(the text normaliser's rules, the CRF model's features and dictionary) are read with ``pickle``.
Each shortcut checks what it reads and otherwise leaves underthesea to load itself; the results
are the same (tests/test_speed_same_results.py compares tags with underthesea's own loader).
"""

from __future__ import annotations

import importlib.util
import pickle
import re
import sys
import threading
import types
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

# the model directory underthesea's word_tokenize loads (underthesea 9.x)
CRF_MODEL = "ws_crf_vlsp2013_20230727"
_NORMALIZER = "underthesea.pipeline.text_normalize.text_normalizer"


@lru_cache(maxsize=1)
def segmenter() -> Callable[..., list[str]]:
    """underthesea's ``word_tokenize``. A later ``import underthesea`` (NER) gets the whole package,
    reusing the modules loaded here."""
    if "underthesea" in sys.modules:
        from underthesea import word_tokenize

        return word_tokenize
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a dependency
        raise ImportError("underthesea is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    stub = types.ModuleType("underthesea")
    stub.__path__ = list(spec.submodule_search_locations)
    stub.__spec__ = spec
    stub.__file__ = spec.origin
    sys.modules["underthesea"] = stub
    try:
        _preload_normalizer(root / "pipeline" / "text_normalize")
        import underthesea.pipeline.text_normalize  # noqa: F401  (before word_tokenize: an import cycle)
        import underthesea.pipeline.word_tokenize as wt

        if wt.word_tokenize_model is None:
            wt.word_tokenize_model = crf_model(Path(wt.__file__).parent / "models" / CRF_MODEL)
    finally:
        if sys.modules.get("underthesea") is stub:
            del sys.modules["underthesea"]
    return wt.word_tokenize


def _load(path: Path, kind: type) -> Any:
    """A plain pickle of ``kind`` (what joblib writes for objects without arrays), or None."""
    try:
        with open(path, "rb") as f:
            data = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError):
        return None
    return data if isinstance(data, kind) else None


def _preload_normalizer(folder: Path) -> None:
    """Put underthesea's ``text_normalizer`` module in place, its maps read by pickle."""
    if _NORMALIZER not in sys.modules:
        mod = normalizer_module(folder)
        if mod is not None:
            sys.modules[_NORMALIZER] = mod


def normalizer_module(folder: Path) -> types.ModuleType | None:
    """underthesea's ``text_normalizer`` module as it would import: the two maps of the rule file
    named in its source (``rule_file = "..."``), read by pickle. None when that line or the file is
    not as expected (then the module imports itself)."""
    source = folder / "text_normalizer.py"
    try:
        names = re.findall(r'^rule_file = "([^"/\\]+)"\s*$', source.read_text(encoding="utf-8"), re.M)
    except OSError:
        return None
    data = _load(folder / names[-1], dict) if names else None
    if data is None or not (isinstance(data.get("character"), dict) and isinstance(data.get("token"), dict)):
        return None
    mod = types.ModuleType(_NORMALIZER)
    mod.__file__ = str(source)
    mod.rule_file = names[-1]
    mod.character_map = data["character"]
    mod.token_map = data["token"]
    mod.text_normalizer = types.SimpleNamespace(character_map=mod.character_map, token_map=mod.token_map)
    return mod


class CrfModel:
    """What ``word_tokenize`` calls on its model (``FastCRFSequenceTagger.predict``), on the same
    files."""

    __slots__ = ("featurizer", "estimator")

    def __init__(self, featurizer: Any, estimator: Any) -> None:
        self.featurizer = featurizer
        self.estimator = estimator

    def predict(self, tokens: list[list[str]]) -> list[str]:
        x = self.featurizer.process([tokens])[0]
        return self.estimator.tag(x)


def crf_model(base: Path) -> CrfModel | None:
    """underthesea's segmentation model from ``base``, or None when its files are not as expected
    (then underthesea's own loader runs on the first call)."""
    from underthesea_core import CRFFeaturizer

    features = _load(base / "features.bin", list)
    dictionary = _load(base / "dictionary.bin", set)
    if features is None or dictionary is None or not (base / "models.bin").is_file():
        return None
    return CrfModel(CRFFeaturizer(features, dictionary), _tagger(base / "models.bin"))


# models.bin path -> the thread loading it (preload) and what it loaded
_PRELOAD: dict[str, tuple[threading.Thread, list[Any]]] = {}


def preload() -> None:
    """Start reading the CRF model's weights (≈ 0.2 s) in a thread: underthesea_core's loader, in
    Rust, releases the GIL, so a command about to segment text (`kehoach extract`) reads them on
    the other core while it imports the extractors. Only the weights: the pickles hold the GIL."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return
    path = Path(next(iter(spec.submodule_search_locations))) / "pipeline" / "word_tokenize" / "models" / CRF_MODEL
    key = str(path / "models.bin")
    if key in _PRELOAD or not Path(key).is_file():
        return
    box: list[Any] = []

    def load() -> None:
        from underthesea_core import CRFTagger

        tagger = CRFTagger()
        tagger.load(key)
        box.append(tagger)

    thread = threading.Thread(target=load, name="kehoach-crf-preload", daemon=True)
    _PRELOAD[key] = (thread, box)
    thread.start()


def _tagger(path: Path) -> Any:
    """The CRF tagger of ``path``: the one ``preload`` read, or read now (also if that failed)."""
    from underthesea_core import CRFTagger

    started = _PRELOAD.pop(str(path), None)
    if started is not None:
        thread, box = started
        thread.join()
        if box:
            return box[0]
    tagger = CRFTagger()
    tagger.load(str(path))
    return tagger

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

import hashlib
import importlib.util
import marshal
import os
import pickle
import re
import struct
import sys
import threading
import time
import types
from collections.abc import Callable
from functools import lru_cache
from operator import and_, itemgetter
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


_group = re.Match.group


@lru_cache(maxsize=1)
def word_segmenter() -> Callable[[str], list[str]]:
    """``word_tokenize(sentence, use_token_normalize=False)``, the same words, with the CRF's
    features made by ``Features`` (underthesea_core's featuriser was over half the time of
    segmenting a line). underthesea's own ``word_tokenize`` and model are left as they are."""
    spans = word_spans()

    def segment(sentence: str) -> list[str]:
        found = spans(sentence, exact=False)
        if found is None:
            return word_tokenize(sentence, use_token_normalize=False)
        matches, cuts = found
        return [" ".join(map(_group, matches[a:b])) for a, b in cuts]

    word_tokenize = segmenter()
    return segment if _fast_model() is not None else (lambda s: word_tokenize(s, use_token_normalize=False))


@lru_cache(maxsize=1)
def _fast_model() -> CrfModel | None:
    """The segmentation model with ``Features``, sharing one tagger with underthesea's
    ``word_tokenize``: the model ``segmenter`` gave it; or, when underthesea was imported first and
    has none yet, one loaded here and given to it; or the tagger of the one it loaded itself."""
    segmenter()
    module = sys.modules.get("underthesea.pipeline.word_tokenize")
    if module is None:
        return None
    model = getattr(module, "word_tokenize_model", None)
    base = Path(module.__file__).parent / "models" / CRF_MODEL
    if model is None:
        model = module.word_tokenize_model = crf_model(base)
    elif not isinstance(model, CrfModel):  # underthesea's FastCRFSequenceTagger
        features, dictionary = _load(base / "features.bin", list), _load(base / "dictionary.bin", set)
        estimator, featurizer = getattr(model, "estimator", None), getattr(model, "featurizer", None)
        if features is None or dictionary is None or estimator is None or featurizer is None:
            return None
        parsed = Features.parse(features, dictionary)
        model = CrfModel(featurizer, estimator, parsed, Scorer.load(base / "models.bin", parsed))
    return model if model is not None and model.features is not None else None


@lru_cache(maxsize=1)
def word_spans() -> Callable[..., Any]:
    """``spans(sentence)``: where underthesea's words of ``sentence`` stand in it, as (start,
    end) character offsets, or None when its character normaliser changes the sentence (NFC,
    "ð" -> "đ"; then the words are not pieces of the sentence as written). With ``exact=False``
    it gives (regex matches, [(first, last + 1) match index of each word]) for any sentence.

    underthesea's ``tokenize`` (without the token normaliser) is the regular expression's matches
    in the normalised sentence, each token its match's text (the named group holding it spans the
    whole alternative); every character but whitespace is in a match, so the text between two
    tokens, and between the tokens of one word, is whitespace."""
    segmenter()
    regex = sys.modules["underthesea.pipeline.word_tokenize.regex_tokenize"]
    normalize = regex.normalize_characters_in_text
    model = _fast_model()
    group = _group
    if model is None:
        return lambda sentence, exact=True: None
    tokens = token_matches(regex.patterns)

    def spans(sentence: str, exact: bool = True) -> Any:
        text = normalize(sentence)
        if exact and text != sentence:
            return None
        matches = tokens(text)
        if not matches:
            return [] if exact else (matches, [])
        cuts: list[list[int]] = []
        for i, label in enumerate(model.tag(list(map(group, matches)))):
            if label == "I-W" and cuts:
                cuts[-1][1] = i + 1
            else:
                cuts.append([i, i + 1])
        if not exact:
            return matches, cuts
        return [(matches[a].start(), matches[b - 1].end()) for a, b in cuts]

    return spans


# runs of plain words between spaces (or the line's ends), with the spaces after each: letters, none
# starting with "Th" or "ʺ", perhaps followed by a comma, semicolon or colon; or a lone dash
_PLAIN_RUNS = re.compile(r"(?<!\S)(?:(?:(?!Th|ʺ)[^\W\d_]+[,;:]?|[-–])(?:\s+|\Z))+")
_PLAIN_TOKENS = re.compile(r"[^\W\d_]+|[,;:\-–]")


def token_matches(patterns: re.Pattern[str]) -> Callable[[str], list[re.Match[str]]]:
    """``list(patterns.finditer(text))`` for underthesea's tokenizer ``patterns``: the same matches
    (their start, end and text), sooner. In a run of plain words (``_PLAIN_RUNS``) each word's
    letters are one token and a comma, semicolon, colon or dash after them another, found without
    trying the tokenizer's 14 alternatives at each.

    Why those are the tokenizer's matches: every alternative before ``word`` (``\\w+``) needs a
    digit or a character that is not a letter and not one of ",;:" at the end of a word (".", "-",
    "@", "'", "&", ":)" ...), except "Th.S" and "Th.s", whose unescaped dot takes any character (so
    "Th" + a space + "s" is one token); no alternative matches whitespace but those two. So at
    letters that do not start with "Th" (nor with "ʺ", a letter the ``punct`` alternative takes
    alone) the first alternative that matches is ``word``, and it takes all of them; then "," is
    ``punct``, ";" ``non_word``, ":" and "-" ``sym``, "–" ``non_word``, each alone before a space.
    The text between runs is scanned by ``patterns`` from where the scan stands, as the scan over
    the whole text would be (a match never starts in whitespace: any other character starts
    ``word`` or ``non_word``), and stops where the run starts unless a "Th" in it may run into the
    run's letters; if a match does ("Th sơ"), the rest of the text is scanned by ``patterns``."""
    runs, plain, scan = _PLAIN_RUNS.finditer, _PLAIN_TOKENS.finditer, patterns.finditer

    def matches(text: str) -> list[re.Match[str]]:
        out: list[re.Match[str]] = []
        pos = 0
        for run in runs(text):
            start, end = run.span()
            if start > pos:
                if "Th" not in text[pos:start]:
                    # the text before the run ends in a space: a match in it cannot tell its end
                    # from the text's ("$", "\\b" and look-aheads see the space either way)
                    out += scan(text, pos, start)
                    pos = start
                else:
                    for t in scan(text, pos):
                        if t.start() >= start:
                            break
                        out.append(t)
                        pos = t.end()
                    if pos > start:  # a match ran into these words: scan the rest
                        break
            out += plain(text, start, end)
            pos = end
        if pos < len(text):
            out += scan(text, pos)
        return out

    return matches


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
    files; ``tag`` is the same on plain tokens with the features made in Python (``Features``)."""

    __slots__ = ("featurizer", "estimator", "features", "scorer")

    def __init__(self, featurizer: Any, estimator: Any, features: Features | None = None,
                 scorer: Scorer | None = None) -> None:
        self.featurizer = featurizer
        self.estimator = estimator
        self.features = features
        self.scorer = scorer

    def predict(self, tokens: list[list[str]]) -> list[str]:
        x = self.featurizer.process([tokens])[0]
        return self.estimator.tag(x)

    def tag(self, tokens: list[str]) -> list[str]:
        if self.scorer is not None and Features.takes(tokens):
            labels = self.scorer.tag(tokens)
            if labels is not None:
                return labels
        x = self.features(tokens) if self.features is not None else None
        if x is None:
            x = self.featurizer.process([[[t] for t in tokens]])[0]
        return self.estimator.tag(x)


# The characters whose lower and upper case Python and Rust agree on: ASCII, Latin-1, Latin
# Extended-A, Ơ/Ư and their neighbours, combining accents, Vietnamese letters (Latin Extended
# Additional), punctuation, currency, arrows, maths, boxes and dingbats (tests/test_speed_same_results.py
# checks every one against underthesea_core; the two Unicode versions differ on a few others, such
# as "ƛ"). A sentence with any other character is featurised by underthesea_core itself.
_SAFE = re.compile("[^\t -~\u00a0-\u017f\u01a0-\u01b0\u0300-\u036f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20bf"
                   "\u2100-\u214f\u2190-\u22ff\u2500-\u27bf]")
_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\.(lower|isdigit|istitle|is_in_dict))?")
_INT = re.compile(r"[+-]?[0-9]+")


class Features:
    """``CRFFeaturizer.process`` of underthesea_core for one sentence of tokens (its
    featurizers.rs, 3.x), giving the same strings in the same order, several times faster:
    underthesea_core formats each of the 43 features of each token on its own (and makes the
    "=BOS" and "=EOS" strings of every template at every token); here the lower case, dictionary
    look-ups and title tests of each one-, two- and three-token text are made once per sentence,
    and each template's column is one list comprehension, the rows zipped from the columns.

    A template is ``T[a]`` or ``T[a,b]`` (tokens a..b around the position, joined by a space) with
    an optional function: ``lower``, ``isdigit`` (Rust's ``parse::<i32>`` succeeds), ``istitle``
    (every space-separated part's first character equals its upper case), ``is_in_dict`` (the
    lower-cased text is in the dictionary). A part out of the sentence gives ``=BOS`` (before it)
    or ``=EOS`` (after it)."""

    def __init__(self, templates: list[tuple[str, int, int, str | None]], dictionary: set[str]) -> None:
        self.templates = templates
        self.dictionary = dictionary
        self.left = max(0, -min(a for _s, a, _b, _f in templates))
        self.right = max(0, max(b for _s, _a, b, _f in templates)) + 1
        self.longest = max(b - a + 1 for _s, a, b, _f in templates)
        self.kinds: dict[int, set[str]] = {k: set() for k in range(1, self.longest + 1)}
        for _s, a, b, fn in templates:
            self.kinds[b - a + 1].add(fn or "text")
        self._title = _Title()
        self._digit = _Digit()
        self._lower = _Lower()
        # per template: its offsets, the values it reads, and value -> feature string (a token's
        # text or lower case is added to the prefix; a flag or "BOS"/"EOS" is looked up)
        self.compiled: list[tuple[int, int, str, Callable[[Any], str]]] = []
        for syntax, a, b, fn in templates:
            head = syntax + "="
            if (fn is None or fn == "lower") and a == b:
                out = _Prefixed(head).__getitem__  # a token's strings: made once, looked up after
            elif fn is None or fn == "lower":
                out = head.__add__  # runs of tokens seldom repeat: made each time
            else:
                out = {v: head + str(v) for v in (True, False, "BOS", "EOS")}.__getitem__
            self.compiled.append((a, b, fn or "text", out))

    @classmethod
    def parse(cls, configs: list[str], dictionary: set[str]) -> Features | None:
        """The templates of ``features.bin``, or None when one is not of the forms above."""
        templates = []
        for c in configs:
            m = _TEMPLATE.fullmatch(c) if isinstance(c, str) else None
            if m is None:
                return None
            a = int(m.group(1))
            b = int(m.group(2)) if m.group(2) is not None else a
            if b < a:
                return None
            templates.append((c, a, b, m.group(3)))
        return cls(templates, dictionary)

    @staticmethod
    def takes(tokens: list[str]) -> bool:
        """Whether this class reproduces the features of ``tokens``: one or more, none empty or
        holding a space, every character one whose case Python and Rust agree on."""
        joined = " ".join(tokens)
        return bool(tokens) and "" not in tokens and joined.count(" ") == len(tokens) - 1 and not _SAFE.search(joined)

    def __call__(self, tokens: list[str]) -> list[tuple[str, ...]] | None:
        """The features of each token, or None for a sentence this class does not reproduce."""
        if not self.takes(tokens):
            return None
        n = len(tokens)
        joined = " ".join(tokens)
        lower = joined.lower().split(" ")  # lower case is per character: the tokens' lower case
        title = list(map(self._title.__getitem__, map(itemgetter(0), tokens)))
        values: dict[str, list[Any]] = {"text": tokens, "lower": lower, "istitle": title}
        padded: dict[tuple[str, int], list[Any]] = {}
        bos, eos = ["BOS"] * self.left, ["EOS"] * self.right
        for size in range(1, self.longest + 1):
            if size > 1:
                prev = values
                values = {"text": list(map(" ".join, zip(*(tokens[k:] for k in range(size)), strict=False))),
                          "lower": list(map(" ".join, zip(*(lower[k:] for k in range(size)), strict=False))),
                          "istitle": list(map(and_, prev["istitle"], title[size - 1:]))}
            for kind in self.kinds[size]:
                if kind == "is_in_dict":
                    vals = list(map(self.dictionary.__contains__, values["lower"]))
                elif kind == "isdigit":
                    vals = list(map(self._digit.__getitem__, values["text"]))
                else:
                    vals = values[kind]
                padded[kind, size] = bos + vals + eos
        n_left = self.left
        return list(zip(*[list(map(out, padded[kind, b - a + 1][a + n_left:a + n_left + n]))
                          for a, b, kind, out in self.compiled], strict=True))


class Scorer:
    """underthesea_core's CRF tagger (crf/tagger.rs, 3.x) on plain tokens, in Python: the same
    labels from the weights of the same model file, several times faster on the lines kehoach
    segments. The tagger sums, for each token and label, the weights of its 43 feature strings and
    runs Viterbi over two labels; here the features are never made as strings. A template reads a
    run of one, two or three tokens (``T[-1,0]`` is the run of size 2 starting one token before),
    so each distinct run of tokens is scored once, for every template that reads a run of its size
    (at each offset), and kept: a token's emission is then the sum of 12 such run scores (5 single
    tokens, 4 pairs, 3 triples around it). Weights are complex numbers, the real part for the first
    label and the imaginary part for the second, so one look-up and one sum serve both.

    The sums are not made in the tagger's order, so a score may differ from its own in the last
    bits; a decision of Viterbi's whose two sides are nearer than ``EPS`` is left to the tagger
    (``tag`` gives None), so every label given is the tagger's."""

    EPS = 1e-6

    def __init__(self, features: Features, labels: list[str], weights: dict[str, dict[str, complex]],
                 trans: list[list[float]]) -> None:
        self.features = features
        self.labels = labels
        self.trans = trans
        self.left, self.right = features.left, features.right
        # size -> [(offset a, [(kind, table)])], offsets in order; a run's score is a tuple by offset
        groups: dict[int, dict[int, list[tuple[str, dict[str, complex]]]]] = {}
        for syntax, a, b, fn in features.templates:
            groups.setdefault(b - a + 1, {}).setdefault(a, []).append((fn or "text", weights.get(syntax, {})))
        self.groups = []
        for size, by_offset in sorted(groups.items()):
            offsets = sorted(by_offset)
            tables = [by_offset[a] for a in offsets]
            pads = tuple(tuple(sum(t.get(pad, 0j) for _k, t in tables[i]) for i in range(len(offsets)))
                         for pad in ("BOS", "EOS"))
            self.groups.append((size, offsets, _Runs(self._scorer(size, tables)), pads))

    def _scorer(self, size: int, tables: list[list[tuple[str, dict[str, complex]]]]) -> Callable[[Any], tuple]:
        """A run (a token, or a tuple of tokens) -> its score at each offset, as featurizers.rs
        makes each template's value: the text, its lower case, whether it parses as an i32, whether
        every token's first character is its own upper case, whether the lower case is a word of
        the dictionary; a flag's two weights (false, true) are picked by the flag.

        The function is written out for this model's templates and compiled (``exec``): a run is
        scored once, but a plan meets a thousand new ones, and the loops over templates and kinds
        of a general function took three times as long."""
        env: dict[str, Any] = {"dictionary": self.features.dictionary, "title": self.features._title,
                               "digit": self.features._digit, "lower_of": self.features._lower}
        kinds = {kind for by_kind in tables for kind, _t in by_kind}
        if size == 1:
            lines = ["text = run", "lower = lower_of[run]", "istitle = title[run[0]]"]
        else:
            lines = ['text = " ".join(run)', 'lower = " ".join(map(lower_of.__getitem__, run))',
                     "istitle = " + " and ".join(f"title[run[{k}][0]]" for k in range(size))]
        if "isdigit" in kinds:
            lines.append("isdigit = digit[text]")
        if "is_in_dict" in kinds:
            lines.append("is_in_dict = lower in dictionary")
        sums = []
        for i, by_kind in enumerate(tables):
            terms = []
            for kind, table in by_kind:
                name = f"w{i}_{kind}"
                if kind in ("text", "lower"):
                    env[name] = table.get
                    terms.append(f"{name}({kind}, 0j)")
                else:
                    env[name] = (table.get("False", 0j), table.get("True", 0j))
                    terms.append(f"{name}[{kind}]")
            sums.append(" + ".join(terms) or "0j")
        lines.append(f"return ({', '.join(sums)},)")
        source = "def score(run):\n" + "".join(f"    {line}\n" for line in lines)
        exec(compile(source, f"<segmenter.Scorer size {size}>", "exec"), env)  # noqa: S102 - our own source
        return env["score"]

    @classmethod
    def load(cls, path: Path, features: Features | None) -> Scorer | None:
        """The weights of a CRFsuite model file (what underthesea_core's loader reads), or None
        when the file or the model is not of the kind this class reproduces (then the tagger runs)."""
        if features is None:
            return None
        stored = _stored_weights(path)
        return cls(features, *stored) if stored is not None else None

    def forget(self) -> None:
        """Drop the scores of the runs seen so far (benchmarks: a plan of tokens never seen)."""
        for _size, _offsets, runs, _pads in self.groups:
            runs.clear()

    def emissions(self, tokens: list[str]) -> list[complex]:
        """Each token's score for the two labels (real: the first, imaginary: the second); the
        tokens are ones ``Features`` takes (``Features.takes``)."""
        n, left, right = len(tokens), self.left, self.right
        columns = []
        for size, offsets, runs, (bos, eos) in self.groups:
            if n < size:
                scored: list[tuple] = []
            elif size == 1:
                scored = list(map(runs.__getitem__, tokens))
            else:
                scored = list(map(runs.__getitem__, zip(*(tokens[k:] for k in range(size)), strict=False)))
            for i, a in enumerate(offsets):
                padded = [bos[i]] * left + list(map(itemgetter(i), scored)) + [eos[i]] * right
                columns.append(padded[a + left:a + left + n])
        return list(map(sum, zip(*columns, strict=True)))

    def tag(self, tokens: list[str]) -> list[str] | None:
        """The tagger's labels for ``tokens`` (Viterbi, ties to the first label as tagger.rs does),
        or None where a decision is too close to call from these sums."""
        e = self.emissions(tokens)
        (t00, t01), (t10, t11) = self.trans
        eps = self.EPS
        s0, s1 = e[0].real, e[0].imag
        back: list[tuple[int, int]] = []
        for x in e[1:]:
            a, c = s0 + t00, s1 + t10
            b, d = s0 + t01, s1 + t11
            if -eps < a - c < eps or -eps < b - d < eps:
                return None
            back.append((0 if a > c else 1, 0 if b > d else 1))
            s0, s1 = (a if a > c else c) + x.real, (b if b > d else d) + x.imag
        if -eps < s0 - s1 < eps:
            return None
        y = 0 if s0 > s1 else 1
        out = [y]
        for b0, b1 in reversed(back):
            y = b1 if y else b0
            out.append(y)
        labels = self.labels
        return [labels[k] for k in reversed(out)]


class _Runs(dict):
    """A run of tokens -> its scores (``Scorer``), each made once; past 50,000 runs it starts again."""

    def __init__(self, score: Callable[[Any], tuple]) -> None:
        super().__init__()
        self.score = score

    def __missing__(self, run: Any) -> tuple:
        if len(self) > 50_000:  # ≈ 350 bytes a run: at most ≈ 18 MB a size
            self.clear()
        value = self[run] = self.score(run)
        return value


_WEIGHTS_FORMAT = 1  # the stored weights' layout; part of the file name


def _stored_weights(path: Path) -> tuple[list[str], dict[str, dict[str, complex]], list[list[float]]] | None:
    """``_weights(path)``, read once per machine and then loaded from the user's cache directory
    (reading the model file in Python takes ≈ 0.3 s of CPU, loading the stored copy ≈ 30 ms), as
    the place-name index is (extractors.gazetteer). The file name carries a hash of this module,
    the model file's size and time and the Python version (marshal's format)."""
    from extractors.gazetteer import _prune, cache_dir

    base = cache_dir()
    stored = None
    if base is not None:
        try:
            st = path.stat()
            stamp = hashlib.sha256(Path(__file__).read_bytes())
            stamp.update(f"{path}:{st.st_size}:{st.st_mtime_ns}:{sys.version_info[:2]}:{_WEIGHTS_FORMAT}".encode())
            stored = Path(base) / f"crf-weights-{stamp.hexdigest()[:16]}.marshal"
            with open(stored, "rb") as f:
                data = marshal.loads(f.read())
                if time.time() - os.fstat(f.fileno()).st_mtime > 12 * 3600:
                    os.utime(stored)  # in use: not for _prune to remove
            if isinstance(data, tuple) and len(data) == 4 and data[0] == _WEIGHTS_FORMAT:
                return data[1:]
        except (OSError, EOFError, ValueError, TypeError):
            pass  # absent, unreadable or from another version: read the model
    weights = _weights(path)
    if weights is not None and stored is not None:
        try:
            stored.parent.mkdir(parents=True, exist_ok=True)
            tmp = stored.with_name(f"{stored.name}.{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps((_WEIGHTS_FORMAT, *weights)))
            os.replace(tmp, stored)  # atomic: a parallel worker reads the old file or the new one
        except OSError:
            pass  # a read-only home: read the model each run
        else:
            _prune(stored, "crf-weights-")
    return weights


def _weights(path: Path) -> tuple[list[str], dict[str, dict[str, complex]], list[list[float]]] | None:
    """(labels, {template: {value: weight}}, transitions) of a CRFsuite model of two labels, each
    weight the first label's in its real part and the second's in its imaginary part; None for a
    file this module does not read."""
    try:
        model = _read_crfsuite(path.read_bytes())
    except (OSError, ValueError, KeyError, IndexError, UnicodeDecodeError, struct.error):
        return None
    if model is None or len(model[0]) != 2:
        return None
    labels, attrs, state, trans = model
    weights: dict[str, dict[str, complex]] = {}
    for (attr, label), w in state.items():
        syntax, sep, value = attrs[attr].partition("=")
        if not sep:
            continue  # a feature no template makes
        table = weights.setdefault(syntax, {})
        table[value] = table.get(value, 0j) + (w if label == 0 else w * 1j)
    return labels, weights, trans


def _cqdb(data: bytes, start: int) -> list[str]:
    """The strings of a CRFsuite string table (CQDB) by id, read through its backward links."""
    if data[start:start + 4] != b"CQDB":
        raise ValueError("not a CQDB table")
    _size, _flag, _order, count, backward = struct.unpack_from("<5I", data, start + 4)
    out = []
    for i, offset in enumerate(struct.unpack_from(f"<{count}I", data, start + backward)):
        key, size = struct.unpack_from("<II", data, start + offset)
        if offset == 0 or key != i or size < 1:
            raise ValueError("a CQDB table this reader does not follow")
        out.append(data[start + offset + 8:start + offset + 7 + size].decode("utf-8"))
    return out


def _read_crfsuite(data: bytes) -> tuple[list[str], list[str], dict[tuple[int, int], float], list[list[float]]] | None:
    """(labels, attributes, state weights by (attribute, label), transitions) of a CRFsuite model,
    as underthesea_core's loader builds its model (serialization.rs: strings by id, weights of
    magnitude at most 1e-10 left out, a later weight of the same pair replacing an earlier one);
    None when ids would not be the file's (empty slots or repeated strings)."""
    if data[:4] != b"lCRF" or data[8:12] != b"FOMC":
        return None
    n_features, n_labels, n_attrs, off_features, off_labels, off_attrs = struct.unpack_from("<6I", data, 16)
    labels, attrs = _cqdb(data, off_labels), _cqdb(data, off_attrs)
    if len(labels) != n_labels or len(attrs) != n_attrs or len({*attrs}) != n_attrs or len({*labels}) != n_labels:
        return None
    if data[off_features:off_features + 4] != b"FEAT":
        return None
    (count,) = struct.unpack_from("<I", data, off_features + 8)
    count = count or n_features  # serialization.rs: the chunk's count, else the header's
    body = data[off_features + 12:off_features + 12 + 20 * count]
    state: dict[tuple[int, int], float] = {}
    trans = [[0.0] * n_labels for _ in range(n_labels)]
    for kind, src, dst, weight in struct.iter_unpack("<IIId", body):
        if kind == 0 and src < n_attrs and dst < n_labels:
            if abs(weight) > 1e-10:
                state[src, dst] = weight
            else:
                state.pop((src, dst), None)
        elif kind == 1 and src < n_labels and dst < n_labels:
            trans[src][dst] = weight
        else:
            return None
    return labels, attrs, state, trans


class _Prefixed(dict):
    """A token (or "BOS"/"EOS") -> a feature string: the template's ``head`` and it."""

    def __init__(self, head: str) -> None:
        super().__init__()
        self.head = head

    def __missing__(self, text: str) -> str:
        if len(self) > 100_000:
            self.clear()
        value = self[text] = self.head + text
        return value


class _Lower(dict):
    """A token -> its lower case, made once (a long run starts it again)."""

    def __missing__(self, text: str) -> str:
        if len(self) > 100_000:
            self.clear()
        value = self[text] = text.lower()
        return value


class _Title(dict):
    """A first character -> whether it equals its upper case (featurizers.rs ``istitle``)."""

    def __missing__(self, c: str) -> bool:
        value = self[c] = c.upper() == c
        return value


class _Digit(dict):
    """A token -> whether Rust's ``parse::<i32>`` reads it (featurizers.rs ``isdigit``)."""

    def __missing__(self, text: str) -> bool:
        if len(self) > 100_000:
            self.clear()
        value = self[text] = bool(_INT.fullmatch(text)) and -(2 ** 31) <= int(text) < 2 ** 31
        return value


def crf_model(base: Path) -> CrfModel | None:
    """underthesea's segmentation model from ``base``, or None when its files are not as expected
    (then underthesea's own loader runs on the first call)."""
    from underthesea_core import CRFFeaturizer

    features = _load(base / "features.bin", list)
    dictionary = _load(base / "dictionary.bin", set)
    if features is None or dictionary is None or not (base / "models.bin").is_file():
        return None
    parsed = Features.parse(features, dictionary)
    return CrfModel(CRFFeaturizer(features, dictionary), _tagger(base / "models.bin"), parsed,
                    Scorer.load(base / "models.bin", parsed))


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

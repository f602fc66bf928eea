"""Vietnamese administrative units found in text: provinces, districts, wards, old and new.

The data comes from the ``vietnamadminunits`` package (its bundled SQLite file and its 2025
conversion table are read directly: importing the package would pull in shapely and geopy for
nothing). It is loaded once per process, on first use, into a word-sequence index; finding units
in a text is then one pass over its words, trying the longest name at each word (a trie walk in
dict form), so a 15 KB plan takes a few milliseconds.

Names are compared on a key that is lower-cased and has one tone placement ("Khánh Hoà" and
"Khánh Hòa" are one key, "Thanh Hóa" and "Khánh Hòa" stay apart); text written without any
diacritics ("Binh Phuoc") is matched on the folded key instead.

``province`` is the unit's province in the 63-province era (before 1/7/2025), ``province_2025``
the province it belongs to after the merger. Pre-2008 Hà Tây and pre-2025 names ("Thừa Thiên
Huế", "Quận 2", "Quận 9") are known too.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import hashlib
import importlib.util
import json
import marshal
import os
import re
import sqlite3
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from pipeline.read.normalise import fold


@dataclass(frozen=True)
class AdminMention:
    start: int
    end: int
    text: str  # as written in the input
    level: str  # "province" | "district" | "ward"
    name: str  # canonical name as of the document ("Bình Phước", "Quận 11", "Xã Tân Lập")
    province: str | None  # the province it lies in, 63-province naming ("Bình Phước")
    province_2025: str | None  # the province after the 1/7/2025 merger ("Đồng Nai")


# ---------------------------------------------------------------------------------------------
# Keys

# Old-style tone placement (hoà, thuỷ) -> new style (hòa, thủy); only where the vowel pair ends
# the syllable, the one place where the two conventions differ. Two chars -> two chars, so
# offsets survive.
_OLD_TO_NEW = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONE_RE = re.compile(f"(?:{'|'.join(_OLD_TO_NEW)})(?!\\w)")


def unify_tones(lowered: str) -> str:
    """Lower-case text with word-final oa/oe/uy tones in the new-style place ("hoà" -> "hòa")."""
    return _OLD_TONE_RE.sub(lambda m: _OLD_TO_NEW[m.group(0)], lowered)


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def word_key(word: str) -> str:
    """The comparison key of one word: lower-case, one tone placement, numbers without zero pad."""
    if word.isdigit():
        return str(int(word))
    return unify_tones(_lower_same_length(word))


_WORD = re.compile(r"\w+")


def name_key(name: str) -> tuple[str, ...]:
    return tuple(word_key(w) for w in _WORD.findall(name))


def folded_key(name: str) -> tuple[str, ...]:
    return tuple(word_key(fold(w)) for w in _WORD.findall(name))


# ---------------------------------------------------------------------------------------------
# The index


@dataclass(frozen=True)
class _Entry:
    level: str
    name: str  # canonical display name
    core: str  # the name without its type word ("Cần Giờ" of "Huyện Cần Giờ")
    province: str | None
    province_2025: str | None
    district: str | None = None  # for wards: the district name (pre-2025 wards only)
    province_type: str | None = None  # "Tỉnh" | "Thành phố" (provinces)
    bare: bool = False  # may be matched without a type word before it


# Extra names the data lacks: pre-2008 Hà Tây, the pre-2025 "Thừa Thiên Huế", spellings seen in
# archives, the districts merged into Thủ Đức in 2021. (alias, canonical province short name)
_PROVINCE_ALIASES = [
    ("Thừa Thiên Huế", "Huế"), ("Thừa Thiên - Huế", "Huế"), ("TT Huế", "Huế"), ("TT-Huế", "Huế"),
    ("Hà Tây", "Hà Nội"), ("Thủ đô Hà Nội", "Hà Nội"),
    ("Bà Rịa Vũng Tàu", "Bà Rịa - Vũng Tàu"), ("BR-VT", "Bà Rịa - Vũng Tàu"),
    ("Đăk Lăk", "Đắk Lắk"), ("Đắc Lắc", "Đắk Lắk"), ("Đắk Lăk", "Đắk Lắk"), ("Daklak", "Đắk Lắk"),
    ("Đăk Nông", "Đắk Nông"), ("Đắc Nông", "Đắk Nông"), ("Kontum", "Kon Tum"), ("Bắc Cạn", "Bắc Kạn"),
    ("HCM", "Hồ Chí Minh"), ("TPHCM", "Hồ Chí Minh"), ("HCMC", "Hồ Chí Minh"),
]
# Names an alias stands for when it is the name written (kept "as of the document").
_ALIAS_DISPLAY = {"Thừa Thiên - Huế": "Thừa Thiên Huế", "TT Huế": "Thừa Thiên Huế",
                  "TT-Huế": "Thừa Thiên Huế", "Thủ đô Hà Nội": "Hà Nội", "HCM": "Hồ Chí Minh",
                  "TPHCM": "Hồ Chí Minh", "HCMC": "Hồ Chí Minh", "BR-VT": "Bà Rịa - Vũng Tàu",
                  "Bà Rịa Vũng Tàu": "Bà Rịa - Vũng Tàu"}
# The 63-province era called it Thừa Thiên Huế; the data uses the 2025 name.
_OLD_NAME = {"Huế": "Thừa Thiên Huế"}
_EXTRA_DISTRICTS = [("Quận 2", "Hồ Chí Minh"), ("Quận 9", "Hồ Chí Minh"), ("Quận Thủ Đức", "Hồ Chí Minh")]

# Bare district names that are also common words or people (street names): never bare.
_NOT_BARE = {"thống nhất", "hòa bình", "độc lập", "ngô quyền", "lê chân", "hai bà trưng", "hồng bàng",
             "trần văn thời", "bình minh", "đông hải", "tây hòa", "châu thành"}

_DISTRICT_TYPES = ("Quận", "Huyện", "Thị xã", "Thành phố")
_WARD_TYPES = ("Phường", "Xã", "Thị trấn", "Đặc khu")


def _strip_type(full: str, types: tuple[str, ...]) -> str:
    for t in types:
        if full.startswith(t + " "):
            return full[len(t) + 1:]
    return full


def _province_entry(short: str, display: str | None, to_2025: dict[str, str],
                    province_type: dict[str, str]) -> _Entry:
    old = _OLD_NAME.get(short, short)
    return _Entry("province", display or short, display or short, old, to_2025[short],
                  province_type=province_type[short], bare=True)


def _data_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("vietnamadminunits is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


class _Gazetteer:
    def __init__(self) -> None:
        data = _data_dir()
        con = sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True)
        try:
            legacy = con.execute(
                "SELECT DISTINCT provinceKey, provinceShort, province, district, districtType, ward, "
                "wardType FROM admin_units_legacy").fetchall()
            new = con.execute(
                "SELECT DISTINCT provinceKey, provinceShort, province, ward, wardType FROM admin_units"
            ).fetchall()
        finally:
            con.close()
        with open(data / "converter_2025.json", encoding="utf-8") as f:
            merger = json.load(f)["DICT_PROVINCE"]  # new province key -> [old province keys]

        new_short = {pk: short for pk, short, *_ in new}
        old_to_new: dict[str, str] = {}
        for new_key, old_keys in merger.items():
            for ok in old_keys:
                old_to_new[ok] = new_short[new_key]
        self.old_short = {pk: short for pk, short, *_ in legacy}
        self.to_2025 = {self.old_short[k]: v for k, v in old_to_new.items()}  # old short -> new short
        groups: dict[str, list[str]] = defaultdict(list)
        for old, newp in self.to_2025.items():
            groups[newp].append(old)
        # A 2025 province made of one old province: its wards lie in that one.
        self.sole_old = {newp: olds[0] for newp, olds in groups.items() if len(olds) == 1}
        self.groups = dict(groups)
        self.province_type = {short: full.split(" ")[0] if full.startswith("Tỉnh") else "Thành phố"
                              for _, short, full, *_ in legacy}

        self.exact: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        self.folded: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        self.concat: dict[str, list[_Entry]] = defaultdict(list)  # folded no-space former names
        self._province_entries(legacy)
        self._district_entries(legacy)
        self._ward_entries(legacy, new)
        self.max_len = max(len(k) for k in self.exact)
        self.prefixes = {k[:n] for index in (self.exact, self.folded) for k in index
                         for n in range(1, len(k) + 1)}

    # -- building ------------------------------------------------------------------------
    def _add(self, written: str, entry: _Entry) -> None:
        k = name_key(written)
        if entry not in self.exact[k]:
            self.exact[k].append(entry)
        fk = folded_key(written)
        if entry not in self.folded[fk]:
            self.folded[fk].append(entry)

    def province_entry(self, short: str, display: str | None = None) -> _Entry:
        return _province_entry(short, display, self.to_2025, self.province_type)

    def _province_entries(self, legacy: list[tuple]) -> None:
        for short in sorted({r[1] for r in legacy}):
            self._add(short, self.province_entry(short))
        for alias, short in _PROVINCE_ALIASES:
            self._add(alias, self.province_entry(short, _ALIAS_DISPLAY.get(alias, alias)))
        self.provinces = {short for _, short, *_ in legacy}

    def _district_entries(self, legacy: list[tuple]) -> None:
        seen: dict[tuple[str, str], str] = {}
        for _, pshort, _, district, dtype, _, _ in legacy:
            if district:
                seen[(pshort, district)] = dtype
        for district, pshort in _EXTRA_DISTRICTS:
            seen[(pshort, district)] = "Quận"
        by_core: dict[tuple[str, ...], int] = defaultdict(int)
        cores = {}
        for (pshort, district), dtype in seen.items():
            core = _strip_type(district, (dtype, *_DISTRICT_TYPES))
            cores[(pshort, district)] = core
            by_core[name_key(core)] += 1
        province_keys = {name_key(p) for p in self.provinces}
        for (pshort, district), core in cores.items():
            k = name_key(core)
            bare = (by_core[k] == 1 and not core[0].isdigit() and k not in province_keys
                    and " ".join(k) not in _NOT_BARE)
            e = _Entry("district", district, core, _OLD_NAME.get(pshort, pshort), self.to_2025[pshort],
                       bare=bare)
            self._add(core, e)
        # Former district names (renamed or merged) are only in the data's folded alias lists.
        con = sqlite3.connect(f"file:{_data_dir() / 'dataset.db'}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT DISTINCT provinceShort, district, districtType, districtAlias "
                               "FROM admin_units_legacy WHERE districtAlias IS NOT NULL").fetchall()
        finally:
            con.close()
        for pshort, district, dtype, aliases in rows:
            core = _strip_type(district, (dtype, *_DISTRICT_TYPES))
            e = _Entry("district", district, core, _OLD_NAME.get(pshort, pshort), self.to_2025[pshort])
            for a in json.loads(aliases):
                for t in ("huyen", "quan", "thixa", "thanhpho", "tx", "tp", "q"):
                    if a.startswith(t) and len(a) > len(t) + 2:
                        a = a[len(t):]
                        break
                self.concat[a].append(e)

    def _ward_entries(self, legacy: list[tuple], new: list[tuple]) -> None:
        for _, pshort, _, district, _, ward, wtype in legacy:
            if not ward:
                continue
            core = _strip_type(ward, (wtype, *_WARD_TYPES))
            core = re.sub(r"\s*\(.*\)$", "", core)
            self._add(core, _Entry("ward", ward, core, _OLD_NAME.get(pshort, pshort),
                                   self.to_2025[pshort], district=district))
        for _, pshort, _, ward, wtype in new:
            core = _strip_type(ward, (wtype, *_WARD_TYPES))
            old = self.sole_old.get(pshort)
            self._add(core, _Entry("ward", ward, core, _OLD_NAME.get(old, old) if old else None, pshort))


class _Index:
    """The index as the scanner reads it, compact enough to load in a few milliseconds: keys are the
    key words joined by spaces (a word never holds one), each key maps to the numbers of its
    entries, and an entry is made from its stored bytes the first time a key that holds it is looked
    up (a query or a short plan looks up a few hundred keys of ≈ 15,000). Built from a
    ``_Gazetteer`` or loaded from the file ``_gaz`` stores; both give the same answers."""

    def __init__(self, state: dict) -> None:
        self.state = state  # what is stored: built-in types only (marshal)
        self.prefixes: frozenset[str] = state["prefixes"]  # every key's leading words, joined
        self.max_len: int = state["max_len"]
        self.to_2025: dict[str, str] = state["to_2025"]
        self.groups: dict[str, list[str]] = state["groups"]
        self.province_type: dict[str, str] = state["province_type"]
        self._ids = {"exact": state["exact"], "folded": state["folded"], "concat": state["concat"]}
        self._packed: tuple[bytes, ...] = state["entries"]
        self._entries: dict[int, _Entry] = {}
        self._found: dict[tuple[str, str], list[_Entry] | None] = {}

    @classmethod
    def build(cls, g: _Gazetteer) -> _Index:
        numbers: dict[_Entry, int] = {}
        packed: list[bytes] = []

        def ids(entries: list[_Entry]) -> tuple[int, ...]:
            out = []
            for e in entries:
                if e not in numbers:
                    numbers[e] = len(packed)
                    packed.append(marshal.dumps(tuple(getattr(e, f) for f in _ENTRY_FIELDS)))
                out.append(numbers[e])
            return tuple(out)

        state = {
            "exact": {" ".join(k): ids(v) for k, v in g.exact.items()},
            "folded": {" ".join(k): ids(v) for k, v in g.folded.items()},
            "concat": {k: ids(v) for k, v in g.concat.items()},
            "prefixes": frozenset(" ".join(k) for k in g.prefixes),
            "max_len": g.max_len, "to_2025": g.to_2025, "groups": g.groups, "province_type": g.province_type,
            "cores": {level: tuple(sorted({e.core for es in g.exact.values() for e in es if e.level == level}))
                      for level in ("province", "district", "ward")},
        }
        state["entries"] = tuple(packed)
        state["format"] = _FORMAT
        return cls(state)

    def _get(self, kind: str, key: str) -> list[_Entry] | None:
        try:
            return self._found[(kind, key)]
        except KeyError:
            pass
        numbers = self._ids[kind].get(key)
        found = None if numbers is None else [self._entry(i) for i in numbers]
        self._found[(kind, key)] = found
        return found

    def _entry(self, i: int) -> _Entry:
        e = self._entries.get(i)
        if e is None:
            e = self._entries[i] = _Entry(*marshal.loads(self._packed[i]))
        return e

    def exact(self, key: str) -> list[_Entry] | None:
        """The units whose name has this key (lower-cased words, one tone placement), or None."""
        return self._get("exact", key)

    def folded(self, key: str) -> list[_Entry] | None:
        """The same for a name written without diacritics."""
        return self._get("folded", key)

    def concat(self, key: str) -> list[_Entry] | None:
        """Former district names, folded and written without spaces."""
        return self._get("concat", key)

    def cores(self, levels: tuple[str, ...]) -> set[str]:
        return {c for level in levels for c in self.state["cores"].get(level, ())}

    def province_entry(self, short: str, display: str | None = None) -> _Entry:
        return _province_entry(short, display, self.to_2025, self.province_type)


_ENTRY_FIELDS = tuple(f.name for f in fields(_Entry))
_FORMAT = 1  # the stored index's layout; part of the file name


@lru_cache(maxsize=1)
def _gaz() -> _Index:
    """The index, built once per machine and then loaded from the user's cache directory (building
    it from the package's data takes ≈ 0.3 s; loading the stored copy ≈ 10 ms). The file name
    carries a hash of this module, of the data and of the Python version (marshal's format), so a
    new version of any rebuilds it."""
    path = _cache_path()
    if path is not None:
        try:
            with open(path, "rb") as f, _gc_paused():
                state = marshal.loads(f.read())  # from bytes: marshal.load reads a file in small pieces
                if time.time() - os.fstat(f.fileno()).st_mtime > _MARK_USED:
                    os.utime(path)  # in use: not for _prune to remove
            if isinstance(state, dict) and state.get("format") == _FORMAT:
                return _Index(state)
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            pass  # absent, unreadable or from another version: build it
    index = _Index.build(_Gazetteer())
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as f:
                f.write(marshal.dumps(index.state))
            os.replace(tmp, path)  # atomic: a parallel worker reads the old file or the new one
        except OSError:
            pass  # a read-only home: build it each run, as before
        else:
            _prune(path)
    return index


# A loaded index's file time is brought up to date when it is older than this, so the time tells
# when a process last used it (one write per half day at most, not one per process) ...
_MARK_USED = 12 * 3600
# ... and an index of another version (another gazetteer, data or Python) unused for this long is
# removed when a new one is written. Not at once: two checkouts of different versions sharing
# one cache folder would otherwise remove each other's at every start and rebuild (≈ 0.4 s).
_KEEP_UNUSED = 2 * 24 * 3600


def _prune(path: Path, prefix: str = "gazetteer-") -> None:
    """Remove the place-name indexes beside ``path`` that no process has used for
    ``_KEEP_UNUSED`` seconds: older versions' (``.marshal``, and ``.pickle`` of the layout before
    it) and temporary files a killed writer left. ``prefix``: another stored file's kind
    (extractors.segmenter's weights)."""
    now = time.time()
    for other in path.parent.glob(f"{prefix}*"):
        if other == path or not other.name.endswith((".marshal", ".pickle", ".tmp")):
            continue
        try:
            if now - other.stat().st_mtime > _KEEP_UNUSED:
                other.unlink()
        except OSError:
            pass  # removed by a parallel writer, or not ours to remove


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector held back while the index's ≈ 60,000 objects are loaded: each
    allocation would otherwise count towards collections that find nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cache_dir() -> str | None:
    """$KEHOACH_CACHE_DIR, else $XDG_CACHE_HOME/kehoach, else ~/.cache/kehoach; None to disable
    (KEHOACH_CACHE_DIR="")."""
    base = os.environ.get("KEHOACH_CACHE_DIR")
    if base == "":
        return None
    if base is None:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "kehoach")
    return base


def _cache_path() -> Path | None:
    """The stored index's file in ``cache_dir()``, its name stamped with what it is built from."""
    base = cache_dir()
    if base is None:
        return None
    try:
        data = _data_dir()
        stamp = hashlib.sha256(Path(__file__).read_bytes())
        for name in ("dataset.db", "converter_2025.json"):
            st = (data / name).stat()
            stamp.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    except (OSError, RuntimeError):
        return None
    stamp.update(f"{sys.version_info[:2]}:{_FORMAT}".encode())
    return Path(base) / f"gazetteer-{stamp.hexdigest()[:16]}.marshal"


# ---------------------------------------------------------------------------------------------
# Scanning

# Type words written before a name, longest first: (key words, levels they introduce, type name).
_PREFIXES: list[tuple[tuple[str, ...], tuple[str, ...], str]] = [
    (("thành", "phố"), ("province", "district"), "Thành phố"),
    (("thủ", "đô"), ("province",), ""),
    (("thị", "xã"), ("district",), "Thị xã"),
    (("thị", "trấn"), ("ward",), "Thị trấn"),
    (("đặc", "khu"), ("ward",), "Đặc khu"),
    (("tỉnh",), ("province",), "Tỉnh"),
    (("tp",), ("province", "district"), "Thành phố"),
    (("quận",), ("district",), "Quận"),
    (("huyện",), ("district",), "Huyện"),
    (("tx",), ("district",), "Thị xã"),
    (("phường",), ("ward",), "Phường"),
    (("xã",), ("ward",), "Xã"),
    (("q",), ("district",), "Quận"),  # Q.11 / Q. Bình Thạnh
    (("p",), ("ward",), "Phường"),  # P.5 (numbers only)
]
_PREFIX_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]] = defaultdict(list)
for _p in _PREFIXES:
    _PREFIX_BY_FIRST[_p[0][0]].append(_p)
_GLUED = re.compile(r"^(q|p|tp)\.?(\d{1,2}|hcm)$", re.IGNORECASE)  # Q11, P5, TPHCM
_PERSON_MIDDLE = {"thị", "văn", "đức", "hữu", "đình", "công"}
_STREET = {"đường", "phố", "ngõ", "hẻm", "ngách", "số", "đại", "lộ"}


@dataclass
class _Raw:
    start: int
    end: int
    level: str
    candidates: list[_Entry]
    written_type: str | None  # the type word as written, normalised ("Huyện") or None
    former: str | None = None  # a former name as written ("Thống Nông"), kept as the name


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def _name_gap_ok(gap: str) -> bool:
    return len(gap) <= 4 and "\t" not in gap and gap.count("\n") <= 1 and gap.strip(" \n") in ("", "-", "–")


def _prefix_gap_ok(gap: str) -> bool:
    return len(gap) <= 3 and "\t" not in gap and gap.strip(" \n") in ("", ".")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.g = _gaz()
        self.text = text
        keyed = unify_tones(_lower_same_length(text))
        self.toks = [m.span() for m in _WORD.finditer(text)]
        self.words = _WORD.findall(text)  # the same matches, as text
        self.keys = [k if not k.isdigit() else str(int(k)) for k in [keyed[s:e] for s, e in self.toks]]

    def gap(self, i: int) -> str:
        """Text between token i and token i+1."""
        return self.text[self.toks[i][1]:self.toks[i + 1][0]]

    def lookup(self, i: int, levels: tuple[str, ...], need_bare: bool) -> tuple[int, list[_Entry]]:
        """Longest name starting at token i: (number of tokens, entries); (0, []) when none.
        Walks forward while the words read so far begin some name (a trie walk)."""
        g, best = self.g, (0, [])
        key = ""  # the key words read so far, joined by spaces as the index's keys are
        ascii_only = True
        for j in range(i, min(len(self.toks), i + g.max_len)):
            w = self.words[j]
            if (j > i and not _name_gap_ok(self.gap(j - 1))) or not _capitalised(w):
                break
            key = self.keys[j] if j == i else f"{key} {self.keys[j]}"
            ascii_only = ascii_only and w.isascii()
            if key not in g.prefixes:
                break
            found = g.exact(key) or (g.folded(key) if ascii_only else None)
            if found:
                found = [e for e in found if e.level in levels and (e.bare or not need_bare)]
                if found:
                    best = (j - i + 1, found)
        return best

    def lookup_former(self, i: int) -> tuple[int, list[_Entry]]:
        """Former district names after a type word ("huyện Thống Nông"), known only folded."""
        for length in range(min(4, len(self.toks) - i), 0, -1):
            if not all(_capitalised(w) for w in self.words[i:i + length]):
                continue
            key = "".join(fold(w).lower() for w in self.words[i:i + length])
            found = self.g.concat(key)
            if found is not None:
                return length, found
        return 0, []

    def prefix_at(self, i: int) -> tuple[int, tuple[str, ...], str] | None:
        for words, levels, tname in _PREFIX_BY_FIRST.get(self.keys[i], ()):
            j = i + len(words)
            if j > len(self.toks) or tuple(self.keys[i:j]) != words:
                continue
            if len(words) == 2 and not _name_gap_ok(self.gap(i)):
                continue
            if j < len(self.toks) and _prefix_gap_ok(self.gap(j - 1)):
                if words in (("q",), ("p",)) and not self.keys[j].isdigit():
                    if words == ("p",) or self.gap(j - 1).strip() != ".":
                        continue
                return len(words), levels, tname
        return None

    def scan(self) -> list[_Raw]:
        out: list[_Raw] = []
        i, n = 0, len(self.toks)
        keys, words, prefixes = self.keys, self.words, self.g.prefixes
        while i < n:
            k = keys[i]
            # most words start nothing: no type word, no glued "Q11"/"P5"/"TPHCM", not a capital
            # that begins a name (the three matchers below would each return None)
            w0 = words[i][0]
            if k not in _PREFIX_BY_FIRST and w0 not in "qQpPtT" and not (w0.isupper() and k in prefixes):
                i += 1
                continue
            raw = self.match_prefixed(i) or self.match_glued(i) or self.match_bare(i)
            if raw is None:
                i += 1
                continue
            out.append(raw[0])
            i = raw[1]
        return out

    def match_prefixed(self, i: int) -> tuple[_Raw, int] | None:
        p = self.prefix_at(i)
        if p is None:
            return None
        plen, levels, tname = p
        j = i + plen
        if self.keys[i:j + 1] == ["xã", "hội"]:  # "xã hội" (society), as in the national motto
            return None
        length, found = self.lookup(j, levels, need_bare=False)
        if "province" in levels and "district" in levels and found:
            # "thành phố X": the province when X is a centrally-run city, else the district city.
            prov = [e for e in found if e.level == "province" and e.province_type == "Thành phố"]
            dist = [e for e in found if e.level == "district"]
            found = prov or dist or found
        former = None
        if not found and "district" in levels:
            length, found = self.lookup_former(j)
            if found:
                former = self.text[self.toks[j][0]:self.toks[j + length - 1][1]]
        if not found:
            return None
        level = found[0].level
        found = [e for e in found if e.level == level]
        end = self.toks[j + length - 1][1]
        return _Raw(self.toks[i][0], end, level, found, tname or None, former), j + length

    def match_glued(self, i: int) -> tuple[_Raw, int] | None:
        m = _GLUED.match(self.words[i])
        if not m:
            return None
        kind, rest = m.group(1).lower(), m.group(2)
        s, e = self.toks[i]
        if rest.lower() == "hcm":
            found = self.g.exact("hcm") or []
            return (_Raw(s, e, "province", found, None), i + 1) if found else None
        level = {"q": "district", "p": "ward", "tp": "district"}[kind]
        tname = {"q": "Quận", "p": "Phường", "tp": "Thành phố"}[kind]
        found = [x for x in self.g.exact(str(int(rest))) or [] if x.level == level]
        return (_Raw(s, e, level, found, tname), i + 1) if found else None

    def match_bare(self, i: int) -> tuple[_Raw, int] | None:
        if not _capitalised(self.words[i]) or self.words[i][0].isdigit():
            return None
        length, found = self.lookup(i, ("province", "district"), need_bare=True)
        if not found:
            return None
        if i > 0 and _name_gap_ok(self.gap(i - 1)):
            prev = self.keys[i - 1]
            if prev in _STREET:  # "đường Ngô Quyền", "phố Huế"
                return None
            if prev in _PERSON_MIDDLE and _capitalised(self.words[i - 1]) and not self.words[i - 1].isupper():
                return None  # "Nguyễn Thị Thái Bình"
        if any(e.level == "province" for e in found):
            found = [e for e in found if e.level == "province"]
        level = found[0].level
        return _Raw(self.toks[i][0], self.toks[i + length - 1][1], level, found, None), i + length


def _resolve(raws: list[_Raw], text: str) -> list[AdminMention]:
    """Pick one candidate per mention: the one whose province (or district) stands nearest."""
    anchors = _Anchors()
    for r in raws:
        provs = {e.province for e in r.candidates}
        news = {e.province_2025 for e in r.candidates}
        if len(provs) == 1 and len(news) == 1:
            dists = {e.core for e in r.candidates} if r.level == "district" else set()
            anchors.add(r.start, next(iter(provs)), next(iter(news)),
                        next(iter(dists)) if len(dists) == 1 else None)
    out = []
    for r in raws:
        best = r.candidates[0]
        if len(r.candidates) > 1:
            best = min(r.candidates, key=lambda e: anchors.distance(e, r.start))
            if anchors.distance(best, r.start) >= _FAR:
                best = _unresolved(r.candidates)
        written = text[r.start:r.end]
        name = best.name
        if r.level != "province" and r.written_type:
            name = f"{r.written_type} {best.core}"  # the type as written: units change type over time
            if best.core[0].isdigit() and r.level == "district":
                name = f"Quận {best.core}"
            if r.former:
                name = f"{r.written_type} {r.former}"
        out.append(AdminMention(r.start, r.end, written, r.level, name, best.province, best.province_2025))
    return out


_FAR = 10**9


class _Anchors:
    """Positions of unambiguous mentions by province, 2025 province and district, to place
    ambiguous ones (a "xã Tân Lập" next to "huyện Đan Phượng") by the nearest."""

    def __init__(self) -> None:
        self.by: dict[tuple[str, str], list[int]] = defaultdict(list)

    def add(self, pos: int, province: str | None, province_2025: str | None, district: str | None) -> None:
        for kind, value in (("p", province), ("n", province_2025), ("d", district)):
            if value:
                self.by[(kind, value)].append(pos)  # raws come in text order: lists stay sorted

    def _nearest(self, kind: str, value: str | None, pos: int) -> float:
        positions = self.by.get((kind, value or ""))
        if not positions:
            return _FAR
        i = bisect.bisect_left(positions, pos)
        near = [abs(positions[k] - pos) for k in (i - 1, i, i + 1)
                if 0 <= k < len(positions) and positions[k] != pos]
        return min(near, default=_FAR)

    def distance(self, e: _Entry, pos: int) -> float:
        best = self._nearest("p", e.province, pos)
        if e.district:  # same district counts more than same province
            core = _strip_type(e.district, _DISTRICT_TYPES)
            d = self._nearest("d", core, pos)
            best = min(best, d / 2 if d < _FAR else _FAR)
        if e.province is None:  # a ward of the 2025 map, placed by its new province
            best = min(best, self._nearest("n", e.province_2025, pos))
        return best


def _unresolved(cands: list[_Entry]) -> _Entry:
    """No context: keep the name; keep the province only if every candidate agrees."""
    first = cands[0]
    provs = {e.province for e in cands}
    news = {e.province_2025 for e in cands}
    return _Entry(first.level, first.name, first.core,
                  first.province if len(provs) == 1 else None,
                  first.province_2025 if len(news) == 1 else None)


def find_admin_units(text: str) -> list[AdminMention]:
    """Every province, district and ward named in ``text``, in order, with offsets into it."""
    if not text:
        return []
    return _resolve(_Scanner(text).scan(), text)


# ---------------------------------------------------------------------------------------------
# Province names

_PROV_PREFIX = re.compile(r"^\s*(?:tỉnh|thành\s+phố|thủ\s+đô|t\.?\s?p\.?)\s*(?=\S)", re.IGNORECASE)


def canonical_province(name: str) -> tuple[str | None, str | None]:
    """(63-province name, 2025 name) of a province written any way: 'tỉnh Bình Phước',
    'binh phuoc', 'BÌNH PHƯỚC', 'TP.HCM' ...; (None, None) when it names no province."""
    g = _gaz()
    name = unicodedata.normalize("NFC", name)
    s = _PROV_PREFIX.sub("", name.strip()).strip(" .,;:")
    for key, index in ((name_key(s), g.exact), (folded_key(s), g.folded)):
        provs = [e for e in index(" ".join(key)) or [] if e.level == "province"]
        if provs:
            return provs[0].province, provs[0].province_2025
    glued = "".join(folded_key(name))
    if glued in ("tphcm", "hcm", "tphochiminh", "hcmc"):
        e = g.province_entry("Hồ Chí Minh")
        return e.province, e.province_2025
    return None, None


def _tone_variants(name: str) -> set[str]:
    """The name in both tone placements ("Khánh Hòa", "Khánh Hoà")."""
    new_to_old = {v: k for k, v in _OLD_TO_NEW.items()}
    old = re.sub(f"(?:{'|'.join(new_to_old)})(?!\\w)", lambda m: new_to_old[m.group(0)], name)
    return {name, old, _OLD_TONE_RE.sub(lambda m: _OLD_TO_NEW[m.group(0)], name)}


def province_names(name: str) -> set[str]:
    """All names a province goes by, old and new: the 2025 province and every 63-era province
    merged into it, each with and without "tỉnh"/"thành phố"/"TP.", in both tone placements, plus
    known aliases ("TP.HCM", "Thừa Thiên Huế", "Hà Tây"). Empty when ``name`` names no province."""
    g = _gaz()
    _, new = canonical_province(name)
    if new is None:
        return set()
    olds = g.groups[new]
    bases = {new, *olds, *(_OLD_NAME.get(o, o) for o in olds)}
    bases |= {alias for alias, short in _PROVINCE_ALIASES if short in olds or short == new}
    out: set[str] = set()
    for b in bases:
        short = b if b in g.province_type else _short_of(b)
        ptype = g.province_type.get(short, "Tỉnh")
        forms = {b}
        if any(c.isupper() for c in b[1:]) and " " not in b:  # an abbreviation: "HCM", "BR-VT"
            pass
        elif ptype == "Thành phố":
            forms |= {f"Thành phố {b}", f"thành phố {b}", f"TP. {b}", f"TP {b}", f"Tp. {b}"}
        else:
            forms |= {f"Tỉnh {b}", f"tỉnh {b}"}
        for f in forms:
            out |= _tone_variants(f)
    if new == "Hồ Chí Minh" or "Hồ Chí Minh" in olds:
        out |= {"TP.HCM", "TP. HCM", "TPHCM", "Tp.HCM", "TP HCM", "HCM", "Sài Gòn"}
    return out


def _short_of(alias: str) -> str:
    for a, short in _PROVINCE_ALIASES:
        if a == alias:
            return short
    return alias


def unit_names(levels: tuple[str, ...] = ("province", "district")) -> set[str]:
    """Names (without their type word) of all units of the given levels, old and 2025."""
    return _gaz().cores(levels)

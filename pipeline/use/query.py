"""Finding plans and their events in the catalog: words, venue, period, issuer, type, number.

Every filter narrows a set of document ids; ``search_documents`` and ``search_events`` apply the
same ``Filters`` so `kehoach search`, `kehoach events` and `kehoach calendar` agree on what matches.

- words: FTS5 over the exact (one tone placement) and folded (no marks, đ→d) columns, exact first;
- venue: fuzzy over the catalog's venues after abbreviation expansion (``venue_key``); a province
  name matches venues in that province under its old or post-2025 name (``province_names``);
- period: events whose [start, end] overlaps it (ISO strings of any precision compare by prefix),
  or with ``issued`` the documents issued in it; partial dates ("2023-07", "2023") are accepted;
- issuer, type (abbreviation or name), number: folded comparisons.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import functools
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pipeline.catalog import db as catalog
from pipeline.read.normalise import fold, one_tone_placement

if TYPE_CHECKING:
    import sqlite_utils

# --------------------------------------------------------------------------------------------
# filters


@dataclass
class Filters:
    text: str | None = None
    venue: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    issued: bool = False  # the period applies to the issue date instead of the events
    issuer: str | None = None
    doc_type: str | None = None
    number: str | None = None
    kind: str | None = None  # events only: event | deadline
    include_missing: bool = False  # also the documents whose every file is gone from disk


_DMY = re.compile(r"^(?:(\d{1,2})[/.-])?(\d{1,2})[/.-](\d{4})$")


def parse_partial_date(value: str, *, end: bool = False) -> dt.date:
    """"2023", "2023-07", "2023-07-15", "15/7/2023" or "7/2023" -> the first day of that period,
    or its last day with ``end``. Raises ValueError on anything else."""
    s = value.strip()
    y = m = d = None
    if re.fullmatch(r"\d{4}", s):
        y = int(s)
    elif mt := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", s):
        y, m = int(mt[1]), int(mt[2])
        d = int(mt[3]) if mt[3] else None
    elif mt := _DMY.fullmatch(s):
        d = int(mt[1]) if mt[1] else None
        m, y = int(mt[2]), int(mt[3])
    else:
        raise ValueError(f"not a date: {value!r} (use 2023, 2023-07, 2023-07-15 or 15/7/2023)")
    try:
        if m is None:
            return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)
        if d is None:
            return dt.date(y, m, _calendar.monthrange(y, m)[1]) if end else dt.date(y, m, 1)
        return dt.date(y, m, d)
    except (ValueError, _calendar.IllegalMonthError) as e:
        raise ValueError(f"not a date: {value!r} ({e})") from e


@functools.lru_cache(maxsize=8192)  # a listing's events share their dates
def value_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day an ISO value of any precision covers ("2023-07" -> 1 and 31 July)."""
    if not value:
        return None
    day = value[:10]
    try:
        return parse_partial_date(day), parse_partial_date(day, end=True)
    except ValueError:
        return None


# Phụ lục III abbreviations (and the Youth Union's CV) -> the type word as the catalog stores it.
# Looked up as written first ("HD" hướng dẫn vs "HĐ" hợp đồng), then folded.
TYPE_ABBREVIATIONS = {
    "KH": "KẾ HOẠCH", "TB": "THÔNG BÁO", "BC": "BÁO CÁO", "QĐ": "QUYẾT ĐỊNH", "HD": "HƯỚNG DẪN",
    "GM": "GIẤY MỜI", "CV": "CÔNG VĂN", "TTR": "TỜ TRÌNH", "CTR": "CHƯƠNG TRÌNH", "QC": "QUY CHẾ",
    "QYĐ": "QUY ĐỊNH", "NQ": "NGHỊ QUYẾT", "CT": "CHỈ THỊ", "BB": "BIÊN BẢN", "PA": "PHƯƠNG ÁN",
    "ĐA": "ĐỀ ÁN", "DA": "DỰ ÁN", "TC": "THÔNG CÁO", "CĐ": "CÔNG ĐIỆN", "GGT": "GIẤY GIỚI THIỆU",
    "GUQ": "GIẤY ỦY QUYỀN", "HĐ": "HỢP ĐỒNG", "KL": "KẾT LUẬN", "PG": "PHIẾU GỬI", "PC": "PHIẾU CHUYỂN",
    "PB": "PHIẾU BÁO", "TTRI": "THÔNG TRI", "LCT": "LỊCH CÔNG TÁC",
}


def doc_type_name(value: str) -> str:
    """"KH", "kh", "KẾ HOẠCH" or "ke hoach" -> the folded type word ("ke hoach")."""
    s = value.strip()
    name = TYPE_ABBREVIATIONS.get(s.upper())
    if name is None:
        folded = {fold(k): v for k, v in TYPE_ABBREVIATIONS.items() if fold(k) != fold("ĐA")}
        name = folded.get(fold(s), s)
    return fold(name)


def _number_key(value: str) -> str:
    return re.sub(r"[\s\-–/.]+", "-", fold(value)).strip("-")


def number_matches(query: str, number: str | None) -> bool:
    """A bare number ("39", "05") matches the document number's digits; a symbol ("39-BC/ĐTN",
    "KH-UBND", "39 BC ĐTN") matches when its separator-insensitive form is part of it."""
    if not number:
        return False
    q = query.strip()
    if q.isdigit():
        lead = re.match(r"\s*(\d+)", number)
        return bool(lead) and int(lead[1]) == int(q)
    qk, nk = _number_key(q), _number_key(number)
    return bool(qk) and re.search(rf"(?:^|-){re.escape(qk)}(?:$|-)", nk) is not None


def _words(text: str) -> list[str]:
    return list(_key_words(text))


@functools.lru_cache(maxsize=65536)
def _key_words(text: str) -> tuple[str, ...]:
    from extractors.venues import venue_key  # abbreviation expansion: UBND, NVH, TP., Q. ...

    return tuple(venue_key(text).split())


def words_match(query_words: list[str], target_words: list[str]) -> bool:
    """Every query word is in the target, exactly or (long words) with a one-letter slip."""
    from rapidfuzz.distance import Indel

    targets = set(target_words)
    for w in query_words:
        if w in targets:
            continue
        if len(w) < 5 or w.isdigit() or not any(
                Indel.normalized_similarity(w, t) >= 0.85 for t in targets if not t.isdigit()):
            return False
    return True


# --------------------------------------------------------------------------------------------
# venues


@dataclass
class VenueQuery:
    """A --venue value taken apart: the provinces it names (post-2025 naming, and every name those
    provinces go by) and the other words it holds."""

    text: str
    provinces_2025: set[str]
    province_words: list[list[str]]  # each name a province goes by, as venue_key words
    words: list[str]

    @classmethod
    def parse(cls, text: str) -> VenueQuery:
        from extractors.gazetteer import canonical_province, find_admin_units, province_names

        provinces: set[str] = set()
        names: set[str] = set()
        _, whole = canonical_province(text)
        if whole:  # the value is a province and nothing else: "Bình Phước", "TP. HCM", "dong nai"
            provinces.add(whole)
            names |= province_names(text)
            rest = ""
        else:
            rest = text
            for u in reversed(find_admin_units(text)):
                if u.level == "province" and u.province_2025:
                    provinces.add(u.province_2025)
                    names |= province_names(u.name)
                    rest = rest[:u.start] + " " + rest[u.end:]
        province_words = sorted({tuple(_words(_strip_province_type(n))) for n in names} - {()})
        return cls(text, provinces, [list(w) for w in province_words], _words(rest))

    def score(self, name: str, provinces_2025: list[str]) -> float:
        """0..100: how well a catalog venue answers the query (0: it does not)."""
        from extractors.venues import venue_similarity

        venue_words = _words(name)
        if not set(w for w in self.words if w.isdigit()) <= set(venue_words):
            return 0.0  # "Quận 12" is not "Quận 11", however alike the rest
        if self.provinces_2025 and not (self.provinces_2025 & set(provinces_2025)) and not any(
                _contains(venue_words, pw) for pw in self.province_words):
            return 0.0
        if not self.words:
            return 100.0
        if words_match(self.words, venue_words):
            return 100.0 if _contains(venue_words, self.words) else 95.0
        if _similarity_bound(self.text, name) < 85:  # cannot reach 85: the costly part is not needed
            return 0.0
        whole = venue_similarity(self.text, name)
        return whole if whole >= 85 else 0.0


@functools.lru_cache(maxsize=65536)
def _expanded_key(text: str) -> str:
    from extractors.venues import _expanded

    return _expanded(text)


def _similarity_bound(a: str, b: str) -> float:
    """``extractors.venues.venue_similarity`` without its last step, which only halves the score
    (two different provinces named) and costs most of the time (finding the places in both names):
    an upper bound of it, rounded the same way."""
    from rapidfuzz.distance import Indel

    ka, kb = _expanded_key(a), _expanded_key(b)
    if ka.isascii() or kb.isascii():
        ka, kb = fold(ka), fold(kb)
    if not ka or not kb:
        return 0.0
    return round(100 * (Indel.normalized_similarity(ka.split(), kb.split())
                        + Indel.normalized_similarity(ka, kb)) / 2, 1)


_PROVINCE_TYPE = re.compile(r"^(?:tỉnh|thành phố|tp\.?|thủ đô)\s+", re.IGNORECASE)


def _strip_province_type(name: str) -> str:
    return _PROVINCE_TYPE.sub("", name.strip())


def _contains(words: list[str], seq: list[str]) -> bool:
    n = len(seq)
    return any(words[i:i + n] == seq for i in range(len(words) - n + 1))


def match_venue_names(db: sqlite_utils.Database, venue: str, threshold: float = 85.0) -> dict[int, tuple[str, float]]:
    """venue_names id -> (name as written, score) for the distinct catalog venues matching ``venue``.
    Archives repeat their venues: each distinct name is scored once, not once per document."""
    q = VenueQuery.parse(venue)
    found: dict[int, tuple[str, float]] = {}
    for vid, name, provinces in db.execute("select id, name, provinces_2025 from venue_names"):
        score = q.score(name or "", json.loads(provinces or "[]"))
        if score >= threshold:
            found[vid] = (name, score)
    return found


def match_venues(db: sqlite_utils.Database, venue: str, threshold: float = 85.0) -> dict[int, dict[str, float]]:
    """document id -> {venue name as written: score} for the catalog venues matching ``venue``."""
    names = match_venue_names(db, venue, threshold)
    found: dict[int, dict[str, float]] = {}
    for doc_id, name_id in db.execute(f"select document_id, name_id from venues where name_id in ({_ids(names)})"):
        found.setdefault(doc_id, {})[names[name_id][0]] = names[name_id][1]
    return found


def _ids(ids: Any) -> str:
    return ",".join(str(int(i)) for i in ids) or "null"


# --------------------------------------------------------------------------------------------
# SQL pieces

# An event overlaps [:from, :to] when it starts on or before :to and ends on or after :from.
# Values of any precision compare as strings: "2023-07" <= "2023-07-15" is true, and :from cut to
# the value's length ("2023-07") makes a month end on its last day.
EVENT_OVERLAP_SQL = (
    "e.start is not null and substr(e.start, 1, 10) <= :to "
    "and coalesce(e.end, e.start) >= substr(:from, 1, length(coalesce(e.end, e.start)))"
)
# The same condition in a form the index on events(start) can serve: an event overlapping the period
# starts before its end (":to" + "~" sorts after any time of day on that day) and, as no scheduled
# item lasts longer than a year, not more than a year before its start.
EVENT_OVERLAP_INDEXED_SQL = "e.start >= :start_lo and e.start <= :start_hi and " + EVENT_OVERLAP_SQL
# Tighter still, as three index ranges: an event without an end overlaps only if it starts in the
# period's year as a bare year ("2023") or from the period's month on ("2023-07" sorts before
# "2023-07-15"); only events with an end (a partial index holds their starts) need the year before.
EVENT_IDS_SQL = (
    "select e.id from events e where e.start = :from_year union all "
    "select e.id from events e where e.start >= :from_month and e.start <= :start_hi union all "
    "select e.id from events e where e.end is not null and e.start >= :start_lo and e.start <= :start_hi"
)
EVENT_OVERLAP_FAST_SQL = f"e.id in ({EVENT_IDS_SQL}) and " + EVENT_OVERLAP_SQL
# Of those, the ones starting before the period's month: a bare year, or a range begun earlier;
# overlap checked in the indexes, which hold start and end (thousands of ranges begin in the year
# before a period, few reach into it: their rows are not read)
EVENT_IDS_BEFORE_SQL = (
    f"select e.id from events e where e.start = :from_year and {EVENT_OVERLAP_SQL} union all "
    "select e.id from events e where e.end is not null and e.start >= :start_lo and e.start < :from_month "
    f"and {EVENT_OVERLAP_SQL}"
)
# The documents with an event in the period, from the covering indexes on (start, end, document_id)
# alone: no event row is read.
EVENT_DOCUMENTS_SQL = (
    f"select e.document_id from events e where e.start = :from_year and {EVENT_OVERLAP_SQL} union all "
    f"select e.document_id from events e where e.start >= :from_month and e.start <= :start_hi "
    f"and {EVENT_OVERLAP_SQL} union all "
    f"select e.document_id from events e where e.end is not null and e.start >= :start_lo "
    f"and e.start <= :start_hi and {EVENT_OVERLAP_SQL}"
)
_FAR_PAST, _FAR_FUTURE = "0000-01-01", "9999-12-31"


def _period(f: Filters) -> dict[str, str]:
    lo = (f.date_from - dt.timedelta(days=400)).isoformat() if f.date_from else _FAR_PAST
    return {"from": f.date_from.isoformat() if f.date_from else _FAR_PAST,
            "to": f.date_to.isoformat() if f.date_to else _FAR_FUTURE,
            "start_lo": lo[:4] if f.date_from else "", "start_hi": (f.date_to.isoformat() if f.date_to
                                                                     else _FAR_FUTURE) + "~",
            "from_year": f.date_from.isoformat()[:4] if f.date_from else "",
            "from_month": f.date_from.isoformat()[:7] if f.date_from else ""}


def _has_period(f: Filters) -> bool:
    return f.date_from is not None or f.date_to is not None


def fts_expressions(words: str) -> list[str]:
    """FTS5 queries from the most to the least exact: the words as one phrase as written, the same
    phrase folded, then every word anywhere (as written, then folded). A Vietnamese word is several
    syllables, so "Thanh Hóa" as a phrase is the province, as loose syllables "thanh niên ... văn hóa"."""
    tokens = list(catalog._tokens(words))
    if not tokens:
        return []
    exact = [one_tone_placement(t).replace('"', "") for t in tokens]
    folded = [fold(t).replace('"', "") for t in tokens]
    out = [
        "{title_norm text_norm} : \"" + " ".join(exact) + "\"",
        "{title_folded text_folded} : \"" + " ".join(folded) + "\"",
    ]
    if len(tokens) > 1:
        out += list(catalog.fts_query(words))
    return out


def _fts_ids(db: sqlite_utils.Database, words: str, limit: int | None = None,
             where: str | list[str] = "", params: dict[str, Any] | None = None,
             exclude: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """Document ids matching the words, best first (see ``fts_expressions``): the ids of each
    expression by its rank, after those of the more exact ones; an expression matching more than
    ``RANK_MAX`` documents lists its title matches first, then the most recently catalogued (bm25
    over tens of thousands of matches costs hundreds of milliseconds). With ``limit``, the list
    stops once full; ``where`` (conditions on documents ``d``: one, or a list that must all hold)
    keeps only the documents meeting it,
    and the ids in ``exclude`` are left out."""
    keep: set[int] | None = None
    if where:  # the other filters first: one query, then the full-text ids are checked against it
        keep = _filtered_ids(db, where, params or {})
        if not keep:
            return []
    ids: dict[int, None] = {}
    base = "select rowid from documents_fts where documents_fts match :expr"
    exprs = fts_expressions(words)
    total = db.execute("select max(rowid) from documents").fetchone()[0] or 0

    @functools.cache
    def first(expr: str) -> list[int]:
        """The ids the expression matches, up to RANK_MAX + 1 (in the index's order)."""
        return [i for (i,) in db.execute(base + f" limit {RANK_MAX + 1}", {"expr": expr})]

    def many(expr: str) -> bool:
        """Whether the expression matches more than RANK_MAX documents (at most that many read)."""
        return len(first(expr)) > RANK_MAX

    def matching(sql: str, expr: str, among: set[int]) -> Any:
        """The rows of ``sql`` whose ids are in ``among``, in the query's order. A few ids are each
        looked up in the index (≈ 30-80 µs each), when the expression matches so many documents
        that reading its list would cost more; otherwise the index's matches are read in order
        and SQLite checks each against the set (an ephemeral index made from the JSON list, not row
        by row in Python). The rows are the same either way."""
        few = " order by rank" not in sql and (len(among) <= LOOKUP_FEW or (
            len(among) * LOOKUP_SHARE <= total and many(expr)))
        # "+" keeps the id list from driving the query (the index is read in its order)
        cond = " and rowid in (select value from json_each(:keep))" if few else \
            " and +rowid in (select value from json_each(:keep))"
        return db.execute(sql.replace(" match :expr", " match :expr" + cond),
                          {"expr": expr, "keep": json.dumps(sorted(among))})

    # the filtered documents each expression matches, when known without reading the index again
    within: dict[str, set[int]] = {}
    if keep is not None:
        # Every expression's matches are among those of the loosest two (the words anywhere, as
        # written and folded; a phrase's words are words), so the filtered documents matching neither
        # are dropped first: two reads of the index instead of up to eight when nothing matches.
        loose = {expr: {i for (i,) in matching(base, expr, keep)} for expr in exprs[-2:]}
        keep = set().union(*loose.values())
        if not keep:
            return []
        within.update(loose)  # (each a subset of the new ``keep``: its matches among it are itself)
    # a phrase's matches are among those of its words anywhere in the same form (exact, folded):
    # the phrase is looked for among those only
    narrower = dict(zip(exprs[:2], exprs[2:], strict=True)) if len(exprs) == 4 else {}

    def take(sql: str, expr: str, among: set[int] | None) -> bool:
        """Add the ids of one query (among ``among`` only, if given); True once the list is full."""
        rows = db.execute(sql, {"expr": expr}) if among is None else matching(sql, expr, among)
        return take_ids(rowid for (rowid,) in rows)

    def take_ids(rows: Any) -> bool:
        for rowid in rows:
            if rowid not in exclude:
                ids.setdefault(rowid, None)
                if limit is not None and len(ids) >= limit:
                    return True
        return False

    for expr in exprs:
        if limit is not None and len(ids) >= limit:
            break
        among = None
        if keep is not None:  # the filtered documents this expression adds; none or one need no order
            if expr in within:
                found = within[expr]
            else:
                pool = within.get(narrower.get(expr, ""), keep)
                found = {i for (i,) in matching(base, expr, pool)} if pool else set()
            among = found - ids.keys() - exclude
            if len(among) <= 1:
                ids.update(dict.fromkeys(among))
                continue
        if not many(expr):
            # none or one that is not listed yet: nothing to rank (a phrase of two common words that
            # never meet costs as much to rank as to find, and an earlier tier may have listed all)
            new = [] if among is not None else [i for i in first(expr) if i not in ids and i not in exclude]
            if among is None and len(new) <= 1:
                if take_ids(new):
                    break
                continue
            if take(base + " order by rank", expr, among):
                break
            continue
        title = expr.replace("{title_norm text_norm}", "{title_norm}").replace(
            "{title_folded text_folded}", "{title_folded}")
        if take(base + " order by rowid desc", title, among) or take(base + " order by rowid desc", expr, among):
            break
    return list(ids)


def _one_group(sql: str) -> bool:
    """Whether ``sql`` is one parenthesised group: "(a (b) c)", not "(a) and (b)"."""
    depth = 0
    for i, c in enumerate(sql):
        depth += (c == "(") - (c == ")")
        if depth == 0 and i < len(sql) - 1:
            return False
    return depth == 0


_D_COLUMN = re.compile(r"(?<![\w.])d\.(\w+)")
_D_ID = re.compile(r"(?<![\w.])d\.id\b")


def _filtered_ids(db: Any, where: str | list[str], params: dict[str, Any]) -> set[int]:
    """The ids of the documents meeting ``where`` (conditions on documents ``d``: one, or a list
    that must all hold). When every condition of a list is on ``d.id`` alone and one lists its ids
    (``d.id in (SQL)``), that list is read and the others checked on its ids, without reading the
    documents' rows (each holds its text and record, ≈ 4 KB: a seek per id); otherwise
    through the documents table."""
    conds = [] if isinstance(where, str) else list(where)
    where_sql = where if isinstance(where, str) else " and ".join(conds)
    # ("+d.id in (...)": the same list, in the form that keeps it from driving a page-order walk)
    lists = [c for c in conds if c.removeprefix("+").startswith("d.id in (") and c.endswith(")")
             and _one_group(c.removeprefix("+")[8:])]
    if conds and lists and all(set(_D_COLUMN.findall(c)) <= {"id"} for c in conds):
        ids = {i for (i,) in db.execute(lists[0].removeprefix("+")[len("d.id in ("):-1], params)}
        rest = [c for c in conds if c is not lists[0]]
        if not ids or not rest:
            return ids
        sql = ("select value from json_each(:kehoach_ids) where "
               + " and ".join(_D_ID.sub("value", c.replace("+d.id", "d.id")) for c in rest))
        return {i for (i,) in db.execute(sql, {**params, "kehoach_ids": json.dumps(sorted(ids))})}
    # as sets (no "+": here the filters drive the query, there is no page order to walk)
    return {i for (i,) in db.execute(f"select d.id from documents d where {where_sql.replace('+d.', 'd.')}",
                                     params)}


# A filtered word search looks the filtered documents up one by one in the full-text index when they
# are at most LOOKUP_FEW, or at most 1/LOOKUP_SHARE of the catalog and the words match more than
# RANK_MAX documents (reading a common word's list of 100,000 documents costs as much as ≈ 500
# lookups); otherwise it reads the words' lists
LOOKUP_FEW = 40
LOOKUP_SHARE = 150


# A tier of a word search with more matches than this is not ranked by bm25 (see ``_fts_ids``).
RANK_MAX = 2000


def _doc_where(f: Filters) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions on documents ``d`` for the filters SQL can answer directly."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if f.issued and _has_period(f):
        where.append("d.issue_date is not null and d.issue_date between :from and :to")
        params.update(_period(f))
    if f.doc_type:
        where.append("kehoach_type_matches(d.doc_type, d.number, :doc_type)")
        params["doc_type"] = f.doc_type
    if f.issuer:
        where.append("kehoach_issuer_matches(d.issuer, d.issuer_parent, :issuer)")
        params["issuer"] = f.issuer
    if f.number:
        where.append("kehoach_number_matches(:number, d.number)")
        params["number"] = f.number
    return where, params


def _narrow(db: sqlite_utils.Database, f: Filters, where: list[str]) -> None:
    """Put index-friendly conditions in place of the Python matchers of ``_doc_where`` (what matches
    is unchanged): the type and issuer matchers run once per distinct value in the catalog, and a
    filter that keeps few documents is answered as a set of ids through its index (a rare type
    would otherwise be looked for along the whole issue-date order); a bare number goes through
    the index on its leading integer."""
    def as_ids(sql: str, fallback: str) -> str:
        return _ids_or_scan(db, sql, {"doc_type": f.doc_type}, fallback)

    if f.doc_type:
        where.remove("kehoach_type_matches(d.doc_type, d.number, :doc_type)")
        types = [t for (t,) in db.execute("select distinct doc_type from documents where doc_type is not null")
                 if _type_matches(t, None, f.doc_type)]
        lst = ",".join(_sql_str(t) for t in types) or "null"
        untyped = "doc_type is null and kehoach_type_matches(null, number, :doc_type)"
        where.insert(0, as_ids(f"select id from documents indexed by idx_documents_doc_type where doc_type in "
                               f"({lst}) union all select id from documents indexed by idx_documents_doc_type "
                               f"where {untyped}",
                               f"(+d.doc_type in ({lst}) or (d.doc_type is null and "
                               "kehoach_type_matches(null, d.number, :doc_type)))"))
    if f.issuer:
        where.remove("kehoach_issuer_matches(d.issuer, d.issuer_parent, :issuer)")
        distinct = {n for col in ("issuer", "issuer_parent")  # each through its own index
                    for (n,) in db.execute(f"select distinct {col} from documents where {col} is not null")}
        names = sorted(n for n in distinct if _issuer_matches(n, None, f.issuer))
        lst = ",".join(_sql_str(n) for n in names) or "null"
        where.insert(0, as_ids(f"select id from documents indexed by idx_documents_issuer where issuer in ({lst}) "
                               f"union select id from documents indexed by idx_documents_issuer_parent "
                               f"where issuer_parent in ({lst})",
                               f"(+d.issuer in ({lst}) or +d.issuer_parent in ({lst}))"))
    if f.number and f.number.strip().isdigit():
        where.insert(0, f"cast(d.number as integer) = {int(f.number.strip())}")


def _ids_or_scan(db: sqlite_utils.Database, sql: str, params: dict[str, Any], scan: str,
                 count: str | None = None) -> str:
    """The condition for documents whose ids ``sql`` selects: ``d.id in (sql)`` when they are few
    (sorting them is cheap), else ``scan``, which SQLite checks row by row along the issue-date
    index until the page is full (a common filter finds fifty rows at once; sorting tens of
    thousands of ids took 150 ms). "+" keeps a column's index from driving the query. ``count``:
    the same rows from an index alone, to count them without reading the table."""
    total = db.execute("select max(id) from documents").fetchone()[0] or 0
    cap = total // 20 + 1  # counted only up to a twentieth of the catalog
    n = db.execute(f"select count(*) from ({count or sql} limit {cap})", params).fetchone()[0]
    return f"d.id in ({sql})" if n < cap else scan


def _few(db: Any, sql: str, params: dict[str, Any], table: str, count: str | None = None) -> bool:
    """Whether ``sql`` (or ``count``, the same rows from an index alone) selects less than a
    twentieth of ``table``'s rows (counted up to that)."""
    total = db.execute(f"select max(rowid) from {table}").fetchone()[0] or 0
    cap = total // 20 + 1
    return db.execute(f"select count(*) from ({count or sql} limit {cap})", params).fetchone()[0] < cap


def _venue_rows(names: dict[int, Any]) -> str:
    """The venue rows of these names, counted from the index on names alone (selecting
    ``document_id`` read each row: 35 ms against 3 ms for 50,000 rows at 1,000,000 documents)."""
    return f"select 1 from venues v where v.name_id in ({_ids(names)})"


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def register_functions(conn: Any) -> None:
    """SQL functions the queries use (also registered in Datasette for its canned queries)."""
    conn.create_function("kehoach_fold", 1, lambda s: fold(s) if s else s, deterministic=True)
    conn.create_function("kehoach_type_matches", 3, _type_matches, deterministic=True)
    conn.create_function("kehoach_issuer_matches", 3, _issuer_matches, deterministic=True)
    conn.create_function("kehoach_number_matches", 2, lambda q, n: number_matches(q or "", n),
                         deterministic=True)


def _type_matches(doc_type: str | None, number: str | None, query: str) -> bool:
    want = doc_type_name(query)
    if doc_type:
        return fold(doc_type) == want
    # no type word read: the type part of the symbol ("05/KH-UBND") still says what it is
    sym = re.match(r"\s*\d*\s*[/\-]?\s*([^/\-\s]+)", number or "")
    return bool(sym) and doc_type_name(sym[1]) == want


def _issuer_matches(issuer: str | None, parent: str | None, query: str) -> bool:
    q = _words(query)
    return bool(q) and any(words_match(q, _words(x)) for x in (issuer, parent) if x)


# --------------------------------------------------------------------------------------------
# documents


def search_documents(db: sqlite_utils.Database, f: Filters, limit: int | None = 50) -> list[dict[str, Any]]:
    """Documents matching every filter; ranked by the words when given, else newest first.
    Each row has the document id, its source path, a snippet for word searches, the matched
    venues and the span of its events. A plan catalogued from several files (twins: the same
    number, issuer and year in .docx, .pdf ...) is one row, the first of its documents to match,
    with every present file of the plan in ``files`` and their ``formats``."""
    register_functions(db.conn)
    where, params = _doc_where(f)
    _narrow(db, f, where)
    # documents whose every file is gone from disk: left out unless asked for
    gone = set() if f.include_missing else set(catalog.missing_document_ids(db))
    if _has_period(f) and not f.issued:
        sql = EVENT_DOCUMENTS_SQL
        where.append(_ids_or_scan(db, sql, _period(f), f"+d.id in ({sql})"))
        params.update(_period(f))
    names = match_venue_names(db, f.venue) if f.venue else None
    if names is not None:
        sql = f"select v.document_id from venues v where v.name_id in ({_ids(names)})"
        # a venue in many plans is checked per document (its venues, through their index) instead
        # of listing its thousands of documents first
        where.append(_ids_or_scan(db, sql, {}, "exists (select 1 from venues v where v.document_id = d.id "
                                               f"and v.name_id in ({_ids(names)}))", _venue_rows(names)))
    want = limit or None
    twins = _has_twins(db)
    # a plan's other files fold into its first row: with twins in the catalog, ask for more rows and
    # more again until the page is full or nothing is left
    fetch = want + want // 2 + 1 if want and twins else want
    if not f.text and gone:
        where.append(f"d.id not in ({_ids(gone)})")
    while True:
        if f.text:  # ranked by the full-text index, filtered and cut in SQL
            ids = _fts_ids(db, f.text, fetch, list(where), params, exclude=gone)
            cond, args, order, sql_limit = [f"d.id in ({_ids(ids)})"], {}, "", ""
        else:
            ids = None
            # newest first, undated last: SQLite sorts NULL lowest, so "desc" puts them last, and this
            # form walks the index on issue_date ("issue_date is null, ..." sorted the whole catalog)
            cond, args, order = where, params, " order by d.issue_date desc, d.id"
            sql_limit = f" limit {int(fetch)}" if fetch else ""
        sql = (
            "select d.id, d.doc_type, d.number, d.issuer, d.issue_date, d.title, d.sha256, "
            "d.path as stored_path, d.twin_of "
            "from documents d" + (" where " + " and ".join(cond) if cond else "") + order + sql_limit
        )
        raw = list(db.query(sql, args))
        if ids is not None:
            rank = {doc_id: i for i, doc_id in enumerate(ids)}
            raw.sort(key=lambda r: rank[r["id"]])
        rows = _one_per_plan(raw)
        if not fetch or len(rows) >= want or len(raw) < fetch:
            break
        fetch *= 4
    rows = rows[:want] if want else rows
    _shown(db, rows, twins, names)
    for r in rows:
        if f.text:
            r["snippet"] = snippet(db, r["id"], f.text)
    return rows


def _shown(db: Any, rows: list[dict[str, Any]], twins: bool, names: dict[int, tuple[str, float]] | None) -> None:
    """Each shown row's event span, source path, files of its plan and venues, looked up for the
    whole page in one query each (``plan_files``, ``_source_path`` and ``_venues_of`` per row)."""
    if not rows:
        return
    ids = _ids(r["id"] for r in rows)
    span = {d: (a, b) for d, a, b in db.execute(
        "select e.document_id, min(substr(e.start, 1, 10)), max(substr(coalesce(e.end, e.start), 1, 10)) "
        f"from events e where e.document_id in ({ids}) group by e.document_id")}
    files: dict[int, list[tuple[str, str | None, int]]] = {}
    if twins:  # a plan's documents are its first one and its twins
        plans = _ids(r["plan"] for r in rows)
        for path, fmt, doc, plan in db.execute(
                "select f.path, d.format, d.id, coalesce(d.twin_of, d.id) from documents d join files f "
                f"on f.document_id = d.id and f.sha256 = d.sha256 where (d.id in ({plans}) "
                f"or d.twin_of in ({plans})) and f.missing_since is null order by d.id, f.rowid"):
            files.setdefault(plan, []).append((path, fmt, doc))
    first: dict[str, str] = {}  # sha256 -> the first file catalogued that is still on disk
    for sha, path in db.execute("select sha256, path from files where sha256 in (select value from json_each(?)) "
                                "order by sha256, missing_since is not null, rowid",
                                [json.dumps(sorted({r["sha256"] for r in rows}))]):
        first.setdefault(sha, path)
    venues: dict[int, list[str]] = {}
    if names is not None:  # the matched venue names, each once, in the order they first appear
        matched: dict[int, dict[int, None]] = {}
        for doc, name_id in db.execute(f"select document_id, name_id from venues where document_id in ({ids}) "
                                       f"and name_id in ({_ids(names)}) order by document_id, id"):
            matched.setdefault(doc, {})[name_id] = None
        venues = {doc: [names[n][0] for n in found] for doc, found in matched.items()}
    else:
        for doc, name in db.execute(f"select document_id, name from venues where document_id in ({ids}) "
                                    "order by document_id, id"):
            venues.setdefault(doc, []).append(name)
    for r in rows:
        r["first_event"], r["last_event"] = span.get(r["id"], (None, None))
        plan_docs = files.get(r.pop("plan"), []) if twins else []
        own = next((p for p, _, doc in plan_docs if doc == r["id"]), None)
        stored = r.pop("stored_path", None)
        r["path"] = own or first.get(r["sha256"], stored)
        r["files"] = [p for p, _, _ in plan_docs] if len(plan_docs) > 1 else None
        r["formats"] = sorted({fmt for _, fmt, _ in plan_docs if fmt}) if twins else None
        r["venues"] = venues.get(r["id"], [])


def _event_corrections(db: Any, doc_id: int) -> dict[int, dict[str, Any]]:
    """event position -> {field: extracted value} of the document's corrected events."""
    row = db.execute("select json_extract(kehoach_record(record, text_norm), '$.corrected') from documents "
                     "where id = ?", [doc_id]).fetchone()
    out: dict[int, dict[str, Any]] = {}
    for key, entry in json.loads(row[0] if row and row[0] else "{}").items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "events" and parts[1].isdigit():
            out.setdefault(int(parts[1]) - 1, {})[parts[2]] = entry.get("was")
    return out


def _chained(db: Any, sqls: list[str], params: dict[str, Any], limit: int | None) -> Iterator[dict[str, Any]]:
    """The rows of each query in turn, at most ``limit`` in all (each query limited in SQL)."""
    left = limit
    for sql in sqls:
        for r in db.query(sql + (f" limit {int(left)}" if left is not None else ""), params):
            yield r
            if left is not None:
                left -= 1
        if left is not None and left <= 0:
            return


def _looked_up(db: Any, rows: Iterator[dict[str, Any]], docs: dict[int, tuple[str, str | None, list[str], bool]],
               chunk: int = 256, twins_exist: bool = True) -> Iterator[dict[str, Any]]:
    """The event rows, in chunks, each chunk's documents looked up first in four queries (not four
    per document): ``docs`` gets document id -> (calendar UID basis: the sha256 of the plan's first
    file, the source path, the plan's venues, whether other files of the plan are catalogued)."""
    while batch := list(itertools.islice(rows, chunk)):
        new = {r["document_id"]: r for r in batch if r["document_id"] not in docs}
        if new:
            twins = {r["twin_of"] for r in new.values() if r["twin_of"]}
            shas = dict(db.execute(f"select id, sha256 from documents where id in ({_ids(twins)})")) if twins else {}
            # the plans' first documents that have twins (partial index on twin_of)
            twinned = {i for (i,) in db.execute(
                f"select distinct twin_of from documents where twin_of in ({_ids(new)})")} if twins_exist else set()
            venues: dict[int, list[str]] = {}
            for doc, name in db.execute(f"select document_id, name from venues where document_id in ({_ids(new)}) "
                                        "order by document_id, id"):
                if name not in (names := venues.setdefault(doc, [])):
                    names.append(name)
            paths: dict[str, str] = {}
            for sha, path in db.execute(  # the first file catalogued that is still on disk (_source_path)
                    "select sha256, path from files where sha256 in (select value from json_each(?)) "
                    "order by sha256, missing_since is not null, rowid",
                    [json.dumps(sorted({r["sha256"] for r in new.values()}))]):
                paths.setdefault(sha, path)
            for doc, r in new.items():
                docs[doc] = (shas.get(r["twin_of"], r["sha256"]) if r["twin_of"] else r["sha256"],
                             paths.get(r["sha256"], r["stored_path"]), venues.get(doc, []), doc in twinned)
        yield from batch


def _has_twins(db: Any) -> bool:
    """Whether any document is another file of a plan catalogued before (partial index on twin_of)."""
    return db.execute("select 1 from documents where twin_of is not null limit 1").fetchone() is not None


def _one_per_plan(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first row of each plan (``plan``: the id of its first catalogued document)."""
    out: dict[int, dict[str, Any]] = {}
    for r in rows:
        plan = r.pop("twin_of") or r["id"]
        if plan not in out:
            out[plan] = {**r, "plan": plan}
    return list(out.values())


def plan_files(db: Any, plan_id: int) -> list[tuple[str, str | None, int]]:
    """(path, format, document id) of every file on disk of a plan: its documents are the plan's and
    its twins'."""
    return [(p, fmt, doc) for p, fmt, doc in db.execute(
        "select f.path, d.format, d.id from documents d join files f on f.document_id = d.id and f.sha256 = d.sha256 "
        "where (d.id = ? or d.twin_of = ?) and f.missing_since is null order by d.id, f.rowid",
        [plan_id, plan_id])]


def _source_path(db: sqlite_utils.Database, sha: str, stored: str | None) -> str | None:
    """The document's source file: the first one catalogued that is still on disk."""
    row = db.execute("select path from files where sha256 = ? order by missing_since is not null, rowid limit 1",
                     [sha]).fetchone()
    return row[0] if row else stored



def _venues_of(db: sqlite_utils.Database, doc_id: int) -> list[str]:
    return [r[0] for r in db.execute("select name from venues where document_id = ? order by id", [doc_id])]


def snippet(db: sqlite_utils.Database, doc_id: int, words: str, width: int = 60) -> str:
    """The text around the first match, as written, match in [brackets]. Folding keeps one character
    per character, so a match found in the folded text is cut from the written text at the same place."""
    row = db.execute("select title_norm, text_norm from documents where id = ?", [doc_id]).fetchone()
    if not row:
        return ""
    tokens = [fold(t) for t in catalog._tokens(words)]
    if not tokens:
        return ""
    title, text = row[0] or "", catalog.unpack_text(row[1])
    # the words together first ("dong nai" is "Đồng Nai", not the first "động")
    widenable = {id(text): _widenable(text), id(title): _widenable(title)}  # checked once per text
    for any_word in (False, True):
        for written in (text, title):
            folded, m = _search_folded(written, tokens, any_word, widenable[id(written)])
            if not m:
                continue
            shown = written if len(written) == len(folded) else folded
            a, b = max(0, m.start() - width), min(len(shown), m.end() + width)
            out = shown[a:m.start()] + "[" + shown[m.start():m.end()] + "]" + shown[m.end():b]
            out = re.sub(r"\s+", " ", out).strip()
            return ("…" if a > 0 else "") + out + ("…" if b < len(shown) else "")
    return ""


def _widenable(written: str) -> bool:
    """Whether every character of the text is in the classes of ``_fold_classes``."""
    return not _fold_classes()[1].search(written)


def _search_folded(written: str, tokens: list[str], any_word: bool,
                   widenable: bool | None = None) -> tuple[str, re.Match[str] | None]:
    """The first match of the folded tokens (as a phrase, or any of them) in ``fold(written)``:
    (the folded text, or ``written`` itself when the match was found without folding it, the match).

    Folding a whole text costs about a millisecond; for text made only of characters whose fold is
    one character and keeps word/non-word apart (all Vietnamese text), the same match is found by
    searching the written text with each letter widened to the characters that fold to it
    (``widenable``: ``_widenable(written)``, if known)."""
    widened = _token_pattern(tuple(tokens), any_word, True)
    if widened is not None and (_widenable(written) if widenable is None else widenable):
        return written, widened.search(written)
    folded = fold(written)
    return folded, _token_pattern(tuple(tokens), any_word, False).search(folded)


@functools.lru_cache(maxsize=256)
def _token_pattern(tokens: tuple[str, ...], any_word: bool, widen: bool) -> re.Pattern[str] | None:
    """The snippet pattern of folded tokens; with ``widen``, for the written text (None when a
    token holds a character outside the classes)."""
    if widen:
        classes = _fold_classes()[0]
        if not all(c in classes for t in tokens for c in t):
            return None
        chars = [[classes[c] for c in t] for t in tokens]
    else:
        chars = [[re.escape(c) for c in t] for t in tokens]
    # "(?<!\w)X..." written as "X(?<!\w.)...": the same condition (the character before the match's
    # first one is not a word character), checked once that first character has matched, so the
    # regex engine can skip along the text to the first character (4x faster on a text without the
    # words: a leading look-behind is tried at every position)
    if not all(chars):  # a token that folds to nothing: the look-behind first, as it was
        body = "(?:" + "|".join(map("".join, chars)) + ")" if any_word else r"\W+".join(map("".join, chars))
        return re.compile(r"(?<!\w)" + body + r"(?!\w)")
    alts = [t[0] + r"(?<!\w.)" + "".join(t[1:]) for t in chars]
    if any_word:
        return re.compile("(?:" + "|".join(alts) + r")(?!\w)", re.DOTALL)
    return re.compile(alts[0] + "".join(r"\W+" + "".join(t) for t in chars[1:]) + r"(?!\w)", re.DOTALL)


@functools.lru_cache(maxsize=1)
def _fold_classes() -> tuple[dict[str, str], re.Pattern[str]]:
    """(folded character -> regex class of the characters that fold to it, a pattern finding any
    character outside those classes), over Latin, general punctuation and symbols."""
    import unicodedata

    from pipeline.read.normalise import _fold_slow

    members: dict[str, list[str]] = {}
    for lo, hi in ((0x20, 0x250), (0x1E00, 0x1F00)):  # Latin, Vietnamese letters
        for cp in range(lo, hi):
            c = chr(cp)
            f = _fold_slow(c)
            if len(f) == 1 and bool(re.match(r"\w", c)) == bool(re.match(r"\w", f)):
                members.setdefault(f, []).append(c)
    classes = {f: "[" + "".join(re.escape(c) for c in cs) + "]" for f, cs in members.items()}
    allowed = [c for cs in members.values() for c in cs]
    # punctuation, arrows, box drawing, shapes, dingbats ("❖"): characters that fold to themselves
    for lo, hi in ((0x2010, 0x205F), (0x2190, 0x2200), (0x2500, 0x27C0)):
        for cp in range(lo, hi):
            c = chr(cp)
            if _fold_slow(c) == c and not unicodedata.category(c).startswith("M"):
                allowed.append(c)
    return classes, re.compile("[^" + "".join(re.escape(c) for c in allowed) + "\t\n\r\x0b\x0c]")


# --------------------------------------------------------------------------------------------
# events


def search_events(db: sqlite_utils.Database, f: Filters, limit: int | None = None) -> list[dict[str, Any]]:
    """Events and deadlines of the matching documents, sorted by date (undated ones last). With a
    period (not ``issued``), only the events overlapping it; with a venue, only the events there."""
    return list(iter_events(db, f, limit))


def iter_events(db: sqlite_utils.Database, f: Filters, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """``search_events`` as a stream: rows come as SQLite sorts them, so a large export starts at once
    and never holds every event in memory; ``limit`` is applied in SQL."""
    register_functions(db.conn)
    where, params = _doc_where(f)
    _narrow(db, f, where)
    gone = [] if f.include_missing else catalog.missing_document_ids(db)
    if gone:  # a document whose every file is gone from disk is left out
        where.append(f"d.id not in ({_ids(gone)})")
    period = _has_period(f) and not f.issued
    if period:
        params.update(_period(f))
    if f.kind:
        where.append("e.kind = :kind")
        params["kind"] = f.kind
        # a kind few events have (deadlines) is read from its index; SQLite's statistics cannot tell
        # it from a common one, so a venue's thousands of plans would be read instead
        sql = "select e.id from events e indexed by idx_events_kind where e.kind = :kind"
        if _few(db, sql, {"kind": f.kind}, "events"):
            where.append(f"e.id in ({sql})")
    if f.text:
        ids = _fts_ids(db, f.text)
        where.append(f"d.id in ({_ids(ids)})")
    names = match_venue_names(db, f.venue) if f.venue else None
    if names is not None:  # the event is held at one of its document's venues that matched
        # (a venue in few plans: those plans first, from the index on venue names, and the events of
        # the others are not read; in many, each event's plan is checked instead of listing them)
        sql = f"select v.document_id from venues v where v.name_id in ({_ids(names)})"
        if _few(db, sql, {}, "documents", _venue_rows(names)):
            where.append(f"e.document_id in ({sql})")
        where.append(f"exists (select 1 from venues v, json_each(e.venues) j where v.document_id = e.document_id "
                     f"and v.name_id in ({_ids(names)}) and v.name = j.value)")
    # a plan in several files (twins) lists each of its events once: with twins in the catalog, more
    # rows are asked for than the limit, and more again if the folded ones leave it short
    twins_exist = _has_twins(db)
    select = (
        "select e.start, e.end, e.kind, e.what, e.venues, e.when_text, e.precision, e.time_of_day, "
        "e.tentative, e.position, e.document_id, d.number, d.doc_type, d.title, d.issuer, d.sha256, "
        "d.ingested_at, d.twin_of, d.path as stored_path "
        "from events e{indexed} join documents d on d.id = e.document_id "
    )
    order = " order by e.start is null, substr(e.start, 1, 10), e.start, e.document_id, e.position"
    if period:
        # The events overlapping the period in date order, as two queries: those starting before its
        # month (a bare year, or a range begun earlier: few), sorted; then those starting in it, read
        # along the index on (start, document_id, position) in that order, so the first rows come
        # without sorting the period (the two orders agree: a string sorts as its 10-letter prefix
        # does, ties broken by itself, and no row of the first starts after one of the second).
        before = (f"e.id in ({EVENT_IDS_BEFORE_SQL}) and {EVENT_OVERLAP_SQL}")
        within = f"e.start >= :from_month and e.start <= :start_hi and {EVENT_OVERLAP_SQL}"
        sqls = [select.format(indexed="") + " where " + " and ".join([*where, before]) + order,
                select.format(indexed=" indexed by idx_events_order") + " where " + " and ".join([*where, within])
                + " order by e.start, e.document_id, e.position"]
    else:
        sqls = [select.format(indexed="") + (" where " + " and ".join(where) if where else "") + order]
    # events a person corrected keep the calendar UID of their extracted values (a re-import updates them)
    corrected = {i: _event_corrections(db, i) for (i,) in db.execute(
        "select distinct document_id from corrections where cleared_at is null and stale is null "
        "and field like 'events.%'")}
    # document id -> (uid sha, source path, the plan's venues), looked up once per document
    docs: dict[int, tuple[str, str | None, list[str], bool]] = {}
    fetch = limit * 2 if limit and twins_exist else limit
    shown = 0
    while True:
        seen: set[tuple[Any, ...]] = set()
        fetched = kept = 0
        for r in _looked_up(db, _chained(db, sqls, params, fetch), docs, twins_exist=twins_exist):
            fetched += 1
            if r["twin_of"] is not None or docs[r["document_id"]][3]:
                key = (r["twin_of"] or r["document_id"], r["kind"], r["start"], r["end"], r["what"])
                if key in seen:
                    continue
                seen.add(key)
            kept += 1
            if kept <= shown:  # yielded by the pass before
                continue
            r["venues"] = json.loads(r["venues"] or "[]")
            r["tentative"] = bool(r["tentative"])
            doc_id = r["document_id"]
            del r["twin_of"], r["stored_path"]
            r["uid_sha"], r["path"], r["plan_venues"], _ = docs[doc_id]
            if doc_id in corrected and (basis := corrected[doc_id].get(r["position"])):
                r["uid_basis"] = basis
            yield r
            shown += 1
            if limit and shown >= limit:
                return
        if not fetch or fetched < fetch:
            return
        fetch *= 4

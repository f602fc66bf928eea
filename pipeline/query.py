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
import json
import re
from dataclasses import dataclass
from typing import Any

import sqlite_utils
from rapidfuzz.distance import Indel

from pipeline import catalog
from pipeline.normalise import fold, one_tone_placement

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
        whole = venue_similarity(self.text, name)
        return whole if whole >= 85 else 0.0


_PROVINCE_TYPE = re.compile(r"^(?:tỉnh|thành phố|tp\.?|thủ đô)\s+", re.IGNORECASE)


def _strip_province_type(name: str) -> str:
    return _PROVINCE_TYPE.sub("", name.strip())


def _contains(words: list[str], seq: list[str]) -> bool:
    n = len(seq)
    return any(words[i:i + n] == seq for i in range(len(words) - n + 1))


def match_venues(db: sqlite_utils.Database, venue: str, threshold: float = 85.0) -> dict[int, dict[str, float]]:
    """document id -> {venue name as written: score} for the catalog venues matching ``venue``."""
    q = VenueQuery.parse(venue)
    found: dict[int, dict[str, float]] = {}
    # archives repeat their venues: score each distinct name once, not once per document
    for row in db.query("select name, provinces_2025, group_concat(document_id) as ids from venues "
                        "group by name, provinces_2025"):
        score = q.score(row["name"] or "", json.loads(row["provinces_2025"] or "[]"))
        if score >= threshold:
            for doc_id in row["ids"].split(","):
                found.setdefault(int(doc_id), {})[row["name"]] = score
    return found


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
_FAR_PAST, _FAR_FUTURE = "0000-01-01", "9999-12-31"


def _period(f: Filters) -> dict[str, str]:
    lo = (f.date_from - dt.timedelta(days=400)).isoformat() if f.date_from else _FAR_PAST
    return {"from": f.date_from.isoformat() if f.date_from else _FAR_PAST,
            "to": f.date_to.isoformat() if f.date_to else _FAR_FUTURE,
            "start_lo": lo[:4] if f.date_from else "", "start_hi": (f.date_to.isoformat() if f.date_to
                                                                     else _FAR_FUTURE) + "~"}


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


def _fts_ids(db: sqlite_utils.Database, words: str) -> list[int]:
    """Document ids matching the words, best first (see ``fts_expressions``)."""
    ids: dict[int, None] = {}
    for expr in fts_expressions(words):
        if expr:
            for (rowid,) in db.execute(
                    "select rowid from documents_fts where documents_fts match ? order by rank", [expr]):
                ids.setdefault(rowid, None)
    return list(ids)


# the document's source file: the first one catalogued that is still on disk
SOURCE_PATH_SQL = ("coalesce((select f.path from files f where f.sha256 = d.sha256 "
                   "order by f.missing_since is not null, f.rowid limit 1), d.path)")


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
    venues and the span of its events."""
    register_functions(db.conn)
    where, params = _doc_where(f)
    if catalog.any_missing(db):  # a document whose every file is gone from disk is left out
        where.append(f"not ({catalog.MISSING_DOCUMENT_SQL})")
    if _has_period(f) and not f.issued:
        where.append(f"d.id in (select e.document_id from events e where {EVENT_OVERLAP_INDEXED_SQL})")
        params.update(_period(f))
    venues = match_venues(db, f.venue) if f.venue else None
    if venues is not None:
        where.append(f"d.id in ({','.join(str(i) for i in venues) or 'null'})")
    order = list(_fts_ids(db, f.text)) if f.text else None
    if order is not None:
        where.append(f"d.id in ({','.join(str(i) for i in order) or 'null'})")
    sql = (
        "select d.id, d.doc_type, d.number, d.issuer, d.issue_date, d.title, d.sha256, "
        "(select min(substr(e.start, 1, 10)) from events e where e.document_id = d.id) as first_event, "
        "(select max(substr(coalesce(e.end, e.start), 1, 10)) from events e where e.document_id = d.id) "
        "as last_event, "
        f"{SOURCE_PATH_SQL} as path "
        "from documents d" + (" where " + " and ".join(where) if where else "")
        + " order by d.issue_date is null, d.issue_date desc, d.id"
    )
    rows = list(db.query(sql, params))
    if order is not None:
        rank = {doc_id: i for i, doc_id in enumerate(order)}
        rows.sort(key=lambda r: rank[r["id"]])
    rows = rows[:limit] if limit else rows
    for r in rows:
        r["venues"] = list(venues[r["id"]]) if venues is not None else _venues_of(db, r["id"])
        if f.text:
            r["snippet"] = snippet(db, r["id"], f.text)
    return rows


def _venues_of(db: sqlite_utils.Database, doc_id: int) -> list[str]:
    return [r[0] for r in db.execute("select name from venues where document_id = ? order by id", [doc_id])]


def snippet(db: sqlite_utils.Database, doc_id: int, words: str, width: int = 60) -> str:
    """The text around the first match, as written, match in [brackets]. Folding keeps one character
    per character, so a match found in the folded text is cut from the written text at the same place."""
    row = db.execute("select title_norm, text_norm, title_folded, text_folded from documents where id = ?",
                     [doc_id]).fetchone()
    if not row:
        return ""
    tokens = [fold(t) for t in catalog._tokens(words)]
    if not tokens:
        return ""
    phrase = re.compile(r"(?<!\w)" + r"\W+".join(re.escape(t) for t in tokens) + r"(?!\w)")
    anyword = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in tokens) + r")(?!\w)")
    pairs = ((row[1] or "", row[3] or ""), (row[0] or "", row[2] or ""))
    # the words together first ("dong nai" is "Đồng Nai", not the first "động")
    for pattern, (written, folded) in ((p, pair) for p in (phrase, anyword) for pair in pairs):
        m = pattern.search(folded)
        if not m:
            continue
        text = written if len(written) == len(folded) else folded
        a, b = max(0, m.start() - width), min(len(text), m.end() + width)
        out = text[a:m.start()] + "[" + text[m.start():m.end()] + "]" + text[m.end():b]
        out = re.sub(r"\s+", " ", out).strip()
        return ("…" if a > 0 else "") + out + ("…" if b < len(text) else "")
    return ""


# --------------------------------------------------------------------------------------------
# events


def search_events(db: sqlite_utils.Database, f: Filters, limit: int | None = None) -> list[dict[str, Any]]:
    """Events and deadlines of the matching documents, sorted by date (undated ones last). With a
    period (not ``issued``), only the events overlapping it; with a venue, only the events there."""
    register_functions(db.conn)
    where, params = _doc_where(f)
    if catalog.any_missing(db):  # a document whose every file is gone from disk is left out
        where.append(f"not ({catalog.MISSING_DOCUMENT_SQL})")
    if _has_period(f) and not f.issued:
        where.append(EVENT_OVERLAP_INDEXED_SQL)
        params.update(_period(f))
    if f.kind:
        where.append("e.kind = :kind")
        params["kind"] = f.kind
    if f.text:
        ids = _fts_ids(db, f.text)
        where.append(f"d.id in ({','.join(str(i) for i in ids) or 'null'})")
    venues = match_venues(db, f.venue) if f.venue else None
    if venues is not None:
        where.append(f"d.id in ({','.join(str(i) for i in venues) or 'null'})")
    sql = (
        "select e.start, e.end, e.kind, e.what, e.venues, e.when_text, e.precision, e.time_of_day, "
        "e.tentative, e.position, e.document_id, d.number, d.doc_type, d.title, d.issuer, d.sha256, "
        "d.ingested_at, coalesce((select t.sha256 from documents t where t.id = d.twin_of), d.sha256) as uid_sha, "
        f"{SOURCE_PATH_SQL} as path "
        "from events e join documents d on d.id = e.document_id"
        + (" where " + " and ".join(where) if where else "")
        + " order by e.start is null, substr(e.start, 1, 10), e.start, e.document_id, e.position"
    )
    rows = []
    for r in db.query(sql, params):
        r["venues"] = json.loads(r["venues"] or "[]")
        r["tentative"] = bool(r["tentative"])
        if venues is not None and not set(r["venues"]) & set(venues.get(r["document_id"], {})):
            continue
        rows.append(r)
        if limit and len(rows) >= limit:
            break
    return rows

"""Venues: the value of a "Địa điểm:" line or a "tại ..." phrase, split into places and linked to
provinces.

A value is split on " và ", ";", " hoặc " (and on "," between two named buildings) only where
both sides are places on their own: "Nhà văn hóa thanh thiếu nhi tỉnh Đồng Nai và Cung thiếu nhi
tỉnh Khánh Hòa" is two venues, "trụ sở làm việc và hiện trường khu vực sử dụng" one. A side is a
place when it opens with a venue head noun (Nhà văn hóa, Hội trường, Trung tâm, UBND ...), is an
administrative unit ("Quận 11", "tỉnh Gia Lai", "Cần Giờ") or a capitalised place name.

``venue_key`` gives a folded, abbreviation-expanded form for search and fuzzy matching;
``venue_similarity`` compares two venues word by word, so two provinces that differ by a letter
once folded ("Thanh Hóa" / "Khánh Hòa") are not taken for one.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from extractors.gazetteer import find_admin_units, name_key, unify_tones
from extractors.orgs import org_head_length
from pipeline.read.normalise import fold


@dataclass(frozen=True)
class Venue:
    start: int
    end: int
    text: str  # as written, trimmed, line breaks folded to one space; start/end: offsets into the input
    provinces: tuple[str, ...]  # provinces named or implied, 63-province naming
    provinces_2025: tuple[str, ...]  # the same after the 1/7/2025 merger
    kind: str | None  # head-noun class ("Nhà văn hóa", "Hội trường", "UBND" ...) or None


ADMIN_KIND = "Quận/Huyện/Tỉnh"  # the venue is a place name only

# Head nouns (as key word sequences) -> kind. Longest first wins.
_HEADS_RAW: dict[str, list[str]] = {
    "Nhà văn hóa": ["nhà văn hóa", "nvh"],
    "Nhà thiếu nhi": ["nhà thiếu nhi"],
    "Cung": ["cung thiếu nhi", "cung văn hóa", "cung văn hoá", "cung thể thao", "cung việt xô"],
    "Nhà thi đấu": ["nhà thi đấu"],
    "Nhà hát": ["nhà hát"],
    "Nhà truyền thống": ["nhà truyền thống"],
    "Nhà khách": ["nhà khách"],
    "Hội trường": ["hội trường"],
    "Trung tâm": ["trung tâm", "tthđ"],
    "Trường": ["trường", "thcs", "thpt"],
    "Sân": ["sân vận động", "sân", "svđ"],
    "Công viên": ["công viên"],
    "Quảng trường": ["quảng trường"],
    "UBND": ["ủy ban nhân dân", "ubnd"],
    "Trụ sở": ["trụ sở"],
    "Văn phòng": ["văn phòng"],
    "Phòng họp": ["phòng họp", "phòng hội thảo", "phòng truyền thống", "phòng khánh tiết", "phòng hội đồng",
                  "phòng giao ban", "phòng làm việc", "phòng khách", "phòng tiếp công dân", "phòng tiếp dân",
                  "phòng đọc", "phòng trưng bày", "bộ phận một cửa", "bộ phận tiếp nhận và trả kết quả"],
    "Khu di tích": ["khu di tích", "di tích", "khu tưởng niệm", "đài tưởng niệm", "nhà tưởng niệm",
                    "nghĩa trang"],
    "Khu du lịch": ["khu du lịch", "khu sinh thái", "làng văn hóa"],
    "Đền": ["đền", "chùa", "đình", "nhà thờ"],
    "Bảo tàng": ["bảo tàng"],
    "Thư viện": ["thư viện"],
    "Khách sạn": ["khách sạn", "nhà nghỉ", "resort"],
    "Bệnh viện": ["bệnh viện", "trạm y tế"],
    "Học viện": ["học viện", "đại học"],
    "Ký túc xá": ["ký túc xá", "ktx"],
    "Cơ quan": ["cơ quan", "trụ sở cơ quan", "doanh trại", "đồn biên phòng", "bộ chỉ huy"],
    "Giảng đường": ["giảng đường", "phòng học", "phòng thi", "phòng máy", "phòng thí nghiệm", "xưởng thực hành"],
    "Tòa nhà": ["tòa nhà", "toà nhà", "khu nhà", "dãy nhà", "nhà điều hành", "nhà làm việc", "nhà đa năng",
                "nhà sinh hoạt cộng đồng", "nhà hội", "hội quán", "sảnh", "tiền sảnh", "khuôn viên", "cổng"],
    "Nhà hàng": ["nhà hàng", "nhà ăn", "căng tin", "câu lạc bộ", "clb", "rạp"],
    "Tượng đài": ["tượng đài", "lăng", "nhà tang lễ", "nhà bia", "nhà lưu niệm", "đền thờ"],
    "Thể thao": ["bể bơi", "hồ bơi", "thao trường", "trường bắn", "trường đua", "bãi biển", "bãi tắm"],
    "Nhà máy": ["nhà máy", "khu công nghiệp", "cụm công nghiệp", "kcn", "ccn", "công trường", "cảng", "bến",
                "ga", "sân bay", "chợ", "siêu thị"],
    "Vườn": ["vườn quốc gia", "vườn", "đảo", "điểm trường", "điểm thi", "điểm cầu", "cánh đồng",
             "đồng ruộng"],
    "Khu": ["khu phố", "khu dân cư", "ấp", "thôn", "bản", "tổ dân phố", "buôn", "làng"],
    "Địa chỉ": ["số nhà", "đường", "phố"],
}
# Not venues although they open with a head noun.
_NOT_HEADS = {("trường", "hợp"), ("sân", "chơi"), ("trung", "tâm", "điểm"), ("đường", "lối"),
              ("đình", "chỉ"), ("bản", "đồ"), ("bản", "kế"), ("bản", "cam"), ("thôn", "tin"),
              ("văn", "phòng", "phẩm"), ("sân", "khấu"), ("phòng", "chống"), ("phòng", "ngừa"),
              ("phòng", "tránh"), ("phòng", "thủ"), ("phòng", "hộ"), ("cổng", "thông"), ("chợ", "búa"),
              ("bến", "bãi"), ("cảng", "biển", "quốc", "tế", "cửa", "ngõ")}
_HEADS: dict[tuple[str, ...], str] = {name_key(h): kind for kind, hs in _HEADS_RAW.items() for h in hs}
_HEAD_MAX = max(len(k) for k in _HEADS)

_LEAD = re.compile(
    r"(?:[\s\-–+•*:.]+|địa\s+điểm(?:\s+tổ\s+chức)?\s*:|dự\s+kiến(?:\s+tổ\s+chức)?(?!\w)"
    r"|(?:được\s+)?tổ\s+chức\s+(?=tại\b)|tại(?!\w)|ở(?!\w))", re.IGNORECASE)
# words that open a part of an address: "số 8", "đường Lê Lợi", "phường 3", "tỉnh Bình Thuận", "TP. Huế"
_ADDRESS_WORD = re.compile(
    r"\s*(?:số\s*\d+|số\s+nhà|đường|phố|ngõ|ngách|hẻm|kiệt|phường|xã|thị\s+trấn|thị\s+xã|quận|huyện|"
    r"thành\s+phố|tỉnh|TP\.?|TX\.?|Q\.|P\.|khu\s+phố|tổ\s+dân\s+phố|ấp|thôn|bản|tầng|lầu|địa\s+chỉ)(?!\w)",
    re.IGNORECASE)
# a street address opened by its house number: "140 Lê Trọng Tấn, P. Tây Thạnh", "12A/3 Nguyễn Trãi"
_HOUSE_NUMBER = re.compile(r"\s*\d{1,4}[A-Z]?(?:/\d{1,4}[A-Z]?)*\s+[A-ZĐ][^\W\d_]*\s+[A-ZĐ]")
_TRAIL_NOTE = re.compile(r"\s*\(([^()]*)\)\s*$")
_TRAIL_PUNCT = re.compile(r"[\s.,;:\-–]+$")
# A following line that starts another field or item ends the value ("Địa chỉ: ...", "- ...").
_NEXT_FIELD = re.compile(r"\n\s*(?:[-+•*]|\d+[.)]|[a-zđ]\)|[^\n:]{1,30}:)", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+(?:và|hoặc)\s+|\s*;\s*|\s*,\s+", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def _trim(text: str) -> tuple[int, int]:
    """(start, end) of the venue phrase inside ``text`` once labels, lead words and trailing
    notes are dropped."""
    m = _NEXT_FIELD.search(text)
    end = m.start() if m else len(text)
    for stop in _SENTENCE_END.finditer(text, 0, end):
        # "Nhà văn hóa thôn 5. Đại biểu có mặt trước 15 phút.": the next sentence is no part of it
        if not ABBREVIATED.search(text, max(0, stop.start() - 3), stop.start() + 1):
            end = stop.start()
            break
    start = 0
    while True:
        m = _LEAD.match(text, start, end)
        if not m or m.end() == start:
            break
        start = m.end()
    while True:
        seg = text[start:end]
        p = _TRAIL_PUNCT.search(seg)
        if p:
            end = start + p.start()
            continue
        n = _TRAIL_NOTE.search(seg)
        # Drop a trailing note "(có sơ đồ kèm theo)"; keep "(Sơn La)", a place in parentheses, and an
        # address "(số 8 Hoàng Quốc Việt, quận Cầu Giấy, Hà Nội)"
        # ("(Ban Tổ chức bố trí xe đưa đón ...)": a capital opens a sentence, not only a place)
        if n and n.start() > 0 and not ((n.group(1)[:1].isupper() and _placelike_note(n.group(1)))
                                        or n.group(1)[:1].isdigit() or _ADDRESS_WORD.match(n.group(1))
                                        or _coded_place(n.group(1))):
            end = start + n.start()
            continue
        break
    return start, end


_SENTENCE_END = re.compile(r"\.\s+(?=[A-ZĐ])")


def _placelike_note(note: str) -> bool:
    """A capitalised note in brackets that names a place ("Sơn La", "Khu A, Trường ĐH X") or gives an
    address ("Số 5 đường ..., quận Hồng Bàng"), not a remark ("Ban Tổ chức bố trí xe đưa đón ...")."""
    return len(note.split()) <= 4 or is_venue_like(note) or bool(find_admin_units(note))


# A room or a building by its code ("phòng 301", "Phòng A.102", "phòng số 5", "nhà A1", "tầng 3 nhà B")
_CODED_PLACE = re.compile(r"\s*(?i:(?P<room>phòng)\s+(?:số\s*)?|(?:nhà|dãy|khu|tòa|toà|block)\s+)"
                          r"(?P<code>[A-Z]{0,2}[.\-]?\d*)(?!\w|\.\w)")


def _coded_place(note: str) -> bool:
    """A note that is a room or building by its code: "(phòng C.302)", "(nhà A1)"."""
    m = _CODED_PLACE.match(note)
    return bool(m and m.group("code") and not note[m.end():].strip(" ,;"))


def bare_head(text: str) -> bool:
    """``text`` is a venue head noun and nothing more ("hội trường", "sân"): a kind of place, not one."""
    return name_key(text.strip(" .,;:")) in _HEADS


def _head_kind(text: str) -> str | None:
    coded = _CODED_PLACE.match(text)
    if coded and coded.group("code"):
        return "Phòng họp" if coded.group("room") else "Tòa nhà"
    words = _WORD.findall(text[:80])
    keys = tuple(name_key(" ".join(words[:_HEAD_MAX])))
    for k in _NOT_HEADS:
        if keys[: len(k)] == k:
            return None
    for n in range(min(_HEAD_MAX, len(keys)), 0, -1):
        kind = _HEADS.get(keys[:n])
        if kind:
            return kind
    return None


# Capitalised words that cite a text, not a place ("tại Điều 2", "tại Phụ lục kèm theo")
_CITED = re.compile(r"\s*(?:điều|khoản|mục|phụ\s+lục|quyết\s+định|kế\s+hoạch|công\s+văn|thông\s+tư|nghị\s+định"
                    r"|nghị\s+quyết|chỉ\s+thị|thông\s+báo|văn\s+bản|hướng\s+dẫn|luật|tờ\s+trình|biểu|mẫu|phần"
                    r"|chương|tiết)(?!\w)", re.IGNORECASE)


def _is_place_name(text: str) -> bool:
    """A short run of capitalised words ("Cần Giờ", "Đà Lạt", "Hồ Gươm")."""
    words = _WORD.findall(text)
    if _CITED.match(text) or _GROUP_ONLY.fullmatch(text.strip()):
        return False  # ("Tổ", "Nhóm": a group of people)
    return (0 < len(words) <= 6 and not words[0].isdigit()
            and all(w[0].isupper() or w.isdigit() for w in words))


def _admin_only(text: str) -> bool:
    """The whole phrase is administrative units ("Quận 11", "xã A, huyện B, tỉnh C")."""
    units = find_admin_units(text)
    if not units or units[0].start > 0:
        return False
    rest = text
    for u in reversed(units):
        rest = rest[:u.start] + rest[u.end:]
    return not re.sub(r"\b(?:và|hoặc)\b", "", rest).strip(" ,.-–;")


def is_venue_like(text: str) -> bool:
    """Could ``text`` name a place on its own (a head noun, an administrative unit, a place name)?"""
    s, e = _trim(text)
    t = text[s:e]
    if not t:
        return False
    return _head_kind(t) is not None or _admin_only(t) or _is_place_name(t)


# Words of an instruction rather than a place ("... chủ động lựa chọn địa điểm phù hợp").
_INSTRUCTION = re.compile(r"\b(?:chủ động|lựa chọn|bố trí|thông báo sau|sẽ|tùy|tuỳ|theo hướng dẫn|phù hợp"
                          r"|các đơn vị|căn cứ|đảm bảo|thực hiện)\b", re.IGNORECASE)


def plausible_venue(text: str) -> bool:
    """Keep a piece without a head noun unless it is long or reads as an instruction (the value of a
    "Địa điểm:" label is a place even when it opens with no known head noun: "Phòng học A101")."""
    if is_venue_like(text):
        return True
    return len(_WORD.findall(text)) <= 20 and not _INSTRUCTION.search(text)


def _kind(text: str) -> str | None:
    kind = _head_kind(text)
    if kind is None and _admin_only(text):
        return ADMIN_KIND
    return kind


_ROOM_KINDS = ("Hội trường", "Phòng họp")
_WHOLE_KINDS = ("Trường", "Học viện", "UBND", "Cơ quan", "Bệnh viện", "Trung tâm", "Trụ sở", "Văn phòng", "Nhà máy")
_ADDRESS_KINDS = ("Khu", "Địa chỉ")  # hamlets, streets: after a building they are its address


_BARE_CODE = re.compile(r"[A-Z]{0,2}[.\-]?\d+(?!\w)")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split [start, end) at separators whose both sides are venues on their own."""
    # never inside brackets: "Trung tâm X (số 1, đường Y; khu Z)" is one venue with its address
    seps = [m for m in _SEPARATORS.finditer(text, start, end)
            if text.count("(", start, m.start()) <= text.count(")", start, m.start())]
    bounds = [start] + [x for m in seps for x in (m.start(), m.end())] + [end]
    raw = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    out: list[tuple[int, int]] = [raw[0]]
    for k, (s, e) in enumerate(raw[1:]):
        sep = seps[k].group(0).strip()
        left, right = text[out[-1][0]:out[-1][1]], text[s:e]
        if sep == ",":
            # "Hội trường B, Văn phòng UBND tỉnh": a room, then the building it is in, is one venue;
            # "Sân trường THCS A, thôn B, xã C": a building, then its address, is one venue too
            left_kind, right_kind = _head_kind(left), _head_kind(right)
            ok = (left_kind not in (None, *_ROOM_KINDS) and right_kind is not None
                  and not (right_kind in _ADDRESS_KINDS and left_kind not in _ADDRESS_KINDS))
            if left_kind in ("Sân", "Tòa nhà", "Giảng đường") and right_kind in _WHOLE_KINDS:
                ok = False  # "Sân Khu A, Trường Đại học Đà Lạt": a part of the place, then the place
        else:
            # "Phòng học A101, A103 và A107": a list of room numbers goes on, not another place
            ok = is_venue_like(left) and is_venue_like(right) and not _BARE_CODE.match(right)
            if sep.lower() in ("và", "hoặc") and _kind(right) is None:
                ok = False  # "Hội trường Sở Nông nghiệp và PTNT, số 11 ...": "và" inside a body's name
        if ok:
            out.append((s, e))
        elif sep == ";" and not (is_venue_like(right) or _ADDRESS_WORD.match(right) or _HOUSE_NUMBER.match(right)):
            break  # "Sân vận động huyện; trường hợp trời mưa ...": a remark after the place ends it
        else:
            out[-1] = (out[-1][0], e)
    return out


def split_venues(text: str, offset: int = 0) -> list[Venue]:
    """The venues in a "Địa điểm:" value or a "tại ..." phrase; offsets are into ``text`` plus
    ``offset`` (the position of ``text`` in the document)."""
    start, end = _trim(text)
    if start >= end:
        return []
    venues = []
    for s, e in _pieces(text, start, end):
        s2, e2 = _trim(text[s:e])
        s, e = s + s2, s + e2
        if s >= e:
            continue
        piece = text[s:e]
        if not plausible_venue(piece):
            continue
        units = find_admin_units(piece)
        provinces = tuple(dict.fromkeys(u.province for u in units if u.province))
        provinces_2025 = tuple(dict.fromkeys(u.province_2025 for u in units if u.province_2025))
        shown = re.sub(r"\s+", " ", piece)  # a value wrapped over lines reads as one line
        venues.append(Venue(s + offset, e + offset, shown, provinces, provinces_2025, _kind(piece)))
    return venues


# ---------------------------------------------------------------------------------------------
# Keys and similarity

_ABBREV = {
    "nvh": "nhà văn hóa", "ttn": "thanh thiếu nhi", "tp": "thành phố", "q": "quận", "p": "phường",
    "tx": "thị xã", "tt": "thị trấn", "hcm": "hồ chí minh", "tphcm": "thành phố hồ chí minh",
    "hcmc": "thành phố hồ chí minh", "ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân",
    "ctn": "cung thiếu nhi", "ntn": "nhà thiếu nhi", "tthđ": "trung tâm hoạt động",
    "thcs": "trung học cơ sở", "thpt": "trung học phổ thông", "đh": "đại học", "svđ": "sân vận động",
    "mttq": "mặt trận tổ quốc", "ktx": "ký túc xá", "tw": "trung ương", "bch": "ban chấp hành",
    "tnth": "thanh niên tình nguyện", "nxb": "nhà xuất bản",
}
_GLUED = re.compile(r"\b(q|p|tp)\.?(\d{1,2})\b")
_ABBREV_RE = re.compile(r"\b(" + "|".join(sorted(_ABBREV, key=len, reverse=True)) + r")\b")


def _expanded(text: str) -> str:
    """Lower-case, one tone placement, abbreviations spelled out, punctuation dropped."""
    s = unify_tones(text.lower())
    s = _GLUED.sub(lambda m: f"{m.group(1)} {m.group(2)}", s)
    s = _ABBREV_RE.sub(lambda m: _ABBREV[m.group(1)], s)
    words = [str(int(w)) if w.isdigit() else w for w in _WORD.findall(s)]
    return " ".join(words)


def venue_key(text: str) -> str:
    """A normalised form for search and fuzzy matching: abbreviations expanded ("NVH" -> "nha van
    hoa", "TP." -> "thanh pho", "UBND" -> "uy ban nhan dan"), diacritics folded, đ -> d."""
    return fold(_expanded(text))


def venue_similarity(a: str, b: str) -> float:
    """0..100: how alike two venue names are, after expansion. Words are compared whole and with
    their diacritics (folded only when one side has none), so "NVH TTN tỉnh Đồng Nai" and "Nhà
    văn hóa thanh thiếu nhi tỉnh Đồng Nai" score 100, "Thanh Hóa" and "Khánh Hòa" low."""
    ka, kb = _expanded(a), _expanded(b)
    if ka.isascii() or kb.isascii():
        ka, kb = fold(ka), fold(kb)
    if not ka or not kb:
        return 0.0
    by_word = Indel.normalized_similarity(ka.split(), kb.split())
    by_char = Indel.normalized_similarity(ka, kb)
    score = 100 * (by_word + by_char) / 2
    pa = {u.province_2025 for u in find_admin_units(a)} - {None}
    pb = {u.province_2025 for u in find_admin_units(b)} - {None}
    if pa and pb and not pa & pb:
        score /= 2  # names two different provinces: not the same place, however alike the words
    return round(score, 1)


# ---------------------------------------------------------------------------------------------
# A venue in running text: "... tổ chức vào 8h00 ngày 12/9 tại Trụ sở Tiếp công dân thành phố (Số 15
# đường Hoàng Diệu, quận Hồng Bàng), để ..."

# (an online meeting is held where it is connected from: "Kết nối trực tuyến từ Phòng Hội đàm ..., đến UBND ...")
# ("trực tuyến từ điểm cầu UBND tỉnh đến điểm cầu ...": bridge points, whose halls are named elsewhere)
TAI = _TAI = re.compile(r"(?<!\w)(?:tại(?:\s+điểm\s+cầu)?|trực\s+tuyến\s+từ(?!\s+(?:các\s+)?điểm\s+cầu))\s+(?=\S)",
                        re.IGNORECASE)
# "tổ chức tại 02 cụm: Trường A và Trường B", "tại 03 điểm thi, gồm: ...": the places are the list after the colon
COUNTED_PLACES = (r"(?:\d{1,2}|hai|ba|bốn|năm|sáu)\s+(?:cụm|điểm|địa\s+điểm|khu\s+vực|nơi)(?:\s+[^\W\d_]+){0,2}?"
                  r"\s*,?\s*(?:gồm|là)?\s*:\s*")
_COUNTED_PLACES = re.compile(COUNTED_PLACES, re.IGNORECASE)
# without "tại", a yard or a hall is where something happens when the sentence stands in or on it:
# "Tập trung toàn trường dưới sân cờ", "sinh hoạt ở hội trường"
_ON_GROUND = re.compile(r"(?<!\w)(?:dưới|trên|ở)\s+(?=(?:sân|hội\s+trường)\s)", re.IGNORECASE)
# "ở" before a place named with a capital: "tổ chức đêm giao lưu ở Nhà thi đấu đa năng của trường"
_AT_NAMED = re.compile(r"(?<!\w)ở\s+(?=\w)")
# a visit's place is its object: "Tham quan Bảo tàng Hùng Vương", "viếng Nghĩa trang liệt sĩ tỉnh"
_VISIT = re.compile(r"(?<!\w)(?:tham\s+quan|viếng|về\s+thăm)\s+(?=\S)", re.IGNORECASE)
# words that end the place and go on with the sentence ("tại Hội trường A vào lúc 8 giờ", "... để ...")
_PHRASE_STOP = re.compile(
    r"\s+(?:vào|lúc|để|nhằm|với|theo|từ|trong|cho|do|gồm|nhưng|thì|đối\s+với|bắt\s+đầu|kể\s+từ|"
    r"và\s+(?:ngày|lúc|thời)|ngày\s+\d|thời\s+gian|trước\s+(?:ngày|\d)|đến\s+(?:ngày|hết)|hạn\s+(?:chót|cuối|nộp)|"
    r"(?:chậm|muộn)\s+nhất|thời\s+hạn)(?!\w)", re.IGNORECASE)
# a unit's abbreviation, whose dot ends no sentence: "TP. Đà Lạt", "P. 8", "Q. 3"
ABBREVIATED = re.compile(r"(?<!\w)(?:TP|Tp|TX|Tx|TT|Q|P|X|H|Tt)\.$")
_LINE_ITEM = re.compile(r"\n\s*(?:[-+•*]|\d+[.)]|[a-zđ]\))")
_AND = re.compile(r"\s+(?:và|hoặc)\s+", re.IGNORECASE)


# "làm việc tại cơ quan", "tại đơn vị": where one works, named by no name
_UNNAMED = re.compile(r"(?:các\s+)?(?:cơ\s+quan|đơn\s+vị|địa\s+phương|cơ\s+sở)(?:\s+(?:mình|này|đó))?", re.I)


def venue_after_tai(text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """The span of the place named after the first "tại" in text[start:end]: across wrapped lines,
    with a parenthesised address and the address parts that follow a comma ("..., đường Lê Lợi,
    Thành phố Phan Thiết, tỉnh Bình Thuận"), up to the end of the sentence or the words that go on
    with it. None when what follows "tại" is not a place (e.g. "tại Quyết định số ...")."""
    end = len(text) if end is None else end
    m = _TAI.search(text, start, end) or _ON_GROUND.search(text, start, end) or _VISIT.search(text, start, end)
    named = None if m else _AT_NAMED.search(text, start, end)
    if named and text[named.end()].isupper() and _head_kind(text[named.end():named.end() + 60]) is not None:
        m = named  # (only a kind of place after "ở": "ở Hà Nội", "ở Bộ" say where someone is, not a venue)
    if not m:
        return None
    a = m.end()
    if counted := _COUNTED_PLACES.match(text, a, end):
        a = counted.end()
    i, depth = a, 0
    while i < end:
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0:
            if ch in ";\t" or (ch == "." and (i + 1 >= end or text[i + 1].isspace())
                                and not ABBREVIATED.search(text, a, i + 1)):
                break  # (the dot of "TP. Đà Lạt", "P. 8" ends no sentence)
            if ch == "\n" and (_LINE_ITEM.match(text, i) or text[i + 1:i + 2] == "\n"):
                break
            if ch == ",":
                nxt = text[i + 1:i + 60]
                # ("Hội trường tầng 3, Sở Nội vụ tỉnh": a room, then the body whose building it is in)
                # (a body that goes on to act is no building: "Hội trường UBND xã, Trung tâm Y tế chuẩn bị ...")
                room_then_building = _head_kind(text[a:i]) in _ROOM_KINDS and (
                    _head_kind(nxt.strip()) is not None or is_body_venue(nxt.strip())) \
                    and not _DOES.search(re.split(r"[.;\n(,]", nxt, maxsplit=1)[0])
                # ("Trung tâm tích hợp dữ liệu của tỉnh, Sở Thông tin và Truyền thông": a place, then its owner)
                owned = _head_kind(text[a:i]) is not None and _owner_named(text[i + 1:end])
                # ("tại Trường THCS A, Trường Tiểu học B và Nhà văn hóa thôn 2": a list of places)
                listed = nxt.strip()[:1].isupper() and _head_kind(text[a:i]) is not None \
                    and _head_kind(nxt.strip()) is not None and not _DOES.search(re.split(r"[,.;\n]", nxt)[0])
                if not (_ADDRESS_WORD.match(nxt) or _admin_start(nxt) or room_then_building or owned
                        or _names_go_on(text[a:i], nxt) or listed):
                    break
            if ch.isspace() and _PHRASE_STOP.match(text, i):
                break
            if (ch.isspace() and (va := _AND.match(text, i)) and not text[va.end():va.end() + 1].isupper()
                    and not is_venue_like(text[va.end():va.end() + 60])):
                # "tại Hội trường Đảng ủy xã và trao quà tại các thôn": the sentence goes on
                # ("tại Sở Giáo dục và Đào tạo": a capital goes on with the name)
                break
        i += 1
    b = i
    while b > a and text[b - 1] in " \n,:-–":
        b -= 1
    first = text[a:b].split(",")[0]
    if b <= a or not (is_venue_like(first) or is_body_venue(first) or _named_place(first)) \
            or _UNNAMED.fullmatch(first.strip()):
        return None
    return a, b


# what a capitalised name after "tại" is when it is not a place: a text or a part of one ("tại Điều 3",
# "tại Công văn số ..."), a meeting ("tại Hội nghị", "Tại kỳ họp"), a person, a page or a system; matched
# folded, as OCR drops the marks of these words ("Điễu 49", "Kê hoạch sô ...")
_NOT_A_PLACE = re.compile(
    r"(?:dieu|khoan|diem|muc|phan|chuong|phu\s+luc|bieu|mau|quyet\s+dinh|ke\s+hoach|cong\s+van|thong\s+bao|"
    r"nghi\s+dinh|thong\s+tu|chi\s+thi|nghi\s+quyet|van\s+ban|to\s+trinh|bao\s+cao|huong\s+dan|luat|bo\s+luat|"
    r"quy\s+dinh|quy\s+che|quy\s+hoach|hien\s+phap|phap\s+lenh|chuong\s+trinh|de\s+an|du\s+an|giay|phieu|"
    r"bien\s+ban|danh\s+sach|bang|tai\s+lieu|ho\s+so|website|cong\s+thong|trang|email|thu|he\s+thong|phan\s+mem|"
    r"hoi\s+nghi|hoi\s+thao|dai\s+hoi|ky\s+hop|phien|buoi|le|cuoc|dot|vong|thoi\s+diem|ngay|thang|nam|"
    r"dong\s+chi|d/c|ong|ba|anh|chi|em|thay|co|to|nhom|lop|don\s+vi|co\s+quan|dia\s+phuong|cac|nhung|moi|"
    r"mot|nay|day|do|thong|tinh|theo|viet\s+nam|bo\s+phan|thanh\s+pho|hoi\s+dong)(?!\w)", re.IGNORECASE)


def _named_place(text: str) -> bool:
    """A name of two or more capitalised words after "tại" that names no text, meeting or person:
    "tại Tòa án nhân dân huyện", "tại Công an xã", "tại Khu vực hồ Xuân Hương"."""
    words = text.split()
    return (len(words) >= 2 and words[0][:1].isupper() and not words[0].isupper()
            and not _NOT_A_PLACE.match(fold(text.strip())) and not any(ch.isdigit() for ch in words[0]))


_OWNER_BODY = re.compile(r"(?:Sở|Bộ|Cục|Tổng\s+cục|Văn\s+phòng)\s+[A-ZĐ]")
_DOES = re.compile(r"\b(?:chủ\s+trì|phối\s+hợp|tổ\s+chức|thực\s+hiện|chuẩn\s+bị|bố\s+trí|có|là|sẽ|đã|được)\b", re.I)


def _owner_named(after: str) -> bool:
    """What follows a place's comma is the body that owns it and nothing more, up to the phrase's end
    ("..., Sở Thông tin và Truyền thông."), not a body that goes on to act (", Sở Nội vụ chủ trì")."""
    phrase = re.split(r"[.;\n(]", after, maxsplit=1)[0].strip()
    return bool(_OWNER_BODY.match(phrase)) and len(phrase.split()) <= 10 and not _DOES.search(phrase)


# "các xã Phú Lâm, Phú Bình, Phú Thanh": a plural unit followed by the names of its members
_MEMBERS_OF = re.compile(r"\bcác\s+(?:xã|phường|thị\s+trấn|thị\s+xã|huyện|quận|thôn|ấp|bản|buôn|khu\s+phố|"
                         r"tổ\s+dân\s+phố|tỉnh|thành\s+phố|trường|điểm\s+trường)\s*:?\s+(?=\w)", re.IGNORECASE)


def _names_go_on(before: str, after_comma: str) -> bool:
    """After "tại UBND các xã Phú Lâm, Phú Bình", the next capitalised name is one more of the list."""
    m = _MEMBERS_OF.search(before)
    if not m or not before[m.end():m.end() + 1].isupper():
        return False
    first = re.split(r"[,;]", after_comma.strip(), maxsplit=1)[0].split()
    name = " ".join(w for w in itertools.takewhile(lambda w: w[:1].isupper() or w.isdigit(), first))
    return bool(name) and _is_place_name(name)


# A body named after "tại" is where its meeting happens ("họp tại Sở Nội vụ", "tại Phòng Đào tạo",
# "tại Huyện ủy"): its head, capitalised, then its capitalised name (a body's own words are
# capitalised: "Phòng Giáo dục", never "phòng chống")
_GROUP_ONLY = re.compile(r"(?:các\s+)?(?:tổ|nhóm|đội|ban|hội|lớp)", re.I)


def is_body_venue(text: str) -> bool:
    """``text`` opens with a body's name ("Sở Tư pháp", "Phòng Đào tạo", "Huyện ủy"): a place when a
    sentence says something happens *at* it."""
    t = text.strip()
    n = org_head_length(t)
    if not n or not t[:1].isupper() or _GROUP_ONLY.fullmatch(t):
        return False  # ("thảo luận tại Tổ": a group of people, no place)
    rest = t[n:].lstrip()
    return not rest or rest[:1].isupper()  # its own name in capitals ("Phòng Giáo dục", never "phòng chống")


def _admin_start(text: str) -> bool:
    units = find_admin_units(text.strip()[:40])
    return bool(units) and units[0].start == 0

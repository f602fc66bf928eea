"""Words that open the name of a Vietnamese organisation or body (state, Party, Youth Union,
schools, enterprises). Used to split the issuer from its parent body in the header and to find a
body named in running text."""

from __future__ import annotations

import re

from pipeline.read.normalise import fold

ORG_WORDS = [
    # state bodies
    "Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND", "Ủy ban", "Uỷ ban",
    "Bộ", "Sở", "Cục", "Chi cục", "Tổng cục", "Vụ", "Viện", "Văn phòng", "Thanh tra", "Kho bạc",
    "Phòng", "Ban", "Trung tâm", "Đài", "Báo", "Bệnh viện", "Trạm", "Công an", "Bộ Chỉ huy",
    "Ban Chỉ huy", "Tiểu ban", "Phòng khám", "TTYT", "PKĐK",  # (a health centre, a clinic: "TTYT HUYỆN ...")
    "Tòa án", "Toà án", "Viện kiểm sát", "Chi nhánh", "Cảng vụ", "Học viện",
    "Ngân hàng", "Quỹ", "Đoàn kiểm tra", "Đoàn thanh tra", "Tổ công tác", "Hội đồng", "Tổ",
    # Party
    "Đảng bộ", "Đảng ủy", "Đảng uỷ", "Chi bộ", "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ",
    "Huyện ủy", "Huyện uỷ", "Quận ủy", "Quận uỷ", "Thị ủy", "Thị uỷ", "Ban Thường vụ", "Ban Chấp hành",
    # Youth Union, Front, associations
    "Trung ương Đoàn", "Thành Đoàn", "Tỉnh Đoàn", "Huyện Đoàn", "Quận Đoàn", "Thị Đoàn", "Đoàn",
    "BCH", "BTV", "Chi đoàn", "Liên đội", "Hội đồng Đội", "Hội", "Liên hiệp", "Liên đoàn",
    "Công đoàn", "Mặt trận", "Ủy ban MTTQ", "Ủy ban Mặt trận", "Câu lạc bộ",
    # schools and culture
    "Trường", "Đại học", "Khoa", "Bộ môn", "Nhà văn hóa", "Nhà văn hoá", "Nhà thiếu nhi", "Cung thiếu nhi",
    "Cung văn hóa", "Bảo tàng", "Thư viện", "Nhà hát",
    # enterprises
    "Công ty", "Tổng công ty", "Tập đoàn", "Hợp tác xã", "Doanh nghiệp",
]

# words that open a body's name but, followed by these, are ordinary words: "Tổ chức" (organise),
# "Báo cáo" (report), "Hội nghị" (a meeting), "phòng chống" (prevention), "trường hợp" (a case)
NOT_A_BODY_AFTER = {
    "Tổ": ("chức",), "Báo": ("cáo",), "Ban": ("hành", "đầu", "ngày", "đêm"),
    "Hội": ("nghị", "thi", "trại", "diễn", "thảo", "khỏe", "khoẻ", "chợ", "giảng", "họp", "ý", "đủ", "nhập",
            "viên", "tụ", "ngộ"),
    "Phòng": ("chống", "ngừa", "tránh", "cháy", "dịch", "bệnh", "họp", "học", "thi"),
    "Đoàn": ("kết", "viên", "tụ"), "Vụ": ("việc", "án", "mùa", "lúa"), "Trường": ("hợp", "độ", "kỳ"),
    "Quỹ": ("thời", "đất"), "Khoa": ("học",), "Trạm": ("dừng",), "Bộ": ("hồ", "đội", "tài", "câu", "môn"),
}


def _alternation(words: list[str], f=lambda w: w) -> str:
    def item(w: str) -> str:
        after = NOT_A_BODY_AFTER.get(w)
        guard = rf"(?!\s+(?:{'|'.join(re.escape(f(a)) for a in after)})(?![\w]))" if after else ""
        return re.escape(f(w)) + guard
    return "|".join(item(w) for w in sorted(set(words), key=len, reverse=True))


_ORG_ALT = _alternation(ORG_WORDS)
# case-insensitive: headers are in capitals, running text in sentence case ("trường THCS ...")
ORG_HEAD = re.compile(rf"(?<![\w/\-])(?:{_ORG_ALT})(?![\w])", re.IGNORECASE)
_ORG_START = re.compile(rf"^(?:{_ORG_ALT})(?![\w])", re.IGNORECASE)
# the same words folded (no marks, đ->d), for OCR'd headers that lost or changed marks ("SƠ Y TE")
# (not before a number or a roman numeral: "QUY II NAM 2020" is a quarter, not a fund)
_ORG_START_FOLDED = re.compile("^(?:" + _alternation(ORG_WORDS, fold) + r")(?![\w])(?!\s+(?:\d|[IVXLivxl]+(?![\w])))")


def org_head_length(text: str) -> int:
    """The length of the head word of a body's name ``text`` opens with ("Sở", "Phòng", "Huyện ủy",
    "Công ty"), 0 when it opens with none."""
    m = _ORG_START.match(text)
    return m.end() if m else 0


def is_org_start(text: str) -> bool:
    """Whether a header line opens a new body's name ("SỞ Y TẾ", "BCH ĐOÀN QUẬN 11") rather than
    continuing the line above ("TỈNH QUẢNG NGÃI", "THEO QUYẾT ĐỊNH")."""
    text = text.strip()
    return bool(_ORG_START.match(text)) or bool(_ORG_START_FOLDED.match(fold(text)))


# a body named as the subject of a duty: a head of it ("Giám đốc Sở Nội vụ", "Thủ trưởng các cơ quan"),
# the body itself ("Sở Tài chính", "UBND các huyện"), or a collective ("các đơn vị", "các địa phương")
_HEAD_OF = (r"(?:Người\s+đứng\s+đầu|Giám\s+đốc|Phó\s+Giám\s+đốc|"
            r"Tổng\s+Giám\s+đốc|Chủ\s+tịch|Thủ\s+trưởng|Hiệu\s+trưởng|"
            r"Chánh\s+Văn\s+phòng|Chánh\s+Thanh\s+tra|Trưởng|Bí\s+thư|Viện\s+trưởng|"
            # the leaders of a body as one party, as a sentence's subject: "Lãnh đạo khoa ...", "Lãnh đạo các
            # phòng ..." (in lower case after another verb it may be the verb "to lead")
            r"(?-i:Lãnh)\s+đạo)\s+(?:các\s+)?")
_COLLECTIVE = (r"các\s+(?:cơ\s+quan|đơn\s+vị|địa\s+phương|ngành|xã|phường|huyện|trường|khoa|phòng|sở|"
               r"tổ\s+chức|doanh\s+nghiệp|cá\s+nhân|thành\s+viên|thôn|ấp|bản|buôn|khu\s+phố|tổ\s+dân\s+phố|"
               r"thị\s+trấn|lớp|chi\s+đoàn|chi\s+bộ|chi\s+hội|đoàn\s+thể|bộ\s+phận|cơ\s+sở)")
# a post named as the party: "công chức Địa chính - Xây dựng" (a post is named by its field, in
# capitals), "Trưởng thôn", "giáo viên chủ nhiệm"
_POST = (r"(?:công\s+chức|cán\s+bộ|viên\s+chức)(?=\s+(?-i:[A-ZĐ]))|(?:Trưởng|Phó)\s+(?:thôn|ấp|bản|buôn|khu\s+phố|"
         r"tổ\s+dân\s+phố)|giáo\s+viên\s+chủ\s+nhiệm|GVCN|"
         # a school's and a hospital's staff by their post: "Giáo viên bộ môn", "Nhân viên y tế", "Tổng phụ trách Đội"
         r"(?:các\s+)?(?:giáo\s+viên|giảng\s+viên|nhân\s+viên)(?=\s+\w)|Tổng\s+phụ\s+trách|"
         # an exam's invigilators; the members of a named body ("Thành viên Ban điều hành ...")
         r"giám\s+thị|cán\s+bộ\s+coi\s+thi|(?:các\s+)?thành\s+viên(?=\s+(?-i:[A-ZĐ]))|"
         # schools' and companies' own words: "BGH", "GVBM", "TPT Đội", "Phụ huynh học sinh", "Xí nghiệp ...",
         # "Đội Quản lý thị trường" (a team named in capitals; never "đội ngũ")
         r"(?-i:BGH|GVBM|TPT|PHHS|CMHS)|(?:cha\s+mẹ|phụ\s+huynh)(?:\s+học\s+sinh)?|Điều\s+dưỡng\s+trưởng|"
         r"(?:các\s+)?(?:xí\s+nghiệp|phân\s+xưởng|nhà\s+máy)|(?-i:Đội)(?=\s+(?-i:[A-ZĐ]))|"
         # a university's own posts: a student adviser, a doctoral candidate, the secretary of a board
         r"(?:các\s+)?cố\s+vấn\s+học\s+tập|(?-i:CVHT|NCS)|(?:các\s+)?nghiên\s+cứu\s+sinh|"
         r"thư\s+ký(?=\s+(?:của\s+)?(?:hội\s+đồng|tiểu\s+ban|ban|đoàn|tổ|cuộc\s+họp|(?-i:[A-ZĐ])))")
PARTY_HEAD = re.compile(
    rf"(?<![\w/\-])(?:(?:{_HEAD_OF})?(?:(?:các\s+)?(?:{_ORG_ALT})|{_COLLECTIVE})|{_POST})(?![\w])",
    re.IGNORECASE)


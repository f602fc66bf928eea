"""Who must do what: the "Tổ chức thực hiện" / "Phân công nhiệm vụ" part of a plan.

Each sub-heading there names a party ("1. Mảng Nghiệp vụ", "4.1. Ông A - Trưởng đoàn: Phụ trách
chung ...") and its bullet lines are the tasks. A công văn without such a part assigns work in a
sentence ("... giao Sở X chủ trì ..."): the party is the body named after "giao".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.orgs import ORG_HEAD, PARTY_HEAD, is_org_start
from extractors.schedule_tables import column_roles
from extractors.types import PAGE_NUMBER_LINE, Found, found, on_scan
from pipeline.document import Document, Line, Section
from pipeline.read.normalise import fold

_DUTY_TITLE = re.compile(
    r"^(?:TỔ\s+CHỨC\s+THỰC\s+HIỆN|PHÂN\s+CÔNG(?:\s+NHIỆM\s+VỤ|\s+THỰC\s+HIỆN|\s+TRÁCH\s+NHIỆM)?|"
    r"TRÁCH\s+NHIỆM(?:\s+THỰC\s+HIỆN|\s+CỦA\s+CÁC\s+(?:ĐƠN\s+VỊ|CƠ\s+QUAN))?|NHIỆM\s+VỤ\s+CỦA\s+CÁC|"
    r"CÔNG\s+TÁC\s+TỔ\s+CHỨC\s+THỰC\s+HIỆN)",
    re.I,
)
# the same heading with a mark misread (a scanner's text layer: "TỎ CHỨC THỰC HIỆN"), compared folded
_DUTY_TITLE_FOLDED = re.compile(
    r"^(?:to\s+chuc\s+thuc\s+hien|phan\s+cong(?:\s+nhiem\s+vu|\s+thuc\s+hien)?(?!\s+viec))(?!\w)")


def _duty_title(text: str, whole: bool = False) -> bool:
    """``_DUTY_TITLE`` at the start of ``text`` (all of it with ``whole``), or its folded spelling in a
    heading set in capitals ("Phần công việc ..." folds like "Phân công")."""
    how = "fullmatch" if whole else "match"
    folded = fold(text.lower())
    # (a title in sentence case whose marks a scanner changed, "Tố chức thực hiện", only when it is all
    # the heading says)
    return bool(getattr(_DUTY_TITLE, how)(text)
                or text.isupper() and getattr(_DUTY_TITLE_FOLDED, how)(folded)
                or _DUTY_TITLE_FOLDED.fullmatch(folded.strip(" .:*")))


def _names_the_part(title: str) -> bool:
    """Whether a duties title is the part's name alone or joined to another ("TỔ CHỨC THỰC HIỆN VÀ CHẾ ĐỘ
    BÁO CÁO", "Phân công nhiệm vụ:"), not the opening words of a content heading ("Tổ chức thực hiện Cuộc
    vận động ...")."""
    t = title.strip(" *:.")
    m = _DUTY_TITLE.match(t)
    rest = t[m.end():] if m else ""
    return not rest.strip() or t.isupper() or bool(re.match(r"\s*(?:và|,|;|\(|-|–|của|cụ\s+thể)", rest, re.I))


# "Trách nhiệm của các đơn vị", "Nhiệm vụ cụ thể", "Phân công cụ thể": a heading over the parties
_DUTIES_OF = re.compile(r"^(?:trách\s+nhiệm|nhiệm\s+vụ|phân\s+công)(?:\s+(?:của\s+)?(?:các|cụ\s+thể)\b.*)?$", re.I)
# "Trách nhiệm của Ban Thường vụ", "Nhiệm vụ của các chi đoàn": the duties of the body named
_DUTIES_OF_PARTY = re.compile(r"^(?:trách\s+nhiệm|nhiệm\s+vụ)\s+của\s+\S", re.I)
# sub-headings of a duties part that name a topic, not a party: "7. Chế độ báo cáo", "Kinh phí thực hiện"
_NOT_A_PARTY = re.compile(
    r"^(?:chế\s+độ|kinh\s+phí|nguồn\s+kinh\s+phí|dự\s+toán|tiến\s+độ|thời\s+gian|lộ\s+trình|các\s+bước|"
    r"khen\s+thưởng|kỷ\s+luật|hiệu\s+lực|điều\s+khoản|báo\s+cáo(?!\s+viên)|thông\s+tin\s+báo\s+cáo|"
    r"công\s+tác|nội\s+dung|mục\s+đích|yêu\s+cầu(?!\s+(?:các|cá|Sở|Phòng|UBND))|giải\s+pháp)(?!\w)", re.I)
_BULLET = re.compile(r"^[-•*–—]\s*")  # ("—": Word's and OCR's long dash)
_SUB_BULLET = re.compile(r"^\+\s*")
_NUMBERED = re.compile(r"^(?:(?:\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)]|\d{1,2}\s*[/\-–])\s")
# (a request that ends in a colon leads its own items: "Đề nghị các chi đoàn:" / "- Phổ biến ...")
_CLOSING = re.compile(r"^(?:Trên\s+đây|Trong\s+quá\s+trình|(?:Đề\s+nghị|Yêu\s+cầu)\s+các(?![^:]*:\s*$)|Nơi\s+nhận)",
                      re.I)
# "giao X ...", "đề nghị X ..." in running text (never "theo đề nghị của X": that cites a request)
# ("giao" as the verb, never in "Giao thông", "giao lưu", "giao ban" ...)
# (nor "công văn đề nghị", "văn bản đề nghị", "tờ trình đề nghị", "hồ sơ đề nghị", "giấy đề nghị": a paper
# named by what it asks, whose object is not handed work by the text)
_ASSIGN = re.compile(r"(?<!theo\s)(?<!bàn\s)(?<!văn\s)(?<!bản\s)(?<!trình\s)(?<!sơ\s)(?<!giấy\s)"
                     r"\b(?:giao(?!\s+(?:thông|lưu|dịch|nhận|tiếp|hữu|thừa|lưu)\b)"
                     r"(?!\s+(?-i:ban)\b)|"  # "giao ban" is a meeting; "Giao Ban Tuyên giáo ..." hands work
                     r"đề\s+nghị|yêu\s+cầu)\s+(?!của\b)(?:(?:trách\s+nhiệm|nhiệm\s+vụ)\s+(?=cho\b))?(?:cho\s+)?", re.I)
# the verb that ends a body's name at the start of a duty sentence
_PARTY_VERB = re.compile(
    r"\s(?:chủ\s+trì|phối\s+hợp|tham\s+mưu|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|có\s+nhiệm\s+vụ|là|thực\s+hiện|triển\s+khai|"
    r"nghiên\s+cứu|xây\s+dựng|hướng\s+dẫn|theo\s+dõi|tổng\s+hợp|bố\s+trí|đảm\s+bảo|bảo\s+đảm|kịp\s+thời|"
    r"quan\s+tâm|chỉ\s+đạo|tăng\s+cường|đẩy\s+mạnh|đôn\s+đốc|rà\s+soát|chuẩn\s+bị|vận\s+động|tuyên\s+truyền|"
    r"phổ\s+biến|hỗ\s+trợ|tạo\s+điều\s+kiện|cử|quán\s+triệt|báo\s+cáo|gửi|gởi|xác\s+nhận|đăng\s+ký|phụ\s+trách|định\s+hướng|"
    r"kiện\s+toàn|nâng\s+cao|tiếp\s+tục|tổ\s+chức\s+thực\s+hiện|thường\s+xuyên|khẩn\s+trương|"
    r"lãnh\s+đạo|nghiêm\s+túc|chủ\s+động|tích\s+cực|thông\s+báo|nộp|cung\s+cấp|cập\s+nhật|tập\s+trung|"
    r"giám\s+sát|kiểm\s+tra|lựa\s+chọn|nhắc\s+nhở|trưng\s+tập|triệu\s+tập|trưng\s+dụng|huy\s+động|"
    # what a body must do: "Các hộ chăn nuôi phải thực hiện ..." (never "cần": "Tiểu ban Hậu cần")
    r"phải|sẽ|có\s+thể|tiến\s+hành|(?<!việc\s)làm|"  # (never "việc làm", employment)
    # qualifiers between the name and its verb: "Các sở, ngành liên quan theo chức năng, nhiệm vụ ..."
    r"theo\s+chức\s+năng|trong\s+phạm\s+vi|căn\s+cứ|"
    # when or besides what it acts, said between the body and its verb: "Phòng A ngoài việc kiểm tra
    # ..., tổ chức ...", "Ban B sau khi tổng hợp ..., gửi ...", "Phòng C cuối học kỳ gửi ..."
    r"ngoài\s+việc|sau\s+khi|trước\s+khi|trực\s+tiếp|cuối\s+(?:học\s+kỳ|năm\s+học|năm|tháng|quý|tuần|đợt)|"
    r"(?:hàng|hằng)\s+(?:ngày|tuần|tháng|quý|năm)|định\s+kỳ)\b")
# a list of bodies left open ("Phòng A, phòng B, phòng C… hỗ trợ ..."): the name ends at its "…"
_OPEN_LIST = re.compile(r"(?<=\w)(?:…|\.\.\.)(?=\s+[a-zà-ỹđ])")
# a task opening in capitals after the party: "Sở Tài chính - Chủ trì, ...", "Công an tỉnh: Phối hợp ...",
# "Sở Nội vụ Tiếp tục ..." (never "Tổng hợp": "Phòng Hành chính - Tổng hợp"; "Chỉ đạo" only after a dash)
_TASK_AFTER_DASH = re.compile(
    r"\s*[-–:]\s*(?:Chủ\s+trì|Phối\s+hợp|Tham\s+mưu|Thực\s+hiện|Triển\s+khai|Theo\s+dõi|"
    r"Tiếp\s+tục|Chỉ\s+đạo|Hướng\s+dẫn|Xây\s+dựng|Bố\s+trí|Rà\s+soát|Đôn\s+đốc|Chịu\s+trách)(?!\w)"
    r"|\s(?:Chủ\s+trì|Phối\s+hợp|Tiếp\s+tục|Chịu\s+trách\s+nhiệm)(?!\w)")
_ASSIGN_VERB = re.compile(
    r"\s(?:chủ\s+trì|thực\s+hiện|phối\s+hợp|tham\s+mưu|triển\s+khai|theo\s+dõi|tổng\s+hợp|hướng\s+dẫn|"
    r"xây\s+dựng|(?<!,\s)(?<!các\s)(?<!và\s)tổ\s+chức(?!\s+(?:có\s+liên\s+quan|liên\s+quan|,|cá\s+nhân))|nghiên\s+cứu|rà\s+soát|chuẩn\s+bị|sớm|khẩn\s+trương|quan\s+tâm|xem\s+xét|"
    r"chỉ\s+đạo|đăng\s+ký|cử|gửi|gởi|xác\s+nhận|báo\s+cáo|tham\s+gia|phổ\s+biến|thông\s+báo|tuyên\s+truyền|"
    r"có\s+ý\s+kiến|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|có\s+nhiệm\s+vụ|là\s+(?:cơ\s+quan|đơn\s+vị|đầu\s+mối)|căn\s+cứ|tiếp\s+tục|thông\s+tin|"
    r"nghiêm\s+túc|kịp\s+thời|chủ\s+động|tích\s+cực|thường\s+xuyên|lưu\s+ý|nghiên\s+cứu|bố\s+trí|bảo\s+đảm|"
    r"đảm\s+bảo|đôn\s+đốc|kiểm\s+tra|giám\s+sát|cung\s+cấp|trình|hoàn\s+thành|hoàn\s+thiện|thẩm\s+định|lập|"
    r"quán\s+triệt|tăng\s+cường|đẩy\s+mạnh|tập\s+trung|vận\s+động|cập\s+nhật|nộp|"
    r"phân\s+công|giao\s+nhiệm\s+vụ|nhắc\s+nhở|trưng\s+dụng|huy\s+động)\b")


@dataclass
class Duty:
    party: Found[str]
    tasks: list[Found[str]] = field(default_factory=list)


def extract_responsibilities(doc: Document, stop_line: int | None = None) -> list[Duty]:
    duties = _duties(doc, stop_line)
    if duties and stop_line is not None and _ISSUED_WITH.search(doc.text[:doc.lines[stop_line].start]
                                                                if stop_line < len(doc.lines) else ""):
        # a decision that issues a regulation with it ("Ban hành kèm theo Quyết định này Quy chế ...")
        # hands out duties in both: its own articles and the regulation's after its signature
        duties = duties + annex_responsibilities(doc, stop_line)
    # "Chánh Văn phòng, Giám đốc các sở ... chịu trách nhiệm thi hành Quyết định này": a decision's
    # closing clause hands out no work of its own (the corpus's readers leave it out)
    # (matched folded: a scan reads "quyêt định")
    duties = [d for d in duties
              if not (d.tasks and all(_CARRIES_OUT_THIS_TEXT.search(fold(t.value).lower()) for t in d.tasks))]
    return _one_per_party(duties)


_CARRIES_OUT_THIS_TEXT = re.compile(
    r"(?:chiu|co)\s+trach\s+nhiem\s+thi\s+hanh\s+(?:quyet\s+dinh|nghi\s+quyet|chi\s+thi|thong\s+bao|van\s+ban)"
    r"\s+nay\b")


def _one_per_party(duties: list[Duty]) -> list[Duty]:
    """A body handed work in two places ("4. Giám đốc Sở A chủ trì ...", then "11. Giao Giám đốc Sở A
    theo dõi ..."): one party, the tasks of both in the order written (its name as first written; a
    scanner's changed marks, "vả" for "và", do not make it another body, nor does "các" before it:
    "đề nghị các Sở GDĐT ...", then "Sở GDĐT báo cáo ..." names each of the same bodies)."""
    merged: dict[str, Duty] = {}
    for duty in duties:
        key = re.sub(r"\s+", " ", fold(duty.party.value).lower()).strip()
        key = re.sub(r"^(?:cac|moi|tung)\s+", "", key)  # ("các Sở GDĐT" ..., then "Sở GDĐT ..."; "từng khoa")
        first = merged.get(key) or next((d for k, d in merged.items() if _same_body(k, key)), None)
        if first is None:
            merged[key] = Duty(duty.party, list(duty.tasks))
            continue
        first.party = Found(first.party.value, first.party.spans + duty.party.spans)
        first.tasks += [t for t in duty.tasks if t.value not in {f.value for f in first.tasks}]
    return list(merged.values())


def _same_body(a: str, b: str) -> bool:
    """Two folded names of one body, one written short of a word or two ("Trung tâm Xúc tiến Đầu tư,
    Thương mại và Du lịch tỉnh", and a slip's "Trung tâm Xúc đầu tư, Thương mại và Du lịch"): the shorter
    one's words, five or more, are the longer one's in order, from the same head word, one or two left out."""
    short, long = sorted((re.findall(r"\w+", a), re.findall(r"\w+", b)), key=len)
    if len(short) < 5 or not 0 < len(long) - len(short) <= 2 or short[0] != long[0]:
        return False
    rest = iter(long)
    return all(w in rest for w in short)


def _duties(doc: Document, stop_line: int | None = None) -> list[Duty]:
    stop = stop_line if stop_line is not None else len(doc.lines)
    duties = _structured(doc, 0, stop)
    if duties:
        return _with_labelled(doc, stop, duties) + _handed_items(doc, stop, duties)
    labelled = _labelled_duties(doc, stop)
    if labelled:
        return labelled
    # no duties part: items whose subject is a body ("a) Công an tỉnh chuẩn bị ..."), then bodies
    # asked in running text ("đề nghị các đơn vị đăng ký ..."), each party once
    # (a body named in two items keeps the tasks of both: "4. Khoa A gửi ...", "6. Khi ..., Khoa A lập ...")
    items = [d for d in _subject_items(doc, stop) if not _closing_request(d)]
    # a request whose items each name the body that acts ("Ban Giám hiệu đề nghị các khoa lưu ý một số
    # việc sau:" / "2. Lãnh đạo khoa ...", "3. Phòng A ...") only leads them: the items' bodies are the parties
    itemised = {t.spans[0].start for d in items for t in d.tasks if t.spans}
    led = [d for d in _assignments(doc, stop)
           if not (len(d.tasks) >= 2 and any(t.spans and t.spans[0].start in itemised for t in d.tasks))]
    merged: dict[str, Duty] = {}
    for duty in items + _duty_paragraphs(doc, stop) + led:
        if not _closing_request(duty):
            merged.setdefault(fold(duty.party.value), duty)
    return items + [d for d in merged.values() if not any(d is i for i in items)]


def _handed_items(doc: Document, stop: int, duties: list[Duty]) -> list[Duty]:
    """Items outside the duties part that hand a body work with "Giao" ("2. Về công tác triển khai phần
    mềm ..." / "- Giao Sở Xây dựng chủ trì, phối hợp ..."): that body's further duty (never a task the
    duties part holds already)."""
    held = [sp for d in duties for f in [d.party, *d.tasks] for sp in f.spans]
    out = []
    for ln in doc.lines[:stop]:
        t = ln.text.strip()
        mark = _BULLET.match(t) or _ITEM_MARK.match(t)
        if not mark or ln.is_table_row or not re.match(r"giao\s", t[mark.end():], re.I) \
                or not _ASSIGN.match(t[mark.end():]) or any(sp.start < ln.end and ln.start < sp.end for sp in held):
            continue  # (never "Giao ban ...", "Giao lưu ...": a meeting, an exchange)
        duty = _led_duty(doc, ln, mark, stop)
        if duty is not None and not _executes(doc, duty):
            out.append(duty)
    return out


# a task's owner named on a label line under it: "Đơn vị chủ trì thực hiện: Sở Nội vụ.", "Cơ quan chủ trì:
# Sở Tư pháp", "Đơn vị thực hiện: Các sở, ngành" (never "Đơn vị phối hợp:", who only help)
_OWNER_LABEL = re.compile(
    r"^\s*(?:[-+•*]\s*)?(?:Đơn\s+vị|Cơ\s+quan|Bộ\s+phận)(?:\s*,\s*(?:đơn\s+vị|cơ\s+quan))?"
    r"(?=\s+(?:chủ\s+trì|thực\s+hiện|tham\s+mưu))(?:\s+chủ\s+trì)?(?:\s+tham\s+mưu)?(?:\s+thực\s+hiện)?"
    r"\s*:\s*(?=\S)", re.I)


# the label lines of a task's block: who leads, who helps, when, what it yields
_BLOCK_LABEL = re.compile(r"^\s*(?:[-+•*]\s*)?(?:Đơn\s+vị|Cơ\s+quan|Bộ\s+phận|Thời\s+gian|Thời\s+hạn|Sản\s+phẩm|"
                          r"Kinh\s+phí|Tiến\s+độ)[^:]{0,40}:", re.I)


def _labelled_duties(doc: Document, stop: int) -> list[Duty]:
    """Tasks whose owner a label line names under them ("- Rà soát, kiện toàn đội ngũ ..." / "Đơn vị chủ
    trì thực hiện: Các Sở, ngành, UBND cấp xã." / "Đơn vị phối hợp: Sở Tư pháp."): the tasks are the items
    since the previous block (or the part's heading when it has none); one duty per owner."""
    merged: dict[str, Duty] = {}
    for ln in doc.lines[:stop]:
        m = _OWNER_LABEL.match(ln.text)
        if m is None or ln.is_table_row:
            continue
        end = _wrapped_end(doc, ln, stop)
        who = re.sub(r"\s+", " ", doc.text[ln.start + m.end():end]).strip().rstrip(".;")
        who = re.split(r"\s*[;.]\s*(?:Đơn\s+vị|Cơ\s+quan|Thời\s+gian)\b", who)[0]
        if not who or len(who) > 200 or not (PARTY_HEAD.match(who) or is_org_start(who)):
            continue
        tasks = _block_tasks(doc, ln.index, stop)
        start = ln.start + m.end()
        _add_labelled(merged, doc, who, start, tasks)
    # the owner in brackets after the item: "- Tổ chức tập huấn ... (Cơ quan chủ trì: Sở Tư pháp; thời gian: ...)"
    for ln in doc.lines[:stop]:
        t = ln.text.strip()
        mark = _BULLET.match(t) or _ITEM_MARK.match(t)
        if not mark or ln.is_table_row:
            continue
        bm = _OWNER_IN_BRACKETS.search(doc.text, ln.start, _wrapped_end(doc, ln, stop))
        who = re.sub(r"\s+", " ", bm.group("who")).strip(" .,") if bm else ""
        if who and (PARTY_HEAD.match(who) or is_org_start(who)):
            lead = ln.start + ln.text.find(t) + mark.end()
            _add_labelled(merged, doc, who, bm.start("who"), [_task(doc, lead, bm.start())])
    return [d for d in merged.values() if d.tasks]


_OWNER_IN_BRACKETS = re.compile(r"\(\s*(?:đơn\s+vị|cơ\s+quan)\s+chủ\s+trì(?:\s+thực\s+hiện)?\s*:\s*"
                                r"(?P<who>[^;)]{3,150}?)\s*(?:[;)]|,\s*(?:đơn\s+vị|cơ\s+quan)\s+phối\s+hợp)", re.I)


def _add_labelled(merged: dict[str, Duty], doc: Document, who: str, start: int, tasks: list[Found[str]]) -> None:
    """Give ``who`` (named at ``start``) the ``tasks`` not yet its own."""
    duty = merged.setdefault(fold(who), Duty(found(doc, who, (start, start + len(who)))))
    duty.tasks.extend(t for t in tasks if t.value and all(t.value != u.value for u in duty.tasks))


def _block_tasks(doc: Document, label: int, stop: int) -> list[Found[str]]:
    """The work a label line at ``label`` closes: the items above it back to the previous block's labels
    or the heading of its part (a heading that only says "Cơ quan thực hiện" steps up to its own part)."""
    i = label - 1
    while i >= 0 and (doc.lines[i].blank or _BLOCK_LABEL.match(doc.lines[i].text)):
        i -= 1  # the block's other labels ("Đơn vị phối hợp: ...", "Thời gian thực hiện: ...")
    headings = {sec.heading_line: sec for sec in doc.sections}
    items: list[Line] = []
    while i >= 0 and i not in headings and not _BLOCK_LABEL.match(doc.lines[i].text):
        items.append(doc.lines[i])
        i -= 1
    sec = headings.get(i)
    if sec is not None and re.match(r"^(?:đơn\s+vị|cơ\s+quan)\s+(?:thực\s+hiện|chủ\s+trì)[^:]*:?$",
                                    sec.title.strip(), re.I):
        # "b) Cơ quan thực hiện:" over the labels: the work is its part's heading ("1. Hoàn thiện ...")
        sec = sec.parent
        items = []
    items.reverse()
    tasks = _bullet_tasks(doc, items, stop) or _paragraph_tasks(doc, items) if items else []
    if not tasks and sec is not None and not _BLOCK_LABEL.match(sec.title + ":"):
        # (a part titled "Đơn vị tổ chức" names who organises, not a task)
        heading = doc.lines[sec.heading_line]
        title = sec.title.strip()
        at = heading.start + heading.text.find(title) if title in heading.text else heading.start
        tasks = [_task(doc, at, _wrapped_end(doc, heading, stop))]
    return tasks


def _with_labelled(doc: Document, stop: int, duties: list[Duty]) -> list[Duty]:
    """A duties part's duties and the owners labelled under the tasks of the plan's other parts."""
    labelled = _labelled_duties(doc, stop)
    if not labelled:
        return duties
    merged: dict[str, Duty] = {fold(d.party.value): d for d in duties}
    for d in labelled:
        merged.setdefault(fold(d.party.value), d)
    return list(merged.values())


# what a letter's closing sentence asks of everyone: "đề nghị các đơn vị nghiêm túc triển khai thực
# hiện./.", "yêu cầu ... khẩn trương, nghiêm túc thực hiện đầy đủ các nội dung nêu trên"
_CLOSING_ASK = re.compile(
    r"^\s*(?:(?:khẩn\s+trương|nghiêm\s+túc|quan\s+tâm|chủ\s+động|kịp\s+thời|triển\s+khai|tổ\s+chức)"
    r"\s*,?\s*(?:và\s+)?)*thực\s+hiện(?:\s+(?:nghiêm\s+túc|nghiêm|đầy\s+đủ|có\s+hiệu\s+quả|tốt))?"
    r"(?:\s+(?:đầy\s+đủ\s+)?(?:các\s+)?(?:nội\s+dung|yêu\s+cầu|văn\s+bản|công\s+văn|kế\s+hoạch|thông\s+báo|"
    r"chỉ\s+thị|quyết\s+định)(?:\s+chỉ\s+đạo)?(?:\s+(?:này|trên|nêu\s+trên))?)?\s*(?:\./\.|\.|;)?\s*$", re.I)


def _closing_request(duty: Duty) -> bool:
    """A running text's closing formula asks the bodies to carry it out, and hands no task of its own
    ("Sở Giáo dục và Đào tạo đề nghị Thủ trưởng các đơn vị nghiêm túc thực hiện./.")."""
    if len(duty.tasks) != 1:
        return False
    task, party = " ".join(duty.tasks[0].value.split()), " ".join(duty.party.value.split())
    at = fold(task).find(fold(party))
    # (asked, not handed: "Giao Bí thư Chi đoàn tổ chức triển khai thực hiện" names whose work it is)
    return at != -1 and bool(re.search(r"(?:đề\s+nghị|yêu\s+cầu)\s*$", task[:at], re.I)) \
        and bool(_CLOSING_ASK.match(task[at + len(party):]))


# "Quy định (Ban hành kèm theo Quyết định số ...)": a regulation or plan issued with the decision
_ANNEXED = re.compile(
    r"kèm\s+theo\s+(?:Quyết\s+định|Kế\s+hoạch|Chỉ\s+thị|Công\s+văn|Thông\s+báo)", re.I)


# a decision issuing the regulation or plan that follows its signature: "Ban hành kèm theo Quyết định này
# Quy chế hoạt động của ..." (never one cited from elsewhere: "... ban hành kèm theo Quyết định số 15/...")
_ISSUED_WITH = re.compile(r"ban\s+hành\s+kèm\s+theo\s+(?:Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị)\s+này", re.I)


# the text's body handing work "theo biểu đính kèm" / "(phụ lục kèm theo)": the duties stand in the
# table or appendix after its signature, whose own heading a scanner may have garbled
_ATTACHED = re.compile(r"(?:biểu|phụ\s+lục|bảng)\s+(?:đính\s+kèm|kèm\s+theo)", re.I)


def annex_responsibilities(doc: Document, start: int) -> list[Duty]:
    """Duties a decision hands out in the regulation or plan issued with it, after its signature
    ("Điều 7. Sở Thông tin và Truyền thông" / "1. Chủ trì ..."): only parts built as duties (a duties
    heading, sections or articles titled by a body), never running text, so a letter's attachments
    do not add parties."""
    if start >= len(doc.lines):
        return []
    head = doc.text[doc.lines[start].start:doc.lines[min(start + 60, len(doc.lines) - 1)].end]
    body = doc.text[:doc.lines[start].start]
    if not _ANNEXED.search(head) and not _ATTACHED.search(body) and not _ISSUED_WITH.search(body):
        return []
    # (a regulation's articles titled by the bodies they charge before its other headings)
    articles = _titled_articles(doc, start, len(doc.lines))
    return articles if len(articles) >= 2 else _structured(doc, start, len(doc.lines))


def _structured(doc: Document, lo: int, stop: int) -> list[Duty]:
    """Duties from a part built for them between lines ``lo`` and ``stop``: a "Tổ chức thực hiện"
    heading and its sub-sections, sections titled by a body, or articles titled by a body."""
    titled = [sec for sec in doc.sections if lo <= sec.heading_line < stop and _duty_title(sec.title.strip(" *:"))]
    # a heading that is the duties part's name alone ("IV. TỔ CHỨC THỰC HIỆN", "... VÀ CHẾ ĐỘ BÁO CÁO") before
    # one that only opens with its words ("1. Tổ chức thực hiện Cuộc vận động ...": a content heading); a
    # second part of its own ("III. PHÂN CÔNG NHIỆM VỤ", then "IV. TỔ CHỨC THỰC HIỆN") adds its duties
    used: list[Section] = []
    duties: list[Duty] = []
    for sec in sorted(titled, key=lambda sec: not _names_the_part(sec.title)):
        if used and (not _names_the_part(sec.title) or any(_overlap(sec, u) for u in used)):
            continue
        part = _part_duties(doc, sec, stop)
        if part:
            used.append(sec)
            duties.extend(part)
    if len(used) > 1:
        merged: dict[str, Duty] = {}
        for d in duties:
            merged.setdefault(fold(d.party.value), d)
        duties = list(merged.values())
    if duties:
        return _with_org_sections(doc, lo, stop, used, duties)
    return (_org_sections(doc, lo, stop) or _titled_articles(doc, lo, stop) or _duty_articles(doc, lo, stop)
            or _duty_title_line(doc, lo, stop) or _table_duties(doc, doc.lines[lo:stop], stop))


def _overlap(a: Section, b: Section) -> bool:
    return a.heading_line <= b.last_line and b.heading_line <= a.last_line


def _part_duties(doc: Document, sec: Section, stop: int) -> list[Duty]:
    """The duties a part titled as duties hands out: its sub-sections titled by a body, its groupings of
    them, or the items of every kind under it."""
    duties: list[Duty] = []
    parties = []
    for child in sec.children or []:
        title = child.title.strip(" *:")
        if _DUTIES_OF_PARTY.match(title) and child.children \
                and not any(_party_titled(g) for g in child.children):
            # "1. Trách nhiệm của Phòng Giáo dục và Đào tạo" over "a) Chủ trì ...", "b) Hướng dẫn ...":
            # the body is the party, its items the tasks
            duty = _duty_of(doc, child, stop)
            if duty and duty.tasks:
                duties.append(duty)
        elif _duty_title(title) or _DUTIES_OF.match(title):
            # "1. Trách nhiệm của các đơn vị" / "a) Phòng Giáo dục ...:": the parties are one level down
            parties.extend(child.children or [])
            if not child.children:
                lines = doc.section_lines(child)
                found_here = _table_duties(doc, lines, stop) or _every_kind_of_item(doc, lines, stop)
                if not found_here and _DUTIES_OF_PARTY.match(title):
                    # "2. Trách nhiệm của các chi đoàn" over its own task lines: the body is the party
                    duty = _duty_of(doc, child, stop)
                    found_here = [duty] if duty and duty.tasks else []
                duties.extend(found_here)
        elif not _NOT_A_PARTY.match(title):
            named = [g for g in child.children or [] if _party_titled(g)]
            if named and 2 * len(named) >= len(child.children):
                # "1. Cấp tỉnh" over "a) Sở Y tế", "b) Sở Tài chính": a grouping, the parties one level down
                parties.extend(child.children)
                continue
            listed = [] if child.children else _bullet_duties(doc, doc.section_lines(child), stop)
            if len(listed) >= 2:
                # "1. Đối với các sở, ban, ngành" over "- Sở Y tế: ...", "- Sở Tài chính: ...": the
                # bullets name the parties
                duties.extend(listed)
                continue
            parties.append(child)
    for child in parties:
        duty = _duty_of(doc, child, stop)
        if duty and duty.tasks:  # (a body's heading left empty hands it nothing)
            duties.append(duty)
    if not parties and not duties:
        lines = doc.section_lines(sec)
        duties.extend(_table_duties(doc, lines, stop) or _every_kind_of_item(doc, lines, stop))
    return duties


_TITLE_MARK = re.compile(r"^(?:PHẦN\s+)?(?:[IVXL]{1,4}|\d{1,2}|[A-Z])\s*[/.:\-–)]\s*")


# a part listing who takes part or is inspected, whose sub-sections are titled by bodies that get no work
_PARTICIPANTS = re.compile(r"^(?:thành\s+phần|đại\s+biểu|khách\s+mời|đối\s+tượng|đơn\s+vị\s+được)", re.I)


def _among_participants(sec: Section | None) -> bool:
    """Whether the section, or one it stands in, lists who takes part ("Thành phần mời dự")."""
    while sec is not None:
        if _PARTICIPANTS.match(sec.title.strip()):
            return True
        sec = sec.parent
    return False


def _with_org_sections(doc: Document, lo: int, stop: int, parts: list[Section], duties: list[Duty]) -> list[Duty]:
    """The duties part's duties, and those of sections titled by a body elsewhere in the text ("IV.
    NHIỆM VỤ CỤ THỂ" / "1. Sở Y tế" / "2. Sở Tài chính", then "V. TỔ CHỨC THỰC HIỆN" with its own
    lines), in the order written, each party once; never the bodies a part lists as taking part."""
    def listed(d: Duty) -> bool:
        at = doc.line_at(d.party.spans[0].start).index
        if any(sec.heading_line <= at <= sec.last_line for sec in parts):
            return True
        owner = doc.section_at(at)
        parent = owner.parent if owner is not None and owner.heading_line == at else owner
        return parent is not None and bool(_PARTICIPANTS.match(parent.title.strip()))

    outside = [d for d in _org_sections(doc, lo, stop) if not listed(d)]
    if not outside:
        return duties
    merged: dict[str, Duty] = {}
    for d in sorted(outside + duties, key=lambda d: d.party.spans[0].start):
        merged.setdefault(fold(d.party.value), d)
    return list(merged.values())


def _duty_title_line(doc: Document, lo: int, stop: int) -> list[Duty]:
    """A duties part under a heading set without a number ("TỔ CHỨC THỰC HIỆN" alone on its line),
    which the outline does not count as a section: the items under it, as in a numbered part."""
    headings = {sec.heading_line for sec in doc.sections}
    for ln in doc.lines[lo:stop]:
        t = ln.text.strip().strip("*_ ").rstrip(":")
        t = _TITLE_MARK.sub("", t)  # "IV/ TỔ CHỨC THỰC HIỆN", "PHẦN IV: ...": numbers the outline does not count
        if ln.index in headings or not t.isupper() or not _duty_title(t, whole=True):
            continue
        lines = doc.lines[ln.index + 1:stop]
        return _table_duties(doc, lines, stop) or _every_kind_of_item(doc, lines, stop)
    return []


# a duty table's columns: the work ("Công việc", "Nội dung", "Nhiệm vụ") and who does it ("Phụ trách",
# "Đơn vị chủ trì", "Người thực hiện"; not "Đơn vị phối hợp", who only helps)
_WORK = (r"(?:nội\s+dung(?:\s+(?:công\s+việc|thực\s+hiện|nhiệm\s+vụ|hoạt\s+động|triển\s+khai))?|"
         r"công\s+việc(?:\s+cụ\s+thể)?|nhiệm\s+vụ(?:\s+cụ\s+thể)?|hoạt\s+động|tên\s+(?:công\s+việc|nhiệm\s+vụ|hoạt\s+động))")
# (also joined: "Nhiệm vụ, giải pháp", "Nội dung/nhiệm vụ")
_TASK_COLUMN = re.compile(rf"^(?:các\s+)?{_WORK}(?:\s*(?:,|/|và)\s*(?:{_WORK}|giải\s+pháp))*$", re.I)
# who does a row's work: "Đơn vị chủ trì", "Cơ quan, đơn vị thực hiện", "Người/bộ phận phụ trách",
# "Trách nhiệm thực hiện", "Lực lượng thực hiện"
_WHO = r"(?:người|đơn\s+vị|bộ\s+phận|cơ\s+quan|cán\s+bộ|cá\s+nhân|lực\s+lượng|tổ\s+chức)"
_PARTY_COLUMN = re.compile(
    rf"^(?:{_WHO}(?:\s*[/,]\s*{_WHO})*\s+)?"
    r"(?:phụ\s+trách|chủ\s+trì|thực\s+hiện|chịu\s+trách\s+nhiệm)(?:\s+(?:chính|thực\s+hiện))?$"
    r"|^trách\s+nhiệm(?:\s+thực\s+hiện)?$|^phân\s+công(?:\s+(?:thực\s+hiện|nhiệm\s+vụ|phụ\s+trách))?$", re.I)
# (an hour, alone or opening a range: "8h00", "7h30 - 8h00", "7h00 → 7h30" with a symbol font's arrow, a
# private-use character)
_HOUR_CELL = re.compile(r"^(?:[01]?\d|2[0-3])\s*(?:h|g|giờ|:)\s*(?:[0-5]\d)?(?:\s*phút)?"
                        r"(?:\s*[-–—→\ue000-\uf8ff]|\s*$|\s+đến)", re.I)
# non-table lines a table may run on over (a page's footer and number) before it ends
_TABLE_GAP = 3


def _table_duties(doc: Document, lines: list[Line], stop: int) -> list[Duty]:
    """A duty table (TT | Công việc | Phụ trách | Thời gian): each row's work is a task of the party
    in its responsible column; one duty per party, its tasks in the order of the rows."""
    duties: dict[str, Duty] = {}
    columns: tuple[float, float] | None = None
    gap = 0
    for ln in lines:
        if ln.index >= stop:
            break
        if not ln.is_table_row:
            gap += not ln.blank
            if gap > _TABLE_GAP:
                columns = None
            continue
        gap = 0
        head = _duty_columns(ln)
        if head is not None or _looks_like_header(ln):
            columns = head
            continue
        if columns is None:
            continue
        if any(_HOUR_CELL.match(c.text.strip()) for c in ln.cells if c is not _cell_at(ln, columns[0])):
            # a programme's hours in any column ("7h30 - 8h00 | Khai mạc | Bí thư", "1. | Chào cờ | 8h00 | MC"):
            # who speaks or performs each item, no duty
            columns = None
            continue
        task_cell, party_cell = _cell_at(ln, columns[0]), _cell_at(ln, columns[1])
        if task_cell is None or party_cell is None or task_cell is party_cell:
            continue
        party = re.sub(r"\s+", " ", party_cell.text).strip(" .;,")
        if not party or len(party) > 120 or not re.search(r"[^\W\d_]", party):
            continue
        mark = _ITEM_MARK.match(task_cell.text) or _BULLET.match(task_cell.text)
        task = _task(doc, task_cell.start + (mark.end() if mark else 0), task_cell.end)
        if not task.value:
            continue
        duty = duties.get(fold(party))
        if duty is None:
            at = party_cell.start + party_cell.text.find(party[:10])
            duty = duties[fold(party)] = Duty(found(doc, party, (at, at + len(party))))
        duty.tasks.append(task)
    return list(duties.values())


# a column that names the bodies themselves, beside the work column: "Đơn vị | Nhiệm vụ"
_BODY_COLUMN = re.compile(r"^(?:tên\s+)?(?:đơn\s+vị|cơ\s+quan|bộ\s+phận|cá\s+nhân|người)$", re.I)
_DAY_COLUMN = re.compile(r"^(?:thứ|ngày|buổi|giờ)(?!\w)", re.I)
_CHAIR_COLUMN = re.compile(r"^(?:(?:lãnh\s+đạo|người)\s+)?chủ\s+trì$", re.I)


def _duty_columns(ln: Line) -> tuple[float, float] | None:
    """The positions of a header row's work and responsible columns, when it names both."""
    task = party = None
    dated = chairs = False
    for i, c in enumerate(ln.cells):
        text = re.sub(r"\s+", " ", c.text).strip(" :*")
        key = c.x0 if c.x0 is not None else float(-1 - i)
        dated = dated or bool(_DAY_COLUMN.match(text))
        if task is None and _TASK_COLUMN.match(text):
            task = key
        elif party is None and (_PARTY_COLUMN.match(text) or _BODY_COLUMN.match(text)):
            party = key
            # (a schedule's "Đơn vị" beside its days says who attends or chairs, as "Chủ trì" does)
            chairs = bool(_CHAIR_COLUMN.match(text) or _BODY_COLUMN.match(text))
    if dated and chairs:
        return None  # a schedule's "Thứ, ngày | Nội dung | Chủ trì": who chairs each meeting, no duty
    return (task, party) if task is not None and party is not None else None


def _looks_like_header(ln: Line) -> bool:
    """Another table's header row ("TT | Thời gian | Địa điểm"): short capitalised names, no sentence."""
    cells = [c.text.strip() for c in ln.cells if c.text.strip()]
    numbered = any(re.match(r"^(?:S?TT|Số\s+TT)$", t) for t in cells)
    short = all(len(t) <= 30 and t[:1].isupper() and not t.endswith(".") for t in cells)
    return bool(column_roles(ln)) or (len(cells) >= 3 and numbered and short)


def _cell_at(ln: Line, key: float):
    """The row's cell in the column at ``key`` (a position on the page, or -1 - index)."""
    if key < 0:
        i = int(-1 - key)
        return ln.cells[i] if i < len(ln.cells) else None
    near = [c for c in ln.cells if c.x0 is not None and abs(c.x0 - key) <= 0.05]
    return min(near, key=lambda c: abs(c.x0 - key)) if near else None


def _subject_duty(doc: Document, ln: Line, mark: re.Match[str] | None, verbs: re.Pattern[str],
                  stop: int, any_task: bool = False) -> Duty | None:
    """A line whose subject, after its mark, is a body followed by one of ``verbs`` within 100
    characters ("a) Văn phòng UBND tỉnh chuẩn bị ..."): the body is the party, the line and the lines
    it wraps onto the task."""
    t = ln.text.strip()
    if not t:
        return None
    body = t[mark.end():] if mark else t
    om = PARTY_HEAD.match(body)
    start = ln.cells[0].start + (ln.text.find(t) if t in ln.text else 0) + (mark.end() if mark else 0)
    at = 0  # where the party's name opens: after a step's opening clause of time or ground, if any
    if not om and mark and _OPENING.match(body):
        om, at = _after_opening(body)
    head, colon, rest = body.partition(":")
    task_text = rest.strip()
    if om and not at and colon and task_text[:1].isupper() and len(head.split()) <= 14 \
            and party_bounds(head)[1] >= len(head.rstrip()) \
            and (any_task or _ASSIGN_VERB.match(" " + task_text[:1].lower() + task_text[1:])) \
            and not _names_list(task_text):
        # "c) Sở Thông tin và Truyền thông: Đảm bảo các điều kiện ...": the body, a colon, its task
        party = head.strip()
        task_start = start + len(head) + 1 + (len(rest) - len(rest.lstrip()))
        task = _task(doc, task_start, _wrapped_end(doc, ln, stop))
        return Duty(found(doc, party, (start, start + len(party))), [task])
    end = _wrapped_end(doc, ln, stop)
    if om and not ln.is_table_row and doc.text[start:start + len(body)] == body and end > ln.end:
        # a long name runs onto the next line before its verb ("1. Giám đốc Sở A và Thủ trưởng các cơ
        # quan thông" / "tin đại chúng chủ động ..."): the verb is looked for in the whole paragraph
        # (its line breaks read as spaces, so places in it stay places in the text)
        body = doc.text[start:end].replace("\n", " ")
    vm = verbs.search(body, om.end(), om.end() + 100) if om else None
    while vm and (nm := _NAME_GOES_ON.match(body, vm.end())) and nm.group(1)[:1].isupper() \
            and not PARTY_HEAD.match(body, nm.start(1)):
        vm = verbs.search(body, vm.end(), om.end() + 100)  # "Viện Quy hoạch xây dựng Hà Nội": a name
    if not vm or ":" in body[:vm.start()] or _REPORTED.search(body, 0, vm.start()):
        return None  # (what a body "đã được cử" to do is reported, not handed out)
    cut = _name_end(body, at, om.end(), _dash_task(body, om.end(), vm.start()) or vm.start())
    party = body[at:cut].strip(" ,")
    if at and (re.search(r"[.;]", party) or len(party.split()) > 14):
        return None  # (after an opening clause, a name is short and ends before the clause's end)
    span = (start + at, start + at + len(body[at:cut].rstrip(" ,")))
    return Duty(found(doc, re.sub(r"\s+", " ", party), span), [_task(doc, start, end)])


# a step of a procedure opening with when or on what ground its party acts: "3. Khi nhận được hồ sơ, Phòng
# Đào tạo kiểm tra ...", "Căn cứ danh sách của khoa, Phòng A lập ...", "Sau khi chấm xong thì Thư ký Hội đồng
# gửi ...", "Hằng tháng, giáo viên chủ nhiệm gửi ...", "Cuối tháng cố vấn học tập lập ...", "- Kể từ ngày
# 03/10, Phòng A mở sổ ..." (a scanner may read "Kể" as "Kế")
_OPENING = re.compile(r"(?:khi|sau\s+khi|trước\s+khi|căn\s+cứ|trên\s+cơ\s+sở|(?:k[ểế]\s+)?từ\s+ngày|"
                      r"(?:hàng|hằng)\s+(?:ngày|tuần|tháng|quý|năm)|"
                      r"cuối\s+(?:tháng|năm|quý|tuần|học\s+kỳ|năm\s+học))(?!\w)", re.I)


def _after_opening(body: str) -> tuple[re.Match[str] | None, int]:
    """The body named after a step's opening clause (ended by a comma or "thì", or a short time word
    with none), and where its name opens; (None, 0) when no body follows."""
    m = _OPENING.match(body)
    stops = [m.end()] if re.match(r"(?:hàng|hằng|cuối)\s", body, re.I) else []
    stops += [c.end() for c in re.finditer(r",\s*|\s+thì\s+", body[:200]) if c.start() >= m.end()]
    for at in stops:
        at += len(body[at:]) - len(body[at:].lstrip())
        if re.search(r"[.;:]", body[:at]):
            break
        om = PARTY_HEAD.match(body, at)
        if om:
            return om, at
    return None, 0


def _name_end(text: str, at: int, head_end: int, cut: int) -> int:
    """Where a subject's name that opens at ``at`` ends, before the verb found at ``cut``: at the first
    verb or qualifier after it ("Phòng A, phòng B… hỗ trợ lãnh đạo khoa kiểm tra ...": the body helps,
    what it helps with is no part of its name), unless a capitalised name goes on after that verb word
    ("Viện Quy hoạch xây dựng Hà Nội")."""
    a, b = party_bounds(text[at:cut])
    verb = _PARTY_VERB.match(text, at + b)
    named_on = verb and (nm := _NAME_GOES_ON.match(text, verb.end())) and nm.group(1)[:1].isupper() \
        and not PARTY_HEAD.match(text, nm.start(1))
    return at + b if a == 0 and head_end <= at + b < cut and not named_on else cut


_REPORTED = re.compile(r"\s(?:đã|đã\s+được|được|sẽ\s+được)\s*$")


# after a verb word, a capitalised word that is no body and no text cited: the verb word was part of
# the body's name ("Viện Quy hoạch xây dựng Hà Nội"), not its verb ("Sở A xây dựng Kế hoạch ...")
_CITED = re.compile(r"(?:Kế\s+hoạch|Quyết\s+định|Chương\s+trình|Đề\s+án|Báo\s+cáo|Tờ\s+trình|"
                    r"Thông\s+báo|Nghị|Chỉ\s+thị|Hướng\s+dẫn|Dự\s+thảo|Quy\s+chế|Phương\s+án)(?!\w)")
_NAME_GOES_ON = re.compile(rf"\s+(?!{_CITED.pattern})(\w+)(?!\S*:)")


def _names_list(text: str) -> bool:
    """"Thông tin và Truyền thông, Nông nghiệp ..., Xây dựng, Nội vụ;": names listed, not a task."""
    pieces = [p.strip() for p in re.split(r"[,;]", text.rstrip(" .;")) if p.strip()]
    return len(pieces) >= 3 and all(p[:1].isupper() for p in pieces)


def _executes(doc: Document, duty: Duty) -> bool:
    """The closing "... chịu trách nhiệm thi hành Quyết định này": who carries the text out, no duty."""
    span = duty.tasks[0].spans[0]
    return bool(_EXECUTION.search(doc.text[doc.line_at(span.start).start:span.end]))


def _subject_items(doc: Document, stop: int) -> list[Duty]:
    """Lettered, numbered or bulleted items that open with a body doing something ("a) Văn phòng
    UBND tỉnh chuẩn bị ...", "- Các đơn vị cử cán bộ ..."): at least two in one section, so a lone
    sentence about a body is not taken for a duty. Among such items, a "Body: task" item is a duty
    whatever its verb ("1. Các cơ quan, đơn vị: Treo cờ Tổ quốc ...")."""
    by_section: dict[int, list[tuple[Duty, bool]]] = {}

    def item(ln: Line, mark: re.Match[str]) -> tuple[Duty, bool] | None:
        duty = _subject_duty(doc, ln, mark, _ASSIGN_VERB, stop) or _led_duty(doc, ln, mark, stop)
        if duty is not None:
            return duty, True
        loose = _subject_duty(doc, ln, mark, _ASSIGN_VERB, stop, any_task=True)
        return (loose, False) if loose is not None else None

    def with_later(ln: Line, found_item: tuple[Duty, bool]) -> list[tuple[Duty, bool]]:
        # "4. Khoa A bố trí lịch .... Phòng B căn cứ lịch này để kiểm tra. ...": each sentence of the item
        # whose subject is another body is that body's task, and the first body's task ends before it
        duty, strict = found_item
        later = [d for d in _later_sentences(doc, ln, stop, _ASSIGN_VERB)
                 if fold(d.party.value) != fold(duty.party.value)] if duty.tasks else []
        if not later:
            return [found_item]
        first = duty.tasks[0].spans[0]
        cut = later[0].tasks[0].spans[0].start
        if not first.start < cut < first.end:
            return [found_item]
        duty = Duty(duty.party, [_task(doc, first.start, cut)] + duty.tasks[1:])
        return [(duty, strict)] + [(d, False) for d in later]

    def with_list(ln: Line, found_item: tuple[Duty, bool]) -> list[tuple[Duty, bool]]:
        # "2. Khi trở lại trường, PHHS hướng dẫn các con ..." / "- Kiểm tra thân nhiệt ...", "- ...": the "-"
        # lines under a body's numbered item are its further tasks (those after its colon, its tasks)
        duty, strict = found_item
        under = listed.get(ln.index, [])
        if len(under) < 2 or len(duty.tasks) != 1:
            return with_later(ln, found_item)
        first = duty.tasks[0]
        tasks = []
        for u in under:
            t = u.text.strip()
            at = u.cells[0].start + u.text.find(t) + _BULLET.match(t).end()
            tasks.append(_task(doc, at, _wrapped_end(doc, u, stop)))
        lead = [] if first.value.rstrip().endswith(":") else [first]
        # (a lone item with its own list stands as a duty, as two items do: a second mark, with no task;
        # never one that names its topic, "1. Đối với giảng viên" / "Giảng viên dạy trực tiếp khi:")
        # (nor one whose list reports figures, "- Tổng số học sinh: 1.250", "- Tỷ lệ ... đạt 98%")
        alone = strict and not re.match(r"đối\s+với\s", first.value, re.I) \
            and not any(re.search(r":\s*\d|\d\s*%", task.value) for task in tasks)
        return [(Duty(duty.party, lead + tasks), strict), (Duty(duty.party), alone)]

    # the "-" lists under numbered items that open with a body doing something, read as those items' own
    listed: dict[int, list[Line]] = {}
    for ln in doc.lines[:stop]:
        t = ln.text.strip()
        mark = _ITEM_MARK.match(t)
        if mark and not ln.is_table_row and item(ln, mark) is not None:
            under = _bullets_under(doc, ln, stop)
            if len(under) >= 2:
                listed[ln.index] = under
    consumed = {u.index for under in listed.values() for u in under}
    for sec in doc.sections:
        if _among_participants(sec):
            continue  # ("1. Thành phần mời dự" / "- Thành viên Tổ Công tác triển khai ...": who attends)
        for ln in doc.section_lines(sec):
            if ln.index >= stop:
                break
            if ln.index in consumed:
                continue
            t = ln.text.strip()
            mark = _ITEM_MARK.match(t) or _BULLET.match(t)
            found_item = item(ln, mark) if mark else None
            if found_item is not None:
                by_section.setdefault(sec.heading_line, []).extend(with_list(ln, found_item))
    # items numbered at the top of the text are sections of their own, under none ("1. Giao công
    # chức ... chủ trì ...", "2. Công an xã ...", as a meeting's conclusions list them): one group
    for sec in doc.sections:
        ln = doc.lines[sec.heading_line]
        if sec.parent is not None or ln.index >= stop:
            continue
        mark = _ITEM_MARK.match(ln.text.strip())
        found_item = item(ln, mark) if mark else None
        if found_item is not None:
            by_section.setdefault(-1, []).extend(with_list(ln, found_item))
    items = [d for group in by_section.values() if sum(strict for _, strict in group) >= 2 for d, _ in group
             if d.tasks]
    return items + _article_duties(doc, stop)


def _bullets_under(doc: Document, ln: Line, stop: int) -> list[Line]:
    """The "-" lines right under the item on ``ln`` (and the lines it wraps onto), up to anything else."""
    out: list[Line] = []
    i = doc.line_at(_wrapped_end(doc, ln, stop)).index + 1
    while i < min(stop, len(doc.lines)):
        nxt = doc.lines[i]
        t = nxt.text.strip()
        if not t or not _BULLET.match(t) or nxt.is_table_row:
            break
        out.append(nxt)
        i = doc.line_at(_wrapped_end(doc, nxt, stop)).index + 1
    return out


def _led_duty(doc: Document, ln: Line, mark: re.Match[str] | None, stop: int) -> Duty | None:
    """An item or paragraph that hands work to a body: "- Giao Ban Tuyên giáo chủ trì ...", "b) Đề
    nghị Hội Cựu chiến binh phối hợp ...": the body after the lead word is the party, the item its task."""
    t = ln.text.strip()
    skip = mark.end() if mark else 0
    body = t[skip:]
    if not _LEAD.match(body):
        return None
    a, b = party_bounds(body)
    start = ln.cells[0].start + (ln.text.find(t) if t in ln.text else 0) + skip
    end = _wrapped_end(doc, ln, stop)
    if b >= len(body.rstrip(" .;")) and end > ln.end and not ln.is_table_row \
            and doc.text[start:start + len(body)] == body:
        # the name runs onto the next line before its verb ("2. Giao Thường trực Hội đồng nhân dân, các Ban"
        # / "Hội đồng nhân dân tỉnh chịu trách nhiệm ..."): bound it in the whole paragraph
        body = doc.text[start:end].replace("\n", " ")
        a, b = party_bounds(body)
    # (a name handed work that is long enough to wrap may list several bodies)
    longest = 250 if body != t[skip:] and re.match(r"(?:giao|đề\s+nghị|yêu\s+cầu)\s", body, re.I) else 120
    if not (0 < b - a <= longest and b < len(body.rstrip(" .;")) and PARTY_HEAD.match(body, a)):
        return None
    name = re.sub(r"\s+", " ", body[a:b])
    return Duty(found(doc, name, (start + a, start + b)), [_task(doc, start, end)])


def _sentence_duties(doc: Document, lines: list[Line], stop: int, in_duties: bool = False) -> list[Duty]:
    """A duties part written as paragraphs, each opening with the body that acts ("Sở Tài chính tham
    mưu bố trí kinh phí ...") or handed the work ("Giao Sở Nội vụ chủ trì ...")."""
    duties: list[Duty] = []
    for k, ln in enumerate(lines):
        if ln.index >= stop:
            break
        t = ln.text.strip()
        if not t:
            continue
        bullet = _BULLET.match(t) or _SUB_BULLET.match(t)
        # a bullet opening with its body and verb ("- Trạm Y tế các xã bố trí ..."), in a duties part and
        # not under a lead line; "- Sở A: ..." and "- Giao Sở A:" are read as a body and its colon
        if bullet and not (in_duties and ":" not in t and not _under_lead(lines, k)):
            continue
        if _CLOSING.match(t):
            break
        mark = bullet or _ITEM_MARK.match(t)  # "3. Đề nghị Hội Phụ nữ xã phối hợp ..."
        prev = lines[k - 1].text.rstrip() if k > 0 else ""
        if prev and not mark and not prev.endswith((".", ";", ":")):
            continue  # the paragraph goes on from the line above
        # (under a duties heading, "4. UBND thành phố: Chỉnh trang đô thị ..." is a duty whatever its verb)
        duty = _subject_duty(doc, ln, mark, _ASSIGN_VERB, stop, any_task=in_duties and bool(mark) and not bullet) \
            or _led_duty(doc, ln, mark, stop)
        if duty is not None:
            items = _items_under(doc, duty.tasks[0].spans[0].start, stop) if in_duties and not mark else []
            if items and not any(_names_party(it.value) for it in items):
                # "Ủy ban nhân dân tỉnh có trách nhiệm ..., chỉ đạo thực hiện các nội dung sau:" / "1. Triển
                # khai ..." / "2. Khẩn trương ...": the body's sentence leads its tasks, the numbered items
                duty = Duty(duty.party, items)
                duties.append(duty)
                continue
            duties.append(duty)
            if in_duties:  # "Giao Sở A chủ trì .... Sở Tài chính bố trí kinh phí ...": one body a sentence
                duties += _later_sentences(doc, ln, stop, _ASSIGN_VERB)
    return duties


def _under_lead(lines: list[Line], k: int) -> bool:
    """Whether the bullet ``lines[k]`` is one of the items under a line ending in a colon ("Giao
    Phòng A triển khai:" / "- Các trường xây dựng kế hoạch ..."): the items of that run of bullets
    are the lead's tasks, whatever their subject."""
    def depth(t: str) -> int:  # "-" items, "+" items under them, 0 for a line without a bullet
        return 2 if _SUB_BULLET.match(t) else 1 if _BULLET.match(t) else 0

    own = depth(lines[k].text.strip())
    for ln in reversed(lines[:k]):
        t = ln.text.strip()
        if t and depth(t) < own:
            return t.endswith(":")  # the line the run of items hangs from
    return False


# what only a duty sentence says right after its subject: "Văn phòng UBND tỉnh có trách nhiệm chủ trì ..."
_DUTY_VERB = re.compile(r"\s(?:có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|chủ\s+trì(?:,|\s+phối\s+hợp|\s+và))(?!\w)")


def _duty_paragraphs(doc: Document, stop: int) -> list[Duty]:
    """Paragraphs, marked or not, whose subject is a body and whose verb is a duty's ("Sở Thông tin
    và Truyền thông có trách nhiệm ...", "Công an tỉnh chủ trì, phối hợp ..."): one is enough, the
    verb says it. The closing "... chịu trách nhiệm thi hành Quyết định này" is not a duty."""
    duties = []
    for ln in doc.lines[:stop]:
        t = ln.text.strip()
        mark = _ITEM_MARK.match(t) or _BULLET.match(t) or _ARTICLE.match(t)
        prev = doc.lines[ln.index - 1] if ln.index > 0 else None
        if not mark and prev is not None and not prev.blank and not prev.text.rstrip().endswith((".", ";", ":")) \
                and doc.section_at(prev.index) is not None and doc.section_at(prev.index).heading_line != prev.index:
            continue  # the line goes on with a sentence above it (not under a heading)
        duty = _subject_duty(doc, ln, mark, _DUTY_VERB, stop)
        # "UBND xã giao Trạm Y tế chủ trì": the party is the one handed the work, found by _assignments
        if duty is not None and not _ASSIGN.search(duty.party.value) and not _executes(doc, duty):
            duties.append(duty)
        # a later sentence of the line whose subject is a body with a duty's verb: "... của Sở Nội vụ. Hội
        # Nữ Doanh nhân tỉnh có trách nhiệm chuẩn bị ..."
        duties += _later_sentences(doc, ln, stop, _DUTY_VERB)
    return duties


def _later_sentences(doc: Document, ln: Line, stop: int, verbs: re.Pattern[str]) -> list[Duty]:
    """The sentences after the first of a paragraph that open with a body doing one of ``verbs``
    ("... Kế hoạch này. Sở Tài chính thẩm định, bố trí kinh phí ...") or handed work ("... . Giao Sở
    Y tế ..."): each its own duty, the sentence its task."""
    duties = []
    end_of_paragraph = _wrapped_end(doc, ln, stop)
    for sm in re.finditer(r"[.;]\s+(?=\S)", doc.text[ln.start:end_of_paragraph]):
        at = ln.start + sm.end()
        if not doc.text[at:at + 1].isupper():
            continue
        end = re.search(r"\.(?=/\.|\s|$)", doc.text[at:end_of_paragraph + 1])  # (a text's end mark "./." kept out)
        task = _task(doc, at, at + end.start() + 1 if end else end_of_paragraph)
        # (matched on the sentence itself: "^" in _LEAD would not match at ``at`` inside a line)
        lead = _LEAD.match(doc.text[at:task.spans[0].end])
        if lead and not lead.group(0).lower().startswith(("căn", "đối")):
            # ("Đối với các Khoa, ..." inside a paragraph is a condition of its work, no new party)
            body = doc.text[at:task.spans[0].end]
            a, b = party_bounds(body)
            if 0 < b - a <= 120 and b < len(body.rstrip(" .;")) and PARTY_HEAD.match(body, a):
                name = re.sub(r"\s+", " ", body[a:b])
                duties.append(Duty(found(doc, name, (at + a, at + b)), [task]))
            continue
        om = PARTY_HEAD.match(doc.text, at)
        vm = verbs.search(doc.text, om.end(), om.end() + 100) if om else None
        if not (om and om.start() == at) or not vm or re.search(r"[.;:]", doc.text[at:vm.start()]):
            continue
        party = doc.text[at:_name_end(doc.text, at, om.end(), vm.start())].strip(" ,")
        sentence = Duty(found(doc, party, (at, at + len(party))), [task])
        if not _ASSIGN.search(party) and not _executes(doc, sentence):
            duties.append(sentence)
    return duties


_ARTICLE = re.compile(r"^Điều\s+\d{1,2}\s*[.:]\s*")
# the closing article every decision has: who carries it out, not a duty it hands out
_EXECUTION = re.compile(r"thi\s+hành\s+(?:Quyết\s+định|Chỉ\s+thị|Nghị\s+quyết|Quy\s+định|văn\s+bản)|có\s+hiệu\s+lực",
                        re.I)


def _article_duties(doc: Document, stop: int) -> list[Duty]:
    """A decision's articles that hand a body its work: "Điều 2. Sở Giao thông vận tải có trách
    nhiệm tổ chức ...". The closing "... chịu trách nhiệm thi hành Quyết định này" is left out."""
    duties = []
    for ln in doc.lines[:stop]:
        t = ln.text.strip()
        mark = _ARTICLE.match(t)
        if not mark:
            continue
        duty = _subject_duty(doc, ln, mark, _ASSIGN_VERB, stop)
        if duty is not None and not _executes(doc, duty):
            duties.append(duty)
    return duties


# "Điều 9. Trách nhiệm của Công an tỉnh", "Điều 4. Nhiệm vụ và quyền hạn của Ban Tổ chức"
_ARTICLE_LEAD = re.compile(r"^(?:trách\s+nhiệm|nhiệm\s+vụ(?:\s+và\s+quyền\s+hạn)?|quyền\s+hạn)\s+(?:của\s+)?", re.I)
_CHAPTER = re.compile(r"^(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s+[IVXLC\d]+\b")


def _titled_articles(doc: Document, lo: int, stop: int) -> list[Duty]:
    """A regulation's articles titled by the body they charge ("Điều 7. Sở Thông tin và Truyền
    thông", "Điều 9. Trách nhiệm của Công an tỉnh"): the body is the party and the article's items
    (or paragraphs) its tasks, up to the next article or chapter. An article titled by the duty alone
    ("Điều 1. Nhiệm vụ") whose first sentence names the body ("Tổ công tác có nhiệm vụ ... sau:") charges
    that body with its items; an article's items titled by a body of their own ("1. Trách nhiệm của Tổ phó
    là ...", "2. Trách nhiệm của các Tổ phó ...") charge each that body."""
    duties: list[Duty] = []
    lines = doc.lines[lo:stop]
    for k, ln in enumerate(lines):
        t = ln.text.strip()
        mark = _ARTICLE.match(t)
        if not mark:
            continue
        title = t[mark.end():].rstrip(" .:")
        lead = _ARTICLE_LEAD.match(title + " ")
        name = title[lead.end() if lead else 0:].strip()
        body: list[Line] = []
        for nxt in lines[k + 1:]:
            s = nxt.text.strip()
            if _ARTICLE.match(s) or _CHAPTER.match(s) or _CLOSING.match(s):
                break
            body.append(nxt)
        start = ln.cells[0].start + ln.text.find(t) + t.find(name, mark.end())
        if not name and lead and body:
            duty = _led_article(doc, body)
            if duty is not None:
                duties.append(duty)
            continue
        if not name or not PARTY_HEAD.match(name) or len(name.split()) > 14 or party_bounds(name)[1] < len(name):
            continue
        titled = [(nxt, _titled_item(doc, nxt, body)) for nxt in body]
        own = [duty for _, duty in titled if duty is not None]
        if own:  # (the article's own tasks are those before its first item titled by a body)
            first = next(nxt.index for nxt, duty in titled if duty is not None)
            body = [nxt for nxt in body if nxt.index < first]
        tasks = [task for task in _paragraph_tasks(doc, body) if task.value]
        if tasks:
            duty = Duty(found(doc, name, (start, start + len(name))), tasks)
            if not _executes(doc, duty):  # "Điều 3. Chánh Văn phòng ... chịu trách nhiệm thi hành ..."
                duties.append(duty)
        duties.extend(duty for duty in own if duty.tasks)
    return duties


def _titled_item(doc: Document, ln: Line, body: list[Line]) -> Duty | None:
    """An article's item titled by the body it charges ("1. Trách nhiệm của Tổ phó là Phó Giám đốc Sở A"),
    with its own items under it up to the next such one."""
    t = ln.text.strip()
    mark = _ITEM_MARK.match(t)
    if not mark or not re.match(r"\d", t) or not _DUTIES_OF_PARTY.match(t[mark.end():]):
        return None
    title = t[mark.end():].rstrip(" .:;")
    name = title[_ARTICLE_LEAD.match(title).end():].strip()
    if not PARTY_HEAD.match(name) or len(name.split()) > 40:
        return None
    under: list[Line] = []
    for nxt in body[body.index(ln) + 1:]:
        s = nxt.text.strip()
        m = _ITEM_MARK.match(s)
        if m and re.match(r"\d", s):
            break  # (the article's next numbered item)
        under.append(nxt)
    at = ln.cells[0].start + ln.text.find(t) + t.find(name, mark.end())
    return Duty(found(doc, name, (at, at + len(name))), [task for task in _paragraph_tasks(doc, under) if task.value])


def _led_article(doc: Document, body: list[Line]) -> Duty | None:
    """"Điều 1. Nhiệm vụ" / "Tổ công tác có nhiệm vụ giúp Ban Chỉ đạo ... sau:" / "1. Tham mưu ...": the
    body the first sentence names, the article's items its tasks."""
    first = next((ln for ln in body if ln.text.strip()), None)
    if first is None:
        return None
    t = first.text.strip()
    verb = re.search(r"\s(?:có|chịu)\s+(?:nhiệm\s+vụ|trách\s+nhiệm)(?!\w)", t)
    if not t.endswith(":") or verb is None or not (PARTY_HEAD.match(t) or is_org_start(t)):
        return None
    a, b = party_bounds(t)
    if a != 0 or b != verb.start() or len(t[:b].split()) > 14:
        return None
    tasks = [task for task in _paragraph_tasks(doc, [ln for ln in body if ln.index > first.index]) if task.value]
    at = first.cells[0].start + first.text.find(t)
    return Duty(found(doc, t[:b], (at, at + b)), tasks) if tasks else None


def _duty_articles(doc: Document, lo: int, stop: int) -> list[Duty]:
    """A decision's article titled as a duties part ("Điều 2. Tổ chức thực hiện.") over items that
    hand each body its work ("- Giao Sở Xây dựng: Cập nhật ..."); never the closing article's
    "... chịu trách nhiệm thi hành Quyết định này"."""
    lines = doc.lines[lo:stop]
    for k, ln in enumerate(lines):
        t = ln.text.strip()
        mark = _ARTICLE.match(t)
        if not mark or not _duty_title(t[mark.end():].strip(" .:")):
            continue
        body: list[Line] = []
        for nxt in lines[k + 1:]:
            if _ARTICLE.match(nxt.text.strip()) or _CHAPTER.match(nxt.text.strip()):
                break
            body.append(nxt)
        duties = _every_kind_of_item(doc, body, stop)
        if duties:
            return duties + _handed_in_closing(doc, lines[k + 1 + len(body):], stop, duties)
    return []


def _handed_in_closing(doc: Document, lines: list[Line], stop: int, duties: list[Duty]) -> list[Duty]:
    """The items of the articles after a decision's duties article that hand a body work with "Giao" or
    "Đề nghị" ("Điều 3. ..." / "2. Giao Thường trực Hội đồng nhân dân ... kiểm tra, giám sát ...", "3. Đề
    nghị Ủy ban Mặt trận Tổ quốc ... giám sát ..."), never those who carry the decision out."""
    seen = {fold(d.party.value) for d in duties}
    out = []
    for ln in lines:
        t = ln.text.strip()
        if ln.index >= stop or _CLOSING.match(t):
            break
        mark = _ITEM_MARK.match(t)
        duty = _led_duty(doc, ln, mark, stop) if mark else None
        if duty is not None and not _executes(doc, duty) and fold(duty.party.value) not in seen:
            seen.add(fold(duty.party.value))
            out.append(duty)
    return out


def _every_kind_of_item(doc: Document, lines: list[Line], stop: int) -> list[Duty]:
    """The duties of a part whose items mix their kinds: a body and a colon, a lead line over bullets,
    sentences opening with the body or "Giao"/"Đề nghị" — in the order written, each party once, never
    the executors of a decision."""
    merged: dict[str, Duty] = {}
    for d in sorted(_lead_duties(doc, lines, stop) + _bullet_duties(doc, lines, stop)
                    + _sentence_duties(doc, lines, stop, in_duties=True), key=lambda d: d.party.spans[0].start):
        if d.tasks and not _executes(doc, d):
            merged.setdefault(fold(d.party.value), d)
    return list(merged.values())


def _org_sections(doc: Document, lo: int, stop: int) -> list[Duty]:
    """Plans and directives without a "Tổ chức thực hiện" heading (or whose heading OCR garbled:
    "IH. Phân công thực hiện") still hand out duties as numbered sections, each titled by the body
    it addresses ("4. Công an tỉnh", "b) Giao Sở Tài chính"): at least two such siblings, or one
    opened by "Giao"/"Đề nghị", are read as duties."""
    by_parent: dict[int, list[Section]] = {}
    sentences: dict[int, list[Section]] = {}
    for sec in doc.sections:
        if not lo <= sec.heading_line < stop or _among_participants(sec.parent):
            continue  # (bodies listed as taking part, "II. THÀNH PHẦN" / "1. Sở Y tế", get no work)
        raw = _heading_title(doc, sec).strip(" *")
        title = raw.strip(" :.")
        if _handed_at_end(raw) is not None:
            # "3. Về nội dung dự thảo Kế hoạch ..., giao Sở A:" over its items: handed its work as a heading
            by_parent.setdefault(id(sec.parent), []).append(sec)
            continue
        a, b = party_bounds(title)
        # the heading is the party alone ("4. Công an tỉnh"), or hands it its work with a colon
        # ("a) Giao Sở Tài chính triển khai:"); a heading that is a sentence is content, not a duty
        alone = b >= len(title) or raw.endswith(":")
        heading = doc.lines[sec.heading_line]
        nxt = doc.lines[sec.heading_line + 1].text.strip() if sec.heading_line + 1 < len(doc.lines) else ""
        if alone and a == 0 and not raw.endswith((":", ".", ";")) and _runs_on(title, nxt) \
                and title in heading.text:
            # a heading that is the first line of a sentence, cut by the page's width before its verb
            # ("1. Thủ trưởng các sở, ngành, cơ quan thông tin đại chúng, hội" / "nghề nghiệp cấp tỉnh theo
            # chức năng ..."): the party is bounded in the whole sentence, and the heading is a sentence
            at = heading.start + heading.text.find(title)
            whole = doc.text[at:_wrapped_end(doc, heading, stop)].replace("\n", " ")
            wa, wb = party_bounds(whole)
            if wa == 0 and b - 5 < wb < len(whole.rstrip(" .;")) and ":" not in whole[:wb + 1] \
                    and PARTY_HEAD.match(whole) and wb <= 250 and len(whole[:wb].split()) <= 40:
                sentences.setdefault(id(sec.parent), []).append(sec)
                continue
        scanned = on_scan(doc, doc.lines[sec.heading_line].start)
        named = PARTY_HEAD.match(title, a) is not None or (scanned and is_org_start(title[a:b]))
        # (a name after "Giao"/"Đề nghị" may list many bodies: "Giao người đứng đầu các cơ quan ...; Chủ
        # tịch Ủy ban nhân dân các xã, phường" over its items)
        listing = a > 0 and alone and bool(_BULLET.match(nxt) or _ITEM_MARK.match(nxt))
        longest = (250, 40) if listing else (120, 14)
        if 0 < b - a <= longest[0] and alone and named and len(title.split(":")[0].split()) <= longest[1]:
            by_parent.setdefault(id(sec.parent), []).append(sec)
        elif 0 < b - a <= 120 and (a == 0 or re.match(r"(?:giao|đề\s+nghị)\s", title, re.I)) and b < len(title) \
                and named and len(title[a:b].split()) <= 14:
            # "6. Các sở, ngành liên quan phối hợp với ...": a body and its duty in one sentence, read so
            # among siblings titled by a body alone; so is a sentence handing work ("11. Giao Sở A theo
            # dõi, tổng hợp ...", "Đề nghị Hội Nông dân phối hợp ...")
            sentences.setdefault(id(sec.parent), []).append(sec)
    duties: list[Duty] = []
    for parent, secs in by_parent.items():
        led = [sec for sec in secs if _LEAD.match(sec.title.strip()) or _handed_at_end(sec.title) is not None]
        if len(secs) >= 2:
            secs = sorted(secs + sentences.get(parent, []), key=lambda sec: sec.heading_line)
        for sec in (secs if len(secs) >= 2 else led):
            duty = _duty_of(doc, sec, stop)
            if duty and duty.tasks:
                duties.append(duty)
    return duties


def _handed_at_end(title: str) -> int | None:
    """Where the body a heading hands its items to begins, when the heading's last clause does so after
    what the work is about ("3. Về nội dung dự thảo Kế hoạch ..., giao Sở A:", "1. Thống nhất tổ chức Hội
    nghị .... Giao Trung tâm B:"); None unless the heading ends in the body's bare name and a colon."""
    t = title.strip().rstrip(" *")
    if not t.endswith(":"):
        return None
    last = max(_ASSIGN.finditer(t), key=lambda m: m.start(), default=None)
    if last is None or not t[:last.start()].rstrip().endswith((",", ".", ";")):
        return None  # (a heading opening with "Giao" is read as such already)
    name = t[last.end():-1].strip()
    if not name or ":" in name or not (PARTY_HEAD.match(name) or is_org_start(name)) \
            or len(name.split()) > 20 or party_bounds(name) != (0, len(name.rstrip(" ."))):
        return None
    return last.end()


def _party_titled(sec: Section) -> bool:
    """Whether a section's title names a body ("a) Sở Y tế", "b) Giao UBND các huyện ...")."""
    title = sec.title.strip(" *:.")
    a, b = party_bounds(title)
    return b > a and (PARTY_HEAD.match(title, a) is not None or is_org_start(title[a:b]))


def _heading_title(doc: Document, sec: Section) -> str:
    """A section's title, with the words a scanner's layout cut into a cell of their own put back
    ("2. Các đơn vị trực thuộc ngành Y" | "tế Kiên Giang"); the cut is read as a space, offsets kept."""
    heading = doc.lines[sec.heading_line]
    title = sec.title.strip()
    if len(heading.cells) > 1 and not heading.is_table_row and heading.cells[1].text[:1].islower() \
            and heading.cells[0].text.rstrip().endswith(title):
        title = (title + doc.text[heading.cells[0].end:heading.end]).replace("\t", " ").rstrip()
    return title


def _runs_on(text: str, nxt: str) -> bool:
    """Whether a heading's sentence goes on to the next line: that line opens in lower case, or the
    heading leaves a bracket open ("4. Giám đốc Sở A (Thường trực" / "Ban Chỉ đạo tỉnh) chủ trì ...")."""
    return bool(nxt) and (nxt[:1].islower() or text.count("(") > text.count(")"))


def _duty_of(doc: Document, sec: Section, stop: int) -> Duty | None:
    heading = doc.lines[sec.heading_line]
    title = _heading_title(doc, sec)
    title_start = heading.start + heading.text.find(title) if title in heading.text else heading.start
    lead = re.match(r"(?:giao|đề\s+nghị|yêu\s+cầu|đối\s+với)\s*:\s*(?=\S)", title, re.I)
    handed = _handed_at_end(title)
    if handed is not None:  # "3. Về nội dung ..., giao Sở A:": the body named after the heading's topic
        title, title_start = title[handed:], title_start + handed
    elif lead:  # "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh": the bodies after the colon
        title, title_start = title[lead.end():], title_start + lead.end()
    tasks: list[Found[str]] = []
    head, colon, rest = title.partition(":")
    a, b = party_bounds(head)
    named_list = _named_members(rest + ":") if colon and b >= len(head.rstrip()) else None
    if named_list is not None:
        # "2. Các sở: Xây dựng, Công Thương, Nông nghiệp và Môi trường" (over its items, or a colon and its
        # task): the bodies named one by one after the colon are the party's
        head, rest = head + ":" + rest[:named_list[0]], rest[named_list[0]:]
        colon, rest = (":", rest[1:]) if rest.startswith(":") and rest[1:].strip() else ("", "")
        b = len(head.rstrip(" ."))
    nxt = doc.lines[heading.index + 1].text.strip() if heading.index + 1 < len(doc.lines) else ""
    if not colon and b >= len(head.rstrip(" .;")) and _runs_on(head, nxt):
        # the sentence wraps before its verb ("thủ trưởng các cơ quan, đơn vị và" / "doanh nghiệp ... xây
        # dựng ..."): bound the party in the whole sentence (line breaks read as spaces, offsets kept)
        whole = doc.text[title_start:_wrapped_end(doc, heading, stop)].replace("\n", " ")
        if ":" not in whole[:b + 1]:
            wa, wb = party_bounds(whole)
            if wb < len(whole.rstrip(" .;")) and wb > b - 5:
                head, a, b = whole, wa, wb
    party_text, party_span = re.sub(r"\s+", " ", head[a:b]), (title_start + a, title_start + b)
    named = a > 0 or is_org_start(party_text) or PARTY_HEAD.match(party_text)
    if _person_end(head, a, len(head)) == b and not _PARTY_VERB.search(head, a):
        named = False  # "Trần Thị B – DSTH- Phụ trách công tác dược": a person's name and post, no sentence
    elif not named and not colon and a == 0 and b < len(head.rstrip(" .;")) \
            and not re.search(r"[.;]", head.rstrip(" .;")) and len(head.split()) <= 10 and head[:1].isupper() \
            and not _subject_sentence(head, b):
        # "3.3. Sinh viên thực hiện Đồ án tốt nghiệp" over its items: a heading naming who acts, whole (the
        # verb word in it qualifies them; a heading that is a sentence opens with a body the text knows)
        b = len(head.rstrip(" .;"))
        party_text, party_span = re.sub(r"\s+", " ", head[a:b]), (title_start + a, title_start + b)
    if not colon and b < len(head.rstrip(" .;")) and named:
        # "Cục Viễn thám quốc gia chủ trì, phối hợp với ...", "Đề nghị UBND các huyện phối hợp ...":
        # the body, then what it does (the whole sentence is the task)
        tasks.append(_task(doc, title_start, _wrapped_end(doc, heading, stop)))
    elif colon and len(rest.strip()) > 3:
        # "Ông A - Trưởng đoàn: Phụ trách chung ...": the party and a task on the heading line
        rest_start = title_start + len(head) + 1 + (len(rest) - len(rest.lstrip()))
        named = _HOLDER.match(rest)
        if named and not all(w[:1].isupper() for w in named.group("name").split()):
            named = None  # ("À-Ỹ" spans lower-case letters too: "Chỉ đạo Ban Thi đua - ..." is a task, no person)
        if named and party_text:
            # "Hiệu trưởng: Ông Hoàng Hưng – Chỉ đạo tổng thể ...": the post and who holds it are the party
            party_end = title_start + len(head) + 1 + named.end("name")
            party_text = doc.text[party_span[0]:party_end]
            party_span = (party_span[0], party_end)
            rest_start = title_start + len(head) + 1 + named.end()
        held = rest[named.end():] if named else ""
        if not (_HELD_POST.match(held) and not _PARTY_VERB.search(" " + held)):
            # ("1. Tổ trưởng: Ông Nguyễn Văn A - Giám đốc Sở Nội vụ.": a member and the post they hold, no work)
            tasks.append(_task(doc, rest_start, _wrapped_end(doc, heading, stop)))
    lines = [ln for ln in doc.section_lines(sec) if ln.index < stop]
    if tasks:
        # the lines the heading's sentence wraps onto are that task already, not one of their own
        lines = [ln for ln in lines if ln.start >= tasks[0].spans[0].end or ln.index == heading.index]
    # the items are "-" bullets, or "+" ones where the party has no "-" under it ("1. Ban Thường vụ:" / "+ ...")
    marks = _BULLET if any(_BULLET.match(ln.text.strip()) for ln in lines) else _SUB_BULLET
    bullets = _bullet_tasks(doc, lines, stop, marks)
    if bullets:
        # a paragraph before the bullets is a task of its own ("Chủ trì ... triển khai kế hoạch, cụ thể:")
        first = next(ln.index for ln in lines if marks.match(ln.text.strip()))
        tasks.extend(_paragraph_tasks(doc, [ln for ln in lines if ln.index < first]))
    tasks.extend(bullets)
    if not tasks:
        tasks.extend(_paragraph_tasks(doc, lines))
    if not party_text:
        return None
    tasks = [t for t in tasks if t.value]
    if tasks and all(_MEMBER.match(t.value) for t in tasks):
        tasks = []  # "3. Các thành viên:" / "a) Ông Nguyễn Văn A - Trưởng phòng ...": who belongs, no work
    return Duty(found(doc, party_text, party_span), tasks)


def _subject_sentence(head: str, b: int) -> bool:
    """Whether a heading goes on after its subject's verb as a sentence does: with a lower-case object
    of several words ("Sinh viên nộp báo cáo về văn phòng khoa"), not a name in capitals ("... thực hiện
    Đồ án tốt nghiệp")."""
    verb = _PARTY_VERB.match(head, b)
    rest = head[verb.end() if verb else b:].split()
    return not rest or len(rest) > 5 or not rest[0][:1].isupper()


# a member named with the post they hold, in a list of who a body is made of
_MEMBER = re.compile(r"^(?:Ông\s*/\s*bà|Ông|Bà|Đồng\s+chí|Đ/c)(?:\s*…|\s+[A-ZĐÀ-Ỹ][^\s,;:–-]*(?:\s+[A-ZĐÀ-Ỹ]\S*){0,4})"
                     r"\s*[-–,]\s*[^.;:]{0,160}[.;]?$")


# the post a member of a body holds, after their name and a dash, all the line says: "Giám đốc Sở Nội vụ.",
# "Phó Trưởng phòng Tổ chức, Sở Nội vụ;", "Chuyên viên phòng Cải cách hành chính"
_HELD_POST = re.compile(r"(?:Phó\s+)?(?:Giám\s+đốc|Trưởng|Chủ\s+tịch|Bí\s+thư|Chánh|Chuyên\s+viên|Thủ\s+trưởng|"
                        r"Hiệu\s+trưởng|Tổng\s+Giám\s+đốc|Ủy\s+viên|Uỷ\s+viên|Thành\s+viên|Cán\s+bộ|Giáo\s+viên|"
                        r"Giảng\s+viên|Kế\s+toán|Văn\s+thư|Thủ\s+quỹ)(?!\w)[^.;:]{0,150}[.;]?\s*$")


# the person holding a post, named after its colon, then a dash and the task: " Ông Hoàng Hưng – Chỉ đạo ..."
_HOLDER = re.compile(r"\s*(?P<name>(?:(?:Ông|Bà|Đ/c|Đồng\s+chí|Thầy|Cô|ThS\.?|TS\.?)\s+)?"
                     r"[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){1,4})\s+[–—-]\s*(?=\S)")


# words that hand a duty to the party named after them: "Giao phòng X triển khai", "Đề nghị UBND ...",
# "1. Đối với Sở Khoa học và Công nghệ:" (a letter's part addressed to one of its recipients)
_LEAD = re.compile(r"^(?:(?:căn\s+cứ|trên\s+cơ\s+sở)\s+[^,:;]{3,60},\s*|"
                   r"giao\s+(?:(?:trách\s+nhiệm|nhiệm\s+vụ)\s+)?(?:cho\s+)?|đề\s+nghị\s+|đối\s+với\s+|yêu\s+cầu\s+|"
                   r"phân\s+công\s+(?:cho\s+)?|"
                   r"(?:trách\s+nhiệm|nhiệm\s+vụ)\s+của\s+|"
                   r"[uủ]\s*[ỷy]\s+quyền\s+(?:cho\s+)?)", re.I)


_BARE_HEAD = re.compile(r"(?:các\s+)?(?:tổ|ban|nhóm|đội|đoàn|hội|bộ\s+phận|trung\s+tâm|phòng|tiểu\s+ban)", re.I)
# the same bare head after the post held in it: "Đồng chí Trưởng Ban xây dựng Đảng", "Phó Giám đốc Trung tâm
# hỗ trợ ..." (the verb word names the body the post is in)
_POST_OF_BARE_HEAD = re.compile(r"(?:(?:đồng\s+chí|đ/c|ông|bà)\s+)?(?:phó\s+)?(?:trưởng|tổ\s+trưởng|giám\s+đốc|"
                                rf"thành\s+viên|[uủ][yỷ]\s+viên)\s+{_BARE_HEAD.pattern}", re.I)


# verb words that also name a body's field: "Phòng Kế hoạch tổng hợp", "Tổng phụ trách Đội"
_NAME_VERB = re.compile(r"tổng\s+hợp|phụ\s+trách|xây\s+dựng|hướng\s+dẫn|tuyên\s+truyền|hỗ\s+trợ")


def _name_rest(verb: re.Match[str], text: str) -> bool:
    """Whether a verb word that names a field ends the heading or runs into a few capitalised words
    naming no other body and no text: then it belonged to the name ("Phòng Kế hoạch tổng hợp:",
    "Tổng phụ trách Đội"); a heading cut before its object ("..., căn cứ") is not a name."""
    if not _NAME_VERB.fullmatch(verb.group(0).strip()):
        return False
    words = text[verb.end():].strip(" .:;*").split()
    return not words or (len(words) <= 3 and all(w[:1].isupper() for w in words)
                         and not PARTY_HEAD.match(" ".join(words)) and not _CITED.match(" ".join(words)))


_DASH = re.compile(r"\s[-–—]\s*(?=[A-ZĐÀ-Ỹ])")
# verbs that also end a field's name after a dash ("Phòng Hành chính - Tổng hợp", "Sở Giao thông vận tải - Xây
# dựng", "Trung tâm Tư vấn - Hỗ trợ"): never the task after a dash on their own
_FIELD_WORD = re.compile(r"\s(?:tổng\s+hợp|xây\s+dựng|hỗ\s+trợ|thông\s+tin)(?!\w)")


def _dash_task(text: str, a: int, b: int) -> int | None:
    """Where, between ``a`` and ``b``, a dash leads the task in capitals after the body's name ("Phòng
    Giáo dục và Đào tạo - Chủ trì tổ chức ...", "Phòng Văn hóa và Thông tin - Tuyên truyền ..."): the
    word after the dash is a verb, which a name's second half ("Tài chính - Kế hoạch") is not."""
    for m in _DASH.finditer(text, a, b):
        after = " " + text[m.end():m.end() + 40]
        after = after[:2].lower() + after[2:]
        if _PARTY_VERB.match(after) and not _FIELD_WORD.match(after):
            return m.start()
    return None


def _portfolio(text: str, a: int, verb: re.Match[str]) -> bool:
    """A post and what it is in charge of, with nothing done after it: "Đồng chí Phó Chủ tịch UBND huyện
    phụ trách khối Văn hóa - Xã hội", "Phó Hiệu trưởng phụ trách chuyên môn" (the heading's whole party)."""
    if not verb.group(0).strip().startswith("phụ") or not _PERSON_OR_POST.match(text, a):
        return False
    rest = text[verb.end():].strip(" .:;")
    # (a line cut mid-phrase, "... phụ trách các" / "cụm, khối ...", goes on: no whole heading)
    return 0 < len(rest.split()) <= 8 and not _PARTY_VERB.search(" " + rest) \
        and not re.search(r"\b(?:các|của|và|với|cho|những|tại|trong|về)$", rest)


def party_bounds(text: str) -> tuple[int, int]:
    """Where the party's name stands in a duty heading or lead line: after "Giao"/"Đề nghị", before
    the verb that says what it does ("triển khai", "chủ trì", "có trách nhiệm") and any colon."""
    m = _LEAD.match(text)
    a = m.end() if m else 0
    verb, dash = _PARTY_VERB.search(text, a), _TASK_AFTER_DASH.search(text, a)
    while verb and (_BARE_HEAD.fullmatch(text[a:verb.start()].strip())
                    or _POST_OF_BARE_HEAD.fullmatch(text[a:verb.start()].strip())
                    or _name_rest(verb, text) or _portfolio(text, a, verb)):
        # "Tổ hỗ trợ tuyển sinh trực tuyến": after a bare head the verb names the body, it is not its task;
        # a verb word ending the heading has no work after it ("Phòng Kế hoạch tổng hợp:", "Tổng phụ trách")
        verb = _PARTY_VERB.search(text, verb.end())
    if dash and verb and verb.start() > dash.start() and verb.start() == dash.end():
        # "công chức Địa chính - Xây dựng phối hợp ...": a verb goes on at once, so the capitalised
        # word after the dash is the rest of the name ("Địa chính - Xây dựng"), not its task
        dash = None
    ends = [v.start() for v in (verb, dash, _OPEN_LIST.search(text, a)) if v]
    b = min(ends) if ends else len(text)
    b = _dash_task(text, a, b) or b
    handed = _ASSIGN.search(text, a, b)
    if handed and handed.group(0)[:1].islower() and PARTY_HEAD.match(text, handed.end()) and not m:
        # "Ban Thường vụ Tỉnh Đoàn giao Ban Phong trào chủ trì ...": the body handed the work is the party
        a = handed.end()
    while b > a and text[b - 1] in " ,.:;":
        b -= 1
    count = _COUNT_NOTE.search(text, a, b)
    if count and count.start() > a:
        b = count.start()  # "Thanh tra Sở (6 nhiệm vụ trọng tâm):": a count of its tasks is no part of its name
    return a, _person_end(text, a, b) or b


# the family names most Vietnamese bear, which open a person's name written bare (no "Ông", "Bà", "Đ/c")
_SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Trương Lương Đào Cao "
    "Lâm Mai Tạ Tô Quách Lưu Vương Chu Kiều Phùng Triệu Khổng Mạc Nghiêm Hứa Thân Doãn".split())
# a qualification or post written after a bare name, with or without a dash: "Bác sỹ", "BS đa khoa",
# "Cử nhân điều dưỡng", "Y sỹ", "ĐDTH" (a nurse's grade), "Kỹ thuật viên", "Trưởng phòng ..."
_AFTER_NAME = re.compile(
    r"\s*(?:[-–—:(,;]|$)|\s+(?:(?:Bác|Y|Dược)\s+s[ỹĩ]|Kỹ\s+(?:sư|thuật\s+viên)|Cử\s+nhân|Điều\s+dưỡng|"
    r"Hộ\s+sinh|Giáo\s+viên|Giảng\s+viên|Nhân\s+viên|Cán\s+bộ|Chuyên\s+viên|Trưởng|Phó)(?!\w)"
    r"|\s+[A-ZĐ][A-ZĐ]{1,5}(?!\w)")


def _person_end(text: str, a: int, b: int) -> int | None:
    """Where a person's bare name ends when the party opens with it and a qualification or post follows
    ("Nguyễn Văn A - Bác sỹ đa khoa - Trưởng phòng khám", "Trần Thị B ĐDTH", "Lê Văn C Bác sỹ"): the
    name alone is the party (as a post held in a body, "Đồng chí Trưởng Ban ... - Ủy viên", is not)."""
    words = list(re.finditer(r"[^\s\-–—:,;(]+", text[a:b]))  # (a dash may cling to the name: "Nguyễn Văn A- Bác sỹ")
    if len(words) < 3 or words[0].group(0) not in _SURNAMES:
        return None
    end = None
    for w in words[1:5]:
        word = w.group(0)
        if not (word.isalpha() and word[:1].isupper() and (len(word) == 1 or word[1:].islower())):
            break
        end = a + w.end()
        if _AFTER_NAME.match(text, end) and end < b:
            return end
    return None


# a note in brackets after a body's name that counts what it has: "(6 nhiệm vụ trọng tâm)", "(02 người)"
_COUNT_NOTE = re.compile(r"\s*\(\s*\d{1,3}\s+[^()\d][^()]*\)$")


def _bullet_tasks(doc: Document, lines: list[Line], stop: int, marks: re.Pattern[str] = _BULLET) -> list[Found[str]]:
    tasks: list[Found[str]] = []
    for ln in lines:
        t = ln.text.strip()
        if not t:
            continue
        if _CLOSING.match(t) or _bare_part(t):
            break
        if marks.match(t) and len(re.sub(r"[\W_]", "", t)) > 1:  # not a "* * *" separator
            start = ln.cells[0].start + len(marks.match(t).group(0))
            tasks.append(_task(doc, start, _wrapped_end(doc, ln, stop)))
        elif tasks and ln.start >= tasks[-1].spans[0].end and t[:1].isupper() and not ln.is_table_row \
                and not _NUMBERED.match(t) and not PAGE_NUMBER_LINE.fullmatch(t) and not _TITLE_MARK.match(t) \
                and not t.rstrip(" *").endswith(":") and not _names_party(t.split(":")[0] + " ") \
                and not _TIME_LABEL.match(t) \
                and doc.text[:ln.start].rstrip().endswith((".", ";")):
            # a sentence of its own among the items, its mark lost to the scanner or never typed
            tasks.append(_task(doc, ln.start + (ln.text.find(t) if t in ln.text else 0), _wrapped_end(doc, ln, stop)))
    return tasks


# the next part's heading whose numeral lost its dot ("VII Chế độ báo cáo"): the items above it end there
def _bare_part(text: str) -> bool:
    words = text.split(None, 2)
    return len(words) > 1 and re.fullmatch(r"[IVXL]{1,4}", words[0]) is not None and words[1].istitle()

# when the work above is due, said on a line of its own: "Thời gian hoàn thành trước ngày 31/12/2025.",
# "Thời hạn: tháng 6/2024" (the task's time, not a task)
_TIME_LABEL = re.compile(r"^(?:Thời\s+gian|Thời\s+hạn)(?:\s+(?:hoàn\s+thành|thực\s+hiện|báo\s+cáo|nộp))?"
                         r"(?:\s*:|\s+(?:trước|trong|từ|đến|chậm\s+nhất|ngày|tháng|quý|năm)\b)", re.I)

# "a) ", "2. ", "2.1. ", and the older "1/ ", "1- " of typed plans
_ITEM_MARK = re.compile(r"^(?:(?:[a-zđ]|\d{1,2}(?:\.\d{1,2})*)\s*[.)]|\d{1,2}\s*[/\-–])\s+")


# the signature's first line ("CHỦ TỊCH", "KT. GIÁM ĐỐC", "TM. BAN THƯỜNG VỤ") where a scan's footer was not found
_SIGNATURE = re.compile(r"^(?:(?:TM|KT|TL|TUQ|Q|T/M|K/T)\.?\s+)?[A-ZĐÀ-Ỹ]{2,}\s+[A-ZĐÀ-Ỹ]{2,}(?:\s|$)")


def _paragraph_tasks(doc: Document, lines: list[Line]) -> list[Found[str]]:
    """Tasks written as paragraphs or lettered items ("a) Chủ trì ..."): each line that opens an
    item or a sentence is a task; a line that goes on in lower case continues the one before."""
    out: list[Found[str]] = []
    listing = False  # (reading the "-" list an item's colon opens)
    for ln in lines:
        t = ln.text.strip()
        if not t or _SUB_BULLET.match(t) or PAGE_NUMBER_LINE.fullmatch(t) or not re.search(r"[^\W_]", t) \
                or _TIME_LABEL.match(t):
            continue  # (nor a line of marks alone: a "* *" separator, a table's "|" border; nor when it is due)
        if _CLOSING.match(t) or _SIGNATURE.match(t) and not PARTY_HEAD.match(t) or _ARTICLE.match(t):
            break  # (the text's closing, its signature, or the decision's next article)
        prev = doc.lines[ln.index - 1] if ln.index > 0 else None
        wrapped = (out and prev is not None and not prev.blank and not _ITEM_MARK.match(t)
                   and (t[:1].islower() or not prev.text.rstrip().endswith((".", ";", ":"))))
        if wrapped:
            continue  # taken with its paragraph by _wrapped_end
        if out and _BULLET.match(t) and (listing or doc.text[:ln.start].rstrip().endswith(":")):
            # "a) Giúp Tổ trưởng chỉ đạo ... phụ trách:" / "- Giám đốc Sở A phụ trách ...": the item's own list
            out[-1] = _task(doc, out[-1].spans[0].start, _wrapped_end(doc, ln, len(doc.lines)))
            listing = True
            continue
        listing = False
        m = _ITEM_MARK.match(t)
        start = ln.cells[0].start + (m.end() if m else 0)
        out.append(_task(doc, start, _wrapped_end(doc, ln, len(doc.lines))))
    return out


def _wrapped_end(doc: Document, ln: Line, stop: int) -> int:
    """Follow a task onto the lines that continue it (wrapped text, "+" sub-items)."""
    end = ln.end
    i = ln.index + 1
    while i < min(stop, len(doc.lines)):
        nxt = doc.lines[i]
        t = nxt.text.strip()
        if not t or _BULLET.match(t) or _CLOSING.match(t) or _NUMBERED.match(t):
            break
        if _SUB_BULLET.match(t) and _SUB_BULLET.match(ln.text.strip()):
            break  # a "+" item's sibling is another task, not more of it
        if nxt.is_table_row != ln.is_table_row or PAGE_NUMBER_LINE.fullmatch(t):
            break  # a table under the task, or the page's number, is not the task going on
        ended = doc.text[ln.start:end].rstrip().endswith((".", ";", ":"))
        if not (_SUB_BULLET.match(t) or t[:1].islower() or not ended):
            break
        end = nxt.end
        i += 1
    return end


def _task(doc: Document, start: int, end: int) -> Found[str]:
    text = re.sub(r"\s+", " ", doc.text[start:end]).strip()
    text = text.rstrip(";").strip()
    return found(doc, text, (start, end))


def _lead_duties(doc: Document, lines: list[Line], stop: int) -> list[Duty]:
    """"Giao bộ phận chuyên môn triển khai:" / "- Tổ chức ...;" / "- Tổng hợp ...": a lead line that
    names the party and ends in a colon, and the bullet lines under it as its tasks."""
    duties: list[Duty] = []
    current: Duty | None = None
    lead_mark = ""  # the lead line's own bullet: a line with the same one is its sibling, not its task
    plain = False  # the tasks under an unmarked lead are paragraphs without bullets ("Phòng A:" / "Chủ trì ...")
    through = -1  # the last line a paragraph task took (it may wrap over several)
    for k, ln in enumerate(lines):
        if ln.index >= stop:
            break
        t = ln.text.strip()
        if not t or ln.index <= through:
            continue
        if _CLOSING.match(t):
            break
        mark = _BULLET.match(t) or _SUB_BULLET.match(t)
        if mark and current is not None and t[:1] == lead_mark and _names_party(t[mark.end():]):
            current = None  # "- Giao Phòng A:" / "+ ..." / "- Công an huyện: ...": the next party
        bare = not mark and not t.endswith(":") and _bare_name_over_items(lines, k)
        number = None if mark else _ITEM_MARK.match(t)  # "1/ Ban Giám hiệu:", numbered as the outline does not
        if t.endswith(":") or bare:
            # "Giao bộ phận chuyên môn triển khai:", "- Sở Tài chính:" over "+ ..." items; a body's name
            # alone on its line over "-" items ("Trung tâm Y tế huyện" / "- Phối hợp ...")
            skip = mark or number
            body = t[skip.end():-1] if skip else t.rstrip(":")
            a, b = party_bounds(body)
            name = body[a:b]
            if name and (a > 0 or is_org_start(name) or ((skip or bare) and PARTY_HEAD.match(name))) \
                    and len(name) <= 120:
                start = ln.cells[0].start + (ln.text.find(t) if t in ln.text else 0) + (skip.end() if skip else 0)
                current = Duty(found(doc, name, (start + a, start + b)))
                duties.append(current)
                lead_mark = t[:1] if mark else ""
                plain = not mark and a == 0  # (a bare "Phòng A:" line; under "Giao X triển khai:" bullets only)
                continue
        if mark:
            if current is not None:
                current.tasks.append(_task(doc, ln.cells[0].start + (ln.text.find(t) if t in ln.text else 0)
                                           + mark.end(), _wrapped_end(doc, ln, stop)))
                plain = False
            continue
        if current is not None and plain and not _NUMBERED.match(t) and not ln.is_table_row \
                and (not current.tasks or current.tasks[-1].spans[0].end <= ln.start):
            # "Phòng Giáo dục và Đào tạo:" / "Chủ trì, phối hợp ..." / "Hướng dẫn ...": a paragraph each
            end = _wrapped_end(doc, ln, stop)
            current.tasks.append(_task(doc, ln.cells[0].start + (ln.text.find(t) if t in ln.text else 0), end))
            through = doc.line_at(max(end - 1, ln.start)).index
            continue
        current = None
    return [d for d in duties if d.tasks]


def _bare_name_over_items(lines: list[Line], k: int) -> bool:
    """Whether ``lines[k]`` is a body's name alone, unmarked and unpunctuated ("Phòng Giáo dục và Đào
    tạo", a heading the writer only set in bold), with "-" items right under it."""
    t = lines[k].text.strip()
    nxt = next((ln.text.strip() for ln in lines[k + 1:] if ln.text.strip()), "")
    if not _BULLET.match(nxt) or t.endswith((".", ";", ",")) or len(t.split()) > 14 or lines[k].is_table_row:
        return False
    a, b = party_bounds(t)
    return a == 0 and b >= len(t) and bool(PARTY_HEAD.match(t)) and not _NOT_A_PARTY.match(t)


def _names_party(text: str) -> bool:
    """An item that opens with a body ("Công an huyện: ...", "Giao Sở Y tế ...", "Trạm Y tế các xã bố
    trí ..."), not with the work itself ("Tổ chức ...", "Hướng dẫn ...")."""
    lead = _LEAD.match(text)
    rest = text[lead.end():] if lead else text
    return is_org_start(rest) or bool(PARTY_HEAD.match(rest))


# a person or a post handed work in a duties part: "Đồng chí Nguyễn Văn A, Phó Bí thư: phụ trách chung",
# "Trưởng ban: chỉ đạo chung", "Thư ký: ghi biên bản"
_PERSON_OR_POST = re.compile(
    r"(?:(?:Đồng\s+chí|Đ/c|Ông|Bà|Thầy|Cô)\s+[A-ZĐÀ-Ỹ]|(?:Phó\s+)?(?:Trưởng\s+(?:ban|đoàn|tiểu\s+ban|nhóm)|"
    r"Tổ\s+trưởng|Tổ\s+phó|Nhóm\s+trưởng|Thư\s+k[ýí]|Bí\s+thư|Chủ\s+tịch|Hiệu\s+trưởng|Giám\s+đốc|"
    r"Chủ\s+nhiệm|Ủy\s+viên|Uỷ\s+viên|Thành\s+viên)(?!\w))")


# where a person's work begins after the comma that ends their name and post
_PERSON_TASK = re.compile(r",\s*(?=(?:phụ\s+trách|chịu\s+trách\s+nhiệm|chủ\s+trì|phối\s+hợp|tham\s+mưu|"
                          r"chuẩn\s+bị|theo\s+dõi|lo|thực\s+hiện|điều\s+hành|dẫn\s+chương\s+trình|thư\s+ký)(?!\w))",
                          re.I)


def _bullet_duties(doc: Document, lines: list[Line], stop: int) -> list[Duty]:
    """"- Ban Tổ chức: chuẩn bị ...", "- Các chi đoàn: cử ...", "- Đồng chí A, Phó Bí thư: phụ trách
    chung" bullets in a duties part without sub-headings."""
    duties = []
    for ln in lines:
        t = ln.text.strip()
        if ln.index >= stop or _CLOSING.match(t):
            break  # (the recipients' "- Thành Đoàn: Ban TC-KT" are no parties)
        m = _BULLET.match(t) or _ITEM_MARK.match(t)  # "- Ban Tổ chức: ...", "1. Văn phòng: ..."
        if not m:
            continue
        if ":" in t:
            head, rest = t[m.end():].split(":", 1)
        else:
            # "- Đ/c Lê Thị C – UV BCH, phụ trách khâu hậu cần": a person, a comma, then the work
            comma = _PERSON_TASK.search(t, m.end())
            if not comma or not _PERSON_OR_POST.match(t[m.end():]):
                continue
            head, rest = t[m.end():comma.start()], t[comma.start() + 1:]
        lead = _LEAD.match(head.strip())  # "- Giao Sở Xây dựng: Cập nhật ..."
        who = head.strip()[lead.end() if lead else 0:].strip()
        if not (ORG_HEAD.match(who) or PARTY_HEAD.match(who) or _PERSON_OR_POST.match(who)) \
                or len(who.split()) > 14 or not rest.strip():
            continue
        start = ln.cells[0].start + m.end()
        at = ln.cells[0].start + t.find(who, m.end())
        end = _wrapped_end(doc, ln, stop)
        rest_start = start + len(head) + 1 + (len(rest) - len(rest.lstrip()))
        named = _named_members(doc.text[rest_start:end])
        if named:
            # "- Giao UBND các phường, xã: Kim Liên, Bạch Mai, ... và Đại Xuyên: Quản lý ...": the bodies
            # named one by one after the first colon are the party's, its task after the second
            who = re.sub(r"\s+", " ", doc.text[at:rest_start + named[0]]).strip()
            rest_start += named[1]
        party = found(doc, who, (at, at + len(who)))
        duties.append(Duty(party, [_task(doc, rest_start, end)]))
    return duties


def _named_members(text: str) -> tuple[int, int] | None:
    """Where a list of names that a colon opens ends, and where the text after its own colon begins, when
    ``text`` (after "UBND các phường, xã:") names the bodies one by one ("Kim Liên, Bạch Mai, ... và Đại
    Xuyên: Quản lý ..."); None when it says what to do."""
    colon = text.find(":")
    if colon == -1 or not _names_list(text[:colon].replace("\n", " ")) or re.search(r"[.;]", text[:colon]):
        return None
    end = colon + 1
    return colon, end + len(text[end:]) - len(text[end:].lstrip())


def _items_under(doc: Document, at: int, stop: int) -> list[Found[str]]:
    """"... yêu cầu các sở, ngành thực hiện tốt một số nội dung sau:" / "1. Tăng cường ..." / "2. ...":
    where the paragraph holding ``at`` ends in a colon, the numbered or bulleted items under it are
    the tasks it hands out."""
    ln = doc.line_at(at)
    i = ln.index
    while i + 1 < len(doc.lines) and not doc.lines[i].text.rstrip().endswith(":") \
            and doc.lines[i + 1].text.strip()[:1].islower():
        i += 1  # the paragraph wraps onto its next line
    said = re.sub(r"[.;]\s+(?:Cụ\s+thể(?:\s+như\s+sau)?|Như\s+sau)\s*:\s*$", ":",
                  doc.text[at:doc.lines[i].end].rstrip())
    if not said.endswith(":") or re.search(r"[.;]\s", said):
        return []  # (the colon must end the sentence that hands out the work, not a later one but "Cụ thể:")
    items: list[Found[str]] = []
    for nxt in doc.lines[i + 1:stop]:
        t = nxt.text.strip()
        if items and items[-1].spans and nxt.start < items[-1].spans[0].end:
            continue  # (an item wrapped onto this line, which may open with a name in capitals)
        if not t:
            if items:
                break
            continue
        mark = _ITEM_MARK.match(t) or _BULLET.match(t)
        if mark:
            start = nxt.cells[0].start + nxt.text.find(t) + mark.end()
            items.append(_task(doc, start, _wrapped_end(doc, nxt, stop)))
        elif not items or not (t[:1].islower() or _SUB_BULLET.match(t)):
            break
    return items if len(items) >= 2 else []


# "Quý Ủy ban", "Quý cơ quan", "Quý Sở": the letter's addressee, named in its "Kính gửi:" line
_QUY = re.compile(r"Quý\s+(?:Ủy\s+ban|Uỷ\s+ban|cơ\s+quan|Cơ\s+quan|đơn\s+vị|Đơn\s+vị|Sở|Bộ|Trường|Ban|Hội|"
                  r"Công\s+ty)(?!\w)")
_KINH_GUI = re.compile(r"^\s*Kính\s+gửi\s*:\s*(?P<to>\S.*?)\s*[.;]?\s*$", re.I)


def _addressee(doc: Document) -> Found[str] | None:
    """The one body a letter is addressed to, written on its "Kính gửi:" line (none for a list)."""
    for ln in doc.lines[:60]:
        m = _KINH_GUI.match(ln.text)
        if m:
            nxt = doc.lines[ln.index + 1].text.strip() if ln.index + 1 < len(doc.lines) else ""
            if nxt.startswith(("-", "+", "•", "–", "—")):
                return None
            at = ln.start + m.start("to")
            return found(doc, m.group("to"), (at, at + len(m.group("to"))))
    return None


# what a submission asks of the body above it, or a letter of a body it consults: to consider, appraise,
# approve or give its opinion ("đề nghị UBND tỉnh xem xét, phê duyệt ...", "đề nghị Sở A có ý kiến ...")
_ASKS_APPROVAL = re.compile(r"\s(?:xem\s+xét|thẩm\s+định|phê\s+duyệt|có\s+ý\s+kiến|cho\s+ý\s+kiến)(?!\w)")


def _assignments(doc: Document, stop: int) -> list[Duty]:
    """"... giao Sở Thông tin và Truyền thông chủ trì, phối hợp ..." in a letter's body."""
    duties: list[Duty] = []
    seen: set[str] = set()
    text = doc.text[: doc.lines[stop - 1].end if stop else 0]
    addressee = _addressee(doc)
    for m in _ASSIGN.finditer(text):
        om = PARTY_HEAD.match(text, m.end())
        quy = _QUY.match(text, m.end()) if addressee else None
        if quy and (not om or om.end() <= quy.end()):
            # "đề nghị Quý Ủy ban chỉ đạo ...": the body the letter is addressed to ("Kính gửi: ...")
            vm = _ASSIGN_VERB.search(text, quy.end() - 1, quy.end() + 40)
            if vm and fold(addressee.value) not in seen:
                seen.add(fold(addressee.value))
                ends = re.search(r"\.(?:\s*\n|/\.|\s+(?=[A-ZĐÀÁẢÃẠÂĂÊÔƠƯ]))", text[vm.end():])
                end = vm.end() + ends.start() if ends else len(text)
                duties.append(Duty(addressee, [_task(doc, vm.start() + 1, end + 1)]))
            continue
        if not om:
            continue
        vm = _ASSIGN_VERB.search(text, om.end(), om.end() + 120)
        if not vm or _ASKS_APPROVAL.match(text, vm.start()):
            continue  # ("kính trình và đề nghị UBND tỉnh thẩm định, phê duyệt ...": asked to decide, no work)
        party = re.sub(r"\s+", " ", text[om.start():vm.start()]).strip(" ,")
        if not all(PARTY_HEAD.match(piece.strip()) for piece in party.split(";")):
            party = party.split(";")[0].strip(" ,")
        # (bodies listed with semicolons before their one verb: "đề nghị UBND các xã, phường; các đơn vị, cơ sở
        # giáo dục trực thuộc thực hiện ...")
        # a body's name is short and holds no clause ("... tạo điều kiện để học viên ..." is not a name)
        if not party or len(party) > 140 or len(party.split()) > 18 or re.search(r"\bđể\b", party) \
                or fold(party) in seen:
            continue
        seen.add(fold(party))
        # the task is the clause holding the assignment, from its subject ("Chủ tịch UBND tỉnh giao")
        # (or from the line's start, after its bullet: "- Giao Sở X căn cứ ...", or after "như sau:")
        s0 = max(text.rfind(". ", 0, m.start()) + 2,
                 text.rfind(": ", 0, m.start()) + 2, text.rfind("; ", 0, m.start()) + 2,
                 text.rfind("\n", 0, m.start()) + 1, 0)
        while s0 < m.start() and (text[s0].isspace() or text[s0] in "-+•*–—"):
            s0 += 1
        ends = [j for j in (text.find("./.", m.end()), text.find(".\n", m.end()), text.find(";\n", m.end()),
                            text.find("\n-", m.end()), text.find("\n+", m.end())) if j != -1]
        s1 = min(ends) if ends else len(text)
        # "Giao Văn phòng chuẩn bị ...; Phòng Tài chính chuẩn bị báo cáo ...": after a semicolon, a body
        # and its verb are handed work by the same "giao"
        more: list[tuple[int, int, int]] = []  # (party start, party end, clause end)
        cut = s1
        for sc in reversed(list(re.finditer(r";\s*", text[vm.end():s1]))):
            at = vm.end() + sc.end()
            pm = PARTY_HEAD.match(text, at)
            vm2 = _ASSIGN_VERB.search(text, pm.end(), pm.end() + 120) if pm else None
            if vm2 and ";" not in text[at:vm2.start()] and len(text[at:vm2.start()].split()) <= 18:
                more.append((at, vm2.start(), cut))
                cut = vm.end() + sc.start()
        tasks = _items_under(doc, vm.end(), stop) or [_task(doc, s0, cut + (cut == s1))]
        duties.append(Duty(found(doc, party, (om.start(), om.start() + len(party))), tasks))
        for a2, b2, e2 in reversed(more):
            name = re.sub(r"\s+", " ", text[a2:b2]).strip(" ,")
            if fold(name) not in seen:
                seen.add(fold(name))
                duties.append(Duty(found(doc, name, (a2, a2 + len(name))), [_task(doc, a2, e2 + (e2 == s1))]))
    return duties

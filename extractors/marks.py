"""The urgency and confidentiality marks of Decree 30/2020/NĐ-CP (Điều 8, Phụ lục I): "HỎA TỐC",
"THƯỢNG KHẨN", "KHẨN" and "MẬT", "TỐI MẬT", "TUYỆT MẬT", stamped or printed on their own near the
number, above the summary or by "Kính gửi". A mark inside a sentence ("... giải quyết khẩn ...") is
not one; on a scan the marks OCR lost are matched folded ("HOA TOC")."""

from __future__ import annotations

import re

from extractors.types import Found, found
from pipeline.document import Document
from pipeline.read.normalise import fold

URGENCY = ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN")
CONFIDENTIALITY = ("TUYỆT MẬT", "TỐI MẬT", "MẬT")
_BY_FOLD = {fold(m): m for m in URGENCY + CONFIDENTIALITY} | {"hoa toc": "HỎA TỐC", "thuong khan": "THƯỢNG KHẨN"}
_STRIP = re.compile(r"^[\s\[\](){}*\"'“”|_.:-]+|[\s\[\](){}*\"'“”|_.:-]+$")


def extract_marks(doc: Document, body_start: int) -> tuple[Found[str] | None, Found[str] | None]:
    """(urgency, confidentiality) from the header zone and the lines just under it."""
    urgency = confidentiality = None
    for ln in doc.lines[: body_start + 6]:
        for cell in ln.cells:
            text = _STRIP.sub("", cell.text)
            mark = _BY_FOLD.get(fold(text)) if text and (text.isupper() or len(text) <= 12) else None
            if mark is None:
                continue
            a = cell.start + cell.text.find(text)
            if mark in URGENCY and urgency is None:
                urgency = found(doc, mark, (a, a + len(text)))
            elif mark in CONFIDENTIALITY and confidentiality is None:
                confidentiality = found(doc, mark, (a, a + len(text)))
    return urgency, confidentiality

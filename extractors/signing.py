"""The day a document was signed digitally: the earliest signature in the PDF, or the signature
stamp printed on the page ("Thời gian ký: 25.12.2017", "Ngày ký: 24-08-2025"). Signature metadata,
not a printed field: it stands in for the issue day only when the printed day cannot be read and the
printed month and year agree with it (a clerk's later counter-signature carries a later day)."""

from __future__ import annotations

import datetime as dt
import re

from extractors.types import Found, found
from pipeline.document import Document

_STAMP = re.compile(r"(?:Thời\s+gian\s+ký|Ngày\s+ký)\s*:\s*(?:(?P<iso>\d{4}-\d{2}-\d{2})|"
                    r"(?P<d>\d{1,2})\s*[./-]\s*(?P<m>\d{1,2})\s*[./-]\s*(?P<y>\d{4}))", re.I)
_PRINTED = re.compile(r"tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})", re.I)


def signing_day(doc: Document) -> Found[str] | None:
    """The earliest signing day the file records, with where it was read (a stamp's text)."""
    days: list[Found[str]] = []
    for sig in doc.meta.get("signatures") or []:
        try:
            days.append(Found(dt.datetime.fromisoformat(str(sig.get("time"))).date().isoformat()))
        except ValueError:
            continue
    for m in _STAMP.finditer(doc.text):
        try:
            day = (dt.date.fromisoformat(m["iso"]) if m["iso"] else
                   dt.date(int(m["y"]), int(m["m"]), int(m["d"])))
        except ValueError:
            continue
        days.append(found(doc, day.isoformat(), (m.start(), m.end())))
    return min(days, key=lambda f: f.value) if days else None


def issue_day_from_signature(doc: Document, printed: Found[str | None] | None) -> Found[str] | None:
    """The signing day as the issue date of a document whose printed day is illegible, when the
    printed date line's month and year are the signing day's; flagged for a person to check."""
    if printed is None or printed.value is not None or not printed.spans:
        return None
    m = _PRINTED.search(printed.spans[0].text)
    day = signing_day(doc)
    if m is None or day is None or day.value[:7] != f"{int(m['y']):04d}-{int(m['m']):02d}":
        return None
    return Found(day.value, printed.spans + day.spans,
                 review="printed day not legible: the day of the digital signature, to be checked")

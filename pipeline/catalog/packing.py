"""How the catalog stores a document's text and record: zlib-compressed, the record against the text.

The text (``documents.text_norm``): UTF-8, zlib. The record (``documents.record``, schema 8): its
compact JSON, zlib-compressed with a preset dictionary made of the document's own text and a fixed
skeleton of the record's keys. Most of a record's strings (title, duties, events, provenance spans)
are copied from the text, so they cost a back-reference each: a record takes about 1 KB instead of
2.1 KB compressed alone (8 KB as JSON). Reading a record therefore needs its document's text; a
record kept without its text (``versions``) is packed against the skeleton alone.

Blob format: one byte, the packing (1: dictionary ``(text + RECORD_SKELETON)[-32 KB:]``), then the
zlib stream. A zlib stream made without a dictionary (its first byte 0x78) is read as well, and a str
is a record from before schema 8 (JSON text). ``RECORD_SKELETON`` must never change: stored records
depend on it byte for byte (a new skeleton would be packing 2).
"""

from __future__ import annotations

import json
import zlib
from typing import Any

RECORD_SKELETON = (
    b'{"path":"","doc_type":"","number":"","issuer":"","issuer_parent":"","issue_place":"","issue_date":"",'
    b'"title":"","signer_name":"","signer_position":"","signer_authority":"","urgency":null,'
    b'"confidentiality":null,"recipients":[""],"participant_count":0,"events":[{"what":"","start":"","end":"",'
    b'"venues":[""],"kind":"","precision":"","time_of_day":"","tentative":false,"participants":"",'
    b'"responsible":null,"when_text":"","provenance":[{"page":0,"start":0,"end":0,"text":""}],'
    b'"end_time_of_day":""}],"venues":[""],"responsibilities":[{"party":"","tasks":[""],"deadlines":[],'
    b'"provenance":[{"page":0,"start":0,"end":0,"text":""}]}],"pages":[{"page":0,"source":"",'
    b'"ocr_confidence":null,"ocr_reason":null}],"provenance":{"doc_type":[{"page":0,"start":0,"end":0,'
    b'"text":""}],"number":[{"page":0,"start":0,"end":0,"text":""}],"issuer":[{"page":0,"start":0,"end":0,'
    b'"text":""}],"issue_place":[{"page":0,"start":0,"end":0,"text":""}],"issue_date":[{"page":0,"start":0,'
    b'"end":0,"text":""}],"title":[{"page":0,"start":0,"end":0,"text":""}],"signer_name":[{"page":0,"start":0,'
    b'"end":0,"text":""}],"signer_position":[{"page":0,"start":0,"end":0,"text":""}],"signer_authority":[{'
    b'"page":0,"start":0,"end":0,"text":""}],"recipients":[{"page":0,"start":0,"end":0,"text":""}],'
    b'"participant_count":[{"page":0,"start":0,"end":0,"text":""}],"issuer_parent":[{"page":0,"start":0,'
    b'"end":0,"text":""}]},"review":{},"details":{"venue_links":[{"text":"","provinces":[""],'
    b'"provinces_2025":[""],"kind":"","page":0,"start":0,"end":0}],"participants":[{"text":"","page":0}],'
    b'"budget":[{"text":"","amount":null}],"durations":[{"value":0,"unit":"","text":""}],"organisations":[{'
    b'"text":"","page":0,"start":0,"end":0}],"places":[{"text":"","level":"","province":"","province_2025":"",'
    b'"page":0,"start":0,"end":0}],"recurring":[{"text":"","page":0}]},"source":{"format":"","pages":0,'
    b'"page_sources":[""],"encoding":"","repairs":[],"sha256":""}}'
)
_WINDOW = 32768  # zlib's dictionary (and window) size
_WITH_TEXT = b"\x01"


def pack_text(text: str) -> bytes:
    """The document text as stored: UTF-8, zlib-compressed (a third of its size; it is read only
    to cut snippets and to show one document)."""
    return zlib.compress(text.encode("utf-8"), 6)


def unpack_text(value: str | bytes | None) -> str:
    """documents.text_norm as text (catalogs of schema 1 stored it uncompressed)."""
    if value is None or isinstance(value, str):
        return value or ""
    return zlib.decompress(value).decode("utf-8")


def _zdict(text: str | bytes | None) -> bytes:
    """The preset dictionary of a record: the text (plain, or ``text_norm`` as stored) and the skeleton."""
    plain = unpack_text(text) if isinstance(text, bytes) else (text or "")
    return (plain.encode("utf-8") + RECORD_SKELETON)[-_WINDOW:]


def pack_record_json(record_json: str, text: str | bytes | None) -> bytes:
    """A record's JSON as stored, compressed against ``text``: the document's normalised text, plain
    or as stored in ``text_norm`` (None for a record kept without its text)."""
    c = zlib.compressobj(9, zdict=_zdict(text))
    return _WITH_TEXT + c.compress(record_json.encode("utf-8")) + c.flush()


def pack_record(record: dict[str, Any], text: str | bytes | None) -> bytes:
    return pack_record_json(json.dumps(record, ensure_ascii=False, separators=(",", ":")), text)


def record_json(value: str | bytes | None, text_value: str | bytes | None = None) -> str | None:
    """A stored record as JSON text. ``text_value`` is the document's ``text_norm`` as stored (the
    record was packed against it; None for a record kept without its text)."""
    if value is None or isinstance(value, str):
        return value
    if value[:1] == _WITH_TEXT:
        d = zlib.decompressobj(zdict=_zdict(text_value))
        return (d.decompress(value[1:]) + d.flush()).decode("utf-8")
    return zlib.decompress(value).decode("utf-8")


def unpack_record(value: str | bytes | None, text_value: str | bytes | None = None) -> dict[str, Any]:
    """A stored record as a dict ({} when there is none)."""
    text = record_json(value, text_value)
    return json.loads(text) if text else {}

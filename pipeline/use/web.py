"""The archivist's pages of `kehoach serve`, registered by pipeline.use.serve:

- ``/-/kehoach/doc/ID``: one document for a person (templates/kehoach_doc.html); ``?field=number``
  selects a value: its words are marked in the text and boxed on the page image;
- ``/-/kehoach/page/ID/N.png``: page N of a PDF or scan, rendered from the checked source file;
- ``/-/kehoach/review``: the values flagged for a person to check;
- ``POST /-/kehoach/doc/ID/correct``: a correction, only when ``serve --edit`` is given, with
  Datasette's CSRF token.
"""

from __future__ import annotations

import asyncio
import functools
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

from pipeline.use import docpage

PAGE_HEADERS = {"x-content-type-options": "nosniff", "cache-control": "private, max-age=3600"}
MAX_TEXT_SHOWN = 300_000  # characters of the document text put in the page


def edit_enabled(datasette) -> bool:
    return bool((datasette.plugin_config("kehoach") or {}).get("edit"))


def _marked_text(text: str, value: docpage.Value | None) -> Markup:
    """The document text, escaped, with the selected value's span in <mark id="chon">."""
    cut = text[:MAX_TEXT_SHOWN]
    if value is None or value.start is None or value.end is None or value.end > len(cut) or not value.before + \
            (value.read_from or "") + value.after:
        return escape(cut)
    return Markup("").join([escape(cut[:value.start]), Markup('<mark id="chon">'),
                            escape(cut[value.start:value.end]), Markup("</mark>"), escape(cut[value.end:])])


async def _words(datasette, view: dict[str, Any], page: int) -> list[list[Any]]:
    """Word boxes of one page: stored for scans, read from the file for text PDFs."""
    from pipeline.use import pageimage
    from pipeline.use.serve import _catalog_db, _checked_source

    db = _catalog_db(datasette)
    words = await db.execute_fn(lambda conn: docpage.page_words(conn, view["id"], page))
    if words or view["format"] != "pdf":
        return words or []
    body, _, _ = await _checked_source(datasette, view["id"])
    if body is None:
        return []
    return await asyncio.to_thread(pageimage.pdf_words, body, view["sha256"], page)


def _boxes(words: list[list[Any]], values: list[docpage.Value], page: int,
           chosen: docpage.Value | None) -> list[dict[str, Any]]:
    out = []
    for v in values:
        if v.page != page or not v.read_from:
            continue
        for x0, y0, x1, y1 in docpage.value_boxes(words, v.read_from, v.before, v.after):
            out.append({"key": v.key, "selected": chosen is not None and v.key == chosen.key,
                        "style": f"left:{x0 * 100:.2f}%;top:{y0 * 100:.2f}%;"
                                 f"width:{(x1 - x0) * 100:.2f}%;height:{(y1 - y0) * 100:.2f}%"})
    return out


async def doc_page(datasette, request):
    from datasette.utils.asgi import Response

    from pipeline.use.serve import _catalog_db, _doc_id

    doc_id = _doc_id(request.url_vars["doc_id"])
    db = _catalog_db(datasette)
    view = None if doc_id is None else await db.execute_fn(lambda conn: docpage.document_view(conn, doc_id))
    if view is None:
        return Response.html(await datasette.render_template(
            "kehoach_missing.html", {"what": f"Không có văn bản số {request.url_vars['doc_id'][:30]}"},
            request=request), status=404)
    chosen = docpage.selected(view, request.args.get("field"))
    try:
        page = int(request.args.get("page") or (chosen.page if chosen and chosen.page else 1))
    except ValueError:
        page = 1
    page = min(max(page, 1), view["page_count"])
    boxes = []
    if view["has_images"]:
        words = await _words(datasette, view, page)
        boxes = _boxes(words, view["values"] + [e["value"] for e in view["events"]], page, chosen)
    base = datasette.urls.path(f"/-/kehoach/doc/{view['id']}")

    def link(**args: Any) -> str:
        return base + "?" + urlencode({k: v for k, v in args.items() if v is not None}) + "#trang"

    corrections = await _corrections(datasette, view["id"])
    context = {
        "doc": view, "chosen": chosen, "page": page, "boxes": boxes, "link": link,
        "text": _marked_text(view["text"], chosen),
        "image_url": datasette.urls.path(f"/-/kehoach/page/{view['id']}/{page}.png"),
        "source_url": datasette.urls.path(f"/-/kehoach/source/{view['id']}"),
        "database": db.name, "edit": edit_enabled(datasette), "corrections": corrections,
        "correctable": _correctable(), "review_url": datasette.urls.path("/-/kehoach/review"),
    }
    return Response.html(await datasette.render_template("kehoach_doc.html", context, request=request))


async def page_image(datasette, request):
    from datasette.utils.asgi import Response

    from pipeline.use import pageimage
    from pipeline.use.serve import _catalog_db, _checked_source, _doc_id

    doc_id = _doc_id(request.url_vars["doc_id"])
    page = int(request.url_vars["page"][:6])
    db = _catalog_db(datasette)
    found = [] if doc_id is None else (await db.execute(
        "select sha256, format from documents where id = ?", [doc_id])).rows
    if not found or found[0][1] not in docpage.IMAGE_FORMATS:
        return Response.text("no page image for this document", status=404)
    sha256, fmt = found[0][0], found[0][1]
    cached = pageimage.cached_render(sha256, page) if page >= 1 else None
    if cached is not None and cached.exists():
        return Response(cached.read_bytes(), content_type="image/png", headers=PAGE_HEADERS)
    body, _, why = await _checked_source(datasette, doc_id)
    if body is None:
        return Response.text(why, status=404)
    try:
        png = await asyncio.to_thread(pageimage.page_png, body, sha256, fmt, page)
    except Exception as e:  # a broken file must not take the page down: say why, on stderr too
        print(f"page {page} of document {doc_id} not rendered: {e}", file=sys.stderr)
        return Response.text(f"page {page} could not be rendered", status=404)
    return Response(png, content_type="image/png", headers=PAGE_HEADERS)


# --------------------------------------------------------------------------------------------
# corrections (pipeline.catalog.corrections), when that module is there


def _correctable() -> dict[str, str]:
    try:
        from pipeline.catalog.corrections import CORRECTABLE
    except ImportError:
        return {}
    return dict(CORRECTABLE)


async def _corrections(datasette, doc_id: int) -> dict[str, dict[str, Any]]:
    try:
        from pipeline.catalog.corrections import corrections_for
    except ImportError:
        return {}
    import sqlite_utils

    from pipeline.use.serve import _catalog_db

    rows = await _catalog_db(datasette).execute_fn(lambda conn: corrections_for(sqlite_utils.Database(conn), doc_id))
    return {r["field"]: r for r in rows}


async def correct_post(datasette, request):
    """POST field and value (empty: the field has no value) or action=clear (the extracted value back);
    or an event's form: events.N.start|end|what|venues, each with its shown value as was:events.N.…"""
    import sqlite_utils
    from datasette.utils.asgi import Response

    from pipeline.catalog.corrections import CorrectionError, correct, label
    from pipeline.use.serve import _catalog_db, _doc_id

    if not edit_enabled(datasette):
        return Response.text("corrections are off: start the server with `kehoach serve --edit`", status=403)
    if request.method != "POST":
        return Response.text("POST only", status=405)
    # Datasette checks the form's token against its cookie only when the request carries cookies;
    # a form posted from another site carries none (SameSite=Lax), so the cookie is required here
    if "ds_csrftoken" not in request.cookies or not _same_origin(request):
        return Response.text("refused: post the form from the document page (CSRF token missing)", status=403)
    doc_id = _doc_id(request.url_vars["doc_id"])
    post = await request.post_vars()
    client = (request.scope.get("client") or ("?",))[0]
    who = (post.get("who") or "").strip()[:100] or f"web {client}"
    field = (post.get("field") or "").strip()
    if field:  # one header field
        changes = [(field, None if post.get("action") == "clear" else (post.get("value") or "").strip())]
    else:  # an event's form: the parts whose value changed
        changes = [(k, v.strip()) for k, v in post.items() if _EVENT_PART.fullmatch(k)
                   and v.strip() != (post.get(f"was:{k}") or "").strip()]
    done = []
    try:
        if doc_id is None:
            raise CorrectionError(f"no document {request.url_vars['doc_id'][:30]}")
        for key, value in changes:
            await _catalog_db(datasette).execute_write_fn(
                lambda conn, key=key, value=value: correct(sqlite_utils.Database(conn), doc_id, key, value, who=who),
                block=True)
            done.append(f"{label(key)}: " + ("đã trả về giá trị máy đọc" if value is None
                                             else f"đã lưu “{value}”" if value else "đã để trống"))
    except CorrectionError as e:
        datasette.add_message(request, f"Không lưu được: {e}", datasette.ERROR)
    for message in done:
        datasette.add_message(request, message, datasette.INFO)
    if not changes:
        datasette.add_message(request, "Không có gì thay đổi", datasette.INFO)
    target = datasette.urls.path(f"/-/kehoach/doc/{doc_id}") if doc_id is not None else datasette.urls.instance()
    return Response.redirect(target + ("?" + urlencode({"field": field}) if field else ""))


_EVENT_PART = re.compile(r"events\.\d{1,5}\.(start|end|what|venues)")


def _same_origin(request) -> bool:
    """No Origin header (older clients), or the one this server was reached at."""
    from urllib.parse import urlsplit

    origin = request.headers.get("origin")
    return not origin or urlsplit(origin).netloc == request.headers.get("host")


async def review_page(datasette, request):
    import sqlite_utils
    from datasette.utils.asgi import Response

    from pipeline.catalog.corrections import label, review_queue
    from pipeline.use.serve import _catalog_db

    db = _catalog_db(datasette)
    rows = await db.execute_fn(lambda conn: review_queue(sqlite_utils.Database(conn)))
    for r in rows:
        r["label"] = label(r["field"])
        r["href"] = datasette.urls.path(f"/-/kehoach/doc/{r['document_id']}") + (
            "?" + urlencode({"field": r["field"]}) + "#trang" if "." not in r["field"] else "")
        r["value_shown"] = docpage.shown(r["value"])
    return Response.html(await datasette.render_template(
        "kehoach_review.html", {"rows": rows, "database": db.name, "edit": edit_enabled(datasette)},
        request=request))


# Datasette's column menu (static/table.js), its English words in Vietnamese
_TABLE_JS_VI = ((">Sort ascending<", ">Sắp xếp tăng dần<"), (">Sort descending<", ">Sắp xếp giảm dần<"),
                (">Facet by this<", ">Nhóm lọc theo cột này<"), (">Hide this column<", ">Ẩn cột này<"),
                (">Show all columns<", ">Hiện mọi cột<"), (">Show not-blank rows<", ">Chỉ dòng có giá trị<"),
                ("`Type: ", "`Kiểu: "), ('"Remove this filter"', '"Bỏ bộ lọc này"'))


@functools.lru_cache(maxsize=1)
def _table_js() -> str:
    import datasette

    text = (Path(datasette.__file__).parent / "static" / "table.js").read_text(encoding="utf-8")
    for en, vi in _TABLE_JS_VI:
        text = text.replace(en, vi)
    return text


async def table_js(datasette, request):
    from datasette.utils.asgi import Response

    return Response(_table_js(), content_type="application/javascript; charset=utf-8",
                    headers={"cache-control": "public, max-age=3600"})


# how the catalog's columns (and the canned queries' parameters) are headed in the tables people read;
# the names themselves stay in URLs, JSON and SQL, and show on hover
COLUMN_LABELS = {
    "id": "Mã", "document_id": "Văn bản", "doc_type": "Loại văn bản", "number": "Số, ký hiệu",
    "issuer": "Cơ quan ban hành", "issuer_parent": "Cơ quan chủ quản", "issue_place": "Địa danh",
    "issue_date": "Ngày ban hành", "issue_year": "Năm", "title": "Trích yếu", "snippet": "Đoạn trích",
    "provinces": "Tỉnh (sau 2025)", "provinces_as_written": "Tỉnh (như văn bản ghi)",
    "provinces_2025": "Tỉnh (sau 2025)",
    "province": "Tỉnh", "venues": "Địa điểm", "venue": "Địa điểm", "name": "Tên", "first_event": "Sự kiện đầu",
    "last_event": "Sự kiện cuối", "events": "Số sự kiện", "source": "Tệp gốc", "record": "Xem",
    "start": "Bắt đầu", "end": "Kết thúc", "kind": "Loại", "what": "Nội dung",
    "when_text": "Thời gian (như văn bản ghi)",
    "precision": "Độ chính xác", "tentative": "Dự kiến", "responsible": "Đơn vị thực hiện", "deadline": "Hạn",
    "signer_name": "Người ký", "signer_position": "Chức vụ người ký", "participant_count": "Số người",
    "party": "Đơn vị", "tasks": "Nhiệm vụ", "field": "Thành phần", "value": "Giá trị", "page": "Trang",
    "text": "Đọc từ", "path": "Đường dẫn", "format": "Định dạng", "pages": "Số trang",
    "files": "Các tệp", "formats": "Định dạng các tệp",
    "q": "Từ cần tìm", "from": "Từ ngày", "to": "Đến ngày",
}


def column_label(name: object) -> str:
    return COLUMN_LABELS.get(str(name), str(name))

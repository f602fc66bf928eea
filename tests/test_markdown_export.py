"""A page saved from a legal portal as markdown: the site's own lines come first, the page source's
line breaks cut phrases where HTML reads a space, and emphasis marks stay in the text."""

from __future__ import annotations

from pipeline.extract import extract_file
from pipeline.read.build import build_document
from pipeline.read.readers import read
from pipeline.read.readers.text import unwrap_markdown

PORTAL_PAGE = """\
Bản dịch này thuộc quyền sở hữu của CỔNG THÔNG TIN. Mọi hành vi sao chép là vi phạm.
|
**Số hiệu:**
|
512/UBND-VX
|
**Loại văn bản:**
|
Công văn
|
**Ngày ban hành:**
|
03/12/2025
|
**Tình trạng:**
|
Đã biết
|
|
**ỦY
BAN NHÂN DÂN **
TỈNH BẮC NINH
--------
|
**CỘNG
HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 512/UBND-VX
*V/v tổ chức Hội nghị tổng kết công tác
thanh niên năm 2025*
|
*Bắc Ninh, ngày
03 tháng 12 năm 2025*
|
|
Kính gửi: Sở Nội vụ.

Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì tổ chức Hội nghị vào ngày 20/12/2025
tại Hội trường Ủy ban nhân dân tỉnh.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
"""


def test_unwrap_joins_cut_phrases_and_drops_emphasis(tmp_path):
    path = tmp_path / "cut.md"
    path.write_text("**ỦY\nBAN NHÂN DÂN **\n*Bắc Ninh, ngày\n03 tháng 12 năm 2025*\n* một mục\nthứ hai\n",
                    encoding="utf-8")
    lines = [ln.text for ln in build_document(read(path)).lines if ln.text]
    assert lines == ["ỦY BAN NHÂN DÂN", "Bắc Ninh, ngày 03 tháng 12 năm 2025", "* một mục thứ hai"]
    # a sentence that ended, and a table row, are not continued by the next line
    assert unwrap_markdown("Kết thúc.\ntiếp theo").split("\n") == ["Kết thúc.", "tiếp theo"]


def test_an_emphasised_phrase_wrapped_over_two_lines_is_one_line(tmp_path):
    path = tmp_path / "kh.md"
    path.write_text("**VI. TỔ CHỨC\nTHỰC HIỆN**\n\n**1. Đề nghị Ban Tuyên giáo và\nDân vận Tỉnh ủy: **Ban hành văn bản"
                    " chỉ đạo.\n\n**3.\nSở Y tế:**\n\n- Bố trí các đội y tế lưu động.\n\n* *\n\nNơi nhận:\n",
                    encoding="utf-8")
    lines = [ln.text for ln in build_document(read(path)).lines if ln.text]
    assert lines == ["VI. TỔ CHỨC THỰC HIỆN", "1. Đề nghị Ban Tuyên giáo và Dân vận Tỉnh ủy: Ban hành văn bản chỉ đạo.",
                     "3. Sở Y tế:", "- Bố trí các đội y tế lưu động.", "* *", "Nơi nhận:"]
    # a label's value cut before its date: "*Thời gian thực hiện: *Từ" / "01/7/2025."
    assert unwrap_markdown("*Thời gian thực hiện: *Từ\n01/7/2025.").split("\n") == [
        "*Thời gian thực hiện: *Từ 01/7/2025."]
    # a page's stray marks join nothing: a mark alone, a span closed on a line that did not open it
    assert unwrap_markdown("**\nTHƯ VIỆN** là\nTiếp").split("\n") == ["**", "THƯ VIỆN** là", "Tiếp"]


def test_the_header_is_read_after_the_sites_own_lines(tmp_path):
    path = tmp_path / "cong-van.md"
    path.write_text(PORTAL_PAGE, encoding="utf-8")
    rec = extract_file(path).record
    assert rec.issuer == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    assert rec.number == "512/UBND-VX"
    assert (rec.issue_place, rec.issue_date) == ("Bắc Ninh", "2025-12-03")
    assert rec.doc_type == "CÔNG VĂN"
    assert rec.title.startswith("tổ chức Hội nghị tổng kết công tác thanh niên năm 2025")
    assert (rec.signer_authority, rec.signer_position, rec.signer_name) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                                                           "Nguyễn Văn An")

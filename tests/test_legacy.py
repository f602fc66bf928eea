"""Legacy Vietnamese encodings: samples are encoded from the published code charts, then repaired.

TCVN3 and VISCII samples come from glibc's own converters (`iconv -t TCVN5712-1`, `iconv -t VISCII`),
an implementation independent of pipeline.read.legacy; VNI samples from an encoder written here from the
VNI for Windows chart (base letter + one mark byte).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from pipeline.read import legacy
from pipeline.read.build import build_document
from pipeline.read.normalise import normalise_cell
from pipeline.read.readers import read

pytestmark = pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv not installed")

SENTENCES = [
    "Kế hoạch tổ chức Hội trại tòng quân cho đoàn viên thanh niên năm 2004",
    "Ban Chấp hành Đoàn trường đề nghị các chi đoàn gửi danh sách về Văn phòng trước ngày 15/4",
    "Thời gian: 7 giờ 30 phút, thứ Bảy ngày 20 tháng 11 năm 1999; địa điểm: Nhà văn hóa quận",
    "Các đơn vị chủ động phối hợp với Hội Liên hiệp Phụ nữ, Mặt trận Tổ quốc để triển khai thực hiện",
    "Kinh phí dự kiến 15.000.000 đồng, trích từ nguồn ngân sách sự nghiệp văn hóa thông tin",
    "Ủy ban nhân dân xã yêu cầu trưởng thôn, xóm tuyên truyền sâu rộng đến từng hộ gia đình",
    "Đẩy mạnh việc học tập và làm theo tấm gương đạo đức, chẳng hạn dạy nghề cho thanh niên vùng sâu",
    "Giữ gìn nét đẹp truyền thống, sẵn sàng nhập ngũ, rèn luyện kỹ năng; lũy tre làng quê yên bình",
    "Quyết định khen thưởng những tập thể và cá nhân có thành tích xuất sắc trong phong trào thi đua",
]


def _iconv(text: str, charset: str) -> bytes:
    done = subprocess.run(["iconv", "-f", "UTF-8", "-t", charset], input=text.encode(), capture_output=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def vn3_case(text: str) -> str:
    """TCVN3 (VN3) has capitals only for Ă Â Ê Ô Ơ Ư Đ: other toned capitals were typed as small letters."""
    return "".join(c.lower() if not c.isascii() and c.isupper() and c not in "ĂÂÊÔƠƯĐ" else c for c in text)


def tcvn3_bytes(text: str) -> bytes:
    return _iconv(vn3_case(text), "TCVN5712-1")


def tcvn3(text: str, codec: str = "cp1252") -> str:
    """TCVN3 text as an extractor shows it: the font's bytes read as Windows characters."""
    return tcvn3_bytes(text).decode(codec)


# VNI for Windows: base letter + a mark byte (shown as small marks; capitals use their upper case).
_VNI_TONE = {"": "", "\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRCUMFLEX = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def _vni_letter(ch: str) -> str:
    if ch in "đĐ":
        return "ñ" if ch == "đ" else "Ñ"
    base, *marks = unicodedata.normalize("NFD", ch)
    if base.lower() not in "aeiouy" or not marks:
        return ch
    shape = next((m for m in marks if m in "\u0302\u0306\u031b"), "")
    tone = next((m for m in marks if m in _VNI_TONE and m), "")
    low = base.lower()
    if low == "i":
        out = _VNI_I[tone]
    elif shape == "\u031b":  # horn: ơ and ư are single bytes
        out = ("ô" if low == "o" else "ö") + _VNI_TONE[tone]
    elif shape == "\u0302":
        out = low + _VNI_CIRCUMFLEX[tone]
    elif shape == "\u0306":
        out = low + _VNI_BREVE[tone]
    else:
        out = low + _VNI_TONE[tone]
    return out.upper() if base.isupper() else out


def vni(text: str) -> str:
    return "".join(_vni_letter(c) for c in text)


def viscii(text: str) -> str:
    return _iconv(text, "VISCII").decode("latin-1")


# --- the charts ---------------------------------------------------------------------------------


def test_tcvn3_chart_matches_glibc_for_every_vn3_letter():
    letters = "ĂÂÊÔƠƯĐăâêôơưđ" + "".join(
        unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in "\u0300\u0309\u0303\u0301\u0323"
    )
    for letter in letters:
        assert legacy.decode_tcvn3(tcvn3(letter, "latin-1")) == letter


def test_vni_and_viscii_decode_every_vietnamese_letter():
    letters = "đĐ" + "".join(
        unicodedata.normalize("NFC", v + t)
        for v in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
        for t in ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
    )
    for letter in letters:
        assert legacy.decode_vni(vni(letter)) == letter, (letter, vni(letter))
        assert legacy.decode_viscii(viscii(letter)) == letter, letter


# --- TCVN3 --------------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["cp1252", "latin-1", "cp1258"])
def test_tcvn3_sentences_repaired_from_every_byte_reading(codec):
    for sentence in SENTENCES:
        fixed, name = legacy.repair(tcvn3(sentence, codec))
        assert (fixed, name) == (vn3_case(sentence), "tcvn3")


def test_tcvn3_example_from_the_brief_and_detect():
    assert legacy.repair("KÕ ho¹ch tæ chøc §oµn") == ("Kế hoạch tổ chức Đoàn", "tcvn3")
    assert legacy.detect(tcvn3(SENTENCES[1])) == "tcvn3"


def test_tcvn3_short_title_in_capitals_comes_back_in_capitals():
    for title in ["KẾ HOẠCH", "KẾ HOẠCH TỔ CHỨC HỘI TRẠI", "BÁO CÁO TỔNG KẾT CÔNG TÁC ĐOÀN"]:
        assert legacy.repair(tcvn3(title)) == (title, "tcvn3")
    # a capitals line beside ordinary words keeps the ordinary words as they are
    fixed, _ = legacy.repair(tcvn3("Thành lập BAN CHỈ ĐẠO hội thi"))
    assert fixed == "Thành lập BAN CHỈ ĐẠO hội thi"


def test_tcvn3_written_only_with_latin1_letters_is_caught_by_its_case():
    # every mojibake character here is a Vietnamese letter; a capital inside a word gives it away
    surface = tcvn3("Nội dung kiểm tra")
    assert surface == "Néi dung kiÓm tra"
    assert legacy.repair(surface) == ("Nội dung kiểm tra", "tcvn3")


def test_tcvn3_u_horn_soft_hyphen_kept_dropped_or_minus():
    sentence = "Người dân trong nước thường xuyên được hướng dẫn"
    surface = tcvn3(sentence)
    assert "\u00ad" in surface  # ư is 0xAD, the soft-hyphen slot
    assert legacy.repair(surface) == (sentence, "tcvn3")
    # extractors drop the soft hyphen: ươ before c / ng and "người" are put back
    assert legacy.repair(surface.replace("\u00ad", "")) == (sentence, "tcvn3")
    # PDF text layers show 0xAD as a minus sign
    assert legacy.repair(surface.replace("\u00ad", "\u2212")) == (sentence, "tcvn3")
    # a minus between digits stays a minus
    assert legacy.decode_tcvn3("nhiÖt ®é \u22125 ®é") == "nhiệt độ \u22125 độ"


def test_tcvn3_capitals_font_hint():
    typed = tcvn3("kế hoạch tổ chức đại hội chi đoàn")  # in .VnTimeH the small codes draw capitals
    assert legacy.repair(typed, hint=".VnTimeH") == ("KẾ HOẠCH TỔ CHỨC ĐẠI HỘI CHI ĐOÀN", "tcvn3")
    assert legacy.decode_tcvn3(typed, uppercase=True) == "KẾ HOẠCH TỔ CHỨC ĐẠI HỘI CHI ĐOÀN"
    assert legacy.repair("chi doan", hint=".VnTimeH") == ("CHI DOAN", "tcvn3")


def test_font_hint_repairs_what_detection_alone_leaves():
    # one word with one ambiguous character: too little evidence without the font name
    assert legacy.repair("cã") == ("cã", None)
    assert legacy.repair("cã", hint=".VnTime") == ("có", "tcvn3")
    assert legacy.repair("thi ®ua", hint="tcvn3") == ("thi đua", "tcvn3")
    assert legacy.repair("thi ®ua", hint="Times New Roman") == ("thi ®ua", None)


def test_font_hint_does_not_damage_text_retyped_in_unicode():
    text = "Kế hoạch tháng 3 năm 2004 của Đoàn trường"
    assert legacy.repair(text, hint=".VnTime") == (text, None)
    assert legacy.repair(text, hint="VNI-Times") == (text, None)
    assert legacy.repair("Report 2004", hint=".VnTime") == ("Report 2004", None)


def test_font_encoding_names():
    assert legacy.font_encoding(".VnTimeH") == ("tcvn3", True)
    assert legacy.font_encoding(".VnTime") == ("tcvn3", False)
    assert legacy.font_encoding(".VnArial NarrowH") == ("tcvn3", True)
    assert legacy.font_encoding("ABCDEF+.VnTime-Bold") == ("tcvn3", False)
    assert legacy.font_encoding("VNI-Times") == ("vni", False)
    assert legacy.font_encoding("VNI-Helve") == ("vni", False)
    assert legacy.font_encoding("VI Times H") == ("viscii", True)
    assert legacy.font_encoding("Times New Roman") == (None, False)
    assert legacy.font_encoding("Arial") == (None, False)
    assert legacy.font_encoding("tcvn3") == ("tcvn3", False)
    assert legacy.font_encoding("vni") == ("vni", False)
    assert legacy.font_encoding("viscii") == ("viscii", False)


# --- VNI and VISCII -----------------------------------------------------------------------------


def test_vni_sentences_and_capitals():
    for sentence in SENTENCES:
        assert legacy.repair(vni(sentence)) == (sentence, "vni")
        # a .txt of VNI bytes read through cp1258 by the text reader
        assert legacy.repair(vni(sentence).encode("cp1252").decode("cp1258")) == (sentence, "vni")
    title = "KẾ HOẠCH TỔ CHỨC ĐẠI HỘI ĐOÀN TRƯỜNG NHIỆM KỲ 2004 - 2007"
    assert legacy.repair(vni(title)) == (title, "vni")
    assert legacy.repair("Keá hoaïch") == ("Kế hoạch", "vni")
    assert legacy.detect(vni(SENTENCES[0])) == "vni"
    assert legacy.repair("Ñoaøn", hint="VNI-Times") == ("Đoàn", "vni")


def test_viscii_sentences():
    for sentence in SENTENCES[:4]:
        assert legacy.repair(viscii(sentence)) == (sentence, "viscii")
    assert legacy.repair(viscii("lưu"), hint="viscii") == ("lưu", "viscii")


# --- what must never change ---------------------------------------------------------------------

NEGATIVES = [
    *SENTENCES,
    "15.000.000 đồng",
    "Số: 23/KH-UBND",
    "Số 298 KH/TWĐTN; 39-BC/ĐTN",
    "Hà Nội, ngày 10 tháng 3 năm 2004",
    "TM. BAN THƯỜNG VỤ",
    "hoà bình, hoá học, thuỷ lợi, khoẻ mạnh",
    "Đắk Lắk, Krông Pắc",
    "§ 3. Trách nhiệm thi hành",
    "«Tuổi trẻ sáng tạo» – “Ngày hội” … kết thúc",
    "Nhiệt độ 30°C, độ ẩm 80%, diện tích 2.500 m²",
    "Chiều dài 1½ km × 2 làn; giá ¥ và £",
    "© 2004 Báo Tuổi Trẻ ® ™",
    "The Youth Union plan for 2004 – budget €1,200 “approved”",
    "Café, naïve, façade, Müller, Ørsted, señor, Æsop",
    "Straße und Größe, Ångström, São Paulo",
    "½ cup of sugar, 5 µm, ±3 dB, 12×4",
    "To chuc hoi trai (khong dau)",
    "Ngày 05/01/2019 · 7h30 · Phòng họp số 2",
    "Điều 5. Chánh Văn phòng, Trưởng các phòng ban chịu trách nhiệm thi hành Quyết định này./.",
]


def test_negatives_unchanged_and_not_detected():
    missed = [t for t in NEGATIVES if legacy.repair(t) != (t, None) or legacy.detect(t) is not None]
    assert missed == []


def test_negatives_as_one_document_not_detected():
    assert legacy.detect("\n".join(NEGATIVES)) is None


def test_nfd_and_cp1258_combining_sequences_become_nfc():
    for sentence in SENTENCES:
        nfd = unicodedata.normalize("NFD", sentence)
        assert legacy.repair(nfd) == (sentence, "nfc")
        assert legacy.detect(nfd) is None
    # Windows-1258 text decodes to base letters plus combining tone marks
    cp1258 = "Kê\u0301 hoa\u0323ch tô\u0309 chư\u0301c"
    assert legacy.repair(cp1258) == ("Kế hoạch tổ chức", "nfc")
    assert legacy.repair(cp1258, hint="cp1258") == ("Kế hoạch tổ chức", "nfc")


def test_normalise_cell_uses_the_repair():
    assert normalise_cell(tcvn3(SENTENCES[5])) == (vn3_case(SENTENCES[5]), "tcvn3")
    assert normalise_cell("Số: 23/KH-UBND") == ("Số: 23/KH-UBND", None)


# --- a whole file -------------------------------------------------------------------------------

PLAN = """\
UBND HUYỆN THANH TRÌ                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG VĂN HÓA THÔNG TIN                  Độc lập - Tự do - Hạnh phúc
Số: 15/KH-VH                        Thanh Trì, ngày 10 tháng 3 năm 2004

KẾ HOẠCH
Tổ chức ngày hội văn hóa thể thao các xã năm 2004
I. MỤC ĐÍCH YÊU CẦU
1. Tạo không khí vui tươi, phấn khởi trong nhân dân chào mừng ngày thành lập Đoàn.
2. Các đơn vị cử người tham gia đúng thời gian, địa điểm quy định.
II. THỜI GIAN, ĐỊA ĐIỂM
Từ 7 giờ 30 phút ngày 26 tháng 3 năm 2004 tại sân vận động trung tâm huyện.
"""


def _lines(doc) -> list[str]:
    return [ln.text.replace("\t", " ") for ln in doc.lines if ln.text]


def _expected() -> list[str]:
    """PLAN's lines as the document should read them: layout columns become cells (shown space-joined)."""
    return [" ".join(re.split(r"\s{3,}", ln.strip())) for ln in PLAN.splitlines() if ln.strip()]


def test_tcvn3_txt_file_round_trip(tmp_path):
    path = tmp_path / "kehoach_1998.txt"
    path.write_bytes(tcvn3_bytes(PLAN))  # an old export: TCVN3 bytes, no BOM, not UTF-8
    doc = build_document(read(path))
    assert "tcvn3" in doc.meta["repairs"]
    lines = _lines(doc)
    expected = _expected()
    assert len(lines) == len(expected)
    # the reader decides the encoding once for the whole text, so even a lone "Sè:" (Số) is repaired
    assert lines == expected
    assert doc.meta["legacy_encoding"] == "tcvn3"


def test_tcvn3_txt_file_with_document_level_detection(tmp_path):
    """What the text reader should do: detect once on the whole text, pass it as the hint."""
    path = tmp_path / "kehoach_1998.txt"
    path.write_bytes(tcvn3_bytes(PLAN))
    raw = read(path)
    whole = "\n".join(c.text for p in raw.pages for ln in p.lines for c in ln.cells)
    assert legacy.detect(whole) == "tcvn3"
    raw.meta["legacy_encoding"] = legacy.detect(whole)
    doc = build_document(raw)
    assert _lines(doc) == _expected()
    assert doc.meta["repairs"] == ["tcvn3"]


def test_docx_runs_in_legacy_fonts(tmp_path):
    """A .docx made by python-docx with runs in .VnTimeH, .VnTime, a Unicode font and VNI-Times."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for text, font in [
        (tcvn3("kế hoạch tổ chức hội trại"), ".VnTimeH"),  # capitals font: small codes draw capitals
        (tcvn3("Người dân trong nước thường xuyên được hướng dẫn"), ".VnTime"),
        ("Số: 15/KH-ĐTN ngày 10 tháng 3 năm 2004", "Times New Roman"),
        (vni("Đoàn viên thanh niên tham gia đầy đủ"), "VNI-Times"),
    ]:
        document.add_paragraph().add_run(text).font.name = font
    path = tmp_path / "legacy.docx"
    document.save(path)
    doc = build_document(read(path))
    assert _lines(doc) == [
        "KẾ HOẠCH TỔ CHỨC HỘI TRẠI",
        "Người dân trong nước thường xuyên được hướng dẫn",
        "Số: 15/KH-ĐTN ngày 10 tháng 3 năm 2004",
        "Đoàn viên thanh niên tham gia đầy đủ",
    ]
    assert {"tcvn3", "vni"} <= set(doc.meta["repairs"])


def test_tcvn3_toned_capital_follows_the_capitals_of_its_cell():
    # TCVN3 has no toned capitals: "BÍ THƯ" comes out "Bí THƯ" unless the cell's other words decide
    assert legacy.decode_tcvn3(tcvn3_bytes("BÍ THƯ").decode("latin-1")) == "BÍ THƯ"
    assert legacy.decode_tcvn3(tcvn3_bytes("Bí thư chi đoàn").decode("latin-1")) == "Bí thư chi đoàn"
    assert legacy.decode_tcvn3(tcvn3_bytes("Số: 15/KH-VH").decode("latin-1")) == "Số: 15/KH-VH"

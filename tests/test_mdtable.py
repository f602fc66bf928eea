"""Markdown-table exports of Word plans (pandoc, markitdown, web-to-text tools)."""

from __future__ import annotations

from pipeline.extract import extract_file

MD = """\
| SỞ VĂN HÓA VÀ THỂ THAO  ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc  ------- |
| --- | --- |
| Số: 41/KH-SVHTT | *Đà Lạt, ngày 12 tháng 3 năm 2024* |
KẾ HOẠCH
Tổ chức Giải Việt dã truyền thống năm 2024
I. TỔ CHỨC THỰC HIỆN
1. Phòng Quản lý thể dục thể thao có trách nhiệm:
a) Xây dựng điều lệ giải.
b) Phối hợp với Công an thành phố bảo đảm an ninh trật tự.
2. Trung tâm Huấn luyện thể thao chủ trì, phối hợp với các đơn vị chuẩn bị sân bãi.
| *Nơi nhận:* - UBND tỉnh (để báo cáo); - Các phòng, đơn vị thuộc Sở; - Lưu: VT, QLTDTT. \
| KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC     Trần Văn Lâm |
| --- | --- |
PHỤ LỤC
| TT | Nội dung | Đơn vị chủ trì | Thời gian |
| --- | --- | --- | --- |
| 1. | Khai mạc giải | Phòng Quản lý thể dục thể thao | 07 giờ 00 ngày 24/3/2024 |
| 2. | Trao giải và bế mạc | Trung tâm Huấn luyện thể thao | 10 giờ 30 ngày 24/3/2024 |
"""


def test_markdown_table_plan(tmp_path):
    p = tmp_path / "kh41.md"
    p.write_text(MD, encoding="utf-8")
    r = extract_file(p).record
    assert (r.issuer, r.issuer_parent, r.number) == ("SỞ VĂN HÓA VÀ THỂ THAO", None, "41/KH-SVHTT")
    assert (r.issue_place, r.issue_date) == ("Đà Lạt", "2024-03-12")
    assert r.recipients == ["UBND tỉnh (để báo cáo)", "Các phòng, đơn vị thuộc Sở", "Lưu: VT, QLTDTT"]
    assert (r.signer_authority, r.signer_position, r.signer_name) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Lâm")
    assert [(e.start, e.what, e.responsible) for e in r.events] == [
        ("2024-03-24T07:00", "Khai mạc giải", "Phòng Quản lý thể dục thể thao"),
        ("2024-03-24T10:30", "Trao giải và bế mạc", "Trung tâm Huấn luyện thể thao"),
    ]
    assert [(d.party, d.tasks) for d in r.responsibilities] == [
        ("Phòng Quản lý thể dục thể thao", ["Xây dựng điều lệ giải.",
                                            "Phối hợp với Công an thành phố bảo đảm an ninh trật tự."]),
        ("Trung tâm Huấn luyện thể thao",
         ["Trung tâm Huấn luyện thể thao chủ trì, phối hợp với các đơn vị chuẩn bị sân bãi."]),
    ]

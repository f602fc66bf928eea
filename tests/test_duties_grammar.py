"""Duties ("Tổ chức thực hiện", "Phân công nhiệm vụ") written the ways unseen issuers write them: each
test is one shape of Vietnamese administrative writing, with the parties and tasks a reader would
annotate (party = the body named, not the sentence; tasks = the lines that body is handed)."""

from __future__ import annotations

from test_content import rec_of


def _duties(rec):
    return {d.party: d.tasks for d in rec.responsibilities}


def test_each_sentence_of_a_duties_paragraph_that_hands_work_names_its_own_party(tmp_path):
    # "Giao X ... . Đề nghị Y ... . Yêu cầu Z ...": three bodies in one paragraph, one sentence each
    rec = rec_of(tmp_path, """III. TỔ CHỨC THỰC HIỆN
Giao Phòng Văn hóa và Thông tin chủ trì, phối hợp với các cơ quan liên quan triển khai thực hiện kế hoạch này. \
Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các đoàn thể chính trị - xã hội huyện tuyên truyền, vận động \
đoàn viên, hội viên tham gia. Yêu cầu Thủ trưởng các cơ quan, đơn vị nghiêm túc triển khai thực hiện các nội \
dung của kế hoạch.
""")
    duties = _duties(rec)
    assert list(duties) == ["Phòng Văn hóa và Thông tin",
                            "Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các đoàn thể chính trị - xã hội huyện",
                            "Thủ trưởng các cơ quan, đơn vị"]
    assert duties["Thủ trưởng các cơ quan, đơn vị"] == [
        "Yêu cầu Thủ trưởng các cơ quan, đơn vị nghiêm túc triển khai thực hiện các nội dung của kế hoạch."]


def test_a_condition_inside_a_paragraph_names_no_party(tmp_path):
    # "Đối với các khoa, ..." in the middle of a body's paragraph says how, not who else
    rec = rec_of(tmp_path, """III. TỔ CHỨC THỰC HIỆN
Phòng Hành chính có trách nhiệm tiếp nhận văn bản của các đơn vị. Đối với các Khoa, phân công ít nhất 02 \
người làm công tác văn thư.
""")
    assert list(_duties(rec)) == ["Phòng Hành chính"]


def test_a_party_whose_name_holds_a_verb_word(tmp_path):
    # hospitals' "Phòng Kế hoạch tổng hợp", schools' "Tổng phụ trách Đội": the verb word is the name's
    rec = rec_of(tmp_path, """IV. PHÂN CÔNG NHIỆM VỤ
1. Phòng Kế hoạch tổng hợp:
- Làm đầu mối triển khai kế hoạch, tổng hợp báo cáo Giám đốc.
- Phối hợp với các khoa, phòng tổ chức tập huấn.
2. Khoa Khám bệnh:
- Bố trí bàn đón tiếp, hướng dẫn người bệnh.
3. Tổng phụ trách Đội
- Tổ chức các hoạt động ngoài giờ lên lớp cho học sinh.
""")
    duties = _duties(rec)
    assert list(duties) == ["Phòng Kế hoạch tổng hợp", "Khoa Khám bệnh", "Tổng phụ trách Đội"]
    assert len(duties["Phòng Kế hoạch tổng hợp"]) == 2


def test_leading_and_manner_verbs_end_a_party_heading(tmp_path):
    # "Đảng ủy các xã lãnh đạo ...", "Các đơn vị nghiêm túc ...": the body ends where its verb begins
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với các cơ quan liên quan hướng dẫn tuyên truyền.
2. Đảng ủy các xã, thị trấn lãnh đạo, chỉ đạo triển khai kế hoạch ở địa phương.
3. Các chi bộ trực thuộc nghiêm túc quán triệt kế hoạch đến đảng viên.
""")
    assert list(_duties(rec)) == ["Ban Tuyên giáo Huyện ủy", "Đảng ủy các xã, thị trấn", "Các chi bộ trực thuộc"]

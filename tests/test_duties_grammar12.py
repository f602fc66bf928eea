"""Duties written the ways a clinic's, a school's or a department's plan names its parties (issue #11,
the twelfth round): a person named bare with a qualification and a post after the name, a part heading
whose numeral lost its dot. Every sentence here is written for the test, in the grammar of the
documents, not copied from them."""

from __future__ import annotations

from test_content import FOOT, HEAD, rec_of, ruled_table_docx

from pipeline.extract import extract_file


def _duties(rec):
    return {d.party: d.tasks for d in rec.responsibilities}


def test_a_person_named_bare_with_a_qualification_and_a_post_is_the_name(tmp_path):
    # "1. Nguyễn Văn A - Bác sỹ đa khoa - Trưởng trạm": the person is the party; the qualification and
    # the post after the name (with or without a dash, a dash clinging to the name) are no part of it
    rec = rec_of(tmp_path, """V. Phân công nhiệm vụ:
1. Lê Minh Quân - Bác sỹ đa khoa - Trưởng trạm y tế.
- Phụ trách chung mọi hoạt động của trạm.
- Báo cáo giao ban với Trung tâm hằng tuần.
2. Phạm Thị Hạnh Bác sỹ - Phụ trách phòng khám nhi
- Khám và điều trị cho trẻ em dưới 6 tuổi.
- Tham gia trực chuyên môn theo lịch.
3. Võ Thanh Tùng- Y sỹ đa khoa
- Tiêm chủng mở rộng theo lịch của trạm.
4. Đinh Thị Ngọc ĐDTH – Phụ trách phòng tiếp đón
- Đón tiếp và hướng dẫn người bệnh.
5. Hồ Văn Lộc – KTV – Phụ trách phòng xét nghiệm
- Thực hiện các xét nghiệm thường quy.
6. Trần Văn B - Điều dưỡng trung cấp
- Phụ giúp phòng khám khi được phân công.
""")
    duties = _duties(rec)
    assert set(duties) == {"Lê Minh Quân", "Phạm Thị Hạnh", "Võ Thanh Tùng", "Đinh Thị Ngọc", "Hồ Văn Lộc",
                           "Trần Văn B"}
    assert duties["Lê Minh Quân"] == ["Phụ trách chung mọi hoạt động của trạm.",
                                      "Báo cáo giao ban với Trung tâm hằng tuần."]
    # the heading's post is no task of its own
    assert duties["Hồ Văn Lộc"] == ["Thực hiện các xét nghiệm thường quy."]


def test_a_body_or_a_post_named_in_capitals_keeps_its_whole_name(tmp_path):
    # no family name opens these: the dash joins two halves of one body's or one post's name
    rec = rec_of(tmp_path, """IV. Tổ chức thực hiện
1. Phòng Tài chính - Kế hoạch
- Bố trí kinh phí thực hiện kế hoạch.
2. Đồng chí Phó Trưởng phòng Văn hóa - Xã hội - Ủy viên thường trực
- Theo dõi, tổng hợp kết quả thực hiện.
""")
    duties = _duties(rec)
    assert "Phòng Tài chính - Kế hoạch" in duties
    assert "Đồng chí Phó Trưởng phòng Văn hóa - Xã hội - Ủy viên thường trực" in duties


def test_a_part_heading_whose_numeral_lost_its_dot_ends_the_last_party_items(tmp_path):
    rec = rec_of(tmp_path, """VI. Phân công nhiệm vụ:
1. Tổ Hành chính – Tổng hợp
- Lưu trữ hồ sơ của trạm.
- Trực theo lịch được phân công.
VII Chế độ báo cáo
1. Báo cáo định kỳ:
Các phòng tổng hợp báo cáo vào thứ Sáu hằng tuần.
""")
    duties = _duties(rec)
    assert duties["Tổ Hành chính – Tổng hợp"] == ["Lưu trữ hồ sơ của trạm.", "Trực theo lịch được phân công."]


def test_a_heading_handing_its_items_to_a_body_after_the_topic(tmp_path):
    # a meeting's conclusions: "3. Về <topic>, giao <body>:" over the body's items, and a topic sentence
    # ended by "Giao <body>:"; each body is the party of the items under its heading ("việc làm",
    # employment, is a noun in a body's name, not the verb "làm")
    rec = rec_of(tmp_path, """Sau khi nghe báo cáo, đồng chí chủ trì kết luận như sau:
1. Thống nhất tổ chức ngày hội việc làm theo đề xuất của Trung tâm. Giao Trung tâm Dịch vụ việc làm tỉnh:
- Xây dựng kế hoạch chi tiết tổ chức ngày hội trong tháng 6.
- Mời các doanh nghiệp tuyển dụng tham gia ngày hội.
2. Về dự thảo Đề án đào tạo nghề cho lao động nông thôn giai đoạn 2026 - 2030, giao Sở Nội vụ:
- Rà soát, hoàn thiện dự thảo Đề án, trình Ủy ban nhân dân tỉnh trong tháng 7.
- Lấy ý kiến các sở, ngành liên quan về nguồn kinh phí thực hiện.
""")
    duties = _duties(rec)
    assert duties["Trung tâm Dịch vụ việc làm tỉnh"] == [
        "Xây dựng kế hoạch chi tiết tổ chức ngày hội trong tháng 6.",
        "Mời các doanh nghiệp tuyển dụng tham gia ngày hội."]
    assert duties["Sở Nội vụ"] == [
        "Rà soát, hoàn thiện dự thảo Đề án, trình Ủy ban nhân dân tỉnh trong tháng 7.",
        "Lấy ý kiến các sở, ngành liên quan về nguồn kinh phí thực hiện."]


def test_a_body_written_short_of_a_word_in_one_place_is_one_party(tmp_path):
    # the same body, once with a word slipped out of its name, once whole: one party with both tasks
    rec = rec_of(tmp_path, """Sau khi nghe báo cáo, đồng chí chủ trì kết luận như sau:
1. Về hội chợ thương mại năm 2026, giao Trung tâm Xúc tiến Thương mại và Du lịch tỉnh:
- Xây dựng phương án tổ chức hội chợ.
2. Về chương trình quảng bá sản phẩm, giao Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh:
- Lựa chọn sản phẩm tiêu biểu để giới thiệu tại hội chợ.
""")
    duties = _duties(rec)
    assert len(duties) == 1
    assert list(duties.values())[0] == ["Xây dựng phương án tổ chức hội chợ.",
                                        "Lựa chọn sản phẩm tiêu biểu để giới thiệu tại hội chợ."]


_DECISION = """BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH
TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ

Số: 05/QĐ-TCT

Gia Lai, ngày 10 tháng 3 năm 2025

QUYẾT ĐỊNH
Về việc thành lập và ban hành Quy chế hoạt động của Tổ công tác chuyển đổi số

TỔ TRƯỞNG TỔ CÔNG TÁC CHUYỂN ĐỔI SỐ

Căn cứ Quyết định số 12/QĐ-BCĐ ngày 01 tháng 3 năm 2025 của Ban Chỉ đạo chuyển đổi số tỉnh;

QUYẾT ĐỊNH:
Điều 1. Thành lập Tổ công tác chuyển đổi số tỉnh, gồm các ông (bà) có tên sau đây:
1. Tổ trưởng: Ông Lý Văn Hòa - Giám đốc Sở Khoa học và Công nghệ.
2. Tổ phó: Bà Đinh Thị Mai - Phó Giám đốc Sở Khoa học và Công nghệ.
Điều 2. Ban hành kèm theo Quyết định này Quy chế hoạt động của Tổ công tác chuyển đổi số.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:
- Như Điều 1;
- Lưu: VT.

TỔ TRƯỞNG

Lý Văn Hòa

QUY CHẾ HOẠT ĐỘNG
của Tổ công tác chuyển đổi số tỉnh
Điều 1. Nhiệm vụ
Tổ công tác chuyển đổi số có nhiệm vụ giúp Ban Chỉ đạo các việc sau:
1. Tham mưu kế hoạch chuyển đổi số hằng năm của tỉnh.
2. Theo dõi, đôn đốc các sở, ngành triển khai kế hoạch.
Điều 2. Trách nhiệm của Tổ trưởng
1. Điều hành hoạt động của Tổ công tác, phân công nhiệm vụ cho từng thành viên.
2. Chủ trì các cuộc họp của Tổ công tác.
Điều 3. Trách nhiệm của các Tổ phó
1. Trách nhiệm của Tổ phó thường trực
a) Giúp Tổ trưởng điều phối các hoạt động chung của Tổ công tác.
b) Giúp Tổ trưởng theo dõi các lĩnh vực sau:
- Hạ tầng số của tỉnh;
- An toàn thông tin mạng.
2. Trách nhiệm của các Tổ phó khác
a) Theo dõi lĩnh vực do Tổ trưởng phân công.
b) Tham dự đầy đủ các cuộc họp của Tổ công tác.
"""


def test_a_decision_s_duties_in_the_regulation_issued_with_it(tmp_path):
    # the decision's own articles list who belongs (a member and the post they hold is no duty); the
    # regulation issued "kèm theo Quyết định này", after the signature, charges each body in its articles:
    # one titled by the duty alone whose first sentence names the body, ones titled "Trách nhiệm của X",
    # and an article's items titled by a body of their own; "-" lines an item's colon opens are that item's
    p = tmp_path / "qd.txt"
    p.write_text(_DECISION, encoding="utf-8")
    duties = _duties(extract_file(p).record)
    assert list(duties) == ["Tổ công tác chuyển đổi số", "Tổ trưởng", "Tổ phó thường trực", "các Tổ phó khác"]
    assert duties["Tổ công tác chuyển đổi số"] == ["Tham mưu kế hoạch chuyển đổi số hằng năm của tỉnh.",
                                                  "Theo dõi, đôn đốc các sở, ngành triển khai kế hoạch."]
    assert duties["Tổ phó thường trực"] == [
        "Giúp Tổ trưởng điều phối các hoạt động chung của Tổ công tác.",
        "Giúp Tổ trưởng theo dõi các lĩnh vực sau: - Hạ tầng số của tỉnh; - An toàn thông tin mạng."]
    assert len(duties["các Tổ phó khác"]) == 2


def test_the_regulation_s_duties_join_those_the_decision_hands_itself(tmp_path):
    text = _DECISION.replace("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
                             "Điều 3. Tổ chức thực hiện\n"
                             "1. Văn phòng Sở Khoa học và Công nghệ bố trí kinh phí hoạt động của Tổ công tác.\n"
                             "2. Phòng Kế hoạch - Tài chính hướng dẫn thanh quyết toán kinh phí.\n"
                             "Điều 4. Quyết định này có hiệu lực kể từ ngày ký.")
    p = tmp_path / "qd.txt"
    p.write_text(text, encoding="utf-8")
    duties = _duties(extract_file(p).record)
    assert "Văn phòng Sở Khoa học và Công nghệ" in duties and "Tổ trưởng" in duties


def test_the_dash_lines_under_a_body_s_numbered_item_are_its_tasks(tmp_path):
    # a school's notice to parents: one numbered item names who acts, its "-" lines say what else they do
    rec = rec_of(tmp_path, """Nhà trường thông báo tới cha mẹ học sinh nội dung như sau:
1. Từ ngày 02/3/2024, học sinh trở lại trường học tập.
2. Khi học sinh trở lại trường, cha mẹ học sinh nhắc nhở các con thực hiện nghiêm quy định phòng dịch.
- Kiểm tra thân nhiệt cho con trước khi đến trường.
- Không đưa đón con vào khu vực trong trường.
""")
    assert _duties(rec) == {"cha mẹ học sinh": [
        "Khi học sinh trở lại trường, cha mẹ học sinh nhắc nhở các con thực hiện nghiêm quy định phòng dịch.",
        "Kiểm tra thân nhiệt cho con trước khi đến trường.", "Không đưa đón con vào khu vực trong trường."]}


def test_the_dash_lines_after_a_body_s_colon_are_its_tasks_and_the_colon_s_sentence_is_not(tmp_path):
    rec = rec_of(tmp_path, """Ủy ban nhân dân xã đề nghị như sau:
1. Phòng Văn hóa và Thông tin chủ trì tổ chức các hoạt động sau:
- Hội thi văn nghệ quần chúng.
- Triển lãm ảnh về quê hương.
2. Trung tâm Y tế huyện bố trí lực lượng y tế phục vụ ngày hội.
3. Công an xã bảo đảm an ninh trật tự.
""")
    duties = _duties(rec)
    assert duties["Phòng Văn hóa và Thông tin"] == ["Hội thi văn nghệ quần chúng.", "Triển lãm ảnh về quê hương."]
    assert duties["Công an xã"] == ["Công an xã bảo đảm an ninh trật tự."]


def test_a_topic_item_with_conditions_under_it_hands_no_work(tmp_path):
    rec = rec_of(tmp_path, """Nhà trường thông báo như sau:
1. Đối với sinh viên
Sinh viên học trực tiếp tại trường khi:
- Địa phương nơi trường đặt trụ sở có cấp độ dịch 1 hoặc 2.
- Sinh viên đã tiêm đủ 2 mũi vắc-xin.
""")
    assert _duties(rec) == {}


def test_a_dash_item_naming_its_body_after_when_it_starts(tmp_path):
    # "- Kể từ ngày ..., Phòng A mở sổ ...": the body after the opening clause of time is the party, as in a
    # numbered step; with another item of the same body, one party with both tasks
    rec = rec_of(tmp_path, """Ban Giám hiệu thông báo một số nội dung về công tác văn thư như sau:
1. Thủ tục trình ký văn bản:
- Kể từ ngày 01/11/2024, Phòng Tổ chức - Hành chính lập sổ theo dõi văn bản trình ký.
- Văn bản trình ký phải được đánh máy rõ ràng, chính xác.
- Phòng Tổ chức - Hành chính kiểm tra thể thức văn bản trước khi trình ký.
""")
    assert _duties(rec) == {"Phòng Tổ chức - Hành chính": [
        "Kể từ ngày 01/11/2024, Phòng Tổ chức - Hành chính lập sổ theo dõi văn bản trình ký.",
        "Phòng Tổ chức - Hành chính kiểm tra thể thức văn bản trước khi trình ký."]}


def test_bodies_named_one_by_one_after_a_colon_are_the_party(tmp_path):
    # "Các sở: A, B, C" (a heading over its items, or with its own colon and task), and a "-" item handing
    # work to them ("- Giao UBND các xã: A, B, ... và E: <task>", its list wrapping onto the next line)
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính
- Bố trí kinh phí thực hiện kế hoạch.
2. Các sở: Xây dựng, Công Thương, Nông nghiệp và Môi trường
- Phối hợp kiểm tra các công trình trên địa bàn.
- Báo cáo kết quả về Ủy ban nhân dân tỉnh.
3. Ủy ban nhân dân các xã: Tân Phú, Hòa Bình, An Lạc: Tuyên truyền, vận động nhân dân tham gia.
""")
    duties = _duties(rec)
    assert duties["Các sở: Xây dựng, Công Thương, Nông nghiệp và Môi trường"] == [
        "Phối hợp kiểm tra các công trình trên địa bàn.", "Báo cáo kết quả về Ủy ban nhân dân tỉnh."]
    assert duties["Ủy ban nhân dân các xã: Tân Phú, Hòa Bình, An Lạc"] == [
        "Tuyên truyền, vận động nhân dân tham gia."]
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
- Giao Sở Tài chính: Bố trí kinh phí thực hiện kế hoạch.
- Giao Ủy ban nhân dân các xã: Tân Phú, Hòa Bình, Mỹ Lộc, An Lạc và
Phước Hưng: Tuyên truyền, vận động nhân dân tham gia giữ gìn vệ sinh môi trường.
""")
    duties = _duties(rec)
    assert duties["Ủy ban nhân dân các xã: Tân Phú, Hòa Bình, Mỹ Lộc, An Lạc và Phước Hưng"] == [
        "Tuyên truyền, vận động nhân dân tham gia giữ gìn vệ sinh môi trường."]


def test_bodies_listed_with_semicolons_before_one_verb_and_the_items_after_cu_the(tmp_path):
    # a letter asks two groups of bodies, listed with a semicolon, to act, then says what "Cụ thể:"
    rec = rec_of(tmp_path, """Để bảo đảm an toàn cho học sinh trong mùa mưa bão, Phòng Giáo dục và Đào tạo \
đề nghị Ủy ban nhân dân các xã, thị trấn; các trường mầm non, tiểu học trực thuộc chủ động triển khai các biện \
pháp phòng, chống. Cụ thể:
- Kiểm tra, gia cố phòng học, nhà vệ sinh trước mùa mưa bão.
- Cho học sinh nghỉ học khi có cảnh báo mưa lớn trên địa bàn.
""")
    duties = _duties(rec)
    assert duties == {"Ủy ban nhân dân các xã, thị trấn; các trường mầm non, tiểu học trực thuộc": [
        "Kiểm tra, gia cố phòng học, nhà vệ sinh trước mùa mưa bão.",
        "Cho học sinh nghỉ học khi có cảnh báo mưa lớn trên địa bàn."]}


def test_a_programme_whose_hours_stand_in_a_later_column_hands_no_work(tmp_path):
    # a ceremony's running order: "TT | Nội dung | Thời gian | Thực hiện", its hours a range with a symbol
    # font's arrow (a private-use character) or alone: who performs each item, no duty
    path = ruled_table_docx(
        tmp_path / "chuong_trinh.docx", HEAD.strip().splitlines() + ["Nội dung chương trình"],
        [["TT", "Nội dung", "Thời gian", "Thực hiện"],
         ["1.", "Đón tiếp đại biểu", "7h00 \uf0e0 7h30", "Đoàn Thanh niên"],
         ["2.", "Văn nghệ chào mừng", "7h30 \uf0e0 8h00", "Câu lạc bộ văn nghệ"],
         ["3.", "Khai mạc", "8h00", "Bí thư Đoàn xã"]],
        after=tuple(FOOT.strip().splitlines()))
    assert _duties(extract_file(path).record) == {}


def test_a_submission_asking_its_superior_to_approve_hands_no_work(tmp_path):
    # a submission ("kính trình và đề nghị UBND tỉnh thẩm định, phê duyệt ...") and a letter asking another
    # body's opinion ("đề nghị Sở Tư pháp xem xét, có ý kiến ...") ask to decide or advise: no duty
    rec = rec_of(tmp_path, """Sở Thông tin và Truyền thông kính trình và đề nghị Ủy ban nhân dân tỉnh, Sở Tài chính \\
thẩm định, phê duyệt chủ trương đầu tư dự án với các nội dung sau:
1. Tên dự án: Nâng cấp hệ thống thư điện tử công vụ.
2. Chủ đầu tư: Sở Thông tin và Truyền thông.
3. Nguồn vốn: Ngân sách tỉnh.
Văn phòng Ủy ban nhân dân tỉnh đề nghị Sở Tư pháp xem xét, có ý kiến về dự thảo quy chế trước ngày 15/7/2024.
""")
    assert _duties(rec) == {}


def test_a_line_of_marks_alone_is_no_task(tmp_path):
    # a separator ("* *") or a table's border ("|") left between a party's paragraphs and the signature
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính
Bố trí kinh phí thực hiện kế hoạch.
2. Các tổ chức, cá nhân liên quan
Phối hợp thực hiện các nội dung của kế hoạch.
* *
|
""")
    assert _duties(rec)["Các tổ chức, cá nhân liên quan"] == ["Phối hợp thực hiện các nội dung của kế hoạch."]


def test_a_modal_ends_the_body_s_name(tmp_path):
    # "X có thể <verb>": "có thể" (may) is no part of the name
    rec = rec_of(tmp_path, """Ban Giám hiệu thông báo một số việc như sau:
1. Phòng Đào tạo bố trí lịch thi học kỳ và công bố trên trang thông tin của Trường.
2. Trung tâm Thông tin - Thư viện có thể bố trí thêm chỗ đọc cho sinh viên ôn thi.
""")
    assert "Trung tâm Thông tin - Thư viện" in _duties(rec)


def test_a_heading_naming_who_acts_by_what_they_do_is_the_party_whole(tmp_path):
    # "3.2. Sinh viên thực hiện Khóa luận tốt nghiệp" over its items: the verb word qualifies who acts, the
    # object a name in capitals; a heading that goes on as a sentence keeps its subject alone
    rec = rec_of(tmp_path, """3. Tổ chức thực hiện
3.1. Khoa Sau đại học
- Phân công giảng viên hướng dẫn cho học viên.
- Tổ chức bảo vệ luận văn theo kế hoạch.
3.2. Sinh viên thực hiện Khóa luận tốt nghiệp
- Nộp đề cương chi tiết về Khoa trước ngày 15/3.
- Tham gia bảo vệ luận văn tại Hội đồng.
3.3. Giảng viên hướng dẫn nhận xét quá trình thực hiện của học viên
- Gửi nhận xét về Khoa trước buổi bảo vệ.
""")
    duties = _duties(rec)
    assert duties["Sinh viên thực hiện Khóa luận tốt nghiệp"] == [
        "Nộp đề cương chi tiết về Khoa trước ngày 15/3.", "Tham gia bảo vệ luận văn tại Hội đồng."]
    assert "Giảng viên hướng dẫn nhận xét quá trình thực hiện của học viên" not in duties


def test_work_handed_with_giao_in_an_item_outside_the_duties_part(tmp_path):
    # the plan's duties part names two bodies; a content part's item hands a third body work with "Giao"
    rec = rec_of(tmp_path, """II. NỘI DUNG
1. Về ứng dụng phần mềm quản lý
- Giao Trung tâm Công nghệ thông tin chủ trì khảo sát nhu cầu sử dụng phần mềm tại các xã.
III. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính
- Bố trí kinh phí thực hiện kế hoạch.
Thời gian hoàn thành trước ngày 30 tháng 6 năm 2025.
2. Sở Nội vụ
- Hướng dẫn các xã kiện toàn bộ phận một cửa.
""")
    duties = _duties(rec)
    assert duties["Trung tâm Công nghệ thông tin"] == [
        "Giao Trung tâm Công nghệ thông tin chủ trì khảo sát nhu cầu sử dụng phần mềm tại các xã."]


def test_the_time_a_task_is_due_on_a_line_of_its_own_is_no_task(tmp_path):
    rec = rec_of(tmp_path, """III. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính
- Bố trí kinh phí thực hiện kế hoạch.
Thời gian hoàn thành trước ngày 30 tháng 6 năm 2025.
2. Sở Nội vụ
- Hướng dẫn các xã kiện toàn bộ phận một cửa.
""")
    assert _duties(rec)["Sở Tài chính"] == ["Bố trí kinh phí thực hiện kế hoạch."]


def test_a_meeting_or_an_exchange_named_with_giao_hands_no_work(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
- Giao ban định kỳ hằng tháng giữa Ban Giám hiệu và các tổ chuyên môn.
- Giao lưu văn nghệ giữa các chi đoàn.
III. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính
- Bố trí kinh phí thực hiện kế hoạch.
2. Sở Nội vụ
- Hướng dẫn các xã kiện toàn bộ phận một cửa.
""")
    assert list(_duties(rec)) == ["Sở Tài chính", "Sở Nội vụ"]


def test_a_body_s_item_whose_list_reports_figures_hands_no_work(tmp_path):
    rec = rec_of(tmp_path, """Phòng Giáo dục và Đào tạo báo cáo như sau:
1. Về quy mô trường lớp
2. Phòng Giáo dục và Đào tạo tổng hợp kết quả năm học như sau.
- Tổng số học sinh: 12.500 em.
- Tỷ lệ học sinh hoàn thành chương trình lớp học đạt 98,5%.
""")
    assert _duties(rec) == {}

"""Duties ("Tổ chức thực hiện", "Phân công nhiệm vụ") written the ways unseen issuers write them: each
test is one shape of Vietnamese administrative writing, with the parties and tasks a reader would
annotate (party = the body named, not the sentence; tasks = the lines that body is handed)."""

from __future__ import annotations

from test_content import FOOT, HEAD, rec_of, ruled_table_docx

from pipeline.extract import extract_file


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


def test_a_bodys_name_alone_over_its_bullets(tmp_path):
    # a party set only in bold, no number and no colon, its work in "-" items under it
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
Phòng Giáo dục và Đào tạo
- Hướng dẫn các trường triển khai kế hoạch.
- Tổng hợp kết quả báo cáo UBND huyện.
Trung tâm Y tế huyện
- Phối hợp khám sức khỏe cho học sinh.
Các trường mầm non, tiểu học, trung học cơ sở
- Xây dựng kế hoạch thực hiện tại đơn vị.
""")
    assert _duties(rec) == {
        "Phòng Giáo dục và Đào tạo": ["Hướng dẫn các trường triển khai kế hoạch.",
                                      "Tổng hợp kết quả báo cáo UBND huyện."],
        "Trung tâm Y tế huyện": ["Phối hợp khám sức khỏe cho học sinh."],
        "Các trường mầm non, tiểu học, trung học cơ sở": ["Xây dựng kế hoạch thực hiện tại đơn vị."]}


def test_a_request_ending_in_a_colon_leads_its_items(tmp_path):
    # "Đề nghị các chi đoàn:" is no closing formula: the items under it are the chi đoàn's work
    rec = rec_of(tmp_path, """III. TỔ CHỨC THỰC HIỆN
Đề nghị các chi đoàn:
- Phổ biến kế hoạch đến đoàn viên, thanh niên.
- Gửi danh sách đăng ký về Văn phòng Đoàn xã trước ngày 25/3/2024.
Giao Văn phòng Đoàn xã:
- Tổng hợp danh sách đăng ký.
- Chuẩn bị cơ sở vật chất phục vụ ngày hội.
""")
    duties = _duties(rec)
    assert list(duties) == ["các chi đoàn", "Văn phòng Đoàn xã"]
    assert duties["các chi đoàn"][1].startswith("Gửi danh sách đăng ký")


def test_plus_items_under_a_numbered_party_are_its_tasks(tmp_path):
    # Youth Union plans mark a party's tasks with "+" where there is no "-" level
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Ban Thường vụ Huyện đoàn:
+ Xây dựng và ban hành kế hoạch.
+ Chỉ đạo các cơ sở Đoàn triển khai thực hiện.
2. Các cơ sở Đoàn:
+ Xây dựng kế hoạch cụ thể.
""")
    assert _duties(rec) == {
        "Ban Thường vụ Huyện đoàn": ["Xây dựng và ban hành kế hoạch.", "Chỉ đạo các cơ sở Đoàn triển khai thực hiện."],
        "Các cơ sở Đoàn": ["Xây dựng kế hoạch cụ thể."]}


def test_a_letters_body_colon_items_hand_out_work_whatever_the_verb(tmp_path):
    # a công văn's numbered "Body: task" items: "Treo cờ ..." is a duty though no duty verb opens it
    rec = rec_of(tmp_path, """Phòng Văn hóa và Thông tin đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:
1. Các cơ quan, đơn vị: Treo cờ Tổ quốc, băng rôn tuyên truyền tại trụ sở.
2. Đài Truyền thanh - Truyền hình huyện: Xây dựng chuyên mục tuyên truyền.
3. UBND các xã, thị trấn: Chỉ đạo các thôn, tổ dân phố treo cờ, khẩu hiệu.
""")
    duties = _duties(rec)
    assert list(duties) == ["Các cơ quan, đơn vị", "Đài Truyền thanh - Truyền hình huyện", "UBND các xã, thị trấn"]
    assert duties["Các cơ quan, đơn vị"] == ["Treo cờ Tổ quốc, băng rôn tuyên truyền tại trụ sở."]


def test_a_dash_before_a_verb_in_capitals_ends_the_party(tmp_path):
    # "Phòng X - Chủ trì ...": the dash leads the task; "Phòng Tài chính - Kế hoạch" stays one name
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
- Phòng Giáo dục và Đào tạo - Chủ trì tổ chức hội thi, thành lập Ban Giám khảo.
- Phòng Văn hóa và Thông tin - Tuyên truyền về hội thi trên Cổng thông tin điện tử huyện.
- Phòng Tài chính - Kế hoạch bố trí kinh phí tổ chức hội thi.
- Các trường THCS - Lựa chọn, cử học sinh tham gia.
""")
    assert list(_duties(rec)) == ["Phòng Giáo dục và Đào tạo", "Phòng Văn hóa và Thông tin",
                                  "Phòng Tài chính - Kế hoạch", "Các trường THCS"]


def test_supervising_verbs_end_a_party_but_not_an_inspection_team(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Phòng Tổ chức cán bộ chủ trì, phối hợp với các khoa, phòng triển khai kế hoạch.
2. Khoa Kiểm soát nhiễm khuẩn giám sát việc thực hiện vệ sinh tay tại các khoa.
3. Đoàn kiểm tra liên ngành kiểm tra việc chấp hành quy định tại các cơ sở.
""")
    assert list(_duties(rec)) == ["Phòng Tổ chức cán bộ", "Khoa Kiểm soát nhiễm khuẩn", "Đoàn kiểm tra liên ngành"]


def test_older_typed_numbering_with_slashes_and_dashes(tmp_path):
    # "IV/ TỔ CHỨC THỰC HIỆN" over "1/ Ban Giám hiệu:", and "IV- ..." over "1- Body: task"
    rec = rec_of(tmp_path, """IV/ TỔ CHỨC THỰC HIỆN
1/ Ban Giám hiệu:
- Chỉ đạo chung, phân công nhiệm vụ cho các bộ phận.
2/ Giáo viên chủ nhiệm:
- Quản lý học sinh trong thời gian tham gia.
- Báo cáo kết quả về Ban Giám hiệu.
""")
    assert _duties(rec) == {"Ban Giám hiệu": ["Chỉ đạo chung, phân công nhiệm vụ cho các bộ phận."],
                            "Giáo viên chủ nhiệm": ["Quản lý học sinh trong thời gian tham gia.",
                                                    "Báo cáo kết quả về Ban Giám hiệu."]}
    rec = rec_of(tmp_path, """IV- TỔ CHỨC THỰC HIỆN:
1- Văn phòng HĐND - UBND huyện: Theo dõi, đôn đốc việc thực hiện.
2- UBND các xã, thị trấn: Triển khai thực hiện tại địa phương.
""")
    assert _duties(rec) == {"Văn phòng HĐND - UBND huyện": ["Theo dõi, đôn đốc việc thực hiện."],
                            "UBND các xã, thị trấn": ["Triển khai thực hiện tại địa phương."]}


def test_a_body_handing_work_to_another_names_the_one_handed_it(tmp_path):
    # "Ban Thường vụ Tỉnh Đoàn giao Ban Phong trào chủ trì ...": the Ban Phong trào does the work
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Ban Thường vụ Tỉnh Đoàn giao Ban Phong trào chủ trì, phối hợp với các ban liên quan tham mưu triển khai kế hoạch.
2. Đề nghị Ban Thường vụ các huyện, thành Đoàn và Đoàn trực thuộc:
- Xây dựng kế hoạch triển khai thực hiện phù hợp với tình hình thực tế.
- Báo cáo kết quả về Ban Thường vụ Tỉnh Đoàn trước ngày 30/11/2024.
""")
    duties = _duties(rec)
    assert list(duties) == ["Ban Phong trào", "Ban Thường vụ các huyện, thành Đoàn và Đoàn trực thuộc"]
    assert len(duties["Ban Thường vụ các huyện, thành Đoàn và Đoàn trực thuộc"]) == 2


def test_school_staff_named_by_their_post(tmp_path):
    rec = rec_of(tmp_path, """V. TỔ CHỨC THỰC HIỆN
* Hiệu trưởng: Xây dựng kế hoạch, chỉ đạo chung.
* Giáo viên bộ môn: Thực hiện đúng, đủ chương trình; đổi mới phương pháp dạy học.
* Nhân viên y tế: Chăm sóc sức khỏe học sinh.
""")
    assert list(_duties(rec)) == ["Hiệu trưởng", "Giáo viên bộ môn", "Nhân viên y tế"]


def test_what_a_body_was_sent_to_do_is_reported_not_handed_out(tmp_path):
    rec = rec_of(tmp_path, """II. NỘI DUNG
- Các giáo viên cốt cán đã được cử đi tập huấn cấp tỉnh là báo cáo viên tại trường.
- Các tổ chuyên môn đã được phân công xây dựng chuyên đề trong học kỳ I.
""")
    assert rec.responsibilities == []


def test_duty_tables_whose_columns_are_named_by_assignment_or_by_joined_words(tmp_path):
    # "Nội dung công việc | Phân công | Thời gian" and "Nhiệm vụ, giải pháp | Cơ quan chủ trì | ..."
    path = ruled_table_docx(
        tmp_path / "phan_cong.docx", HEAD.strip().splitlines() + ["IV. PHÂN CÔNG NHIỆM VỤ"],
        [["TT", "Nội dung công việc", "Phân công", "Thời gian"],
         ["1", "Trang trí hội trường", "Đoàn Thanh niên", "Ngày 18/3"],
         ["2", "Đón tiếp đại biểu", "Công đoàn trường", "Ngày 20/3"],
         ["3", "Chuẩn bị âm thanh, ánh sáng", "Đoàn Thanh niên", "Ngày 19/3"]],
        after=tuple(FOOT.strip().splitlines()))
    assert _duties(extract_file(path).record) == {
        "Đoàn Thanh niên": ["Trang trí hội trường", "Chuẩn bị âm thanh, ánh sáng"],
        "Công đoàn trường": ["Đón tiếp đại biểu"]}
    path = ruled_table_docx(
        tmp_path / "giai_phap.docx", HEAD.strip().splitlines() + ["III. NHIỆM VỤ, GIẢI PHÁP VÀ PHÂN CÔNG THỰC HIỆN"],
        [["STT", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"],
         ["1", "Rà soát quy hoạch", "Sở Xây dựng", "UBND các huyện", "2024"],
         ["2", "Bố trí vốn", "Sở Tài chính", "Sở Xây dựng", "2024"]],
        after=tuple(FOOT.strip().splitlines()))
    assert _duties(extract_file(path).record) == {"Sở Xây dựng": ["Rà soát quy hoạch"], "Sở Tài chính": ["Bố trí vốn"]}


def test_a_post_and_its_portfolio_are_the_party(tmp_path):
    # "... phụ trách khối Văn hóa - Xã hội:" says which post, not what it does; a line cut after "phụ trách
    # các" is no whole heading
    rec = rec_of(tmp_path, """IV. PHÂN CÔNG NHIỆM VỤ
1. Đồng chí Phó Chủ tịch UBND huyện phụ trách khối Văn hóa - Xã hội: Chỉ đạo chung việc tổ chức các hoạt động.
2. Đồng chí Trưởng phòng Văn hóa và Thông tin: Trực tiếp điều hành, tổ chức các hoạt động.
3. Phó Hiệu trưởng phụ trách chuyên môn
- Chỉ đạo các tổ chuyên môn thực hiện.
""")
    assert list(_duties(rec)) == ["Đồng chí Phó Chủ tịch UBND huyện phụ trách khối Văn hóa - Xã hội",
                                  "Đồng chí Trưởng phòng Văn hóa và Thông tin", "Phó Hiệu trưởng phụ trách chuyên môn"]


def test_long_dashes_mark_items(tmp_path):
    # Word's and the scanner's "—" is a bullet like "-"
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
— Trưởng các đơn vị có liên quan căn cứ Kế hoạch này chủ động phối hợp triển khai thực hiện.
— Trung tâm Quản lý chất lượng có trách nhiệm theo dõi, đôn đốc, tổng hợp kết quả thực hiện.
""")
    assert list(_duties(rec)) == ["Trưởng các đơn vị có liên quan", "Trung tâm Quản lý chất lượng"]


def test_a_handed_party_may_list_many_bodies_over_its_items(tmp_path):
    # a meeting's conclusions: "1. Giao <long list of heads of bodies>" over "-" items
    rec = rec_of(tmp_path, """Chủ tịch Ủy ban nhân dân huyện có ý kiến chỉ đạo như sau:
1. Giao người đứng đầu các cơ quan chuyên môn, các đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân dân huyện; \
Chủ tịch Ủy ban nhân dân các xã, thị trấn
- Tiếp tục triển khai việc cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức.
- Thường xuyên kiểm tra, đôn đốc việc cập nhật dữ liệu.
2. Giao Phòng Nội vụ
- Hướng dẫn, theo dõi tiến độ cập nhật dữ liệu của các cơ quan, đơn vị.
""")
    duties = _duties(rec)
    assert list(duties) == ["người đứng đầu các cơ quan chuyên môn, các đơn vị sự nghiệp công lập trực thuộc Ủy ban "
                            "nhân dân huyện; Chủ tịch Ủy ban nhân dân các xã, thị trấn", "Phòng Nội vụ"]
    assert len(duties["Phòng Nội vụ"]) == 1


def test_sections_titled_by_bodies_and_a_later_duties_part_are_all_duties(tmp_path):
    # "III. NHIỆM VỤ CỤ THỂ" with a section per body, then "IV. TỔ CHỨC THỰC HIỆN" with its own lines;
    # the bodies a part lists as taking part get no duty
    rec = rec_of(tmp_path, """II. THÀNH PHẦN THAM GIA
1. Sở Y tế
Đại diện lãnh đạo Sở.
2. Sở Tài chính
Đại diện lãnh đạo Sở.
III. NHIỆM VỤ CỤ THỂ
1. Phòng Giáo dục Phổ thông
- Chủ trì xây dựng kế hoạch tiếp đón Đoàn kiểm tra.
- Báo cáo theo đề cương của Đoàn kiểm tra.
2. Văn phòng Sở
- Chuẩn bị các điều kiện làm việc của Đoàn kiểm tra.
IV. TỔ CHỨC THỰC HIỆN
- Trưởng các đơn vị có liên quan căn cứ Kế hoạch này chủ động phối hợp triển khai thực hiện.
""")
    assert list(_duties(rec)) == ["Phòng Giáo dục Phổ thông", "Văn phòng Sở", "Trưởng các đơn vị có liên quan"]


def test_a_sentence_among_the_items_whose_mark_was_lost_is_a_task(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Trung tâm Quản lý chất lượng
- Là đơn vị đầu mối tham mưu ban hành kế hoạch.
- Phối hợp với Phòng Đào tạo chuẩn bị dữ liệu sinh viên.
Theo dõi tiến độ thực hiện, tổng hợp khó khăn, vướng mắc; hỗ trợ kỹ thuật trong phạm
vi được hướng dẫn.
- Tổng hợp kết quả, tham mưu báo cáo kết quả khảo sát.
2. Phòng Đào tạo
- Cung cấp danh sách sinh viên.
""")
    duties = _duties(rec)
    assert duties["Trung tâm Quản lý chất lượng"][2] == ("Theo dõi tiến độ thực hiện, tổng hợp khó khăn, vướng mắc; "
                                                          "hỗ trợ kỹ thuật trong phạm vi được hướng dẫn.")
    assert len(duties["Trung tâm Quản lý chất lượng"]) == 4 and len(duties["Phòng Đào tạo"]) == 1


def test_owners_labelled_under_or_beside_the_tasks_of_a_plan(tmp_path):
    # provincial plans: each task closed by "Đơn vị chủ trì thực hiện: X." / "Cơ quan chủ trì: X." lines, or
    # "(Cơ quan chủ trì: X; ...)" after it; who only helps ("Đơn vị phối hợp") gets no duty
    rec = rec_of(tmp_path, """III. NHIỆM VỤ, GIẢI PHÁP
1. Hoàn thiện thể chế, chính sách
- Rà soát, sửa đổi các quy định về thi đua, khen thưởng.
Đơn vị chủ trì thực hiện: Sở Nội vụ.
Đơn vị phối hợp: Sở Tư pháp.
Thời gian thực hiện: Năm 2024.
2. Đẩy mạnh chuyển đổi số
- Xây dựng cơ sở dữ liệu về thi đua, khen thưởng.
Cơ quan chủ trì: Sở Khoa học và Công nghệ.
Cơ quan phối hợp: Sở Nội vụ.
3. Tăng cường tuyên truyền
- Mở chuyên mục trên Báo tỉnh (Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch; cơ quan phối hợp: Báo tỉnh; \
thời gian: hằng năm).
IV. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ theo dõi, đôn đốc các cơ quan, đơn vị thực hiện kế hoạch.
2. Sở Tài chính bố trí kinh phí thực hiện.
""")
    duties = _duties(rec)
    assert list(duties) == ["Sở Nội vụ", "Sở Tài chính", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch"]
    assert duties["Sở Khoa học và Công nghệ"] == ["Xây dựng cơ sở dữ liệu về thi đua, khen thưởng."]
    assert duties["Sở Văn hóa, Thể thao và Du lịch"] == ["Mở chuyên mục trên Báo tỉnh"]


def test_a_part_that_names_its_organiser_hands_out_no_duty(tmp_path):
    rec = rec_of(tmp_path, """II. ĐƠN VỊ TỔ CHỨC - THỜI GIAN - ĐỊA ĐIỂM
1. Đơn vị tổ chức
Đơn vị thực hiện: Phòng Văn hóa và Thông tin huyện.
2. Thời gian: ngày 20/4/2024.
""")
    assert rec.responsibilities == []


def test_a_bodys_heading_left_empty_hands_it_nothing(tmp_path):
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Thanh tra Sở
Đưa nội dung kiểm tra hạ tầng viễn thông vào kế hoạch thanh tra năm.
2. Phòng Thông tin - Báo chí - Xuất bản
3. Văn phòng Sở
Bảo đảm kinh phí thực hiện kế hoạch.
""")
    assert list(_duties(rec)) == ["Thanh tra Sở", "Văn phòng Sở"]


def test_a_table_of_bodies_and_their_work(tmp_path):
    # "Đơn vị | Nhiệm vụ": the first column names the bodies; beside a schedule's days it names no duty
    path = ruled_table_docx(
        tmp_path / "don_vi.docx", HEAD.strip().splitlines() + ["IV. PHÂN CÔNG NHIỆM VỤ"],
        [["TT", "Đơn vị", "Nhiệm vụ"],
         ["1", "Phòng Giáo dục và Đào tạo", "Chỉ đạo các trường tổ chức hội thi"],
         ["2", "Công an huyện", "Bảo đảm an ninh trật tự"]],
        after=tuple(FOOT.strip().splitlines()))
    assert _duties(extract_file(path).record) == {"Phòng Giáo dục và Đào tạo": ["Chỉ đạo các trường tổ chức hội thi"],
                                                  "Công an huyện": ["Bảo đảm an ninh trật tự"]}
    path = ruled_table_docx(
        tmp_path / "lich.docx", HEAD.strip().splitlines() + ["II. LỊCH CÔNG TÁC"],
        [["Ngày", "Nội dung", "Đơn vị"],
         ["Thứ Hai, 18/3/2024", "Họp giao ban", "Văn phòng"],
         ["Thứ Ba, 19/3/2024", "Kiểm tra cơ sở", "Phòng Kinh tế"]],
        after=tuple(FOOT.strip().splitlines()))
    assert extract_file(path).record.responsibilities == []


def test_members_of_a_body_invigilators_and_reminders(tmp_path):
    # an exam notice's numbered requests: "Yêu cầu giám thị giám sát ...", "Các Khoa, Phòng ban nhắc nhở ..."
    rec = rec_of(tmp_path, """1. Phòng Đào tạo chuẩn bị đề thi, phòng thi.
2. Yêu cầu giám thị giám sát tình hình thi chặt chẽ, tránh việc quay cóp trong thi cử.
3. Các Khoa, Phòng ban nhắc nhở sinh viên tự bảo quản tài sản cá nhân.
4. Thành viên Ban điều hành và UBND các huyện báo cáo kết quả thực hiện trước ngày 05/12/2024.
""")
    assert list(_duties(rec)) == ["Phòng Đào tạo", "giám thị", "Các Khoa, Phòng ban",
                                  "Thành viên Ban điều hành và UBND các huyện"]


def test_a_list_of_who_is_invited_hands_out_no_duty(tmp_path):
    rec = rec_of(tmp_path, """1. Thành phần mời dự
a) Tại điểm cầu Hội trường UBND tỉnh:
- Thành viên Tổ Công tác triển khai Đề án 06 tỉnh;
- Tổ giúp việc triển khai Đề án 06 (do Công an tỉnh mời).
2. Thời gian: 14 giờ 00, ngày 20/7/2024.
""")
    assert rec.responsibilities == []


def test_a_party_heading_cut_into_two_cells_is_read_whole(tmp_path):
    # a layout (a scanner's, an export's tab) cut "ngành Y" | "tế Kiên Giang": the lower-case cell goes on
    rec = rec_of(tmp_path, """IV. TỔ CHỨC THỰC HIỆN
1. Ban Giám đốc Sở Y tế
- Chỉ đạo chung việc triển khai kế hoạch.
2. Các đơn vị trực thuộc ngành Y\ttế Kiên Giang
- Xây dựng kế hoạch và tổ chức triển khai tại đơn vị.
""")
    assert list(_duties(rec)) == ["Ban Giám đốc Sở Y tế", "Các đơn vị trực thuộc ngành Y tế Kiên Giang"]


def test_the_signature_ends_the_last_partys_paragraphs(tmp_path):
    # a scan whose footer was not found: "CHỦ TỊCH" / "GIÁM ĐỐC" after the last party is no task of it
    p = tmp_path / "plan.txt"
    p.write_text(HEAD + """IV. TỔ CHỨC THỰC HIỆN
1. Ban Giám đốc Sở Y tế
Chỉ đạo chung việc triển khai kế hoạch.
2. Các đơn vị trực thuộc
Xây dựng kế hoạch và tổ chức triển khai tại đơn vị.
CHỦ TỊCH GIÁM ĐỐC
Hà Văn Phúc
""", encoding="utf-8")
    duties = _duties(extract_file(p).record)
    assert duties["Các đơn vị trực thuộc"] == ["Xây dựng kế hoạch và tổ chức triển khai tại đơn vị."]


def test_handing_responsibility_or_a_task_to_a_body(tmp_path):
    # "Giao trách nhiệm cho X", "Giao nhiệm vụ cho X", "Trên cơ sở Kế hoạch này, X ..."
    rec = rec_of(tmp_path, """III. TỔ CHỨC THỰC HIỆN
1. Giao trách nhiệm cho Phòng Văn hóa và Thông tin chủ trì, phối hợp với các đơn vị liên quan tổ chức thực hiện.
2. Giao nhiệm vụ cho Trung tâm Văn hóa - Thể thao huyện chuẩn bị sân khấu, âm thanh.
3. Trên cơ sở Kế hoạch này, UBND các xã, thị trấn xây dựng kế hoạch cụ thể tại địa phương.
""")
    assert list(_duties(rec)) == ["Phòng Văn hóa và Thông tin", "Trung tâm Văn hóa - Thể thao huyện",
                                  "UBND các xã, thị trấn"]
    rec = rec_of(tmp_path, """Để triển khai thực hiện có hiệu quả, UBND huyện giao trách nhiệm cho Phòng Tài nguyên và \
Môi trường chủ trì, phối hợp với UBND các xã, thị trấn kiểm tra việc khai thác khoáng sản trên địa bàn.
""")
    assert list(_duties(rec)) == ["Phòng Tài nguyên và Môi trường"]


def test_a_content_heading_opening_with_the_duties_words_does_not_hide_the_duties_part(tmp_path):
    # "1. Tổ chức thực hiện Cuộc vận động ..." is an activity; "IV. TỔ CHỨC THỰC HIỆN" is the duties part
    rec = rec_of(tmp_path, """III. NỘI DUNG HOẠT ĐỘNG
1. Tổ chức thực hiện Cuộc vận động "Người Việt Nam ưu tiên dùng hàng Việt Nam"
- Các chi đoàn tổ chức tuyên truyền đến đoàn viên.
2. Tổ chức ngày hội thanh niên
- Tổ chức vào ngày 26/3/2024.
IV. TỔ CHỨC THỰC HIỆN
1. Văn phòng Đoàn xã: Tham mưu kinh phí tổ chức.
2. Các chi đoàn: Đăng ký danh sách tham gia trước ngày 20/3/2024.
""")
    assert _duties(rec) == {"Văn phòng Đoàn xã": ["Tham mưu kinh phí tổ chức."],
                            "Các chi đoàn": ["Đăng ký danh sách tham gia trước ngày 20/3/2024."]}


def test_two_parts_of_their_own_both_hand_out_duties(tmp_path):
    rec = rec_of(tmp_path, """III. PHÂN CÔNG NHIỆM VỤ
1. Tiểu ban Nội dung: Chuẩn bị chương trình, kịch bản buổi lễ.
2. Tiểu ban Hậu cần: Chuẩn bị hội trường, khánh tiết.
IV. TỔ CHỨC THỰC HIỆN
1. Phòng Tài chính - Kế hoạch: Bố trí kinh phí tổ chức.
2. UBND các xã, thị trấn: Cử đại biểu tham dự.
""")
    assert list(_duties(rec)) == ["Tiểu ban Nội dung", "Tiểu ban Hậu cần", "Phòng Tài chính - Kế hoạch",
                                  "UBND các xã, thị trấn"]


def test_bodies_listed_as_taking_part_get_no_duty(tmp_path):
    rec = rec_of(tmp_path, """II. THÀNH PHẦN THAM DỰ
1. Sở Y tế
Đại diện lãnh đạo Sở và Phòng Nghiệp vụ Y.
2. Sở Tài chính
Đại diện lãnh đạo Phòng Hành chính sự nghiệp.
III. THỜI GIAN: 8 giờ 00, ngày 20/4/2024.
""")
    assert rec.responsibilities == []


def test_a_duties_title_whose_marks_a_scanner_changed(tmp_path):
    rec = rec_of(tmp_path, """4. Tố chức thực hiện
Phòng Giáo dục và Đào tạo
- Hướng dẫn các trường tổ chức thực hiện.
Trung tâm Y tế huyện
- Bố trí cán bộ y tế trực.
""")
    assert list(_duties(rec)) == ["Phòng Giáo dục và Đào tạo", "Trung tâm Y tế huyện"]


def test_school_and_company_words_name_parties(tmp_path):
    # "- BGH: ...", "- Phụ huynh học sinh: ...", "- Các phân xưởng cử ...", "- Đội Quản lý thị trường ..."
    rec = rec_of(tmp_path, """II. NỘI DUNG
- BGH: Chỉ đạo chung, kiểm tra việc thực hiện.
- Phụ huynh học sinh: Đưa đón con đúng giờ, không vào khu vực lớp học.
- Các phân xưởng cử công nhân tham gia đầy đủ.
- Đội Quản lý thị trường số 3 kiểm tra các cơ sở kinh doanh.
- Đội ngũ giáo viên được bồi dưỡng thường xuyên.
""")
    assert list(_duties(rec)) == ["BGH", "Phụ huynh học sinh", "Các phân xưởng", "Đội Quản lý thị trường số 3"]


def test_a_list_of_members_with_their_posts_hands_out_no_duty(tmp_path):
    # a decision setting up a team: "2. Tổ phó:" / "a) Ông A - Phó Giám đốc Sở ..." says who belongs; the
    # next article ("Điều 2. ...") is no item of the list
    p = tmp_path / "qd.txt"
    p.write_text(HEAD + """Điều 1. Thành lập Tổ giúp việc về Cải cách hành chính, gồm các ông (bà) có tên sau:
1. Tổ phó:
a) Ông Trần Hữu Tuấn - Phó Giám đốc Sở Nội vụ;
b) Bà Lê Thị Hoa - Phó Chánh Văn phòng Ủy ban nhân dân tỉnh;
2. Các thành viên:
a) Ông Nguyễn Văn Dũng - Trưởng phòng Cải cách hành chính, Sở Nội vụ;
b) Bà Trần Thị Quý - Chuyên viên phòng Cải cách hành chính, Sở Nội vụ.
Điều 2. Tổ giúp việc làm việc theo chế độ kiêm nhiệm.
""" + FOOT, encoding="utf-8")
    assert extract_file(p).record.responsibilities == []

"""Duties written the ways a directive or a school's notice names its parties (issue #11): a party's
name that runs over the line before its verb, the same body handed work twice, a list of bodies
closed by "…", the words between a body and its verb. Every sentence here is written for the test,
in the grammar of the documents, not copied from them."""

from __future__ import annotations

from test_content import rec_of


def _duties(rec):
    return {d.party: d.tasks for d in rec.responsibilities}


def test_a_numbered_heading_cut_by_the_line_before_its_verb_is_a_sentence(tmp_path):
    # a directive's items: the first one's name runs past fourteen words onto the next line
    rec = rec_of(tmp_path, """Ủy ban nhân dân huyện chỉ thị:
1. Thủ trưởng các phòng, ban, ngành, đoàn thể, đài truyền thanh, hội nghề nghiệp cấp huyện và Chủ
tịch Ủy ban nhân dân các xã, thị trấn theo chức năng, nhiệm vụ được giao, tuyên truyền cho nhân dân
về các biện pháp phòng, chống dịch bệnh trên đàn gia súc.
2. Giám đốc Trung tâm Y tế huyện chịu trách nhiệm bố trí đủ thuốc, hóa chất và nhân lực.
3. Trưởng Công an huyện:
a) Chỉ đạo lực lượng tham gia các chốt kiểm dịch.
b) Xử lý các trường hợp vận chuyển gia súc không rõ nguồn gốc.
4. Chủ tịch Ủy ban nhân dân các xã, thị trấn:
a) Rà soát, thống kê các hộ chăn nuôi trên địa bàn.
b) Báo cáo kết quả về Ủy ban nhân dân huyện trước ngày 30 hằng tháng.
""")
    duties = _duties(rec)
    party = ("Thủ trưởng các phòng, ban, ngành, đoàn thể, đài truyền thanh, hội nghề nghiệp cấp huyện và Chủ "
             "tịch Ủy ban nhân dân các xã, thị trấn")
    assert party in duties
    assert len(duties[party]) == 1 and duties[party][0].endswith("trên đàn gia súc.")


def test_a_bracket_left_open_carries_the_name_onto_the_next_line(tmp_path):
    # "(Cơ quan thường trực" / "Ban Chỉ đạo ...)": the next line opens in capitals, yet the name goes on
    rec = rec_of(tmp_path, """Ủy ban nhân dân huyện chỉ thị:
1. Trưởng phòng Nông nghiệp và Phát triển nông thôn (Cơ quan thường trực
Ban Chỉ đạo phòng, chống thiên tai huyện) chủ trì theo dõi tình hình mưa lũ trên địa bàn.
2. Trưởng phòng Tài chính - Kế hoạch:
a) Bố trí kinh phí cho công tác khắc phục hậu quả.
b) Hướng dẫn các xã thanh toán kinh phí.
3. Chủ tịch Ủy ban nhân dân các xã:
a) Sơ tán các hộ dân ở vùng trũng thấp.
b) Báo cáo thiệt hại về huyện hằng ngày.
""")
    duties = _duties(rec)
    assert ("Trưởng phòng Nông nghiệp và Phát triển nông thôn (Cơ quan thường trực Ban Chỉ đạo phòng, chống "
            "thiên tai huyện)") in duties


def test_the_same_body_handed_work_twice_is_one_party_with_both_tasks(tmp_path):
    rec = rec_of(tmp_path, """Ủy ban nhân dân huyện chỉ thị:
1. Trưởng phòng Văn hóa và Thông tin chủ trì tuyên truyền về ngày hội trên các phương tiện.
2. Trưởng phòng Tài chính - Kế hoạch:
a) Bố trí kinh phí tổ chức ngày hội.
b) Hướng dẫn thanh quyết toán kinh phí.
3. Chủ tịch Ủy ban nhân dân các xã:
a) Vận động nhân dân tham gia ngày hội.
b) Bảo đảm an ninh trật tự tại địa phương.
4. Giao Trưởng phòng Văn hóa và Thông tin theo dõi, tổng hợp kết quả, báo cáo Ủy ban nhân dân huyện.
""")
    duties = _duties(rec)
    tasks = duties["Trưởng phòng Văn hóa và Thông tin"]
    assert len(tasks) == 2
    assert tasks[1].startswith("Giao Trưởng phòng Văn hóa và Thông tin theo dõi")
    assert sum(p.startswith("Trưởng phòng Văn hóa") for p in duties) == 1


def test_what_a_body_must_do_ends_its_name_at_the_modal(tmp_path):
    # "... phải chấp hành ...": "phải" (must) stands between the body and its verb
    rec = rec_of(tmp_path, """Ủy ban nhân dân huyện chỉ thị:
1. Các tổ chức, hộ gia đình, cá nhân kinh doanh, vận chuyển lâm sản trên địa bàn huyện
phải chấp hành đúng các quy định về nguồn gốc lâm sản.
2. Trưởng Công an huyện:
a) Chỉ đạo kiểm tra các phương tiện vận chuyển lâm sản.
b) Phối hợp với Hạt Kiểm lâm xử lý vi phạm.
3. Trưởng phòng Nông nghiệp và Phát triển nông thôn:
a) Tuần tra các khu rừng phòng hộ.
b) Xử lý nghiêm các vi phạm.
""")
    duties = _duties(rec)
    party = "Các tổ chức, hộ gia đình, cá nhân kinh doanh, vận chuyển lâm sản trên địa bàn huyện"
    assert party in duties
    # the line the heading's sentence wraps onto is that task, not a second one
    assert len(duties[party]) == 1


def test_a_lettered_item_whose_body_runs_onto_the_next_line_before_its_verb(tmp_path):
    rec = rec_of(tmp_path, """III. NHIỆM VỤ CỤ THỂ
a) Phòng Văn hóa và Thông tin huyện phối hợp với Đài truyền thanh huyện đưa tin về hội thi.
b) Trung tâm Văn hóa - Thể thao và Truyền thanh huyện và Trường Trung học phổ thông
Nguyễn Du chuẩn bị sân bãi, âm thanh, ánh sáng cho hội thi.
c) Các xã, thị trấn cử đội tham gia hội thi.
""")
    duties = _duties(rec)
    assert ("Trung tâm Văn hóa - Thể thao và Truyền thanh huyện và Trường Trung học phổ thông Nguyễn Du"
            in duties)


def test_numbered_items_whose_first_words_are_the_party_end_it_before_its_verb(tmp_path):
    # a school's notice: each item opens with who acts; a list of offices closed by "…", a body that
    # helps ("hỗ trợ") another, a body and what it does besides ("ngoài việc ...") or first ("sau khi ...")
    rec = rec_of(tmp_path, """Nhà trường lưu ý các đơn vị một số việc sau:
1. Phòng Khảo thí, phòng Quản trị, phòng Công tác sinh viên… hỗ trợ các khoa kiểm tra việc tổ chức thi.
2. Phòng Khảo thí ngoài việc kiểm tra lịch thi hàng tuần, tổ chức thanh tra đột xuất các phòng thi.
3. Văn phòng khoa sau khi tổng hợp điểm của giảng viên, gửi bảng điểm về phòng Đào tạo.
""")
    duties = _duties(rec)
    assert "Phòng Khảo thí, phòng Quản trị, phòng Công tác sinh viên" in duties
    assert "Phòng Khảo thí" in duties
    assert "Văn phòng khoa" in duties


def test_a_post_held_in_a_bare_body_keeps_the_body_s_field_word(tmp_path):
    # "Trưởng Ban xây dựng Đảng", "Phó Trưởng ban tuyên giáo": the verb word names the body the post is in
    rec = rec_of(tmp_path, """III. PHÂN CÔNG NHIỆM VỤ
1. Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban: Phụ trách chung hoạt động của Tiểu ban.
2. Đồng chí Phó Trưởng ban tuyên truyền - Phó Trưởng Tiểu ban: Giúp Trưởng Tiểu ban chỉ đạo công tác thông tin.
3. Các thành viên khác: Thực hiện nhiệm vụ do Trưởng Tiểu ban phân công.
""")
    duties = _duties(rec)
    assert "Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban" in duties
    assert "Đồng chí Phó Trưởng ban tuyên truyền - Phó Trưởng Tiểu ban" in duties


def test_a_procedure_s_steps_name_their_party_after_an_opening_clause(tmp_path):
    # "Khi ..., X làm ...", "Căn cứ ..., X lập ...", "Sau khi ... thì X sẽ gửi ...", "Cuối tháng X lập ...":
    # the party is the subject after the clause; a body named in two steps keeps both
    rec = rec_of(tmp_path, """Phòng Đào tạo hướng dẫn trình tự xét tốt nghiệp như sau:
1. Khi hoàn thành đủ số tín chỉ của chương trình, NCS làm đơn đề nghị xét tốt nghiệp gửi văn phòng khoa.
2. Căn cứ đơn của người học, Phòng Đào tạo lập danh sách dự kiến và công văn đề nghị Hội đồng (gửi \
Phòng Công tác sinh viên) xem xét.
3. Phòng Đào tạo gửi danh sách cho các khoa rà soát.
4. Sau khi Hội đồng họp xong thì Thư ký Hội đồng sẽ gửi biên bản về Phòng Đào tạo để lưu.
5. Cuối tháng cố vấn học tập lập báo cáo gửi khoa.
""")
    duties = _duties(rec)
    assert "NCS" in duties and "Thư ký Hội đồng" in duties and "cố vấn học tập" in duties
    assert len(duties["Phòng Đào tạo"]) == 2
    # "công văn đề nghị Hội đồng ...": a paper named by what it asks hands the council no work
    assert not any(p.startswith("Hội đồng") for p in duties)


def test_each_sentence_of_an_item_whose_subject_is_another_body_is_that_body_s_task(tmp_path):
    # a notice's items, each opening with who acts, some going on with a sentence for another body; the
    # request that leads them ("đề nghị các khoa ... lưu ý một số việc sau:") names no party of its own
    rec = rec_of(tmp_path, """Ban Giám hiệu đề nghị các khoa và giảng viên lưu ý một số việc sau:
1. Lãnh đạo khoa trực tiếp theo dõi việc lên lớp của giảng viên trong khoa.
2. Khoa lập lịch dự giờ hằng tháng và gởi cho phòng Đào tạo. Phòng Đào tạo căn cứ lịch này để bố trí \
người dự giờ. Lịch dự giờ do khoa tự sắp xếp.
3. Phòng Thanh tra xác nhận và gởi kết quả dự giờ về khoa trước ngày 05 hằng tháng.
4. Hằng tháng, GVCN gởi biên bản sinh hoạt lớp cho lãnh đạo khoa.
""")
    duties = _duties(rec)
    assert duties["Khoa"] == ["Khoa lập lịch dự giờ hằng tháng và gởi cho phòng Đào tạo."]
    assert duties["Phòng Đào tạo"] == ["Phòng Đào tạo căn cứ lịch này để bố trí người dự giờ."]
    assert "Lãnh đạo khoa" in duties and "Phòng Thanh tra" in duties and "GVCN" in duties
    assert not any(p.startswith("các khoa") for p in duties)


def test_a_body_s_sentence_ending_in_a_colon_leads_its_numbered_tasks_and_the_closing_article_hands_more(tmp_path):
    # a decision's duties article: the body's sentence ends "các nội dung sau:", the numbered items are its
    # tasks (an item may wrap onto a line opening with a name in capitals); the closing article hands the
    # bodies after "Giao"/"Đề nghị" their work (a name may wrap before its verb), never who carries it out
    rec = rec_of(tmp_path, """Điều 2. Tổ chức thực hiện.
Sở Xây dựng có trách nhiệm tổ chức thực hiện Quyết định này,
chỉ đạo thực hiện các nội dung sau:
1. Rà soát hồ sơ thiết kế cơ sở của dự án theo ý kiến thẩm định của
Sở Tài chính và các cơ quan liên quan.
2. Lập kế hoạch lựa chọn nhà thầu, trình phê duyệt trong quý III năm 2026.
Điều 3. Điều khoản thi hành
1. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này.
2. Giao Ban Quản lý dự án các công trình giao thông tỉnh, Ban Quản lý dự án các công trình
Dân dụng và Công nghiệp tỉnh theo dõi, báo cáo tiến độ dự án hằng quý.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh giám sát việc triển khai dự án.
""")
    duties = _duties(rec)
    assert duties["Sở Xây dựng"] == [
        "Rà soát hồ sơ thiết kế cơ sở của dự án theo ý kiến thẩm định của Sở Tài chính và các cơ quan liên quan.",
        "Lập kế hoạch lựa chọn nhà thầu, trình phê duyệt trong quý III năm 2026."]
    assert ("Ban Quản lý dự án các công trình giao thông tỉnh, Ban Quản lý dự án các công trình Dân dụng và "
            "Công nghiệp tỉnh") in duties
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" in duties
    assert not any(p.startswith("Chánh Văn phòng") for p in duties)


def test_a_body_that_summons_its_staff_ends_its_name_before_the_verb(tmp_path):
    rec = rec_of(tmp_path, """III. TỔ CHỨC THỰC HIỆN
- Trên cơ sở kế hoạch được duyệt, Chánh Văn phòng Sở triệu tập cán bộ các phòng tham gia tổ
giúp việc của Ban Chỉ đạo.
- Giao Phòng Tổ chức cán bộ chuẩn bị quyết định thành lập tổ giúp việc.
""")
    assert "Chánh Văn phòng Sở" in _duties(rec)


def test_a_body_asked_to_requisition_or_mobilise_is_handed_work(tmp_path):
    rec = rec_of(tmp_path, """Để chuẩn bị cho việc chuyển trụ sở, Nhà trường thông báo như sau:
Nhân lực: Đề nghị các trung tâm trưng dụng một số học viên hỗ trợ chuyển thiết bị.
""")
    assert "các trung tâm" in _duties(rec)


def test_work_handed_per_an_attached_table_is_read_after_the_signature(tmp_path):
    # the body hands the work "theo biểu đính kèm"; the attachment, after the signature, lists each office
    # with a count of its tasks in brackets, which is no part of its name
    p = tmp_path / "tb.txt"
    p.write_text("""SỞ TƯ PHÁP TỈNH AN GIANG

Số: 12/TB-STP

An Giang, ngày 05 tháng 3 năm 2024

THÔNG BÁO
Nhiệm vụ trọng tâm năm 2024 của các phòng, đơn vị thuộc Sở

Giám đốc Sở giao nhiệm vụ trọng tâm năm 2024 cho các phòng, đơn vị thuộc Sở (cụ thể theo biểu đính kèm).
Các phòng, đơn vị thuộc Sở căn cứ nhiệm vụ được giao, phân công cụ thể đến từng công chức để thực hiện.

Nơi nhận:
- Các phòng, đơn vị thuộc Sở;
- Lưu: VT.

GIÁM ĐỐC

Trần Văn Bình

NHIỆM VỤ TRỌNG TÂM NĂM 2024
1. Phòng Hành chính tư pháp (3 nhiệm vụ trọng tâm):
- Giải quyết hồ sơ lý lịch tư pháp đúng hạn.
- Hướng dẫn nghiệp vụ hộ tịch cho cấp xã.
2. Thanh tra Sở (2 nhiệm vụ trọng tâm):
- Thanh tra việc chấp hành pháp luật về công chứng.
- Giải quyết đơn thư khiếu nại, tố cáo đúng hạn.
""", encoding="utf-8")
    from pipeline.extract import extract_file
    duties = _duties(extract_file(p).record)
    assert list(duties) == ["Phòng Hành chính tư pháp", "Thanh tra Sở"]
    assert duties["Thanh tra Sở"] == ["Thanh tra việc chấp hành pháp luật về công chứng.",
                                      "Giải quyết đơn thư khiếu nại, tố cáo đúng hạn."]


def test_bodies_asked_with_cac_and_then_named_alone_are_one_party(tmp_path):
    # a ministry's letter: "yêu cầu các Sở Y tế ...", later "đề nghị Sở Y tế báo cáo ...": the same bodies
    rec = rec_of(tmp_path, """Bộ Y tế yêu cầu các Sở Y tế chỉ đạo các bệnh viện thực hiện nghiêm quy trình tiếp \
nhận người bệnh.
Trong quá trình thực hiện nếu có vướng mắc, đề nghị Sở Y tế báo cáo về Bộ Y tế (qua Cục Quản lý Khám, chữa bệnh).
""")
    duties = _duties(rec)
    assert list(duties) == ["các Sở Y tế"]
    assert len(duties["các Sở Y tế"]) == 2


def test_an_assignment_s_task_keeps_the_clause_that_opens_its_sentence(tmp_path):
    rec = rec_of(tmp_path, "Trong quá trình thực hiện, đề nghị Sở Giáo dục và Đào tạo báo cáo kết quả về UBND tỉnh"
                           " trước ngày 30/6/2025.\n")
    duty = next(d for d in rec.responsibilities if d.party == "Sở Giáo dục và Đào tạo")
    assert duty.tasks[0].startswith("Trong quá trình thực hiện, đề nghị Sở Giáo dục và Đào tạo báo cáo")

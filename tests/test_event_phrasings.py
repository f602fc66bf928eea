"""How plans and letters date their work, in the grammar of Vietnamese administrative writing: a
deadline said in a clause of its own after the work it dates."""

from __future__ import annotations

from test_content import rec_of


def test_a_clause_that_only_gives_the_deadline_dates_the_clause_before_it(tmp_path):
    rec = rec_of(tmp_path, "1. Giao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với các đơn vị liên quan rà soát,"
                           " tham mưu UBND huyện bố trí kinh phí; hoàn thành trước ngày 30/4/2024.\n"
                           "2. Giao UBND các xã tổ chức tuyên truyền; báo cáo kết quả về UBND huyện trước ngày"
                           " 15/5/2024.\n")
    got = {e.start: e.what for e in rec.events}
    assert got["2024-04-30"].startswith("Giao Phòng Tài chính - Kế hoạch chủ trì")
    assert got["2024-04-30"].endswith("bố trí kinh phí")
    # a clause naming its own work keeps it
    assert got["2024-05-15"].startswith("báo cáo kết quả về UBND huyện")

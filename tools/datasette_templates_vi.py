"""Datasette's templates with Vietnamese chrome, written to pipeline/use/templates/ (run it again after
upgrading Datasette; an English string that moved makes it stop, naming the template and string)."""

import pathlib

import datasette

src = pathlib.Path(datasette.__file__).parent / "templates"
dst = pathlib.Path("pipeline/use/templates")
R = {
    "base.html": [
        ("<html>", '<html lang="vi">'),
        ('<title id="nav-menu-svg-title">Menu</title>', '<title id="nav-menu-svg-title">Trình đơn</title>'),
        ("Log out", "Đăng xuất"),
    ],
    "_footer.html": [
        ("Powered by", "Chạy trên"),
        ("Queries took", "Truy vấn mất"),
        ("Data license:", "Giấy phép dữ liệu:"),
        ("Data source:", "Nguồn dữ liệu:"),
        ("About:", "Giới thiệu:"),
    ],
    "_description_source_license.html": [
        ("Data license:", "Giấy phép dữ liệu:"),
        ("Data source:", "Nguồn dữ liệu:"),
        ("About:", "Giới thiệu:"),
    ],
    "database.html": [
        ("Table actions", "Thao tác"),
        ("Custom SQL query", "Truy vấn SQL tự viết"),
        ("Format SQL", "Định dạng SQL"),
        ('value="Run SQL"', 'value="Chạy SQL"'),
        (
            "The following databases are attached to this connection, and can be used for cross-database joins:",
            "Các cơ sở dữ liệu gắn kèm (dùng được để nối bảng):",
        ),
        (">tables</a>", ">bảng</a>"),
        ('<h2 id="queries">Queries</h2>', '<h2 id="queries">Truy vấn có sẵn</h2>'),
        ('<h2 id="tables">Tables</h2>', '<h2 id="tables">Bảng</h2>'),
        ("<em> (hidden)</em>", "<em> (ẩn)</em>"),
        ("Many rows", "Rất nhiều dòng"),
        (" row{% if table.count == 1 %}{% else %}s{% endif %}", " dòng"),
        ("<p>... and <a", "<p>... và <a"),
        (" hidden table{% if hidden_count == 1 %}{% else %}s{% endif %}", " bảng ẩn"),
        ('<h2 id="views">Views</h2>', '<h2 id="views">Khung nhìn</h2>'),
        ("Download SQLite DB:", "Tải tệp SQLite:"),
        # tables and views under their Vietnamese titles (metadata.json), the name beside them
        (
            '">{{ table.name }}</a>',
            '">{{ ((metadata.tables or {}).get(table.name) or {}).get("title") or table.name }}</a>'
            " <small>({{ table.name }})</small>",
        ),
        (
            '">{{ view.name }}</a>',
            '">{{ ((metadata.tables or {}).get(view.name) or {}).get("title") or view.name }}</a>'
            " <small>({{ view.name }})</small>",
        ),
    ],
    "row.html": [
        (
            "{% block description_source_license %}",
            '{% if table == "documents" %}<p><a href="{{ urls.path("/-/kehoach/doc/" ~ primary_key_values[0]) }}">'
            "Mở trang văn bản (các trường, chỗ đọc được, ảnh trang)</a></p>{% endif %}\n\n"
            "{% block description_source_license %}",
        ),
        ("This data as", "Dữ liệu này dạng"),
        ("Links from other tables", "Liên kết từ các bảng khác"),
        (" row{% if other.count == 1 %}{% else %}s{% endif %}</a>", " dòng</a>"),
        (
            "from {{ other.other_column }} in {{ other.other_table }}",
            "theo cột {{ other.other_column }} trong bảng {{ other.other_table }}",
        ),
    ],
    "table.html": [
        ("{{ urls.static('table.js') }}", "{{ urls.path('/-/kehoach/table.js') }}"),  # its menu in Vietnamese
        (" row{% if filtered_table_rows_count == 1 %}{% else %}s{% endif %}", " dòng"),
        ("{% if is_view %} (view){% endif %}", ""),
        (
            "{% if human_description_en %} {{ human_description_en }}{% endif %}",
            "{% if human_description_en %} {{ human_description_en|kehoach_vi }}{% endif %}",
        ),
        (
            "{% if human_description_en %}{{ human_description_en }}{% endif %}",
            "{% if human_description_en %}{{ human_description_en|kehoach_vi }}{% endif %}",
        ),
        ("Table actions", "Thao tác"),
        ('<label for="_search">Search:</label>', '<label for="_search">Tìm:</label>'),
        ("- remove filter -", "- bỏ lọc -"),
        ("- column -", "- cột -"),
        (">Sort...<", ">Sắp xếp...<"),
        (
            "<option{% if c == column %} selected{% endif %}>{{ c }}</option>",
            '<option value="{{ c }}"{% if c == column %} selected{% endif %}>{{ c|kehoach_label }}</option>',
        ),
        ("<option>{{ column }}</option>", '<option value="{{ column }}">{{ column|kehoach_label }}</option>'),
        ("selected{% endif %}>{{ display }}</option>", "selected{% endif %}>{{ display|kehoach_op }}</option>"),
        ("Sort by {{ column.name }}", "Sắp xếp theo {{ column.name|kehoach_label }}"),
        ("> descending</label>", "> giảm dần</label>"),
        ('value="Apply"', 'value="Áp dụng"'),
        (" extra where clause{% if extra_wheres_for_ui|length != 1 %}s{% endif %}", " điều kiện where thêm"),
        (">remove</a>", ">bỏ</a>"),
        ("View and edit SQL", "Xem và sửa SQL"),
        ("This data as", "Dữ liệu này dạng"),
        ('(<a href="#export">advanced</a>)', '(<a href="#export">nâng cao</a>)'),
        ("These facets timed out:", "Các nhóm lọc này quá thời gian:"),
        (">Next page</a>", ">Trang sau</a>"),
        ("Advanced export", "Xuất nâng cao"),
        ("JSON shape:", "Dạng JSON:"),
        (">default</a>", ">mặc định</a>"),
        (">array</a>", ">mảng</a>"),
        (">newline-delimited</a>", ">mỗi dòng một đối tượng</a>"),
        (">object</a>", ">đối tượng</a>"),
        ("CSV options:", "Tuỳ chọn CSV:"),
        ("> download file</label>", "> tải tệp</label>"),
        ("> expand labels</label>", "> hiện nhãn</label>"),
        ("> stream all rows</label>", "> tất cả các dòng</label>"),
        ('value="Export CSV"', 'value="Xuất CSV"'),
    ],
    "_table.html": [
        ("0 records", "0 dòng"),
        (
            "                            {{ column.name }}\n",
            "                            {{ column.name|kehoach_label }}\n",
        ),
        (
            'rel="nofollow">{{ column.name }}',
            'rel="nofollow" title="{{ column.name }}">{{ column.name|kehoach_label }}',
        ),
    ],
    "_suggested_facets.html": [
        ("Suggested facets:", "Gợi ý nhóm lọc:"),
        (">{{ facet.name }}</a>", ' title="{{ facet.name }}">{{ facet.name|kehoach_label }}</a>'),
        ("({{ facet.type }})", "({{ facet.type|kehoach_op }})"),
    ],
    "query.html": [
        (
            "This query cannot be executed because the database is immutable.",
            "Không chạy được truy vấn này: cơ sở dữ liệu chỉ đọc.",
        ),
        (
            "Custom SQL query{% if display_rows %} returning {% if truncated %}more than {% endif %}",
            "Truy vấn SQL{% if display_rows %}: {% if truncated %}hơn {% endif %}",
        ),
        (" row{% if display_rows|length == 1 %}{% else %}s{% endif %}{% endif %}", " dòng{% endif %}"),
        ("<h3>Query parameters</h3>", "<h3>Tham số</h3>"),
        ('scope="col">{{ column }}</th>', 'scope="col" title="{{ column }}">{{ column|kehoach_label }}</th>'),
        (
            '<label for="qp{{ loop.index }}">{{ name }}</label>',
            '<label for="qp{{ loop.index }}">{{ name|kehoach_label }}</label>',
        ),
        ("Format SQL", "Định dạng SQL"),
        ('value="Run SQL"', 'value="Chạy"'),
        (">Edit SQL</a>", ">Sửa SQL</a>"),
        ("This data as", "Dữ liệu này dạng"),
        ("0 results", "0 kết quả"),
    ],
    "index.html": [
        (" rows in {% endif %}", " dòng trong {% endif %}"),
        (" table{% if database.tables_count != 1 %}s{% endif %}", " bảng"),
        (" hidden table{% if database.hidden_tables_count != 1 %}s{% endif -%}", " bảng ẩn"),
        (" view{% if database.views_count != 1 %}s{% endif %}", " khung nhìn"),
        ('{{ table.count }} rows"', '{{ table.count }} dòng"'),
    ],
    "_crumbs.html": [("{{ item.label }}", "{{ 'trang chủ' if item.label == 'home' else item.label }}")],
    "error.html": [("Error {{ status }}", "Lỗi {{ status }}")],
    "_facet_results.html": [
        (
            '<strong>{{ facet_info.name }}{% if facet_info.type != "column" %} ({{ facet_info.type }}){% endif %}',
            '<strong title="{{ facet_info.name }}">{{ facet_info.name|kehoach_label }}',
        ),
        (
            "{% for facet_value in facet_info.results %}",
            "{# years read in order, newest first, not by how many plans each has #}\n"
            "                {% set facet_values = facet_info.results|kehoach_years_newest_first"
            " if facet_info.name.endswith('year') else facet_info.results %}\n"
            "                {% for facet_value in facet_values %}",
        ),
    ],
}
for name, pairs in R.items():
    s = (src / name).read_text()
    for a, b in pairs:
        n = s.count(a)
        assert n, (name, a)
        s = s.replace(a, b)
    (dst / name).write_text(s)
print("ok")

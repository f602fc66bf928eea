"""Generate N plain-text plans as variants of real ones, for the ingest benchmark.

Each variant takes one real document (the seeds and the dev set's .txt files) and changes it the way
another office's plan differs from this one: the numbered sections (I., II., ...) and the bullets
inside them are shuffled and renumbered; every date moves by the same number of years and a few days;
the number, the counts of people, the district numbers, the provinces and the signer's name change.
The text stays Vietnamese administrative prose in the same grammar, so extraction does real work.

    python benchmarks/make_variants.py OUT_DIR -n 1000 [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from pathlib import Path

SOURCES = [Path("/work/shared/seeds"), Path("/work/shared/eval/dev/docs")]

PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định",
    "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Đắk Lắk",
    "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh",
    "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
    "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế",
    "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
          "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Đức", "Thu", "Hoài", "Xuân", "Bảo"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

_SECTION = re.compile(r"^\s*(?:\*\*)?([IVX]{1,5})\s*[.\-–]\s*", re.M)
_FOOTER = re.compile(r"^\s*(Nơi nhận|Trên đây|TM\.|KT\.|T/M)", re.M)
_NAME_LINE = re.compile(r"^\s*((?:[A-ZĐ][\wÀ-ỹ]*\s){1,4}[A-ZĐ][\wÀ-ỹ]*)\s*$", re.M)
_DMY = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
_DM = re.compile(r"\b(ngày )(\d{1,2})/(\d{1,2})\b(?!/)")
_LONG_DATE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm ((?:19|20)\d\d)")
_YEAR = re.compile(r"\b(năm(?: học)? )((?:19|20)\d\d)\b")
_NUMBER = re.compile(r"(Số\s*:\s*)(\d+)")
_COUNT = re.compile(r"\b(\d{1,4})( (?:người|đoàn viên|đại biểu|học sinh|thành viên|đơn vị|đội))\b")
_DISTRICT = re.compile(r"\b(Quận|Phường|Khu phố|Tổ) (\d{1,2})\b")


def load_sources(dirs: list[Path] = SOURCES) -> list[str]:
    """The distinct real .txt documents."""
    seen: dict[str, None] = {}
    for d in dirs:
        for p in sorted(d.glob("*.txt")):
            seen.setdefault(p.read_text(encoding="utf-8").strip() + "\n", None)
    if not seen:
        raise SystemExit(f"no .txt documents found in {', '.join(map(str, dirs))}")
    return list(seen)


def split_parts(text: str) -> tuple[str, list[str], str]:
    """(header and preamble, numbered sections, closing part from Nơi nhận / Trên đây on)."""
    starts = [m.start() for m in _SECTION.finditer(text)]
    if len(starts) < 2:
        return text, [], ""
    footer = _FOOTER.search(text, starts[-1])
    end = footer.start() if footer else len(text)
    head = text[:starts[0]]
    sections = [text[a:b] for a, b in zip(starts, starts[1:] + [end], strict=True)]
    return head, sections, text[end:]


def _shuffle_bullets(section: str, rng: random.Random) -> str:
    """Shuffle each run of consecutive "- ..." bullet lines (blank lines between them kept)."""
    lines = section.split("\n")
    out, run = [], []
    for line in lines + [None]:
        if line is not None and (line.lstrip().startswith(("- ", "+ ")) or (run and not line.strip())):
            run.append(line)
            continue
        bullets = [x for x in run if x.strip()]
        rng.shuffle(bullets)
        it = iter(bullets)
        out.extend(next(it) if x.strip() else x for x in run)
        run = []
        if line is not None:
            out.append(line)
    return "\n".join(out)


def _renumber(sections: list[str]) -> list[str]:
    out = []
    for k, s in enumerate(sections):
        m = _SECTION.match(s)
        out.append(s[:m.start(1)] + ROMAN[k % len(ROMAN)] + s[m.end(1):] if m else s)
    return out


def _shift_date(day: int, month: int, year: int, years: int, days: int) -> dt.date:
    try:
        d = dt.date(year + years, month, day)
    except ValueError:
        d = dt.date(year + years, month, 28) if 1 <= month <= 12 else dt.date(year + years, 1, 1)
    return d + dt.timedelta(days=days)


def vary(text: str, rng: random.Random) -> str:
    head, sections, tail = split_parts(text)
    if sections:
        # the first section (purpose) usually stays first; the others are in any order
        rest = sections[1:]
        rng.shuffle(rest)
        sections = _renumber([sections[0], *rest])
        text = head + "".join(_shuffle_bullets(s, rng) for s in sections) + tail
    years, days = rng.randint(-8, 2), rng.randint(-20, 20)

    def dmy(m: re.Match) -> str:
        d = _shift_date(int(m[1]), int(m[2]), int(m[3]), years, days)
        return f"{d.day:02d}/{d.month:02d}/{d.year}"

    def long_date(m: re.Match) -> str:
        d = _shift_date(int(m[1]), int(m[2]), int(m[3]), years, days)
        return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"

    def dm(m: re.Match) -> str:
        d = _shift_date(int(m[2]), int(m[3]), 2001, 0, days)  # a year without 29 Feb trouble
        return f"{m[1]}{d.day:02d}/{d.month:02d}"

    text = _LONG_DATE.sub(long_date, text)
    text = _DMY.sub(dmy, text)
    text = _DM.sub(dm, text)
    text = _YEAR.sub(lambda m: f"{m[1]}{int(m[2]) + years}", text)
    text = _NUMBER.sub(lambda m: f"{m[1]}{rng.randint(1, 999):02d}", text, count=1)
    text = _COUNT.sub(lambda m: f"{max(1, int(int(m[1]) * rng.uniform(0.5, 2.0))):02d}{m[2]}", text)
    districts: dict[str, str] = {}
    text = _DISTRICT.sub(lambda m: f"{m[1]} {districts.setdefault(m[2], str(rng.randint(1, 12)))}", text)
    present = [p for p in PROVINCES if p in text or p.upper() in text]
    others = [p for p in PROVINCES if p not in present]
    rng.shuffle(others)
    for old, new in zip(present, others, strict=False):
        text = text.replace(old, new).replace(old.upper(), new.upper())
    names = list(_NAME_LINE.finditer(text[-600:]))
    if names:  # the signer: the last line that is a person's name
        m = names[-1]
        new = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        offset = len(text) - len(text[-600:])
        text = text[:offset + m.start(1)] + new + text[offset + m.end(1):]
    return text


def make_variants(out: Path, n: int, seed: int = 1, sources: list[str] | None = None) -> list[Path]:
    """Write n variants into out/ (in sub-folders of 1,000, as archives are) and return their paths."""
    sources = sources or load_sources()
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        text = vary(sources[i % len(sources)], rng)
        p = out / f"lo_{i // 1000:03d}" / f"vb_{i:06d}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    paths = make_variants(args.out, args.n, args.seed)
    distinct = len({p.read_bytes() for p in paths})
    print(f"{len(paths)} files ({distinct} distinct) in {args.out}")


if __name__ == "__main__":
    main()

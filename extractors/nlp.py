"""The Vietnamese NLP layer: underthesea words with character offsets, a spaCy ``Doc`` built on
them, and organisation/place spans.

Everything heavy loads once per process on first use: underthesea's segmenter (≈ 0.6 s with its
first call) and a blank spaCy pipeline. ``spacy.blank("xx")`` is used rather than ``"vi"``: the
tokens come from underthesea anyway, and "vi" loads pyvi for a tokenizer we never call (≈ 1.4 s
against ≈ 0.07 s).

underthesea is run line by line (and cell by cell): on a whole text it merges words across line
breaks ("HỒ CHÍ MINH" + "BCH" on the next header line became one word). Its token normaliser is
off, so every word is a verbatim piece of the input ("Hoà" stays "Hoà").

Organisations are found by a spaCy ``Matcher`` over word norms (lower case, one tone placement):
a head noun (Ủy ban nhân dân, Sở, Ban, Phòng, Trung tâm, Thành Đoàn, Trường, Nhà văn hóa, Công
ty ...) in every way underthesea may cut it into words, then extended over the capitalised name
words after it ("Sở Giáo dục và Đào tạo thành phố Đà Nẵng"). Places come from the gazetteer.
underthesea's NER is slow (≈ 0.8 s per 3,000 characters) and mislabels administrative text
("Gia Lai" as a person), so it is only an opt-in extra signal under a character budget.
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from extractors.gazetteer import _OLD_TO_NEW, find_admin_units, unify_tones
from extractors.segmenter import word_segmenter as _segmenter
from extractors.segmenter import word_spans as _word_spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc


@lru_cache(maxsize=1)
def _nlp() -> Language:
    import spacy

    return spacy.blank("xx")


def _norm(word: str) -> str:
    return unify_tones(word.lower())


class _Norms(dict):
    """word -> ``_norm(word)``, each made once (words repeat; a long run starts it again)."""

    def __missing__(self, word: str) -> str:
        if len(self) > 100_000:
            self.clear()
        value = self[word] = _norm(word)
        return value


_NORMS = _Norms()


_SEGMENT = re.compile(r"[^\n\t]+")


def words(text: str) -> list[tuple[int, int, str]]:
    """underthesea words with their character offsets: (start, end, text[start:end])."""
    return list(_words(text))


@lru_cache(maxsize=8)  # spacy_doc and org_spans of one text segment it once
def _words(text: str) -> tuple[tuple[int, int, str], ...]:
    tokenize = _segmenter()
    spans = _word_spans()
    out: list[tuple[int, int, str]] = []
    for seg in _SEGMENT.finditer(text):
        line = seg.group(0)
        if not line.strip():
            continue
        pos = seg.start()
        found = spans(line)
        if found is not None:  # the words as offsets into the line (what _locate finds, sooner)
            out += [(pos + a, pos + b, line[a:b]) for a, b in found]
            continue
        for w in tokenize(line):
            span = _locate(text, w, pos, seg.end())
            if span is None:  # the segmenter changed a character: skip the word, keep going
                continue
            out.append((span[0], span[1], text[span[0]:span[1]]))
            pos = span[1]
    return tuple(out)


def _locate(text: str, word: str, pos: int, limit: int) -> tuple[int, int] | None:
    """Where ``word`` (syllables joined by single spaces) stands in text[pos:limit]."""
    start = end = None
    for syl in word.split():
        i = text.find(syl, pos, limit)
        if i < 0 or (start is not None and text[end:i].strip()):
            return None
        start = i if start is None else start
        end = pos = i + len(syl)
    return (start, end) if start is not None else None


def _pieces(text: str) -> tuple[list[str], list[bool]]:
    """Token texts and trailing-space flags that make up ``text`` exactly: the underthesea words,
    whitespace other than one space after a word as its own token (as spaCy does)."""
    toks: list[str] = []
    spaces: list[bool] = []

    def gap(s: str) -> None:
        """Text between two words: a trailing space of the previous token, then the rest as
        whitespace / stray-character tokens."""
        if not s:
            return
        if s[0] == " " and toks and not spaces[-1] and not toks[-1].isspace():
            spaces[-1] = True
            s = s[1:]
        for piece in re.findall(r"\s+|\S+", s):
            toks.append(piece)
            spaces.append(False)

    pos = 0
    for s, e, w in _words(text):
        gap(text[pos:s])
        toks.append(w)
        spaces.append(False)
        pos = e
    gap(text[pos:])
    return toks, spaces


class _Tok:
    """The part of a spaCy ``Token`` the organisation rules read; a plain object is built in a
    fraction of the time a ``Doc`` takes (spaCy's Doc was 12 % of extraction time)."""

    __slots__ = ("text", "norm_", "whitespace_", "is_space", "idx")

    def __init__(self, text: str, space: bool, idx: int) -> None:
        self.text = text
        self.norm_ = _NORMS[text]
        self.whitespace_ = " " if space else ""
        self.is_space = text.isspace()
        self.idx = idx


def _tokens(text: str) -> list[_Tok]:
    """``_pieces`` of ``text`` as ``_Tok``s (the same tokens, built in one pass)."""
    out: list[_Tok] = []
    pos = 0
    for s, e, w in _words(text):
        if s > pos:
            _gap_tokens(text, pos, s, out)
        out.append(_Tok(w, False, s))
        pos = e
    if pos < len(text):
        _gap_tokens(text, pos, len(text), out)
    return out


_GAP = re.compile(r"\s+|\S+")


def _gap_tokens(text: str, a: int, b: int, out: list[_Tok]) -> None:
    """``_pieces``'s ``gap`` for text[a:b]: one space after a word is its trailing space, the rest
    whitespace and stray-character tokens."""
    if text[a] == " " and out and not out[-1].whitespace_ and not out[-1].is_space:
        out[-1].whitespace_ = " "
        a += 1
    for m in _GAP.finditer(text, a, b):
        out.append(_Tok(m.group(), False, m.start()))


def spacy_doc(text: str) -> Doc:
    """A spaCy ``Doc`` of the underthesea words whose ``text`` is exactly ``text`` (so ``token.idx``
    are offsets into it): whitespace other than one space after a word becomes its own token, as
    spaCy does. ``token.norm_`` is the lower-case, one-tone-placement form."""
    from spacy.tokens import Doc

    toks, spaces = _pieces(text)
    doc = Doc(_nlp().vocab, words=toks, spaces=spaces)
    for t in doc:
        t.norm_ = _norm(t.text)
    if doc.text != text:  # pragma: no cover - a bug guard: offsets would be wrong
        raise AssertionError("spacy_doc did not reproduce its input")
    return doc


# ---------------------------------------------------------------------------------------------
# Organisations

# Head nouns of organisations and public buildings. Heads in _SELF_STANDING name a body alone
# ("Thành Đoàn", "UBND"); the others need a name after them ("Sở" + "Nội vụ").
_HEADS = [
    "ủy ban nhân dân", "ubnd", "hội đồng nhân dân", "hđnd", "ủy ban mặt trận tổ quốc", "ủy ban mttq",
    "mặt trận tổ quốc", "sở", "ban", "phòng", "trung tâm", "đoàn", "thành đoàn", "tỉnh đoàn",
    "quận đoàn", "huyện đoàn", "thị đoàn", "đoàn thanh niên", "hội", "liên đội", "chi đoàn",
    "đoàn trường", "chi bộ", "đảng bộ", "đảng ủy", "tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy",
    "trường", "nhà văn hóa", "nhà thiếu nhi", "cung thiếu nhi", "cung văn hóa", "bộ", "cục", "chi cục",
    "tổng cục", "vụ", "viện", "học viện", "công ty", "tổng công ty", "ngân hàng", "bệnh viện",
    "văn phòng", "ban thường vụ", "ban chấp hành", "bch", "btv", "liên đoàn", "câu lạc bộ", "clb",
    "hội liên hiệp", "công an", "bộ chỉ huy", "ban chỉ huy", "đài", "báo", "nhà xuất bản", "tập đoàn",
    "hợp tác xã", "đại học", "đài phát thanh", "đài truyền hình",
]
_SELF_STANDING = {"ủy ban nhân dân", "ubnd", "hội đồng nhân dân", "hđnd", "thành đoàn", "tỉnh đoàn",
                  "quận đoàn", "huyện đoàn", "thị đoàn", "tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy",
                  "ban thường vụ", "ban chấp hành", "bch", "btv", "ủy ban mặt trận tổ quốc", "ủy ban mttq"}
_ADMIN_WORDS = {"tỉnh", "thành phố", "tp", "tp.", "quận", "huyện", "thị xã", "xã", "phường", "thị trấn",
                "tx", "tx.", "q.", "p."}
# Lower-case words that end a name: an org name's lower-case descriptors ("Nhà văn hóa thanh
# thiếu nhi tỉnh ...") never contain these.
_FUNCTION = {"tại", "của", "về", "cho", "với", "để", "trong", "theo", "đã", "sẽ", "được", "là", "có",
             "các", "những", "này", "đó", "và", "hoặc", "từ", "đến", "trên", "dưới", "năm", "ngày",
             "tháng", "khi", "nếu", "thì", "mà", "ở", "do", "bị", "phải", "cần", "cùng", "nhằm", "gồm",
             "tổ chức", "thực hiện", "phối hợp", "chủ trì", "tham mưu", "triển khai", "ban hành", "gửi",
             "báo cáo", "xây dựng", "chỉ đạo", "hướng dẫn", "kiểm tra", "đề nghị", "giao", "tham gia",
             "làm", "phân công", "đồng chí", "ban", "hành"}
_MAX_LOWER_RUN = 4  # syllables of lower-case descriptor allowed before a name resumes


def _segmentations(syllables: list[str]) -> list[list[str]]:
    """Every way to group syllables into consecutive words (underthesea may cut a head anyhow)."""
    out = []
    for cuts in itertools.product([False, True], repeat=len(syllables) - 1):
        groups, cur = [], [syllables[0]]
        for syl, cut in zip(syllables[1:], cuts, strict=True):
            if cut:
                groups.append(" ".join(cur))
                cur = [syl]
            else:
                cur.append(syl)
        groups.append(" ".join(cur))
        out.append(groups)
    return out


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher:
    """A PhraseMatcher on NORM (hash lookups: far faster than a token-pattern Matcher here)."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    vocab = _nlp().vocab
    m = PhraseMatcher(vocab, attr="NORM")
    for head in _HEADS:
        key = _norm(head)
        patterns = []
        for seg in _segmentations(key.split()):
            d = Doc(vocab, words=seg)
            for t in d:
                t.norm_ = t.text
            patterns.append(d)
        m.add(key, patterns)
    return m


def _capitalised(tok) -> bool:
    c = tok.text[:1]
    return c.isupper() or c.isdigit()


def _syllables(tok) -> int:
    return len(tok.text.split())


def _extend(doc: Doc, end: int) -> int:
    """The end (token index) of the name after a head noun ending at ``end``: capitalised words,
    "và"/"-" between capitalised words, admin words ("tỉnh", "quận" ...) and a short lower-case
    descriptor run when an admin word follows it ("Nhà văn hóa thanh thiếu nhi tỉnh ...")."""
    n, i, last = len(doc), end, end
    while i < n:
        t = doc[i]
        if t.is_space or "\n" in doc[i - 1].whitespace_:
            break
        if _capitalised(t):
            i += 1
            last = i
        elif t.norm_ in _ADMIN_WORDS:
            i += 1
            last = i  # "UBND tỉnh" names the body even without the province after it
            if i < n and not _capitalised(doc[i]):
                break
        elif t.text in ("-", "–", "&") and i + 1 < n and _capitalised(doc[i + 1]):
            i += 1
        elif t.text == "," and _enumerated_name(doc, i):
            i += 1
        elif t.norm_ == "và" and i + 1 < n and _capitalised(doc[i + 1]) and doc[i + 1].norm_ not in _HEAD_WORDS:
            i += 1
        elif t.text.replace(" ", "").isalpha():
            run, j = 0, i
            while j < n and not _capitalised(doc[j]) and doc[j].norm_ not in _ADMIN_WORDS:
                if doc[j].norm_ in _FUNCTION or not doc[j].text.replace(" ", "").isalpha():
                    break
                run += _syllables(doc[j])
                j += 1
            if run == 0 or run > _MAX_LOWER_RUN or j >= n or doc[j].norm_ not in _ADMIN_WORDS:
                break
            i = j
        else:
            break
    return last


def _enumerated_name(doc: Doc, i: int) -> bool:
    """A comma inside a name that lists fields and ends in "và": "Sở Văn hóa, Thể thao và Du lịch"
    (but not "Sở Nội vụ, Sở Tài chính": a head noun after the comma starts another body)."""
    j, n = i, len(doc)
    while j < n and doc[j].text == "," and j + 1 < n:
        nxt = doc[j + 1]
        if not _capitalised(nxt) or _is_head_token(nxt):
            return False
        j += 2
    return (j + 1 < n and doc[j].norm_ == "và" and _capitalised(doc[j + 1])
            and not _is_head_token(doc[j + 1]))


def _is_head_token(tok) -> bool:
    return tok.norm_ in _HEAD_WORDS or _head_prefix(tok.norm_) is not None


def _head_prefix(norm: str) -> str | None:
    """The head noun a word starts with when the segmenter glued it to the name ("Phòng Giáo dục
    và Đào tạo" is one underthesea word)."""
    sylls = norm.split(" ")
    for k in range(min(len(sylls) - 1, _HEAD_MAX_SYLL), 0, -1):
        head = " ".join(sylls[:k])
        if head in _HEAD_NORMS:
            return head
    return None


def _trimmed_end(tok) -> int:
    """Character end of a name's last word; a word the segmenter glued onto a verb ("Đoàn ban
    hành") is cut back to its capitalised syllables."""
    sylls = tok.text.split(" ")
    k = len(sylls)
    while k > 1 and not (sylls[k - 1][:1].isupper() or sylls[k - 1][:1].isdigit()):
        k -= 1
    if k < len(sylls) and (_norm(" ".join(sylls[k:])) in _FUNCTION or _norm(sylls[k]) in _FUNCTION):
        return tok.idx + len(" ".join(sylls[:k]))
    return tok.idx + len(tok.text)


_HEAD_NORMS = {_norm(h) for h in _HEADS}
_HEAD_FIRST_NORMS = {h.split()[0] for h in _HEAD_NORMS}
_HEAD_MAX_LEN = max(len(h) for h in _HEAD_NORMS)


def _syllable_pattern(syl: str) -> str:
    """A head syllable in either tone placement ("ủy" / "uỷ")."""
    old = {v: k for k, v in _OLD_TO_NEW.items()}
    alts = {syl} | {syl.replace(new, o) for new, o in old.items() if new in syl}
    return "(?:" + "|".join(map(re.escape, sorted(alts, key=len, reverse=True))) + ")"


# Where a name can start: a whole head noun (its syllables apart by any spaces, either tone
# placement), at a capital letter.
_HEAD_START = re.compile("(?=(?:" + "|".join(
    r"\s+".join(_syllable_pattern(x) for x in h.split()) for h in sorted(_HEAD_NORMS, key=len, reverse=True))
    + "))")




@cache
def _head_at(head: str) -> re.Pattern[str]:
    """The head noun's own pattern, compiled when a line first starts with its first syllable (a
    plan meets a few of the 65 heads: compiling them all cost every process ≈ 10 ms)."""
    return re.compile(r"\s+".join(_syllable_pattern(x) for x in head.split()) + r"(?!\w)")


_HEADS_BY_FIRST: dict[str, list[str]] = {}
for _h in sorted(_HEAD_NORMS, key=len, reverse=True):
    for _f in _syllable_pattern(_h.split()[0])[3:-1].split("|"):
        _HEADS_BY_FIRST.setdefault(_f, []).append(_h)


def _may_hold_org(line: str) -> bool:
    """False only for a line where no organisation name can be found, whatever the segmenter does:
    a name starts at a capitalised head noun (``_org_spans`` keeps no other), and a head that does
    not name a body alone must be followed, in the same line, by something ``_extend`` can take
    (a capital or digit, an admin word, "-", "&", ",", "và", or lower-case words). A superset test:
    skipping the other lines changes nothing, and spares their word segmentation."""
    low = line.lower()
    if len(low) != len(line):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in line)
    for m in _HEAD_START.finditer(low):
        pos = m.start()
        if not line[pos].isupper():
            continue
        first = re.match(r"\w+", low[pos:])
        for head in _HEADS_BY_FIRST.get(first.group(0) if first else "", ()):
            hm = _head_at(head).match(low, pos)
            if hm is None:
                continue
            if head in _SELF_STANDING:
                return True
            if _extendable(line, low, hm.end()):
                return True
    return False


_ADMIN_SYLLABLES = {"tỉnh", "thành", "tp", "quận", "huyện", "thị", "xã", "phường", "tx", "q", "p"}


def _extendable(line: str, low: str, end: int) -> bool:
    """Whether ``_extend`` could take anything after a head ending at ``end``: the next word is
    capitalised or a digit, an admin word, "-", "–", "&", ",", "và", or a lower-case run followed
    within four syllables by an admin word. Errs towards True."""
    if end < len(low) and (low[end].isalnum() or low[end] == "_"):
        return True  # the head runs into more letters: leave it to the segmenter
    sylls = low[end:].split()[:6]
    if not sylls:
        return False
    first = line[end:].split()[0]
    if first[0].isupper() or first[0].isdigit() or first[0] in "-–&,":
        return True
    if not first[0].isalpha():
        return False  # "(", "“", ":" ... end the name
    if sylls[0] == "và":
        return True
    return any(re.split(r"[^\w]", x)[0] in _ADMIN_SYLLABLES for x in sylls)
_HEAD_WORDS = _HEAD_NORMS | {h.split()[0] for h in _HEAD_NORMS}
_HEAD_MAX_SYLL = max(len(h.split()) for h in _HEAD_NORMS)


def _head_matches(doc) -> list[tuple[str, int, int]]:
    """What the PhraseMatcher finds, for a spaCy Doc or a list of ``_Tok``: (head, start, end) for
    every token run whose norms, joined by a space, are a head noun."""
    if not isinstance(doc, list):
        return [(doc.vocab.strings[m], s, e) for m, s, e in _matcher()(doc)]
    out = []
    n = len(doc)
    for s in range(n):
        if doc[s].norm_.split(" ")[0] not in _HEAD_FIRST_NORMS:
            continue
        joined = ""
        for e in range(s + 1, n + 1):
            joined = doc[e - 1].norm_ if e == s + 1 else joined + " " + doc[e - 1].norm_
            if len(joined) > _HEAD_MAX_LEN:
                break
            if joined in _HEAD_NORMS:
                out.append((joined, s, e))
    return out


def _org_spans(doc) -> list[tuple[int, int]]:
    """Organisation spans (token start, end) of a spaCy Doc or of a list of ``_Tok``."""
    matches = _head_matches(doc)
    for i, tok in enumerate(doc):  # heads glued to their name inside one word
        head = _head_prefix(tok.norm_) if " " in tok.text and _capitalised(tok) else None
        rest = tok.text.split(" ")[len(head.split()):] if head else []
        # "Phòng Giáo dục và Đào tạo" yes; "BÁO CÁO", "Ban hành" no
        if rest and rest[0][:1].isupper() and (len(rest) >= 2 or len(head.split()) >= 2) and not tok.text.isupper():
            matches.append((head + "+", i, i + 1))
    matches.sort(key=lambda m: (m[1], -(m[2] - m[1])))
    out: list[tuple[int, int]] = []
    for head, s, e in matches:
        if out and s < out[-1][1]:
            continue  # inside the previous organisation's name
        if not _capitalised(doc[s]):
            continue
        end = _extend(doc, e)
        if end == e and head not in _SELF_STANDING and not head.endswith("+"):
            continue
        if end == e and head in _SELF_STANDING and not doc[s].text[:1].isupper():
            continue
        out.append((s, end))
    return out


def org_spans(text: str, ner_budget: int = 0, nested: bool = False,
              places: bool = True) -> list[tuple[int, int, str, str]]:
    """Organisations ("ORG") and places ("LOC") in ``text``: (start, end, text, label), by start.

    ORG: a head noun and its name. LOC: gazetteer units; one inside an organisation's name ("tỉnh
    Gia Lai" in "Ủy ban nhân dân tỉnh Gia Lai") is left out unless ``nested``. ``ner_budget`` > 0
    runs underthesea's NER on up to that many characters of lines that still hold capitalised
    words no rule explained, adding its ORG/LOC spans where they overlap nothing. ``places=False``
    gives the organisations alone (the same spans: places never change them) without scanning the
    gazetteer, for a caller that finds places over other text (a fifth of extraction time)."""
    spans: list[tuple[int, int, str, str]] = []
    # Lines are segmented and matched one by one (a name never crosses a line or a tab, and
    # underthesea is run per line anyway), and only the lines that can hold a name: one with a
    # capitalised head-noun syllable. In plans that is about a third of the lines, and segmentation
    # is most of the cost.
    for seg in _SEGMENT.finditer(text):
        line = seg.group(0)
        if not _may_hold_org(line):
            continue
        doc = _tokens(line)
        off = seg.start()
        for s, e in _org_spans(doc):
            a, b = off + doc[s].idx, off + _trimmed_end(doc[e - 1])
            spans.append((a, b, text[a:b], "ORG"))
    orgs = list(spans)
    if not places and ner_budget <= 0:
        return sorted(orgs)
    for u in find_admin_units(text):
        if nested or not any(a <= u.start and u.end <= b for a, b, *_ in orgs):
            spans.append((u.start, u.end, u.text, "LOC"))
    if ner_budget > 0:
        spans += _ner_spans(text, spans, ner_budget)
    return sorted(spans) if places else sorted(s for s in spans if s[3] == "ORG")


def _ner_spans(text: str, known: list[tuple[int, int, str, str]], budget: int) -> list[tuple[int, int, str, str]]:
    from underthesea import ner

    out: list[tuple[int, int, str, str]] = []
    used = 0
    for seg in _SEGMENT.finditer(text):
        line = seg.group(0)
        if used + len(line) > budget:
            break
        caps = [m for m in re.finditer(r"\b[A-ZĐÀ-Ỹ]\w*", line)
                if not any(a <= seg.start() + m.start() < b for a, b, *_ in known)]
        if not caps:
            continue
        used += len(line)
        pos, cur = seg.start(), None
        for w, _pos, _chunk, tag in ner(line):
            span = _locate(text, w, pos, seg.end())
            if span is None:
                continue
            pos = span[1]
            label = tag[2:] if tag[:2] in ("B-", "I-") else None
            if label in ("ORG", "LOC") and tag.startswith("I-") and cur and cur[2] == label:
                cur[1] = span[1]
                continue
            if cur:
                out.append(cur)
                cur = None
            if label in ("ORG", "LOC") and tag.startswith("B-"):
                cur = [span[0], span[1], label]
        if cur:
            out.append(cur)
    return [(a, b, text[a:b], lab) for a, b, lab in out
            if _name_like(text[a:b]) and not any(a < kb and ka < b for ka, kb, *_ in known)]


def _name_like(s: str) -> bool:
    """NER output worth keeping: two or more capitalised syllables, not an upper-case heading."""
    sylls = re.findall(r"\w+", s)
    return len(sylls) >= 2 and all(x[0].isupper() for x in sylls) and not s.isupper()

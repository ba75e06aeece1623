"""``qawl extract`` run as a user runs it: the installed entry point in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_SCRIPT = Path(sys.executable).parent / "qawl"
QAWL = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "api.cli"]

QUOTE_FIELDS = {"doc", "segment", "kind", "text", "start", "end", "cue", "speaker", "source", "confidence"}
CUE_FIELDS = {"text", "start", "end"}
SPEAKER_FIELDS = {"name", "mention", "type", "start", "end", "id"}

ARTICLE = (
    "وزير الخارجية: المفاوضات ستستمر\n"
    "تاريخ النشر: 12th, November 2023 GMT\n"
    "قال وزير الخارجية رامي داود للصحفيين إن المفاوضات مع الجانب الآخر ستستمر حتى التوصل إلى اتفاق.\n"
    "وأضاف: «لن نتراجع عن مطالبنا المشروعة».\n"
    "وأكدت وزارة الصحة أن المستشفيات تعمل بكامل طاقتها.\n"
    "المصدر: وكالة الأنباء\n"
    "إقرأ أيضاً:\n"
    "رئيس الوزراء يزور العاصمة\n"
    "قالت المتحدثة باسم الحكومة ليلى حسن إن الزيارة تهدف إلى تعزيز التعاون.\n"
)
SECOND = "الحكومة تعلن خطة جديدة\nأعلن رئيس الوزراء سامي خليل أن الخطة ستطبق الشهر المقبل.\n"


def qawl(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [*QAWL, *args], input=stdin, capture_output=True, cwd=cwd or REPO, env=env, timeout=120
    )


def jsonl(out: bytes) -> list[dict]:
    return [json.loads(line) for line in out.decode("utf-8").splitlines() if line.strip()]


def stderr_lines(proc: subprocess.CompletedProcess[bytes]) -> list[str]:
    return proc.stderr.decode("utf-8").splitlines()


def assert_slices(text: str, quote: dict) -> None:
    assert text[quote["start"] : quote["end"]] == quote["text"]
    cue = quote["cue"]
    assert text[cue["start"] : cue["end"]] == cue["text"]
    sp = quote["speaker"]
    if sp["start"] is not None:
        assert text[sp["start"] : sp["end"]] == sp["mention"]
    else:
        assert sp["end"] is None


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# -- jsonl --------------------------------------------------------------------------------


def test_jsonl_has_exactly_the_contract_fields(article: Path) -> None:
    proc = qawl("extract", str(article))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    quotes = jsonl(proc.stdout)
    assert len(quotes) >= 4
    for q in quotes:
        assert set(q) == QUOTE_FIELDS
        assert set(q["cue"]) == CUE_FIELDS
        assert set(q["speaker"]) == SPEAKER_FIELDS
        assert q["doc"] == "article.txt"
        assert q["segment"] in ("main", "related")
        assert q["kind"] in ("direct", "indirect", "mixed", "headline")
        assert q["speaker"]["type"] in ("person", "organization", "unknown")
        assert q["source"] is None or isinstance(q["source"], str)
        assert isinstance(q["confidence"], float) and 0 <= q["confidence"] <= 1
        assert_slices(ARTICLE, q)


def test_jsonl_quotes_of_the_article(article: Path) -> None:
    quotes = jsonl(qawl("extract", str(article)).stdout)
    by_text = {q["text"]: q for q in quotes}
    said = by_text["المفاوضات مع الجانب الآخر ستستمر حتى التوصل إلى اتفاق"]
    assert (said["kind"], said["segment"], said["cue"]["text"]) == ("indirect", "main", "قال")
    assert said["speaker"]["name"] == "رامي داود"
    added = by_text["لن نتراجع عن مطالبنا المشروعة"]
    assert added["kind"] == "direct"
    assert added["speaker"]["name"] == "رامي داود"  # وأضاف: continues the last speaker
    assert added["speaker"]["start"] is None  # ... who is implicit here
    ministry = by_text["المستشفيات تعمل بكامل طاقتها"]
    assert ministry["speaker"]["type"] == "organization"
    related = by_text["الزيارة تهدف إلى تعزيز التعاون"]
    assert related["segment"] == "related"
    assert [q["start"] for q in quotes] == sorted(q["start"] for q in quotes)


def test_offsets_count_from_after_a_bom_and_keep_crlf(tmp_path: Path) -> None:
    text = ARTICLE.replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    proc = qawl("extract", str(path))
    assert proc.returncode == 0, proc.stderr
    quotes = jsonl(proc.stdout)
    assert len(quotes) >= 4
    for q in quotes:
        assert_slices(text, q)  # the decoded text, BOM removed, \r\n left as it is
        assert "\r" not in q["text"]
    # the same quotes as with LF endings, each shifted by the \r characters before it
    lf = tmp_path / "lf.txt"
    lf.write_text(ARTICLE, encoding="utf-8")
    lf_quotes = jsonl(qawl("extract", str(lf)).stdout)
    assert [q["text"] for q in lf_quotes] == [q["text"] for q in quotes]
    for a, b in zip(lf_quotes, quotes):
        assert b["start"] - a["start"] == ARTICLE[: a["start"]].count("\n")


def test_stdin_is_read_with_dash(article: Path) -> None:
    proc = qawl("extract", "-", stdin=article.read_bytes())
    assert proc.returncode == 0, proc.stderr
    from_stdin = jsonl(proc.stdout)
    from_file = jsonl(qawl("extract", str(article)).stdout)
    assert from_stdin and {q["doc"] for q in from_stdin} == {"stdin"}
    assert [{**q, "doc": None} for q in from_stdin] == [{**q, "doc": None} for q in from_file]


def test_several_files_each_keep_their_doc_name(tmp_path: Path, article: Path) -> None:
    second = tmp_path / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    proc = qawl("extract", str(article), str(second))
    assert proc.returncode == 0, proc.stderr
    quotes = jsonl(proc.stdout)
    docs = [q["doc"] for q in quotes]
    assert set(docs) == {"article.txt", "second.txt"}
    assert docs == sorted(docs)  # file by file, in the order given
    for q in quotes:
        assert_slices(ARTICLE if q["doc"] == "article.txt" else SECOND, q)


# -- json and text --------------------------------------------------------------------------


def test_json_adds_the_article_record(article: Path) -> None:
    proc = qawl("extract", "--format", "json", str(article))
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stdout.decode("utf-8").splitlines()
    record = json.loads(line)
    assert set(record) == {"article", "quotes"}
    art = record["article"]
    assert {"headline", "published", "credit", "segments"} <= set(art)
    assert art["doc"] == "article.txt"
    assert art["headline"] == "وزير الخارجية: المفاوضات ستستمر"
    assert art["published"] == "2023-11-12"
    assert art["credit"] == "المصدر: وكالة الأنباء"
    segments = art["segments"]
    assert [s["kind"] for s in segments] == ["main", "related"]
    assert segments[0]["start"] == 0 and segments[-1]["end"] == len(ARTICLE)
    assert segments[0]["end"] == segments[1]["start"] == ARTICLE.index("إقرأ أيضاً")
    assert record["quotes"] == jsonl(qawl("extract", str(article)).stdout)
    for q in record["quotes"]:
        assert set(q) == QUOTE_FIELDS
        seg = next(s for s in segments if s["start"] <= q["start"] < s["end"])
        assert seg["kind"] == q["segment"]


def test_json_prints_one_record_per_file(tmp_path: Path, article: Path) -> None:
    second = tmp_path / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    proc = qawl("extract", "--format", "json", str(article), str(second))
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["article"]["doc"] for r in records] == ["article.txt", "second.txt"]
    assert records[1]["article"]["published"] is None


def test_text_format_is_a_readable_table(article: Path) -> None:
    proc = qawl("extract", "--format", "text", str(article))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    lines = out.splitlines()
    assert "article.txt" in lines[0] and "2023-11-12" in lines[0]
    assert "رامي داود" in out
    assert "لن نتراجع عن مطالبنا المشروعة" in out
    assert not out.lstrip().startswith(("{", "["))
    n_quotes = len(jsonl(qawl("extract", str(article)).stdout))
    assert len([line for line in lines[1:] if line.strip()]) == n_quotes


# -- bad input -----------------------------------------------------------------------------

BAD_INPUTS = {
    "empty": b"",
    "blank": b"  \n\r\n\t",
    "binary": bytes(range(256)) * 4,
    "windows-1256": "قال الوزير إن الخطة جاهزة وأكدت الحكومة ذلك.".encode("cp1256"),
    "english": b"The minister said the plan was ready.\nHe added: \"We start tomorrow.\"\n",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
}


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_input_is_one_line_naming_the_file_and_exit_2(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}-input.txt"
    path.write_bytes(BAD_INPUTS[kind])
    proc = qawl("extract", str(path))
    assert proc.returncode == 2
    assert proc.stdout == b""
    lines = stderr_lines(proc)
    assert len(lines) == 1, lines
    assert f"{kind}-input.txt" in lines[0]
    assert "Traceback" not in proc.stderr.decode("utf-8")


@pytest.mark.parametrize("kind", ["empty", "binary", "windows-1256", "english"])
def test_bad_stdin_is_reported_too(kind: str) -> None:
    proc = qawl("extract", "-", stdin=BAD_INPUTS[kind])
    assert proc.returncode == 2
    (line,) = stderr_lines(proc)
    assert "stdin" in line or line.startswith("qawl extract: -")


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    proc = qawl("extract", str(tmp_path / "nowhere.txt"))
    assert proc.returncode == 2
    (line,) = stderr_lines(proc)
    assert "nowhere.txt" in line


def test_directory_is_one_line_and_exit_2(tmp_path: Path) -> None:
    proc = qawl("extract", str(tmp_path))
    assert proc.returncode == 2
    (line,) = stderr_lines(proc)
    assert tmp_path.name in line


def test_some_bad_files_are_skipped_and_the_rest_extracted(tmp_path: Path, article: Path) -> None:
    paths = []
    for kind in ("empty", "binary", "windows-1256", "english"):
        path = tmp_path / f"{kind}.txt"
        path.write_bytes(BAD_INPUTS[kind])
        paths.append(str(path))
    proc = qawl("extract", paths[0], str(article), *paths[1:], str(tmp_path / "missing.txt"))
    assert proc.returncode == 1
    lines = stderr_lines(proc)
    assert len(lines) == 5
    for name, line in zip(["empty.txt", "binary.txt", "windows-1256.txt", "english.txt", "missing.txt"], lines):
        assert name in line
    assert "Traceback" not in proc.stderr.decode("utf-8")
    quotes = jsonl(proc.stdout)
    assert quotes and {q["doc"] for q in quotes} == {"article.txt"}
    assert quotes == jsonl(qawl("extract", str(article)).stdout)


def test_all_files_bad_exits_2(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"")
    b.write_bytes(BAD_INPUTS["english"])
    proc = qawl("extract", str(a), str(b))
    assert proc.returncode == 2
    assert len(stderr_lines(proc)) == 2
    assert proc.stdout == b""


def test_an_article_without_quotes_is_read_and_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "calm.txt"
    path.write_text("طقس معتدل اليوم\nتشهد البلاد طقسا معتدلا مع أمطار خفيفة في الشمال.\n", encoding="utf-8")
    proc = qawl("extract", str(path))
    assert proc.returncode == 0
    assert proc.stdout == b"" and proc.stderr == b""


# -- usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("extract",),  # no files
        ("extract", "--format", "xml", "ARTICLE"),  # unknown format
        ("extract", "--bogus", "ARTICLE"),
    ],
    ids=["no files", "unknown format", "unknown option"],
)
def test_usage_errors_exit_2_without_traceback(article: Path, args: tuple[str, ...]) -> None:
    proc = qawl(*(str(article) if a == "ARTICLE" else a for a in args))
    assert proc.returncode == 2
    assert proc.stdout == b""
    err = proc.stderr.decode("utf-8")
    assert err.strip() and "Traceback" not in err


# -- speakers as the contract defines them ------------------------------------------------


def test_a_files_quotes_do_not_depend_on_the_files_before_it(tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("عنوان أول\nقالت الوزيرة منى نصار إن الزيارة مهمة.\n", encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    alone = jsonl(qawl("extract", str(second)).stdout)
    together = [q for q in jsonl(qawl("extract", str(first), str(second)).stdout) if q["doc"] == "second.txt"]
    assert alone and together == alone


def test_a_similar_name_in_an_earlier_file_is_not_taken_over(tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("عنوان أول\nقالت الوزيرة سلمى حسن إن الزيارة مهمة.\n", encoding="utf-8")
    second.write_text("عنوان ثان\nقال الوزير سامي الحسن إن الخطة جاهزة.\n", encoding="utf-8")
    quotes = jsonl(qawl("extract", str(first), str(second)).stdout)
    assert [(q["doc"], q["speaker"]["name"]) for q in quotes] == [
        ("first.txt", "سلمى حسن"),
        ("second.txt", "سامي الحسن"),
    ]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("قالت ليلى حسن إن الزيارة مهمة.", "ليلى حسن"),
        ("قالت الوزيرة ليلى حسن إن الزيارة مهمة.", "ليلى حسن"),
        ("قال علي حسن إن الخطة جاهزة.", "علي حسن"),
        ("قالت الوزيرة منى نصار إن الزيارة مهمة.", "منى نصار"),
        ("قال رئيس الوزراء سامي خليل إن الخطة جاهزة.", "سامي خليل"),
    ],
)
def test_speaker_name_is_the_full_name_the_article_gives(sentence: str, name: str) -> None:
    quotes = jsonl(qawl("extract", "-", stdin=f"عنوان الخبر\n{sentence}\n".encode()).stdout)
    assert [q["speaker"]["name"] for q in quotes] == [name]

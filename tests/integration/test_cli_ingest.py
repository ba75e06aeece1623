"""``qawl ingest``: files, folders with metadata.json, JSON Lines, stdin; bad input skipped."""

from __future__ import annotations

import io
import json
import sys

import pytest

from api.cli import main
from api.store import QuoteFilter, open_store

ARTICLE = (
    "لافروف في بيشكيك\n"
    "قال وزير الخارجية الروسي سيرغي لافروف، خلال مؤتمر صحفي في بيشكيك يوم الخميس، إن"
    " «الغرب يحاول إبعاد دول آسيا الوسطى عن روسيا».\n"
)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in" / "articles"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text("لافروف\nوقال وزير الخارجية الروسي سيرغي لافروف: «لن نقبل بالإملاءات».\n", encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "in" / "metadata.json").write_text(json.dumps({
        "a.txt": {"outlet": "SANA", "published_at": "2023-10-12", "url": "https://sana.example/a",
                  "credits": None},
        "b.txt": {"outlet": "Youm7", "published_at": "13/10/2023"},
    }), encoding="utf-8")
    lines = tmp_path / "more.jsonl"
    lines.write_text("\n".join([
        json.dumps({"text": ARTICLE, "outlet": "Youm7", "published_at": "2023-10-14"}, ensure_ascii=False),
        '{"text": "x", "colour": "red"}',
    ]) + "\n", encoding="utf-8")
    return tmp_path


def test_ingest_reports_progress_skips_bad_input_and_summarises(corpus, capsys):
    db = corpus / "q.db"
    code = main(["ingest", "--db", f"sqlite:///{db}", str(corpus / "in"), str(corpus / "more.jsonl"),
                 str(corpus / "missing.txt")])
    out, err = capsys.readouterr()
    assert code == 1  # something was skipped
    assert out.startswith("articles: 2 new, 0 seen; quotes: 2;") and out.strip().endswith("errors: 5")
    for needle in ["empty.txt: empty file", "latin1.txt: not UTF-8", "b.txt: metadata: published_at",
                   "more.jsonl:2: invalid article: Object contains unknown field `colour`",
                   "missing.txt: no such file or folder"]:
        assert needle in err, needle
    store = open_store(str(db))
    try:
        quotes = store.list_quotes(QuoteFilter(), limit=10, cursor=None).items
        assert {(q.article.outlet, q.article.published_at, q.article.url) for q in quotes} == {
            ("SANA", "2023-10-12", "https://sana.example/a"), ("Youm7", "2023-10-14", None)}
        assert {q.speaker.id for q in quotes} == {"lavrov"}
    finally:
        store.close()
    # again: everything already stored is "seen", nothing is duplicated
    assert main(["ingest", "-q", "--db", str(db), str(corpus / "in" / "articles" / "a.txt")]) == 0
    assert capsys.readouterr().out.startswith("articles: 0 new, 1 seen;")


def test_ingest_stdin_text_and_json_lines(tmp_path, monkeypatch, capsys):
    db = tmp_path / "q.db"
    monkeypatch.setattr(sys, "stdin", io.StringIO(ARTICLE))
    assert main(["ingest", "--db", str(db), "-"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"text": ARTICLE, "outlet": "X"}) + "\n"))
    assert main(["ingest", "--db", str(db), "-"]) == 0
    outs = capsys.readouterr().out.splitlines()
    assert [o.split("; new speakers")[0] for o in outs] == ["articles: 1 new, 0 seen; quotes: 1"] * 2
    assert all(o.endswith("errors: 0") for o in outs)


def test_db_from_environment_and_bad_db_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("QAWL_DATABASE_URL", str(tmp_path / "env.db"))
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", "-q", str(tmp_path / "a.txt")]) == 0
    assert (tmp_path / "env.db").exists()
    assert main(["ingest", "--db", str(tmp_path / "no" / "such" / "dir.db"), str(tmp_path / "a.txt")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["ingest", "--db", "postgresql://u@h/db", str(tmp_path / "a.txt")]) == 2
    assert "PostgreSQL" in capsys.readouterr().err
    (tmp_path / "junk.db").write_bytes(b"this is not a database at all" * 100)
    assert main(["ingest", "--db", str(tmp_path / "junk.db"), str(tmp_path / "a.txt")]) == 2

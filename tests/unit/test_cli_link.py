"""``qawl link``: names in, one JSON object a line out, in input order."""

from __future__ import annotations

import io
import json
import sys

import pytest

from api.cli import main


def run_link(capsys, tmp_path, text: str, *args: str) -> tuple[int, list[dict], str]:
    path = tmp_path / "names.txt"
    path.write_text(text, encoding="utf-8")
    code = main(["link", *args, str(path)])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_links_in_input_order_and_skips_empty_lines(capsys, tmp_path):
    code, rows, _ = run_link(capsys, tmp_path, "سيرجي لافروف\n\n  \nLavrov\nبيسكوڤ\n")
    assert code == 0
    assert [r["mention"] for r in rows] == ["سيرجي لافروف", "Lavrov", "بيسكوڤ"]
    assert [r["speaker_id"] for r in rows] == ["lavrov", "lavrov", "peskov"]
    assert set(rows[0]) == {"mention", "speaker_id", "name", "score", "method"}
    assert rows[0]["name"] == "سيرغي لافروف"
    assert [r["method"] for r in rows] == ["exact", "exact", "fuzzy"]


def test_whole_input_is_linked_together(capsys, tmp_path):
    _, rows, _ = run_link(capsys, tmp_path, "ألكسندر دوغين\nالكسندر دوجين\n")
    assert rows[0]["speaker_id"] == rows[1]["speaker_id"]
    assert [r["method"] for r in rows] == ["new", "fuzzy"]


@pytest.mark.parametrize(("day", "speaker"), [("2018-06-01", "nazarbayev"), ("2023-06-01", "tokayev")])
def test_date_resolves_titles(capsys, tmp_path, day, speaker):
    _, rows, _ = run_link(capsys, tmp_path, "رئيس كازاخستان\n", "--date", day)
    assert (rows[0]["speaker_id"], rows[0]["method"]) == (speaker, "role")


@pytest.mark.parametrize("day", ["2018-13-01", "yesterday", ""])
def test_bad_date_exits_2_with_a_message(capsys, tmp_path, day):
    code, rows, err = run_link(capsys, tmp_path, "لافروف\n", "--date", day)
    assert (code, rows) == (2, [])
    assert err.startswith("qawl link: --date")


def test_missing_file_exits_2(capsys, tmp_path):
    assert main(["link", str(tmp_path / "absent.txt")]) == 2
    assert "absent.txt" in capsys.readouterr().err


def test_non_utf8_input_exits_2(capsys, tmp_path):
    path = tmp_path / "names.txt"
    path.write_bytes("لافروف".encode("cp1256"))
    assert main(["link", str(path)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_reads_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\ufeffزيلنسكي\n".encode())))
    assert main(["link", "-"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["speaker_id"] == "zelensky"

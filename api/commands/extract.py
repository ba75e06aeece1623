"""``qawl extract FILE... [--format jsonl|json|text]``: attributed quotes from articles."""

from __future__ import annotations

import sys
from pathlib import Path

import msgspec

from extractors.pipeline import Pipeline
from extractors.types import Extraction

_ENCODER = msgspec.json.Encoder()
MIN_ARABIC_SHARE = 0.2


class UnreadableArticle(Exception):
    """An input that is not a UTF-8 Arabic article."""


def register(subparsers) -> None:
    parser = subparsers.add_parser("extract", help="extract attributed quotes from article text files")
    parser.add_argument("files", nargs="+", metavar="FILE", help="article text files (UTF-8); - reads stdin")
    parser.add_argument("--format", choices=("jsonl", "json", "text"), default="jsonl")
    parser.set_defaults(func=run)


def read_article(data: bytes, name: str) -> str:
    """Decode an article, or say in one line why it cannot be one."""
    if not data.strip():
        raise UnreadableArticle(f"{name}: empty input")
    if b"\x00" in data:
        raise UnreadableArticle(f"{name}: binary data, not a text article")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise UnreadableArticle(f"{name}: not UTF-8 text (byte {exc.start})") from None
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u08ff")
    if not letters or arabic / len(letters) < MIN_ARABIC_SHARE:
        raise UnreadableArticle(f"{name}: no Arabic text found")
    return text


def run(args) -> int:
    pipeline = Pipeline()
    out = sys.stdout.buffer
    read = skipped = 0
    for name in args.files:
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            text = read_article(data, name)
        except (OSError, UnreadableArticle) as exc:
            message = exc if isinstance(exc, UnreadableArticle) else f"{name}: {exc.strerror or exc}"
            print(f"qawl extract: {message}", file=sys.stderr)
            skipped += 1
            continue
        read += 1
        doc = "stdin" if name == "-" else Path(name).name
        result = pipeline.extract(text, doc=doc)
        out.write(_render(result, args.format))
        out.flush()
    if read == 0:
        return 2
    return 1 if skipped else 0


def _render(result: Extraction, fmt: str) -> bytes:
    if fmt == "jsonl":
        return b"".join(_ENCODER.encode(q) + b"\n" for q in result.quotes)
    if fmt == "json":
        return _ENCODER.encode(result) + b"\n"
    lines = [f"# {result.article.doc}  {result.article.headline or ''}  {result.article.published or ''}"]
    for q in result.quotes:
        lines.append(f"{q.start:>6}-{q.end:<6} {q.kind:<8} {q.speaker.name}  [{q.cue.text}]  {q.text}")
    return ("\n".join(lines) + "\n").encode("utf-8")

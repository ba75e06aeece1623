"""``qawl ingest [--db PATH|URL] PATH...``: text files, folders and JSON Lines into the store.

A text file is one article (outlet, date and url come from a ``metadata.json`` next to it
or one folder up, keyed by file name, when there is one). A ``.jsonl``/``.ndjson`` file
has one article object a line, with the fields of ``POST /api/v1/articles`` (``text``, or
``html`` for a saved page). An ``.html``/``.htm`` file is a saved page: its text, headline,
date and outlet are extracted. An ``http(s)://`` URL is fetched (timeout, size limit). ``-`` reads
stdin (JSON Lines when it starts with ``{``, else one text article). A bad file or line
is reported and skipped; the exit code is 1 when anything was skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO


from api.errors import QawlError
from api.ingest import Ingestor, decode_article_json, load_pipeline
from api.schemas import ArticleIn, normalize_published
from api.settings import Settings, SettingsError
from api.store import Store, StoreError, open_store

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass
class Summary:
    new: int = 0
    seen: int = 0
    quotes: int = 0
    speakers: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"articles: {self.new} new, {self.seen} seen; quotes: {self.quotes};"
                f" new speakers: {self.speakers}; errors: {len(self.errors)}")


@dataclass
class Item:
    label: str
    doc: str | None
    article: ArticleIn | None = None
    error: str | None = None


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH|URL", default=None,
                        help="store file or sqlite:///path (default: $QAWL_DATABASE_URL, else qawl.db)")


def open_from_args(args: argparse.Namespace) -> tuple[Settings, Store]:
    from api.cli import UsageError

    try:
        settings = Settings.from_env(database_url=args.db)
        return settings, open_store(settings.database_url)
    except (SettingsError, StoreError) as exc:
        raise UsageError(str(exc)) from None


def _metadata_for(path: Path, cache: dict[Path, dict]) -> dict:
    for folder in (path.parent, path.parent.parent):
        meta_path = folder / "metadata.json"
        if meta_path not in cache:
            try:
                data = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
            except (OSError, ValueError) as exc:
                print(f"warning: ignoring {meta_path}: {exc}", file=sys.stderr)
                data = {}
            cache[meta_path] = data if isinstance(data, dict) else {}
        entry = cache[meta_path].get(path.name)
        if isinstance(entry, dict):
            return entry
    return {}


def _text_item(label: str, doc: str, text: str, meta: dict) -> Item:
    def opt(key: str) -> str | None:
        value = meta.get(key)
        return value if isinstance(value, str) and value.strip() else None

    if not text.strip():
        return Item(label, doc, error="empty file")
    try:
        published = opt("published_at")
        article = ArticleIn(text=text, url=opt("url"), outlet=opt("outlet"),
                            published_at=normalize_published(published) if published else None,
                            headline=opt("headline"))
    except ValueError as exc:
        return Item(label, doc, error=f"metadata: {exc}")
    return Item(label, doc, article=article)


def _jsonl_items(label: str, stream: TextIO | list[str]) -> Iterator[Item]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{label}:{number}"
        try:
            yield Item(where, None, article=decode_article_json(line.encode("utf-8")))
        except QawlError as exc:
            yield Item(where, None, error=exc.detail)


def _html_item(path: Path, raw: bytes, meta: dict) -> Item:
    from api.html import html_article

    opt = {k: v for k in ("url", "outlet", "published_at", "headline")
           if isinstance(v := meta.get(k), str) and v.strip()}
    try:
        return Item(str(path), path.name, article=html_article(raw, **opt))
    except (QawlError, ValueError) as exc:
        return Item(str(path), path.name, error=getattr(exc, "detail", str(exc)))


def _url_item(url: str) -> Item:
    from api.html import HtmlError, url_article

    try:
        return Item(url, url, article=url_article(url))
    except HtmlError as exc:
        return Item(url, url, error=str(exc))
    except QawlError as exc:
        return Item(url, url, error=exc.detail)


def _file_items(path: Path, meta_cache: dict[Path, dict]) -> Iterator[Item]:
    try:
        raw = path.read_bytes()
        if path.suffix.lower() in HTML_SUFFIXES:  # bytes: the page declares its charset
            yield _html_item(path, raw, _metadata_for(path, meta_cache))
            return
        text = raw.decode("utf-8")
    except OSError as exc:
        yield Item(str(path), path.name, error=exc.strerror or str(exc))
        return
    except UnicodeDecodeError as exc:
        yield Item(str(path), path.name, error=f"not UTF-8 text (byte {exc.start})")
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_items(str(path), text.splitlines())
    else:
        yield _text_item(str(path), path.name, text, _metadata_for(path, meta_cache))


def iter_items(paths: list[str], stdin: TextIO) -> Iterator[Item]:
    meta_cache: dict[Path, dict] = {}
    for name in paths:
        if name == "-":
            data = stdin.read()
            if data.lstrip().startswith("{"):
                yield from _jsonl_items("<stdin>", data.splitlines())
            else:
                yield _text_item("<stdin>", "stdin.txt", data, {})
            continue
        if name.startswith(("http://", "https://")):
            yield _url_item(name)
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES)
            if not files:
                yield Item(name, None, error="folder has no .txt, .html or .jsonl files")
            for file in files:
                yield from _file_items(file, meta_cache)
        elif path.exists():
            yield from _file_items(path, meta_cache)
        else:
            yield Item(name, None, error="no such file or folder")


def ingest_items(ingestor: Ingestor, items: Iterator[Item], *, err: TextIO, quiet: bool = False) -> Summary:
    summary = Summary()
    before = ingestor.store.stats().speakers
    tty = err.isatty() and not quiet
    for count, item in enumerate(items, start=1):
        if item.article is not None:
            try:
                result = ingestor.ingest(item.article, doc=item.doc)
            except QawlError as exc:
                item.error = exc.detail
            else:
                if result.created:
                    summary.new += 1
                    summary.quotes += len(result.quote_ids)
                    status = f"new, {len(result.quote_ids)} quotes (article {result.article_id})"
                else:
                    summary.seen += 1
                    status = f"already stored (article {result.article_id})"
        if item.error is not None:
            summary.errors.append(f"{item.label}: {item.error}")
            status = "skipped: " + item.error
            if tty:
                err.write("\r\033[K")
            print(f"qawl ingest: {item.label}: {item.error}", file=err)
        if quiet:
            continue
        if tty:
            err.write(f"\r\033[K[{count}] {summary.new} new, {summary.seen} seen, "
                      f"{len(summary.errors)} errors  {item.label[-50:]}")
            err.flush()
        elif item.error is None:
            print(f"[{count}] {item.label}: {status}", file=err)
    if tty:
        err.write("\n")
    summary.speakers = ingestor.store.stats().speakers - before
    return summary


def run(args: argparse.Namespace) -> int:
    settings, store = open_from_args(args)
    try:
        ingestor = Ingestor(store, load_pipeline(), max_text_chars=settings.max_text_chars,
                            max_quotes=settings.max_quotes)
        summary = ingest_items(ingestor, iter_items(args.paths, sys.stdin), err=sys.stderr,
                               quiet=args.quiet)
    finally:
        store.close()
    print(summary.line())
    return 1 if summary.errors else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest", help="extract and store articles (text files, folders, JSON Lines, - for stdin)",
        description=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    add_db_argument(parser)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="text, .html or .jsonl file, folder, http(s) URL or -")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress, only the summary")
    parser.set_defaults(func=run)



"""Re-run the current extractor over stored articles (issue 9): ``qawl reextract``.

Each article is reconciled in its own transaction (:meth:`Store.reextract_article`):
the same span keeps its quote id, corrected quotes keep the editor's decision (a
disagreement is reported as ``kept``), and ``--dry-run`` rolls every transaction back.
"""

from __future__ import annotations

from typing import TextIO

import msgspec

from api.ingest import Ingestor
from api.store import Store
from api.store.editorial import ArticleDiff, Change

OPS = ("added", "removed", "speaker", "span", "kept")


class Summary(msgspec.Struct):
    articles: int = 0
    changed: int = 0
    skipped: int = 0
    counts: dict[str, int] = msgspec.field(default_factory=lambda: dict.fromkeys(OPS, 0))

    def line(self, *, dry_run: bool) -> str:
        counts = ", ".join(f"{op} {n}" for op, n in self.counts.items())
        tail = " (dry run: nothing applied)" if dry_run else ""
        return f"articles: {self.articles} read, {self.changed} changed, {self.skipped} skipped; {counts}{tail}"


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def describe(change: Change) -> str:
    q = f"quote {change.quote_id}" if change.quote_id is not None else "new quote"
    words = f"«{_short(change.text)}»"
    if change.op == "added":
        return f"+ {q} {change.speaker_id} {change.start}-{change.end} {words}"
    if change.op == "removed":
        return f"- {q} {change.old_speaker_id} {change.old_start}-{change.old_end} {words}"
    if change.op == "speaker":
        return f"~ {q} speaker {change.old_speaker_id} -> {change.speaker_id} {words}"
    if change.op == "span":
        return f"~ {q} span {change.old_start}-{change.old_end} -> {change.start}-{change.end} {words}"
    said = []
    if change.speaker_id is not None and change.speaker_id != change.old_speaker_id:
        said.append(f"speaker {change.speaker_id}")
    if change.start is not None and (change.start, change.end) != (change.old_start, change.old_end):
        said.append(f"span {change.start}-{change.end}")
    return f"! {q} kept: {change.note}{' (' + ', '.join(said) + ')' if said else ''} {words}"


def reextract(store: Store, ingestor: Ingestor, *, since: str | None = None, apply: bool = True,
              out: TextIO, err: TextIO) -> tuple[Summary, list[ArticleDiff]]:
    summary, diffs = Summary(), []
    for article_id in store.article_ids(since=since):
        article = store.get_article(article_id)
        if article is None:  # taken down meanwhile
            continue
        summary.articles += 1
        try:
            extraction = ingestor.extract(article.text, doc=article.url or f"article:{article_id}",
                                          published=article.published_at)
        except Exception as exc:  # one bad article does not stop the run
            summary.skipped += 1
            print(f"article {article_id}: not re-extracted: {exc}", file=err)
            continue
        diff = store.reextract_article(article_id, extraction, extractor_version=ingestor.version,
                                       content_hash=article.content_hash, apply=apply)
        if diff is None:
            summary.skipped += 1
            print(f"article {article_id}: changed while re-extracting; run again", file=err)
            continue
        if apply:
            ingestor.save_learned()
        diffs.append(diff)
        if diff.changes:
            summary.changed += 1
            print(f"article {article_id}{' ' + article.url if article.url else ''}:", file=out)
            for change in diff.changes:
                summary.counts[change.op] += 1
                print("  " + describe(change), file=out)
    print(summary.line(dry_run=not apply), file=out)
    return summary, diffs

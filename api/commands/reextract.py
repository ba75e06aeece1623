"""``qawl reextract [--db PATH|URL] [--since DATE] [--dry-run]``: the current extractor over stored articles.

Prints what changes (``+`` added, ``-`` removed, ``~`` speaker or span changed, ``!`` a
corrected quote the extractor disagrees with, kept as the editor left it), then applies
it in one transaction per article; ``--dry-run`` applies nothing.
"""

from __future__ import annotations

import sys

from api.commands.clusters import parse_date
from api.commands.ingest import add_db_argument, open_from_args
from api.ingest import Ingestor, load_pipeline
from api.reextract import reextract


def register(subparsers) -> None:
    parser = subparsers.add_parser("reextract", help="re-run the current extractor over stored articles")
    add_db_argument(parser)
    parser.add_argument("--since", metavar="DATE", help="only articles published (or ingested) on or after YYYY-MM-DD")
    parser.add_argument("--dry-run", action="store_true", help="print the changes, apply nothing")
    parser.set_defaults(func=run)


def run(args) -> int:
    since = parse_date("--since", args.since)
    settings, store = open_from_args(args)
    try:
        ingestor = Ingestor(store, load_pipeline(), max_text_chars=settings.max_text_chars)
        summary, _ = reextract(store, ingestor, since=since.isoformat() if since else None,
                               apply=not args.dry_run, out=sys.stdout, err=sys.stderr)
        return 1 if summary.skipped else 0
    finally:
        store.close()

"""``qawl takedown [--db PATH|URL] ARTICLE_ID --reason WHY --editor NAME [--purge]``.

Removes the article and its quotes from every answer, search and reuse group, leaving a
tombstone (when, who, why), as ``DELETE /api/v1/articles/{id}``; ``--purge`` also erases
the text (article, older revisions, quotes). Prints the tombstone as JSON.
"""

from __future__ import annotations

import sys

import msgspec

from api.cli import UsageError
from api.commands.ingest import add_db_argument, open_from_args
from api.store.editorial import Edit, UnknownRecord


def register(subparsers) -> None:
    parser = subparsers.add_parser("takedown", help="take an article down, leaving a tombstone")
    add_db_argument(parser)
    parser.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    parser.add_argument("--reason", required=True, help="why (kept in the tombstone)")
    parser.add_argument("--editor", required=True, metavar="NAME", help="who takes it down")
    parser.add_argument("--purge", action="store_true", help="also erase the text")
    parser.set_defaults(func=run)


def run(args) -> int:
    if not args.reason.strip() or not args.editor.strip():
        raise UsageError("--reason and --editor must not be blank")
    _, store = open_from_args(args)
    try:
        tombstone = store.take_down(args.article_id, Edit(editor=args.editor.strip(), reason=args.reason.strip()),
                                    purge=args.purge)
    except UnknownRecord as exc:
        raise UsageError(str(exc)) from None
    finally:
        store.close()
    sys.stdout.buffer.write(msgspec.json.encode(tombstone) + b"\n")
    return 0

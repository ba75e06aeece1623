"""``qawl reuse [--db PATH|URL] QUOTE_ID`` / ``qawl reuse [--db] --rebuild``.

With a quote id: the statement it belongs to, as JSON (the body of
``GET /api/v1/quotes/{id}/reuse``): first seen, every appearance, drift and credits.
With ``--rebuild``: regroup every stored quote from scratch (same groups as placing them
one by one at ingest; also groups a store created before reuse groups existed).
"""

from __future__ import annotations

import sys

import msgspec

from api.cli import UsageError
from api.commands.ingest import add_db_argument, open_from_args

_ENCODER = msgspec.json.Encoder()


def register(subparsers) -> None:
    parser = subparsers.add_parser("reuse", help="every appearance of the statement a quote belongs to")
    add_db_argument(parser)
    parser.add_argument("quote_id", nargs="?", metavar="QUOTE_ID", help="a stored quote's id")
    parser.add_argument("--rebuild", action="store_true", help="regroup the whole store from scratch")
    parser.set_defaults(func=run)


def parse_quote_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise UsageError(f"QUOTE_ID must be a positive whole number, not {text!r}") from None
    if value < 1:
        raise UsageError(f"QUOTE_ID must be a positive whole number, not {text!r}")
    return value


def run(args) -> int:
    if args.rebuild == (args.quote_id is not None):
        raise UsageError("give either a QUOTE_ID or --rebuild")
    quote_id = None if args.rebuild else parse_quote_id(args.quote_id)
    _, store = open_from_args(args)
    try:
        if args.rebuild:
            stats = store.rebuild_clusters()
            print(f"regrouped {stats.quotes} quotes: {stats.clusters} statements,"
                  f" {stats.reused} with more than one appearance")
            return 0
        cluster = store.quote_cluster(quote_id)
        if cluster is None:
            if store.get_quote(quote_id) is None:
                raise UsageError(f"no quote with id {quote_id} in {store.stats().location}")
            raise UsageError(f"quote {quote_id} is not grouped yet; run `qawl reuse --rebuild`")
        sys.stdout.buffer.write(_ENCODER.encode(cluster) + b"\n")
        sys.stdout.flush()
        return 0
    finally:
        store.close()

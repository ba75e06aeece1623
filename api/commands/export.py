"""``qawl export [--db PATH|URL] > archive.jsonl``: the whole store, one typed JSON object a line.

Articles, revisions, quotes (hidden ones too), speakers, aliases, corrections,
tombstones and reuse groups, each line tagged with its ``type`` (:mod:`api.store.archive`).
``qawl import`` restores it into an empty store with the same ids.
"""

from __future__ import annotations

import sys

from api.commands.ingest import add_db_argument, open_from_args
from api.store.archive import ENCODER


def register(subparsers) -> None:
    parser = subparsers.add_parser("export", help="write the whole store as JSON Lines (for qawl import)")
    add_db_argument(parser)
    parser.set_defaults(func=run)


def run(args) -> int:
    _, store = open_from_args(args)
    out = sys.stdout.buffer
    try:
        buf = bytearray()
        for record in store.export_records():
            ENCODER.encode_into(record, buf, len(buf))
            buf += b"\n"
            if len(buf) > 1 << 20:
                out.write(buf)
                buf.clear()
        out.write(buf)
        out.flush()
        return 0
    finally:
        store.close()

"""``qawl serve [--db PATH|URL] [--host H] [--port P] [--demo]``: the HTTP API with granian.

``--demo`` loads the bundled fixtures (``fixtures/articles``) into an empty store first,
so a fresh clone answers real questions. Writes are open unless ``QAWL_WRITE_KEYS`` is set.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from api.commands.ingest import add_db_argument, ingest_items, iter_items, open_from_args
from api.ingest import Ingestor, load_pipeline

MAX_HEAD_BYTES = 64 * 1024
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


def load_demo(args: argparse.Namespace) -> None:
    from api.cli import UsageError

    settings, store = open_from_args(args)
    try:
        if store.stats().articles:
            print("qawl serve --demo: the store already has articles; not loading the fixtures",
                  file=sys.stderr)
            return
        if not FIXTURES.is_dir():
            raise UsageError(f"--demo needs the fixtures of a source checkout ({FIXTURES} is missing)")
        ingestor = Ingestor(store, load_pipeline(), max_text_chars=settings.max_text_chars)
        summary = ingest_items(ingestor, iter_items([str(FIXTURES)], sys.stdin), err=sys.stderr,
                               quiet=True)
        print(f"qawl serve --demo: loaded fixtures: {summary.line()}", file=sys.stderr)
    finally:
        store.close()


def run(args: argparse.Namespace) -> int:
    from granian import Granian
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings

    from api.cli import UsageError

    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, got {args.port}")
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    settings, store = open_from_args(args)  # fail here, with a message, on a bad store
    store.close()
    if args.demo:
        load_demo(args)
    # The server imports the app by name in its worker(s): hand the settings over by env.
    os.environ["QAWL_DATABASE_URL"] = settings.database_url
    print(f"qawl: serving {settings.database_url} on http://{args.host}:{args.port}"
          f" (API /api/v1, docs /schema)", file=sys.stderr)
    Granian(
        "api.app:create_app", factory=True, address=args.host, port=args.port,
        interface=Interfaces.ASGI, workers=args.workers,
        working_dir=Path(__file__).resolve().parents[2],
        log_access=args.access_log,
        # the request head (line and headers) must fit in 64 KiB; a larger one is refused
        http1_settings=HTTP1Settings(max_buffer_size=MAX_HEAD_BYTES),
    ).serve()
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="run the HTTP API",
                                   description=__doc__.split("\n\n", 1)[1])
    add_db_argument(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    parser.add_argument("--demo", action="store_true", help="load the fixtures into an empty store first")
    parser.add_argument("--access-log", action="store_true", help="log every request")
    parser.set_defaults(func=run)

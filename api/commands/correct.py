"""``qawl correct ACTION ... --reason WHY --editor NAME``: the corrections of
``POST /api/v1/corrections`` from the command line (issue 9).

Actions: ``speaker QUOTE_ID SPEAKER_ID``, ``status QUOTE_ID verified|rejected``,
``span QUOTE_ID START END``, ``add ARTICLE_ID START END SPEAKER_ID [--kind K]``,
``merge INTO SPEAKER_ID...``, ``split SPEAKER_ID QUOTE_ID... --name NAME``.
Prints the recorded correction as JSON; an unknown quote or speaker, or offsets outside
the article, is a usage error (exit 2) and changes nothing.
"""

from __future__ import annotations

import sys

import msgspec

from api.cli import UsageError
from api.commands.ingest import add_db_argument, open_from_args
from api.errors import QawlError


def _common(parser) -> None:
    add_db_argument(parser)
    parser.add_argument("--reason", required=True, help="why (kept in the quote's history)")
    parser.add_argument("--editor", required=True, metavar="NAME", help="who makes the correction")


def register(subparsers) -> None:
    parser = subparsers.add_parser("correct", help="correct a quote or a speaker, with who and why")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = actions.add_parser("speaker", help="attribute a quote to another speaker")
    p.add_argument("quote_id", type=int)
    p.add_argument("speaker_id")
    p = actions.add_parser("status", help="mark a quote verified or rejected")
    p.add_argument("quote_id", type=int)
    p.add_argument("status", choices=["verified", "rejected"])
    p = actions.add_parser("span", help="fix a quote's offsets into the article text")
    p.add_argument("quote_id", type=int)
    p.add_argument("start", type=int)
    p.add_argument("end", type=int)
    p = actions.add_parser("add", help="add a quote the extractor missed")
    p.add_argument("article_id", type=int)
    p.add_argument("start", type=int)
    p.add_argument("end", type=int)
    p.add_argument("speaker_id")
    p.add_argument("--kind", default="direct", choices=["direct", "indirect", "mixed", "headline"])
    p = actions.add_parser("merge", help="merge speakers into one")
    p.add_argument("into", metavar="INTO")
    p.add_argument("speaker_ids", nargs="+", metavar="SPEAKER_ID")
    p = actions.add_parser("split", help="move some quotes of a speaker to a new speaker")
    p.add_argument("speaker_id")
    p.add_argument("quote_ids", nargs="+", type=int, metavar="QUOTE_ID")
    p.add_argument("--name", required=True, help="the new speaker's name")
    p.add_argument("--type", default="person", choices=["person", "organization", "unknown"])
    p.add_argument("--new-id", default=None, help="an existing or chosen id for the new speaker")
    for sub in actions.choices.values():
        _common(sub)
        sub.set_defaults(func=run)


def _body(args) -> dict:
    base = {"action": args.action, "reason": args.reason}
    fields = {
        "speaker": ("quote_id", "speaker_id"), "status": ("quote_id", "status"),
        "span": ("quote_id", "start", "end"), "add": ("article_id", "start", "end", "speaker_id", "kind"),
        "merge": ("speaker_ids", "into"), "split": ("speaker_id", "quote_ids", "name", "type", "new_id"),
    }[args.action]
    return base | {f: getattr(args, f) for f in fields if getattr(args, f) is not None}


def run(args) -> int:
    from api.controllers.corrections import apply_correction, decode_correction

    if not args.editor.strip():
        raise UsageError("--editor must not be blank")
    _, store = open_from_args(args)
    try:
        body = decode_correction(msgspec.json.encode(_body(args)))
        correction = apply_correction(store, body, args.editor.strip())
    except QawlError as exc:
        raise UsageError(exc.detail) from None
    finally:
        store.close()
    sys.stdout.buffer.write(msgspec.json.encode(correction) + b"\n")
    return 0

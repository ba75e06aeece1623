"""Settings of the API and the commands, read from the environment once.

``create_app(settings)`` takes them explicitly, so tests build their own without
touching environment variables.

Environment:
- ``QAWL_DATABASE_URL``: store path or URL (``sqlite:///qawl.db``); default ``qawl.db``.
- ``QAWL_WRITE_KEYS``: ``name=key`` pairs separated by commas; when set, every write
  (POST) needs ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``. When unset,
  writes are open (fine on 127.0.0.1, not on a shared network).
- ``QAWL_WRITE_KEYS_FILE``: a file of ``name=key`` lines (``#`` comments), merged in.
- ``QAWL_MAX_BODY_BYTES`` (default 2 MB) and ``QAWL_MAX_BATCH_BYTES`` (default 50 MB):
  larger request bodies get 413.
- ``QAWL_MAX_TEXT_CHARS`` (default 200000): longer article texts get 413.
- ``QAWL_MAX_QUOTES`` (default 2000): an article that yields more quotes gets 422 and
  is not stored.
- ``QAWL_WRITE_RATE`` (default ``120/minute``): writes a client may make (``N/second``,
  ``N/minute``, ``N/hour``, ``N/day``; ``off`` for none); more get 429 with ``Retry-After``.
  A client is its write key's name, else its address; each server process counts alone.
- ``QAWL_CORS_ORIGINS``: origins (comma-separated, or ``*``) whose pages may call the API
  from a browser; unset, no CORS headers are sent (same-origin only).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

# Hard ceiling of the request schema; the configurable limit must stay under it.
TEXT_CHARS_CEILING = 5_000_000


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the variable."""


def parse_keys(spec: str, *, origin: str) -> dict[str, str]:
    keys: dict[str, str] = {}
    for part in spec.replace("\n", ",").split(","):
        part = part.strip()
        if not part or part.startswith("#"):
            continue
        name, sep, key = part.partition("=")
        name, key = name.strip(), key.strip()
        if not sep or not name or not key:
            raise SettingsError(f"{origin}: expected name=key pairs, got {part.split('=')[0]!r}…")
        if len(key) < 8:
            raise SettingsError(f"{origin}: the key of {name!r} is shorter than 8 characters")
        keys[name] = key
    return keys


def _int(env: Mapping[str, str], name: str, default: int, *, ceiling: int | None = None) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if value <= 0 or (ceiling is not None and value > ceiling):
        raise SettingsError(f"{name} must be between 1 and {ceiling or 'a positive number'}")
    return value


_RATE_UNITS = ("second", "minute", "hour", "day")


def parse_rate(spec: str) -> tuple[str, int] | None:
    """``120/minute`` → ("minute", 120); ``off`` → None; blank → the default."""
    spec = spec.strip().lower()
    if not spec:
        return Settings.write_rate
    if spec in {"off", "none", "0"}:
        return None
    count, _, unit = spec.partition("/")
    unit = unit.strip().removesuffix("s") or "minute"
    if not count.strip().isdigit() or int(count) < 1 or unit not in _RATE_UNITS:
        raise SettingsError(f"QAWL_WRITE_RATE must look like 120/minute (or off), got {spec!r}")
    return unit, int(count)


@dataclass(frozen=True)
class Settings:
    database_url: str = "qawl.db"
    write_keys: dict[str, str] = field(default_factory=dict)
    max_body_bytes: int = 2_000_000
    max_batch_bytes: int = 50_000_000
    max_text_chars: int = 200_000
    max_quotes: int = 2000
    write_rate: tuple[str, int] | None = ("minute", 120)  # (unit, writes); None: no limit
    cors_origins: tuple[str, ...] = ()
    debug: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> Settings:
        env = os.environ if env is None else env
        keys = parse_keys(env.get("QAWL_WRITE_KEYS", ""), origin="QAWL_WRITE_KEYS")
        if key_file := env.get("QAWL_WRITE_KEYS_FILE"):
            try:
                text = Path(key_file).read_text(encoding="utf-8")
            except OSError as exc:
                raise SettingsError(f"QAWL_WRITE_KEYS_FILE: cannot read {key_file}: {exc.strerror}") from None
            keys.update(parse_keys(text, origin=key_file))
        values = dict(
            database_url=env.get("QAWL_DATABASE_URL") or "qawl.db",
            write_keys=keys,
            max_body_bytes=_int(env, "QAWL_MAX_BODY_BYTES", 2_000_000),
            max_batch_bytes=_int(env, "QAWL_MAX_BATCH_BYTES", 50_000_000),
            max_text_chars=_int(env, "QAWL_MAX_TEXT_CHARS", 200_000, ceiling=TEXT_CHARS_CEILING),
            max_quotes=_int(env, "QAWL_MAX_QUOTES", 2000),
            write_rate=parse_rate(env.get("QAWL_WRITE_RATE", "")),
            cors_origins=tuple(o.strip() for o in env.get("QAWL_CORS_ORIGINS", "").split(",") if o.strip()),
            debug=env.get("QAWL_DEBUG", "") in {"1", "true", "yes"},
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

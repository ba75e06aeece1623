"""Rule data shipped with qawl: reporting cues, structure markers, lexicon, speaker registry."""

from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from importlib import resources
from typing import Literal

import msgspec

CueRole = Literal["verb", "participle", "relay", "trailing", "stance"]


class CueEntry(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    lemma: str
    role: CueRole
    forms: list[str]
    imperfect: list[str] = []
    object: bool = False
    object_words: list[str] = []  # when set, a noun object is content only if it opens so
    object_after: list[str] = []  # a noun-phrase object must open with one of these ("شدد على")
    opens_at_cue: bool = False
    opened_by: list[str] = []  # when set, the content opens only right after one of these
    participles: list[str] = []  # forms that follow their subject ("، مشيدا بـ"): no speaker after them
    qualifies_without_comma: bool = False  # trailing: no comma before it, it qualifies the word before
    addressee: bool = False  # "أخبر X Y بأن": the object after the speaker is who is told


class CueFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    cue: list[CueEntry]


class DateRules(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    months: dict[str, int]
    patterns: list[str]
    max_date_line: int


class StructureRules(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    related_markers: list[str]
    boilerplate_lines: list[str]
    credit_lines: list[str]
    tweet_credit: str
    dates: DateRules
    teaser_lines: list[str] = []
    max_teaser_line: int = 0


class Lexicon(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    complementisers: list[str]
    cue_prepositions: list[str]
    title_heads: list[str]
    glued_title_heads: list[str]
    honorifics: list[str]
    ranks: list[str]
    organization_heads: list[str]
    office_heads: list[str]
    states: list[str]
    outlet_heads: list[str]
    statement_forms: list[str]
    adjunct_starters: list[str]
    parentheticals: list[str]
    epithets: list[str]
    svo_blockers: list[str]
    cue_blockers: list[str]
    clause_openers: list[str]
    lone_adverbs: list[str]
    commentary_openers: list[str]
    opening_verbs: list[str] = []
    honorific_pronouns: dict[str, str] = {}
    possessive_titles: dict[str, str] = {}
    complement_heads: list[str] = []
    anaphoric_bodies: list[str] = []
    background_verbs: list[str] = []
    topic_heads: list[str] = []
    continuations: list[str] = []
    topic_openers: list[str] = []
    purpose_nouns: list[str] = []
    resumptive_prepositions: list[str] = []
    resumptive_complementisers: list[str] = []
    invocations: list[str] = []
    naming_words: list[str] = []
    source_heads: list[str] = []
    indefinite_spokesman_heads: list[str] = []
    place_heads: list[str] = []
    object_nouns: list[str] = []
    relative_agreements: dict[str, str] = {}
    antecedent_prepositions: list[str] = []
    counterpart_words: list[str] = []
    content_prepositions: list[str] = []
    nationalities: dict[str, str] = {}
    role_epithets: dict[str, list[str]] = {}


class NameRules(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    given_names: list[str]


class RuleDataError(ValueError):
    """A rule file is missing, malformed or empty: qawl refuses to start with it."""


def read_bytes(name: str) -> bytes:
    return resources.files(__package__).joinpath(name).read_bytes()


def _load_toml(name: str, kind: type[msgspec.Struct]):
    try:
        raw = tomllib.loads(read_bytes(name).decode("utf-8"))
        return msgspec.convert(raw, kind)
    except (tomllib.TOMLDecodeError, msgspec.ValidationError) as exc:
        raise RuleDataError(f"{name}: {exc}") from exc


@cache
def cue_entries() -> tuple[CueEntry, ...]:
    entries = tuple(_load_toml("cues.toml", CueFile).cue)
    if not entries or any(not entry.forms for entry in entries):
        raise RuleDataError("cues.toml: every cue needs at least one form")
    return entries


@cache
def structure_rules() -> StructureRules:
    return _load_toml("structure.toml", StructureRules)


@cache
def lexicon() -> Lexicon:
    return _load_toml("lexicon.toml", Lexicon)


@cache
def name_rules() -> NameRules:
    return _load_toml("names.toml", NameRules)


def rules_fingerprint() -> str:
    """A short hash of all rule data: part of the extractor version."""
    digest = hashlib.sha256()
    for name in ("cues.toml", "structure.toml", "lexicon.toml", "names.toml"):
        digest.update(read_bytes(name))
    return digest.hexdigest()[:12]

"""Mention → speaker id: the speaker registry and name-variant linking.

A mention is linked, in this order, by

1. ``exact``: its normalised form is a known spelling (registry or learned);
2. ``role``: it is a title (``وزير الخارجية الروسي``) held by one speaker on the date;
3. ``fuzzy``: its transliteration-folded name tokens align with a known spelling's;
4. ``new``: otherwise it is registered as a new speaker with a deterministic id.

Fuzzy matching compares the first and the last name token separately, so agreement on a
first name alone never links two people; a one-token mention is a surname and links to the
one speaker with that surname. Candidates come from an index on the surname's consonant
skeleton (with every one-letter deletion), so rapidfuzz scores only a handful of names.

Role spans are half-open: ``from`` is the first day in office, ``to`` the first day out.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Annotated, Literal, NamedTuple

import msgspec
from rapidfuzz import fuzz, process

from extractors.normalize import normalize_key
from extractors.resources import name_rules
from extractors.types import Speaker

SpeakerType = Literal["person", "organization", "unknown"]
LinkMethod = Literal["exact", "role", "fuzzy", "new"]
SpeakerId = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_-]*$")]
Qid = Annotated[str, msgspec.Meta(pattern=r"^Q[1-9][0-9]*$")]

# Transliteration folds for name tokens, on top of ``normalize_key``: a Latin g is written
# غ/ج/ق/ك, z as ز/ض/ذ/ظ; Persian and Kurdish letters go to their Arabic cousins.
_LETTER_FOLDS = str.maketrans({
    "غ": "ك", "ج": "ك", "ق": "ك", "گ": "ك", "چ": "ك", "ژ": "ك",
    "پ": "ب", "ڤ": "ف", "ض": "ز", "ذ": "ز", "ظ": "ز", "ث": "س", "ص": "س", "ط": "ت",
    "y": "i", "w": "v", "c": "k",
})
# Letter pairs written either way (ts/st, tz for ts, tsh for ch), applied after the folds.
_PAIR_FOLDS = (("تش", "ك"), ("ست", "تس"), ("تز", "تس"))
_DOUBLED_RE = re.compile(r"(.)\1+")
# Long vowels dropped from a skeleton (after its first letter).
_VOWELS_RE = re.compile("[اويaeiou]")
# Words that join the next word into one name (عبد الفتاح = عبدالفتاح), and words that
# join the one before (جاويش أوغلو = جاويشأوغلو).
_JOINERS = frozenset({"عبد", "ابو"})
_SUFFIXES = frozenset({"اوغلو", "زاده"})
# Words that are not part of the name that is compared.
_PARTICLES = frozenset({"بن", "ابن", "بنت", "فون", "دير", "فان", "دي", "bin", "ibn", "al", "el", "von", "der", "van", "de"})
_HONORIFICS = (
    "الامير ", "الاميره ", "الشيخ ", "الشيخه ", "السيد ", "السيده ", "الدكتور ", "الدكتوره ",
    "الرييس ", "الملك ", "المستشار ", "المستشاره ", "ايه الله ", "mr ", "mrs ", "dr ",
)
_FAMILY = "ال"  # "آل سعود" after normalisation: a family suffix, dropped

MAX_ANSWERS = 65536  # lookups remembered before the memory starts afresh
TOKEN_CUTOFF = 80.0  # rapidfuzz ratio a long name token needs to agree with another
PREFILTER_CUTOFF = 60.0  # ratio of surnames worth aligning (skeletons may still agree)
SHORT_TOKEN = 3  # tokens this short (or skeletons) must agree exactly
SKELETON_SCORE = 90.0  # token score when only the consonant skeletons agree


class Role(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    title: str
    start: datetime.date = msgspec.field(name="from")
    end: datetime.date | None = msgspec.field(name="to")

    def __post_init__(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"role {self.title!r} ends before it starts")

    def held_on(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


class RegistrySpeaker(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One entry of ``resources/speakers.json``."""

    id: SpeakerId
    name: str
    latin: str
    type: Literal["person", "organization"]
    qid: Qid | None
    spellings: list[str]
    roles: list[Role]


class SpeakerRecord(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What a linker learned about one speaker: a new speaker, or extra spellings."""

    id: str
    name: str
    type: SpeakerType
    aliases: list[str]


class Link(msgspec.Struct, frozen=True):
    mention: str
    speaker_id: str
    name: str
    type: SpeakerType
    score: float
    method: LinkMethod


_REGISTRY_DECODER = msgspec.json.Decoder(list[RegistrySpeaker])


class Registry:
    """The seed speakers and the title → (role, speaker) index, validated once."""

    def __init__(self, speakers: Sequence[RegistrySpeaker]) -> None:
        self.speakers = tuple(speakers)
        self.roles: dict[str, list[tuple[Role, str]]] = {}
        for speaker in self.speakers:
            for role in speaker.roles:
                self.roles.setdefault(normalize_key(role.title), []).append((role, speaker.id))
        _check_unique(speaker.id for speaker in self.speakers)

    @classmethod
    def from_json(cls, data: bytes) -> Registry:
        return cls(_REGISTRY_DECODER.decode(data))

    def holder(self, title_key: str, day: datetime.date) -> str | None:
        """The one speaker holding the (normalised) title on ``day``, if exactly one."""
        holders = {sid for role, sid in self.roles.get(title_key, ()) if role.held_on(day)}
        return holders.pop() if len(holders) == 1 else None


def _check_unique(ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for sid in ids:
        if sid in seen:
            raise ValueError(f"duplicate speaker id {sid!r}")
        seen.add(sid)


@cache
def default_registry() -> Registry:
    """The registry shipped as package data, loaded once."""
    data = resources.files("extractors.resources").joinpath("speakers.json").read_bytes()
    return Registry.from_json(data)


# --- name folding -------------------------------------------------------------------


class Name(NamedTuple):
    """A name reduced for comparison: folded tokens and their consonant skeletons."""

    tokens: tuple[str, ...]
    skeletons: tuple[str, ...]


def fold_token(token: str) -> str:
    """Transliteration-folded form of one normalised name token."""
    if token[0] < "\u0600":
        token = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))
    token = token.translate(_LETTER_FOLDS)
    for pair, folded in _PAIR_FOLDS:
        token = token.replace(pair, folded)
    return _DOUBLED_RE.sub(r"\1", token)


def _strip_article(token: str) -> str:
    """الأسد = أسد; only for surnames (ألكسندر and إلهام keep their alef-lam)."""
    return token[2:] if token.startswith("ال") and len(token) > 4 else token


def skeleton(folded: str) -> str:
    """First letter plus the consonants, ts as z: ميزينتسف, مزينتسيف → مزنزف."""
    rest = _VOWELS_RE.sub("", folded[1:]).replace("تس", "ز")
    return folded[0] + (rest[:-1] if rest.endswith("ه") else rest)


def name_words(key: str) -> list[str]:
    """The words of a normalised name that are compared: no titles, particles, family."""
    key = _strip_honorifics(key)
    words = _join_compounds(key.split())
    if len(words) > 3 and words[-2] == _FAMILY:
        words = words[:-2]
    kept = [w for w in words if w not in _PARTICLES]
    return kept or words


def _strip_honorifics(key: str) -> str:
    stripped = True
    while stripped:
        stripped = False
        for prefix in _HONORIFICS:
            if key.startswith(prefix) and len(key) > len(prefix):
                key, stripped = key[len(prefix):], True
    return key


def _join_compounds(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if out and (out[-1] in _JOINERS or word in _SUFFIXES):
            out[-1] += word
        else:
            out.append(word)
    return out


def parse_name(key: str) -> Name:
    first, *rest = (fold_token(w) for w in name_words(key))
    tokens = (first, *map(_strip_article, rest)) if rest else (_strip_article(first),)
    return Name(tokens, tuple(skeleton(t) for t in tokens))


def new_speaker_id(name: Name) -> str:
    """Deterministic id of a speaker first seen under ``name``: the same in every process."""
    digest = hashlib.blake2b(" ".join(name.tokens).encode(), digest_size=5).hexdigest()
    return f"x-{digest}"


def _deletions(skel: str) -> set[str]:
    """The skeleton and its one-letter deletions: keys that meet within edit distance 1."""
    if len(skel) <= SHORT_TOKEN:
        return {skel}
    return {skel} | {skel[:i] + skel[i + 1:] for i in range(len(skel))}


def _query_tiers(skel: str) -> list[set[str]]:
    """Index keys to try for a surname skeleton, cheap ones first: the three-letter
    deletions of a four-letter skeleton are shared by many names, so they come second."""
    if len(skel) == SHORT_TOKEN + 1:
        return [{skel}, _deletions(skel)]
    return [_deletions(skel)]


@cache
def single_spelling_names() -> frozenset[str]:
    """Folded tokens of the given names that have one spelling (``names.toml``)."""
    return frozenset(fold_token(key) for name in name_rules().given_names if (key := "".join(normalize_key(name).split())))


def token_score(a: str, a_skel: str, b: str, b_skel: str) -> float:
    """0–100 agreement of two folded name tokens; 0 when they do not agree."""
    if a == b:
        return 100.0
    if a in single_spelling_names() or b in single_spelling_names():
        return 0.0  # سلمان and سليمان are two names, not two spellings of one
    if min(len(a), len(b)) <= SHORT_TOKEN:
        return SKELETON_SCORE if a_skel == b_skel and len(a_skel) >= SHORT_TOKEN else 0.0
    score = fuzz.ratio(a, b, processor=None, score_cutoff=TOKEN_CUTOFF)
    if a_skel == b_skel and len(a_skel) > SHORT_TOKEN:
        # three consonants are an Arabic root, not a name: سليم، سلمى and سالم share "سلم"
        return max(score, SKELETON_SCORE)
    return score


@lru_cache(maxsize=65536)  # asked for every pair of a mention and a person named before
def words_agree(a: str, b: str, surname: bool) -> bool:
    """Whether two normalised name words are one name, as linking aligns name tokens:
    ميزينتسف/مزينتسيف agree, المصري/العمري and سلمان/سليمان do not."""
    x, x_skel = _folded_word(a, surname)
    y, y_skel = _folded_word(b, surname)
    return token_score(x, x_skel, y, y_skel) > 0


@lru_cache(maxsize=65536)  # a word is folded once, however many names it is compared with
def _folded_word(word: str, surname: bool) -> tuple[str, str]:
    folded = fold_token(word)
    if surname:
        folded = _strip_article(folded)
    return folded, skeleton(folded)


# --- the linker ----------------------------------------------------------------------


class _Speaker:
    __slots__ = ("id", "name", "type", "seeded", "aliases", "learned")

    def __init__(self, sid: str, name: str, type: SpeakerType, *, seeded: bool) -> None:
        self.id = sid
        self.name = name
        self.type: SpeakerType = type
        self.seeded = seeded
        self.aliases: dict[str, str] = {}  # key → spelling
        self.learned: dict[str, str] = {}  # the aliases not from the registry


class _Alias(NamedTuple):
    speaker: _Speaker
    name: Name
    key: str


class Linker:
    """Links mentions to speaker ids and learns new speakers and spellings as it goes.

    Not thread-safe: linking can register speakers and aliases.
    """

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry if registry is not None else default_registry()
        self._speakers: dict[str, _Speaker] = {}
        self._aliases: list[_Alias | None] = []  # None once split off or moved
        self._exact: dict[str, int] = {}
        self._by_last: dict[str, list[int]] = {}
        self._by_pair: dict[tuple[str, str], list[int]] = {}
        # what lookup answered, until a spelling is learned or moved: news repeats its names,
        # and a title no one is named by ("المسؤول") would be fuzzy-matched every time
        self._answers: dict[tuple[str, datetime.date | None], Link | None] = {}
        for entry in self.registry.speakers:
            speaker = self._add_speaker(entry.id, entry.name, entry.type, seeded=True)
            for spelling in (entry.name, *entry.spellings):
                self._index(speaker, spelling, learned=False)

    # public API ----------------------------------------------------------------------

    def lookup(self, mention: str, *, on: datetime.date | None = None) -> Link | None:
        """The known speaker a mention names, learning nothing; None if there is none.

        ``on`` (default today) resolves a title to whoever held it that day.
        """
        asked = (mention, on)
        if asked in self._answers:
            return self._answers[asked]
        key = _key(mention)
        found = self._lookup(key, mention, on or datetime.date.today())
        if on is not None or key not in self.registry.roles:  # (who holds a role "today" changes)
            if len(self._answers) >= MAX_ANSWERS:
                self._answers.clear()
            self._answers[asked] = found
        return found

    def _lookup(self, key: str, mention: str, day: datetime.date) -> Link | None:
        found = self._exact.get(key)
        if found is not None:
            return self._result(mention, self._alias(found).speaker, 1.0, "exact")
        if key in self.registry.roles:
            holder = self.registry.holder(key, day)
            return None if holder is None else self._result(mention, self._speakers[holder], 1.0, "role")
        match = self._fuzzy(parse_name(key))
        return None if match is None else self._result(mention, match[0], match[1], "fuzzy")

    def link(self, mention: str, *, on: datetime.date | None = None) -> Link:
        """Like :meth:`lookup`, but a fuzzy match becomes a known spelling and an unknown
        name a new speaker (a title nobody held that day too, without making the title
        a spelling, so other dates still resolve through the roles)."""
        found = self.lookup(mention, on=on)
        if found is not None and found.method == "fuzzy":
            self._index(self._speakers[found.speaker_id], mention, learned=True)
        if found is not None:
            return found
        key = _key(mention)
        speaker = self._register(mention, parse_name(key), indexed=key not in self.registry.roles)
        return self._result(mention, speaker, 1.0, "new")

    def resolve(self, speaker: Speaker, *, on: datetime.date | None = None) -> Speaker:
        """The extractor's speaker with ``id`` and the canonical ``name`` filled in, linked
        by its fullest name (a title resolves on ``on``, the article's date)."""
        link = self.link(speaker.name or speaker.mention, on=on)
        kind = speaker.type if link.type == "unknown" else link.type
        return msgspec.structs.replace(speaker, id=link.speaker_id, name=link.name, type=kind)

    def speaker_name(self, speaker_id: str) -> str:
        return self._speakers[speaker_id].name

    def add_alias(self, speaker_id: str, alias: str) -> None:
        """Make ``alias`` a spelling of the speaker, moving it from any other speaker."""
        speaker = self._speakers[speaker_id]
        key = normalize_key(alias)
        found = self._exact.get(key)
        if found is not None and self._alias(found).speaker is speaker:
            return
        if found is not None:
            self._drop(found)
        self._index(speaker, alias, learned=True)

    def split_alias(self, alias: str) -> str:
        """Make ``alias`` a speaker of its own; returns its id (deterministic)."""
        key = normalize_key(alias)
        found = self._exact.get(key)
        if found is None:
            raise KeyError(f"unknown alias {alias!r}")
        owner = self._alias(found).speaker
        if key == normalize_key(owner.name):
            raise ValueError(f"{alias!r} is the canonical name of {owner.id}")
        name = parse_name(key)
        if new_speaker_id(name) in self._speakers:
            raise ValueError(f"{alias!r} folds to an existing speaker's id")
        self._drop(found)
        return self._register(alias, name, indexed=True).id

    def learned(self) -> list[SpeakerRecord]:
        """New speakers and spellings learned so far, for the store to persist."""
        records = []
        for speaker in sorted(self._speakers.values(), key=lambda s: s.id):
            aliases = list(speaker.learned.values() if speaker.seeded else speaker.aliases.values())
            if aliases or not speaker.seeded:
                records.append(SpeakerRecord(speaker.id, speaker.name, speaker.type, aliases))
        return records

    def load_learned(self, records: Iterable[SpeakerRecord]) -> None:
        """Restore what :meth:`learned` exported (onto the same registry)."""
        for record in records:
            if record.id not in self._speakers:
                self._add_speaker(record.id, record.name, record.type, seeded=False)
            for alias in record.aliases:
                self.add_alias(record.id, alias)

    # internals -----------------------------------------------------------------------

    def _alias(self, index: int) -> _Alias:
        alias = self._aliases[index]
        assert alias is not None, "the exact index only points at live aliases"
        return alias

    def _result(self, mention: str, speaker: _Speaker, score: float, method: LinkMethod) -> Link:
        return Link(mention, speaker.id, speaker.name, speaker.type, round(score, 4), method)

    def _add_speaker(self, sid: str, name: str, type: SpeakerType, *, seeded: bool) -> _Speaker:
        speaker = _Speaker(sid, name, type, seeded=seeded)
        self._speakers[sid] = speaker
        return speaker

    def _register(self, mention: str, name: Name, *, indexed: bool) -> _Speaker:
        sid = new_speaker_id(name)
        speaker = self._speakers.get(sid) or self._add_speaker(sid, " ".join(mention.split()), "unknown", seeded=False)
        if indexed:
            self._index(speaker, mention, learned=True)
        return speaker

    def _index(self, speaker: _Speaker, spelling: str, *, learned: bool) -> None:
        key = normalize_key(spelling)
        if key in self._exact:
            if self._alias(self._exact[key]).speaker is not speaker:
                raise ValueError(f"spelling {spelling!r} already belongs to another speaker")
            return
        self._answers.clear()
        name = parse_name(key)
        index = len(self._aliases)
        self._aliases.append(_Alias(speaker, name, key))
        self._exact[key] = index
        speaker.aliases[key] = spelling
        if learned:
            speaker.learned[key] = spelling
        for k in _deletions(name.skeletons[-1]):
            self._by_last.setdefault(k, []).append(index)
            if len(name.tokens) > 1:
                self._by_pair.setdefault((name.skeletons[0][0], k), []).append(index)

    def _drop(self, index: int) -> None:
        self._answers.clear()
        alias = self._alias(index)
        self._aliases[index] = None
        del self._exact[alias.key]
        del alias.speaker.aliases[alias.key]
        alias.speaker.learned.pop(alias.key, None)

    def _candidates(self, name: Name, keys: set[str]) -> dict[int, str]:
        """Live aliases under the surname keys, as {alias index: folded last token}."""
        if len(name.tokens) == 1:
            postings = [self._by_last.get(k, ()) for k in keys]
        else:
            postings = [self._by_pair.get((name.skeletons[0][0], k), ()) for k in keys]
        pool = {}
        for posting in postings:
            for index in posting:
                alias = self._aliases[index]
                if alias is not None:
                    pool[index] = alias.name.tokens[-1]
        return pool

    def _fuzzy(self, name: Name) -> tuple[_Speaker, float] | None:
        if len(name.tokens) == 1 and len(name.tokens[0]) < MIN_FUZZY_LENGTH:
            return None  # "أي" alone is not a spelling of anyone's surname
        for keys in _query_tiers(name.skeletons[-1]):
            match = self._best(name, self._candidates(name, keys))
            if match is not None:
                return match
        return None

    def _best(self, name: Name, pool: dict[int, str]) -> tuple[_Speaker, float] | None:
        if not pool:
            return None
        hits = process.extract(
            name.tokens[-1], pool, scorer=fuzz.ratio, processor=None,
            score_cutoff=PREFILTER_CUTOFF, limit=None,
        )
        best: dict[str, tuple[_Speaker, float]] = {}
        for _, _, index in hits:
            alias = self._alias(index)
            score = _alignment(name, alias)
            if score and score > best.get(alias.speaker.id, (None, 0.0))[1]:
                best[alias.speaker.id] = (alias.speaker, score)
        return _unique_best(list(best.values()))


MIN_FUZZY_LENGTH = 3  # a one-word mention shorter than this links only if spelled exactly


def _key(mention: str) -> str:
    key = normalize_key(mention)
    if not key:
        raise ValueError(f"nothing to link in {mention!r}")
    return key


def _alignment(mention: Name, alias: _Alias) -> float:
    """0–1 agreement of a mention with a known spelling; 0 when they are not one name.

    A one-token mention is a surname (or a one-word name); otherwise the first and last
    tokens must both agree, and an organisation's name must agree word for word.
    """
    m, a = mention, alias.name
    is_org = alias.speaker.type == "organization"
    if len(m.tokens) == 1:
        return 0.0 if is_org and len(a.tokens) > 1 else _mean_score(m, a, [(-1, -1)])
    if len(a.tokens) == 1:
        return 0.0
    if is_org:
        same_length = len(m.tokens) == len(a.tokens)
        return _mean_score(m, a, [(i, i) for i in range(len(m.tokens))]) if same_length else 0.0
    return _person_alignment(m, a)


def _mean_score(m: Name, a: Name, pairs: list[tuple[int, int]]) -> float:
    scores = [token_score(m.tokens[i], m.skeletons[i], a.tokens[j], a.skeletons[j]) for i, j in pairs]
    return 0.0 if 0.0 in scores else sum(scores) / len(scores) / 100.0


def _person_alignment(m: Name, a: Name) -> float:
    """Mean of the first- and last-name scores; a two-word first name may be written as
    one (نور سلطان = نورسلطان, قاسم جومارت = قاسم-جومارت)."""
    last = token_score(m.tokens[-1], m.skeletons[-1], a.tokens[-1], a.skeletons[-1])
    if not last:
        return 0.0
    first = token_score(m.tokens[0], m.skeletons[0], a.tokens[0], a.skeletons[0])
    if not first:
        first = max((token_score(x, skeleton(x), y, skeleton(y)) for x, y in _joined_first_names(m, a)), default=0.0)
    return 0.0 if not first else (first + last) / 200.0


def _joined_first_names(m: Name, a: Name) -> list[tuple[str, str]]:
    pairs = []
    if len(m.tokens) > 2:
        pairs.append((m.tokens[0] + m.tokens[1], a.tokens[0]))
    if len(a.tokens) > 2:
        pairs.append((m.tokens[0], a.tokens[0] + a.tokens[1]))
    return pairs


def _unique_best(found: list[tuple[_Speaker, float]]) -> tuple[_Speaker, float] | None:
    """The best-scoring speaker; on a tie the one seeded speaker; else none (ambiguous)."""
    if not found:
        return None
    top = max(score for _, score in found)
    tied = [pair for pair in found if pair[1] == top]
    if len(tied) > 1:
        tied = [pair for pair in tied if pair[0].seeded]
    return tied[0] if len(tied) == 1 else None

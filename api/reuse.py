"""Quote reuse: group quotes that are one statement, incrementally (issue 7).

Pure logic, no I/O and no web framework: the SQLite store (``api.store.clusters``) and the
in-memory :class:`ReuseIndex` (used to regroup a whole store and in benchmarks) both call
:func:`features`, :func:`shortlist` and :func:`choose`, so placing quotes one by one and
regrouping from scratch give the same groups.

Placing a quote:

1. **Block by speaker**: only quotes with the same (linked) speaker id are candidates.
2. **Token index**: the quote's *terms* (``normalize_key`` words without clitics, light
   suffix stripping, function words dropped) are looked up in the speaker's postings;
   each term contributes at most :attr:`ReuseConfig.postings_per_term` of its most recent
   quotes, and only the :attr:`ReuseConfig.shortlist` quotes sharing the most terms go on.
3. **Score** the shortlist with :func:`similarity`: the mean of character-trigram
   containment over the stems (catches Arabic morphology: تسيس / بتسييسها, trimmed
   sub-spans) and rapidfuzz ``token_set_ratio`` over the stems (reordered clauses).
4. **Choose** the best candidate over its threshold (stricter inside one article, for
   short quotes, and far apart in time) and join its cluster; otherwise start a new
   cluster whose id is the quote's own id. Clusters never merge, so an id stays valid.
   Headlines join groups but are not indexed, so they never pull other quotes in.
5. **Verbatim across ids**: a quote that found nothing may still join a copy with the
   very same stems (≥ 5) filed under another speaker id, when one of the ids is
   provisional (the linker could not resolve one of the spellings).
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import msgspec
from rapidfuzz import fuzz

from extractors.normalize import normalize_key, word_core

# Function words that say nothing about which statement a quote is. Negations (لا لم لن
# ليس) are *kept*: "will" and "will not" are different statements.
STOPWORDS = frozenset(normalize_key(
    "في من إلى على عن أن إن أو ما مع هذا هذه ذلك تلك التي الذي الذين كان كانت قد ثم "
    "و ف ب ل ك هو هي هم نحن أنه أنها إنه بأن لأن كما بين عند حتى بعد قبل كل أي وقد لقد "
    "أيضا إذا حول خلال منذ ضد عبر"
).split())
# Longest first; stripped once when at least three letters stay.
_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "نا", "كم", "ات", "ون", "ين", "ان", "يه", "ه", "ي")
_PUNCT = "\"'.,:;!?()[]{}<>-–—…«»“”‘’،؛؟"


def stem(word: str) -> str:
    """A light stem of one ``normalize_key`` word: clitics and one pronoun/plural suffix off."""
    w = word_core(word)
    if w.isascii():
        return w
    for suffix in _SUFFIXES:
        if len(w) - len(suffix) >= 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


class ReuseConfig(msgspec.Struct, frozen=True, kw_only=True):
    """Thresholds, calibrated on ``fixtures/reuse_gold.json`` (see tests/unit/test_reuse.py).

    On the fixtures' gold texts every threshold in 0.45–0.55 gives pairwise P ≥ 0.95 and
    R ≥ 0.90 (P = R = 1.0 at 0.50–0.55); 0.52 sits inside that plateau.
    """

    threshold: float = 0.52          # different articles within ``window_days``
    same_article: float = 0.75       # two quotes of one article: a summary then the words
    far: float = 0.90                # published more than ``window_days`` apart
    window_days: int = 7
    short_stems: int = 3             # a quote with fewer stems than this must match nearly
    short_threshold: float = 0.85    # verbatim, and only a quote at most twice its length
    postings_per_term: int = 200     # most recent quotes a term contributes
    shortlist: int = 20              # candidates scored with rapidfuzz
    min_shared: int = 2              # terms a candidate must share (fewer if the quote has fewer)


DEFAULT_CONFIG = ReuseConfig()
# A quote with at least this many content stems may join a verbatim copy attributed to a
# different speaker id, when one of the two ids is provisional (see :func:`provisional`).
VERBATIM_MIN_STEMS = 5
VERBATIM_BLOCK = "*"  # the speaker key of the verbatim index


def provisional(speaker_id: str) -> bool:
    """An id the linker could not tie to the registry: ``u-`` (unresolved name, the
    store's :func:`api.store.speaker_id_for`) or ``x-`` (a name the linker learned). Two
    spellings of one person can get two such ids; two registry ids are two people."""
    return speaker_id.startswith(("u-", "x-"))


class Features(msgspec.Struct, frozen=True):
    """What matching needs of a quote's text."""

    stems: tuple[str, ...]
    terms: frozenset[str]
    grams: frozenset[str]
    joined: str

    @property
    def signature(self) -> str | None:
        """Key of the verbatim index: all stems, when there are enough to be distinctive."""
        return self.joined if len(self.stems) >= VERBATIM_MIN_STEMS else None

    @classmethod
    def from_stems(cls, stems: Sequence[str]) -> Features:
        stems = tuple(stems)
        grams = frozenset(itertools.chain.from_iterable(map(_word_grams, stems)))
        terms = frozenset(s for s in stems if len(s) >= 2)
        return cls(stems=stems, terms=terms, grams=grams, joined=" ".join(stems))


# Per-word work is memoised (a corpus repeats its words); bounded, so a long-running
# server's caches stay small.
@functools.lru_cache(maxsize=1 << 17)
def _word_grams(w: str) -> tuple[str, ...]:
    """Character trigrams of ``#w#``."""
    padded = f"#{w}#"
    return tuple(padded[i:i + 3] for i in range(len(padded) - 2))


@functools.lru_cache(maxsize=1 << 17)
def _content_stem(word: str) -> str | None:
    """:func:`stem` of a ``normalize_key`` word, None for a function word."""
    if word in STOPWORDS or word_core(word) in STOPWORDS:
        return None
    return stem(word)


def features(text: str) -> Features:
    """Stems of the content words of ``text``, its index terms and character trigrams."""
    return Features.from_stems([s for s in map(_content_stem, normalize_key(text).split()) if s is not None])


def similarity(a: Features, b: Features) -> float:
    """0–1: mean of trigram containment (of the shorter in the longer) and token_set_ratio."""
    if not a.grams or not b.grams:
        return 0.0
    containment = len(a.grams & b.grams) / min(len(a.grams), len(b.grams))
    token_set = fuzz.token_set_ratio(a.joined, b.joined, processor=None) / 100.0
    return 0.5 * containment + 0.5 * token_set


def day_number(published_at: str | None) -> int | None:
    """Proleptic ordinal of the date part of an ISO date/date-time, None when unknown/bad."""
    if not published_at:
        return None
    try:
        return dt.date.fromisoformat(published_at[:10]).toordinal()
    except ValueError:
        return None


class Item(msgspec.Struct, frozen=True):
    """A quote to place: ids, text and when it was published."""

    quote_id: int
    speaker_id: str
    article_id: int
    text: str
    published_at: str | None = None
    kind: str = "direct"

    @property
    def recruits(self) -> bool:
        """Whether later quotes may join a group through this one. A headline joins the
        group of what it summarises but recruits nobody: a summary mixing two statements
        would chain them together."""
        return self.kind != "headline"


class Candidate(msgspec.Struct, frozen=True):
    """A placed quote the new one may join."""

    quote_id: int
    cluster_id: int
    article_id: int
    day: int | None
    features: Features
    speaker_id: str = ""


class Placement(msgspec.Struct, frozen=True):
    """Where a quote went: its cluster, and the quote it matched (None: it starts one)."""

    quote_id: int
    cluster_id: int
    matched: int | None = None
    score: float | None = None


def shortlist(postings: Iterable[Sequence[int]], n_terms: int,
              config: ReuseConfig = DEFAULT_CONFIG) -> list[int]:
    """Quote ids sharing the most terms, best first (ties: most recent first).

    ``postings`` holds, for each term of the new quote, the ids of the speaker's earlier
    quotes with that term, at most ``config.postings_per_term`` of the most recent ones.
    """
    counts: Counter[int] = Counter(itertools.chain.from_iterable(postings))
    need = max(1, min(config.min_shared, n_terms))
    eligible = [q for q, c in counts.items() if c >= need] if need > 1 else counts
    # the same as sorted(key=(-count, -id))[:shortlist]: ids are unique, so no ties
    return heapq.nlargest(config.shortlist, eligible, key=lambda q: (counts[q], q))


def threshold_for(item_article: int, item_day: int | None, n_stems: int, cand: Candidate,
                  config: ReuseConfig = DEFAULT_CONFIG) -> float:
    """The score a candidate needs: stricter in one article, for short quotes, far in time."""
    need = config.same_article if cand.article_id == item_article else config.threshold
    if item_day is not None and cand.day is not None and abs(item_day - cand.day) > config.window_days:
        need = max(need, config.far)
    shorter, longer = sorted((n_stems, len(cand.features.stems)))
    if shorter < config.short_stems:
        if longer > 2 * shorter:  # a two-word fragment is in too many statements to tell
            return float("inf")
        need = max(need, config.short_threshold)
    return need


def choose(item: Item, feats: Features, candidates: Iterable[Candidate],
           config: ReuseConfig = DEFAULT_CONFIG) -> Placement:
    """Join the best-scoring candidate's cluster over its threshold, else start a cluster."""
    day = day_number(item.published_at)
    best: tuple[float, int, int] | None = None  # score, -cluster id, quote id
    for cand in candidates:
        score = similarity(feats, cand.features)
        if score < threshold_for(item.article_id, day, len(feats.stems), cand, config):
            continue
        key = (score, -cand.cluster_id, cand.quote_id)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None:
        return Placement(quote_id=item.quote_id, cluster_id=item.quote_id)
    return Placement(quote_id=item.quote_id, cluster_id=-best[1], matched=best[2],
                     score=round(best[0], 4))


def verbatim_candidates(item: Item, found: Iterable[Candidate]) -> list[Candidate]:
    """Same stems under another speaker id, where one of the two ids is provisional."""
    return [c for c in found if c.speaker_id != item.speaker_id
            and (provisional(c.speaker_id) or provisional(item.speaker_id))]


def placement_order(item: Item) -> tuple[int, bool, int]:
    """Sort key of placement: article by article as ingested, an article's headlines after
    its other quotes (so a headline can join what it summarises), then quote id."""
    return (item.article_id, not item.recruits, item.quote_id)


class ReuseIndex:
    """In-memory grouping over quotes placed in :func:`placement_order`.

    Same decisions as the store's incremental placement; used to regroup a whole store
    (``qawl reuse --rebuild``) and in benchmarks.
    """

    def __init__(self, config: ReuseConfig = DEFAULT_CONFIG) -> None:
        self.config = config
        self._postings: dict[tuple[str, str], list[int]] = {}
        self._placed: dict[int, Candidate] = {}

    def __len__(self) -> int:
        return len(self._placed)

    def place(self, item: Item, feats: Features | None = None) -> Placement:
        if item.quote_id in self._placed:
            raise ValueError(f"quote {item.quote_id} is already placed")
        feats = feats if feats is not None else features(item.text)
        per_term = self.config.postings_per_term
        keys = [(item.speaker_id, t) for t in sorted(feats.terms)]
        ids = shortlist((self._postings.get(k, ())[-per_term:] for k in keys), len(feats.terms), self.config)
        placement = choose(item, feats, (self._placed[q] for q in ids), self.config)
        sig = feats.signature
        if placement.matched is None and sig is not None:
            same = self._postings.get((VERBATIM_BLOCK, sig), ())[-per_term:]
            placement = choose(item, feats, verbatim_candidates(item, (self._placed[q] for q in same)),
                               self.config)
        self._placed[item.quote_id] = Candidate(
            quote_id=item.quote_id, cluster_id=placement.cluster_id, article_id=item.article_id,
            day=day_number(item.published_at), features=feats, speaker_id=item.speaker_id)
        if item.recruits:
            for k in keys:
                self._postings.setdefault(k, []).append(item.quote_id)
            if sig is not None:
                self._postings.setdefault((VERBATIM_BLOCK, sig), []).append(item.quote_id)
        return placement

    def cluster_of(self, quote_id: int) -> int | None:
        cand = self._placed.get(quote_id)
        return cand.cluster_id if cand else None


def group(items: Iterable[Item], config: ReuseConfig = DEFAULT_CONFIG) -> dict[int, int]:
    """quote id → cluster id for ``items`` placed in id order."""
    index = ReuseIndex(config)
    return {p.quote_id: p.cluster_id for p in (index.place(it) for it in sorted(items, key=placement_order))}


# --- what a group tells a journalist ---------------------------------------------------
class Drift(msgspec.Struct, frozen=True):
    """Words of the first appearance this one lacks, and words it adds (surface forms)."""

    dropped: list[str]
    added: list[str]


def _surface_words(text: str) -> list[tuple[str, str]]:
    """(surface word, comparison key) for each word; the key folds spelling and clitics."""
    out = []
    for raw in text.split():  # not \w runs: harakat and shadda are not word characters
        key = normalize_key(raw)
        if key:
            out.append((raw.strip(_PUNCT), " ".join(stem(k) for k in key.split())))
    return out


def drift(first: str, text: str) -> Drift:
    """How ``text`` differs from ``first``, word by word (order and repeats ignored)."""
    a, b = _surface_words(first), _surface_words(text)
    keys_a, keys_b = {k for _, k in a}, {k for _, k in b}
    seen: set[str] = set()
    dropped = [w for w, k in a if k not in keys_b and not (k in seen or seen.add(k))]
    seen = set()
    added = [w for w, k in b if k not in keys_a and not (k in seen or seen.add(k))]
    return Drift(dropped=dropped, added=added)


# Agencies an article may name as where the words came from (normalize_key forms match).
AGENCIES = (
    "واس", "سانا", "أ.ش.أ", "أ ش أ", "وكالة أنباء الشرق الأوسط", "رويترز", "فرانس برس",
    "أ ف ب", "أسوشيتد برس", "الأناضول", "تاس", "نوفوستي", "ريا نوفوستي", "شينخوا", "إرنا",
    "د ب أ", "وام", "كونا", "بترا", "قنا", "وكالة الأنباء السعودية", "سبوتنيك", "إنترفاكس",
)
_AGENCY_KEYS = tuple(sorted({normalize_key(a) for a in AGENCIES}, key=len, reverse=True))
_AGENCY_RE = re.compile(r"(?:^| )(" + "|".join(re.escape(k) for k in _AGENCY_KEYS) + r")(?= |$)")


def credit_for(*, source: str | None, article_credit: str | None, article_text: str | None) -> str | None:
    """Whom an appearance credits: the quote's own source, the article's credit line, or an
    agency the article names; None when it credits nobody (a copy without credit)."""
    if source and source.strip():
        return source.strip()
    if article_credit and article_credit.strip():
        return article_credit.strip()
    if article_text:
        m = _AGENCY_RE.search(normalize_key(article_text))
        if m:
            return m.group(1)
    return None


__all__ = [
    "AGENCIES", "Candidate", "DEFAULT_CONFIG", "Drift", "Features", "Item", "Placement",
    "ReuseConfig", "ReuseIndex", "STOPWORDS", "choose", "credit_for", "day_number", "drift",
    "features", "group", "placement_order", "provisional", "verbatim_candidates", "shortlist", "similarity", "stem", "threshold_for",
]

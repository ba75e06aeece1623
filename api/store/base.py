"""The narrow store interface every backend implements (SQLite now, PostgreSQL later).

Records crossing the interface are msgspec Structs; the HTTP layer turns them into
response bodies without touching SQL. Offsets are code-point indices into the stored
article text (``text[start:end] == quote.text``).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

import msgspec

from extractors.normalize import normalize_key, word_core
from extractors.types import Cue, Extraction, Quote, Segment, Speaker, SpeakerType

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from .archive import ImportStats, Record
    from .clusters import Cluster, ClusterFilter, RebuildStats
    from .editorial import ArticleDiff, Correction, Edit, QuoteRecord, Tombstone


class ArticleRef(msgspec.Struct, frozen=True):
    """Where a quote appeared."""

    id: int
    outlet: str | None
    published_at: str | None
    url: str | None


class StoredQuote(Quote, frozen=True, kw_only=True):
    """A stored quote: the fields of :class:`extractors.types.Quote` plus its id and article."""

    id: int
    article: ArticleRef


class NewArticle(msgspec.Struct, frozen=True):
    """An article to store: text as it will be kept (offsets index it) plus metadata."""

    text: str
    url: str | None = None
    outlet: str | None = None
    published_at: str | None = None
    headline: str | None = None
    doc: str | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


class StoredArticle(msgspec.Struct, frozen=True):
    id: int
    content_hash: str
    url: str | None
    outlet: str | None
    headline: str | None
    published_at: str | None
    credit: str | None
    text: str
    segments: list[Segment]
    extractor_version: str
    ingested_at: str


class SaveResult(msgspec.Struct, frozen=True):
    article_id: int
    created: bool
    quote_ids: list[int]


class SpeakerRecord(msgspec.Struct, frozen=True):
    id: str
    name: str
    type: SpeakerType
    aliases: list[str]
    quote_count: int


class SpeakerEntry(msgspec.Struct, frozen=True):
    """A speaker to remember without a quote: registry entries, a linker's learned names."""

    id: str
    name: str
    type: SpeakerType
    aliases: list[str]


class SpeakerStats(msgspec.Struct, frozen=True):
    """Quote counts of one speaker: total, by kind and by outlet, first and last date."""

    total: int
    by_kind: dict[str, int]
    by_outlet: dict[str, int]
    first_quoted: str | None
    last_quoted: str | None


class QuoteFilter(msgspec.Struct, frozen=True, kw_only=True):
    """Filters of the quote lists; dates are ISO ``YYYY-MM-DD`` bounds, both inclusive."""

    speaker_ids: list[str] | None = None
    q: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    kind: str | None = None


class Page(msgspec.Struct, frozen=True):
    items: list
    next: str | None


class StoreStats(msgspec.Struct, frozen=True):
    backend: str
    location: str
    schema_version: int
    articles: int
    quotes: int
    speakers: int


@runtime_checkable
class Store(Protocol):
    """What the API and CLI need from a store. Implementations must be thread-safe
    (and subclass it explicitly, which keeps the per-request isinstance check cheap)."""

    def close(self) -> None: ...
    def stats(self) -> StoreStats: ...

    # writes
    def find_article(self, *, url: str | None, outlet: str | None, content_hash: str) -> int | None:
        """Id of an already stored article: same url, or same outlet and content hash."""
    def save_article(
        self, article: NewArticle, extraction: Extraction, *, extractor_version: str
    ) -> SaveResult:
        """Store article, segments, speakers, aliases and quotes in one transaction.

        Idempotent: a duplicate (see :meth:`find_article`) returns the existing id with
        ``created=False`` and changes nothing.
        """
    def save_speakers(self, speakers: list[SpeakerEntry], *, origin: str) -> None:
        """Upsert speakers and add their aliases (``origin``: registry, learned, ...)."""
    def load_speakers(self, *, origin: str | None = None) -> list[SpeakerEntry]:
        """Speakers saved with ``origin`` (all when None), with every alias."""

    # reads
    def get_article(self, article_id: int) -> StoredArticle | None: ...
    def article_quotes(self, article_id: int) -> list[StoredQuote]: ...
    def get_quote(self, quote_id: int) -> StoredQuote | None: ...
    def list_quotes(self, filters: QuoteFilter, *, limit: int, cursor: str | None) -> Page:
        """Quotes matching ``filters``, newest first (published date, then ingestion)."""
    def get_speaker(self, speaker_id: str) -> SpeakerRecord | None: ...
    def speaker_stats(self, speaker_id: str) -> SpeakerStats: ...
    def search_speakers(self, q: str | None, *, limit: int, cursor: str | None) -> Page:
        """Speakers whose name or any alias matches ``q`` (Arabic or Latin spelling)."""
    def resolve_speakers(self, id_or_name: str) -> list[str]:
        """Speaker ids for an id or a name (any known spelling)."""

    # quote reuse (issue 7; records in api/store/clusters.py)
    def quote_cluster(self, quote_id: int) -> Cluster | None:
        """The reuse group of a quote (None: no such quote, or not grouped yet)."""
    def get_cluster(self, cluster_id: int) -> Cluster | None: ...
    def list_clusters(self, filters: ClusterFilter, *, limit: int, cursor: str | None) -> Page:
        """Reuse groups newest first (last appearance), items :class:`ClusterSummary`."""
    def rebuild_clusters(self) -> RebuildStats:
        """Regroup every quote from scratch; the same groups as placing them one by one."""

    # editorial control (issue 9; records in api/store/editorial.py and api/store/archive.py).
    # Corrections raise editorial.UnknownRecord (404) or editorial.BadEdit (422) and then
    # change nothing; each is recorded with its Edit (who, why) and the time.
    def reassign_speaker(self, quote_id: int, speaker_id: str, edit: Edit) -> Correction: ...
    def set_quote_status(self, quote_id: int, status: str, edit: Edit) -> Correction:
        """verified, or rejected: the quote leaves every answer but :meth:`quote_record`."""
    def fix_span(self, quote_id: int, start: int, end: int, text: str | None, edit: Edit) -> Correction: ...
    def add_quote(self, article_id: int, start: int, end: int, text: str | None, speaker_id: str,
                  kind: str, edit: Edit) -> Correction: ...
    def merge_speakers(self, source_ids: list[str], target_id: str, edit: Edit) -> Correction:
        """Quotes and aliases move; later extractions of a source id go to the target."""
    def split_speaker(self, speaker_id: str, quote_ids: list[int], *, new_id: str | None, name: str,
                      type: str, edit: Edit) -> Correction: ...
    def take_down(self, article_id: int, edit: Edit, *, purge: bool = False) -> Tombstone:
        """Article and quotes leave every answer (get_article gives None); ``purge`` erases the text."""
    def get_tombstone(self, article_id: int) -> Tombstone | None: ...
    def quote_record(self, quote_id: int) -> QuoteRecord | None:
        """Any quote but a taken-down one: rejected, dropped, of an older revision, with its status."""
    def quote_history(self, quote_id: int) -> list[Correction] | None: ...
    def article_ids(self, *, since: str | None = None) -> list[int]: ...
    def reextract_article(self, article_id: int, extraction: Extraction, *, extractor_version: str,
                          content_hash: str, apply: bool) -> ArticleDiff | None:
        """Reconcile with a new extraction in one transaction (rolled back unless ``apply``)."""
    def save_revision(self, article_id: int, article: NewArticle, extraction: Extraction, *,
                      extractor_version: str) -> SaveResult:
        """A changed text for a stored url; the old text and quotes stay as history."""
    def export_records(self) -> Iterator[Record]: ...
    def import_records(self, records: Iterable[Record]) -> ImportStats:
        """Into an empty store only (archive.NotEmpty otherwise); ids are kept."""


class BadCursor(ValueError):
    """A pagination cursor that this store did not issue."""


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def speaker_id_for(speaker: Speaker) -> str:
    """The linked id, or a deterministic one from the normalised name."""
    if speaker.id:
        return speaker.id
    key = normalize_key(speaker.name) or normalize_key(speaker.mention) or "?"
    return "u-" + hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


# --- full-text terms ------------------------------------------------------------------
# Arabic writes conjunctions, prepositions and the article onto the word: «بالإملاءات»
# must be found by «الاملاءات». Each indexed word also contributes its clitic-free core,
# and each query word is looked up by its core (``word_core``), so every spelling meets
# in the middle.
def index_terms(text: str) -> str:
    """The FTS document of a quote: every normalised word and its core."""
    out = []
    for word in normalize_key(text).split():
        out.append(word)
        core = word_core(word)
        if core != word:
            out.append(core)
    return " ".join(out)


def query_terms(q: str) -> list[str]:
    """The terms a search needs, all of them: the core of every normalised query word."""
    return [word_core(w) for w in normalize_key(q).split()]


# --- Latin / Arabic consonant skeletons, so "Lavrov" finds «لافروف» -------------------
# Long vowels and alef are dropped; letters that transliterate alike share a symbol.
_AR_SKELETON = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d",
    "ر": "r", "ز": "z", "س": "s", "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "و": "", "ي": "", "ا": "", "ء": "", "پ": "b", "ڤ": "f", "چ": "j",
})
_LATIN_DIGRAPHS = (("sch", "S"), ("sh", "S"), ("ch", "S"), ("kh", "k"), ("gh", "g"),
                   ("th", "t"), ("dh", "d"), ("ph", "f"), ("ck", "k"))
_LATIN_SKELETON = str.maketrans({
    "a": "", "e": "", "i": "", "o": "", "u": "", "y": "", "w": "", "v": "f", "p": "b",
    "c": "k", "q": "k", "g": "g", "x": "ks",
})


def skeleton(text: str) -> str:
    """A script-neutral consonant skeleton of each word of a name, space separated."""
    words = []
    for word in normalize_key(text).split():
        if word.isascii():
            w = word
            for digraph, sym in _LATIN_DIGRAPHS:
                w = w.replace(digraph, sym)
            w = w.translate(_LATIN_SKELETON)
        else:
            if word.startswith("ال") and len(word) > 3:
                word = word[2:]
            w = word.translate(_AR_SKELETON)
        # collapse doubled consonants (Lavrov ~ لافروف, Muhammad ~ محمد)
        collapsed = "".join(c for i, c in enumerate(w) if i == 0 or c != w[i - 1])
        if collapsed and not collapsed.isdigit():
            words.append(collapsed)
    return " ".join(words)


QuoteKindFilter = Literal["direct", "indirect", "mixed", "headline"]

__all__ = [
    "ArticleRef", "BadCursor", "Cue", "NewArticle", "Page", "QuoteFilter", "SaveResult",
    "SpeakerEntry", "SpeakerRecord", "SpeakerStats", "Store", "StoreStats", "StoredArticle", "StoredQuote",
    "content_hash", "index_terms", "query_terms", "skeleton", "speaker_id_for", "word_core",
]


def rank_alias_matches(words: list[str], skel: list[str], rows) -> dict[str, int]:
    """Speaker id → best rank of its aliases among ``rows`` ((speaker_id, key, skeleton)):
    0 the whole key, 1 every query word starts an alias word, 2 the same by consonant
    skeleton ("Lavrov" ~ لافروف)."""

    def words_match(query: list[str], alias: list[str]) -> bool:
        return bool(query) and all(any(a == w or (len(w) >= 3 and a.startswith(w)) for a in alias) for w in query)

    best: dict[str, int] = {}
    key = " ".join(words)
    for sid, akey, askel in rows:
        if akey == key:
            rank = 0
        elif words_match(words, akey.split()):
            rank = 1
        elif len("".join(skel)) >= 3 and words_match(skel, askel.split()):
            rank = 2
        else:
            continue
        best[sid] = min(rank, best.get(sid, 9))
    return best

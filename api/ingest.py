"""Extract, link and store one article: shared by ``POST /api/v1/articles`` and ``qawl ingest``."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import importlib.resources
import threading
from functools import lru_cache
from typing import Protocol

import msgspec

from api.errors import BadRequest, Conflict, PayloadTooLarge, Unprocessable
from api.schemas import ArticleIn
from api.store import NewArticle, SaveResult, SpeakerEntry, Store
from extractors.normalize import normalize_key
from extractors.types import Extraction, Speaker

_article_decoder = msgspec.json.Decoder(ArticleIn)


class Extractor(Protocol):
    def extract(self, text: str, *, doc: str, published: str | None = None) -> Extraction: ...


def load_pipeline(linker: object | None = None) -> Extractor:
    """The extraction pipeline (rule data loaded once), linking through ``linker``
    (by default its own, over the shipped registry)."""
    from extractors.pipeline import Pipeline

    return Pipeline(linker=linker) if linker is not None else Pipeline()


def package_version() -> str:
    try:
        return importlib.metadata.version("qawl")
    except importlib.metadata.PackageNotFoundError:
        return "0.1.0+src"


@lru_cache(maxsize=1)
def rules_hash() -> str:
    """Hash of the packaged rule data, so a rule change shows in the version."""
    digest = hashlib.sha256()
    root = importlib.resources.files("extractors") / "resources"
    for entry in sorted(root.iterdir(), key=lambda e: e.name) if root.is_dir() else []:
        if entry.is_file():
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:12]


def extractor_version(pipeline: object) -> str:
    explicit = getattr(pipeline, "version", None)
    if isinstance(explicit, str) and explicit:
        return explicit
    return f"{package_version()}+rules.{rules_hash()}"


def clean_text(text: str) -> str:
    """The text as stored and extracted: no BOM, ``\\n`` line ends."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def decode_article_json(raw: bytes) -> ArticleIn:
    try:
        item = _article_decoder.decode(raw)
    except msgspec.ValidationError as exc:
        raise BadRequest(f"invalid article: {exc}") from None
    except msgspec.DecodeError as exc:
        raise BadRequest(f"malformed JSON: {exc}") from None
    except UnicodeDecodeError as exc:  # msgspec decodes strings late: bad UTF-8 inside one
        raise BadRequest(f"malformed JSON: not UTF-8 (byte {exc.start} of a string)") from None
    if item.html is not None:  # a saved page: text and metadata come out of the HTML
        from api.html import html_article

        item = html_article(item.html, url=item.url, outlet=item.outlet,
                            published_at=item.published_at, headline=item.headline)
    return item


def decode_article_text(raw: bytes) -> ArticleIn:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"the body is not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise BadRequest("invalid article: text is blank")
    return ArticleIn(text=text)


class Ingestor:
    """Extract outside the write transaction, then store in one transaction.

    Extraction is serialised by a lock: the speaker linker learns as it links and is not
    thread-safe (and extraction is CPU-bound under the GIL anyway). The linker is the
    pipeline's own (``pipeline.linker``); only a pipeline without one gets ``linker``
    applied here, to every quote left unlinked. The registry is copied into the store at
    start, what the linker learned before is loaded back, and what it learns is saved with
    each article, so unknown speakers keep their ids across restarts. A quote the
    pipeline deliberately leaves unlinked (an unresolved title) is stored under an id
    derived from its name.
    """

    def __init__(self, store: Store, pipeline: Extractor, *, max_text_chars: int,
                 linker: object | None = None, max_quotes: int = 2000) -> None:
        self.store = store
        self.pipeline = pipeline
        self.max_text_chars = max_text_chars
        self.max_quotes = max_quotes
        self.version = extractor_version(pipeline)
        self._lock = threading.Lock()
        own = getattr(pipeline, "linker", None)
        self.linker = own if own is not None else linker
        self._link_here = own is None and linker is not None
        self._saved: dict[str, tuple] = {}
        if self.linker is not None:
            self._sync_linker_at_start()

    def _sync_linker_at_start(self) -> None:
        registry = getattr(self.linker, "registry", None)
        if registry is not None:
            self.store.save_speakers(
                [SpeakerEntry(id=s.id, name=s.name, type=s.type,
                              aliases=[a for a in (s.latin, *s.spellings) if a])
                 for s in registry.speakers], origin="registry")
        learned = self.store.load_speakers(origin="learned")
        if learned:
            from extractors.linking import SpeakerRecord

            # (the store keeps the name apart from the aliases; the linker indexed it too)
            self.linker.load_learned([SpeakerRecord(e.id, e.name, e.type, [e.name, *filter(self._spelling, e.aliases)])
                                      for e in learned])
        self._learned_changes()  # what is loaded is already saved

    def _spelling(self, alias: str) -> bool:
        """Whether a stored alias may be loaded back as a spelling of its speaker's name. The
        store keeps every surface a quote named its speaker by, for search; a title among
        them («المبعوث الأممي» for the envoy one article named) is no name: linked as one, it
        would stand for him in every later article, whoever holds the title there. A word the
        rules read as a title, body, state or cue marks such a surface."""
        lexicon_word = getattr(self.pipeline, "lexicon_word", None)
        return lexicon_word is None or not any(lexicon_word(w) for w in normalize_key(alias).split())

    def _learned_changes(self) -> list[SpeakerEntry]:
        changed = []
        for record in self.linker.learned():
            state = (record.name, record.type, tuple(record.aliases))
            if self._saved.get(record.id) != state:
                self._saved[record.id] = state
                changed.append(SpeakerEntry(id=record.id, name=record.name, type=record.type,
                                            aliases=list(record.aliases)))
        return changed

    def _link(self, extraction: Extraction, published: str | None) -> Extraction:
        try:
            day = dt.date.fromisoformat(published[:10]) if published else None
        except ValueError:
            day = None
        quotes = []
        for quote in extraction.quotes:
            speaker = quote.speaker
            if speaker.id is None and (speaker.name.strip() or speaker.mention.strip()):
                try:
                    link = self.linker.link(speaker.name if speaker.name.strip() else speaker.mention, on=day)
                except ValueError:  # nothing linkable in the name
                    link = None
                if link is not None:
                    speaker = Speaker(name=link.name, mention=speaker.mention,
                                      type=link.type if link.type != "unknown" else speaker.type,
                                      start=speaker.start, end=speaker.end, id=link.speaker_id)
                    quote = msgspec.structs.replace(quote, speaker=speaker)
            quotes.append(quote)
        return msgspec.structs.replace(extraction, quotes=quotes)

    def ingest(self, item: ArticleIn, *, doc: str | None = None) -> SaveResult:
        text = clean_text(item.text)
        if len(text) > self.max_text_chars:
            raise PayloadTooLarge(
                f"article text has {len(text)} characters; the limit is {self.max_text_chars}"
                " (QAWL_MAX_TEXT_CHARS)")
        article = NewArticle(text=text, url=item.url, outlet=item.outlet,
                             published_at=item.published_at, headline=item.headline,
                             doc=doc or item.url or "api")
        existing = self.store.find_article(url=article.url, outlet=article.outlet,
                                           content_hash=article.content_hash)
        if existing is not None and not self._is_revision(existing, article):
            return SaveResult(article_id=existing, created=False, quote_ids=[])
        with self._lock:
            extraction = self._extract(text, doc=article.doc, published=article.published_at)
            if len(extraction.quotes) > self.max_quotes:  # nothing is stored
                raise Unprocessable(
                    f"the article yields {len(extraction.quotes)} quotes; the limit is {self.max_quotes}"
                    " (QAWL_MAX_QUOTES): is it one article?")
            if existing is not None:  # a changed text for a known url: a new revision (issue 9)
                twin = self.store.find_article(url=None, outlet=article.outlet, content_hash=article.content_hash)
                if twin is not None and twin != existing:  # the new text is another stored article's
                    raise Conflict(f"article {twin} of this outlet already has this text; article {existing}"
                                   f" ({article.url}) keeps its own")
                revised = self.store.save_revision(existing, article, extraction, extractor_version=self.version)
                result = SaveResult(article_id=existing, created=False, quote_ids=revised.quote_ids)
                if revised.created:
                    self.save_learned()
            else:
                result = self.store.save_article(article, extraction, extractor_version=self.version)
                if result.created:
                    self.save_learned()
        return result

    def _is_revision(self, article_id: int, article: NewArticle) -> bool:
        if not article.url or not hasattr(self.store, "save_revision"):
            return False
        stored = self.store.get_article(article_id)
        return stored is not None and stored.url == article.url and stored.content_hash != article.content_hash

    def _extract(self, text: str, *, doc: str, published: str | None) -> Extraction:
        extraction = self.pipeline.extract(text, doc=doc, published=published)
        if not isinstance(extraction, Extraction):
            raise Unprocessable("the extractor returned no result for this text")
        if self._link_here:
            extraction = self._link(extraction, published or extraction.article.published)
        return extraction

    def extract(self, text: str, *, doc: str, published: str | None) -> Extraction:
        """Extract and link without storing (``qawl reextract``); call :meth:`save_learned` after."""
        with self._lock:
            return self._extract(text, doc=doc, published=published)

    def save_learned(self) -> None:
        """Store the names the linker learned (after their quotes' speakers exist)."""
        if self.linker is not None:
            if changes := self._learned_changes():
                self.store.save_speakers(changes, origin="learned")

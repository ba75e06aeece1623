"""The extraction pipeline: text → structure → normalise → cues → quote spans → speakers.

Build one :class:`Pipeline` (it compiles the rule data) and call :meth:`Pipeline.extract`
per article. Every offset it returns points into the text it was given.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from typing import Final

import msgspec

from .cues import CueHit, CueScanner
from .normalize import Normalized, normalize, normalize_key, normalize_text
from .positions import bisect_left, bisect_right
from .quotes import (TIME_CONJUNCTIONS as _TIME_CONJUNCTIONS, Opener, Pair, QuoteMarks, ends_sentence, find_opener, last_joined_pair, sentence_end,
                     sentence_start, trim)
from .resources import rules_fingerprint
from .segment import Block, StructureReader
from .linking import Link, Linker, Role
from .speakers import (MAX_NAME_TOKENS, ArticleSpeakers, Display, before_addressee, Mention, counterpart_holds, counterpart_title, counterparts, MentionKind, Resolved, Via, Vocabulary, is_office, parse_subject,
                       same_title_exactly, speaks_for_another, title_covers, title_nation)
from .types import Article, Cue, Extraction, Quote, QuoteKind, SegmentKind, Speaker
from .words import Token, TokenIndex, Words, tokens, words

MIN_HEADLINE_WORDS: Final = 3
EMBEDDING_WINDOW: Final = 60  # characters before a cue searched for someone else's أن/إن
EMBEDDING_WORDS: Final = 4
MIN_OBJECT_WORDS: Final = 3  # a noun-phrase object shorter than this is no statement
MAX_OBJECT_ADJUNCT_WORDS: Final = 6  # adjunct words before the preposition that opens an object
MAX_PARTICIPLE_GAP: Final = 2  # words between a participle and its أن ("لافتا، إلى أن")
MAX_SVO_WORDS: Final = 6  # a subject before its cue: "وزارة التجارة الصينية اتهمت"
MAX_SVO_WORDS_WITH_CLAUSE: Final = 20  # ... or a subject and a relative clause about it
# A dateline opening an article's first paragraph: "دبي، الإمارات العربية المتحدة (CNN) --",
# "موسكو - سانا", "سبق- الرياض:".
_DATELINE_RE: Final = re.compile(r"[^.،\n]{1,40}(?:،[^.،\n]{1,40})?(?:\([^()\n]{1,20}\)\s*)?(?:--|–|—|-|:)\s*")
MAX_HEADLINE_SUBJECT: Final = 60  # characters of a headline's claim read for its own subject
_THIRD_PERSON_IMPERFECT: Final = ("ي", "ت")  # "يفتح", "تطلق"
_HEADLINE_BREAKS: Final = (".", "؟", "?", "!", "»", '"', "”", "،", ",", "|", "-")
_OBJECT_PREPOSITIONS: Final = frozenset(normalize_text(w) for w in ("على", "إلى", "من", "عن"))
_ILA: Final = normalize_text("إلى")
_AUXILIARIES: Final = frozenset({"كان", "كانت", "كانوا", "وكان", "وكانت", "وكانوا"})  # "وكانوا قد هددوا": no subject
_ISSUED: Final = frozenset({"صادر", "صادره"})  # "بيان صادر عن ...", ة folded
_RELATIVE_PRONOUNS: Final = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللاتي"})
_WHAT: Final = frozenset({"ما", "مما", "عما"})  # "what" (or a negation) before a cue
_QALA: Final = "قال"
INTRODUCTION_WINDOW: Final = 200  # characters from a title's place read for the name it introduces
MAX_EARLIER_INTRODUCTIONS: Final = 20  # a short title looks this far back for its longer form
MAX_SOURCE_WORDS: Final = 4  # "قناة القاهرة الإخبارية": an outlet word and its name
MAX_TRAILING_SOURCE_WORDS: Final = 24  # words read after "بحسب"/"وفقا لـ" for who or what is the source
MAX_SUBJECT_SEARCH: Final = 12  # words from sentence start searched for the subject of its verb
REFERENT_WINDOW: Final = 80  # characters after "مشيرا إلى" read for the person it points at
CLAUSE_WINDOW: Final = 200  # characters before a participle searched for the أن of its clause
MAX_NAME_TOKENS_RELAYED: Final = 8  # words after an office's أن read for its head and a cue
MAX_TOLD_SPEAKERS: Final = 8
AGREEMENT_WINDOW: Final = 300  # characters before a subjectless cue searched for a subject that agrees
MAX_NAME_TOKENS_AGREEING: Final = 5  # speakers a subjectless cue looks back over for one that agrees
MAX_ROLE_PEOPLE: Final = 12  # people named last in a segment asked whether the registry gives them a title
RELATIVE_WINDOW: Final = 120  # characters before a cue read for "لروسيا التي" / "لحماس التي دانت ... قائلة"
COUNTERPART_WORDS: Final = 16  # words read after "نظيريه" for the nationalities and names it introduces
MAX_RELATIVE_CLAUSE_WORDS: Final = 4  # words between a relative pronoun and a participle its antecedent says
# "نقل عن X قوله" and its kin ("تأكيده", "إشارته"), in folded spelling
_QAWL_WORDS: Final = frozenset({"قوله", "قولها", "قولهم", "قولهما", "تاكيده", "تاكيدها", "اشارته", "اشارتها", "تحذيره", "تحذيرها"})
_POSSESSIVE_SUFFIXES: Final = ("ه", "ها", "هم", "هما")
_PLURAL_TITLE_ENDINGS: Final = ("ون", "يين", "ولين")  # "مسؤولون", "الدبلوماسيين", "المسؤولين"
_HEADLINE_RE: Final = re.compile(r"^([^:\n]{1,80}?)\s*:\s*(\S.*)$")
_LEADING_COMPLEMENT_RE: Final = re.compile(r"^(?:[إا]ن|ب[أا]ن)\s")
_NOT_TRAILER_RE: Final = re.compile(r"[^ .،]")
_CLAUSE_MARK_RE: Final = re.compile(r"[.،,:؛;\"«»“”()!?؟\n-]")
_TRIM_WORDS: Final = " .،,؛;:"
_MAX_TAIL_WORDS: Final = 3  # words after a closing mark that still finish the quoted sentence


class _Places:
    """Where a title stands in a segment, and which of its places introduce someone."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        self.read = 0  # places[:read] are read with their whole window
        self.found: list[Mention] = []  # who those places introduce, when they do
        self.found_at: list[int] = []  # ... and which place each is


def package_version() -> str:
    try:
        return version("qawl")
    except PackageNotFoundError:
        return "0+unknown"


class Candidate:
    """A cue with its content opener, before content ends are known. A plain class, native
    when compiled: the rules read its fields at every step, and it never leaves this module."""

    __slots__ = ("hit", "opener", "mention", "source", "implicit", "stance")

    def __init__(self, hit: CueHit, opener: Opener, mention: Mention | None, source: str | None, implicit: bool,
                 stance: bool = False) -> None:
        self.hit = hit
        self.opener = opener
        self.mention = mention
        self.source = source
        self.implicit = implicit
        self.stance = stance  # "أكد تفهمه ...": names who the passage is about, quotes nothing

    def relayed_by(self, source: str | None) -> Candidate:
        return Candidate(self.hit, self.opener, self.mention, source, self.implicit, self.stance)

    def said_by(self, mention: Mention) -> Candidate:
        return Candidate(self.hit, self.opener, mention, self.source, False, self.stance)


class _Segment:
    """Discourse state that must not leak across segment boundaries."""

    def __init__(self, lex: Words, display: Display, start: int, nation_of: Callable[[str], str | None]) -> None:
        self.people = ArticleSpeakers(lex, display, nation_of)
        self.last: Resolved | None = None
        self.start = start  # normalised offset where the segment begins
        # the last speakers named, with how they were introduced ("f" a feminine verb or
        # title, "p" a plural one, "m" a masculine singular, "" not told), newest last
        self.told: list[tuple[Resolved, str]] = []
        self.titles: dict[str, set[str]] = {}  # a speaker → the titles cues named them with

    def remember(self, resolved: Resolved, told: str, title: str | None = None) -> None:
        self.last = resolved
        if title and resolved.via in ("name", "surname", "title", "unresolved"):
            self.titles.setdefault(resolved.name, set()).add(title)
        if told or not self.told or self.told[-1][0].name != resolved.name:
            self.told.append((resolved, told))
            del self.told[:-MAX_TOLD_SPEAKERS]

    def agreeing(self, agreement: str, back: int) -> tuple[Resolved, str] | None:
        """The latest of the last ``back`` speakers a subjectless cue of this agreement may
        continue: "وقالت" not a man introduced with "قال", "وقالوا" not one named person."""
        for resolved, told in reversed(self.told[-back:]):
            if _agrees(told, agreement, resolved.kind):
                return resolved, told
        return None


def _holds_role(titles: set[str], role: frozenset[str]) -> bool:
    """Whether one of a speaker's titles (normalised) has a word of the role ("متحدث باسم ...")."""
    return any(word.removeprefix("ال") in role for known in titles for word in known.split())


def _agrees(told: str, agreement: str, kind: MentionKind) -> bool:
    if agreement == "p":
        return told == "p" or not told and kind != "person"
    # a body is "it" in either gender ("أدانت حركة حماس ...، وقال في بيان")
    return not agreement or told in ("", agreement) or kind == "organization" and told != "p"


class Pipeline:
    """Build once: compiles the rules. ``linker`` maps speakers to registry ids (a fresh
    one over the shipped registry by default; pass the store's to share what it learned)."""

    def __init__(self, linker: Linker | None = None) -> None:
        self.scanner = CueScanner()
        self.reader = StructureReader(cues=self.scanner)
        self.lex = words()
        self.linker = linker or Linker()
        self.name_words = frozenset(
            word
            for speaker in self.linker.registry.speakers
            if speaker.type == "person"
            for spelling in speaker.spellings
            for word in normalize_key(spelling).split()
            if len(word) > 2 and not self.lexicon_word(word)
        )
        # a registry speaker's titles (normalised), for a title the article gives no name:
        # "المرشد الأعلى" after "علي خامنئي", "رئيس الحكومة الإسرائيلية" after "نتنياهو"
        self.role_titles: dict[str, list[tuple[str, Role]]] = {}
        for speaker in self.linker.registry.speakers:
            for role in speaker.roles:
                self.role_titles.setdefault(speaker.id, []).append((normalize_text(role.title), role))
        self.version = f"{package_version()}+{rules_fingerprint()}"

    def lexicon_word(self, word: str) -> bool:
        """A word the rules already read some other way ("بين", "إسرائيل", "وزير") never
        counts as a name word, whatever spelling in the registry contains it."""
        lex = self.lex
        return any(word in group for group in (
            lex.title_heads, lex.organization_heads, lex.adjunct_starters, lex.states,
            lex.complementisers, lex.cue_blockers, self.scanner.forms,
        ))

    def extract(self, text: str, *, doc: str = "", published: str | None = None) -> Extraction:
        structure = self.reader.read(text)
        norm = normalize(text)
        published = published or structure.published
        words = TokenIndex(norm.text, self.lex.glued_title_heads)  # one tokenisation: the cue scan's and every window's
        run = _Run(self, text, norm, words, doc, _as_date(published))
        hits = self.scanner.scan(norm, words=words)
        hit_starts = [hit.form_start for hit in hits]
        segments: dict[int, _Segment] = {}
        # headlines are read last, so "لافروف: ..." resolves against the names the body gives
        for block in sorted(structure.blocks, key=lambda b: b.is_headline):
            if block.segment not in segments:
                segments[block.segment] = _Segment(
                    self.lex, run.display, norm.to_normalized(structure.segments[block.segment].start), run.nation_of
                )
            run.read_block(block, hits, hit_starts, segments[block.segment], structure.segments[block.segment].kind)
        run.settle()
        run.quotes.sort(key=lambda q: q.start)
        article = Article(
            doc=doc,
            headline=structure.headline,
            headline_start=structure.headline_start,
            published=published,
            credit=structure.credit,
            segments=structure.segments,
        )
        return Extraction(article, run.quotes)


class _Run:
    """One article's pass: holds the texts and collects the quotes."""

    def __init__(self, pipeline: Pipeline, text: str, norm: Normalized, words: TokenIndex, doc: str,
                 day: date | None) -> None:
        self.lex = pipeline.lex
        self.linker = pipeline.linker
        self.role_titles = pipeline.role_titles
        self.lexicon_word = pipeline.lexicon_word
        self._registry_ids: dict[str, str | None] = {}  # a person's name → registry id (exact)
        self._linked: dict[tuple[str, str, str], tuple[str, MentionKind, str | None]] = {}  # a speaker quoted again
        self.day = day
        self.text = text
        self.norm = norm
        self.doc = doc
        self.quotes: list[Quote] = []
        self.block_start = 0
        self.block_end = 0
        # quotes whose title named nobody yet, with how many people their segment knew then
        self.pending: list[tuple[int, str, _Segment, int]] = []
        self.last_cue = -1  # the last cue of the current block that named or kept a speaker
        self.relative_stops: list[int] = []  # where "، الذي أكد أنه" clauses start in the block
        self.vocab = Vocabulary(norm.text, pipeline.name_words, pipeline.scanner.forms)
        # (what is looked up, segment start, phrase) → its places: a title, the head word of a
        # longer title form, or a body noun; each kind reads its places its own way
        self._titles: dict[tuple[str, int, str], _Places] = {}
        self._spans: dict[str, list[tuple[int, int]]] = {}  # a word → where it stands as a word
        self._counterparts: dict[int, list[tuple[int, int]]] = {}  # a segment start → its counterpart words
        self._all_tokens = words  # every window a slice

    def tokens(self, start: int, end: int) -> list[Token]:
        return self._all_tokens.window(start, end)

    # -- offsets -----------------------------------------------------------------
    def original(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.to_original(start), self.norm.end_to_original(end)

    def display(self, start: int, end: int) -> str:
        a, b = self.original(start, end)
        if 0 < a < b and self.text[a - 1] == "ل" and self.text[a] == "ل":
            return "ا" + self.text[a:b]  # "وفقا للأمم المتحدة": the article ل+ال wrote as لل
        return self.text[a:b]

    # -- blocks ------------------------------------------------------------------
    def read_block(self, block: Block, hits: list[CueHit], hit_starts: list[int], state: _Segment, kind: SegmentKind) -> None:
        ntext = self.norm.text
        start, end = self.norm.to_normalized(block.start), self.norm.to_normalized(block.end)
        self.block_start = start
        self.block_end = end
        self.last_cue = -1
        # hits are in text order: the block's are one slice (a scan per block is quadratic)
        first, last = bisect_left(hit_starts, start), bisect_left(hit_starts, end)
        marks = QuoteMarks(ntext, start, end) if first < last else None
        block_hits = [h for h in hits[first:last] if marks.enclosing(h.form_start) is None and not self._referent(h, end, marks)] \
            if marks else []
        if not block_hits or block.is_headline:
            self._headline(start, end, state, kind, block_hits)
        if block.is_headline or marks is None:
            return
        candidates: list[Candidate] = []
        # where a cue's content search stops: the next cue, unless it trails ("بحسب X") or is
        # a present tense without و ("ومضى يقول:"), which do not open a clause of their own
        next_cues = [end] * len(block_hits)
        for i in range(len(block_hits) - 2, -1, -1):
            after = block_hits[i + 1]
            passes = after.entry.role == "trailing" or (after.imperfect and not after.has_conjunction) \
                or (block_hits[i].entry.role == "trailing" and [t.text for t in self.tokens(block_hits[i].end, after.start)] == ["ما"])
            # "وبحسب ما ذكرت مصادر": the verb after "بحسب ما" names the source, it opens nothing
            next_cues[i] = next_cues[i + 1] if passes else after.start
        for i, hit in enumerate(block_hits):
            cand = self._candidate(hit, min(end, next_cues[i]), marks)
            if cand is not None:
                cand = self._with_antecedent(cand, start)
            if cand is not None and not self._embedded(cand, start):
                if candidates and self._relays(candidates[-1], cand):
                    cand = cand.relayed_by(cand.source or self._relayer(candidates.pop()))
                candidates.append(cand)
        # a participle or a cue with و opens a new clause even when it quotes nothing
        # ("مشددا على ضرورة ...", "داعيا المواطنين إلى ..."), so the content before it ends there
        # (not a cue that is mostly a noun, "ورد وطني": only its candidate, if any, ends anything)
        opens_clause = [h.start for h in block_hits
                        if (h.entry.role == "participle" or h.participle or h.has_conjunction) and not h.entry.opened_by]
        self.relative_stops = [at for h in block_hits if (at := self._relative_after_comma(h, start)) >= 0]
        boundaries = sorted({c.hit.start for c in candidates} | set(opens_clause))
        for cand in candidates:
            if cand.hit.entry.role == "trailing" and cand.opener.how == "object":
                self._trailing(cand, start, marks, state, kind)
            else:
                self._emit(cand, end, marks, boundaries, state, kind)

    def _relays(self, outer: Candidate, cand: Candidate) -> bool:
        """"وقالت وكالة الأنباء، نقلا عن نائب الوزير، إن ...": a cue whose content is opened
        by a "نقلا عن X" standing between it and its أن only relays what X said."""
        return cand.hit.entry.role == "trailing" and cand.mention is not None and outer.hit.entry.role == "verb" \
            and outer.opener.content_start == cand.opener.content_start and outer.hit.end <= cand.hit.start

    def _relayer(self, outer: Candidate) -> str | None:
        """The outlet that relayed ("وكالة الأنباء المركزية الكورية"): the quote's source."""
        mention = outer.mention
        if mention is None or not self.lex.is_outlet(self.tokens(mention.start, mention.end)[0].text):
            return outer.source
        return _strip_quotes(self.display(mention.start, mention.end))

    def _referent(self, hit: CueHit, end: int, marks: QuoteMarks) -> bool:
        """"وقال الوزير مشيرا إلى كيري «...»": a participle with إلى and a person right before
        quote marks points at whom the quote is about; it quotes nothing and ends nothing."""
        if hit.entry.role != "participle":
            return False
        toks = self.tokens(hit.end, min(end, hit.end + REFERENT_WINDOW))
        if len(toks) < 2 or toks[0].text != _ILA:
            return False
        found = parse_subject(toks[1:], self.norm.text, self.lex, self.display, self.vocab)
        if found is None or not (found.name or found.title or found.kind == "organization"):
            return False
        mark = found.end
        while mark < end and self.norm.text[mark] == " ":
            mark += 1
        return marks.starting_at(mark) is not None

    def _embedded(self, cand: Candidate, floor: int) -> bool:
        """Not a statement of its own: a negated cue ("ولم تعلن أي جهة"), one in a relative
        clause ("التي تقول إسرائيل إنها"), or a subjectless cue glued to a preceding word
        ("... أن بلاده ترى أن"), which is part of someone else's content."""
        previous = self.tokens(max(floor, cand.hit.start - 12), cand.hit.start)
        if previous and previous[-1].text in self.lex.cue_blockers:
            return not (self._says_what(cand, previous[-1]) or self._antecedent_says(cand, previous))
        if cand.hit.entry.role in ("verb", "stance") and not cand.hit.has_conjunction and self._after_complementiser(cand.hit, floor) \
                and not (cand.mention is not None and (self._after_comma(cand.hit, floor) or self._named_after(cand))):
            return True  # "وأشار إلى أن إيران نفت ...", "أوضح أن المجلس أعرب عن ...": a cue or
            # stance inside someone's content, which neither quotes nor ends it; but not
            # "وحول وصفه ... بأنه "هتلر جديد"، قال ولي العهد: ...": a new clause after a comma
        if cand.mention is not None or cand.hit.has_conjunction or cand.hit.entry.role != "verb":
            return False
        if self._describes_noun(cand.hit, previous):
            return False
        if cand.hit.imperfect:
            return True
        if previous and previous[-1].text in self.lex.clause_openers or self._after_topic(cand.hit, floor):
            return False
        ntext = self.norm.text
        last = cand.hit.start - 1  # the last character before the cue that is not a space
        while last >= floor and ntext[last].isspace():
            last -= 1
        return last >= floor and ntext[last] not in "،,.:؛;!?؟\"”»"

    def _says_what(self, cand: Candidate, previous: Token) -> bool:
        """"مما قال إنها طائرة إيرانية", "ما تقول الأمم المتحدة إنه أسوأ أزمة": "what X says it
        is", ما taken up by the pronoun on the complementiser, is X's claim, not a negation.
        Other verbs only with their own subject: "ما ذكر أنه خلاف" is a passive (was reported)."""
        if previous.text not in _WHAT or cand.opener.how != "complementiser":
            return False
        introducer = self.tokens(cand.opener.gap_end, cand.opener.content_start)
        if not introducer or introducer[0].text not in self.lex.resumptive_complementisers:
            return False
        return cand.hit.entry.lemma == _QALA or (cand.mention is not None and cand.mention.start >= cand.hit.end)

    def _antecedent_says(self, cand: Candidate, previous: list[Token]) -> bool:
        """"لروسيا التي أكدت أن": the cue's speaker is the noun right before its relative pronoun."""
        mention = cand.mention
        return mention is not None and len(previous) > 1 and previous[-2].end <= mention.end <= previous[-1].start

    def _with_antecedent(self, cand: Candidate, floor: int) -> Candidate:
        """A verb or participle with no subject after it, in (or closing) a relative clause
        about a state, body or person: that antecedent speaks ("لروسيا التي أكدت أن",
        "لحركة حماس التي دانت الواقعة قائلة إن"). Not "صحتها التي أكد أنها" (the pronoun
        and the verb disagree) nor "التي تقول إسرائيل إنها" (the verb has its own subject)."""
        hit, mention = cand.hit, cand.mention
        if hit.entry.role not in ("verb", "participle") or hit.has_conjunction or not hit.agreement \
                or (mention is not None and mention.start >= hit.end):
            return cand
        antecedent = self._relative_antecedent(hit, floor)
        if antecedent is None:
            return cand
        return cand.said_by(antecedent)

    def _relative_antecedent(self, hit: CueHit, floor: int) -> Mention | None:
        """The antecedent of the relative pronoun right before a verb cue, or before the
        relative clause's own verb (and up to MAX_RELATIVE_CLAUSE_WORDS words) a participle
        closes; the pronoun agrees with the cue, and no punctuation comes between."""
        toks = self.tokens(max(floor, hit.start - RELATIVE_WINDOW), hit.start)
        participle = hit.entry.role == "participle" or hit.participle
        top = len(toks) - (2 if participle else 1)  # a participle follows the clause's own verb
        lowest = max(1, top - MAX_RELATIVE_CLAUSE_WORDS if participle else top)
        for r in range(top, lowest - 1, -1):
            agreement = self.lex.relative_agreements.get(toks[r].text)
            if agreement is None:
                continue
            if agreement != hit.agreement or not _spaced(self.norm.text, toks[r - 1 : r + 1]) \
                    or _CLAUSE_MARK_RE.search(self.norm.text, toks[r].end, hit.start):
                return None
            if participle and not _relative_verb(toks[r + 1].text, agreement):
                return None
            return self._antecedent(toks[:r])
        return None

    def _antecedent(self, toks: list[Token]) -> Mention | None:
        """A state, body or titled or known person ending ``toks``, after a preposition, bare
        ("إلى روسيا") or glued ("لروسيا", "لحركة حماس", "للوزير")."""
        ntext, lex = self.norm.text, self.lex
        for k in range(min(MAX_NAME_TOKENS, len(toks)), 0, -1):
            span = toks[-k:]
            first = span[0]
            if k < len(toks) and toks[-k - 1].text in lex.antecedent_prepositions:
                words = span
            else:
                bare = _without_glued_preposition(first.text)
                if bare is None or not (bare in lex.states or bare in lex.organization_heads or bare in lex.title_heads):
                    continue
                words = [Token(bare, first.end - len(bare), first.end), *span[1:]]
            if not _spaced(ntext, span):
                continue
            found = parse_subject(words, ntext, lex, self.display, self.vocab)
            if found is not None and found.start == words[0].start and found.end == span[-1].end and self._may_speak(found):
                return found
        return None

    def _may_speak(self, mention: Mention) -> bool:
        """A state or body, a person's title, or a name the registry knows."""
        if mention.kind == "organization":
            return True
        if mention.name:
            return all(word in self.vocab.names for word in mention.name.split())
        return bool(mention.title) and (mention.title or "").split()[0] in self.lex.title_heads

    def _named_after(self, cand: Candidate) -> bool:
        """"ما يشتبه بأنه هجوم كيمياوي السبت قالت منظمات إغاثة إنه أودى ...": a past cue
        with its own subject right before its own أن states something of its own, whatever أن
        came before ("أن يختار بينها وبين الآخرين، لكنها لن تقبل أن": a cue word in content)."""
        mention, opener = cand.mention, cand.opener
        return mention is not None and mention.start >= cand.hit.end and not cand.hit.imperfect \
            and opener.how == "complementiser" and not self.tokens(mention.end, opener.gap_end)

    def _describes_noun(self, hit: CueHit, previous: list[Token]) -> bool:
        """"ملوحا بقطعة قال إنها ...", "في تغريدة قال فيها: ...": a subjectless cue whose next
        word takes up the noun before it again describes that noun; the sentence's subject
        speaks. A complementiser does so only after an indefinite noun ("بلاده ترى أنها": content)."""
        after = self.tokens(hit.end, hit.end + 12)[:1]
        if not after or not previous:
            return False
        lex = self.lex
        if after[0].text in lex.resumptive_prepositions:
            return True
        if after[0].text not in lex.resumptive_complementisers:
            return False
        noun = previous[-1]
        shown = self.display(noun.start, noun.end)
        bare = noun.text[1:] if noun.text[:1] in "وبلفك" and len(noun.text) > 3 else noun.text
        definite = bare.startswith("ال") or noun.text.startswith("لل") or shown.endswith(_POSSESSIVE_SUFFIXES)
        return not definite and not self.lexicon_word(noun.text) and noun.text not in lex.function_words \
            and noun.text not in self.vocab.names and noun.text not in ("قد", "وقد", "لقد")

    def _after_topic(self, hit: CueHit, floor: int) -> bool:
        """"أما بخصوص تشكيل الحكومة أكد أنه ...": the cue follows a fronted topic that opens
        its sentence, a few words back."""
        ntext = self.norm.text
        start = max(floor, hit.start - EMBEDDING_WINDOW)
        cut = max(ntext.rfind(c, start, hit.start) for c in ".!?؟")
        if cut < 0 and start > floor:
            return False  # the sentence starts further back
        words = self.tokens(max(start, cut + 1), hit.start)
        return bool(words) and words[0].text in self.lex.topic_openers

    def _relative_after_comma(self, hit: CueHit, floor: int) -> int:
        """Where "، الذي أكد أنه ..." starts: a cue in a relative clause after a comma quotes
        nothing, but a quoted content with words trailing its marks ends there ("شدد على أن
        "..." بخصوص الملف، الذي أكد أنه ..."). -1 when the cue is not so placed."""
        previous = self.tokens(max(floor, hit.start - 12), hit.start)[-1:]
        if not previous or previous[0].text not in _RELATIVE_PRONOUNS:
            return -1
        before = self.norm.text[max(floor, previous[0].start - 3) : previous[0].start].rstrip()
        return previous[0].start if before.endswith(("،", ",")) else -1

    def _after_comma(self, hit: CueHit, floor: int) -> bool:
        before = self.norm.text[max(floor, hit.start - 3) : hit.start].rstrip()
        return before.endswith(("،", ","))

    def _after_complementiser(self, hit: CueHit, floor: int) -> bool:
        """A complementiser a few words before the cue, in its sentence ("أن إيران نفت")."""
        ntext = self.norm.text
        start = max(floor, hit.start - EMBEDDING_WINDOW)
        cut = max(ntext.rfind(c, start, hit.start) for c in ".!?؟")
        words = self.tokens(max(start, cut + 1), hit.start)[-EMBEDDING_WORDS - 1 :]  # and the word before
        first = max(0, len(words) - EMBEDDING_WORDS)
        return any(
            words[i].text in self.lex.complementisers and (i == 0 or words[i - 1].text not in _TIME_CONJUNCTIONS)
            for i in range(first, len(words))
        )  # "بعد أن قالت أنقرة" is a time clause, "بيد أن ... قالت" a contrast: no one's content

    def _headline(self, start: int, end: int, state: _Segment, kind: SegmentKind, hits: list[CueHit]) -> None:
        if self.norm.text.find(":", start, end) < 0:
            return  # (most blocks without a cue: no copy of the block to tell)
        line = self.norm.text[start:end]
        if line.rstrip().endswith("."):
            return
        m = _HEADLINE_RE.match(line)
        if m is None or len(m.group(2).strip("«»\"“” ").split()) < MIN_HEADLINE_WORDS:
            return  # "القاهرة: «الشرق الأوسط»" is a dateline
        # the speaker stands right before the colon: «"قوات عربية بسوريا".. خارجية مصر: ...»
        head = m.group(1)
        cut = max(head.rfind(c) for c in _HEADLINE_BREAKS) + 1
        who = self.tokens(start + cut, start + m.end(1))
        if who and who[0].text in self.lex.topic_heads:
            return  # "قضية الجاسوس سكربيال: ...": the topic, not who speaks
        mention = parse_subject(who, self.norm.text, self.lex, self.display, self.vocab)
        if mention is None or any(h.form_start < start + m.end(1) for h in hits):
            return
        if mention.title in self.lex.states and self._reports_an_act(start + m.start(2), end):
            return  # "اليمن: التحالف العربي يفتح تحقيقا ...": the place the news is about
        resolved = state.people.resolve(mention, state.last)
        colon = start + m.end(1) + line[m.end(1) :].index(":")
        cue = Cue(":", *self.original(colon, colon + 1))
        self._add(start + m.start(2), end, "headline", cue, mention, resolved, None, kind, 0.6)

    def _reports_an_act(self, start: int, end: int) -> bool:
        """A headline's claim that opens with a body doing something in the present ("التحالف
        العربي يفتح تحقيقا"): the writer's news, not a state's words, so the state before
        the colon is a topic label. A state's own words are a judgement ("الخلاف ... فني"),
        a first person ("سنطور علاقتنا") or what someone else did ("كيم فهم")."""
        claim = self.tokens(start, min(end, start + MAX_HEADLINE_SUBJECT))
        actor = parse_subject(claim, self.norm.text, self.lex, self.display, self.vocab)
        if actor is None or actor.kind != "organization" or actor.start != claim[0].start or actor.title in self.lex.states:
            return False  # ("روسيا: لندن تتحمل المسؤولية": one state blaming another)
        verb = next((t.text for t in claim if t.start >= actor.end), "")
        return len(verb) >= 4 and verb[0] in _THIRD_PERSON_IMPERFECT

    # -- candidates ----------------------------------------------------------------
    def _candidate(self, hit: CueHit, end: int, marks: QuoteMarks) -> Candidate | None:
        ntext = self.norm.text
        limit = sentence_end(ntext, hit.end, end, marks)
        role = hit.entry.role
        if role == "trailing":
            return self._trailing_candidate(hit, limit, marks)
        if role == "relay":
            return self._relay_candidate(hit, limit, marks)
        if hit.entry.opens_at_cue:
            return Candidate(hit, Opener(hit.end, hit.end, hit.end, "object"), None, None, True)
        opener = find_opener(ntext, self._all_tokens, hit.end, limit, marks, self.lex, allow_object=hit.entry.object)
        if opener is None:
            return None
        opened_by = {normalize_text(w) for w in hit.entry.opened_by}
        if opened_by and not any(t.text in opened_by for t in self.tokens(opener.gap_end, opener.content_start)):
            return None  # "رد روسيا على الإجراءات "لن يتأخر"": the noun, not "ورد X بالقول إن"
        if role == "stance":
            return self._stance_candidate(hit, limit, marks)
        if role == "participle":
            if len(self.tokens(opener.gap_start, opener.gap_end)) > MAX_PARTICIPLE_GAP:
                # "مؤكدة في الوقت ذاته رفضها "..."": a noun object, marks inside it
                if not hit.entry.object:
                    return None
                opener = Opener(hit.end, hit.end, hit.end, "object")
            return Candidate(hit, opener, None, None, True)
        gap = self.tokens(opener.gap_start, opener.gap_end if opener.how != "object" else limit)
        while len(gap) > 1 and gap[0].text in self.lex.lone_adverbs:
            gap = gap[1:]  # "وقال حينها المتحدث ...": the subject comes after the adverb
        after = parse_subject(gap, ntext, self.lex, self.display, self.vocab) if gap else None
        if after is not None and hit.entry.addressee and (told := before_addressee(gap, after, self.lex, self.display)):
            after = parse_subject(gap[:told], ntext, self.lex, self.display, self.vocab)
        if after is None and len(gap) > 1 and gap[0].text in self.lex.statement_forms:
            after = self._statement_by(gap[1:])  # "وذكر بيان لنقابة المعلمين: ..."
        before = None if hit.has_conjunction else self._subject_before(hit, marks, after is not None)
        if opener.how == "mark" and self._object_before_mark(gap, after):
            if not hit.entry.object:
                return None
            opener = Opener(hit.end, hit.end, hit.end, "object")
        if opener.how == "object":
            return self._object_candidate(hit, before or after, before is not None, limit)
        mention = before or after
        return Candidate(hit, opener, mention, self._medium(gap), mention is None)

    def _statement_by(self, toks: list[Token]) -> Mention | None:
        """"بيان لنقابة المعلمين", "بيان للخارجية", "بيان صادر عن حركة حماس": whoever the
        statement is of speaks."""
        first = toks[0]
        if first.text in _ISSUED and len(toks) > 2 and toks[1].text == "عن":
            author = toks[2:]
        elif first.text.startswith("ل"):
            bare = Token("ا" + first.text[1:], first.start + 1, first.end) if first.text.startswith("لل") \
                else Token(first.text[1:], first.start + 1, first.end)
            author = [bare, *toks[1:]]
        else:
            return None
        found = parse_subject(author, self.norm.text, self.lex, self.display, self.vocab)
        return found if found is not None and (found.kind == "organization" or found.title or found.name in self.vocab.names) else None

    def _object_before_mark(self, gap: list[Token], mention: Mention | None) -> bool:
        """"أكد الجبير حرص الرياض على ... «بشكل جيد»": words other than the speaker and
        adjuncts stand between cue and marks, so the marks are inside the content."""
        rest = [t for t in gap if mention is None or t.start >= mention.end]
        if not rest:
            return False
        first = rest[0].text
        between = self.norm.text[mention.end : rest[0].start] if mention is not None else ""
        adjunct = (
            first in self.lex.adjunct_starters or self.lex.is_media(first) or first[:1] in ("ل", "ب")
            or first in self.vocab.cues  # "ومضى يقول: ..."
            or first in self.lex.resumptive_prepositions  # "في تغريدة قال فيها: ..."
        )
        return not adjunct and not any(c in between for c in "،,-(")

    def _stance_candidate(self, hit: CueHit, limit: int, marks: QuoteMarks) -> Candidate:
        """A stance verb quotes nothing, but tells who the passage is about; a participle
        ("، داعيا المواطنين إلى ...") continues its sentence's subject, and names no one."""
        if hit.participle:
            return Candidate(hit, Opener(hit.end, hit.end, hit.end, "object"), None, None, True)
        ntext = self.norm.text
        after = parse_subject(self.tokens(hit.end, limit), ntext, self.lex, self.display, self.vocab)
        before = None if hit.has_conjunction else self._subject_before(hit, marks, after is not None)
        mention = before or after
        return Candidate(hit, Opener(hit.end, hit.end, hit.end, "object"), mention, None, mention is None)

    def _object_candidate(self, hit: CueHit, mention: Mention | None, subject_first: bool, limit: int) -> Candidate | None:
        """"أعلن X، أمس، إجلاء ...": a noun-phrase object after an explicit subject, or
        after a cue with و and no subject of its own ("وشدد على أهمية ...")."""
        if mention is None and not hit.has_conjunction:
            return None
        start = hit.end if subject_first or mention is None else mention.end
        content = self._after_adjuncts(start, limit)
        words = self.tokens(content, limit)
        adverbs = next((i for i, w in enumerate(words) if w.text not in self.lex.lone_adverbs), len(words))
        if adverbs:  # "أعلن ترامب سابقا نيته سحب ...": the object is what follows the adverb
            words = words[adverbs:]
            content = words[0].start if words else limit
        if len(words) < MIN_OBJECT_WORDS:
            return None
        if hit.entry.object_after:
            # "شدد ... في تصريحات له اليوم على تضامن ...": the object opens at its preposition;
            # none close by ("شددت القوات إجراءات التفتيش"): another sense of the verb
            opening = {normalize_text(w) for w in hit.entry.object_after}
            at = next((i for i, w in enumerate(words[:MAX_OBJECT_ADJUNCT_WORDS]) if w.text in opening), None)
            if at is None or len(words) - at < MIN_OBJECT_WORDS or (at and words[0].text not in self.lex.adjunct_starters):
                return None
            content = words[at].start
        # "أكد تفهمه قلق الرياض", "أكدت استعدادها للدفاع": the speaker's own stance, not a statement
        first = self.display(words[0].start, words[0].end)  # as printed: "زيادة" is no "زيادته"
        stance = len(first) > 3 and first.endswith(_POSSESSIVE_SUFFIXES)
        allowed = hit.entry.object_words  # "تنفي إيران السعي لـ...": no report denied, a stance
        stance = stance or bool(allowed) and words[0].text not in {normalize_text(w) for w in allowed}
        return Candidate(hit, Opener(hit.end, content, content, "object"), mention, None, mention is None, stance)

    def _relay_candidate(self, hit: CueHit, limit: int, marks: QuoteMarks) -> Candidate | None:
        ntext = self.norm.text
        toks = self.tokens(hit.end, limit)
        an = next((i for i, t in enumerate(toks) if t.text == "عن"), None)
        direct = self._relay_as_verb(hit, toks, an, limit, marks)
        if direct is not None or an is None:
            return direct
        source = self.display(toks[0].start, toks[an - 1].end) if an else None
        qawl = next((i for i, t in enumerate(toks) if i > an and t.text in _QAWL_WORDS), None)
        if qawl is not None:
            who = toks[an + 1 : qawl]
            opener = find_opener(ntext, self._all_tokens, toks[qawl].end, limit, marks, self.lex, allow_object=True)
            if opener is None:
                return None
            if opener.how == "object":
                opener = Opener(opener.gap_start, opener.gap_end, toks[qawl].end, "object")
        else:
            opener = find_opener(ntext, self._all_tokens, toks[an].end, limit, marks, self.lex, allow_object=False)
            if opener is None:
                return None
            who = self.tokens(toks[an].end, opener.gap_end)
        mention = parse_subject(who, ntext, self.lex, self.display, self.vocab) if who else None
        return Candidate(hit, opener, mention, _strip_quotes(source), mention is None)

    def _relay_as_verb(
        self, hit: CueHit, toks: list[Token], an: int | None, limit: int, marks: QuoteMarks
    ) -> Candidate | None:
        """"نقل شهود عيان ومصدر أمني الثلاثاء أن انفجارا وقع ...": with أن before any عن,
        نقل reports what its own subject says, when that subject is a source or a body (a
        name after it reads the noun "نقل": "أوكلني ... نقل خالص تعازيه")."""
        opener = find_opener(self.norm.text, self._all_tokens, hit.end, limit, marks, self.lex, allow_object=False)
        if opener is None or opener.how != "complementiser" or (an is not None and toks[an].start < opener.gap_end):
            return None
        who = [t for t in toks if t.end <= opener.gap_end]
        mention = parse_subject(who, self.norm.text, self.lex, self.display, self.vocab) if who else None
        return Candidate(hit, opener, mention, None, False) if mention is not None and self._source_or_body(mention) else None

    def _source_or_body(self, mention: Mention) -> bool:
        """An organisation, or an unnamed source ("شهود عيان ومصدر أمني"); not a person
        only alluded to ("ونقل سموه ... تمنيات ... بأن": his conveying of wishes)."""
        head = (mention.title or "").split()[:1]
        return not mention.name and (mention.kind == "organization" or bool(head) and head[0] in self.lex.source_heads)

    def _trailing_candidate(self, hit: CueHit, limit: int, marks: QuoteMarks) -> Candidate | None:
        """"..., بحسب X" quotes what came before; "وفقا لـX، فإن ..." what follows."""
        ntext = self.norm.text
        # the words a source can take ("وفقا لما نقلته وكالة ...", a title and a name in
        # apposition), not all up to ``limit``: a trailing cue's limit passes other trailing
        # cues, to the end of a block without stops
        toks = self._all_tokens.head(hit.end, limit, MAX_TRAILING_SOURCE_WORDS)
        if not toks:
            return None
        if ntext[hit.end - 1] == "ل" and toks[0].text.startswith("ل"):
            toks[0] = Token("ا" + toks[0].text, toks[0].start, toks[0].end)  # "وفقا ل|لمتحدث"
        if toks[0].text == "ما" and len(toks) > 2:
            toks = toks[2:]  # "وفقا لما نقلته وكالة ...": what follows names the relay
        if self.lex.is_outlet(toks[0].text):
            source = _strip_quotes(self.display(toks[0].start, toks[min(len(toks), 4) - 1].end))
            return Candidate(hit, Opener(hit.end, hit.end, hit.start, "object"), None, source, False)
        mention = parse_subject(toks, ntext, self.lex, self.display, self.vocab)
        if mention is None or mention.kind == "unknown" and not mention.title:
            return None
        if mention.kind == "person" and not mention.title and not self._named_elsewhere(mention, hit.start) \
                and self._registry_id(self.display(mention.start, mention.end)) is None:
            return None  # "وفقا لقواعد الاشتباك": a bare noun no one is named by, not a source
            # (but "وفقا للصليب الأحمر": the registry knows the body)
        ahead = find_opener(ntext, self._all_tokens, mention.end, limit, marks, self.lex, allow_object=False)
        opens_sentence = not ntext[sentence_start(ntext, hit.start, self.block_start, marks) : hit.start].strip()
        if ahead is not None and (opens_sentence or not self.tokens(mention.end, ahead.gap_end)):
            return Candidate(hit, ahead, mention, None, False)  # "بحسب X، فإن ..."
        fa = next((t for t in self._all_tokens.head(mention.end, limit, MAX_SOURCE_WORDS + 1) if t.text == "فقد"), None)
        if ahead is None and opens_sentence and fa is not None:
            # "وبحسب ما ذكرت مصادر من القمة، فقد أبدى ...": the sentence it opens is the content
            return Candidate(hit, Opener(hit.end, fa.start, fa.start, "colon"), mention, None, False)
        after_comma = self._clause_after_comma(mention, limit) if ahead is None and opens_sentence else None
        if after_comma is not None:
            # "وبحسب خبراء، سيكون الاجتماع فرصة ...": the clause after the comma is the content
            return Candidate(hit, Opener(hit.end, after_comma, after_comma, "colon"), mention, None, False)
        return Candidate(hit, Opener(hit.end, mention.end, hit.start, "object"), mention, None, False)

    def _clause_after_comma(self, mention: Mention, limit: int) -> int | None:
        """Where the clause after "بحسب X،" opening a sentence starts, when a comma follows the
        source right away and the sentence ends before the next cue (``limit`` is the nearer
        of the two; in "وبحسب مصادر، قال الوزير ..." that cue's own statement follows); None
        otherwise."""
        ntext = self.norm.text
        following = self._all_tokens.head(mention.end, limit, 1)
        if not following or not any(c in ntext[mention.end : following[0].start] for c in "،,"):
            return None
        start = following[0].start
        return start if limit >= self.block_end or ends_sentence(ntext, limit) else None

    def _named_elsewhere(self, mention: Mention, start: int) -> bool:
        """A bare name after "بحسب"/"وفقا لـ" is a speaker only when the registry knows it
        or the article names it at another place too ("بحسب ظريف" after "قال ظريف")."""
        words = (mention.name or "").split()
        return bool(words) and all(self._word_elsewhere(w, start, mention.end) for w in {words[0], words[-1]})

    def _word_elsewhere(self, word: str, start: int, end: int) -> bool:
        if word in self.vocab.names:
            return True
        spans = self._spans.get(word)
        if spans is None:  # found once an article: a scan per cue is quadratic
            spans = self._spans[word] = _word_spans(self.norm.text, word, 0)
        return bool(spans) and (spans[0][1] <= start or spans[-1][0] >= end)

    def _medium(self, gap: list[Token]) -> str | None:
        ntext = self.norm.text
        for i, tok in enumerate(gap):
            if self.lex.is_outlet(tok.text):
                last = i
                while last + 1 < min(len(gap), i + MAX_SOURCE_WORDS):
                    nxt = gap[last + 1]
                    if any(c in ntext[gap[last].end : nxt.start] for c in "،,-(") or nxt.text in self.lex.adjunct_starters:
                        break
                    last += 1
                return _without_preposition(_strip_quotes(self.display(tok.start, gap[last].end)))
        return None

    def _after_adjuncts(self, pos: int, limit: int) -> int:
        """Skip ", الأحد،" style adjuncts between a speaker and a noun-phrase object."""
        ntext = self.norm.text
        skipped = False
        while True:
            rest = ntext[pos:limit]
            stripped = rest.lstrip(" ،,؛\"»”")  # also the close of a name in marks: "أحمد"؛ عن
            pos += len(rest) - len(stripped)
            toks = self.tokens(pos, limit)
            if not toks or toks[0].text not in self.lex.adjunct_starters:
                return pos
            if toks[0].text in _OBJECT_PREPOSITIONS and (skipped or not rest.lstrip(" ").startswith(("،", ","))):
                return pos  # "شدد على حرص المملكة", "شددت الشركة، بعد ساعات ...، على متانة":
                # the verb's own preposition opens the object (after a comma, only once an
                # adjunct closed there)
            skipped = True
            comma = ntext.find("،", pos, limit)
            if comma < 0:
                return pos
            pos = comma

    def _subject_before(self, hit: CueHit, marks: QuoteMarks, subject_after: bool) -> Mention | None:
        """"الصين، من جهتها، أكدت": a short subject between sentence start and cue.

        A clause that ends in a comma is an adverbial ("وفيما يتعلق بأرمينيا، قال لافروف")
        when the cue has a subject of its own after it."""
        ntext = self.norm.text
        start = sentence_start(ntext, hit.start, max(self.block_start, hit.start - 200), marks)
        clause = blanked = ntext[start : hit.start]
        for phrase in self.lex.parentheticals:
            blanked = blanked.replace(phrase, " " * len(phrase))
        if subject_after and blanked.rstrip().endswith(("،", ",")):
            return None
        if blanked == clause:  # the article's own tokens, else the blanked clause's
            toks = self.tokens(start, hit.start)
        else:
            toks = [Token(t.text, t.start + start, t.end + start) for t in tokens(blanked, 0, len(blanked))]
        while toks and (toks[0].text in ("و", "ف") or toks[0].text in self.lex.clause_openers):
            toks = toks[1:]
        if len(toks) > 1 and toks[0].text in ("غير", "الا", "بيد", "يذكر", "ويذكر") and toks[1].text in ("ان", "أن"):
            toks = toks[2:]  # "غير أن القيادة العراقية أوضحت", "يذكر أن مسؤولين روس كانوا قد هددوا"
        if toks and self._is_adverbial(toks[0].text):
            return None
        while toks and toks[-1].text in ("قد", "لقد"):
            toks.pop()
        if toks and toks[-1].text in _WHAT:
            return None  # "رفع نتنياهو جزءا مما قال إنها": the words before ما are another clause
        if toks and toks[-1].text in _AUXILIARIES:
            toks.pop()  # "مسؤولين روس كانوا قد هددوا"
        if toks and toks[0].text in _AUXILIARIES:
            toks = toks[1:]
        if not toks or len(toks) > MAX_SVO_WORDS_WITH_CLAUSE or toks[0].text in self.lex.svo_blockers:
            return None
        mention = parse_subject(toks, ntext, self.lex, self.display, self.vocab)
        if mention is None:
            return None
        if mention.end < toks[-1].end and not self._relative_clause_after(mention, toks):
            return None
        if mention.end >= toks[-1].end and len(toks) > MAX_SVO_WORDS and not (mention.name and mention.title):
            return None  # a long clause is a subject only as "title name" ("نائب وزير ... كيم كي غوان")
        return mention

    def _relative_clause_after(self, mention: Mention, toks: list[Token]) -> bool:
        """"المتحدث باسم المجلس الأوروبي الذي يضم جميع رؤساء الدول قال": the subject, then
        a relative clause about it, then the cue."""
        rest = [t for t in toks if t.start >= mention.end]
        return bool(rest) and rest[0].text in _RELATIVE_PRONOUNS and len(toks) <= MAX_SVO_WORDS_WITH_CLAUSE

    def _sentence_subject(self, hit: CueHit, marks: QuoteMarks, state: _Segment) -> Mention | None:
        """"ربط الرئيس الروسي فلاديمير بوتين ... وقال: ...": a subjectless cue in mid-sentence
        continues the subject of the sentence's own (non-reporting) verb, when no earlier cue
        of the sentence named someone."""
        ntext = self.norm.text
        start = sentence_start(ntext, hit.start, self.block_start, marks)
        if self.last_cue >= start:
            return None
        dateline = _DATELINE_RE.match(ntext, start, hit.start)  # "دبي، الإمارات (CNN) --"
        # the sentence may run back to its block's start: only its first words are read
        toks = self._all_tokens.head(dateline.end() if dateline else start, hit.start, MAX_SUBJECT_SEARCH)
        if len(toks) > 1 and toks[0].text in self.lex.topic_openers and toks[1].text in self.lex.adjunct_starters:
            return None  # "أما بخصوص تشكيل الحكومة أكد": a fronted topic is no subject
        found = self._first_subject(toks, state)
        if found is not None or hit.entry.role != "participle":
            return found
        # "..., وخصوصا أن كونتي صعد الموقف فور وصوله مؤكدا "..."": a participle goes with the
        # subject of the clause it closes, which an أن the sentence's start is far from opens
        tail = self.tokens(max(start, hit.start - CLAUSE_WINDOW), hit.start)
        k = next((i for i in range(len(tail) - 1, -1, -1) if tail[i].text in self.lex.complementisers), None)
        if k is None or (k and tail[k - 1].text in _TIME_CONJUNCTIONS):
            return None
        found = self._first_subject(tail[k + 1 :][:MAX_SUBJECT_SEARCH], state)
        if found is None and k + 2 < len(tail) and self._surname(tail[k + 1], hit.start):
            word = tail[k + 1]
            return Mention(word.start, word.end, word.text, None, "person", (word.start, word.end), None)
        return found if found is not None and found.end < tail[-1].start else None  # a verb follows it

    def _first_subject(self, toks: list[Token], state: _Segment) -> Mention | None:
        """The first mention in ``toks`` that may be a clause's subject: a name, a body, or a
        title the segment introduced ("وشبه ولي عهد السعودية ...")."""
        lex = self.lex
        for i, tok in enumerate(toks):
            previous = toks[i - 1].text if i else ""
            after_preposition = i and (previous in lex.adjunct_starters or previous[:1] in "بل") \
                and not (i == 1 and previous in lex.opening_verbs)  # "عبر وزير الخارجية": عبّر
            # "عبر وزير الخارجية": the genitive of a bare title is no subject of its own
            genitive = i and previous in lex.title_heads and not previous.startswith("ال")
            # "ووجه العبيدي حديثه ...، متسائلا": the surname of someone the segment named, as the
            # first word or right after the verb
            opens = self._opens_subject(tok.text) or (i <= 1 and state.people.is_surname(tok.text))
            if not opens or after_preposition or genitive:  # not "بشكل سريع"
                continue
            found = parse_subject(toks[i:], self.norm.text, lex, self.display, self.vocab)
            if found is not None and (found.name or found.kind == "organization"
                                      or found.title is not None and state.people.titled(found.title) is not None):
                return self._relayed_from(found, toks, i) or found
        return None

    def _relayed_from(self, found: Mention, toks: list[Token], i: int) -> Mention | None:
        """"ونقلت وكالة فرانس برس عن صحيفة الشروق ...، قائلة إن": the agency only relays."""
        if not self.lex.is_outlet(toks[i].text):
            return None
        k = next((j for j in range(i + 1, len(toks)) if toks[j].start >= found.end), len(toks))
        if k + 1 >= len(toks) or toks[k].text != "عن":
            return None
        return parse_subject(toks[k + 1 :], self.norm.text, self.lex, self.display, self.vocab)

    def _surname(self, tok: Token, before: int) -> bool:
        """A bare word the article prints elsewhere too, and the rules read no other way
        ("أن كونتي صعد" after "رئيس الوزراء جوزيبي كونتي"): a name."""
        shown = self.display(tok.start, tok.end)
        if len(tok.text) < 3 or tok.text.startswith("ال") or shown.endswith(_POSSESSIVE_SUFFIXES) or self.lexicon_word(tok.text):
            return False
        return tok.text in self.vocab.names or self._word_elsewhere(tok.text, tok.start, tok.end)

    def _agreeing_subject(self, hit: CueHit, marks: QuoteMarks, agreement: str) -> Mention | None:
        """A subjectless "وقالت"/"ويقولون" no speaker so far agrees with: the subject its
        sentence gave a verb of the same agreement, inside reported content ("ذكر الوزير
        أن نوران حواس عبرت له ...، وقالت إنها") or as the sentence's own ("وناشد قادة
        أوروبيون ...، ويقولون إنه"); never a single named person for a plural."""
        ntext = self.norm.text
        start = sentence_start(ntext, hit.start, max(self.block_start, hit.start - AGREEMENT_WINDOW), marks)
        toks = self.tokens(start, hit.start)
        for i in range(len(toks) - 2, -1, -1):
            if toks[i].text not in self.lex.complementisers:
                continue
            for j in range(i + 2, min(len(toks), i + 2 + MAX_NAME_TOKENS_AGREEING)):
                if _verb_agrees(toks[j].text, agreement):
                    found = parse_subject(toks[i + 1 : j], ntext, self.lex, self.display, self.vocab)
                    if found is not None and found.end == toks[j - 1].end and (found.name or agreement == "p"):
                        return found
                    break
        if agreement == "p" and len(toks) > 1:
            found = parse_subject(toks[1:], ntext, self.lex, self.display, self.vocab)
            if found is not None and found.name is None and found.title:
                return found  # a plural title as the subject of the sentence's first verb
        return None

    def _opens_subject(self, word: str) -> bool:
        lex = self.lex
        return word in lex.title_heads or word in lex.organization_heads or word in lex.states or word in self.vocab.names

    def _is_adverbial(self, word: str) -> bool:
        """"وفي", "وفيما", "في": a clause that opens with a preposition has no subject."""
        bare = word[1:] if word[:1] in ("و", "ف") and len(word) > 2 else word
        return word in self.lex.adjunct_starters or bare in self.lex.adjunct_starters

    # -- emission ----------------------------------------------------------------
    def _emit(self, cand: Candidate, end: int, marks: QuoteMarks, boundaries: list[int], state: _Segment, kind: SegmentKind) -> None:
        ntext = self.norm.text
        opener = cand.opener
        if cand.hit.entry.role == "stance" or cand.stance:
            if cand.mention is not None:
                state.remember(state.people.resolve(cand.mention, state.last), self._told(cand.hit, cand.mention), cand.mention.title)
                self.last_cue = cand.hit.start
            return
        pair = opener.pair or self._whole_pair(opener, end, marks)
        if pair is not None:
            q_start, q_end = pair.inner
            inner = ntext[q_start:q_end].lstrip()
            quote_kind: QuoteKind = "mixed" if _LEADING_COMPLEMENT_RE.match(inner) else "direct"
            if opener.pair is not None:
                pair = last_joined_pair(ntext, pair, end, marks)
                q_end = pair.inner[1]
                run_on = self._past_close(pair, end, boundaries, marks)
                if run_on > q_end:
                    q_end, quote_kind = run_on, "mixed"
        else:
            q_start = opener.content_start
            after = bisect_right(boundaries, q_start)  # the first boundary past the start
            limit = min(boundaries[after], end) if after < len(boundaries) else end
            q_end = self._run_on(sentence_end(ntext, q_start, limit, marks), limit, marks)
            q_end = self._before_commentary(q_start, q_end, marks)
            q_end = self._before_relative_cue(q_start, q_end, marks)
            quote_kind = "mixed" if marks.within(q_start, q_end) else "indirect"
        mention = cand.mention or self._sentence_subject(cand.hit, marks, state)
        source = cand.source
        relayed = None
        if mention is not None and pair is None and is_office(mention, self.lex):
            relayed = self._relayed_head(opener.content_start, q_end, state, mention, marks)
        elif mention is not None and pair is None and self._is_medium(mention):
            relayed = self._relayed_speaker(opener.content_start, q_end, marks)  # the medium only relays
            if relayed is not None and source is None:
                source = _strip_quotes(self.display(mention.start, mention.end))
        if relayed is not None:
            mention, head_opener = relayed
            if head_opener.pair is not None:
                (q_start, q_end), quote_kind = head_opener.pair.inner, "direct"
            else:
                q_start = head_opener.content_start
        if mention is not None:
            resolved = state.people.resolve(mention, state.last)
            # (an honorific pronoun, "وشدد معاليه", is the last person whenever there is one)
            if resolved.via == "unresolved" or resolved.via == "epithet" and mention.title not in self.lex.honorific_pronouns:
                # a person the segment introduced with this very title beats "the last
                # person" ("وقال الرئيس الأميركي" after a quote of Zakharova)
                resolved = self._introduced(mention, state, cand.hit.start) or self._counterpart(mention, state, cand.hit.start) \
                    or resolved
                if resolved.via == "epithet" or resolved.via == "unresolved" and self._bare_role_epithet(mention):
                    resolved = self._epithet_referent(mention, self._told(cand.hit, mention), state)
            elif resolved.via == "organization" and not mention.name and mention.title in self.lex.anaphoric_bodies:
                resolved = self._named_body(mention, state, cand.hit.start) or resolved
            if resolved.via == "unresolved":
                resolved = self._role_holder(mention, state) or resolved
            confidence = 0.9 if resolved.via in ("name", "organization") else 0.75
        elif state.last is not None:
            # the latest speaker the cue agrees with ("وقالت" continues a woman or a body)
            # (but "وتابع البيان" agrees with the statement, not with who made it)
            next_word = self.tokens(cand.hit.end, cand.hit.end + 20)[:1]
            told_by_cue = "" if next_word and self.lex.is_media(next_word[0].text) else cand.hit.agreement
            # ... first the last one, then a subject of its sentence, then an earlier one
            agreeing = state.agreeing(told_by_cue, 1)
            if agreeing is None and told_by_cue in ("f", "p"):
                found = self._agreeing_subject(cand.hit, marks, told_by_cue)
                if found is not None:
                    agreeing = state.people.resolve(found, state.last), told_by_cue
            agreeing = agreeing or state.agreeing(told_by_cue, MAX_TOLD_SPEAKERS)
            last, told = agreeing if agreeing is not None else (state.last, "")
            # continuing an unresolved title keeps it unresolved: it is looked up, not learned
            via: Via = "unresolved" if last.via == "unresolved" else "implicit"
            resolved = Resolved(last.name, last.kind, via)
            confidence = 0.7
        else:
            return
        if quote_kind == "indirect" and opener.how == "object":
            confidence = round(confidence - 0.2, 2)  # (0.7 - 0.2 is 0.49999999999999994)
        cue = Cue(self.display(cand.hit.form_start, cand.hit.end), *self.original(cand.hit.form_start, cand.hit.end))
        count = len(self.quotes)
        shown = mention if cand.mention is not None else None  # the relayed head, not its office
        linked = self._add(q_start, q_end, quote_kind, cue, shown, resolved, source, kind, confidence)
        state.remember(linked, self._told(cand.hit, mention) if mention is not None else told, shown.title if shown is not None else None)
        self.last_cue = cand.hit.start
        added = len(self.quotes) > count
        if added and resolved.via == "unresolved" and mention is not None and mention.title \
                and resolved.name == self.display(*(mention.title_span or (mention.start, mention.end))):
            # (a title standing for an unnamed speaker before it is no longer to resolve)
            self.pending.append((count, mention.title, state, state.people.known()))

    def _bare_role_epithet(self, mention: Mention) -> bool:
        """"المتحدث" alone: a role epithet that may stand for an unnamed spokesman introduced before."""
        return mention.title in self.lex.role_epithets

    def _epithet_referent(self, mention: Mention, agreement: str, state: _Segment) -> Resolved:
        """"وأضاف المتحدث" after "وقالت رئيسة الحكومة تيريزا ماي": an epithet stands for the
        latest speaker it may describe, one of its gender introduced with no title or with
        one of its role, not simply the last one; with none, it is a title still to resolve."""
        title = mention.title or ""
        role = self.lex.role_epithets.get(title.split()[0]) if title else None
        unfit: set[str] = set()
        for resolved, told in reversed(state.told):
            if resolved.kind == "unknown" and role is not None and resolved.via == "unresolved" \
                    and _agrees(told, agreement, "person") and _holds_role(state.titles.get(resolved.name, set()), role):
                return resolved  # "وشدد المتحدث" after "قال متحدث باسم رئيس الوزراء ...": the unnamed spokesman
            if resolved.kind != "person" or resolved.name in unfit:
                continue
            titles = state.titles.get(resolved.name, set())
            other_role = role is not None and bool(titles) and not _holds_role(titles, role)
            # "وقال المتحدث باسم وزارة الداخلية" is not the one "باسم الرئاسة" named before
            introduced = titles or {state.people.title_of(resolved.name) or ""}
            speaks_for_other = all(speaks_for_another(known, title, self.lex) for known in introduced)
            if other_role or speaks_for_other or not _agrees(told, agreement, "person"):
                unfit.add(resolved.name)
                continue
            return Resolved(resolved.name, "person", "epithet")
        shown = self.display(*mention.title_span) if mention.title_span else title
        return Resolved(shown, "unknown", "unresolved")

    def _past_close(self, pair: Pair, end: int, boundaries: list[int], marks: QuoteMarks) -> int:
        """A quote whose sentence goes on in the writer's words right after its closing mark
        (قائلا: "نعتقد أن كيم فهم الطابع الملح" لعملية نزع السلاح وبأنه "يتعين ...") runs
        to the sentence end, before the next cue or commentary; else it ends at its mark."""
        ntext = self.norm.text
        after = pair.close + 1
        if after + 1 >= end or ntext[after] != " " or not ntext[after + 1].isalpha():
            return -1
        k = bisect_right(boundaries, pair.close)
        limit = min(boundaries[k], end) if k < len(boundaries) else end
        run_on = self._before_commentary(after, sentence_end(ntext, after, limit, marks), marks)
        words = ntext[after:run_on].strip(_TRIM_WORDS).split()
        # a few words ("لا تختبروا" إسرائيل.) or a paraphrase leading to another quoted
        # stretch; a long tail of the writer's own ("في بيان يأتي ...") is not the speaker's
        if words and (len(words) <= _MAX_TAIL_WORDS or marks.within(after, run_on)):
            return run_on
        return -1

    def _run_on(self, q_end: int, limit: int, marks: QuoteMarks) -> int:
        """Reported content runs on over the sentences after it that carry it on rather than
        say anything themselves ("أن التيار انتصر. وأنه كان يراهن ...", ". كما أن ...")."""
        pattern = self.lex.continuation_re
        found = pattern.match(self.norm.text, q_end, limit) if pattern is not None else None
        while found is not None:
            q_end = sentence_end(self.norm.text, found.end(), limit, marks)
            found = pattern.match(self.norm.text, q_end, limit) if pattern is not None else None
        return q_end

    def _before_relative_cue(self, start: int, end: int, marks: QuoteMarks) -> int:
        """Content that opens with a quote ("أن "..." بخصوص هذا الملف") ends before a
        relative clause with a cue of its own after its close ("، الذي أكد أنه ...")."""
        ntext = self.norm.text
        while start < end and ntext[start] == " ":
            start += 1
        pair = marks.starting_at(start)
        if pair is None:
            return end
        k = bisect_right(self.relative_stops, pair.close)
        return self.relative_stops[k] if k < len(self.relative_stops) and self.relative_stops[k] < end else end

    def _relayed_head(
        self, start: int, end: int, state: _Segment, office: Mention, marks: QuoteMarks
    ) -> tuple[Mention, Opener] | None:
        """"مكتب نتنياهو قال إن رئيس الوزراء أكد في برقية "..."": an office relaying what
        its head said; the head (a subject and a cue opening the content) is the speaker, and
        the content is what follows that cue."""
        state.people.resolve(office, state.last)  # its head is named: "رئيس الوزراء" is he
        relayed = self._relayed_speaker(start, end, marks)
        if relayed is None or relayed[0].kind == "organization":
            return None
        found, inner = relayed
        if found.name is None:  # "رئيس الوزراء" is the head the office is named after
            found = msgspec.structs.replace(found, name=office.name, name_span=office.name_span, kind="person")
        return found, inner

    def _relayed_speaker(self, start: int, end: int, marks: QuoteMarks) -> tuple[Mention, Opener] | None:
        """Content that opens with a subject and its cue ("أن بيونغ يانغ قالت إنها ..."):
        that subject, and the opener of what it said."""
        toks = self.tokens(start, end)[:MAX_NAME_TOKENS_RELAYED]
        found = parse_subject(toks, self.norm.text, self.lex, self.display, self.vocab)
        if found is None:
            return None
        cue = next((t for t in toks if t.start >= found.end), None)
        if cue is None or cue.text not in self.vocab.cues:
            return None
        inner = find_opener(self.norm.text, self._all_tokens, cue.end, end, marks, self.lex, allow_object=False)
        return None if inner is None else (found, inner)

    def _is_medium(self, mention: Mention) -> bool:
        """"ذكرت وسائل إعلام رسمية", "وقالت وكالة رويترز": an outlet, which relays."""
        first = self.tokens(mention.start, mention.end)[:1]
        return bool(first) and self.lex.is_outlet(first[0].text)

    def _before_commentary(self, start: int, end: int, marks: QuoteMarks) -> int:
        """Where reported content gives way to the article's own words after a comma
        ("...، ردا على هجوم ...", "...، في رسالة تطمين ..."), outside quote marks."""
        found = self.lex.commentary_re.search(self.norm.text, start, end)
        while found is not None and marks.enclosing(found.start()) is not None:
            found = self.lex.commentary_re.search(self.norm.text, found.end(), end)
        return found.start() if found is not None else end

    def _introduced(self, mention: Mention, state: _Segment, before: int) -> Resolved | None:
        """"وحذر الأمين العام": the person the segment introduced earlier with that title,
        outside any quote ("تفقد الأمين العام للأمم المتحدة أنطونيو غوتيريش")."""
        title = (mention.title or "").removeprefix("ال")
        if not title:
            return None
        title = self.lex.introduced_by.get(title, title)  # "سموه": who "السمو" introduced
        key = ("title", state.start, title)
        places = self._titles.get(key)
        if places is None:
            places = self._titles[key] = _Places(_word_spans(self.norm.text, title, state.start))
        near, earlier = self._introductions(places, before, 1)
        found = [*near, *reversed(earlier)]
        if found:
            # "أجرى وزير الخارجية X مباحثات مع وزير الخارجية الإيطالي Y ... وقال وزير
            # الخارجية": the one introduced with exactly this title, else the nearest
            exact = next((f for f in found if f.title and same_title_exactly(f.title, title, self.lex)), found[0])
            return state.people.resolve(exact, state.last)
        return self._introduced_longer(mention, state, before)

    def _counterpart(self, mention: Mention, state: _Segment, before: int) -> Resolved | None:
        """"من جهتها قالت الوزيرة الكورية الجنوبية" after "وقال الوزير الأميركي ... مع نظيريه
        الياباني تارو كونو والكورية الجنوبية كانغ كيونغ وا": a title naming a nationality
        stands for the counterpart introduced with it, the latest one before the cue."""
        title = mention.title or ""
        if mention.name or title_nation(title, self.lex) is None:
            return None
        spans = self._counterparts.get(state.start)
        if spans is None:
            spans = self._counterparts[state.start] = self._counterpart_places(state.start)
        key = ("counterpart", state.start, title)
        places = self._titles.get(key)
        if places is None:
            places = self._titles[key] = _Places(spans)
        near, earlier = self._introductions(
            places, before, MAX_EARLIER_INTRODUCTIONS, lambda at, stop: self._counterpart_at(at, stop, title)
        )
        found = [*near, *reversed(earlier)]
        return state.people.resolve(found[0], state.last) if found else None

    def _counterpart_places(self, start: int) -> list[tuple[int, int]]:
        """Where a counterpart word ("نظيره", "ونظيرته", "لنظرائه") stands from ``start`` on:
        a ``str.find`` walk for each of the words' stems."""
        ntext, words = self.norm.text, self.lex.counterpart_words
        spans = []
        for stem in sorted({w[:4] for w in words}):
            for at in _occurrences(ntext, stem, start):
                word = self._all_tokens.head(at, at + 20, 1)
                if _word_start(ntext, at, start) and word and word[0].start == at and word[0].text in words:
                    spans.append((at, word[0].end))
        return sorted(spans)

    def _counterpart_at(self, at: int, stop: int, title: str) -> Mention | None:
        """The counterpart the words after ``at`` introduce with ``title``, if any."""
        toks = self._all_tokens.head(at, stop, COUNTERPART_WORDS)
        subject = self._subject_title(at)
        if subject is None or len(toks) < 3:
            return None
        for adjectives, name in counterparts(toks[1:], self.norm.text, self.lex, self.vocab, self.display):
            derived = counterpart_title(subject, adjectives, self.lex)
            if counterpart_holds(derived, title, self.lex):
                span = (name[0].start, name[-1].end)
                return Mention(*span, " ".join(t.text for t in name), derived, "person", span, None)
        return None

    def _subject_title(self, at: int) -> str | None:
        """The title of the first titled subject in the sentence before ``at`` ("وقال الوزير
        الأميركي خلال مؤتمر ... مع نظيريه" → "الوزير الاميركي")."""
        ntext = self.norm.text
        floor = max(0, at - CLAUSE_WINDOW)
        cut = max(ntext.rfind(c, floor, at) for c in ".!?؟\n") + 1
        toks = self._all_tokens.head(max(floor, cut), at, MAX_SUBJECT_SEARCH)
        for i, tok in enumerate(toks):
            word = tok.text[1:] if tok.text[:1] == "و" and tok.text[1:] in self.lex.title_heads else tok.text
            if word in self.lex.title_heads:
                found = parse_subject(toks[i:], ntext, self.lex, self.display, self.vocab)
                return found.title if found is not None else None
        return None

    def _named_body(self, mention: Mention, state: _Segment, before: int) -> Resolved | None:
        """"وكتبت الصحيفة" after "صحيفة ليبرتي": the latest body of that kind the segment
        named, its places found once per segment and read once each."""
        head = (mention.title or "").removeprefix("ال")
        key = ("body", state.start, head)
        places = self._titles.get(key)
        if places is None:
            places = self._titles[key] = _Places(_word_spans(self.norm.text, head, state.start))
        near, earlier = self._introductions(places, before, 1, self._body_introduction)
        found = [*near, *reversed(earlier)]
        return state.people.resolve(found[0], state.last) if found else None

    def _body_introduction(self, at: int, stop: int) -> Mention | None:
        ntext = self.norm.text
        if ntext[at - 2 : at] == "ال":
            return None  # "الصحيفة" itself names no one
        found = parse_subject(self._all_tokens.window(at, stop), ntext, self.lex, self.display, self.vocab)
        if found is not None and found.kind == "organization" and not found.name and " " in (found.title or ""):
            return found
        return None

    def _role_holder(self, mention: Mention, state: _Segment) -> Resolved | None:
        """"وقال المرشد الأعلى" in an article that named "علي خامنئي": one of the people the
        segment named last holds (on the article's date, if known) a registry title this
        one is a short form of. Two such people: nobody."""
        title = mention.title or ""
        if len([w for w in title.split() if w not in self.lex.honorifics]) < 2:
            return None  # "الرئيس" alone is the epithet's job
        found: Resolved | None = None
        for person in state.people.recent(MAX_ROLE_PEOPLE):
            sid = self._registry_id(person.name)
            if sid is None:
                continue
            for role_title, role in self.role_titles.get(sid, ()):
                if (self.day is None or role.held_on(self.day)) and title_covers(role_title, title, self.lex):
                    if found is not None and found.name != person.name:
                        return None
                    found = Resolved(person.name, "person", "title")
                    break
        return found

    def nation_of(self, name: str) -> str | None:
        """The state a registry person's titles name ("عادل الجبير": وزير الخارجية السعودي)."""
        sid = self._registry_id(name)
        roles = self.role_titles.get(sid, []) if sid is not None else []
        return next((nation for title, _ in roles if (nation := title_nation(title, self.lex)) is not None), None)

    def _registry_id(self, name: str) -> str | None:
        if name not in self._registry_ids:
            link = self.linker.lookup(name)
            self._registry_ids[name] = link.speaker_id if link is not None and link.method == "exact" else None
        return self._registry_ids[name]

    def _introduced_longer(self, mention: Mention, state: _Segment, before: int) -> Resolved | None:
        """"وقال نائب الوزير الكوري الشمالي" after "بيان لنائب وزير الخارجية الكوري الشمالي
        كيم كي غوان": the latest person introduced, anywhere, with a longer form of the title."""
        title = mention.title or ""
        words = [w.removeprefix("ال") for w in title.split() if w not in self.lex.honorifics]
        if len(words) < 2:
            return None  # "الوزير" alone may be anyone: that is the epithet's job
        ntext = self.norm.text
        # where its first word stands, as printed anywhere, with its last word close enough
        # after it to be in the same title (only those places are worth parsing)
        key = ("longer", state.start, f"{words[0]} {words[-1]}")
        places = self._titles.get(key)
        if places is None:
            size = len(words[0])
            spans = [(at, at + size) for at in _occurrences(ntext, words[0], state.start)
                     if _word_start(ntext, at, state.start) and ntext.find(words[-1], at, at + INTRODUCTION_WINDOW) >= 0]
            places = self._titles[key] = _Places(spans)
        near, earlier = self._introductions(places, before, MAX_EARLIER_INTRODUCTIONS)
        for found in [*near, *reversed(earlier)]:
            if found.title and title_covers(found.title, title, self.lex):
                return state.people.resolve(found, state.last)
        return None

    def _introductions(
        self, places: _Places, before: int, earlier: int, read: Callable[[int, int], Mention | None] | None = None
    ) -> tuple[list[Mention], list[Mention]]:
        """Who the places that end by ``before`` introduce: those close enough that ``before``
        cuts their window (read now, newest first), and the last ``earlier`` of the others.
        An earlier place is read once, for every later quote: a scan per quote is quadratic."""
        read = read or self._introduction
        last = bisect_right(places.ends, before)
        whole = bisect_right(places.starts, before - INTRODUCTION_WINDOW, 0, last)
        near = [found for i in range(last - 1, whole - 1, -1)
                if (found := read(places.starts[i], before)) is not None]
        while places.read < whole:
            at = places.starts[places.read]
            found = read(at, at + INTRODUCTION_WINDOW)
            if found is not None:
                places.found.append(found)
                places.found_at.append(places.read)
            places.read += 1
        k = bisect_left(places.found_at, whole)
        return near, places.found[max(0, k - earlier) : k]

    def _introduction(self, at: int, stop: int) -> Mention | None:
        ntext = self.norm.text
        found = parse_subject(self._all_tokens.window(at, stop), ntext, self.lex, self.display, self.vocab)
        if found is not None and found.name and (" " in found.name or found.name in self.vocab.names):
            return found
        return None

    def _whole_pair(self, opener: Opener, end: int, marks: QuoteMarks) -> Pair | None:
        """"أفادت بأن "..."": a complementiser followed by one quoted sentence."""
        if opener.how != "complementiser":
            return None
        ntext = self.norm.text
        start = opener.content_start
        while start < end and ntext[start] == " ":
            start += 1
        pair = marks.starting_at(start)
        if pair is None:
            return None
        # only the first character after the pair that is not " .،" matters: looking for
        # the sentence end no further keeps a long block without stops linear
        word = _NOT_TRAILER_RE.search(ntext, pair.close + 1, end)
        stop = end if word is None else word.start() + 1
        if ntext[pair.close + 1 : sentence_end(ntext, pair.close, stop, marks)].strip(" .،"):
            return None
        return pair

    def _trailing(self, cand: Candidate, floor: int, marks: QuoteMarks, state: _Segment, kind: SegmentKind) -> None:
        """"..., بحسب X": the content is what precedes the cue in its sentence."""
        ntext = self.norm.text
        hit = cand.hit
        previous = self.quotes[-1] if self.quotes else None
        prev_end = self.norm.to_normalized(previous.end) if previous else -1
        if previous is not None and 0 <= hit.start - prev_end <= 4 and previous.doc == self.doc:
            if cand.source and previous.source is None:
                self.quotes[-1] = msgspec.structs.replace(previous, source=cand.source)
            elif cand.mention is not None and previous.speaker.type == "organization" and cand.mention.kind != "organization":
                self._spoken_for(cand.mention, state)  # "هددت إيران بأنها ...، بحسب المتحدث باسم الخارجية"
            return
        if cand.mention is None:
            return
        q_start = max(sentence_start(ntext, hit.start, floor, marks), prev_end)
        resolved = state.people.resolve(cand.mention, state.last)
        if hit.entry.qualifies_without_comma and not self._after_comma(hit, q_start):
            # "وجاءت الدعوة على لسان X": names who the passage is about, quotes nothing
            state.remember(resolved, self._told(hit, cand.mention), cand.mention.title)
            return
        cue = Cue(self.display(hit.form_start, hit.end), *self.original(hit.form_start, hit.end))
        linked = self._add(q_start, hit.start, "indirect", cue, cand.mention, resolved, None, kind, 0.6)
        state.remember(linked, self._told(hit, cand.mention), cand.mention.title)

    def _spoken_for(self, mention: Mention, state: _Segment) -> None:
        """A body's statement credited to a person after it ("أعلنت إيران أن ...، بحسب
        المتحدث باسم الخارجية"): the person (or the one the title is, once named) speaks."""
        resolved = state.people.resolve(mention, state.last)
        if resolved.via == "unresolved":
            resolved = self._introduced(mention, state, mention.start) or resolved
        name, kind, speaker_id = self._link(resolved)
        s_start, s_end = self.original(mention.start, mention.end)
        previous = self.quotes[-1]
        speaker = Speaker(name, self.text[s_start:s_end], kind, s_start, s_end, speaker_id)
        self.quotes[-1] = msgspec.structs.replace(previous, speaker=speaker)
        state.remember(Resolved(name, kind, resolved.via), "")
        if resolved.via == "unresolved" and mention.title:
            self.pending.append((len(self.quotes) - 1, mention.title, state, state.people.known()))

    def _told(self, hit: CueHit, mention: Mention) -> str:
        """How a cue introduces its speaker: a plural verb or title ("قالوا", "مسؤولون"),
        a verb's gender ("قالت", "قال"), else a title's ("المتحدثة", "المتحدث")."""
        words = (mention.title or "").split()
        head = next((w for w in words if w not in self.lex.honorifics), "")
        if hit.agreement == "p" or head.endswith(_PLURAL_TITLE_ENDINGS):
            return "p"
        if hit.agreement and hit.entry.role != "trailing":
            return hit.agreement
        if head.endswith("ه"):
            return "f"
        return "m" if head in self.lex.title_heads else ""

    def _add(self, start: int, end: int, quote_kind: QuoteKind, cue: Cue, mention: Mention | None, resolved: Resolved,
             source: str | None, segment: SegmentKind, confidence: float) -> Resolved:
        """Record a quote; returns its speaker as linked, to continue the discourse with."""
        name, kind, speaker_id = self._link(resolved)
        name = name.replace("_", " ")  # "#تيريزا_ماي": a hashtag spells a name with _
        linked = Resolved(name, kind, resolved.via)
        start, end = trim(self.norm.text, start, end)
        if end - start < 2:
            return linked
        a, b = self.original(start, end)
        if mention is not None:
            s_start, s_end = self.original(mention.start, mention.end)
            speaker = Speaker(name, self.text[s_start:s_end], kind, s_start, s_end, speaker_id)
        else:
            speaker = Speaker(name, resolved.name, kind, None, None, speaker_id)
        self.quotes.append(
            Quote(self.doc, segment, quote_kind, self.text[a:b], a, b, cue, speaker, source, confidence)
        )
        return linked

    def _known_prefix(self, resolved: Resolved) -> Link | None:
        """"بنيامين نتنياهو هجوما حادا": a name that ran on into the sentence; the longest
        leading part the registry knows is the person."""
        words = resolved.name.split()
        if resolved.kind != "person" or len(words) < 3 or self.linker.lookup(resolved.name) is not None:
            return None
        for size in range(len(words) - 1, 1, -1):
            found = self.linker.lookup(" ".join(words[:size]))
            if found is not None and found.method == "exact":
                return found
        return None

    def settle(self) -> None:
        """"هدد ولي العهد السعودي ..." before the article names "ولي العهد السعودي الأمير
        محمد بن سلمان": a title resolves to a person its segment introduces later. The
        pending list is used up: a segment's speakers hold the run's ``display``, so a run that
        kept them would live on until the garbage collector finds the cycle."""
        pending, self.pending = self.pending, []
        for index, title, state, known in pending:
            found = state.people.titled(title) or state.people.named_next(title, known)
            quote = self.quotes[index]
            if found is None or quote.speaker.id is not None:
                continue
            name, kind, speaker_id = self._link(found)
            speaker = msgspec.structs.replace(quote.speaker, name=name, type=kind, id=speaker_id)
            self.quotes[index] = msgspec.structs.replace(quote, speaker=speaker)

    def _link(self, resolved: Resolved) -> tuple[str, MentionKind, str | None]:
        """Registry name, type and id, linked once an article a speaker."""
        key = (resolved.name, resolved.kind, resolved.via)  # (Resolved compiles unhashable)
        linked = self._linked.get(key)
        if linked is None:
            linked = self._linked[key] = self._link_new(resolved)
        return linked

    def _link_new(self, resolved: Resolved) -> tuple[str, MentionKind, str | None]:
        """An unresolved title is only looked up (a role held on the article's date), never
        registered: "المسؤول" is not one person."""
        if not normalize_key(resolved.name):
            return resolved.name, resolved.kind, None  # punctuation only: nothing to link
        if resolved.via == "unresolved":
            found = self.linker.lookup(resolved.name, on=self.day)
            if found is not None and found.method == "role" and self.day is None:
                found = None  # without the article's date a title could be anyone who held it
            if found is not None and found.method == "fuzzy":
                found = None  # "وزير الخارجية" is not a misspelling of "وزارة الخارجية"
            if found is None:
                return resolved.name, resolved.kind, None
        else:
            found = self._known_prefix(resolved) or self.linker.link(resolved.name, on=self.day)
            if found.method == "new":  # the name as the linker keeps it, so a rerun agrees
                return found.name, resolved.kind, found.speaker_id
        # a speaker the linker learned from text has no type of its own: the article's
        kind: MentionKind = found.type if found.type != "unknown" else resolved.kind
        return found.name, kind, found.speaker_id


def _relative_verb(word: str, agreement: str) -> bool:
    """The verb of a relative clause agreeing with its pronoun: "التي دانت", "الذي أدان"
    (a masculine perfect: no article, no ت or pronoun ending)."""
    if agreement == "f":
        return _verb_agrees(word, "f")
    return len(word) >= 3 and not word.startswith("ال") and not word.endswith(("ت", *_POSSESSIVE_SUFFIXES))


def _spaced(text: str, toks: list[Token]) -> bool:
    """Only spaces between the words: no comma, mark or line break."""
    return all(text[a.end : b.start].strip(" ") == "" for a, b in zip(toks, toks[1:]))


def _without_glued_preposition(word: str) -> str | None:
    """"لروسيا" → "روسيا", "للوزير" → "الوزير", "بحركه" → "حركه"; None without one."""
    if word.startswith("لل") and len(word) > 4:
        return "ال" + word[2:]
    if word[:1] in ("ل", "ب") and not word.startswith("ال") and len(word) > 3:
        return word[1:]
    return None


def _verb_agrees(word: str, agreement: str) -> bool:
    """A perfect or present verb with the agreement's ending: "عبرت", "تقول"; "قالوا"."""
    if len(word) < 4:
        return False
    if agreement == "f":
        return word.endswith("ت") or word[0] == "ت" and not word.endswith(("ه", "ات"))
    return word.endswith("وا") or word[0] in "يت" and word.endswith("ون")


def _word_spans(text: str, phrase: str, start: int) -> list[tuple[int, int]]:
    """Where ``phrase`` stands as whole words in ``text[start:]``, with or without the
    article ("رئيس" finds "الرئيس" but not "والرئيس"): a ``str.find`` walk, in C."""
    spans = []
    size = len(phrase)
    at = text.find(phrase, start)
    while at >= 0:
        end = at + size
        begin = at - 2 if at - 2 >= start and text.startswith("ال", at - 2) else at
        if not _is_word_char(text, begin - 1) and not _is_word_char(text, end):
            spans.append((begin, end))
            at = text.find(phrase, end)
        else:
            at = text.find(phrase, at + 1)
    return spans


def _occurrences(text: str, word: str, start: int) -> list[int]:
    found = []
    at = text.find(word, start)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _word_start(text: str, at: int, floor: int) -> bool:
    """A word starts at ``at``, bare or after a glued ال/ل/ب/و ("لنائب", "الوزير")."""
    for prefix in ("", "ال", "ل", "ب", "و", "لل"):
        begin = at - len(prefix)
        if begin >= floor and text.startswith(prefix, begin) and not _is_word_char(text, begin - 1):
            return True
    return False


def _is_word_char(text: str, pos: int) -> bool:
    if pos < 0 or pos >= len(text):
        return False
    char = text[pos]
    return char.isalnum() or char == "_"


def _as_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _without_preposition(phrase: str | None) -> str | None:
    """"للتلفزيون الروسي" → "التلفزيون الروسي", "بصحيفة إزفستيا" → "صحيفة إزفستيا"."""
    if not phrase:
        return phrase
    if phrase.startswith("لل"):
        return "ا" + phrase[1:]
    return phrase[1:] if phrase[0] in "لب" else phrase


def _strip_quotes(value: str | None) -> str | None:
    if value is None:
        return None
    return value.replace('"', "").replace("“", "").replace("”", "").replace("«", "").replace("»", "").strip() or None

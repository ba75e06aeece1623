"""Speaker mentions: who a cue names, and who a title, surname or silence stands for."""

from __future__ import annotations

from collections.abc import Callable
import re
from typing import Final, Literal

import msgspec

from .linking import words_agree
from .quotes import content_follows_name
from .words import Token, Words

MentionKind = Literal["person", "organization", "unknown"]
MAX_NAME_TOKENS: Final = 5
# What a word reads as in a mention (see _classify). Ints, not strings: the mention reader
# compares a word's kind a dozen times, and compiled, an int compares in one instruction.
NAME: Final = 0
ARTICLE: Final = 1  # a word with the article, not (yet) a title word
TITLE: Final = 2
ORG: Final = 3
STOP: Final = 4  # a word no mention runs across


class Mention(msgspec.Struct, frozen=True):
    """A speaker as written at one cue (normalised offsets)."""

    start: int
    end: int
    name: str | None  # proper-name part, normalised
    title: str | None  # description part, normalised
    kind: MentionKind
    name_span: tuple[int, int] | None = None  # where each part stands (normalised offsets)
    title_span: tuple[int, int] | None = None


Display = Callable[[int, int], str]


class Vocabulary:
    """Words of the article being read (made on first use), name words the speaker
    registry knows, and the reporting cues (a verb is never part of a name: "وزير
    الخارجية يؤكد")."""

    def __init__(self, text: str, names: frozenset[str], cues: frozenset[str]) -> None:
        self._text = text
        self.names = names
        self.cues = cues
        self._uses: dict[str, bool] = {}

    def uses(self, word: str) -> bool:
        """Whether the article has ``word`` as a word of its own (not inside another):
        asked for a few words an article, so each is a ``str.find`` walk, not a word set."""
        found = self._uses.get(word)
        if found is None:
            found = self._uses[word] = _has_word(self._text, word)
        return found


def _has_word(text: str, word: str) -> bool:
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalpha()) and (end == len(text) or not text[end].isalpha()):
            return True
        at = text.find(word, at + 1)
    return False


def parse_subject(
    toks: list[Token], text: str, lex: Words, display: Display, vocab: Vocabulary
) -> Mention | None:
    """Read a speaker from the start of ``toks`` (the words right after a cue).

    Accepts "title name", "name title", an organisation, and one comma-separated apposition
    ("وزير الخارجية، سيرغي لافروف،"). Stops at the first adjunct (time, place, medium,
    addressee). ``vocab`` tells "لماكرون" ("ل" + a word the article uses bare) from
    "لافروف" (a name). Returns None when the words do not start with a speaker.
    """
    name: list[Token] = []
    title: list[Token] = []
    org = False
    in_name = False
    last: Token | None = None
    body_name_end = -1  # where the close mark of a body's name in marks stands
    for i, tok in enumerate(toks):
        word = tok.text
        named_outlet = not name and len(title) == 1 and title[0].text in lex.outlet_heads
        gap = text[last.end : tok.start] if last is not None else " "  # mostly one space: no mark, no comma
        quoted = _holds_any(_QUOTE_MARKS, gap)
        if last is not None and quoted and body_name_end < 0 and org and len(title) == 1 and not name \
                and not _has_article(title[0], display):
            body_name_end = _close_of_name_in_marks(text, last, tok)
        if last is not None and quoted and not named_outlet and tok.start > body_name_end \
                and not (title and not name and _opens_marks(text, last, tok, lex)):
            break  # a mention never runs across a quote mark or a colon, but «صحيفة «الأهرام»
            # and a name in marks after its title: المبعوث "إسماعيل ولد الشيخ أحمد"
        if lex.invocation_at(toks, i):
            break  # "سموه - حفظه الله -": a blessing, not a name
        if _holds_any(_COMMA_MARKS, gap):
            return _apposition(toks[i:], text, lex, name, title, org, display, vocab)
        article = _has_article(tok, display)
        kind = _classify(word, lex, vocab, in_title=bool(title) and not name, article=article, names=len(name))
        if tok.start < body_name_end:
            title.append(tok)  # منظمة "أنقذوا الأطفال": the words in marks are the body's name
            last = tok
            continue
        if kind == NAME and not name and last is not None and word not in vocab.names \
                and _construct_head(last, lex, display) and _ends_construct(toks, i + 1, lex, vocab, display):
            kind = TITLE  # "تحالف دعم الشرعية", "حركة مشروع تونس": a body's own name, not a person's
        if kind == STOP and word in _COMPLEMENT_PREPOSITIONS and title and not name and _body_at(toks, i + 1, lex):
            kind = TITLE  # "المبعوث الدولي إلى اليمن": a title's complement names a state or body
        if kind in (STOP, TITLE) and _name_before_name(toks, i, text, lex, vocab, display):
            kind = NAME  # "قالت ليلى حسن", "قال علي حسن": a first name, not ل/على
        if kind == NAME and title and not name and last is not None and last.text in lex.place_heads \
                and len(title) >= 2 and title[-2].text in _TITLE_PREPOSITIONS:
            kind = TITLE  # "في قطاع غزة": the place head's noun, still the title
        if kind == NAME and last is not None and last.text in _TITLE_PREPOSITIONS:
            if not lex.state_at(toks, i) and word not in lex.place_heads:
                break  # "الوزير لدى وصوله": after في/لدى a title goes on only with a noun of its own
            kind = TITLE  # "الوكالة الرسمية في كوريا الشمالية"
        if kind == NAME and title and not name and _joins_a_state(word, lex):
            break  # "بحثنا مع وزير الخارجية المصري الأوضاع في اليمن وسوريا": و adds a state to the object
        if kind == NAME and title and not name and word not in vocab.names and _object_in_construct(toks, i, lex, display):
            break  # "أعلن الرئيس الفرنسي حالة الطوارئ": a common noun in construct is the verb's object
        if kind == NAME and name and not in_name and last is not None and last.text in lex.title_heads \
                and not _has_article(last, display):
            kind = TITLE  # "أحمد قطان سفير خادم الحرمين": a bare title head takes its noun
        if kind == TITLE and word in _NAME_OR_TITLE and name and in_name:
            kind = NAME  # "حسين أمير عبداللهيان": أمير inside a name, not "أمير قطر"
        if in_name and last is not None and last.text in _NAME_LINKS and (kind != STOP or _is_ali(tok, display)):
            kind = NAME  # "إسماعيل ولد الشيخ أحمد", "محمد بن علي": after ولد/بن a title word is a name
        if not name and not title and (state := lex.state_at(toks, i)):
            return _mention([], toks[i : i + state], True, display)  # "كوريا الشمالية"
        if kind == NAME and not name and _speaks_for_a_titled_person(title, lex, display):
            kind = TITLE  # "متحدث باسم رئيس الوزراء البلجيكي شارل ميشال": the name is the prime minister's
        if kind == NAME and not name and (len(title) == 1 or org) and title[-1].text in lex.states:
            break  # a state speaking is not followed by a name: "روسيا بشكل سريع", nor a body
            # its name ends: "أدانت حركة المقاومة الإسلامية حماس استهداف موكب ..." (the object)
        if kind == TITLE and not name and len(title) == 1 and title[0].text in lex.states \
                and article and not word.endswith("يه"):
            break  # nor by a noun, only by its own adjective: "إيران السعي" ("روسيا الاتحادية")
        if kind == NAME and not name and title and title[0].text in lex.title_heads \
                and not any(_has_article(t, display) for t in title):  # a bare head
            if len(title) == 1 or word.endswith(_NISBA_ENDINGS) or _describes_source(title[0].text, word, lex):
                kind = TITLE  # "عضو بارز", "مصادر دبلوماسية روسية": adjectives of a bare head
        if not name and not title:
            if kind == NAME and word[:1] in ("ل", "ب") and word not in vocab.names:
                if not _name_before_name(toks, i, text, lex, vocab, display):
                    return None  # right after a cue, "لعبارتي" is a preposition, not a name
            if kind == STOP:
                return None
            if kind == NAME and word not in vocab.names and _possessed_verbal_noun(tok, display):
                return None  # "قبل أن يعلن تنحيه": the verb's object, not its subject
            if kind == ARTICLE and word == "الله":
                return None  # "دعا الله أن ...": God is addressed, never quoted by a cue
            if kind == ARTICLE and not word.endswith(_PLURAL_ENDINGS):
                # "وقال الجبير": a family name alone; "الحمد الله": with its second part
                # "الحبيب الصيد": with a second article word that is no title, body or time
                second = toks[i + 1 : i + 2]
                joined = bool(second) and not _comma_between(text, tok, second[0]) and (
                    second[0].text in _COMPOUND_SECONDS
                    or _classify(second[0].text, lex, vocab, in_title=False, article=_has_article(second[0], display))
                    == ARTICLE
                )
                return _mention([tok, *second] if joined else [tok], [], False, display)
        if kind == STOP and title and not name and not org and word in lex.relative_agreements:
            named = _name_after_relative_clause(toks, i + 1, text, lex, display, vocab)
            if named is not None:  # "وقال وزير الدولة الذي يترأس الوفد ... الشيخ محمد الصباح:"
                return _mention(_tokens_in(toks, named.name_span), title, org, display)
            break
        if kind == NAME and name and not in_name and last is not None and last.text in lex.ranks:
            # "محافظ شمال سيناء اللواء محمد ...": what looked like a name was a place in
            # the title; the real name follows the second title head
            title, name = sorted(title + name, key=lambda t: t.start), []
        elif kind == STOP or (name and not in_name and kind not in (TITLE, ARTICLE, ORG)):
            break
        elif not name and len(title) >= 2 and title[-1].text not in lex.complement_heads and _second_role(tok, word, lex, display):
            break  # "ولي عهد السعودية المرشد الأعلى ...": the object, a second person
        elif (name or title) and word in lex.outlet_heads and not (
            title and not name and last is not None and last.text in lex.title_heads and not _has_article(last, display)
        ):
            break  # "الحكومة السعودية برنامج ...": an outlet word only opens a mention, or
            # follows a bare title as its genitive ("مدير وكالة اليونيسف")
        if kind == NAME and name and word not in vocab.names and _reads_as_verb(word, name[-1].text, len(name)):
            break  # "تيريزا ماي ستكون أول ...": the sentence's verb, not a third name
        if kind == NAME and name and word not in vocab.names and _reads_as_circumstantial(word, name[-1].text):
            break  # "أبومازن مهاجما حماس: ...": how he spoke, not a second name
        if kind == NAME and not name and word not in vocab.names and _definite_body(title, lex, display):
            break  # "أعلنت الحكومة زيادة الرواتب": a definite body has no name after it, only its object
        if kind == NAME and not name and title and word not in vocab.names and _possessed_verbal_noun(tok, display):
            break  # "أكد الوزير تفهمه مخاوف ...": the object, not a name after the title
        if kind == NAME and (name or title) and word not in vocab.names \
                and display(tok.start, tok.end).endswith(("ه", "ها", "هم")) and _next_word(text, tok.end) in lex.complementisers:
            break  # "أكد رئيس الوزراء (فلان) ثقته بأن ...": a noun with a pronoun before أن is the object
        if kind == NAME or (kind == ARTICLE and in_name):
            # "عادل الجبير": a family name may carry the article
            if len(name) == MAX_NAME_TOKENS:
                break
            name.append(tok)
            in_name = True
        elif name and kind == ARTICLE and not title:
            break
        else:
            in_name = False
            org = org or (kind == ORG and not title)
            title.append(tok)
        last = tok
    mention = _mention(name, title, org, display)
    if mention is not None and mention.end <= body_name_end:
        return msgspec.structs.replace(mention, end=body_name_end + 1)  # the close mark too
    return mention


def _name_after_relative_clause(
    toks: list[Token], start: int, text: str, lex: Words, display: Display, vocab: Vocabulary
) -> Mention | None:
    """The person a title's relative clause ends on: "وزير الدولة الذي يترأس وفد بلاده في
    المفاوضات الشيخ محمد الصباح في تصريحات ...". The name opens with an honorific after the
    clause's verb and its object (not right after the verb or a preposition: "الذي التقى
    الشيخ X", "الذي اجتمع مع الشيخ X" name the object), and nothing but adjuncts follows it."""
    for j in range(start + MIN_RELATIVE_CLAUSE, len(toks) - 1):
        if toks[j].text not in lex.honorifics:
            continue
        if toks[j - 1].text in lex.adjunct_starters or _quote_between(text, toks[j - 1], toks[j]):
            return None
        found = parse_subject(toks[j:], text, lex, display, vocab)
        if found is None or found.name_span is None:
            return None
        rest = next((t for t in toks[j:] if t.start >= found.end), None)
        if rest is not None and rest.text not in lex.adjunct_starters and rest.text not in lex.statement_forms \
                and _COMMA_MARKS.isdisjoint(text[found.end : rest.start]):
            return None  # "... الشيخ محمد الصباح الملف": the name is the verb's object
        return found
    return None


def before_addressee(toks: list[Token], mention: Mention, lex: Words, display: Display) -> int:
    """Where the one told starts in a speaker read after "أخبر"/"أبلغ" ("نتنياهو قادة العالم",
    "الوزيرة سلمى حداد الصحفيين", "الرئيس نظيره الفرنسي"): a counterpart, a plural with the
    article, or a title head after the name; 0 when the whole mention is the speaker."""
    named = mention.name_span[1] if mention.name_span is not None else -1
    for k in range(1, len(toks)):
        tok = toks[k]
        if tok.start >= mention.end:
            break
        word = tok.text
        if word in lex.counterpart_words or (0 <= named <= tok.start and word in lex.title_heads) \
                or (len(word) >= MIN_ADDRESSEE_PLURAL and _has_article(tok, display) and word.endswith(_PLURAL_ENDINGS)):
            return k
    return 0


MIN_ADDRESSEE_PLURAL: Final = 7  # "الصحفيين", "المشاركين"; not a family name like "الحسين"


def _tokens_in(toks: list[Token], span: tuple[int, int] | None) -> list[Token]:
    return [t for t in toks if span is not None and span[0] <= t.start and t.end <= span[1]]


MIN_RELATIVE_CLAUSE: Final = 3  # a verb and an object of at least two words before the name

_PRONOUN_SUFFIXES: Final = ("ها", "هم", "هما", "كم")
_COMPLEMENT_PREPOSITIONS: Final = frozenset({"الي"})  # folded إلى
_TITLE_PREPOSITIONS: Final = frozenset({"في", "لدي"})  # "مندوب روسيا لدى الأمم المتحدة"
_NAME_OR_TITLE: Final = frozenset({"امير", "سلطان"})  # title words that are also first names
_COMPOUND_SECONDS: Final = ("الله", "الدين", "الرحمن", "الرحيم", "العزيز")
_NISBA_ENDINGS: Final = ("ي", "يه", "يون", "يين", "يا")
_PLURAL_ENDINGS: Final = ("ون", "ين", "ات")  # "المراقبون" is a group, not a family name


_NAME_LINKS: Final = frozenset({"بن", "ابن", "ابو", "عبد", "بنت", "ال", "ولد"})


def _reads_as_verb(word: str, previous: str, names: int) -> bool:
    """An imperfect or future verb (يلتقي، تحدث، ستكون) right after a full name, or a
    verbal noun with a pronoun (تفهمه) right after any name."""
    if previous in _NAME_LINKS or len(word) < 4:
        return False
    if word[0] in "يت" and word.endswith(("ه", "ها", "هم")):
        return True
    return names >= 2 and (word[0] in "يت" or (word[0] == "س" and word[1] in "يتن"))


def _reads_as_circumstantial(word: str, previous: str) -> bool:
    """An active participle in the accusative after a name ("مهاجما", "منتقدا", "متوعدا"):
    م, at least three more letters, and the indefinite ا ending."""
    return previous not in _NAME_LINKS and len(previous) > 2 and len(word) >= 5 and word[0] == "م" and word.endswith("ا") and not word.endswith("يا")


def _describes_source(head: str, word: str, lex: Words) -> bool:
    """"مصدر أمني مطلع", "مسؤول أمريكي مشارك في ...": a participle (م and three or more
    letters) after the head of an unnamed source describes it; such a source has no name."""
    return head in lex.source_heads and len(word) >= 4 and word[0] == "م"


def _joins_a_state(word: str, lex: Words) -> bool:
    """"وسوريا", "والعراق": و and a state; a name after a title never starts so, such a
    word goes on a list of places in the verb's object."""
    return word[:1] == "و" and word[1:] in lex.states


def _object_in_construct(toks: list[Token], i: int, lex: Words, display: Display) -> bool:
    """"حالة الطوارئ", "فرض الحظر": a common noun of the lexicon's object nouns with its
    genitive (a definite word) after it; a name does not look so."""
    return toks[i].text in lex.object_nouns and i + 1 < len(toks) and _has_article(toks[i + 1], display)


def _speaks_for_a_titled_person(title: list[Token], lex: Words, display: Display) -> bool:
    """"متحدث باسم رئيس الوزراء ...": an indefinite spokesman whose "باسم" takes a person's
    title; a name after it belongs to that title, not to the unnamed spokesman."""
    return (
        len(title) >= 3 and title[0].text in lex.indefinite_spokesman_heads and title[1].text == "باسم"
        and title[2].text in lex.title_heads and title[2].text not in lex.indefinite_spokesman_heads
    )


def _definite_body(title: list[Token], lex: Words, display: Display) -> bool:
    """"الحكومة", "وزارة الخارجية الروسية": a body with the article, no person's title in it."""
    return (
        bool(title) and title[0].text in lex.organization_heads and _has_article(title[-1], display)
        and not any(t.text in lex.title_heads for t in title)
    )


_NEXT_WORD_RE: Final = re.compile(r"\s*([^\W_]+)")


def _next_word(text: str, end: int) -> str:
    """The word after ``end`` (past spaces only), or ""."""
    found = _NEXT_WORD_RE.match(text, end)
    return found.group(1) if found else ""


def _possessed_verbal_noun(tok: Token, display: Display) -> bool:
    """"تفهمه", "تأكيدها", "يقينه": ت/ي + a pronoun suffix as printed (not a ة ending)."""
    shown = display(tok.start, tok.end)
    return len(shown) >= 4 and shown[0] in "تي" and shown.endswith(("ه", "ها", "هم"))


def _name_before_name(toks: list[Token], i: int, text: str, lex: Words, vocab: Vocabulary, display: Display) -> bool:
    """A word that reads as a preposition ("ليلى" as ل + يلى, "علي" as على) but is a first
    name: it is not a known word with ل, and a name follows it directly."""
    word = toks[i].text
    if word == "علي":
        possible = display(toks[i].start, toks[i].end).endswith("ي")  # على is spelled with ى
    elif word[0] == "ل" and len(word) > 3:
        bare = word[1:]
        possible = (
            not word.startswith("لل") and not vocab.uses(bare)
            and bare not in lex.purpose_nouns and bare not in vocab.names and not bare.endswith(("ه", "ها", "هم")) and not lex.is_media(word)
        )
    else:
        return False
    if not possible or i + 1 >= len(toks) or _comma_between(text, toks[i], toks[i + 1]):
        return False
    nxt = toks[i + 1]
    following = _classify(nxt.text, lex, vocab, in_title=False, article=_has_article(nxt, display), names=1)
    return following == NAME and not _quote_between(text, toks[i], nxt)


def _is_ali(tok: Token, display: Display) -> bool:
    """"علي" as printed with ي: a name (the preposition على folds to the same word)."""
    return tok.text == "علي" and display(tok.start, tok.end).endswith("ي")


def _second_role(tok: Token, word: str, lex: Words, display: Display) -> bool:
    """A definite role word that is no rank ("المرشد", "الرئيس") after a whole title starts
    another noun phrase; "اللواء محمد" after "محافظ شمال سيناء" does not, nor "الأمين العام"
    after "المتحدث باسم"."""
    return word in lex.title_heads and _has_article(tok, display) and word not in lex.ranks


def _has_article(tok: Token, display: Display) -> bool:
    """"الجبير" has the article; "ألكسندر" only looks so once its hamza is folded."""
    return tok.text.startswith("ال") and display(tok.start, tok.start + 2).startswith("ال")


def _classify(word: str, lex: Words, vocab: Vocabulary, *, in_title: bool, article: bool, names: int = 0) -> int:
    """What a word reads as in a mention: NAME, ARTICLE (an ال word), TITLE, ORG or STOP."""
    # (a token is never empty; compiled, word[0] == "و" compares a code, word[:1] makes a string)
    if word in vocab.cues or (word[0] == "و" or word[0] == "ف") and word[1:] in vocab.cues:
        return STOP
    if word in lex.outlet_heads:
        return ORG  # "ذكرت وكالة رويترز أن": the outlet speaks for itself
    if word in lex.adjunct_starters or lex.is_media(word):
        return TITLE if in_title and word in _TITLE_PREPOSITIONS else STOP
    if word in vocab.names and not article:
        return NAME  # "أمير عبد اللهيان": a name word the registry knows, not the title
    if word in lex.title_heads or word[0] == "و" and word[1:] in lex.title_heads:
        return TITLE  # "ومدير": a second title joined to the first
    if in_title and word.startswith("وال") and len(word) > 4:
        return TITLE  # "وزير الخارجية والمغتربين": a title's noun joined by و; no name starts so
    if lex.is_org(word) or word in lex.states:
        return ORG
    if _is_prefixed(word, lex, vocab, names):
        # "رئيس المركز الوطني لإدارة الدفاع" runs on; "روسيا لترامب" stops at the addressee
        return TITLE if in_title and _continues_title(word, lex, vocab) else STOP
    if article:
        return TITLE if in_title else ARTICLE
    if word.endswith(_PRONOUN_SUFFIXES) and len(word) > 3:
        return STOP
    return NAME


def _continues_title(word: str, lex: Words, vocab: Vocabulary) -> bool:
    """"لشؤون مجلس الوزراء" runs on in a title; "لترامب", "لنظيره" address someone."""
    bare = word[1:]
    return word.startswith(("لل", "بال")) or (bare not in vocab.names and not bare.endswith(("ه", "ها", "هم")))


def _is_prefixed(word: str, lex: Words, vocab: Vocabulary, names: int) -> bool:
    """"لماكرون", "لنظيره", "بالخارجية": a preposition glued to a word.

    Not a word the registry knows as a name ("لافروف", "بوتين"), nor a surname right after
    a first name ("غابريليوس لاندسبيرغيس"); after a full name ("سامح شكري لنظيره") or
    right after a cue, ل is a preposition. ب only when the article uses the bare word too
    ("بلينكن" stays a name)."""
    if len(word) <= 3 or not (word[0] == "ل" or word[0] == "ب") or word in vocab.names:
        return False
    bare = word[1:]
    if word.startswith(("لل", "بال")) or vocab.uses(bare) or word[0] == "ل" and bare in vocab.names:
        return True
    if bare in lex.title_heads or bare in lex.states:
        return True
    return (word[0] == "ل" and names != 1) or names >= 2  # "علي خامنئي بأدولف هتلر"


def _construct_head(tok: Token, lex: Words, display: Display) -> bool:
    """An organisation word without the article ("تحالف", "حركة", "محافظة"): the word after
    it is its genitive (but "مكتب نتنياهو": a name the registry knows stays a name)."""
    return tok.text in lex.organization_heads and not _has_article(tok, display) and tok.text not in lex.states


def _ends_construct(toks: list[Token], i: int, lex: Words, vocab: Vocabulary, display: Display) -> bool:
    """After "تحالف دعم" comes "الشرعية" (a definite word, a state or a body), not a second
    bare word: "وكالة فرانس برس" and "وكالة وفا نجاة ..." are read as before."""
    if i >= len(toks):
        return True
    nxt = toks[i]
    kind = _classify(nxt.text, lex, vocab, in_title=True, article=_has_article(nxt, display))
    return kind != NAME


def _body_at(toks: list[Token], i: int, lex: Words) -> bool:
    """A state or a definite organisation starts at ``toks[i]`` ("اليمن", "الأمم المتحدة";
    not "جانب" in "إلى جانب")."""
    if i >= len(toks):
        return False
    word = toks[i].text
    return word in lex.states or bool(lex.state_at(toks, i)) or (word.startswith("ال") and word in lex.organization_heads)


def _opens_marks(text: str, left: Token, right: Token, lex: Words) -> bool:
    """Marks open between the two words around a name, and close before the cue's content:
    المبعوث "إسماعيل ولد الشيخ أحمد"؛ عن (not مراسل "سكاي نيوز عربية" في غزة, nor الوزير
    "سنواصل العمل"، مضيفا)."""
    close = _close_of_name_in_marks(text, left, right)
    return close >= 0 and content_follows_name(text, close, lex)


def _close_of_name_in_marks(text: str, left: Token, right: Token) -> int:
    """Where the marks close around a name that starts at ``right`` (المبعوث "إسماعيل ولد
    الشيخ أحمد"، منظمة "أنقذوا الأطفال"): only an opening mark between the two words, and a
    close within a name's length; -1 otherwise."""
    if text[left.end : right.start].strip() not in ('"', "«", "“"):
        return -1
    close = _CLOSE_MARK_RE.search(text, right.start, right.start + MAX_NAME_IN_MARKS_CHARS)
    return close.start() if close is not None else -1


_CLOSE_MARK_RE: Final = re.compile(r"[\"»”]")
MAX_NAME_IN_MARKS_CHARS: Final = 60


_COMMA_MARKS: Final = frozenset("،,-(")
_QUOTE_MARKS: Final = frozenset('"«»“”:')


def _comma_between(text: str, left: Token, right: Token) -> bool:
    return _holds_any(_COMMA_MARKS, text[left.end : right.start])


def _without_marks(shown: str) -> str:
    """منظمة "أنقذوا الأطفال" as a name: the body's name without its quote marks."""
    return " ".join("".join(" " if c in _QUOTE_MARKS else c for c in shown).split())


def _quote_between(text: str, left: Token, right: Token) -> bool:
    return _holds_any(_QUOTE_MARKS, text[left.end : right.start])


def _holds_any(marks: frozenset[str], gap: str) -> bool:
    """One of ``marks`` stands in the gap between two words (mostly one space: no set walk
    for that)."""
    return gap != " " and not marks.isdisjoint(gap)


def _apposition(rest: list[Token], text: str, lex: Words, name: list[Token], title: list[Token], org: bool,
                display: Display, vocab: Vocabulary) -> Mention | None:
    """One comma-separated chunk after the first: a name for a bare title, or vice versa."""
    chunk: list[Token] = []
    for tok in rest:
        if chunk and _comma_between(text, chunk[-1], tok):
            break
        chunk.append(tok)
    if title and not name and chunk and not org and title[0].text not in lex.source_heads:
        # (an unnamed source has no name to follow it: "وبحسب خبراء، سيكون ..." is a clause)
        ranks = 0  # "ولي العهد السعودي، الأمير محمد بن سلمان،": a rank before the name
        while ranks < len(chunk) - 1 and chunk[ranks].text in lex.ranks:
            ranks += 1
        names = chunk[ranks:]
        if len(names) <= MAX_NAME_TOKENS:  # (a longer chunk is a clause: its words need no reading)
            kinds = [_classify(t.text, lex, vocab, in_title=False, article=_has_article(t, display)) for t in names]
            if kinds[0] == STOP and _name_before_name(names, 0, text, lex, vocab, display):
                kinds[0] = NAME  # "رئيس المنظمة، علي أكبر صالحي،": علي, not على
            for j in range(1, len(names)):
                if kinds[j] == STOP and names[j - 1].text in _NAME_LINKS and _is_ali(names[j], display):
                    kinds[j] = NAME
            if kinds[0] == NAME and STOP not in kinds:
                return _mention(names, title + chunk[:ranks], org, display)
    return _mention(name, title, org, display)


def _mention(name: list[Token], title: list[Token], org: bool, display: Display) -> Mention | None:
    while title and title[-1].text in _TITLE_PREPOSITIONS:  # "وزارة الدفاع الروسية في بيان"
        title = title[:-1]
    if not name and not title:
        return None
    if name:
        kind: MentionKind = "person"
    elif org:
        kind = "organization"
    else:
        kind = "unknown"
    # each part's words are in text order; the parts are in either order ("title name", "name title")
    first, last = (name or title)[0], (name or title)[-1]
    if name and title:
        first = first if first.start < title[0].start else title[0]
        last = last if last.end > title[-1].end else title[-1]
    return Mention(
        first.start, last.end,
        " ".join([t.text for t in name]) or None, " ".join([t.text for t in title]) or None, kind,
        (name[0].start, name[-1].end) if name else None, (title[0].start, title[-1].end) if title else None,
    )


class KnownPerson:
    """Someone a segment named. A plain class, native when compiled: every mention reads
    the people named before it."""

    __slots__ = ("key", "name", "title", "words")

    def __init__(self, key: str, name: str, title: str | None) -> None:
        self.key = key  # normalised name
        self.name = name  # as printed
        self.title = title  # normalised title it was introduced with
        self.words = key.split()  # (split once: each mention compares them)


Via = Literal["name", "surname", "title", "epithet", "organization", "implicit", "unresolved"]


class Resolved(msgspec.Struct, frozen=True):
    name: str
    kind: MentionKind
    via: Via


class ArticleSpeakers:
    """Who has been named so far in one segment, for surnames, titles and epithets."""

    def __init__(self, lex: Words, display: Display, nation_of: Callable[[str], str | None] = lambda name: None) -> None:
        self._lex = lex
        self._display = display  # a mention's parts as printed in the original text
        self._nation_of = nation_of  # the state a person serves, as the registry knows it
        self._people: list[KnownPerson] = []
        self._surnames: set[str] = set()

    def resolve(self, mention: Mention, last: Resolved | None) -> Resolved:
        if is_office(mention, self._lex):
            # "مكتب نتنياهو": the office speaks; its head is named, for "نتنياهو" later
            self._resolve_name(msgspec.structs.replace(mention, title=None))
            return Resolved(self._display(mention.start, mention.end), "organization", "organization")
        if mention.name:
            return self._resolve_name(mention)
        title = mention.title or ""
        shown = self._display(*mention.title_span) if mention.title_span else title
        if mention.kind == "organization":
            return Resolved(_without_marks(shown), "organization", "organization")
        found = self.titled(title)
        if found is not None:
            return found
        if last is not None and last.kind == "person" and self._lex.is_epithet(title):
            return Resolved(last.name, "person", "epithet")
        named = self._name_after_title(title, shown)
        if named is not None:
            return named
        return Resolved(shown, "unknown", "unresolved")

    def _name_after_title(self, title: str, shown: str) -> Resolved | None:
        """"رئيس الحكومة الحبيب الصيد": a title read whole whose last two words are a name
        with the article (no role, body, nisba adjective or plural, as in "خادم الحرمين
        الشريفين"): the person is learned, so "رئيس الحكومة" and "الصيد" later stand for him."""
        words, printed = title.split(), shown.split()
        if len(words) < 3 or len(printed) != len(words) or words[0] not in self._lex.title_heads:
            return None
        tail = words[-2:]
        lex = self._lex
        if not all(w.startswith("ال") and len(w) > 3 and not w.endswith(_NISBA_ENDINGS + _PLURAL_ENDINGS)
                   and w not in lex.title_heads and w not in lex.ranks and not lex.is_org(w) and w not in lex.states
                   for w in tail):
            return None
        name = " ".join(printed[-2:])
        self._learn(KnownPerson(" ".join(tail), name, " ".join(words[:-2])))
        return Resolved(name, "person", "name")

    def titled(self, title: str) -> Resolved | None:
        """The latest person introduced with this title (normalised), if any; one introduced
        with exactly this title first: "وزير الخارجية" is the article's own minister, not
        "وزير الخارجية الإيطالي" named after him."""
        found: KnownPerson | None = None
        nation = title_nation(title, self._lex)
        for person in reversed(self._people):
            if not self._may_hold(person, nation):
                continue
            if person.title and same_title_exactly(person.title, title, self._lex):
                found = person
                break
            if found is None and person.title and _same_title(person.title, title, self._lex):
                found = person
        return Resolved(found.name, "person", "title") if found is not None else None

    def known(self) -> int:
        """How many people the segment has named so far."""
        return len(self._people)

    def named_next(self, title: str, known: int) -> Resolved | None:
        """"قال وزير كويتي إن ... وقال وزير الدولة لشؤون مجلس الوزراء الشيخ محمد ...": an
        indefinite title with a nationality stands for the next person named (the ``known``-th)
        when that person's title has the same head. Not an unnamed source or spokesman ("قال
        مسؤول أمريكي", "قال متحدث باسم ..." keep the name back on purpose), nor a person of
        another state."""
        lex = self._lex
        first = title.split()[0]
        nation = title_nation(title, lex)
        if known >= len(self._people) or nation is None or first.startswith("ال") \
                or first not in lex.title_heads or first in lex.source_heads or first in lex.indefinite_spokesman_heads:
            return None
        person = self._people[known]
        core = _title_core(person.title or "", lex)
        if not core or core[0] != _title_core(title, lex)[0] or title_nation(person.title or "", lex) not in (None, nation) \
                or not self._may_hold(person, nation):
            return None
        return Resolved(person.name, "person", "title")

    def _may_hold(self, person: KnownPerson, nation: str | None) -> bool:
        """Whether a person introduced with a title naming no state ("وزير الخارجية عادل
        الجبير") may hold one naming ``nation``: not when the registry knows them as another's."""
        if nation is None or not person.title or title_nation(person.title, self._lex) is not None:
            return True
        return self._nation_of(person.name) in (None, nation)

    def _learn(self, person: KnownPerson) -> None:
        self._people.append(person)
        self._surnames.add(person.words[-1])

    def title_of(self, name: str) -> str | None:
        """The title (normalised) the latest person printed as ``name`` was introduced with."""
        return next((person.title for person in reversed(self._people) if person.name == name), None)

    def is_surname(self, word: str) -> bool:
        """Whether ``word`` (normalised) is the last name of someone named so far."""
        return word in self._surnames

    def recent(self, count: int) -> list[KnownPerson]:
        """The last ``count`` people named, newest first."""
        return self._people[: -count - 1 : -1]

    def _resolve_name(self, mention: Mention) -> Resolved:
        key = mention.name or ""
        parts = key.split()
        for person in reversed(self._people):
            if _same_person(person.words, parts):
                person.title = person.title or mention.title
                return Resolved(person.name, "person", "surname" if len(parts) == 1 else "name")
        shown = self._display(*mention.name_span) if mention.name_span else key
        if all(part.startswith("ال") for part in parts):
            # "وقال الجبير" with no عادل الجبير before, "الحبيب الصيد": a name, or a common
            # noun ("وقال المستشفى"); only the registry can tell, so it is looked up, not learned
            return Resolved(shown, "unknown", "unresolved")
        self._learn(KnownPerson(key, shown, mention.title))
        return Resolved(shown, "person", "name")


def is_office(mention: Mention, lex: Words) -> bool:
    """"مكتب نتنياهو", "مكتب رئيس الوزراء التركي أحمد داود أوغلو", "إدارة ترامب": a bare body
    head before a person's title or name."""
    span = mention.title_span
    return bool(mention.name and mention.title) and span is not None and span[0] == mention.start \
        and (mention.title or "").split()[0] in lex.office_heads


def _same_person(known: list[str], parts: list[str]) -> bool:
    """A name mention stands for a person named before: the same surname, or a spelling of
    it, and, when it gives more, the same first name ("خالد المصري" is not "محمد المصري")
    or the rest of a compound surname ("ولد عباس" after "جمال ولد عباس")."""
    if len(known) < len(parts) or not _same_word(known[-1], parts[-1], surname=True):
        return False
    if len(parts) == 1 or _same_word(known[0], parts[0], surname=False):
        return True
    return all(_same_word(k, p, surname=True) for k, p in zip(known[-len(parts) :], parts))


def _same_word(a: str, b: str, *, surname: bool) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and words_agree(a, b, surname))


def _same_title(known: str, asked: str, lex: Words) -> bool:
    """"وزير الخارجية الروسي" asks for whoever was introduced as "... وزير الخارجية ...";
    honorifics ("سمو", "معالي") and the article do not count."""
    k, a = _title_core(known, lex), _title_core(asked, lex)
    size = min(min(len(k), len(a)), 2)  # (two at a time: compiled, a native comparison)
    return size > 0 and not speaks_for_another(known, asked, lex) and _same_nation(k, a, lex) and any(k[i : i + size] == a[:size] for i in range(len(k) - size + 1))


def speaks_for_another(known: str, asked: str, lex: Words) -> bool:
    """"المتحدث باسم وزارة الداخلية" asked of one introduced as "المتحدث باسم الرئاسة":
    the words after "باسم" (or "لشؤون") differ, so the titles are two people's."""
    k, a = _title_core(known, lex), _title_core(asked, lex)
    at = next((i for i, word in enumerate(a[:-1]) if word in lex.complement_heads), -1)
    if at < 0 or a[at] not in k:
        return False
    return a[at + 1] not in k[k.index(a[at]) + 1 :]  # ("باسم الخارجية" is "باسم وزارة الخارجية")


def same_title_exactly(known: str, asked: str, lex: Words) -> bool:
    """The same title word for word, honorifics and the article aside."""
    return _title_core(known, lex) == _title_core(asked, lex)


def title_covers(known: str, asked: str, lex: Words) -> bool:
    """"نائب الوزير الكوري الشمالي" is a short form of "نائب وزير الخارجية الكوري الشمالي":
    every word it keeps stands in the longer title, in the same order."""
    k, a = _title_core(known, lex), _title_core(asked, lex)
    i = 0
    for word in k:
        if i < len(a) and word == a[i]:
            i += 1
    return bool(a) and i == len(a) and _same_nation(k, a, lex)


def counterparts(toks: list[Token], text: str, lex: Words, vocab: Vocabulary, display: Display) -> list[tuple[list[str], list[Token]]]:
    """The people a counterpart word introduces, from the words after it: "الياباني تارو كونو
    والكورية الجنوبية كانغ كيونغ وا" → (["الياباني"], تارو كونو), (["الكوريه", "الجنوبيه"],
    كانغ كيونغ وا). Each is a nationality adjective with the article (after و from the
    second on), the adjectives qualifying it, then a name; a mark or comma ends the list."""
    found: list[tuple[list[str], list[Token]]] = []
    i = 0
    while i < len(toks):
        if i and not _spaced_pair(text, toks[i - 1], toks[i]):
            break
        adjectives = _nationality_at(toks, i, lex, joined=bool(found))
        if not adjectives:
            break
        i += len(adjectives)
        name: list[Token] = []
        while i < len(toks) and len(name) < MAX_NAME_TOKENS and _spaced_pair(text, toks[i - 1], toks[i]) \
                and not _nationality_at(toks, i, lex, joined=True):
            tok = toks[i]
            if _classify(tok.text, lex, vocab, in_title=False, article=_has_article(tok, display), names=len(name)) != NAME:
                break
            name.append(tok)
            i += 1
        if not name:
            break
        found.append((adjectives, name))
    return found


def _spaced_pair(text: str, left: Token, right: Token) -> bool:
    """Only spaces (or a hyphen inside a name) between two words."""
    return text[left.end : right.start].strip(" -") == ""


def _nationality_at(toks: list[Token], i: int, lex: Words, *, joined: bool) -> list[str]:
    """"الياباني", "والكورية الجنوبية" (``joined``: after و): the nationality adjective at
    ``toks[i]`` with the nisba adjectives after it, without the و; [] when none is there."""
    word = toks[i].text
    if joined:
        if not word.startswith("و"):
            return []
        word = word[1:]
    if not word.startswith("ال") or lex.nation(word[2:]) is None:
        return []
    words = [word]
    for tok in toks[i + 1 : i + 3]:
        if not (tok.text.startswith("ال") and tok.text.endswith(("ي", "يه")) and lex.nation(tok.text[2:]) is None):
            break
        words.append(tok.text)
    return words


def counterpart_title(subject_title: str, adjectives: list[str], lex: Words) -> str:
    """The title a counterpart holds: the sentence subject's title with its nationality
    replaced and its head in the adjective's gender ("الوزير الأميركي" and "الكوريه
    الجنوبيه" → "الوزيره الكوريه الجنوبيه")."""
    words = [w for w in subject_title.split() if lex.nation(w.removeprefix("ال")) is None]
    if not words:
        return " ".join(adjectives)
    head = words[0]
    if adjectives[0].endswith("ه") and not head.endswith("ه"):
        head += "ه"  # ة is folded to ه
    elif not adjectives[0].endswith("ه") and head.endswith("ه") and head[:-1] in lex.title_heads:
        head = head[:-1]
    return " ".join([head, *words[1:], *adjectives])


def counterpart_holds(derived: str, asked: str, lex: Words) -> bool:
    """A title names the counterpart introduced with ``derived``: the same head (and so
    gender) and nationality, one title a short form of the other."""
    k, a = _title_core(derived, lex), _title_core(asked, lex)
    return bool(k) and bool(a) and k[0] == a[0] and (title_covers(derived, asked, lex) or title_covers(asked, derived, lex))


def _same_nation(known: tuple[str, ...], asked: tuple[str, ...], lex: Words) -> bool:
    """"وزير الخارجية الأمريكي" is not a person introduced as "وزير الخارجية الروسي"."""
    nation, known_nation = _first_nation(asked, lex), _first_nation(known, lex)
    return nation is None or known_nation is None or nation == known_nation


def title_nation(title: str, lex: Words) -> str | None:
    """The state a title names first: "سفير روسيا في لبنان" is Russia's ambassador."""
    return _first_nation(_title_core(title, lex), lex)


def _first_nation(core: tuple[str, ...], lex: Words) -> str | None:
    return next((w for w in core if w in lex.nations), None)


def _title_core(title: str, lex: Words) -> tuple[str, ...]:
    """The title's words without honorifics or the article, a state's adjective and name as
    one ("الروسي", "روسيا" → "روسيا") and a head without a glued "ل" ("النائب الأول لوزير").
    Made once a title: every person named so far is compared by it, at every quote."""
    core = lex.title_cores.get(title)
    if core is None:
        if len(lex.title_cores) >= MAX_TITLE_CORES:
            lex.title_cores.clear()
        core = lex.title_cores[title] = tuple(_core_word(w, lex) for w in title.split() if w not in lex.honorifics)
    return core


MAX_TITLE_CORES: Final = 65536


def _core_word(word: str, lex: Words) -> str:
    if word.startswith("ل") and not word.startswith("ال") and word[1:] in lex.title_heads:
        word = word[1:]
    word = word.removeprefix("ال")
    return lex.nation(word) or word

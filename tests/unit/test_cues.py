"""Reporting cues: every form of the shipped cue data is found, with clitics and marks,
and never inside a longer word; bad cue data is refused."""

from __future__ import annotations

import tomllib
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.cues import CueHit, CueScanner, alternation
from extractors.normalize import normalize, normalize_text
from extractors.resources import CueEntry, CueFile, RuleDataError, cue_entries
from extractors.words import TokenIndex

ENTRIES = cue_entries()
FORMS = sorted(
    {(form, entry.lemma, False) for entry in ENTRIES for form in [*entry.forms, *entry.participles]}
    | {(form, entry.lemma, True) for entry in ENTRIES for form in entry.imperfect}
)
FATHA, SHADDA, TATWEEL = "\u064e", "\u0651", "\u0640"


@pytest.fixture(scope="module")
def scanner() -> CueScanner:
    return CueScanner()


def _proclitic(form: str) -> bool:
    """Forms ending in a one-letter preposition (وفقا لـ) run straight into the next word."""
    return normalize_text(form).endswith((" ل", " ب"))


def _sentence(form: str, before: str = "وفي المؤتمر الصحفي ") -> str:
    after = "وزير الخارجية إن الخطة جاهزة." if _proclitic(form) else " وزير الخارجية إن الخطة جاهزة."
    return f"{before}{form}{after}"


def _found(scanner: CueScanner, text: str, form: str) -> list[CueHit]:
    """Hits whose cue word (after any clitic) is ``form``, compared in normalised form."""
    norm = normalize(text)
    want = normalize_text(form)
    return [h for h in scanner.scan(norm) if " ".join(norm.text[h.form_start : h.end].split()) == want]


def _vowel(form: str) -> str:
    """The form with a fatha after every letter and a tatweel after the first one."""
    out = []
    for i, ch in enumerate(form):
        out.append(ch)
        if ch.isalpha():
            out.append(FATHA)
            if i == 0 and ch not in "اأإآدذرزوؤة":  # letters that do not join forward
                out.append(TATWEEL)
    return "".join(out)


def test_the_shipped_cue_data_is_complete() -> None:
    lemmas = {e.lemma for e in ENTRIES}
    # GUIDELINES / issue 4: the cues the extractor owes
    for lemma in ("قال", "أكد", "أضاف", "أشار", "أوضح", "تابع", "شدد", "لفت", "كشف", "ذكر", "صرح",
                  "أعلن", "رأى", "اعتبر", "نوه", "أفاد", "حذر", "نفى", "هدد", "اختتم",
                  "مؤكدا", "مضيفا", "مشيرا", "لافتا", "منوها", "مشددا", "قائلا", "معتبرا", "واصفا",
                  "عادا", "نقل عن", "وفقا ل"):
        assert lemma in lemmas
    assert all(e.forms for e in ENTRIES)
    forms = {normalize_text(f) for e in ENTRIES for f in (*e.forms, *e.imperfect)}
    for form in ("قالت", "يقول", "تقول", "مؤكدة", "بحسب", "على لسان", "حسبما قال", "وفقا ل"):
        assert normalize_text(form) in forms


@pytest.mark.parametrize(("form", "lemma", "imperfect"), FORMS, ids=[f[0] for f in FORMS])
class TestEveryForm:
    def test_in_a_sentence(self, scanner: CueScanner, form: str, lemma: str, imperfect: bool) -> None:
        text = _sentence(form)
        hits = _found(scanner, text, form)
        assert len(hits) == 1, text
        hit = hits[0]
        assert not hit.has_conjunction
        norm = normalize(text)
        # the hit maps back onto the form as written (a trailing tatweel is not part of it)
        a, b = norm.to_original(hit.form_start), norm.end_to_original(hit.end)
        assert text[a:b] == form.rstrip(TATWEEL)

    def test_alone(self, scanner: CueScanner, form: str, lemma: str, imperfect: bool) -> None:
        hits = _found(scanner, form, form)
        assert [(h.start, h.form_start) for h in hits] == [(0, 0)]

    def test_entry_and_tense_of_the_hit(self, scanner: CueScanner, form: str, lemma: str, imperfect: bool) -> None:
        (hit,) = _found(scanner, _sentence(form), form)
        # a form shared by two entries belongs to the first that lists it
        owner = next(
            (e, f in e.imperfect and f not in e.forms)
            for e in ENTRIES
            for f in (*e.forms, *e.imperfect, *e.participles)
            if normalize_text(f) == normalize_text(form)
        )
        assert (hit.entry, hit.imperfect) == owner

    @pytest.mark.parametrize("clitic", ["و", "ف"])
    def test_with_attached_clitic(
        self, scanner: CueScanner, form: str, lemma: str, imperfect: bool, clitic: str
    ) -> None:
        text = _sentence(clitic + form, before="ثم ")
        hits = _found(scanner, text, form)
        assert len(hits) == 1, text
        assert hits[0].has_conjunction
        assert hits[0].start == text.index(clitic + form)
        assert hits[0].form_start == hits[0].start + 1

    def test_with_detached_wa(self, scanner: CueScanner, form: str, lemma: str, imperfect: bool) -> None:
        text = _sentence("و " + form, before="ثم ")
        hits = _found(scanner, text, form)
        assert len(hits) == 1, text
        assert hits[0].has_conjunction
        assert hits[0].start == text.index("و " + form)
        assert hits[0].form_start == hits[0].start + 2

    def test_with_harakat_and_tatweel(self, scanner: CueScanner, form: str, lemma: str, imperfect: bool) -> None:
        marked = _vowel(form)
        assert marked != form
        for variant in (marked, "و" + FATHA + marked):
            text = _sentence(variant)
            hits = _found(scanner, text, form)
            assert len(hits) == 1, text
            norm = normalize(text)
            a, b = norm.to_original(hits[0].form_start), norm.end_to_original(hits[0].end)
            assert normalize_text(text[a:b]) == normalize_text(form)
            assert text[a:b].startswith(form[0])


@pytest.mark.parametrize(
    "word",
    [
        "التابعة",  # تابع inside a word
        "قالب",  # قال + ب
        "مقال",  # م + قال
        "استقال",
        "ذكرى",
        "الحذر",
        "المؤكدة",
        "تابعونا",
        "أكدنا",
        "قالت5",
        "بحسبان",
    ],
)
def test_cues_are_not_found_inside_longer_words(scanner: CueScanner, word: str) -> None:
    text = f"نشرت الصحيفة {word} جديدا في العدد الأخير"
    norm = normalize(text)
    assert scanner.scan(norm) == [], [norm.text[h.start : h.end] for h in scanner.scan(norm)]


def test_several_cues_in_one_text_are_found_in_order(scanner: CueScanner) -> None:
    text = "قال الوزير إن الخطة جاهزة، مضيفا أن التنفيذ سيبدأ قريبا، وفقا لمصادر رسمية. وأكدت الوزيرة ذلك."
    norm = normalize(text)
    got = [norm.text[h.form_start : h.end] for h in scanner.scan(norm)]
    assert got == ["قال", "مضيفا", "وفقا ل", "اكدت"]


def test_scan_respects_a_window(scanner: CueScanner) -> None:
    text = "قال الوزير كذا. وأضاف المتحدث كذا."
    norm = normalize(text)
    second = norm.text.index("واضاف")
    assert [h.start for h in scanner.scan(norm, second)] == [second]
    assert [h.start for h in scanner.scan(norm, 0, second)] == [0]


def test_a_scanner_can_be_built_from_other_entries() -> None:
    scanner = CueScanner((CueEntry(lemma="غرد", role="verb", forms=["غرّد", "غردت"]),))
    norm = normalize("وغرّدت الوزيرة قائلة إن الخطة جاهزة")
    hits = scanner.scan(norm)
    assert [(h.entry.lemma, h.has_conjunction) for h in hits] == [("غرد", True)]
    assert "قال" not in scanner.forms


# -- bad cue data -----------------------------------------------------------------------------
# The loader reads the shipped file by name only, so bad data is checked through the same
# decoding steps it uses (tomllib, then msgspec.convert into CueFile); the loader turns
# exactly these errors into RuleDataError.

BAD_CUE_FILES = {
    "empty file": "",
    "unknown role": '[[cue]]\nlemma = "قال"\nrole = "verbb"\nforms = ["قال"]\n',
    "missing forms": '[[cue]]\nlemma = "قال"\nrole = "verb"\n',
    "forms not a list": '[[cue]]\nlemma = "قال"\nrole = "verb"\nforms = "قال"\n',
    "unknown field": '[[cue]]\nlemma = "قال"\nrole = "verb"\nforms = ["قال"]\ngender = "m"\n',
    "wrong top-level key": '[[cues]]\nlemma = "قال"\nrole = "verb"\nforms = ["قال"]\n',
    "object not a bool": '[[cue]]\nlemma = "قال"\nrole = "verb"\nforms = ["قال"]\nobject = "yes"\n',
}


@pytest.mark.parametrize("source", BAD_CUE_FILES.values(), ids=BAD_CUE_FILES.keys())
def test_malformed_cue_data_does_not_decode(source: str) -> None:
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert(tomllib.loads(source), CueFile)


def test_broken_toml_does_not_parse() -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads('[[cue]]\nlemma = "قال\nforms = [')


def test_well_formed_cue_data_decodes() -> None:
    source = '[[cue]]\nlemma = "قال"\nrole = "verb"\nforms = ["قال", "قالت"]\nimperfect = ["يقول"]\n'
    cues = msgspec.convert(tomllib.loads(source), CueFile).cue
    assert cues == [CueEntry(lemma="قال", role="verb", forms=["قال", "قالت"], imperfect=["يقول"])]


def test_rule_data_error_is_a_value_error() -> None:
    assert issubclass(RuleDataError, ValueError)


# -- the factored pattern is the flat alternation, only faster ------------------------

FIXTURE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parents[2] / "fixtures" / "articles").glob("*.txt"))]
NORMALISED_FORMS = sorted({normalize_text(form) for form, _, _ in FORMS})


def _matches(pattern, text: str) -> list[tuple]:
    return [(m.span(), m["conj"], m["form"]) for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", FIXTURE_TEXTS, ids=range(len(FIXTURE_TEXTS)))
def test_scanner_pattern_matches_the_flat_alternation_on_articles(scanner, text):
    norm = normalize(text).text
    assert _matches(scanner.pattern, norm) == _matches(alternation(scanner.forms), norm)


pieces = st.one_of(
    st.sampled_from(NORMALISED_FORMS),  # whole forms, glued or spaced
    st.sampled_from(NORMALISED_FORMS).map(lambda f: f[:-1]),  # a form cut short
    st.sampled_from(["و", "ف", " ", "  ", "،", ".", "ت", "وا", "ه", "لروسيا", "2023", "_"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=12).map("".join))
def test_scanner_pattern_matches_the_flat_alternation_on_any_text(text):
    scanner = CueScanner()
    assert _matches(scanner.pattern, text) == _matches(alternation(scanner.forms), text)


# -- the scan driven by the text's tokens finds what the pattern finds ---------------------

word_pieces = st.one_of(
    pieces,
    st.sampled_from(["-", "'", "\n", "\u00b2", "٣", "x", "«", "»", '"']),  # inner marks, numerals, scripts
    st.sampled_from(["و ", "ف ", "و\n"]).flatmap(lambda c: st.sampled_from(NORMALISED_FORMS).map(c.__add__)),
)


def _hits(scanner: CueScanner, text: str, start: int = 0, end: int | None = None, *, words: bool) -> list[CueHit]:
    norm = normalize(text)
    return scanner.scan(norm, start, end, words=TokenIndex(norm.text) if words else None)


@pytest.mark.parametrize("text", FIXTURE_TEXTS, ids=range(len(FIXTURE_TEXTS)))
def test_the_scan_over_tokens_finds_every_cue_the_pattern_finds_in_articles(scanner, text):
    assert _hits(scanner, text, words=True) == _hits(scanner, text, words=False)


@settings(max_examples=500, deadline=None)
@given(st.lists(word_pieces, max_size=14).map("".join), st.integers(0, 60), st.integers(0, 60))
def test_the_scan_over_tokens_finds_every_cue_the_pattern_finds_in_any_window(text, a, b):
    scanner = CueScanner()
    assert _hits(scanner, text, words=True) == _hits(scanner, text, words=False)
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert _hits(scanner, text, start, end, words=True) == _hits(scanner, text, start, end, words=False)

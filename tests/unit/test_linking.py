"""Speaker registry and name-variant linking (extractors.linking)."""

from __future__ import annotations

import datetime
import itertools
import json
from pathlib import Path

import msgspec
import pytest

from extractors.linking import Linker, Registry, SpeakerRecord, default_registry, parse_name
from extractors.normalize import normalize_key
from extractors.types import Speaker

FIXTURE = Path(__file__).parents[2] / "fixtures" / "name_variants.json"
VARIANTS = json.loads(FIXTURE.read_text(encoding="utf-8"))


def pairwise(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering of spellings."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(gold, 2):
        same_gold, same_pred = gold[a] == gold[b], predicted[a] == predicted[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return tp / (tp + fp), tp / (tp + fn)


def cluster(linker: Linker, *, arabic_only: bool) -> tuple[dict[str, str], dict[str, str]]:
    gold, predicted = {}, {}
    for person in VARIANTS["people"]:
        for spelling in person["spellings"]:
            if arabic_only and spelling[0] < "\u0600":
                continue
            gold[spelling] = person["id"]
            predicted[spelling] = linker.link(spelling).speaker_id
    return gold, predicted


def test_fixture_is_big_enough():
    people = [p for p in VARIANTS["people"] if len(p["spellings"]) >= 3]
    assert len(people) >= 40
    spellings = [s for p in VARIANTS["people"] for s in p["spellings"]]
    assert len(spellings) == len(set(spellings))


def test_pairwise_precision_recall_with_registry():
    gold, predicted = cluster(Linker(), arabic_only=False)
    precision, recall = pairwise(gold, predicted)
    print(f"\nwith registry: pairwise precision {precision:.4f} recall {recall:.4f} over {len(gold)} spellings")
    assert precision >= 0.99
    assert recall >= 0.95
    registry_ids = {s.id for s in default_registry().speakers}
    for spelling, person in gold.items():
        if person in registry_ids:
            assert predicted[spelling] == person, spelling


def test_pairwise_precision_recall_from_scratch():
    """No registry at all: every person is learned from the spellings alone."""
    gold, predicted = cluster(Linker(Registry([])), arabic_only=True)
    precision, recall = pairwise(gold, predicted)
    print(f"\nno registry: pairwise precision {precision:.4f} recall {recall:.4f} over {len(gold)} spellings")
    assert precision >= 0.99
    assert recall >= 0.95


@pytest.mark.parametrize("registry", [None, Registry([])], ids=["registry", "empty"])
@pytest.mark.parametrize("pair", VARIANTS["confusable"], ids=lambda p: " / ".join(p))
def test_confusable_names_stay_apart(pair, registry):
    linker = Linker(registry)
    a, b = (linker.link(name) for name in pair)
    assert a.speaker_id != b.speaker_id


def test_mizintsev_spellings_land_on_one_id():
    linker = Linker()
    ids = {linker.link(s).speaker_id for s in ("ميزينتسف", "مزينتسيف", "ميزينتسيف", "ميخائيل مزينتسيف")}
    assert ids == {"mizintsev"}


def test_mizintsev_spellings_merge_without_registry():
    linker = Linker(Registry([]))
    first = linker.link("ميخائيل مزينتسيف")
    assert first.method == "new"
    later = [linker.link(s) for s in ("ميزينتسف", "ميزينتسيف", "ميخائيل ميزينتسف")]
    assert {link.speaker_id for link in later} == {first.speaker_id}
    assert {link.method for link in later} == {"fuzzy"}


@pytest.mark.parametrize(("title", "day", "speaker"), [
    ("رئيس كازاخستان", "2018-06-01", "nazarbayev"),
    ("رئيس كازاخستان", "2023-06-01", "tokayev"),
    ("الرئيس الكازاخستاني", "2019-03-20", "tokayev"),
    ("الرئيس الكازاخستاني", "2019-03-19", "nazarbayev"),
    ("وزير الخارجية الأمريكي", "2018-06-01", "pompeo"),
    ("وزير الخارجية الأميركي", "2022-06-01", "blinken"),
    ("وزير الخارجية الروسي", "2023-01-01", "lavrov"),
    ("المتحدث باسم الكرملين", "2023-01-01", "peskov"),
    ("المتحدثة باسم الخارجية الروسية", "2023-01-01", "zakharova"),
    ("المستشار الألماني", "2020-01-01", "merkel"),
    ("المستشار الألماني", "2023-01-01", "scholz"),
    ("الرئيس الروسي", "2010-01-01", "medvedev"),
])
def test_role_resolves_by_date(title, day, speaker):
    link = Linker().link(title, on=datetime.date.fromisoformat(day))
    assert (link.speaker_id, link.method) == (speaker, "role")


def test_title_nobody_held_is_not_learned_as_a_spelling():
    linker = Linker()
    early = linker.link("رئيس كازاخستان", on=datetime.date(1980, 1, 1))
    assert early.method == "new"
    assert linker.link("رئيس كازاخستان", on=datetime.date(2023, 1, 1)).speaker_id == "tokayev"


@pytest.mark.parametrize(("mention", "speaker"), [
    ("Lavrov", "lavrov"), ("Sergei Lavrov", "lavrov"), ("sergey lavrov", "lavrov"),
    ("لافروف", "lavrov"), ("Vladimir Poutine", "putin"), ("بيسكوڤ", "peskov"),
    ("قاسم-جومارت توكايف", "tokayev"), ("عبدالفتاح السيسي", "sisi"), ("تشاووش أوغلو", "cavusoglu"),
])
def test_surnames_latin_and_compounds_link(mention, speaker):
    assert Linker().link(mention).speaker_id == speaker


def test_surname_shared_by_two_registry_people_is_not_guessed():
    link = Linker().link("بن زايد")  # Mohamed and Abdullah bin Zayed
    assert link.method == "new"


def test_link_records_score_and_method():
    linker = Linker()
    exact, fuzzy = linker.link("سيرجي لافروف"), linker.link("سيرجى لاڤروف")
    assert (exact.method, exact.score) == ("exact", 1.0)
    assert fuzzy.method == "fuzzy" and 0.75 <= fuzzy.score <= 1.0
    assert linker.link("سيرجى لاڤروف").method == "exact"  # the variant was learned


def test_lookup_learns_nothing():
    linker = Linker()
    assert linker.lookup("هانتر بايدن") is None
    assert linker.lookup("سيرجى لاڤروف").method == "fuzzy"
    assert linker.lookup("سيرجى لاڤروف").method == "fuzzy"
    assert linker.learned() == []


def test_unknown_speaker_ids_are_deterministic():
    a, b = Linker(), Linker()
    assert a.link("هانتر بايدن").speaker_id == b.link("هانتر بايدن").speaker_id
    assert a.link("هانتر بايدن").speaker_id.startswith("x-")


def test_unknown_speaker_registered_then_merged():
    linker = Linker()
    new = linker.link("ألكسندر دوغين")
    assert (new.method, new.type) == ("new", "unknown")
    merged = linker.link("الكسندر دوجين")
    assert (merged.speaker_id, merged.method, merged.name) == (new.speaker_id, "fuzzy", "ألكسندر دوغين")
    assert linker.link("دوغين").speaker_id == new.speaker_id


def test_split_alias_makes_its_own_speaker():
    linker = Linker()
    wrong = linker.link("فولوديمير بوتين")  # merged into Putin by the first-name fold
    assert wrong.speaker_id == "putin"
    split = linker.split_alias("فولوديمير بوتين")
    assert split != "putin"
    assert linker.link("فولوديمير بوتين").speaker_id == split
    assert linker.link("فلاديمير بوتين").speaker_id == "putin"
    assert linker.speaker_name(split) == "فولوديمير بوتين"
    assert linker.split_alias("Putin") != "putin"


def test_split_alias_rejects_unknown_and_canonical():
    linker = Linker()
    with pytest.raises(KeyError):
        linker.split_alias("هانتر بايدن")
    with pytest.raises(ValueError):
        linker.split_alias("سيرغي لافروف")


def test_add_alias_moves_a_spelling():
    linker = Linker()
    hunter = linker.link("هانتر بايدن").speaker_id
    linker.add_alias(hunter, "بايدن")
    assert linker.link("بايدن").speaker_id == hunter
    assert linker.link("جو بايدن").speaker_id == "biden"


def test_a_remembered_answer_gives_way_to_what_the_linker_learns():
    linker = Linker()
    assert linker.lookup("هانتر بايدن") is None
    hunter = linker.link("هانتر بايدن").speaker_id
    assert linker.lookup("هانتر بايدن").speaker_id == hunter
    before = linker.lookup("بايدن").speaker_id
    linker.add_alias(hunter, "بايدن")
    assert (before, linker.lookup("بايدن").speaker_id) == ("biden", hunter)
    split = linker.split_alias("بايدن")
    assert linker.lookup("بايدن").speaker_id == split


def test_learned_round_trips_through_msgspec():
    linker = Linker()
    for name in ("هانتر بايدن", "هنتر بايدن", "سيرجى لاڤروف", "ألكسندر دوغين"):
        linker.link(name)
    split = linker.split_alias("هنتر بايدن")
    records = msgspec.json.decode(msgspec.json.encode(linker.learned()), type=list[SpeakerRecord])
    restored = Linker()
    restored.load_learned(records)
    assert restored.learned() == linker.learned()
    for name in ("هانتر بايدن", "هنتر بايدن", "سيرجى لاڤروف", "ألكسندر دوغين"):
        assert restored.link(name) == linker.link(name)
    assert restored.link("هنتر بايدن").speaker_id == split


def test_registry_rejects_unknown_fields_and_bad_roles():
    good = {"id": "a", "name": "أ", "latin": "A", "type": "person", "qid": None, "spellings": [], "roles": []}
    assert len(Registry.from_json(msgspec.json.encode([good])).speakers) == 1
    with pytest.raises(msgspec.ValidationError):
        Registry.from_json(msgspec.json.encode([{**good, "alias": []}]))
    with pytest.raises(msgspec.ValidationError):
        role = {"title": "ت", "from": "2020-01-01", "to": "2019-01-01"}
        Registry.from_json(msgspec.json.encode([{**good, "roles": [role]}]))
    with pytest.raises(ValueError):
        Registry.from_json(msgspec.json.encode([good, good]))


def test_registry_spellings_belong_to_one_speaker():
    with pytest.raises(ValueError):
        Linker(Registry.from_json(msgspec.json.encode([
            {"id": "a", "name": "جو بايدن", "latin": "", "type": "person", "qid": None, "spellings": [], "roles": []},
            {"id": "b", "name": "جو بايدن", "latin": "", "type": "person", "qid": None, "spellings": [], "roles": []},
        ])))


def test_shipped_registry_is_big_and_self_consistent():
    registry = default_registry()
    assert len(registry.speakers) >= 60
    assert {"person", "organization"} <= {s.type for s in registry.speakers}
    linker = Linker()
    for speaker in registry.speakers:
        for spelling in (speaker.name, *speaker.spellings):
            assert linker.link(spelling).speaker_id == speaker.id, spelling


@pytest.mark.parametrize(("a", "b"), [
    ("ميزينتسف", "مزينتسيف"), ("توكاييف", "توكايف"), ("شولتس", "شولتز"),
    ("بيسكوڤ", "بيسكوف"), ("سيرغي", "سيرجي"), ("قاسم-جومارت", "قاسم جومارت"),
])
def test_folding_equates_transliterations(a, b):
    assert parse_name(normalize_key(a)).skeletons == parse_name(normalize_key(b)).skeletons


def test_empty_mention_is_an_error():
    with pytest.raises(ValueError):
        Linker().link(" ،، ")


def test_resolve_fills_the_extractors_speaker():
    linker = Linker()
    speaker = Speaker(name="وزير الخارجية الروسي", mention="الوزير", start=3, end=8)
    resolved = linker.resolve(speaker, on=datetime.date(2022, 5, 1))
    assert (resolved.id, resolved.name, resolved.type) == ("lavrov", "سيرغي لافروف", "person")
    assert (resolved.mention, resolved.start, resolved.end) == ("الوزير", 3, 8)
    unknown = linker.resolve(Speaker(name="هانتر بايدن", mention="بايدن", type="person"))
    assert unknown.id.startswith("x-") and unknown.type == "person"

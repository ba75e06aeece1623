"""Linking one mention against synthetic registries of 1k, 10k and 100k names.

Run: ``.venv/bin/pytest benchmarks/bench_linking.py`` (benchmarks are not under tests/).
The indexed linker is timed next to a linear ``process.extractOne`` scan of 100k names.
Queries are transliteration variants of registry names (the fuzzy path), through
``Linker.lookup`` so that nothing is learned between rounds.
"""

from __future__ import annotations

import itertools
import random

import pytest
from rapidfuzz import fuzz, process

from extractors.linking import Linker, Registry, RegistrySpeaker, fold_token
from extractors.normalize import normalize_key

FIRST_NAMES = (
    "محمد أحمد علي حسن حسين عمر خالد يوسف إبراهيم عبد الله عبد الرحمن سعيد سامي كريم ماجد "
    "فيصل طارق وليد عادل رامي هشام نبيل مصطفى محمود جمال كمال منير سمير ياسر أنور زياد "
    "فلاديمير سيرغي ديمتري ميخائيل ألكسندر أندريه نيكولاي إيفان بافيل يوري أوليغ إيغور "
    "جون جيمس مايك روبرت ديفيد مارك بيتر توماس فرانسوا إيمانويل جان بيير لويس هانز "
    "أولاف كلاوس فريدريش ماريا آنا إيلينا أولغا ناتاليا فاطمة عائشة مريم ليلى سارة نور هدى "
    "رجب مولود هاكان مسعود جواد عباس قاسم شوكت إلهام نيكول كيم وانغ"
).split()
SYLLABLES = (
    "با بو بي تا تو تي دا دو دي را رو ري زا زو سا سو سي شا شو كا كو كي لا لو لي ما مو مي "
    "نا نو ني فا فو في غا غو ها هو يا يو خا خو جا جو قا قو"
).split()
SUFFIXES = ("", "ف", "وف", "يف", "ييف", "ين", "سكي", "نكو", "يان", "لي", "ري", "ني", "زاده", "وفا", "ان", "ون")
# spelling changes an outlet might make, (written, also written), that normalize_key keeps
VARIANTS = (("غ", "ج"), ("ف", "ڤ"), ("يف", "ييف"), ("و", ""), ("ا", ""), ("ي", ""), ("س", "ص"), ("ز", "ذ"))
SIZES = (1_000, 10_000, 100_000)
QUERIES = 500


def synthetic_names(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct names: a first name and a two-to-four-syllable surname."""
    names: dict[str, None] = {}
    while len(names) < count:
        surname = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + rng.choice(SUFFIXES)
        names[f"{rng.choice(FIRST_NAMES)} {surname}"] = None
    return list(names)


def respell(name: str, rng: random.Random) -> str:
    """A different spelling of ``name`` (its normalised key changes)."""
    first, _, surname = name.rpartition(" ")
    for written, also in rng.sample(VARIANTS, len(VARIANTS)):
        if written in surname[1:]:
            return f"{first} {surname[0]}{surname[1:].replace(written, also, 1)}"
    return f"{first} {surname}ي"


@pytest.fixture(scope="module")
def names() -> list[str]:
    return synthetic_names(max(SIZES), random.Random(5))


@pytest.fixture(scope="module")
def linkers(names) -> dict[int, Linker]:
    return {
        size: Linker(Registry([
            RegistrySpeaker(id=f"s{i}", name=name, latin="", type="person", qid=None, spellings=[], roles=[])
            for i, name in enumerate(names[:size])
        ]))
        for size in SIZES
    }


@pytest.fixture(scope="module")
def queries(names) -> dict[int, list[tuple[str, str]]]:
    """(variant spelling, id of the name it was made from), per registry size."""
    rng = random.Random(7)
    out = {}
    for size in SIZES:
        picked = rng.sample(range(size), QUERIES)
        out[size] = [(respell(names[i], rng), f"s{i}") for i in picked]
    return out


@pytest.mark.parametrize("size", SIZES)
def test_indexed_lookup(benchmark, linkers, queries, size):
    linker, cases = linkers[size], queries[size]
    found = [linker.lookup(q) for q, _ in cases]
    hit = sum(link is not None and link.speaker_id == sid for link, (_, sid) in zip(found, cases))
    assert hit / len(cases) >= 0.8, "the benchmark must time real matches"
    stream = itertools.cycle(q for q, _ in cases)
    benchmark.extra_info["hit_rate"] = round(hit / len(cases), 3)
    # the linker remembers its answers; a new mention is what this times, so forget them
    benchmark(lambda: (linker._answers.clear(), linker.lookup(next(stream))))
    if not benchmark.disabled:
        assert benchmark.stats.stats.median < 100e-6


def test_linear_extract_one_100k(benchmark, names, queries):
    choices = [" ".join(fold_token(w) for w in normalize_key(n).split()) for n in names]
    stream = itertools.cycle(" ".join(fold_token(w) for w in normalize_key(q).split()) for q, _ in queries[max(SIZES)])
    benchmark.pedantic(
        lambda: process.extractOne(next(stream), choices, scorer=fuzz.token_sort_ratio, processor=None, score_cutoff=80),
        rounds=30, iterations=1,
    )

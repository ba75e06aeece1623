"""One behaviour a test: error classes of the sixth accuracy round, on short articles
(the sentences are also in fixtures/articles/029_energy_minister_round6.txt)."""

from __future__ import annotations

import pytest

from extractors.pipeline import Pipeline
from extractors.types import Quote

HEAD = "عنوان الخبر\n\n"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def extract(pipeline: Pipeline, body: str, published: str | None = None) -> list[Quote]:
    text = HEAD + body
    quotes = pipeline.extract(text, doc="t.txt", published=published).quotes
    for q in quotes:  # every test also checks the evidence offsets
        assert text[q.start : q.end] == q.text
        assert text[q.cue.start : q.cue.end] == q.cue.text
    return quotes


def only(quotes: list[Quote]) -> Quote:
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


# -- 1. a name in marks between the cue and its content -------------------------------------


def test_a_body_in_marks_right_after_the_cue_is_the_speaker(pipeline):
    q = only(extract(pipeline, "وشددت \"شركة الخليج للبترول\"، بعد يومين من نشر الوثيقة في الصحف المحلية، "
                               "على متانة الشراكة مع المصافي الإقليمية واستمرار الإمدادات دون انقطاع."))
    assert q.speaker.name == "شركة الخليج للبترول"
    assert q.text == "على متانة الشراكة مع المصافي الإقليمية واستمرار الإمدادات دون انقطاع"


def test_an_event_name_in_marks_before_the_colon_is_no_quote(pipeline):
    q = only(extract(pipeline, "قال وزير الطاقة كريم بوعلام، في مؤتمر صحفي على هامش \"الملتقى الإقليمي الثالث لأمن "
                               "الطاقة والإمدادات\"، الذي انعقد في المنامة الأحد: إن \"الأسواق تحتاج إلى شركاء يفون بالتزاماتهم\"."))
    assert q.speaker.name == "كريم بوعلام"
    assert "الأسواق تحتاج إلى شركاء" in q.text and "الملتقى" not in q.text


def test_a_short_quote_right_after_the_cue_stays_a_quote(pipeline):
    q = only(extract(pipeline, "وقال الوزير كريم بوعلام في الختام \"الحكومة لن تتراجع\"."))
    assert q.text == "الحكومة لن تتراجع" and q.kind == "direct"


# -- 2. a participle after a clause that is not reporting -----------------------------------


def test_a_participle_takes_the_subject_of_the_clause_it_closes(pipeline):
    quotes = extract(
        pipeline,
        "قال وزير الطاقة كريم بوعلام إن الأسواق مضطربة.\n"
        "وقالت شركة الخليج للبترول إن الإمدادات مستمرة.\n"
        "وتبقى أسعار الشحن من أكثر الملفات إثارة للخلاف في الاجتماع، وخصوصا أن بوعلام رفع سقف مطالبه فور وصوله "
        "إلى المنامة مؤكدا أن \"الأسعار الحالية لا تعكس كلفة النقل\".",
    )
    assert [q.speaker.name for q in quotes] == ["كريم بوعلام", "شركة الخليج للبترول", "كريم بوعلام"]


def test_a_participle_after_reported_content_keeps_its_speaker(pipeline):
    quotes = extract(pipeline, "وقال الوزير كريم بوعلام إن الشركة تعمل على زيادة الإنتاج، مؤكدا أن الأسعار ستتراجع.")
    assert {q.speaker.name for q in quotes} == {"كريم بوعلام"}


# -- 3. verbs that are not reporting in context ----------------------------------------------


def test_shaddada_with_a_bare_object_tightens_and_says_nothing(pipeline):
    assert extract(pipeline, "وفي الأثناء شددت قوات خفر السواحل إجراءات المراقبة على الناقلات القادمة إلى الميناء.") == []


def test_shaddada_ala_after_an_adjunct_still_quotes(pipeline):
    q = only(extract(pipeline, "وشدد الوزير كريم بوعلام في تصريحات له اليوم على ضرورة حماية الممرات البحرية من أي تهديد."))
    assert q.text == "على ضرورة حماية الممرات البحرية من أي تهديد"


def test_announcing_ones_own_resignation_names_no_speaker(pipeline):
    assert extract(pipeline, "وتولى المدير التنفيذي منصبه قبل عامين قبل أن يعلن تنحيه مطلع الشهر الجاري لأسباب صحية.") == []

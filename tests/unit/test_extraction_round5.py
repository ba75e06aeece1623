"""One behaviour a test: patterns from the fifth accuracy round, on short articles."""

from __future__ import annotations

from quotesupport import extract, only


def test_a_bare_title_is_the_person_introduced_with_exactly_it(pipeline):
    q = only(extract(
        pipeline,
        "أجرى وزير الخارجية فيصل بن سالم العتيبي، أمس، محادثات مع وزير الخارجية البرتغالي جواو مانويل سيلفا. "
        "وقال وزير الخارجية إن المحادثات تناولت تعزيز التعاون الاقتصادي.",
    ))
    assert q.speaker.name == "فيصل بن سالم العتيبي"


def test_abbara_opening_a_sentence_is_the_verb_and_its_subject_speaks_after_kama(pipeline):
    q = only(extract(
        pipeline,
        "عبر وزير الخارجية النيوزيلندي، توماس هارتلي، عن ارتياحه لنتائج القمة كما أشار إلى أن "
        "المفاوضات التجارية ستستأنف في الربيع المقبل.",
    ))
    assert q.speaker.name == "توماس هارتلي"
    assert q.text == "المفاوضات التجارية ستستأنف في الربيع المقبل"


def test_an_honorific_pronoun_with_no_speaker_before_is_who_the_honorific_introduced(pipeline):
    q = only(extract(
        pipeline,
        "ترأس صاحب السمو الملكي الأمير خالد بن فهد بن عبدالله اجتماع مجلس المنطقة أمس.\n"
        "وقال سموه إن المشاريع الجديدة ستوفر آلاف الوظائف.",
    ))
    assert q.speaker.name == "خالد بن فهد بن عبدالله"


def test_an_honorific_pronoun_after_a_speaker_stays_with_that_speaker(pipeline):
    quotes = extract(
        pipeline,
        "أكد معالي وزير الخارجية فيصل بن سالم العتيبي أن العلاقات متينة. وقال العتيبي في مؤتمر مع معالي "
        "وزير الخارجية البرتغالي جواو مانويل سيلفا إن الحوار مستمر.\nوشدد معاليه على أن التعاون سيتوسع.",
    )
    assert [q.speaker.name for q in quotes] == ["فيصل بن سالم العتيبي"] * 3


def test_a_headline_speaker_ends_before_a_circumstantial_participle(pipeline):
    text = "العتيبي منتقدا المشككين: المحادثات مع البرتغال تناولت التعاون الاقتصادي\n\nوقال فيصل بن سالم العتيبي إن الحوار مستمر."
    quotes = pipeline.extract(text, doc="t.txt").quotes
    head = next(q for q in quotes if q.kind == "headline")
    assert head.speaker.mention == "العتيبي" and head.speaker.name == "فيصل بن سالم العتيبي"


def test_nafa_with_a_noun_object_quotes_only_a_denied_report(pipeline):
    quotes = extract(
        pipeline,
        "وتنفي البرتغال السعي إلى رفع الرسوم الجمركية على الواردات الزراعية من دول الخليج.\n"
        "ونفت مصادر دبلوماسية ما تردد عن إلغاء الزيارة المقررة للوزير البرتغالي الشهر المقبل.",
    )
    q = only(quotes)
    assert q.text == "ما تردد عن إلغاء الزيارة المقررة للوزير البرتغالي الشهر المقبل"
    assert q.speaker.name == "مصادر دبلوماسية"


def test_reported_content_ends_at_the_occasion_wadhalika_khilal(pipeline):
    q = only(extract(
        pipeline,
        "وأكد وزير الخارجية النيوزيلندي توماس هارتلي أن بلاده ستفتح سفارة في الرياض \"قبل نهاية العام\"، "
        "وذلك خلال لقائه رجال الأعمال في أوكلاند.",
    ))
    assert q.text == "بلاده ستفتح سفارة في الرياض \"قبل نهاية العام\""

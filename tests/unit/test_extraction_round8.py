"""One behaviour a test: round 8 of the accuracy work on real articles (continuations of
reported content, ردّ بالقول, titles resolved to the person the article names)."""

from __future__ import annotations

from quotesupport import extract_dated as extract, only


def test_sentence_opening_with_wa_anna_carries_the_content_on(pipeline):
    q = only(extract(pipeline, "وأضاف الوزير سالم العتيبي أن الخطة نجحت في عامها الأول. وأنه يأمل توسيعها إلى المحافظات كلها. وغادر القاعة بعد ذلك."))
    assert q.text == "الخطة نجحت في عامها الأول. وأنه يأمل توسيعها إلى المحافظات كلها"


def test_sentence_opening_with_kama_anna_carries_the_content_on(pipeline):
    q = only(extract(pipeline, "وأكد الوزير سالم العتيبي أن الموسم كان ناجحا. كما أن المزارعين تلقوا الدعم في موعده."))
    assert q.text == "الموسم كان ناجحا. كما أن المزارعين تلقوا الدعم في موعده"


def test_a_new_sentence_does_not_carry_the_content_on(pipeline):
    q = only(extract(pipeline, "وأكد الوزير سالم العتيبي أن الموسم كان ناجحا. والمزارعون تلقوا الدعم في موعده."))
    assert q.text == "الموسم كان ناجحا"


def test_congratulating_participle_ends_the_content(pipeline):
    q = only(extract(pipeline, "وأكد الوزير سالم العتيبي أنه مازال ملتزما بالخطة، مهنئا الفريق على ما حققه في الموسم."))
    assert q.text == "مازال ملتزما بالخطة"


def test_subjectless_cue_after_a_fronted_topic(pipeline):
    quotes = extract(pipeline, "وقال الوزير سالم العتيبي إن الموسم كان ناجحا. أما بخصوص الميزانية الجديدة أكد أنها ستقر الشهر المقبل.")
    assert [(q.cue.text, q.text, q.speaker.name) for q in quotes] == [
        ("قال", "الموسم كان ناجحا", "سالم العتيبي"),
        ("أكد", "ستقر الشهر المقبل", "سالم العتيبي"),
    ]


def test_reply_with_bil_qawl_is_a_cue(pipeline):
    q = only(extract(pipeline, "ورد الوزير سالم العتيبي بالقول إن الخطة ستنجح رغم الصعوبات."))
    assert (q.cue.text, q.text, q.speaker.name) == ("رد", "الخطة ستنجح رغم الصعوبات", "سالم العتيبي")


def test_the_noun_reply_is_no_cue(pipeline):
    assert extract(pipeline, "وكان رد الحكومة على الإجراءات \"لن يتأخر كثيرا\" كما يبدو.") == []


def test_a_body_statement_credited_to_its_spokesman(pipeline):
    quotes = extract(pipeline, "هددت الحكومة بأنها سترد بإجراء مضاد إذا فرضت العقوبات، بحسب المتحدث باسم الحكومة.\n"
                     "وقال المتحدث سالم العتيبي إن الرد سيكون سريعا.")
    assert [(q.cue.text, q.speaker.name) for q in quotes] == [("هددت", "سالم العتيبي"), ("قال", "سالم العتيبي")]


def test_the_noun_reply_with_wa_ends_nothing(pipeline):
    q = only(extract(pipeline, "وقال الوزير سالم العتيبي إننا ندعو إلى استنكار ورد وطني مخلص تجاه هذه التدخلات."))
    assert q.text == "ندعو إلى استنكار ورد وطني مخلص تجاه هذه التدخلات"


def test_content_ends_before_a_time_clause_after_a_comma(pipeline):
    q = only(extract(pipeline, "وأعلن الوزير سالم العتيبي أنه أقنع نظيره بالبقاء في البلاد، غداة توقيع الاتفاق الجديد."))
    assert q.text == "أقنع نظيره بالبقاء في البلاد"


def test_participle_after_an_agency_relaying_a_paper_is_the_paper(pipeline):
    q = only(extract(pipeline, "ونقلت وكالة الأنباء عن صحيفة الشروق تصريح الوزير، قائلة إنها \"دعوة رسمية للترشح من جديد\"."))
    assert (q.cue.text, q.speaker.name) == ("قائلة", "صحيفة الشروق")

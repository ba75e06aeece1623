"""Round 25: «وزاد:» continuing the last speaker, a name after a title's relative clause,
an unnamed title named in the next sentence, «أخبر X Y بأن», and topic-label headlines."""

from __future__ import annotations

from quotesupport import extract


def test_wazad_with_a_colon_continues_the_last_speaker(pipeline):
    quotes = extract(
        pipeline,
        "قال المبعوث الأممي طارق الحسيني إن المفاوضات ستستأنف.\n"
        "وأضاف المبعوث: الأمر المقلق أن نصف السكان جائعون، وزاد: هناك مئة ألف نازح في المخيمات.\n"
        "وزاد عدد النازحين خلال الأسبوع الماضي.",
    )
    assert [(q.cue.text, q.text, q.speaker.name) for q in quotes[1:]] == [
        ("أضاف", "الأمر المقلق أن نصف السكان جائعون", "طارق الحسيني"),
        ("زاد", "هناك مئة ألف نازح في المخيمات", "طارق الحسيني"),
    ]


def test_a_name_after_a_titles_relative_clause_is_the_speaker(pipeline):
    quotes = extract(
        pipeline,
        "وقال وزير الدولة القطري لشؤون النقل الذي يترأس وفد بلاده في محادثات الموانئ الشيخ فهد المهندي "
        'في تصريحات لصحيفة "الخليج": "الخلاف فني وليس سياسيا".\n'
        "وأكد الوزير القطري أن الرسوم لن تطبق على السفن الصغيرة.",
    )
    assert [(q.text, q.speaker.name) for q in quotes] == [
        ("الخلاف فني وليس سياسيا", "فهد المهندي"),
        ("الرسوم لن تطبق على السفن الصغيرة", "فهد المهندي"),
    ]


def test_a_name_the_relative_clause_takes_as_its_object_is_not_the_speaker(pipeline):
    quotes = extract(pipeline, "وقال المسؤول الذي استقبل الشيخ سالم الراشدي إن الزيارة كانت ناجحة.")
    assert [(q.text, q.speaker.name) for q in quotes] == [("الزيارة كانت ناجحة", "المسؤول")]
    quotes = extract(
        pipeline, "وقال المسؤول الذي اجتمع في الدوحة أمس مع الشيخ سالم الراشدي إن الزيارة كانت ناجحة."
    )
    assert [(q.text, q.speaker.name) for q in quotes] == [("الزيارة كانت ناجحة", "المسؤول")]

"""Round 24: speech in marks right after a title, and a title's noun joined by و."""

from __future__ import annotations

from quotesupport import extract


def test_speech_in_marks_after_a_title_is_a_quote_not_the_speakers_name(pipeline):
    quotes = extract(
        pipeline,
        'وقال وزير الري سامر الخطيب إن العمل مستمر.\n'
        'وقال الوزير "سنواصل العمل حتى النهاية"، مضيفا أن الحكومة ستدفع التعويضات.',
    )
    assert [(q.kind, q.text, q.speaker.name) for q in quotes[1:]] == [
        ("direct", "سنواصل العمل حتى النهاية", "سامر الخطيب"),
        ("indirect", "الحكومة ستدفع التعويضات", "سامر الخطيب"),
    ]


def test_a_name_in_marks_still_needs_the_content_after_it(pipeline):
    quotes = extract(pipeline, 'كشف المبعوث الأممي "كريم العطار"؛ عن خطة جديدة للهدنة.')
    assert [(q.text, q.speaker.name) for q in quotes] == [("عن خطة جديدة للهدنة", "كريم العطار")]


def test_stretches_in_marks_joined_by_waw_are_one_statement(pipeline):
    quotes = extract(pipeline, 'وقال الوزير "لن نترك أحدا وحده" و"سنعيد بناء الجسور".')
    assert [(q.kind, q.text) for q in quotes] == [("direct", 'لن نترك أحدا وحده" و"سنعيد بناء الجسور')]


def test_slogans_joined_by_waw_before_the_content_are_not_the_quote(pipeline):
    quotes = extract(
        pipeline,
        'وقال المحافظ في كلمة أمام الأهالي الذين رفعوا لافتات "الماء حق" و"لا للإهمال"، إن المشروع سيكتمل في الربيع.',
    )
    assert [(q.kind, q.text) for q in quotes] == [("indirect", "المشروع سيكتمل في الربيع")]


def test_a_titles_noun_joined_by_waw_goes_on_with_the_title(pipeline):
    quotes = extract(pipeline, "وقال وزير الخارجية والمغتربين السوري فيصل المقداد إن الحوار مستمر.")
    assert [(q.speaker.name, q.speaker.mention) for q in quotes] == [
        ("فيصل المقداد", "وزير الخارجية والمغتربين السوري فيصل المقداد")
    ]
    quotes = extract(pipeline, "وقال وزير التجارة والصناعة إن الأسعار ستنخفض.")
    assert quotes[0].speaker.name == "وزير التجارة والصناعة"

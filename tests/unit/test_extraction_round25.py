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


def test_an_indefinite_title_is_the_minister_named_in_the_next_sentence(pipeline):
    quotes = extract(
        pipeline,
        "قال وزير أردني اليوم إن الخلاف مع الجيران تقني.\n"
        "وقال وزير الدولة لشؤون المياه سامي الزعبي في تصريح إن لجنة فنية ستجتمع قريبا.",
    )
    assert [q.speaker.name for q in quotes] == ["سامي الزعبي", "سامي الزعبي"]


def test_an_unnamed_source_or_another_states_minister_is_not_the_next_person_named(pipeline):
    quotes = extract(
        pipeline,
        "قال مسؤول أمريكي إن واشنطن مستعدة للمساعدة.\n"
        "وقال المبعوث الأمريكي دانيال برايس إن المحطة ستخدم البلدين.",
    )
    assert [q.speaker.name for q in quotes] == ["مسؤول أمريكي", "دانيال برايس"]
    quotes = extract(
        pipeline,
        "قال وزير أردني إن الخلاف تقني.\nوقال وزير الخارجية المصري سامح شكري إن القاهرة تتابع الملف.",
    )
    assert [q.speaker.name for q in quotes] == ["وزير أردني", "سامح شكري"]


def test_the_one_told_after_akhbara_is_not_part_of_the_speaker(pipeline):
    quotes = extract(
        pipeline,
        'وأخبر رئيس الوزراء الماليزي أنور كريم قادة الدول المشاركين بأن بلاده "ستموّل نصف المشاريع".\n'
        "وأخبرت الوزيرة ديوي سارتيكا الصحفيين أن الاتفاق سيوقع قريبا.\n"
        "وأبلغت إدارة الموانئ الشركات المشاركة بأنها ستخفض الرسوم.",
    )
    assert [(q.cue.text, q.speaker.name, q.speaker.mention) for q in quotes] == [
        ("أخبر", "أنور كريم", "رئيس الوزراء الماليزي أنور كريم"),
        ("أخبرت", "ديوي سارتيكا", "الوزيرة ديوي سارتيكا"),
        ("أبلغت", "إدارة الموانئ", "إدارة الموانئ"),
    ]


def _headlines(pipeline, headline: str) -> list[tuple[str, str]]:
    text = headline + "\n\nنص الخبر.\n"
    return [(q.speaker.name, q.text) for q in pipeline.extract(text, doc="t.txt").quotes if q.kind == "headline"]


def test_a_state_before_a_headline_about_a_body_acting_is_a_topic_label(pipeline):
    assert _headlines(pipeline, "السودان: منظمة الإغاثة الطبية تطلق حملة لتطعيم الأطفال في دارفور") == []
    assert _headlines(pipeline, "السعودية: سنطور علاقتنا مع إيران إذا لم تتدخل") == [
        ("السعودية", "سنطور علاقتنا مع إيران إذا لم تتدخل")
    ]
    assert _headlines(pipeline, "روسيا: لندن تتحمل مسؤولية تدهور العلاقات") == [
        ("روسيا", "لندن تتحمل مسؤولية تدهور العلاقات")
    ]


def test_wataleb_after_a_comma_ends_the_statement_before_it(pipeline):
    quotes = extract(
        pipeline,
        "قال الوزير مراد الفيتوري إن الحكومة مستعدة للحوار، وطالب الفصائل المسلحة بتسليم المعابر.\n"
        "وكان طالب جامعي قد أصيب في الاشتباكات.",
    )
    assert [(q.text, q.speaker.name) for q in quotes] == [("الحكومة مستعدة للحوار", "مراد الفيتوري")]

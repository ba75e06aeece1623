"""One behaviour a test: the reporting patterns and traps of issue 4, on short articles."""

from __future__ import annotations

import pytest

from quotesupport import extract_dated as extract, only


def test_indirect_after_inna_with_title_and_name(pipeline):
    q = only(extract(pipeline, "وقال وزير الخارجية الروسي سيرغي لافروف، الأحد، إن الغرب يحاول عزل موسكو عن جيرانها."))
    assert (q.kind, q.text, q.cue.text) == ("indirect", "الغرب يحاول عزل موسكو عن جيرانها", "قال")
    assert q.speaker.name == "سيرغي لافروف" and q.speaker.id == "lavrov" and q.speaker.type == "person"
    assert q.speaker.mention == "وزير الخارجية الروسي سيرغي لافروف"


def test_direct_after_colon_and_mismatched_marks(pipeline):
    q = only(extract(pipeline, "وأكد الرئيس الروسي فلاديمير بوتين:”لن نسمح بأي تدخل في شؤوننا”."))
    assert (q.kind, q.text, q.speaker.id) == ("direct", "لن نسمح بأي تدخل في شؤوننا", "putin")


def test_mixed_indirect_with_a_quoted_fragment(pipeline):
    q = only(extract(pipeline, "وقال بيسكوف إن العلاقات مع أستانا \"ممتازة\" وتتطور بسرعة."))
    assert q.kind == "mixed" and q.text == 'العلاقات مع أستانا "ممتازة" وتتطور بسرعة'


def test_one_sentence_carries_one_quote_per_cue(pipeline):
    quotes = extract(
        pipeline,
        "أكد وزير الخارجية السعودي عادل الجبير أن الرياض تراقب الوضع، مشيرا إلى أن الحوار هو الحل، "
        "مضيفا أن المملكة لن تتدخل في شؤون الآخرين.",
    )
    assert [q.cue.text for q in quotes] == ["أكد", "مشيرا", "مضيفا"]
    assert [q.text for q in quotes] == ["الرياض تراقب الوضع", "الحوار هو الحل", "المملكة لن تتدخل في شؤون الآخرين"]
    assert {q.speaker.name for q in quotes} == {"عادل الجبير"}


def test_wa_adaf_continues_the_last_speaker(pipeline):
    quotes = extract(pipeline, "وقال بيسكوف إن كازاخستان شريك مهم.\nوأضاف: \"لكننا نحترم خياراتها\".")
    assert quotes[1].kind == "direct" and quotes[1].text == "لكننا نحترم خياراتها"
    assert quotes[1].speaker.id == "peskov" and quotes[1].speaker.start is None


def test_subject_before_the_cue(pipeline):
    q = only(extract(pipeline, "الصين، من جهتها، أكدت أنها ستدافع عن مصالحها الوطنية."))
    assert q.speaker.mention == "الصين" and q.speaker.type == "organization"


def test_organisation_speaks(pipeline):
    q = only(extract(pipeline, "وأكدت وزارة الدفاع الروسية أن قواتها صدت هجوما على الحدود."))
    assert q.speaker.id == "ru_mod" and q.speaker.type == "organization"


def test_addressee_is_not_the_speaker(pipeline):
    q = only(extract(pipeline, "وقال توكاييف لماكرون \"نعتبر زيارتكم تاريخية\"."))
    assert q.speaker.name.endswith("توكاييف") and q.kind == "direct"


def test_medium_is_the_source_not_the_speaker(pipeline):
    q = only(extract(pipeline, "وقال لافروف للتلفزيون الروسي إن موسكو منفتحة على الحوار."))
    assert q.speaker.id == "lavrov" and q.source == "التلفزيون الروسي"


def test_relay_agency_names_source_and_speaker(pipeline):
    q = only(extract(pipeline, "ونقل موقع “آر تي” عن الدبلوماسي الروسي ألكسندر ستيرنيك قوله: “واشنطن تسعى لتوسيع نفوذها”."))
    assert q.kind == "direct" and q.text == "واشنطن تسعى لتوسيع نفوذها"
    assert q.speaker.name == "ألكسندر ستيرنيك" and q.source == "موقع آر تي"


def test_trailing_relay_by_an_agency_is_a_source(pipeline):
    q = only(extract(pipeline, "وقال بوتين إن القوات تواصل التقدم، حسبما ذكرت وكالة تاس."))
    assert q.speaker.id == "putin" and q.source == "وكالة تاس" and q.text == "القوات تواصل التقدم"


def test_trailing_agency_form_with_a_person(pipeline):
    q = only(extract(pipeline, "وطهران مستعدة للعودة إلى الاتفاق، بحسب المتحدث باسم الخارجية الإيرانية ناصر كنعاني."))
    assert q.text == "وطهران مستعدة للعودة إلى الاتفاق" and q.speaker.name == "ناصر كنعاني"


def test_forward_agency_form(pipeline):
    q = only(extract(pipeline, "ووفقا للمتحدث باسم الكرملين ديمتري بيسكوف، فإن الرئيس سيزور أستانا قريبا."))
    assert q.text == "الرئيس سيزور أستانا قريبا" and q.speaker.id == "peskov"


def test_outlet_that_states_something_itself_is_the_speaker(pipeline):
    q = only(extract(pipeline, "وذكرت وكالة رويترز أن مئتي شاحنة تنتظر عند المعبر."))
    assert q.speaker.type == "organization" and "رويترز" in q.speaker.name


def test_names_in_quote_marks_and_scare_quotes_are_not_quotes(pipeline):
    quotes = extract(
        pipeline,
        "وأضاف لافروف في مقال بصحيفة «روسيسكايا جازيتا» أن التعاون يتطور.\n"
        "وأشاد ماكرون بتحمل أستانا \"الضغوط\" الجيوسياسية.",
    )
    assert [q.text for q in quotes] == ["التعاون يتطور"]


def test_headline_form(pipeline):
    text = "لافروف: الغرب يحاول إخراج روسيا من آسيا الوسطى\n\nوقال سيرغي لافروف إن الغرب يضغط على المنطقة."
    quotes = pipeline.extract(text, doc="h.txt", published="2023-11-12").quotes
    assert quotes[0].kind == "headline" and quotes[0].cue.text == ":"
    assert quotes[0].text == "الغرب يحاول إخراج روسيا من آسيا الوسطى" and quotes[0].speaker.id == "lavrov"


def test_title_resolves_to_the_person_the_article_named(pipeline):
    quotes = extract(
        pipeline,
        "أكد الأمين العام للحزب عصام الشابي أن الحوار مستمر.\nوأوضح الأمين العام أن الاجتماع كان مثمرا.",
        published=None,
    )
    assert [q.speaker.name for q in quotes] == ["عصام الشابي", "عصام الشابي"]


def test_epithet_resolves_to_the_last_person(pipeline):
    quotes = extract(pipeline, "وقال ستيرنيك إن روسيا تحترم خيارات جيرانها.\nوقال كبير الدبلوماسيين الروس \"العلاقات تنمو\".")
    assert quotes[1].speaker.name == quotes[0].speaker.name


def test_title_resolves_through_the_registry_by_date(pipeline):
    body = "وقالت المتحدثة باسم الخارجية الروسية إن موسكو سترد على العقوبات."
    assert only(extract(pipeline, body)).speaker.id == "zakharova"


def test_spelling_variants_of_one_person_share_an_id(pipeline):
    quotes = extract(
        pipeline,
        "وأكد رئيس المركز الوطني لإدارة الدفاع ميخائيل مزينتسيف أن الممرات ستفتح.\n"
        "وكان ميزينتسف قد أعلن، أمس، إجلاء أكثر من عشرة آلاف شخص من المناطق الخطيرة.",
    )
    assert len(quotes) == 2 and quotes[0].speaker.id == quotes[1].speaker.id == "mizintsev"


def test_related_articles_are_their_own_segment_and_nothing_leaks(pipeline):
    quotes = extract(
        pipeline,
        "وقال بوتين إن التعاون يتعمق.\nإقرأ أيضاً:\nالصين تحذر واشنطن\nوأضاف أن الرسوم الجمركية مرفوضة.",
    )
    assert [q.segment for q in quotes] == ["main"]


def test_clitics_diacritics_and_a_detached_conjunction(pipeline):
    quotes = extract(pipeline, "و قالَ بوتين إن المحادثات بناءة.\nفأكّـد لافروف أن الحوار مستمر.")
    assert [q.speaker.id for q in quotes] == ["putin", "lavrov"]
    assert quotes[1].cue.text == "أكّـد"


def test_boilerplate_is_not_read(pipeline):
    quotes = extract(pipeline, "كلمات دلالية: قال بوتين إن كل شيء بخير\nمشاركة\nاضف تعليقاً واقرأ تعليقات القراء")
    assert quotes == []


def test_present_tense_cue_inside_content_does_not_split_it(pipeline):
    q = only(extract(pipeline, "وأشار الغنوشي إلى أن الاتجاه العام يؤكد قرب التوصل إلى حل."))
    assert q.text == "الاتجاه العام يؤكد قرب التوصل إلى حل"


def test_negated_and_relative_cues_are_not_statements(pipeline):
    quotes = extract(
        pipeline,
        "ولم تعلن أي جهة مسؤوليتها عن الهجوم.\nورفع قطعة من الطائرة التي تقول إسرائيل إنها أسقطتها فوق الجولان.",
    )
    assert quotes == []


def test_a_subject_with_a_relative_clause_before_its_cue(pipeline):
    q = only(extract(pipeline, "لكن المتحدث باسم المجلس الأوروبي الذي يضم رؤساء الدول قال في بيان \"لم يتم تبني أي توصية\"."))
    assert q.speaker.name == "المتحدث باسم المجلس الأوروبي" and q.kind == "direct"


def test_a_clause_opener_before_a_subjectless_cue(pipeline):
    quotes = extract(pipeline, "وقال بومبيو إن الاتفاق مهم. كما أكد أن العقوبات باقية حتى نزع السلاح بالكامل.")
    assert [q.text for q in quotes] == ["الاتفاق مهم", "العقوبات باقية حتى نزع السلاح بالكامل"]
    assert {q.speaker.id for q in quotes} == {"pompeo"}


def test_a_speaker_named_in_quote_marks(pipeline):
    q = only(extract(pipeline, "ونفى \"الصباح\" أن يكون الخلاف سياسيا."))
    assert q.speaker.mention == "الصباح" and q.text == "يكون الخلاف سياسيا"


def test_a_title_resolves_to_a_person_introduced_later(pipeline):
    quotes = extract(
        pipeline,
        "هدد ولي العهد السعودي بأن المملكة سترد بالمثل.\nوقال ولي العهد السعودي الأمير محمد بن سلمان إن القرار نهائي.",
    )
    assert [q.speaker.id for q in quotes] == ["mbs", "mbs"]


def test_a_dateline_is_not_a_headline_quote(pipeline):
    assert extract(pipeline, "القاهرة: «الشرق الأوسط»\nوقال شكري إن الحوار مستمر.")[0].cue.text == "قال"


def test_a_page_without_headline_starts_with_its_first_paragraph(pipeline):
    text = "دمشق، سوريا (CNN) -- أكدت جهات سورية معارضة أن الفصائل سيطرت على مستودعات للذخيرة."
    quotes = pipeline.extract(text, doc="p.txt").quotes
    assert [q.text for q in quotes] == ["الفصائل سيطرت على مستودعات للذخيرة"]


def test_a_participle_ends_the_content_before_it(pipeline):
    q = extract(pipeline, "وأضاف لافروف أن الحلف مطالب برد موحد، مشددا على ضرورة تعزيز الوجود العسكري.")[0]
    assert q.text == "الحلف مطالب برد موحد"


def test_a_participle_continues_the_state_that_answered(pipeline):
    q = only(extract(pipeline, "ردت روسيا بشكل سريع على تصريحات ترامب، قائلة إنه \"ينبغي أن توجه للإرهابيين\"."))
    assert q.speaker.name == "روسيا" and q.speaker.type == "organization"


def test_a_specific_title_beats_the_last_speaker(pipeline):
    quotes = extract(
        pipeline,
        "ردت روسيا على تصريحات الرئيس الأميركي دونالد ترامب.\n"
        "وكتبت المتحدثة باسم الوزارة ماريا زاخاروفا إن \"الصواريخ يجب أن توجه للإرهابيين\".\n"
        "وقال الرئيس الأميركي إن إدارته ستوجه ضربة.",
    )
    assert [q.speaker.id for q in quotes] == ["zakharova", "trump"]


def test_went_on_to_say_continues_the_speaker(pipeline):
    quotes = extract(pipeline, "وقال نتنياهو إن الاتفاق سيئ. ومضى يقول \"البديل هو استمرار العقوبات\".")
    assert [q.text for q in quotes] == ["الاتفاق سيئ", "البديل هو استمرار العقوبات"]
    assert quotes[1].cue.text == "مضى" and quotes[1].speaker.id == "netanyahu"


def test_a_name_that_starts_with_the_article_and_a_rank_in_apposition(pipeline):
    quotes = extract(
        pipeline,
        "وأكد الحبيب الصيد أنه يتوقع نجاح الحكومة.\n"
        "أكد ولي العهد السعودي، الأمير محمد بن سلمان، أن المملكة سترد بالمثل.",
        published="2018-03-15",
    )
    assert [q.speaker.name for q in quotes] == ["الحبيب الصيد", "محمد بن سلمان"]


def test_an_unknown_title_is_not_taken_for_a_similar_organisation(pipeline):
    q = only(extract(pipeline, "وذكر وزير الخارجية أن تونس كانت حاضرة.", published=None))
    assert q.speaker.name == "وزير الخارجية" and q.speaker.id is None


def test_speech_in_marks_after_a_definite_body_and_a_time_clause(pipeline):
    quotes = extract(
        pipeline,
        "وقالت متحدثة باسم الوزارة \"سنرد في الوقت المناسب\".\n"
        "قصفت الطائرات مواقع بعد أن قالت أنقرة: إنها ستتخذ كل الإجراءات الضرورية.",
    )
    assert [q.text for q in quotes] == ["سنرد في الوقت المناسب", "إنها ستتخذ كل الإجراءات الضرورية"]


def test_a_title_runs_on_through_its_prepositions_and_names_inside_names(pipeline):
    quotes = extract(
        pipeline,
        "أكد وزير الدولة لشؤون مجلس الوزراء الكويتي محمد العبد الله الصباح أن الخلاف فني.\n"
        "وقال السفير أحمد قطان سفير خادم الحرمين الشريفين لدى مصر إن اليمن خط أحمر.\n"
        "وقال وزير الخارجية الإيراني حسين أمير عبداللهيان إن طهران مستعدة للعودة.",
        published="2023-09-20",
    )
    assert [q.speaker.name for q in quotes][:2] == ["محمد العبد الله الصباح", "أحمد قطان"]
    assert quotes[2].speaker.id == "amir_abdollahian"


def test_a_title_with_its_own_preposition_but_not_a_circumstance(pipeline):
    quotes = extract(
        pipeline,
        "وقال مندوب روسيا لدى الأمم المتحدة فاسيلي نيبينزيا إن القرار مرفوض.\n"
        "وقال الوزير لنظيره الأميركي إن الحوار مستمر.\nوقال الوزير لدى وصوله إلى المطار إن الحوار مستمر.",
    )
    assert quotes[0].speaker.id == "nebenzia"
    assert [q.speaker.mention for q in quotes[1:]] == ["الوزير", "الوزير"]


def test_relay_with_a_verbal_noun_instead_of_qawlahu(pipeline):
    q = only(extract(pipeline, "ونقلت وكالة الأنباء السعودية عن المتحدث باسم التحالف تأكيده التزام التحالف بالتحقيقات."))
    assert q.speaker.mention == "المتحدث باسم التحالف" and q.source == "وكالة الأنباء السعودية"
    assert q.text == "التزام التحالف بالتحقيقات"


def test_a_title_with_a_complement_to_a_state_takes_the_name_after_it(pipeline):
    quotes = extract(
        pipeline,
        "وقال المبعوث الخاص إلى سوريا ستافان دي ميستورا إن الحل سياسي.\n"
        "وقال الوزير إلى جانب نظيره إن الحوار مستمر.",
        published="2016-05-01",
    )
    assert quotes[0].speaker.id == "de_mistura"
    assert quotes[0].speaker.mention == "المبعوث الخاص إلى سوريا ستافان دي ميستورا"
    assert quotes[1].speaker.mention == "الوزير"  # "إلى جانب" is a circumstance, not part of the title


def test_a_name_in_marks_after_a_bare_title_is_the_speaker_not_a_quote(pipeline):
    q = only(extract(pipeline, 'كشف المبعوث الدولي إلى اليمن "إسماعيل ولد الشيخ أحمد"؛ عن خطة جديدة لتبادل الأسرى.'))
    assert q.speaker.id == "ould_cheikh_ahmed" and q.text == "عن خطة جديدة لتبادل الأسرى"
    quotes = extract(pipeline, 'وقال المتحدث "لا تعليق لدينا"، مضيفا أن الملف مغلق.')
    assert [q.text for q in quotes] == ["لا تعليق لدينا", "الملف مغلق"]  # speech, not a name


def test_a_body_named_in_a_title_is_not_a_person(pipeline):
    quotes = extract(
        pipeline,
        "وقال مسؤول رفيع المستوى في تحالف دعم الشرعية في اليمن إن التحقيق مستمر.\n"
        "وأعلن رئيس كتلة حركة مشروع تونس الحرة عبد الرؤوف الشريف أن الكتلة ستصوت ضد القانون.\n"
        "وقالت مساعدة مندوب هولندا في الأمم المتحدة ليزا دي يونغ إن المجلس سيجتمع.",
    )
    assert [q.speaker.name for q in quotes] == [
        "مسؤول رفيع المستوى في تحالف دعم الشرعية في اليمن", "عبد الرؤوف الشريف", "ليزا دي يونغ",
    ]
    assert quotes[2].speaker.id != "hollande"  # a state is never a person's surname


def test_bayyana_tasaala_and_biqawlihi_are_cues(pipeline):
    quotes = extract(
        pipeline,
        "وبين الوزير أن الاتفاق جاهز، مبينا أن التوقيع سيتم الأسبوع المقبل.\n"
        "وتحدث الوزير عن الأزمة بقوله: الحل في الحوار وحده.\n"
        "وتساءل مدير وكالة الإغاثة توماس بيرغ \"إلى متى ننتظر؟\".\n"
        "وعقد الاجتماع بين الوفدين أن يتفقا على جدول أعمال.",
    )
    assert [(q.cue.text, q.text) for q in quotes] == [
        ("وبين", "الاتفاق جاهز"), ("مبينا", "التوقيع سيتم الأسبوع المقبل"),
        ("بقوله", "الحل في الحوار وحده"), ("تساءل", "إلى متى ننتظر؟"),
    ]
    assert quotes[3].speaker.name == "توماس بيرغ"  # an outlet word after a bare title is its genitive


def test_a_possessed_noun_object_is_a_stance_not_a_statement(pipeline):
    quotes = extract(
        pipeline,
        "وأكد الوزير تفهمه مخاوف الحكومة من بطء التنفيذ، مبينا أن الخطة ستنفذ كاملة.\n"
        "وأعلنت الحكومة زيادة رواتب الموظفين في القطاع العام.",
    )
    assert [q.text for q in quotes] == ["الخطة ستنفذ كاملة", "زيادة رواتب الموظفين في القطاع العام"]
    assert quotes[0].speaker.name == "الوزير" and quotes[1].speaker.name == "الحكومة"


def test_an_unclosed_mark_does_not_swallow_the_next_quote(pipeline):
    quotes = extract(
        pipeline,
        'وأشاد الوزير بما وصفه "التعاون المثمر. وقال الوزير في رسالته: "الحرب لن تنتهي إلا بالتفاوض".\n'
        'وشددت «الشركة على متانة العلاقات» معلنة «تشكيل لجنة. وقال العمير: "القرار منفرد ومخالف للاتفاق".',
    )
    texts = [q.text for q in quotes]
    assert texts[0] == "الحرب لن تنتهي إلا بالتفاوض" and texts[-1] == "القرار منفرد ومخالف للاتفاق"
    assert quotes[-1].speaker.mention == "العمير"


def test_a_cue_with_its_own_subject_after_a_comma_is_not_embedded(pipeline):
    quotes = extract(
        pipeline,
        'وحول وصفه للمرشد بأنه "هتلر جديد"، قال ولي العهد السعودي: "بكل تأكيد".\n'
        "وأشار الوزير إلى أن إيران نفت الاتهامات.",
        published="2018-03-15",
    )
    assert [(q.cue.text, q.text) for q in quotes] == [("قال", "بكل تأكيد"), ("أشار", "إيران نفت الاتهامات")]
    assert quotes[0].speaker.id == "mbs"


def test_wifqan_li_a_plain_noun_does_not_cut_the_content(pipeline):
    # "وفقا لـ" + a noun the article names no one by is part of the content, not a source
    q = only(extract(pipeline, "وأكد المتحدث العسكري أحمد سالم أن الضربات نفذت وفقا لقواعد الاشتباك المعمول بها دوليا."))
    assert q.text == "الضربات نفذت وفقا لقواعد الاشتباك المعمول بها دوليا"
    assert q.speaker.name == "أحمد سالم"


def test_wifqan_li_a_person_the_article_names_is_a_source(pipeline):
    quotes = extract(
        pipeline,
        "وقال المتحدث أحمد سالم إن الحدود مغلقة. ووفقا لسالم، فإن المعبر سيفتح الأسبوع المقبل.",
    )
    assert [q.text for q in quotes] == ["الحدود مغلقة", "المعبر سيفتح الأسبوع المقبل"]
    assert {q.speaker.name for q in quotes} == {"أحمد سالم"}


def test_a_short_title_stands_for_the_person_introduced_with_a_longer_one(pipeline):
    # introduced with no cue ("رسالة من نائب المفوض السامي ... ماركو بيليني"), then a short title
    quotes = extract(
        pipeline,
        "ووصلت إلى الصحفيين رسالة من نائب المفوض السامي الأممي لشؤون اللاجئين ماركو بيليني تتضمن جدولا زمنيا.\n"
        "وقال نائب المفوض الأممي إن العودة لن تبدأ قبل تأمين الطرق الرئيسية.",
    )
    q = only(quotes)
    assert q.text == "العودة لن تبدأ قبل تأمين الطرق الرئيسية"
    assert q.speaker.name == "ماركو بيليني" and q.speaker.mention == "نائب المفوض الأممي"


def test_a_short_title_never_takes_a_person_with_another_title(pipeline):
    quotes = extract(
        pipeline,
        "ووصلت إلى الصحفيين رسالة من مدير المكتب الإقليمي ماركو بيليني تتضمن جدولا زمنيا.\n"
        "وقال نائب المفوض الأممي إن العودة لن تبدأ قبل تأمين الطرق الرئيسية.",
    )
    assert only(quotes).speaker.name != "ماركو بيليني"


def test_a_lone_adverb_between_cue_and_subject_is_skipped(pipeline):
    quotes = extract(
        pipeline,
        "وقال وزير الخارجية سامي فهد إن الحكومة تتابع الملف.\n"
        "وقال حينها المقدم سليم الحداد المتحدث باسم خفر السواحل إن الدوريات ضبطت قاربين.",
    )
    assert [q.speaker.name for q in quotes] == ["سامي فهد", "سليم الحداد"]


def test_a_military_rank_opens_a_title(pipeline):
    q = only(extract(pipeline, "وقال اللفتنانت كولونيل جون سميث إن الطائرة أسقطت فوق البحر."))
    assert q.speaker.name == "جون سميث" and q.text == "الطائرة أسقطت فوق البحر"


def test_a_contrastive_bayda_anna_is_no_ones_content(pipeline):
    quotes = extract(
        pipeline,
        "وقالت الحكومة الانتقالية إن الطريق الساحلي أعيد فتحه. بيد أن لجنة الإغاثة المحلية قالت إن القوافل "
        "\"لم تتحرك بعد\".",
    )
    assert [q.speaker.name for q in quotes] == ["الحكومة الانتقالية", "لجنة الإغاثة المحلية"]
    assert quotes[1].text == "القوافل \"لم تتحرك بعد\""


def test_reported_content_stops_at_the_articles_commentary(pipeline):
    quotes = extract(
        pipeline,
        "وقال محافظ عدن ناصر الخليفي إن الميناء سيعمل بكامل طاقته \"خلال أسبوعين\"، في رسالة طمأنة إلى التجار "
        "بعد أشهر من الإغلاق. وأضاف أن الرسوم ستخفض، ردا على شكاوى الشركات.",
    )
    assert [q.text for q in quotes] == ["الميناء سيعمل بكامل طاقته \"خلال أسبوعين\"", "الرسوم ستخفض"]


def test_asarra_ala_anna_is_a_cue_and_a_condemnation_ends_the_content(pipeline):
    quotes = extract(
        pipeline,
        "وأصرت وزارة الصحة اليمنية على أن المستشفيات تعمل بشكل طبيعي. "
        "وقال محافظ عدن ناصر الخليفي إن الطرق إلى المدينة آمنة،وأدان الهجوم على قافلة الإغاثة.",
    )
    assert [(q.cue.text, q.text) for q in quotes] == [
        ("أصرت", "المستشفيات تعمل بشكل طبيعي"), ("قال", "الطرق إلى المدينة آمنة")
    ]
    assert quotes[0].speaker.name == "وزارة الصحة اليمنية"


def test_a_stance_inside_reported_content_does_not_cut_it(pipeline):
    q = only(extract(
        pipeline,
        "وأوضح وزير الإعلام اليمني فهد الصبري أن مجلس الوزراء أعرب عن شكره للدول المانحة، وجدد التزامه بإعادة الإعمار.",
    ))
    assert q.text == "مجلس الوزراء أعرب عن شكره للدول المانحة، وجدد التزامه بإعادة الإعمار"
    assert q.speaker.name == "فهد الصبري"


def test_a_short_title_resolves_to_a_named_person_the_registry_gives_it(pipeline):
    # no name follows the title anywhere: the registry's roles of the people named tell who
    quotes = extract(
        pipeline,
        "وقال خامنئي إن الحصار لن يدوم. وقال المرشد الأعلى إن طهران لن تتخلى عن حلفائها.\n"
        "وقال رئيس الوزراء الإسرائيلي بنيامين نتنياهو إن الاتفاق خطأ. وأضاف رئيس الحكومة الإسرائيلية أن بلاده ستدافع عن نفسها.",
        published="2015-07-20",
    )
    assert [q.speaker.id for q in quotes] == ["khamenei", "khamenei", "netanyahu", "netanyahu"]
    # two people named who both held the title: nobody
    quotes = extract(
        pipeline,
        "وقال ديفيد كاميرون إن الاستفتاء قائم. وقال بوريس جونسون إن الخروج يعني الخروج. وقال رئيس الحكومة البريطانية إن الموعد قريب.",
        published=None,
    )
    assert [q.speaker.id for q in quotes] == ["david_cameron", "boris_johnson", None]


def test_ali_is_a_name_in_an_apposition_and_after_bin(pipeline):
    # "علي" folds to the same word as the preposition "على"
    quotes = extract(
        pipeline,
        "وأكد رئيس منظمة الطاقة الذرية الإيرانية، علي أكبر صالحي، أن العمل مستمر.\n"
        "وقال رئيس الوزراء محمد بن علي إن الطقس حار.",
    )
    assert [q.speaker.name for q in quotes] == ["علي أكبر صالحي", "محمد بن علي"]
    assert [q.text for q in quotes] == ["العمل مستمر", "الطقس حار"]


def test_an_office_speaks_for_itself_and_relays_its_head(pipeline):
    quotes = extract(
        pipeline,
        "وقال مكتب نتنياهو إن الحكومة ستجتمع غدا. وأضاف المكتب أن الجلسة مغلقة.\n"
        "وقال مكتب بحاح إن رئيس الوزراء أكد للسفراء \"لا عودة إلى الوراء\".",
        published="2015-07-12",
    )
    assert [(q.speaker.id, q.speaker.type) for q in quotes[:1]] == [("israel_pmo", "organization")]
    assert quotes[1].speaker.name == "المكتب" and quotes[1].speaker.type == "organization"
    assert (quotes[2].speaker.id, quotes[2].kind, quotes[2].text) == ("bahah", "direct", "لا عودة إلى الوراء")
    assert quotes[2].speaker.mention == "رئيس الوزراء"


def test_a_promise_names_who_the_next_subjectless_cue_quotes(pipeline):
    quotes = extract(
        pipeline,
        "وعد المبعوث الأممي الجديد، مارتن غريفيث، اليمنيين بالعمل الجاد. كما أكد أن جهده سيبدأ من حيث انتهى سلفه.",
    )
    assert [(q.cue.text, q.speaker.name, q.text) for q in quotes] == [("أكد", "مارتن غريفيث", "جهده سيبدأ من حيث انتهى سلفه")]


def test_fi_ishara_with_a_glued_preposition_is_commentary(pipeline):
    q = only(extract(pipeline, "وقال المحافظ ناصر الخليفي إن الحصار \"لن يكسر إرادة المدينة\"، في إشارة للقصف الذي استهدف الميناء."))
    assert q.text == 'الحصار "لن يكسر إرادة المدينة"'


@pytest.mark.parametrize("participle", ["مهنئا الفلاحين بالموسم", "داعيا المواطنين إلى الصبر", "متهما المعارضة بالتحريض",
                                        "مشيدا بجهود العمال", "معربا عن أمله في النجاح"])
def test_a_stance_participle_names_no_speaker_and_ends_the_content(pipeline, participle):
    quotes = extract(pipeline, f"وقال الوزير أحمد سالم إن الخطة جاهزة، {participle}. وأضاف أن التنفيذ سيبدأ غدا.")
    assert [q.text for q in quotes] == ["الخطة جاهزة", "التنفيذ سيبدأ غدا"]
    assert {q.speaker.name for q in quotes} == {"أحمد سالم"}


def test_a_professional_title_before_a_name_is_a_title_not_a_family_name(pipeline):
    # "المهندس"/"المحامي"/"الطبيبة" before a name, as "الدكتور" or "العميد": the name speaks
    for title in ("المهندس", "المحامي", "الطبيب"):
        q = only(extract(pipeline, f"وقال {title} سامي العمري إن المشروع تأخر."))
        assert (q.speaker.name, q.speaker.mention) == ("سامي العمري", f"{title} سامي العمري")

"""One behaviour a test: error classes of the sixth accuracy round, on short articles
(the sentences are also in fixtures/articles/029_energy_minister_round6.txt)."""

from __future__ import annotations

from quotesupport import extract, only


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


# -- 4. who a statement is of, and who is only named ----------------------------------------


def test_a_statement_of_a_union_is_the_unions(pipeline):
    quotes = extract(
        pipeline,
        "قال وزير الطاقة كريم بوعلام إن الأسواق مضطربة.\n"
        "وفي سياق متصل ذكر بيان لنقابة عمال الموانئ: بأن الإضراب سيبدأ مطلع الأسبوع المقبل إذا لم تتم الاستجابة "
        "للمطالب، وأضاف: إن الأجور لم تتغير منذ سنوات، وكانت النقابة وعدد من الاتحادات قد نظمت وقفة احتجاجية الشهر الماضي.",
    )
    assert [q.speaker.name for q in quotes] == ["كريم بوعلام", "نقابة عمال الموانئ", "نقابة عمال الموانئ"]
    assert quotes[2].text.endswith("لم تتغير منذ سنوات")  # the background after "وكانت ... قد" is the article's


def test_background_without_qad_stays_in_the_content(pipeline):
    q = only(extract(pipeline, "وقال الوزير كريم بوعلام إن الحكومة لم تتردد في دعم الموانئ، وكانت كل خطواتها مدروسة."))
    assert q.text.endswith("وكانت كل خطواتها مدروسة")


def test_a_possessed_noun_before_anna_is_the_object_not_the_speaker(pipeline):
    q = only(extract(pipeline, "وأكد رئيس الوزراء حمدان الساعدي ثقته بأن \"الحكومة قادرة على تجاوز الأزمة قبل نهاية العام\"."))
    assert q.speaker.name == "حمدان الساعدي"
    q = only(extract(pipeline, "وأكد رئيس الوزراء ثقته بأن الحكومة قادرة على تجاوز الأزمة."))
    assert q.speaker.name == "رئيس الوزراء"


def test_the_person_a_participle_points_at_is_not_the_speaker(pipeline):
    quotes = extract(
        pipeline,
        "وأكد رئيس الوزراء حمدان الساعدي أن الحكومة قادرة على تجاوز الأزمة.\n"
        "وقال وزير النقل سعيد المرزوقي مشيرا إلى الساعدي \"لا يمكن أن نحمل الموانئ وحدها كلفة الأزمة\".",
    )
    assert [(q.cue.text, q.speaker.name) for q in quotes] == [("أكد", "حمدان الساعدي"), ("قال", "سعيد المرزوقي")]


def test_mushiran_ila_anna_still_quotes(pipeline):
    quotes = extract(pipeline, "وقال وزير النقل سعيد المرزوقي إن الموانئ مزدحمة، مشيرا إلى أن \"الحل في التوسعة\".")
    assert [q.cue.text for q in quotes] == ["قال", "مشيرا"]


# -- 5. where content opens and ends -----------------------------------------------------------


def test_bihasab_ma_dhakarat_opens_the_sentence_it_sources(pipeline):
    q = only(extract(pipeline, "وبحسب ما ذكرت مصادر من الاجتماع، فقد رفض الوفد الإيطالي التوقيع على البيان الختامي قبل تعديل فقرة الشحن."))
    assert q.cue.text == "بحسب" and q.speaker.name == "مصادر"
    assert q.text == "فقد رفض الوفد الإيطالي التوقيع على البيان الختامي قبل تعديل فقرة الشحن"


def test_bihasab_after_the_content_still_trails(pipeline):
    q = only(extract(pipeline, "رفض الوفد الإيطالي التوقيع على البيان الختامي، بحسب ما ذكرت مصادر من الاجتماع."))
    assert q.text == "رفض الوفد الإيطالي التوقيع على البيان الختامي"


# -- 6. a headline's topic label ----------------------------------------------------------------


def test_a_topic_label_headline_is_no_quote(pipeline):
    text = "قضية ناقلة النفط المحتجزة: الوزير يطلب لقاء السفير البريطاني\n\nوصل الوزير إلى لندن مساء الأحد."
    assert pipeline.extract(text, doc="t.txt").quotes == []


def test_a_speaker_headline_is_still_a_quote(pipeline):
    text = "المرزوقي: الموانئ لا تتحمل وحدها كلفة الأزمة\n\nقال وزير النقل سعيد المرزوقي إن الموانئ مزدحمة."
    quotes = pipeline.extract(text, doc="t.txt").quotes
    assert [q.kind for q in quotes] == ["headline", "indirect"]
    assert quotes[0].speaker.name == "سعيد المرزوقي"

"""Patterns from the cross-set error census: "بحسب X،" / "وفقا لـX،" opening a sentence
with the clause after the comma as X's statement, and a correspondent's title that runs on
through "للشؤون X" to the name after its comma, whom "مراسلنا" later stands for."""

from quotesupport import extract, only


# -- "وبحسب X، <clause>" ------------------------------------------------------------------
def test_bihasb_opening_a_sentence_quotes_the_clause_after_its_comma(pipeline):
    q = only(extract(pipeline, "وبحسب خبراء، ستكون القمة فرصة لتقريب مواقف الدول المتشاطئة حول حصص الأنهار."))
    assert (q.cue.text, q.speaker.name, q.kind) == ("بحسب", "خبراء", "indirect")
    assert q.text == "ستكون القمة فرصة لتقريب مواقف الدول المتشاطئة حول حصص الأنهار"


def test_wafqan_li_an_unnamed_source_quotes_the_clause_after_its_comma(pipeline):
    q = only(extract(pipeline, "ووفقا لمصدر دبلوماسي مطلع، سيصدر عن القمة بيان ختامي بشأن صندوق التحلية."))
    assert q.speaker.name == "مصدر دبلوماسي مطلع"
    assert q.text == "سيصدر عن القمة بيان ختامي بشأن صندوق التحلية"


def test_an_unnamed_source_takes_no_clause_after_its_comma_for_a_name(pipeline):
    q = only(extract(pipeline, "وبحسب خبراء، سيكون الاجتماع فرصة للحكومة."))
    assert (q.speaker.name, q.text) == ("خبراء", "سيكون الاجتماع فرصة للحكومة")


def test_a_cue_in_the_clause_after_the_comma_speaks_for_itself(pipeline):
    q = only(extract(pipeline, "وبحسب مصادر، قال الوزير إن المفاوضات ستبدأ الأسبوع المقبل."))
    assert (q.cue.text, q.speaker.name, q.text) == ("قال", "الوزير", "المفاوضات ستبدأ الأسبوع المقبل")


def test_bihasb_after_the_content_still_quotes_what_came_before(pipeline):
    q = only(extract(pipeline, "ستنخفض أسعار المياه في الصيف المقبل، بحسب خبراء."))
    assert (q.speaker.name, q.text) == ("خبراء", "ستنخفض أسعار المياه في الصيف المقبل")


# -- "مراسل X للشؤون Y، <name>" and "مراسلنا" --------------------------------------------------
CORRESPONDENT = "ويقول مراسل الشبكة للشؤون الدبلوماسية، سامي الحداد، من مقر القمة إن الوفود أقرب إلى الاتفاق."


def test_a_correspondents_title_runs_through_lilshuun_to_the_name_after_its_comma(pipeline):
    q = only(extract(pipeline, CORRESPONDENT))
    assert q.speaker.name == "سامي الحداد"
    assert q.speaker.mention == "مراسل الشبكة للشؤون الدبلوماسية، سامي الحداد"


def test_our_correspondent_is_the_correspondent_the_article_named(pipeline):
    quotes = extract(pipeline, CORRESPONDENT + "\nويضيف مراسلنا أن الخلاف على تقاسم المياه ما زال قائما.")
    assert [(q.speaker.mention, q.speaker.name) for q in quotes][-1] == ("مراسلنا", "سامي الحداد")


def test_our_correspondent_in_the_feminine_is_the_correspondent_named(pipeline):
    quotes = extract(pipeline, "وتقول مراسلة الشبكة للشؤون الاقتصادية، ليلى منصور، إن الأسواق هادئة.\n"
                               "وتضيف مراسلتنا أن المستثمرين ينتظرون نتائج القمة.")
    assert [q.speaker.name for q in quotes] == ["ليلى منصور", "ليلى منصور"]


def test_a_role_word_after_lilshuun_is_part_of_the_title(pipeline):
    q = only(extract(pipeline, "وقال مساعد وزير الخارجية للشؤون الدبلوماسية إن الوفود أقرب إلى الاتفاق."))
    assert q.speaker.mention == "مساعد وزير الخارجية للشؤون الدبلوماسية"


def test_our_correspondent_with_no_one_named_stays_unresolved(pipeline):
    q = only(extract(pipeline, "وقال مراسلنا إن الوفود أقرب إلى الاتفاق."))
    assert (q.speaker.name, q.speaker.id) == ("مراسلنا", None)

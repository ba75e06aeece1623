"""Round 13 of accuracy work on real articles: Saudi court style (honorific chains, blessings
after a royal's name), plural participles that close a content, and the writer's own tail
after "، وذلك وسط"."""

from quotesupport import extract, only

VISIT = (
    "استقبل نائب أمير المنطقة صاحب السمو الملكي الأمير سلطان بن ماجد - حفظه الله - في مكتبه اليوم ذوي المصابين.\n"
    'وقال نائب أمير المنطقة في مستهل اللقاء: "نقف معكم في هذا المصاب".\n'
)


def test_a_title_stands_for_the_royal_it_introduced_through_an_honorific_chain(pipeline):
    q = only(extract(pipeline, VISIT))
    assert q.speaker.name == "سلطان بن ماجد"


def test_a_blessing_after_an_honorific_pronoun_is_not_the_speaker(pipeline):
    quotes = extract(pipeline, VISIT + "وأكد سموه - حفظه الله - أن الدولة لن تدخر جهدا.\n"
                                       'وأضاف سموه - رعاه الله - قائلا: "سلامة المواطن أولوية".')
    assert [(q.text, q.speaker.name) for q in quotes[1:]] == [
        ("الدولة لن تدخر جهدا", "سلطان بن ماجد"), ("سلامة المواطن أولوية", "سلطان بن ماجد")]


def test_a_plural_participle_of_thanks_ends_the_content(pipeline):
    q = only(extract(pipeline, "وأكد ذوو المصابين أن أبناءهم تلقوا أفضل رعاية، معبرين عن شكرهم للأطباء."))
    assert (q.text, q.speaker.name) == ("أبناءهم تلقوا أفضل رعاية", "ذوو المصابين")


def test_the_writers_context_after_wa_dhalika_wasat_is_not_the_content(pipeline):
    q = only(extract(pipeline, "وكان قد حذر مدير المرور العميد سامي الخطيب، بأن الطريق يحتاج إلى صيانة عاجلة، "
                               "وذلك وسط مطالبات الأهالي بتوسعة الطريق."))
    assert q.text == "الطريق يحتاج إلى صيانة عاجلة"


def test_an_aside_opened_by_yudhkar_anna_is_the_writers_not_someones_content(pipeline):
    q = only(extract(pipeline, "يذكر أن مسؤولين محليين كانوا قد هددوا بأن المقاولين المتأخرين سيحرمون من العقود."))
    assert (q.text, q.speaker.name) == ("المقاولين المتأخرين سيحرمون من العقود", "مسؤولين محليين")


def test_a_contrast_after_fi_hin_is_the_writers_own_fact(pipeline):
    q = only(extract(pipeline, "وأعلنت إدارة المرور أن ثلاث دوريات ستنتشر على الطريق، "
                               "في حين أغلقت البلدية مخرجين للصيانة."))
    assert (q.text, q.speaker.name) == ("ثلاث دوريات ستنتشر على الطريق", "إدارة المرور")


def test_a_body_whose_name_ends_in_a_state_takes_no_name_after_it(pipeline):
    q = only(extract(pipeline, 'أدانت حركة المقاومة الإسلامية حماس استهداف موكب الوزير، وقال في بيان "هذه الجريمة تستهدف أمن القطاع".'))
    assert q.speaker.type == "organization" and "حماس" in q.speaker.name


def test_a_lone_letter_abbreviation_ends_no_sentence(pipeline):
    q = only(extract(pipeline, 'أدانت حركة حماس الاعتداء على مرافقي د.صائب عريقات، وقال في بيان "هذه الجريمة تستهدف أمن القطاع".'))
    assert "حماس" in q.speaker.name


def test_a_body_continues_whatever_the_gender_of_the_cue(pipeline):
    quotes = extract(pipeline, "قال المتحدث سامي الخطيب إن الطريق آمن.\n"
                               'أدانت حركة حماس استهداف موكب الوزير، وقال في بيان "هذه الجريمة تستهدف أمن القطاع".')
    assert [q.speaker.name for q in quotes][-1] == "حركة حماس"

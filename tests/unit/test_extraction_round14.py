"""Round 14 of accuracy work on real articles: a question as a participle cue (متسائلا), names
in marks after "ما يعرف بـ", unnamed sources described by participles, ..."""

from quotesupport import extract, only


def test_a_question_asked_as_a_participle_is_a_quote(pipeline):
    q = only(extract(pipeline, 'ووجه الوزير سليم العبيدي حديثه إلى النواب، متسائلا: "هل رأيتم الحقول هذا الصيف؟ لقد جفت".'))
    assert (q.kind, q.cue.text, q.speaker.name) == ("direct", "متسائلا", "سليم العبيدي")
    assert q.text == "هل رأيتم الحقول هذا الصيف؟ لقد جفت"


def test_a_long_name_in_marks_after_ma_yuraf_bi_is_no_quote(pipeline):
    quotes = extract(pipeline, 'وأفاد المرصد عن تراجع منسوب النهر في ما يعرف بـ"مثلث الواحات الزراعية في الجنوب الشرقي" '
                               'خلال الشهر الماضي.')
    assert [q.text for q in quotes if "مثلث الواحات" in q.text] == []


def test_a_statement_naming_something_in_marks_keeps_the_name(pipeline):
    q = only(extract(pipeline, 'وقال المرصد إن المياه تراجعت في ما يسمى "المثلث الزراعي الممتد من النهر إلى الواحات".'))
    assert q.text.startswith("المياه تراجعت") and "المثلث الزراعي" in q.text


def test_a_participle_goes_with_the_surname_its_sentence_opens_with(pipeline):
    quotes = extract(pipeline, 'أكد وزير الموارد المائية سليم العبيدي أن الوزارة ستبني السدود.\n'
                               'ووجه العبيدي حديثه إلى نواب المعارضة في الجلسة، متسائلا: "هل رأيتم الحقول؟".')
    assert [(q.text, q.speaker.name) for q in quotes][-1] == ("هل رأيتم الحقول؟", "سليم العبيدي")


def test_an_informed_source_is_described_not_named(pipeline):
    q = only(extract(pipeline, 'وقال مصدر حكومي مطلع على خطة السدود إن التمويل سيأتي من صندوق التنمية.'))
    assert q.speaker.name == "مصدر حكومي مطلع" and q.speaker.type != "person"


def test_unnamed_groups_with_adjectives_speak_as_one_description(pipeline):
    q = only(extract(pipeline, 'وأكدت جهات زراعية معارضة أن المزارعين لم يحصلوا على أي تعويض.'))
    assert q.speaker.name == "جهات زراعية معارضة"


def test_naql_with_an_before_any_an_reports_its_own_subject(pipeline):
    q = only(extract(pipeline, 'ونقلت مصادر محلية الأحد أن المياه انقطعت عن عشرات المنازل، ما أسفر عن احتجاجات.'))
    assert (q.cue.text, q.speaker.name) == ("نقلت", "مصادر محلية")
    assert q.text.startswith("المياه انقطعت") and q.text.endswith("احتجاجات")


def test_the_noun_naql_before_a_name_quotes_nothing(pipeline):
    quotes = extract(pipeline, 'وقال الأمير: "كلفني الملك نقل خالص تعازيه ودعواته بأن يتغمدهم الله برحمته".')
    assert [(q.kind, q.speaker.name) for q in quotes] == [("direct", "الأمير")]


def test_what_a_statement_contains_its_author_says(pipeline):
    q = only(extract(pipeline, 'وتضمن بيان لنقابة المزارعين "أن الوزارة تأخرت في صيانة قنوات الري".'))
    assert (q.cue.text, q.speaker.name) == ("تضمن", "نقابة المزارعين")
    assert "الوزارة تأخرت في صيانة قنوات الري" in q.text


def test_a_plan_that_contains_items_quotes_nothing(pipeline):
    assert extract(pipeline, 'وتضمنت الخطة ثلاثة بنود أساسية لإصلاح قنوات الري.') == []


def test_a_statement_issued_by_a_body_is_the_body_speaking(pipeline):
    q = only(extract(pipeline, 'وأكد بيان صادر عن اتحاد الغرف الزراعية أن خسائر الموسم كبيرة.'))
    assert (q.speaker.name, q.text) == ("اتحاد الغرف الزراعية", "خسائر الموسم كبيرة")


def test_naql_by_a_person_alluded_to_conveys_wishes_and_quotes_nothing(pipeline):
    quotes = extract(pipeline, "وزار الأمير المستشفى. ونقل سموه - حفظه الله - للمصابين تمنيات الملك "
                                 "بأن يمن الله عليهم بالشفاء العاجل.")
    assert quotes == []

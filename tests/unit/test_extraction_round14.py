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

"""Round 14 of accuracy work on real articles: a question as a participle cue (متسائلا), names
in marks after "ما يعرف بـ", unnamed sources described by participles, ..."""

from quotesupport import extract, only


def test_a_question_asked_as_a_participle_is_a_quote(pipeline):
    q = only(extract(pipeline, 'ووجه الوزير سليم العبيدي حديثه إلى النواب، متسائلا: "هل رأيتم الحقول هذا الصيف؟ لقد جفت".'))
    assert (q.kind, q.cue.text, q.speaker.name) == ("direct", "متسائلا", "سليم العبيدي")
    assert q.text == "هل رأيتم الحقول هذا الصيف؟ لقد جفت"

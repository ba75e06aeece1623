"""Round 22 of accuracy work on real articles: what follows a whole title may be the verb's
object, not a name: a common noun in construct ("حالة الطوارئ")."""

from quotesupport import extract

INTRODUCED = "التقى رئيس الوزراء البلجيكي لوك فيرمولن وزير الخارجية الهولندي ماركو يانسن في بروكسل أمس.\n"


def test_a_common_noun_in_construct_after_a_title_is_the_object(pipeline):
    quotes = extract(pipeline, INTRODUCED + "وأعلن رئيس الوزراء البلجيكي حالة الطوارئ والحداد لمدة يومين في إقليم لييج.")
    q = quotes[-1]
    assert (q.cue.text, q.speaker.name) == ("أعلن", "لوك فيرمولن")
    assert q.text.startswith("حالة الطوارئ")


def test_a_title_after_such_an_object_stands_for_the_person_named_before(pipeline):
    quotes = extract(pipeline, INTRODUCED + "وأعلن رئيس الوزراء البلجيكي حالة الطوارئ في إقليم لييج.\n"
                               "وقال رئيس الوزراء البلجيكي إن فرق الإنقاذ ستواصل عملها.")
    assert [(q.cue.text, q.speaker.name) for q in quotes][-1] == ("قال", "لوك فيرمولن")


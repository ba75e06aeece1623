"""Within an article, a later name mention is the person named before only when it is the
same name: a surname alone or in another spelling, with the same first name when it gives
one. Two people who share a surname, or whose surnames differ by a letter, stay two."""

from quotesupport import extract


def _speakers(pipeline, body: str) -> list[str]:
    return [q.speaker.name for q in extract(pipeline, body)]


def test_a_surname_that_differs_by_letters_is_another_family(pipeline):
    body = ('وقال سامي العمري إن المشروع تأخر. '
            'وقال خالد المصري إن التمويل متوفر.')
    assert _speakers(pipeline, body) == ["سامي العمري", "خالد المصري"]


def test_another_first_name_with_the_same_surname_is_another_person(pipeline):
    body = ('وقال محمد المصري إن المشروع تأخر. '
            'وقال خالد المصري إن التمويل متوفر. '
            'وأضاف المصري أن العمل سيبدأ قريبا.')
    assert _speakers(pipeline, body)[:2] == ["محمد المصري", "خالد المصري"]


def test_the_surname_alone_or_a_compound_surname_is_the_person_named(pipeline):
    body = ('وقال الأمين العام جمال ولد عباس إن الحزب موحد. '
            'وقال ولد عباس إن المؤتمر سيعقد في موعده. '
            'وأضاف عباس أن القرار نهائي.')
    assert _speakers(pipeline, body) == ["جمال ولد عباس"] * 3


def test_a_transliterated_surname_in_another_spelling_is_the_person_named(pipeline):
    body = ('وقال الجنرال ميخائيل ميزينتسف إن الممرات مفتوحة. '
            'وأكد مزينتسيف أن القوافل ستمر.')
    names = _speakers(pipeline, body)
    assert len(names) == 2 and names[0] == names[1]

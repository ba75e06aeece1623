"""Round 15 of accuracy work on real articles: a long body name in marks inside the speaker's
apposition, and "ما تقول X إنه" / "مما قال إنها" (what X says it is) as a claim."""

from quotesupport import extract, only


def test_a_long_body_name_in_marks_after_bism_is_not_the_quote(pipeline):
    q = only(extract(pipeline, 'وقال العقيد سامر الخطيب، المتحدث الرسمي باسم قوات "تحالف حماية القرى في الشمال والشرق"، '
                               'للصحفيين، الأحد، إن القافلة وصلت إلى وجهتها دون أضرار.'))
    assert (q.text, q.speaker.name) == ("القافلة وصلت إلى وجهتها دون أضرار", "سامر الخطيب")


def test_what_a_body_says_it_is_is_its_claim(pipeline):
    q = only(extract(pipeline, 'وخلفت المعارك ألفي نازح، مما أثار ما تقول منظمة الهلال الأحمر إنه أسوأ موجة نزوح منذ عقد.'))
    assert (q.cue.text, q.speaker.name, q.text) == ("تقول", "منظمة الهلال الأحمر", "أسوأ موجة نزوح منذ عقد")


def test_what_the_sentence_subject_said_it_was_is_his_claim(pipeline):
    quotes = extract(pipeline, 'وقال العقيد سامر الخطيب إن القافلة وصلت.\n'
                               'ووزع الخطيب على الصحفيين نسخا مما قال إنها خرائط الطرق الآمنة للقوافل.')
    assert [(q.text, q.speaker.name) for q in quotes][-1] == ("خرائط الطرق الآمنة للقوافل", "سامر الخطيب")


def test_what_was_reported_in_the_passive_quotes_nothing(pipeline):
    assert extract(pipeline, 'وسعت الحكومة إلى احتواء اللغط في شأن ما ذكر أنه خلاف مع الجيران حول المياه.') == []



"""Speakers of two constructions the corpus repeats: a state, body or person before «التي/الذي»
whose relative clause holds the cue ("لروسيا التي أكدت أن"), and a person introduced as a
counterpart ("مع نظيريه الياباني ... والكورية الجنوبية ...") whom a title with that
nationality stands for later ("الوزيرة الكورية الجنوبية")."""

from quotesupport import extract, only


def test_a_state_before_allati_says_what_its_verb_reports(pipeline):
    q = only(extract(pipeline, 'ووجه الرئيس رسالة شديدة اللهجة لإيران التي أكدت أن برنامجها النووي سلمي بالكامل.'))
    assert (q.cue.text, q.speaker.name) == ("أكدت", "إيران")
    assert q.text == "برنامجها النووي سلمي بالكامل"


def test_a_body_before_allati_speaks_through_the_participle_closing_its_clause(pipeline):
    q = only(extract(pipeline, 'وحملت الحكومة المسؤولية لحركة النهضة التي رفضت الاتهام قائلة إن "الحكومة تبحث عن كبش فداء".'))
    assert (q.cue.text, q.speaker.name) == ("قائلة", "حركة النهضة")


def test_a_titled_person_before_alladhi_speaks(pipeline):
    q = only(extract(pipeline, 'ووجه النائب سؤالا إلى وزير المالية الذي قال إن العجز سيتراجع العام المقبل.'))
    assert (q.cue.text, q.speaker.name) == ("قال", "وزير المالية")


def test_a_relative_pronoun_disagreeing_with_the_verb_gives_no_speaker(pipeline):
    quotes = extract(pipeline, 'واستفسر الوزير عن صحتها التي أكد أنها في حال جيدة.')
    assert all(q.speaker.name != "صحتها" for q in quotes) and all(q.cue.text != "أكد" for q in quotes)


def test_a_relative_verb_with_its_own_subject_stays_inside_the_clause(pipeline):
    assert extract(pipeline, 'ورفع المندوب صورة الطائرة التي تقول إيران إنها أسقطتها فوق أراضيها.') == []


def test_a_genitive_before_allati_is_not_the_speaker(pipeline):
    quotes = extract(pipeline, 'وطالب بالالتزام بنصوص ميثاق الأمم المتحدة التي تؤكد أن لكل دولة سيادتها.')
    assert all(q.speaker.name != "الأمم المتحدة" for q in quotes)


_COUNTERPARTS = ('قال وزير الخارجية البرتغالي جواو ماتيوس خلال مؤتمر صحفي مع نظيريه الألماني كارل فينتر '
                 'والسويدية إنغريد لوند إن القمة ستعقد في الربيع.\n')


def test_a_title_with_a_nationality_stands_for_the_counterpart_introduced_with_it(pipeline):
    quotes = extract(pipeline, _COUNTERPARTS + 'من جهتها أكدت الوزيرة السويدية أن التعاون أقوى من أي وقت مضى.')
    assert [(q.cue.text, q.speaker.name) for q in quotes][-1] == ("أكدت", "إنغريد لوند")


def test_a_masculine_title_takes_the_masculine_counterpart_not_the_last_speaker(pipeline):
    quotes = extract(pipeline, _COUNTERPARTS + 'وأضاف الوزير الألماني أن برلين ستقدم تمويلا إضافيا.')
    assert [(q.cue.text, q.speaker.name) for q in quotes][-1] == ("أضاف", "كارل فينتر")


def test_a_counterpart_of_another_gender_is_not_taken(pipeline):
    quotes = extract(pipeline, _COUNTERPARTS + 'من جهتها أكدت الوزيرة الألمانية أن التعاون أقوى من أي وقت مضى.')
    assert quotes[-1].speaker.name not in ("كارل فينتر", "إنغريد لوند")


def test_a_counterpart_title_takes_its_head_from_the_sentence_subject(pipeline):
    quotes = extract(pipeline, _COUNTERPARTS + 'وقال السفير السويدي إن السفارة ستفتح قنصلية جديدة.')
    assert quotes[-1].speaker.name != "إنغريد لوند"

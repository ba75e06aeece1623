"""Errors common to several annotation sets: a title variant tied to the person the article
named (a state's name for its adjective, a head with a glued ل, a registry role), and never to
a person of another state."""

from quotesupport import extract


def _speakers(quotes):
    return [(q.text, q.speaker.name) for q in quotes]


def test_an_ambassador_of_a_state_is_the_one_introduced_with_its_adjective(pipeline):
    quotes = extract(pipeline, "وكان سفير فرنسا في الأردن قد قال إن باريس ستزيد دعمها. "
                               "وأضاف السفير الفرنسي، جان دوبوا، أن الاتفاق سيوقع قريبا. "
                               "وقال سفير فرنسا في الأردن إن التعاون قوي.")
    assert [name for _, name in _speakers(quotes)] == ["جان دوبوا"] * 3


def test_a_deputy_title_shortens_one_whose_head_has_a_glued_lam(pipeline):
    quotes = extract(pipeline, "وكانت الوكالة قد نقلت عن النائب الأول لوزير الشؤون الخارجية، باك سونغ تشول، "
                               "قوله إن بلاده لن تتراجع. وقال نائب الوزير إن المفاوضات لن تبدأ قريبا.")
    assert _speakers(quotes)[-1] == ("المفاوضات لن تبدأ قريبا", "باك سونغ تشول")


def test_a_minister_of_another_state_is_not_the_one_named(pipeline):
    quotes = extract(pipeline, "أكد وزير الخارجية الأردني سامر الخطيب أن عمان تتابع التطورات. "
                               "وقال وزير الخارجية البرازيلي إن بلاده تدعم الحل السلمي.")
    assert _speakers(quotes)[-1] == ("بلاده تدعم الحل السلمي", "وزير الخارجية البرازيلي")


def test_a_minister_the_registry_knows_as_another_states_is_not_tied_to_a_qualified_title(pipeline):
    quotes = extract(pipeline, "قال وزير الخارجية عادل الجبير إن الحوار مستمر. "
                               "وقال وزير الخارجية الأمريكي إن العقوبات باقية.")
    assert _speakers(quotes) == [("الحوار مستمر", "عادل الجبير"), ("العقوبات باقية", "وزير الخارجية الأمريكي")]


def test_an_unknown_minister_introduced_without_a_state_still_takes_the_qualified_title(pipeline):
    quotes = extract(pipeline, "قال وزير الخارجية عمر السالمي إن الحوار مستمر. "
                               "وقال وزير الخارجية العماني إن العقوبات باقية.")
    assert [name for _, name in _speakers(quotes)] == ["عمر السالمي"] * 2


def test_a_qualified_short_title_is_the_named_person_the_registry_gives_that_role(pipeline):
    quotes = extract(pipeline, "ونقلت الوكالة عن النائب الأول لوزير الشؤون الخارجية، كيم كاي جوان، قوله إن القمة مهددة. "
                               "وقال نائب الوزير الكوري الشمالي إن الكرة في ملعب واشنطن.")
    assert quotes[-1].speaker.id == "kim_kye_gwan"

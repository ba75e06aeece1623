"""Round 21 of accuracy work on real articles: spokesmen. An indefinite spokesman for a
person's title is unnamed (the name after the title is that person's) and a later bare
"المتحدث" stands for him; a spokesman for another body is not the one named before, and
his title runs on through "في" + a place to his name."""

from quotesupport import extract


def test_a_name_after_an_indefinite_spokesmans_person_title_is_not_his(pipeline):
    quotes = extract(pipeline, 'قال متحدث باسم رئيس الوزراء الهولندي هانس كولمان إن هولندا ستشدد الرقابة على الحدود.')
    assert [q.speaker.name for q in quotes] == ["متحدث باسم رئيس الوزراء الهولندي هانس كولمان"]
    assert quotes[0].speaker.type != "person"


def test_a_definite_spokesman_before_a_name_is_still_that_person(pipeline):
    quotes = extract(pipeline, 'قال المتحدث باسم الحكومة يان فيسر إن الهجوم لن يغير سياسة البلاد.')
    assert [q.speaker.name for q in quotes] == ["يان فيسر"]


def test_a_bare_spokesman_epithet_stands_for_the_unnamed_spokesman_before(pipeline):
    quotes = extract(pipeline, 'قال متحدث باسم رئيس الوزراء الهولندي هانس كولمان إن هولندا ستشدد الرقابة. '
                               'وأكد المتحدث أن الحدود لن تغلق، لكنه أشار إلى أن الشرطة ستراجع المسافرين.\n'
                               'وقال المتحدث باسم الشرطة يوريس باكر، إن المحققين اعتقلوا ثلاثة أشخاص.')
    assert [q.speaker.name for q in quotes] == ["متحدث باسم رئيس الوزراء الهولندي هانس كولمان"] * 3 + ["يوريس باكر"]


def test_a_spokesman_for_another_body_is_not_the_one_named_before(pipeline):
    quotes = extract(pipeline, 'ونقلت الوكالة عن المتحدث باسم الحكومة يان فيسر قوله إن "الهجوم مدان". '
                               'وقال المتحدث باسم الشرطة في إقليم زيلاند، إن المحققين اعتقلوا ثلاثة أشخاص.')
    assert [q.speaker.name for q in quotes] == ["يان فيسر", "المتحدث باسم الشرطة في إقليم زيلاند"]


def test_a_spokesmans_title_runs_on_through_a_place_to_his_name(pipeline):
    quotes = extract(pipeline, 'وقال المتحدث باسم الشرطة في إقليم زيلاند يوريس باكر، إن المحققين اعتقلوا ثلاثة أشخاص، '
                               'موضحا أن التحقيق ما زال جاريا.')
    assert [q.speaker.name for q in quotes] == ["يوريس باكر", "يوريس باكر"]

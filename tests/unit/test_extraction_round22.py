"""Round 22 of accuracy work on real articles: what follows a whole title may be the verb's
object, not a name: a common noun in construct ("حالة الطوارئ"), a state joined by و to a
list of places ("الأوضاع في اليمن وسوريا")."""

from quotesupport import extract, only

INTRODUCED = "التقى رئيس الوزراء البلجيكي لوك فيرمولن وزير الخارجية الهولندي ماركو يانسن في بروكسل أمس.\n"
# more than an introduction's window between the object and the later title
FILLER = ("وأضاف الوزير أن منسوب نهر الميز ارتفع بأكثر من مترين خلال ليلة واحدة، وأن السلطات أجلت نحو "
          "ثلاثة آلاف من سكان القرى المحاذية للنهر إلى مدارس وقاعات رياضية في المدن القريبة.\n")


def test_a_common_noun_in_construct_after_a_title_is_the_object(pipeline):
    quotes = extract(pipeline, INTRODUCED + "وأعلن رئيس الوزراء البلجيكي حالة الطوارئ والحداد لمدة يومين في إقليم لييج.")
    q = quotes[-1]
    assert (q.cue.text, q.speaker.name) == ("أعلن", "لوك فيرمولن")
    assert q.text.startswith("حالة الطوارئ")


def test_a_title_after_such_an_object_stands_for_the_person_named_before(pipeline):
    quotes = extract(pipeline, INTRODUCED + "وأعلن رئيس الوزراء البلجيكي حالة الطوارئ في إقليم لييج.\n"
                               "وقال رئيس الوزراء البلجيكي إن فرق الإنقاذ ستواصل عملها.")
    assert [(q.cue.text, q.speaker.name) for q in quotes][-1] == ("قال", "لوك فيرمولن")


def test_a_state_joined_by_wa_after_a_titles_object_introduces_nobody(pipeline):
    quotes = extract(pipeline, INTRODUCED
                     + 'وقال وزير الداخلية أنطوان ديبري: "ناقشنا مع وزير الخارجية الهولندي الأوضاع في بلجيكا '
                       'وهولندا وتنسيق فرق الإغاثة على الحدود".\n'
                     + FILLER
                     + "وبدوره أشار وزير الخارجية الهولندي إلى أن بلاده سترسل مروحيات.")
    q = quotes[-1]
    assert (q.cue.text, q.speaker.name) == ("أشار", "ماركو يانسن")


def test_a_purpose_after_a_name_is_not_a_second_name(pipeline):
    # "لبحث" is ل + a verbal noun of purpose, not a first name written with ل like "ليلى"
    q = only(extract(pipeline, "وقال وزير الخارجية الهولندي ماركو يانسن لبحث آثار الفيضانات إن الوضع صعب."))
    assert (q.speaker.name, q.text) == ("ماركو يانسن", "الوضع صعب")

"""Constructions that recur across the corpus: a title head glued to the word next to it
by a missing space ("الوزيرالسوري"، "شون سبايسرالمتحدث باسم البيت الأبيض")."""

from quotesupport import extract


def test_a_title_head_glued_to_its_nationality_is_the_title(pipeline):
    quotes = extract(pipeline, 'قال وزير الزراعة المغربي كريم البناني إن الموسم الزراعي سيكون جيدا.\n'
                               'وأكد الوزيرالمغربي، أن الوزارة ستدعم صغار الفلاحين.')
    assert [(q.text, q.speaker.name) for q in quotes][-1] == ("الوزارة ستدعم صغار الفلاحين", "كريم البناني")


def test_a_name_glued_to_the_title_after_it_is_the_name(pipeline):
    quotes = extract(pipeline, 'وقالت سلمى بنعليالمتحدثة باسم وزارة الزراعة الأحد إن البرنامج سيشمل عشرة آلاف فلاح.\n'
                               'كما أضافت المتحدثة أن التسجيل يبدأ الشهر المقبل.')
    assert [q.speaker.name for q in quotes] == ["سلمى بنعلي", "سلمى بنعلي"]


def test_names_ending_in_a_title_word_stay_whole(pipeline):
    quotes = extract(pipeline, 'وقال عبدالملك الحوثي إن الجماعة لن تتراجع.')
    assert [q.speaker.mention for q in quotes] == ["عبدالملك الحوثي"]

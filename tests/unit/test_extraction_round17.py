"""Error patterns across the annotated sets: a role epithet that is not the last speaker,
"على لسان" qualifying a noun, and an adverb before a stance object (fixture 041)."""

from quotesupport import extract, only

SPOKESMAN = 'وقال يوسف العمري، المتحدث باسم الحكومة، إن الخطة ستبدأ في الربيع المقبل.\n'


def test_a_masculine_epithet_does_not_continue_a_woman(pipeline):
    quotes = extract(pipeline, SPOKESMAN + 'وقالت وزيرة المالية منى الحسيني إن الوزارة خصصت تمويلا كافيا. '
                                           'كما أضاف المتحدث أن الحكومة ستعرض الخطة على البرلمان.')
    assert [q.speaker.name for q in quotes] == ["يوسف العمري", "منى الحسيني", "يوسف العمري"]


def test_the_spokesman_epithet_does_not_continue_a_minister(pipeline):
    quotes = extract(pipeline, SPOKESMAN + 'وقال وزير النقل خالد الزعبي إن الحافلات ستصل قبل نهاية العام. '
                                           'وأضاف المتحدث أن أسعار التذاكر لن ترتفع.')
    assert [q.speaker.name for q in quotes] == ["يوسف العمري", "خالد الزعبي", "يوسف العمري"]


def test_the_spokesman_epithet_with_no_spokesman_named_stays_a_title(pipeline):
    quotes = extract(pipeline, 'وقال وزير النقل خالد الزعبي إن الحافلات ستصل قبل نهاية العام. '
                               'وأضاف المتحدث أن أسعار التذاكر لن ترتفع.')
    assert quotes[-1].speaker.name != "خالد الزعبي"


def test_an_epithet_still_continues_a_fitting_last_speaker(pipeline):
    quotes = extract(pipeline, 'وقال وزير النقل خالد الزعبي إن الحافلات ستصل قبل نهاية العام. '
                               'وأضاف الوزير أن أسعار التذاكر لن ترتفع.')
    assert [q.speaker.name for q in quotes] == ["خالد الزعبي", "خالد الزعبي"]


def test_ala_lisan_after_a_noun_quotes_nothing(pipeline):
    assert extract(pipeline, 'ودعا الحزب إلى تأجيل الخطة، وجاءت الدعوة على لسان الأمين العام للحزب سالم النجار '
                             'خلال مؤتمر صحفي.') == []
    assert extract(pipeline, 'ونشرت صفحات مجهولة تصريحات مفبركة على لسان الأمين العام للحزب سالم النجار.') == []


def test_ala_lisan_after_a_comma_quotes_what_came_before(pipeline):
    q = only(extract(pipeline, 'المشروع سيكلف أكثر مما أعلنته الحكومة، على لسان الخبير الاقتصادي رامي القاسم.'))
    assert (q.cue.text, q.speaker.name, q.text) == ("على لسان", "رامي القاسم", "المشروع سيكلف أكثر مما أعلنته الحكومة")


def test_ala_lisan_before_its_content_still_quotes_it(pipeline):
    q = only(extract(pipeline, 'وجاء على لسان الأمين العام للحزب سالم النجار أن الحزب لن يشارك في الانتخابات.'))
    assert q.text == "الحزب لن يشارك في الانتخابات"


def test_an_adverb_before_a_stance_object_keeps_it_a_stance(pipeline):
    assert extract(pipeline, 'وأعلن الأمين العام للحزب سالم النجار مجددا رغبته في الحوار مع الحكومة حول المشروع.') == []


def test_an_adverb_before_a_noun_object_is_not_its_content(pipeline):
    q = only(extract(pipeline, 'وأعلن وزير النقل خالد الزعبي أمس افتتاح خط حافلات جديد في العاصمة.'))
    assert q.text.startswith("افتتاح خط حافلات")

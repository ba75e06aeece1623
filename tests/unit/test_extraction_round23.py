"""Round 23 of accuracy work on real articles: a body's name in quote marks after its bare
head, quoted stretches joined by و after one cue, and a trailing source written with the
article's لل."""

from quotesupport import extract, only


def test_a_bodys_name_in_marks_after_its_head_is_the_speaker(pipeline):
    q = only(extract(pipeline, 'وقالت منظمة "أطباء الإغاثة" إن فرقها عالجت مئات المصابين في المخيمات.'))
    assert (q.speaker.name, q.speaker.type) == ("منظمة أطباء الإغاثة", "organization")
    assert q.speaker.mention == 'منظمة "أطباء الإغاثة"'
    assert q.text == "فرقها عالجت مئات المصابين في المخيمات"


def test_a_partys_name_in_marks_with_the_article_is_its_name(pipeline):
    q = only(extract(pipeline, 'وأكد حزب "النهضة الزراعية" أن الحكومة تأخرت في إرسال المساعدات.'))
    assert q.speaker.name == "حزب النهضة الزراعية"


def test_an_outlets_name_in_marks_is_shown_without_them(pipeline):
    q = only(extract(pipeline, 'وكتبت صحيفة "الأفق" أن البلدية تأخرت في تنظيف المجاري.'))
    assert q.speaker.name == "صحيفة الأفق"
    assert q.speaker.mention == 'صحيفة "الأفق"'
    # a body with the article names itself; its marks hold what it said
    q = only(extract(pipeline, 'وقالت الحكومة "لن نتراجع عن القرار".'))
    assert (q.speaker.name, q.kind, q.text) == ("الحكومة", "direct", "لن نتراجع عن القرار")


def test_quoted_stretches_joined_by_wa_are_one_statement(pipeline):
    quotes = extract(pipeline, 'وقال مدير الدفاع المدني عثمان الطيب إن الفرق أجلت ألفي شخص، مضيفا '
                               '"وصلنا إلى قرى معزولة"، و"السكان يحتاجون إلى الخيام ومياه الشرب".')
    assert [q.cue.text for q in quotes] == ["قال", "مضيفا"]
    assert quotes[1].text == 'وصلنا إلى قرى معزولة"، و"السكان يحتاجون إلى الخيام ومياه الشرب'
    assert quotes[1].speaker.name == "عثمان الطيب"
    # a cue of its own between the stretches still makes two statements
    quotes = extract(pipeline, 'وقال عثمان الطيب: "وصلنا إلى القرى"، وأضاف "السكان يحتاجون إلى الخيام".')
    assert [q.text for q in quotes] == ["وصلنا إلى القرى", "السكان يحتاجون إلى الخيام"]


def test_a_trailing_source_written_with_lam_lam_keeps_its_article(pipeline):
    q = only(extract(pipeline, 'وانهار أكثر من ثلاثة آلاف منزل في ولاية النيل الأزرق، وفقا للأمم المتحدة.'))
    assert q.speaker.name == "الأمم المتحدة"
    assert q.speaker.id is not None


def test_a_trailing_body_the_registry_knows_is_a_source(pipeline):
    q = only(extract(pipeline, 'وارتفع عدد الوفيات إلى سبعة وأربعين شخصا، بحسب الصليب الأحمر.'))
    assert q.speaker.name == "اللجنة الدولية للصليب الأحمر"
    assert q.text == "وارتفع عدد الوفيات إلى سبعة وأربعين شخصا"
    # a noun nobody is named by is still no source
    assert extract(pipeline, 'وتتحرك القوات ببطء في المنطقة، وفقا لقواعد الاشتباك.') == []


def test_a_statement_of_a_body_written_with_lam_lam_names_the_body(pipeline):
    q = only(extract(pipeline, 'وذكر بيان للخارجية الروسية: "لن نقبل بذلك".'))
    assert q.speaker.name == "الخارجية الروسية"

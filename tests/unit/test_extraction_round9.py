"""Round 9 of accuracy work on real articles: titles that stand for the person the article
names with them."""

from quotesupport import extract, only


def test_a_title_before_a_name_with_the_article_stands_for_that_person(pipeline):
    quotes = extract(pipeline, "أكد رئيس الحكومة المنصف الزغل أن الميزانية جاهزة. "
                               "وأضاف رئيس الحكومة أن المشاريع بدأت فعلا في الجهات.")
    assert [q.speaker.name for q in quotes] == ["المنصف الزغل", "المنصف الزغل"]


def test_a_title_ending_in_a_dual_is_no_name(pipeline):
    q = only(extract(pipeline, "قال نائب خادم الحرمين الشريفين إن المملكة ستبقى آمنة."))
    assert q.speaker.name != "الحرمين الشريفين"

"""Round 10 of accuracy work on real articles: a bare definite body or outlet noun
("الصحيفة", "الحزب") stands for the latest body of that kind its segment named."""

from quotesupport import extract


def test_the_paper_is_the_paper_the_segment_named(pipeline):
    quotes = extract(pipeline, 'تحدثت صحيفة "الأفق" عن تراجع الزوار. '
                               'وكتبت الصحيفة في افتتاحيتها "على المجلس أن يراجع خطته".')
    assert [q.speaker.name.replace('"', "") for q in quotes] == ["صحيفة الأفق"]


def test_the_party_is_the_latest_party_named(pipeline):
    quotes = extract(pipeline, "ودعا حزب النور، في بيان، الحكومة إلى الحوار. ودعا حزب الوسط، في بيان، "
                               "رئيس البلدية إلى مواصلة المشروع. واعتبر الحزب أن المشروع سيوفر الوظائف.")
    assert [q.speaker.name for q in quotes] == ["حزب الوسط"]


def test_a_bare_body_noun_no_body_of_its_kind_introduced_stays_itself(pipeline):
    quotes = extract(pipeline, "ودعت صحيفة الأفق إلى الحوار. واعتبر الحزب أن المشروع سيوفر الوظائف.")
    assert [q.speaker.name for q in quotes] == ["الحزب"]


def test_a_paper_named_only_later_is_not_the_paper(pipeline):
    quotes = extract(pipeline, "وكتبت الصحيفة أن المشروع سيوفر الوظائف. ونقلت صحيفة الأفق عن مصادر أن الحوار توقف.")
    assert quotes[0].speaker.name == "الصحيفة"


def test_a_cue_noun_after_without_is_no_statement(pipeline):
    quotes = extract(pipeline, "ونشرت المواقع مقاطع من المقابلة دون ذكر حقيقة أن الهدف كان عسكريا.")
    assert quotes == []

"""One behaviour a test: patterns from the seventh accuracy round, on short articles."""

from __future__ import annotations

from extractors.cues import agreements
from extractors.resources import cue_entries
from extractors.types import Quote
from quotesupport import extract


def by_cue(quotes: list[Quote], cue: str) -> Quote:
    found = [q for q in quotes if q.cue.text == cue]
    assert len(found) == 1, [(q.cue.text, q.text) for q in quotes]
    return found[0]


def test_cue_forms_tell_their_agreement():
    told = {e.lemma: agreements(e) for e in cue_entries()}
    assert told["قال"]["قالت"] == "f" and told["قال"]["قال"] == "m" and told["قال"]["قالوا"] == "p"
    assert told["قال"]["تقول"] == "f" and told["قال"]["يقولون"] == "p"
    assert told["رأى"]["رات"] == "f" and told["مضيفا"]["مضيفه"] == "f" and told["طالب"]["طالبت"] == "f"
    assert told["لفت"]["لفت"] == "m"  # its own ت is no feminine


def test_a_feminine_cue_continues_the_woman_not_the_man_named_after_her(pipeline):
    quotes = extract(
        pipeline,
        "قالت وزيرة التجارة هالة برهومي إن الصادرات ارتفعت هذا العام. وقال رئيس الغرفة التجارية "
        "منير الساحلي إن المصدرين ينتظرون تسهيلات جديدة. وأضافت أن الحكومة ستفتح أسواقا جديدة في أفريقيا.",
    )
    assert by_cue(quotes, "أضافت").speaker.name == "هالة برهومي"


def test_a_masculine_cue_skips_a_woman_back_to_the_man(pipeline):
    quotes = extract(
        pipeline,
        "قال وزير النقل رضا الشابي إن الخط الجديد يفتح في الصيف. وقالت المتحدثة باسم الشركة سناء بوعزيز "
        "إن القطارات وصلت. وأضاف أن الأسعار لن ترتفع هذا العام.",
    )
    assert by_cue(quotes, "أضاف").speaker.name == "رضا الشابي"


def test_a_feminine_cue_takes_a_woman_its_sentence_reports(pipeline):
    quotes = extract(
        pipeline,
        "وذكر الوزير نبيل العامري أن مريم الصغير اتصلت به بعد الإفراج عنها، وقالت إنها بصحة جيدة وستعود قريبا.",
    )
    assert by_cue(quotes, "قالت").speaker.name == "مريم الصغير"


def test_a_plural_cue_does_not_continue_one_named_man(pipeline):
    quotes = extract(
        pipeline,
        "قال المحلل سمير الدباغ إن الأسواق هادئة. وطالب مسؤولون في النقابة بمراجعة الأجور، "
        "ويقولون إن الأسعار ارتفعت كثيرا.",
    )
    assert by_cue(quotes, "يقولون").speaker.name != "سمير الدباغ"


def test_a_masculine_statement_subject_tells_nothing_about_its_speaker(pipeline):
    quotes = extract(
        pipeline,
        "قال المتحدث باسم الحكومة علي الحاج إن التحقيق مستمر.\nودانت حركة النهضة الهجوم وقالت إن "
        "\"المنفذين سيحاسبون\".\nوتابع البيان \"كما أن الحركة تطالب بتحقيق عاجل وشفاف في الحادث\".",
    )
    assert by_cue(quotes, "تابع").speaker.name.startswith("حركة النهضة")


def test_reminding_participle_ends_the_content_before_it_and_quotes(pipeline):
    quotes = extract(
        pipeline,
        "وذكر وزير الخارجية نبيل العامري أن بلاده كانت أول من أُبلغ بالإفراج، مذكرا بأن الوزارة تابعت الملف منذ يومه الأول.",
    )
    assert by_cue(quotes, "ذكر").text == "بلاده كانت أول من أُبلغ بالإفراج"
    assert by_cue(quotes, "مذكرا").text == "الوزارة تابعت الملف منذ يومه الأول"


def test_quoted_content_ends_before_a_relative_clause_with_its_own_cue(pipeline):
    q = by_cue(extract(
        pipeline,
        'وبخصوص ملف المياه، شدد الوزير نبيل العامري، على أن "السدود ممتلئة هذا العام" بخصوص الموسم الفلاحي، '
        "الذي أكد أنه سيكون جيدا.",
    ), "شدد")
    assert q.text.endswith("بخصوص الموسم الفلاحي")


def test_indirect_content_keeps_a_relative_clause_about_its_words(pipeline):
    q = by_cue(extract(
        pipeline,
        "وأوضح النائب فريد الزين أن الحكومة مررت قانون المالية لسنة 2017، الذي قال \"إنه دون المستوى المطلوب\".",
    ), "أوضح")
    assert "دون المستوى" in q.text

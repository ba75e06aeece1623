"""Article structure: dates, headline, glued-on related articles, boilerplate and credit lines."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.segment import Structure, StructureReader, _lines


@pytest.fixture(scope="module")
def reader() -> StructureReader:
    return StructureReader()


def block_texts(text: str, structure: Structure, *, headlines: bool = False) -> list[str]:
    return [text[b.start : b.end] for b in structure.blocks if headlines or not b.is_headline]


def all_block_text(text: str, structure: Structure) -> str:
    return "\n".join(block_texts(text, structure, headlines=True))


# -- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("تاريخ النشر: 12th, November 2023 GMT", "2023-11-12"),
        ("الخميس، 05 مايو 2022 12:35 م", "2022-05-05"),
        ("نوفمبر 10, 2023آخر تحديث: نوفمبر 10, 2023", "2023-11-10"),
        ("تاريخ النشر: 1st, March 2024 GMT", "2024-03-01"),
        ("السبت، 21 أكتوبر 2023 09:10 ص", "2023-10-21"),
        ("يناير 3, 2024آخر تحديث: يناير 4, 2024", "2024-01-03"),
    ],
)
def test_printed_dates_parse_to_iso(reader: StructureReader, line: str, iso: str) -> None:
    assert reader.parse_date(line) == iso


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        # two calendars' names for one month (BBC, France 24, CNN)
        ("14 يونيو/ حزيران 2018", "2018-06-14"),
        ("الخميس 14 حزيران/يونيو 2018", "2018-06-14"),
        ("نشر في 3 كانون الثاني/يناير 2019", "2019-01-03"),
        # Levantine names as often typed: no hamza or madda, no article
        ("14 اذار 2018", "2018-03-14"),
        ("السبت 5 ايار 2018", "2018-05-05"),
        ("5 اب 2018", "2018-08-05"),
        ("1 تشرين ثاني 2018", "2018-11-01"),
        ("1 كانون ثاني 2018", "2018-01-01"),
        # Tunisian/Algerian and Moroccan names
        ("الجمعة 22 جانفي 2016 - 10:31", "2016-01-22"),
        ("26 اوت 2016", "2016-08-26"),
        ("12 فيفرى 2017", "2017-02-12"),
        ("14 غشت 2017", "2017-08-14"),
        ("13 شتنبر 2016", "2016-09-13"),
        ("5 نونبر 2016", "2016-11-05"),
        ("12 دجنبر 2017", "2017-12-12"),
        ("30 يوليوز 2017", "2017-07-30"),
        # English abbreviations and ordinals, dotted numeric dates
        ("Jun 14, 2018", "2018-06-14"),
        ("14 Sept. 2018", "2018-09-14"),
        ("June 14th, 2018", "2018-06-14"),
        ("14.06.2018", "2018-06-14"),
    ],
)
def test_month_names_in_every_regional_form(reader: StructureReader, line: str, iso: str) -> None:
    assert reader.parse_date(line) == iso


def test_a_date_line_with_two_month_names_is_the_published_date(reader: StructureReader) -> None:
    text = "الرئيس يدعو إلى الحوار\n14 يونيو/ حزيران 2018\nقال الرئيس إن الحوار هو الطريق الوحيد.\n"
    structure = reader.read(text)
    assert structure.published == "2018-06-14"
    assert block_texts(text, structure) == ["قال الرئيس إن الحوار هو الطريق الوحيد."]


@pytest.mark.parametrize(
    "line", ["قال الوزير إن الخطة جاهزة", "الخميس، 31 فبراير 2023", "", "12:35 م", "25 شوال 1436 هـ", "14.06-2018"]
)
def test_lines_without_a_valid_date_give_none(reader: StructureReader, line: str) -> None:
    assert reader.parse_date(line) is None


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("تاريخ النشر: 12th, November 2023 GMT", "2023-11-12"),
        ("الخميس، 05 مايو 2022 12:35 م", "2022-05-05"),
        ("نوفمبر 10, 2023آخر تحديث: نوفمبر 10, 2023", "2023-11-10"),
    ],
)
def test_date_line_under_headline_is_the_published_date_and_not_text(
    reader: StructureReader, line: str, iso: str
) -> None:
    text = f"الحكومة تعلن خطة جديدة\n{line}\nقال الوزير إن الخطة جاهزة.\n"
    structure = reader.read(text)
    assert structure.published == iso
    assert block_texts(text, structure) == ["قال الوزير إن الخطة جاهزة."]


def test_article_without_date_has_no_published(reader: StructureReader) -> None:
    structure = reader.read("عنوان\nقال الوزير إن الخطة جاهزة.\n")
    assert structure.published is None


def test_short_body_sentence_with_a_date_is_still_read(reader: StructureReader) -> None:
    text = (
        "الحكومة تعلن خطة جديدة\n"
        "الخميس، 05 مايو 2022 12:35 م\n"
        "أعلنت الحكومة اليوم عن خطة لدعم المزارعين في المناطق الريفية.\n"
        "وقال الوزير يوم 12 مايو 2022 إن الاتفاق سيوقع قريبا.\n"
    )
    structure = reader.read(text)
    assert structure.published == "2022-05-05"
    assert "وقال الوزير يوم 12 مايو 2022 إن الاتفاق سيوقع قريبا." in block_texts(text, structure)


# -- headline and segments ----------------------------------------------------------------


def test_headline_is_the_first_non_empty_line(reader: StructureReader) -> None:
    text = "\n  \n\r\n   الرئيس يستقبل وفدا برلمانيا  \r\nقال الرئيس إن اللقاء مثمر.\r\n"
    structure = reader.read(text)
    assert structure.headline == "الرئيس يستقبل وفدا برلمانيا"
    assert text[structure.headline_start :].startswith("الرئيس يستقبل")
    first = structure.blocks[0]
    assert first.is_headline and text[first.start : first.end] == "الرئيس يستقبل وفدا برلمانيا"
    assert block_texts(text, structure) == ["قال الرئيس إن اللقاء مثمر."]


def test_empty_and_blank_text(reader: StructureReader) -> None:
    for text in ("", "\n\n  \r\n"):
        structure = reader.read(text)
        assert structure.headline is None
        assert structure.blocks == []
        assert [s.kind for s in structure.segments] == ["main"]


@pytest.mark.parametrize("marker", ["إقرأ أيضاً:", "اقرأ أيضا:", "إقرأ أيضاً", "اقرأ أيضًا :"])
def test_read_also_opens_a_related_segment_whose_next_line_is_its_headline(
    reader: StructureReader, marker: str
) -> None:
    text = (
        "الوزير يزور المدينة\n"
        "قال الوزير إن الزيارة ناجحة.\n"
        f"{marker}\n"
        "\n"
        "افتتاح مستشفى جديد في العاصمة\n"
        "قالت المديرة إن المستشفى سيفتح أبوابه غدا.\n"
    )
    structure = reader.read(text)
    assert [s.kind for s in structure.segments] == ["main", "related"]
    main, related = structure.segments
    assert main.start == 0 and main.end == related.start == text.index(marker)
    assert related.end == len(text)
    assert structure.headline == "الوزير يزور المدينة"  # the article's own headline stays
    by_segment = [(b.segment, b.is_headline, text[b.start : b.end]) for b in structure.blocks]
    assert by_segment == [
        (0, True, "الوزير يزور المدينة"),
        (0, False, "قال الوزير إن الزيارة ناجحة."),
        (1, True, "افتتاح مستشفى جديد في العاصمة"),
        (1, False, "قالت المديرة إن المستشفى سيفتح أبوابه غدا."),
    ]
    assert marker.strip() not in all_block_text(text, structure)


def test_several_related_articles_each_get_a_segment(reader: StructureReader) -> None:
    text = (
        "عنوان أول\nنص أول.\n"
        "إقرأ أيضاً:\nعنوان ثان\nنص ثان.\n"
        "اقرأ أيضا:\nعنوان ثالث\nنص ثالث.\n"
    )
    structure = reader.read(text)
    assert [s.kind for s in structure.segments] == ["main", "related", "related"]
    headlines = [(b.segment, text[b.start : b.end]) for b in structure.blocks if b.is_headline]
    assert headlines == [(0, "عنوان أول"), (1, "عنوان ثان"), (2, "عنوان ثالث")]
    ends = [s.end for s in structure.segments]
    starts = [s.start for s in structure.segments]
    assert starts[1:] == ends[:-1]


def test_read_also_inside_a_sentence_is_not_a_marker(reader: StructureReader) -> None:
    text = "عنوان\nقال الكاتب: إقرأ أيضاً ما كتبه الآخرون في هذا الشأن.\n"
    structure = reader.read(text)
    assert [s.kind for s in structure.segments] == ["main"]
    assert block_texts(text, structure) == ["قال الكاتب: إقرأ أيضاً ما كتبه الآخرون في هذا الشأن."]


# -- boilerplate ----------------------------------------------------------------------------

BODY = "وأوضح المتحدث أن اللجنة ستجتمع الأسبوع المقبل لمناقشة المقترحات المقدمة من الأعضاء."


@pytest.mark.parametrize(
    "line",
    [
        "كلمات دلالية: الحكومة، البرلمان، الانتخابات",
        "مشاركة",
        "اضف تعليقاً واقرأ تعليقات القراء",
        "https://example.com/news/2023/11/article-123",
        "www.example.com/ar/page",
        "الانتخابات المقبلة ستكون حاسمة https://t.co/AbCdEf123",
        "نص تغريدة عن الاجتماع pic.twitter.com/xyz987",
    ],
)
def test_boilerplate_lines_produce_no_blocks(reader: StructureReader, line: str) -> None:
    text = f"عنوان الخبر\n{BODY}\n{line}\n{BODY}\n"
    structure = reader.read(text)
    assert block_texts(text, structure) == [BODY, BODY]


@pytest.mark.parametrize("line", ["عين اليوم – الرياض", "عين اليوم - جدة", "عين اليوم — المدينة المنورة"])
def test_an_outlets_own_byline_is_not_text_and_not_a_credit(reader: StructureReader, line: str) -> None:
    text = f"عنوان الخبر\n\n{line}\n{BODY}\n"
    structure = reader.read(text)
    assert block_texts(text, structure) == [BODY]
    assert structure.credit is None  # the outlet credits no agency


def test_the_outlets_name_inside_a_sentence_is_text(reader: StructureReader) -> None:
    line = "عين اليوم – الرياض نشرت الخبر أولا ثم تناقلته المواقع."
    text = f"عنوان الخبر\n{BODY}\n{line}\n"
    assert block_texts(text, reader.read(text)) == [BODY, line]


def test_a_link_inside_a_sentence_does_not_drop_the_sentence(reader: StructureReader) -> None:
    line = "وقال المتحدث إن التفاصيل منشورة على الموقع https://example.com/report في وقت لاحق."
    text = f"عنوان الخبر\n{BODY}\n{line}\n"
    assert block_texts(text, reader.read(text)) == [BODY, line]


def test_tweet_credit_keeps_only_the_text_glued_after_the_date(reader: StructureReader) -> None:
    glued = "وأضاف الوزير أن الاجتماع كان ناجحا جدا وأن الطرفين اتفقا على مواصلة الحوار في الأسابيع المقبلة."
    line = f"— سامي خليل (@sami_khalil) November 1, 2023{glued}"
    text = f"عنوان الخبر\n{BODY}\n{line}\n"
    structure = reader.read(text)
    assert block_texts(text, structure) == [BODY, glued]
    block = structure.blocks[-1]
    assert block.start == text.index(glued) and block.end == text.index(glued) + len(glued)


def test_tweet_credit_with_nothing_glued_produces_no_block(reader: StructureReader) -> None:
    text = f"عنوان الخبر\n{BODY}\n— سامي خليل (@sami_khalil) November 1, 2023\n{BODY}\n"
    assert block_texts(text, reader.read(text)) == [BODY, BODY]


def test_short_text_glued_after_a_tweet_credit_is_kept(reader: StructureReader) -> None:
    glued = "وأضاف أن الاجتماع ناجح."
    text = f"عنوان الخبر\n{BODY}\n— سامي خليل (@sami_khalil) November 1, 2023{glued}\n"
    assert block_texts(text, reader.read(text)) == [BODY, glued]


# -- other articles' headlines between paragraphs ---------------------------------------------


@pytest.mark.parametrize(
    "teaser",
    [
        "لافروف: موسكو مستعدة لاستضافة محادثات بين الأطراف السودانية",
        'صحيفة الغارديان: "المجاعة تطرق أبواب دارفور"',
        "وزير الخارجية الفرنسي: لا حل عسكريا للنزاع",
    ],
)
def test_a_headline_between_paragraphs_is_not_text(reader: StructureReader, teaser: str) -> None:
    text = f"عنوان الخبر\n{BODY}\n{teaser}\n{BODY}\n"
    structure = reader.read(text)
    assert block_texts(text, structure) == [BODY, BODY]
    assert [s.kind for s in structure.segments] == ["main"]


@pytest.mark.parametrize(
    "line",
    [
        "وأضاف: نحتاج إلى ممرات آمنة لإيصال الغذاء والدواء",  # a cue before the colon
        "وقال الوزير: نحن مستعدون للحوار مع الجميع",
        "لافروف: موسكو مستعدة لاستضافة محادثات بين الأطراف.",  # a sentence
        "وتابع الناطق أن الوفد سيصل غدا: الأربعاء أو الخميس على الأكثر",  # 5+ words before the colon
        "مخاوف من المجاعة",  # a subhead
    ],
)
def test_body_lines_that_only_look_like_a_headline_stay_text(reader: StructureReader, line: str) -> None:
    text = f"عنوان الخبر\n{BODY}\n{line}\n{BODY}\n"
    assert block_texts(text, reader.read(text)) == [BODY, line, BODY]


def test_the_first_paragraph_and_related_segments_keep_headline_lines(reader: StructureReader) -> None:
    caption = "لافروف: الغرب يحاول جر آسيا الوسطى لمواجهة مع روسيا وزير الخارجية سيرغي لافروف"
    teaser = "بوتين: العلاقات مع آسيا الوسطى أولوية لروسيا"
    text = f"لافروف: الغرب يحاول جر آسيا الوسطى لمواجهة\n{caption}\n{BODY}\nإقرأ أيضاً:\nعنوان آخر\n{BODY}\n{teaser}\n"
    structure = reader.read(text)
    assert block_texts(text, structure) == [caption, BODY, BODY, teaser]


# -- credit lines ---------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["المصدر: وكالة الأنباء الوطنية", "أ.ش.أ", "موسكو-سانا", "القاهرة - أ.ش.أ", "رويترز"])
def test_credit_lines_are_recorded_and_not_read(reader: StructureReader, line: str) -> None:
    text = f"عنوان الخبر\n{BODY}\n{line}\n"
    structure = reader.read(text)
    assert structure.credit == line
    assert block_texts(text, structure) == [BODY]


def test_city_dash_spaced_agency_is_a_credit_line(reader: StructureReader) -> None:
    text = f"عنوان الخبر\n{BODY}\nالقاهرة - أ ش أ\n"
    structure = reader.read(text)
    assert structure.credit == "القاهرة - أ ش أ"
    assert block_texts(text, structure) == [BODY]


def test_first_credit_line_is_kept(reader: StructureReader) -> None:
    text = f"عنوان الخبر\n{BODY}\nالمصدر: صحيفة محلية\nأ.ش.أ\n"
    assert reader.read(text).credit == "المصدر: صحيفة محلية"


def test_blocks_are_stripped_spans_of_the_original_text(reader: StructureReader) -> None:
    text = "  عنوان الخبر \r\n\t" + BODY + "  \r\n\r\n" + BODY + "\r\n"
    structure = reader.read(text)
    for b in structure.blocks:
        span = text[b.start : b.end]
        assert span == span.strip() and span
        assert "\r" not in span and "\n" not in span
    assert block_texts(text, structure) == [BODY, BODY]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="قال a \t\r\n\u00a0\u2028\x0b\x0c\x85", max_size=40))
def test_lines_are_the_stripped_runs_between_line_breaks(text: str) -> None:
    runs = re.finditer(r"[^\r\n]+", text)
    expected = [(m.start() + len(m[0]) - len(m[0].lstrip()), m[0].strip()) for m in runs if not m[0].isspace()]
    assert _lines(text) == expected

"""Round 11 of accuracy work on real articles: a quote whose sentence goes on after its
closing mark runs to the sentence end (a mixed quote), unless the tail is the writer's own."""

from quotesupport import extract, only


def test_a_quote_resumed_after_a_paraphrase_runs_to_the_last_mark(pipeline):
    q = only(extract(pipeline, 'وقال الوزير: "نعتقد أن الفلاحين فهموا الطابع العاجل" لعملية إصلاح الري '
                               'وبأنه "يتعين علينا إنجازها سريعا".'))
    assert q.kind == "mixed"
    assert q.text.startswith("نعتقد") and q.text.rstrip('"').endswith("إنجازها سريعا")


def test_a_quote_finished_by_a_word_outside_its_marks(pipeline):
    q = extract(pipeline, 'قال الوزير فؤاد الحمامي إن الموسم جيد. وحذر الحمامي التجار قائلا: "لا تحتكروا" البذور.')[-1]
    assert (q.kind, q.text) == ("mixed", 'لا تحتكروا" البذور')


def test_a_long_tail_of_the_writers_own_is_not_the_quote(pipeline):
    q = only(extract(pipeline, 'وقال الوزير: "سنراقب الأسواق كل أسبوع" في بيان نشرته الوزارة على موقعها '
                               'بعد اجتماع مطول مع ممثلي الفلاحين.'))
    assert (q.kind, q.text) == ("direct", "سنراقب الأسواق كل أسبوع")


def test_a_quote_ended_by_a_comma_stays_direct(pipeline):
    quotes = extract(pipeline, 'وقال الوزير: "سنراقب الأسواق"، مضيفا أن الأسعار ستنخفض.')
    assert [(q.kind, q.text) for q in quotes][0] == ("direct", "سنراقب الأسواق")


def test_the_tail_stops_at_the_next_cue(pipeline):
    quotes = extract(pipeline, 'قال الوزير: "سنراقب الأسواق" وأكد أن الأسعار ستنخفض.')
    assert [q.text for q in quotes] == ["سنراقب الأسواق", "الأسعار ستنخفض"]

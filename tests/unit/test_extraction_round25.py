"""Round 25: «وزاد:» continuing the last speaker, a name after a title's relative clause,
an unnamed title named in the next sentence, «أخبر X Y بأن», and topic-label headlines."""

from __future__ import annotations

from quotesupport import extract


def test_wazad_with_a_colon_continues_the_last_speaker(pipeline):
    quotes = extract(
        pipeline,
        "قال المبعوث الأممي طارق الحسيني إن المفاوضات ستستأنف.\n"
        "وأضاف المبعوث: الأمر المقلق أن نصف السكان جائعون، وزاد: هناك مئة ألف نازح في المخيمات.\n"
        "وزاد عدد النازحين خلال الأسبوع الماضي.",
    )
    assert [(q.cue.text, q.text, q.speaker.name) for q in quotes[1:]] == [
        ("أضاف", "الأمر المقلق أن نصف السكان جائعون", "طارق الحسيني"),
        ("زاد", "هناك مئة ألف نازح في المخيمات", "طارق الحسيني"),
    ]

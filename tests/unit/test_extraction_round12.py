"""Round 12 of accuracy work on real articles: a cue in a clause that describes the noun
before it ("ملوحا بقطعة قال إنها ...", "في تغريدة قال فيها: ...") quotes the sentence's
subject; a past cue with its own subject before its own أن is a statement of its own."""

from quotesupport import extract, only


def test_a_cue_describing_an_indefinite_noun_quotes_the_sentence_subject(pipeline):
    q = only(extract(pipeline, "عرض وزير المياه كمال الدريدي أمام النواب صورا جوية يقول إنها تظهر ارتفاع منسوب السدود."))
    assert (q.speaker.name, q.text) == ("كمال الدريدي", "تظهر ارتفاع منسوب السدود")


def test_a_past_cue_after_a_noun_with_a_resumptive_complementiser(pipeline):
    q = extract(pipeline, "قال وزير المياه كمال الدريدي إن السدود ستمتلئ. ولوح الدريدي بخريطة قال إنها تحدد مواقع الآبار الجديدة.")[-1]
    assert (q.cue.text, q.speaker.name, q.text) == ("قال", "كمال الدريدي", "تحدد مواقع الآبار الجديدة")


def test_a_cue_taking_up_a_statement_with_fiha_quotes_its_marks(pipeline):
    q = only(extract(pipeline, 'ونشر وزير المياه كمال الدريدي تدوينة على فيسبوك قال فيها: "لن نترك أي قرية دون ماء".'))
    assert (q.kind, q.speaker.name, q.text) == ("direct", "كمال الدريدي", "لن نترك أي قرية دون ماء")


def test_a_definite_noun_before_the_cue_keeps_it_inside_the_content(pipeline):
    q = only(extract(pipeline, "وأكد الوزير أن بلاده ترى أنها قادرة على الرد."))
    assert q.text == "بلاده ترى أنها قادرة على الرد"


def test_a_cue_with_its_own_subject_and_complementiser_after_another_an(pipeline):
    q = only(extract(pipeline, "وتفحص الوزارة ما يشتبه بأنه تسرب كبير السبت قالت جمعيات فلاحية إنه أتلف محاصيل العائلات."))
    assert (q.speaker.name, q.text) == ("جمعيات فلاحية", "أتلف محاصيل العائلات")


def test_a_cue_word_inside_content_with_no_complementiser_of_its_own_stays_content(pipeline):
    q = only(extract(pipeline, "وشدد الوزير على أن بلاده لا تطلب من أحد أن يختار بينها وبين الآخرين، لكنها لن تقبل أن تتحول المنطقة إلى ساحة."))
    assert q.text.endswith("تتحول المنطقة إلى ساحة")


def test_an_agency_relaying_with_naqlan_an_gives_one_quote_of_the_relayed_person(pipeline):
    q = only(extract(pipeline, 'وقالت وكالة الأنباء الرسمية، نقلا عن المدير العام للسدود، هشام العبيدي، '
                               'إن نسبة امتلاء السدود "بلغت 70 في المئة".'))
    assert (q.speaker.name, q.source) == ("هشام العبيدي", "وكالة الأنباء الرسمية")
    assert q.text == 'نسبة امتلاء السدود "بلغت 70 في المئة"'


def test_media_reporting_that_someone_said_relay_that_someone(pipeline):
    q = only(extract(pipeline, "وذكرت وسائل إعلام محلية، الخميس، أن نقابة الفلاحين قالت إنها ستطالب بتعويضات عن الأضرار."))
    assert (q.speaker.name, q.source, q.text) == ("نقابة الفلاحين", "وسائل إعلام محلية", "ستطالب بتعويضات عن الأضرار")


def test_an_agency_stating_something_itself_still_speaks(pipeline):
    q = only(extract(pipeline, "وذكرت وكالة الأنباء الرسمية أن نقابة الفلاحين تستعد لإضراب عام."))
    assert (q.speaker.name, q.text) == ("وكالة الأنباء الرسمية", "نقابة الفلاحين تستعد لإضراب عام")

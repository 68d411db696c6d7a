"""Speaker attribution: each minuted pattern, the negatives (no attribution beats a wrong one),
people linking, interview items, and what it finds on the real pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler import speakers
from crawler.attribution import attribute_item
from crawler.names import name_key
from crawler.people import people_index
from crawler.platforms import moderngov
from crawler.records import Item, Member, Paragraph, Speaker
from crawler.speakers import attribute
from tests.realcorpus import real_page

# The examples' untitled names are people their items introduce ("Haitham Ahmed, consultant
# gynaecologist"): attribute() is told so, as attribute_item tells it (issue 21: an untitled name
# is a person only with evidence).
KNOWN = frozenset({"haitham ahmed", "carolyn mcvittie"})


def who(text: str, **kw) -> list[tuple[str, str, str]]:
    kw.setdefault("known", KNOWN)
    return [(s.name, s.role, s.how) for s in attribute(text, **kw)]


@pytest.mark.parametrize("text, expected", [
    ("Councillor Bass declared an interest in relation to agenda 9.",
     [("Councillor Bass", "member", "declared")]),
    ("Cllr Okafor asked whether the scheme was funded.", [("Councillor Okafor", "member", "asked")]),
    ("Cllr. Okafor queried the cost.", [("Councillor Okafor", "member", "queried")]),
    ("Mr Heckel introduced himself as the owner.", [("Mr Heckel", "", "introduced")]),
    ("Mrs Patel, a local resident, spoke against the application.", [("Mrs Patel", "public", "spoke")]),
    ("Mr Jones (objector) addressed the Sub-Committee.", [("Mr Jones", "public", "addressed")]),
    ("The Chair thanked everyone for attending.", [("The Chair", "chair", "thanked")]),
    ("The chair welcomed the presenters:", [("The Chair", "chair", "welcomed")]),
    ("Haitham Ahmed explained that menopause marks the end of the reproductive life cycle.",
     [("Haitham Ahmed", "", "explained")]),
    ("Dr Beth Jones presented data showing a 22% national increase.", [("Dr Beth Jones", "", "presented")]),
    ("The Cabinet Member for Highways said that the works would start in May.",
     [("The Cabinet Member for Highways", "member", "said")]),
    ("The Head of Highways and Transport explained the programme.",
     [("The Head of Highways and Transport", "officer", "explained")]),
    ("The Licensing Officer reported that no representations had been withdrawn.",
     [("The Licensing Officer", "officer", "reported")]),
    ("Ms Ng, Director of Place, responded that funding was secured.", [("Ms Ng", "officer", "responded")]),
    ("The applicant's agent said the hours would be reduced.",
     [("The Applicant's Agent", "public", "said")]),
    ("Councillor N J D Chard moved the recommendation, seconded by Councillor Smith.",
     [("Councillor Chard", "mover", "moved"), ("Councillor Smith", "seconder", "seconded")]),
    ("A proposal was made by the Chair to defer the decision. The proposal was seconded by "
     "Councillor Sadr-Hashemi, voted on and carried.",
     [("The Chair", "mover", "proposed"), ("Councillor Sadr-Hashemi", "seconder", "seconded")]),
    ("In response to a question from Councillor Hayes, the licensing officer explained the conditions.",
     [("Councillor Hayes", "member", "asked"), ("The Licensing Officer", "officer", "explained")]),
    ("Haitham Ahmed and Dr Beth Jones described the resources.",
     [("Haitham Ahmed", "", "described"), ("Dr Beth Jones", "", "described")]),
    ("Haitham Ahmed, consultant gynaecologist, provided a comprehensive overview of menopause, "
     "followed by Dr Beth Jones who gave an overview of local practice.",
     [("Haitham Ahmed", "", "presented"), ("Dr Beth Jones", "", "presented")]),
    ("With the agreement of the Committee, Councillor Giles spoke under procedural rule 27.",
     [("Councillor Giles", "member", "spoke")]),
    ("Councillor Bass's question was answered by the Director of Place.",
     [("The Director of Place", "officer", "answered")]),
    ("Councillor O'Brien-Smith replied that she would.", [("Councillor O'Brien-Smith", "member", "replied")]),
    ("The Chair thanked Councillor Bass, who explained that the item had been deferred.",
     [("The Chair", "chair", "thanked"), ("Councillor Bass", "member", "explained")]),
    # Two-part appositions; the job title inside is not a second speaker.
    ("Mr Anton Heckel, Managing Director, Dalebrook Homecare Ltd, said that staff were scarce.",
     [("Mr Anton Heckel", "", "said")]),
    ("Sergeant Mike Dunne, Licensing Officer, Harrowdale Police, said there had been incidents.",
     [("Sergeant Mike Dunne", "", "said")]),  # an officer of the police, not of the council
    ("Mr Kovacs, speaking as the agent, said that the design had changed.", [("Mr Kovacs", "", "said")]),
    ("Rajesh Nair, Principal Planning Officer, presented the report.",
     [("Rajesh Nair", "officer", "presented")]),
    ("The Cabinet Member for Highways, replying to a question from Councillor Bass, said that it would.",
     [("The Cabinet Member for Highways", "member", "said"), ("Councillor Bass", "member", "asked")]),
    ("Councillor Tremayne and Councillor Lloyd spoke in support of the petition.",
     [("Councillor Tremayne", "member", "spoke"), ("Councillor Lloyd", "member", "spoke")]),
    ("The Leader of the Council introduced the budget.", [("The Leader of the Council", "member", "introduced")]),
])
def test_patterns(text: str, expected) -> None:
    assert who(text) == expected


@pytest.mark.parametrize("text", [
    "Councillor Tax was discussed at length.",  # not a person
    "The remaining Councillor Ward Funding was redistributed.",
    "Highways England said the slip road would close.",  # an organisation
    "Kingston Council said it would respond in writing.",
    "Transport for London said no.",
    "The South East London Menopause Network has developed practical guidelines.",
    "Barnfield Riding for the Disabled Association had applied for funding.",
    "A resident asked what measures were in place.",  # anonymous
    "Residents addressed the Committee to outline their concerns.",
    "Members of the committee advised the resident that a licence was needed.",
    "The Committee noted the report.",
    "Apologies were received from Councillors Noel Hadjimichael, Patrick Hall and John Sweeney.",
    "Councillors Davey, Chohan and Hamed were not present for these votes.",
    "He noted that the scheme would encourage walking to school.",
    "The minutes were approved, with the agreement of the Chair.",
    "",
])
def test_no_speaker(text: str) -> None:
    assert attribute(text) == ()


def test_mentioned_names_are_not_speakers() -> None:
    # The thanker speaks; whoever is thanked, invited or referred to does not.
    assert who("The Chair thanked Councillor Bass for her report.") == [("The Chair", "chair", "thanked")]
    assert who("The Chair invited Mr Smith to address the Committee.") == [("The Chair", "chair", "invited")]
    assert who("The report by Councillor Bass was noted.") == []
    assert who("Members thanked Dr Jones and the team said they were grateful.") == []


def test_evidence_records_the_words_matched() -> None:
    (sp,) = attribute("With thanks, Mrs Patel, a local resident, spoke against the application.")
    assert sp.evidence == "Mrs Patel, a local resident, spoke"
    assert sp.how == "spoke"
    first, second = attribute("Councillor N J D Chard moved the motion, seconded by Councillor Smith.")
    assert first.evidence == "Councillor N J D Chard moved"
    assert second.evidence == "seconded by Councillor Smith"


def test_names_normalise_and_link_people() -> None:
    members = [Member(name="Councillor Nigel J D Chard", person_id="k/u1"),
               Member(name="Councillor Rowena Bass", person_id="k/u2"),
               Member(name="Councillor Ann Jones", person_id="k/u3"),
               Member(name="Councillor Bob Jones", person_id="k/u4")]
    people = people_index(members)
    assert people["nigel chard"] == "k/u1" and people["chard"] == "k/u1"
    assert "jones" not in people  # two Joneses: a surname alone is not enough
    a = attribute("Councillor N J D Chard moved the motion.", people=people)
    b = attribute("Cllr Chard asked a question.", people=people)
    c = attribute("Councillor Nigel Chard said no.", people=people)
    assert {s.name for s in a + b + c} == {"Councillor Chard"}
    assert {s.person_id for s in a + b + c} == {"k/u1"}
    assert attribute("Councillor Jones said yes.", people=people)[0].person_id == ""
    assert attribute("Councillor Bob Jones said yes.", people=people)[0].person_id == "k/u4"
    # Caller-made dicts are normalised too ("Cllr Bass" -> "bass").
    assert attribute("Councillor Bass said yes.", people={"Cllr Bass": "k/u2"})[0].person_id == "k/u2"
    assert name_key("Cllr N. J. D. Chard") == "chard"
    # "The Chair" is not guessed from the committee's current chair.
    chaired = people_index([Member(name="Councillor Olly Wehring", person_id="k/u9", role="Chair")])
    assert attribute("The Chair thanked all.", people=chaired)[0].person_id == ""


def _item(title: str, texts: list[str]) -> Item:
    paras = tuple(Paragraph(id=f"c/m1/i1/p{n}", n=n, text=t) for n, t in enumerate(texts, 1))
    return Item(id="c/m1/i1", meeting_id="c/m1", council_id="c", committee_id="c/c1", source_id="1",
                minute_number="3.", agenda_number="3.", title=title, source_url="u", paragraphs=paras)


def test_interview_items_give_first_person_answers_to_the_witness() -> None:
    item = _item("Interview with Jane Smith, Chief Executive, Acme Housing", [
        "Councillor Bass asked how many homes had been repaired.",
        "I can confirm that 400 homes were repaired last year.",
        "We are recruiting more surveyors.",
        "My team will report back in March.",
        "The Committee noted the evidence.",
        "Jane Smith said that damp remained the main problem.",
    ])
    out = attribute_item(item)
    got = [[(s.name, s.role, s.how) for s in p.speakers] for p in out.paragraphs]
    assert got == [
        [("Councillor Bass", "member", "asked")],
        [("Jane Smith", "witness", "first person")],
        [("Jane Smith", "witness", "first person")],
        [("Jane Smith", "witness", "first person")],
        [],
        [("Jane Smith", "witness", "said")],
    ]
    assert out.paragraphs[1].speakers[0].evidence == "I can confirm that 400 homes"
    evidence = _item("Evidence from Dr Ravi Patel, Public Health Consultant", ["We saw a rise in cases."])
    assert attribute_item(evidence).paragraphs[0].speakers == (
        Speaker(name="Dr Ravi Patel", person_id="c/n/ravi-patel", role="witness", how="first person",
                evidence="We saw a rise in cases."),)
    # Outside interview items a first-person paragraph has no speaker.
    assert attribute_item(_item("Budget", ["I am pleased to report."])).paragraphs[0].speakers == ()


def test_speakers_on_real_pages() -> None:
    details = moderngov.parse(*real_page("CommitteeDetails"))
    people = people_index(details.records[0].members)
    found = {}
    for name in ("Agenda_151", "Agenda_Irrelevant", "mgAi_76150"):
        page = moderngov.parse(*real_page(name))
        for rec in page.records:
            if isinstance(rec, Item):
                item = attribute_item(rec, people)
                for p in item.paragraphs:
                    if p.speakers:
                        found[(name, rec.minute_number, p.n)] = [
                            (s.name, s.person_id, s.role, s.how) for s in p.speakers]
    # Read off the pages: "The Chair moved this item up the agenda" (59-62, paragraph 1) is the
    # order of business, not a motion or a speech, and in 35.9 "The Chair informed the Committee
    # that Councillor Thay Thayalan had indicated his intention ..." only the Chair speaks: so
    # neither is attributed.
    assert found == {
        ("Agenda_151", "57.", 1): [("Councillor Bass", "kingston/u1323", "member", "declared")],
        ("Agenda_151", "60.", 7): [("Councillor Giles", "", "member", "spoke")],
        ("Agenda_151", "60.", 10): [("The Chair", "", "mover", "proposed"),
                                     ("Councillor Sadr-Hashemi", "kingston/u11102", "seconder", "seconded")],
        ("Agenda_Irrelevant", "35.", 9): [("The Chair", "", "chair", "informed")],
        ("mgAi_76150", "5.", 1): [("The Chair", "", "chair", "welcomed")],
        ("mgAi_76150", "5.", 4): [("Haitham Ahmed", "southwark/n/haitham-hamoda", "", "presented"),
                                  ("Dr Beth Jones", "southwark/n/bethan-jones", "", "presented")],
        ("mgAi_76150", "5.", 5): [("Haitham Ahmed", "southwark/n/haitham-hamoda", "", "explained")],
        ("mgAi_76150", "5.", 7): [("Haitham Ahmed", "southwark/n/haitham-hamoda", "", "emphasised")],
        ("mgAi_76150", "5.", 8): [("Haitham Ahmed", "southwark/n/haitham-hamoda", "", "clarified")],
        ("mgAi_76150", "5.", 9): [("Haitham Ahmed", "southwark/n/haitham-hamoda", "", "stressed"),
                                   ("Dr Beth Jones", "southwark/n/bethan-jones", "", "stressed")],
        ("mgAi_76150", "5.", 10): [("Haitham Ahmed", "southwark/n/haitham-hamoda", "", "described"),
                                   ("Dr Beth Jones", "southwark/n/bethan-jones", "", "described")],
        ("mgAi_76150", "5.", 11): [("Haitham Ahmed", "southwark/n/haitham-hamoda", "", "outlined")],
        ("mgAi_76150", "5.", 13): [("Haitham Ahmed", "southwark/n/haitham-hamoda", "", "advocated")],
        ("mgAi_76150", "5.", 14): [("Dr Beth Jones", "southwark/n/bethan-jones", "", "presented")],
    }


def test_module_is_pure_and_public_api() -> None:
    assert set(speakers.__all__) == {"attribute", "named_in", "interview_witness"}


_TEXT_PIECES = ["Councillor Bass", "Cllr N J D Chard", "Mr Heckel", "Mrs Patel, a local resident,",
                "The Chair", "the Head of Highways", "Haitham Ahmed", "Highways England", "and", "said",
                "asked", "thanked", "seconded by", "moved", "who", "that", "I", "We", ",", ".", "(",
                ")", "Councillor Tax", "explained", "the", "A resident", "Dr Beth Jones", "'s",
                "question from", "made by", "proposal"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=30), st.sampled_from(
    ["", "Interview with Jane Smith, Director", "Evidence from Mr Brown"]))
def test_attribution_never_invents(pieces: list[str], title: str) -> None:
    text = " ".join(pieces)
    for sp in attribute(text, title=title):
        # Every attribution is backed by words of the paragraph, naming someone in it.
        assert sp.evidence and sp.evidence in text
        surname = sp.name.split()[-1]
        assert surname.lower() in text.lower() or sp.role == "witness"
        assert sp.role in ("chair", "member", "officer", "witness", "public", "mover", "seconder", "")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_attribution_accepts_any_text(text: str) -> None:
    assert isinstance(attribute(text), tuple)


def test_linking_and_roles_stay_conservative() -> None:
    people = {"sara ahmed": "k/u7", "ahmed": "k/u7"}
    # Only councillors are matched by surname alone.
    assert attribute("Dr Ali Ahmed said no.", people=people)[0].person_id == ""
    assert attribute("Councillor Ahmed said no.", people=people)[0].person_id == "k/u7"
    # A councillor who shares the witness's surname is still a councillor.
    assert who("Councillor Smith asked about staffing.", title="Interview with Jane Smith, CEO") == [
        ("Councillor Smith", "member", "asked")]
    assert who("The Licensing Sub-Committee Chair said no.") == [
        ("The Licensing Sub-Committee Chair", "chair", "said")]
    assert who("In Southwark Haitham Ahmed said no.") == [("Haitham Ahmed", "", "said")]


def test_transcript_style_and_more_verbs() -> None:
    assert who("Ms Trent: \u201cPlease look at school streets.\u201d") == [("Ms Trent", "", "said")]
    assert who("Haitham Ahmed: \u201cWe think so.\u201d") == [("Haitham Ahmed", "", "said")]
    assert who("Staff Wellbeing: The panel noted the survey.") == []  # a run-in heading
    assert who("Haitham Ahmed: the figures were noted.") == []
    assert who("The Mayor congratulated the food bank.") == [("The Mayor", "chair", "congratulated")]
    assert who("The Deputy Mayor announced the winners.") == [("The Deputy Mayor", "member", "announced")]
    assert who("The Cabinet Member for Highways apologised and said that it would be fixed.") == [
        ("The Cabinet Member for Highways", "member", "apologised")]
    assert who("Councillor Raman opposed the motion.") == [("Councillor Raman", "member", "opposed")]


def test_officer_job_titles_link_through_attendance() -> None:
    people = people_index([Member(name="Mr Mark Osei", person_id="s/n/mark-osei", role="Director of Finance"),
                           Member(name="Councillor Ann Lee", person_id="s/u1", role="Chair")])
    (sp,) = attribute("The Director of Finance advised that reserves were low.", people=people)
    assert (sp.name, sp.person_id, sp.role) == ("The Director of Finance", "s/n/mark-osei", "officer")
    assert "chair" not in people  # committee places are not job titles


def test_order_of_business_and_reported_speech_are_not_attributed() -> None:
    assert who("The Chair moved this item up the agenda with the agreement of the Committee.") == []
    assert who("The Chair moved the report forward on the agenda.") == []
    assert who("The Chair moved the recommendations, seconded by Councillor Bass.") == [
        ("The Chair", "mover", "moved"), ("Councillor Bass", "seconder", "seconded")]
    assert who("The Chair informed the Committee that Councillor Thay Thayalan had indicated his "
               "intention to co-present.") == [("The Chair", "chair", "informed")]
    assert who("Councillor Bass had asked for the figures before the meeting.") == [
        ("Councillor Bass", "member", "asked")]


def test_interview_questions_belong_to_the_committee_and_answers_to_the_witness() -> None:
    title = "Interview with Carolyn McVittie, Managing Director, Stepahead Support"
    # A question the committee puts is no one's: a body is never a speaker (issue 21).
    assert who("Q: How many staff do you employ?", title=title) == []
    assert who("Members asked about waiting lists.", title=title) == []
    assert who("A: About forty, most of them part time.", title=title) == [
        ("Carolyn McVittie", "witness", "answered")]
    # Outside an interview nobody is invented for either.
    assert who("Q: How many staff do you employ?") == [] and who("A: About forty.") == []
    assert who("Members asked about waiting lists.") == []


def test_a_correction_to_earlier_minutes_is_not_speech_at_this_meeting() -> None:
    # Seen at a real council: the minutes approve a correction recording a declaration made before.
    assert who("RESOLVED - That the minutes be approved subject to a correction to minute 12(a) to show "
               "that Councillor Marsh declared a personal interest.") == []
    assert (who("Councillor Marsh declared a personal interest in item 6.")
            == [("Councillor Marsh", "member", "declared")])


def test_plural_titles_name_each_councillor() -> None:
    # Shapes seen in real councils' minutes, in our own words.
    assert who("Councillors Neil and Webster declared an interest in item 4.") == [
        ("Councillor Neil", "member", "declared"), ("Councillor Webster", "member", "declared")]
    assert who("Councillors George and Judith Cooper both declared a personal interest in item 9.") == [
        ("Councillor George Cooper", "member", "declared"), ("Councillor Judith Cooper", "member", "declared")]
    assert who("Councillors Ann Lee, Bo Hart and Cy Day spoke against the proposal.") == [
        ("Councillor Lee", "member", "spoke"), ("Councillor Hart", "member", "spoke"),
        ("Councillor Day", "member", "spoke")]
    # Named, but not speaking: absent, or sending apologies.
    assert who("Councillor Ind noted that Councillors Neil and Webster were absent.") == [
        ("Councillor Ind", "member", "noted")]
    assert who("Apologies were received from Councillors Noel Hadjimichael, Patrick Hall and John Sweeney.") == []
    assert who("The Chair drew attention to the declarations of interest on the agenda.") == [
        ("The Chair", "chair", "drew attention")]


@pytest.mark.parametrize("text, expected", [
    # Issue 21's wordings (our words).
    ("These points were echoed by Cllr Amis.", [("Councillor Amis", "member", "echoed")]),
    ("Cllr Pryce endorsed the comments and added that costs would rise.", [("Councillor Pryce", "member", "endorsed")]),
    ("It was moved by Cllr Lowe and second by Cllr Ruiz.",
     [("Councillor Lowe", "mover", "moved"), ("Councillor Ruiz", "seconder", "seconded")]),
    ("Councillor Dee Obi, Chair of the Authority's Audit Committee, attended the meeting and addressed the Committee.",
     [("Councillor Obi", "member", "addressed")]),
    ("The following announcements were made by Mayor Hart:", [("Mayor Hart", "chair", "announced")]),
    ("Councillor Ames MBE confirmed that the works had begun.", [("Councillor Ames", "member", "confirmed")]),
    ("On a motion by Cllr Lowe, seconded by Cllr Ruiz, it was RESOLVED that the report be noted.",
     [("Councillor Lowe", "mover", "moved"), ("Councillor Ruiz", "seconder", "seconded")]),
    ("Councillor Ames and other Cabinet Members responded to the questions.",
     [("Councillor Ames", "member", "responded")]),
    ("The panel received a presentation from Dr Yeo on the strategy.", [("Dr Yeo", "", "presented")]),
    ("Item raised by Councillor Ames.", []),
    ("Mr Gough proposed, and Mr Oakford seconded that the motion be agreed.",
     [("Mr Gough", "mover", "proposed"), ("Mr Oakford", "seconder", "seconded")]),
    ("Mr R Gough, Leader of the Council provided an update on devolution.", [("Mr R Gough", "", "presented")]),
    ("Mr Watts (General Counsel) confirmed the legal position.", [("Mr Watts", "", "confirmed")]),
    ("Dr Gosh (Director of Public Health) introduced the report.", [("Dr Gosh", "officer", "introduced")]),
    ("The Leader of the Labour Group, Mr Brady, commented on the motion.", [("Mr Brady", "member", "commented")]),
    # Not people: places and titles before a verb.
    ("Riverside Footbridge had asked for more money.", []),
    ("Enterprise Corridors presented an opportunity.", []),
    ("Members asked whether the scheme was funded.", []),
])
def test_issue_21_wordings(text: str, expected) -> None:
    assert who(text, known=frozenset()) == expected


def test_posts_and_continued_speech_within_an_item() -> None:
    item = _item("Devolution", [
        "Mr R Gough, Leader of the Council, introduced the item.",
        "He added that the timetable was short.",
        "The Leader explained the next steps.",
        "Councillor Ruth Ames",
        "She said that residents must be consulted.",
        "The Assistant Director of Internal Audit and Counter Fraud (IACF) introduced the report.",
        "The Assistant Director agreed to report back.",
        "The officer recommended approval.",
    ])
    got = [[(s.name, s.post, s.inferred) for s in p.speakers] for p in attribute_item(item).paragraphs]
    assert got == [
        [("Mr R Gough", "Leader of the Council", False)],
        [("Mr R Gough", "Leader of the Council", True)],
        [("Mr R Gough", "The Leader", False)],
        [],
        [("Councillor Ames", "", True)],
        [("The Assistant Director of Internal Audit and Counter Fraud", "", False)],
        [("The Assistant Director of Internal Audit and Counter Fraud", "", False)],
        [],  # which officer, the minutes do not say
    ]

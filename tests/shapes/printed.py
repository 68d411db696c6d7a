"""Printed-minutes PDFs of our own, each reproducing shapes seen in real councils' printed minutes.

Every generator returns ``(pdf_bytes, truth)``; the bytes are the same on every run. The truth is a
plain dict (see ``printed_layout.Minutes``)::

    {"file_name", "committee", "date": "YYYY-MM-DD", "time": "HH:MM" or "",
     "items": [[minute number or "", agenda number or "", title], ...] in order,
     "attendance": [{"name", "role", "status"}], status the section: "present", "also present",
                   "in attendance" or "apologies"; honours (", OBE") are printed but not in the name,
     "votes": [{"item": minute, "for": [names], "against": [...], "abstain": [...]}] in order,
     "speakers": [{"item": minute, "speaker": surname in lower case, or the post}]}

Councils, people, places and words are fictional and ours. Which shape each reproduces:

- ``highways_cover``: a cover line with a date and time that is not a minute ("... held on 4 March
  2025 at 5.30 pm"), a running head with a date on every page, "Page n of m" footers; headings
  with "(Item N)" under them; officers with posts; ``plain=True`` draws it in one regular font.
- ``public_forum``: a drawn table of public statements whose numbered rows (14, 15, 16) are higher
  than the minutes after it; the cover names no date, so the date and time come from the file name.
- ``margin_headings``: an unnumbered first section ("Election of Chair") before minute 283; a
  heading starting with a decision reference and ending "(Item 6)" on the same line; titles
  wrapping onto two lines with the number beside the first line or between the two; numbered
  paragraphs "1.", "1.", "2." inside a minute.
- ``cabinet_cover``: "Minutes of a meeting of the Cabinet held at <place> on Thursday, 30 January
  2025" (no time: the file name gives it); PRESENT with "(Chair)" and ", OBE"; ALSO PRESENT with
  posts in apposition; IN ATTENDANCE officers with posts in brackets; APOLOGIES; minute numbers
  without a full stop and a title starting with a year ("20   2024/25 Quarter 4 ...").
- ``agenda_numbers_only``: a panel whose headings have no minute numbers, only "(Item N)"; the
  cover gives date and time.
- ``recorded_votes``: an amendment and a motion, each proposed and seconded, with recorded votes
  "For (n)", "Against (n)", "Abstain (n)" in different orders, labels on their own lines in one
  and all inline in the other; a name with an honour inside a list.
- ``cut_off``: ``margin_headings`` cut off just into its second page (no tail, no trailer);
  its truth lists only the minutes whose headings are on the first page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.shapes.printed_layout import Minutes, Person
from tests.shapes.printed_layout import cut_off as _cut

Shape = tuple[bytes, dict[str, Any]]


def highways_cover(plain: bool = False) -> Shape:
    doc = Minutes("Printed minutes 04th-Mar-2025 17.30 Highways and Transport Committee.pdf",
                  "Highways and Transport Committee", "2025-03-04", "17:30",
                  running="Transport Committee \u2013 4 March 2025", plain=plain)
    doc.centred("WESTMARCH COUNTY COUNCIL", 13)
    doc.centred("HIGHWAYS AND TRANSPORT COMMITTEE", 12, gap=4)
    doc.line("Minutes of the Highways and Transport Committee held on 4 March 2025 at 5.30 pm", gap=1)
    doc.line("in the Tamar Room, County Hall, Westmarch", gap=5)
    doc.attendance("PRESENT", [Person("Mr T Ashdown", "Chair"), Person("Mrs G Pelham", "Vice-Chair"),
                               Person("Mr K Obi"), Person("Ms R Lindqvist"), Person("Mr D Farrant"),
                               Person("Dr M Sethi"), Person("Mrs H Trelawney")])
    doc.attendance("IN ATTENDANCE", [Person("Mr N Coyle", "Head of Highway Operations"),
                                     Person("Ms P Varga", "Transport Planning Manager"),
                                     Person("Miss E Dunmore", "Democratic Services Officer")])
    doc.attendance("APOLOGIES", [Person("Mr J Penrose")])
    doc.heading("12", "Apologies and Substitutes", "1")
    doc.para("Apologies for absence were received from Mr Penrose. No substitute had been named.")
    doc.heading("13", "Declarations of Interest", "2")
    doc.para("Dr Sethi declared an interest in the item on the speed limit review as a volunteer "
             "with a road safety charity working in the corridor, and said that she would take no "
             "part in the vote on it.")
    doc.heading("14", "Minutes of the Meeting held on 14 January 2025", "3")
    doc.para("RESOLVED that the minutes of the meeting held on 14 January 2025 be approved as a "
             "correct record and signed by the Chair.")
    doc.heading("15", "Winter Service Review 2024/25", "4")
    doc.para("Mr Coyle introduced the review of the winter just ended. The gritting fleet had made "
             "forty-one full runs of the priority network, eleven more than the winter before, and "
             "salt stocks had stayed above the national minimum throughout. Two of the older "
             "spreaders had failed on the same night in January and hired vehicles had covered "
             "their routes within three hours.", "(1)", speakers=("coyle",))
    doc.para("Mrs Pelham asked why the footways around the two hospitals had not been treated "
             "during the cold spell in late January, when several falls had been reported to her "
             "by residents. She asked whether hand gritting could be arranged by the districts in "
             "future years.", "(2)", speakers=("pelham",))
    doc.para("In reply, the Head of Highway Operations said that footways were treated only after "
             "the carriageway routes were complete and that the districts had offered help under "
             "the mutual aid arrangement, which would be written into next year's plan.", "(3)",
             speakers=("head of highway operations",))
    doc.para("Mr Farrant welcomed the figures but said that the rural routes in the north of the "
             "county had again been the last to be treated, and that bus operators had withdrawn "
             "early morning journeys on three days as a result. He asked for the route priorities "
             "to be reviewed with the operators before next winter.", "(4)", speakers=("farrant",))
    doc.para("RESOLVED that the review be noted and that route priorities for 2025/26 be agreed "
             "with the bus operators before October 2025.", "(5)")
    doc.heading("16", "Speed Limit Review: A3071 Corridor", "5")
    doc.para("Ms Varga presented the findings of the review of the A3071 between Holloway Cross and "
             "Penmarrow. Average speeds in the villages were well above the posted limits, and "
             "there had been six collisions causing injury in three years, two of them serious. The "
             "report proposed a 40 mph limit throughout, falling to 30 mph through each village, "
             "with new gateway signs and two speed indicator displays.", "(1)", speakers=("varga",))
    doc.para("Ms Lindqvist supported the proposals and asked whether average speed cameras had "
             "been considered. The Transport Planning Manager said that the police had not yet "
             "agreed to enforce the route in that way, but that the signs would be placed so that "
             "cameras could be added later without further works.", "(2)",
             speakers=("lindqvist", "transport planning manager"))
    doc.para("Mr Obi said that the parish councils had asked for a 20 mph limit outside the "
             "primary school in Penmarrow. The Chair said that this would be looked at as part of "
             "the school streets programme and reported to a later meeting.", "(3)",
             speakers=("obi", "chair"))
    doc.para("RESOLVED that the proposed speed limits be advertised and that any objections be "
             "reported to the Cabinet Member for Highways for a decision.", "(4)")
    doc.heading("17", "Bus Service Improvement Plan \u2013 Progress Report", "6")
    doc.para("Ms Varga reported that the new evening services on routes 12 and 14 had carried more "
             "passengers than forecast in their first six months, while the demand responsive "
             "service around Quillet had struggled to attract riders outside market days.", "(1)",
             speakers=("varga",))
    doc.para("Mrs Trelawney asked whether the Quillet service could be promoted through the "
             "surgeries and the library. Mr Ashdown said that the Committee would want to see the "
             "figures again before the funding for the service was renewed.", "(2)",
             speakers=("trelawney", "ashdown"))
    doc.para("RESOLVED that the progress report be noted and that a further report on the Quillet "
             "service be brought to the meeting in September 2025.", "(3)")
    doc.heading("18", "Date of Next Meeting", "7")
    doc.para("The Committee noted that its next meeting would be held on Tuesday 10 June 2025 at "
             "5.30 pm.")
    doc.line("The meeting closed at 7.12 pm.", gap=6)
    doc.line("Chair ............................................")
    if plain:
        doc.truth["file_name"] = doc.truth["file_name"].replace("Printed minutes", "Minutes (plain)")
    return doc.output(), doc.truth


def public_forum() -> Shape:
    doc = Minutes("Printed minutes 12th-Feb-2025 18.00 Riverside Area Committee.pdf",
                  "Riverside Area Committee", "2025-02-12", "18:00")
    doc.centred("WESTMARCH COUNTY COUNCIL", 13)
    doc.centred("RIVERSIDE AREA COMMITTEE", 12, gap=4)
    doc.line("MINUTES of the Riverside Area Committee held at Millbrook Library, Station Road, "
             "Millbrook", gap=5)
    doc.attendance("PRESENT", [Person("Councillor Ana Ruiz", "Chair"), Person("Councillor Owen Price"),
                               Person("Councillor Bea Kowalczyk"), Person("Councillor Sam Achebe")])
    doc.attendance("IN ATTENDANCE", [Person("Mr F Lomax", "Area Highways Officer"),
                                     Person("Ms C Iredale", "Committee Clerk")])
    doc.heading("7", "Apologies for Absence", "1")
    doc.para("There were no apologies for absence.")
    doc.heading("8", "Declarations of Interest", "2")
    doc.para("Councillor Price declared that he lives on Mill Road and said that he would speak "
             "but not vote on any matter concerning the bus lanes.")
    doc.heading("9", "Public Forum", "3")
    doc.para("The Chair welcomed members of the public and explained that each speaker would have "
             "three minutes. The statements and questions received before the meeting were taken in "
             "the order below.", speakers=("chair",))
    doc.table(("No.", "Speaker", "Subject"),
              [("14", "Councillor Ana Ruiz", "Bus lanes on Mill Road"),
               ("15", "Leo Marsh", "Cycle parking at the station"),
               ("16", "Grace Oduya", "Flooding on the towpath below Weir Lane")],
              (16, 52, 90))
    doc.para("Mr Marsh said that the cycle racks at the station were full by eight each morning and "
             "that bicycles were being locked to the railings on the footbridge, which narrowed it "
             "for wheelchair users.", speakers=("marsh",))
    doc.para("Ms Oduya said that the towpath below Weir Lane had been under water for most of "
             "January and that the diversion signs had been taken down before the path had dried "
             "out.", speakers=("oduya",))
    doc.para("The Area Highways Officer said that twenty new stands would be fitted at the station "
             "in April and that the towpath drain would be cleared before the spring.",
             speakers=("area highways officer",))
    doc.heading("10", "Mill Road Bus Lanes \u2013 Six Month Review", "4")
    doc.para("Mr Lomax said that journey times for buses along Mill Road had fallen by four minutes "
             "at the morning peak since the lanes opened, with little change for general traffic "
             "outside the peak.", speakers=("lomax",))
    doc.para("Councillor Achebe asked whether the hours of operation could be shortened on Sundays. "
             "Mr Lomax said that the traffic order allowed the hours to be changed after a year.",
             speakers=("achebe", "lomax"))
    doc.para("RESOLVED that the review be noted and the hours of operation be considered again in "
             "August 2025.")
    doc.heading("11", "Highways Schemes Programme 2025/26", "5")
    doc.para("Councillor Kowalczyk asked that the dropped kerbs on Ferry Lane be brought forward "
             "into the first quarter of the year, as the route was used by pupils of Riverside "
             "Special School.", speakers=("kowalczyk",))
    doc.para("RESOLVED that the programme be agreed, with the Ferry Lane dropped kerbs brought "
             "forward to the first quarter.")
    doc.line("The meeting closed at 7.40 pm.")
    return doc.output(), doc.truth


def margin_headings() -> Shape:
    doc = _margin_headings()
    return doc.output(), doc.truth


def _margin_headings() -> Minutes:
    doc = Minutes("Printed minutes 15th-May-2025 10.00 County Council.pdf", "County Council",
                  "2025-05-15", "10:00", running="County Council \u2013 Thursday, 15 May 2025")
    doc.centred("WESTMARCH COUNTY COUNCIL", 13, gap=4)
    doc.line("MINUTES of a meeting of the County Council held in the Council Chamber, Shire Hall, "
             "Westmarch on Thursday, 15 May 2025 at 10.00 am", gap=5)
    doc.attendance("PRESENT", [Person("Mr T Ashdown"), Person("Mrs G Pelham"), Person("Mr K Obi"),
                               Person("Ms R Lindqvist"), Person("Mr D Farrant"), Person("Dr M Sethi"),
                               Person("Mrs H Trelawney"), Person("Mr J Penrose"),
                               Person("Mrs A Coldwell", honour=", MBE"), Person("Mr V Ramsden")])
    doc.attendance("IN ATTENDANCE", [Person("Mr W Halloran", "Head of Democratic Services"),
                                     Person("Mrs S Hale", "Corporate Director of Place")])
    doc.section("Election of Chair")
    doc.para("Mr Obi proposed and Dr Sethi seconded that Mrs Coldwell be elected Chair of the "
             "Council for the year.", speakers=("obi", "sethi"))
    doc.para("RESOLVED that Mrs Coldwell be elected Chair of the Council for 2025/26.")
    doc.heading("283", "Apologies for Absence", "1")
    doc.para("The Head of Democratic Services reported that every member was present.",
             speakers=("head of democratic services",))
    doc.heading("284", "Declarations of Interest", "2")
    doc.para("No interests were declared.")
    doc.heading("285", ["Proposed Changes to the Home to School Transport Policy",
                        "following the Autumn Consultation"], "3")
    doc.para("Mrs Pelham introduced the proposals. The consultation had drawn some 1,900 responses, "
             "most of them from parents of pupils in rural schools. The policy brought forward kept "
             "free travel to the nearest suitable school and removed it only for new applicants "
             "living within two miles of a school they could reach on a safe walking route.", "1.",
             speakers=("pelham",))
    doc.para("Mr Farrant said that several of the walking routes named in the assessment had no "
             "footway for part of their length and asked for each route to be walked again before "
             "the policy took effect. Mrs Hale said that every route would be reassessed in the "
             "summer and the results published before September.", "1.",
             speakers=("farrant", "hale"))
    doc.para("The motion to adopt the policy as set out in the report was carried.", "2.")
    doc.heading("286", ["Annual Report of the Member Champion for the Westmarch",
                        "Fire and Rescue Authority 2024/25"], "4", number_row=0.5)
    doc.para("Mr Ramsden, the Council's lead member on the Fire Authority, gave an account of the "
             "year. Response times had improved in the towns but not in the villages, where on-call "
             "crews were hard to recruit. He asked members to encourage local employers to release "
             "staff for on-call duties.", speakers=("ramsden",))
    doc.para("Ms Lindqvist asked how many of the on-call posts were vacant. Mr Ramsden said that "
             "about one in five were, mostly in the west of the county.",
             speakers=("lindqvist", "ramsden"))
    doc.para("RESOLVED that the annual report be noted.")
    doc.heading("287", "24/00117 \u2013 Highways Term Contract Renewal", "6", item_inline=True)
    doc.para("The Corporate Director of Place explained that the current highways term contract "
             "would end in March 2026. The proposed decision was to let a new seven year contract, "
             "with an option to extend it by three years, divided into two lots so that smaller "
             "firms could bid for the works in the rural districts.", "(1)",
             speakers=("corporate director of place",))
    doc.para("Mrs Trelawney asked how the quality of repairs would be checked under the new "
             "contract. Mrs Hale said that every repair would be photographed before and after, and "
             "that one in ten would be inspected by the Council's own staff.", "(2)",
             speakers=("trelawney", "hale"))
    doc.para("Mr Penrose asked that the social value commitments include apprenticeships based in "
             "the county. The Corporate Director of Place agreed to add this to the tender.", "(3)",
             speakers=("penrose", "corporate director of place"))
    doc.para("RESOLVED that the proposed decision to procure a new highways term contract in two "
             "lots be endorsed.", "(4)")
    doc.heading("288", ["Pension Fund Committee \u2013 Annual Report and Statement of",
                        "Investment Principles"], "7")
    doc.para("Mr Obi presented the annual report. The fund had been valued at 98 per cent funded at "
             "the last valuation, and the statement of investment principles had been revised to "
             "reduce the fund's holdings in fossil fuel producers over five years.",
             speakers=("obi",))
    doc.para("RESOLVED that the annual report be noted and the statement of investment principles "
             "be approved.")
    doc.heading("289", "Motion on Rural Bus Services", "8")
    doc.para("Ms Lindqvist moved and Mr Farrant seconded a motion asking the Cabinet to protect the "
             "rural bus network in the budget for 2026/27. After debate, the motion was carried.",
             speakers=("lindqvist", "farrant"))
    doc.line("The meeting closed at 1.05 pm.")
    return doc


def cabinet_cover() -> Shape:
    doc = Minutes("Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf", "Cabinet", "2025-01-30", "10:00",
                  running="Cabinet, 30 January 2025")
    doc.centred("CALDERBROOK BOROUGH COUNCIL", 13)
    doc.centred("CABINET", 12, gap=4)
    doc.line("MINUTES of a meeting of the Cabinet held at The Guildhall, Calderbrook on Thursday, "
             "30 January 2025.", gap=5)
    doc.attendance("PRESENT", [Person("Mr R Okonkwo", "Chair"), Person("Mrs L Brannigan", honour=", OBE"),
                               Person("Mr E Tolland"), Person("Ms F Aziz"), Person("Mr G Hartigan")])
    doc.attendance("ALSO PRESENT", [Person("Mrs P Nandi", "Cabinet Member for Housing", apposition=True),
                                    Person("Mr A Delacroix", "Chair of Scrutiny Committee", apposition=True)])
    doc.attendance("IN ATTENDANCE", [Person("Mrs S Hale", "Corporate Director of Place"),
                                     Person("Mr I Mensforth", "Director of Finance"),
                                     Person("Ms Y Adeyemi", "Head of Legal Services")])
    doc.attendance("APOLOGIES", [Person("Mr C Varley"), Person("Mrs D Ketteridge")])
    doc.heading("18", "Apologies", dot=False)
    doc.para("Apologies were received from Mr Varley and Mrs Ketteridge.")
    doc.heading("19", "Declarations of Interest", dot=False)
    doc.para("Ms Aziz declared an interest in the item on the housing company as a director of "
             "Calderbrook Homes Limited and left the room for that item.")
    doc.heading("20", "2024/25 Quarter 4 Performance Report", dot=False)
    doc.para("Mr Tolland introduced the report, which showed 31 of the 40 measures on target. The "
             "time taken to relet empty council homes had risen to 48 days against a target of 30, "
             "largely because of damp works.", speakers=("tolland",))
    doc.para("Mrs Nandi, Cabinet Member for Housing, said that a second contractor had been brought "
             "in for void works and that she expected the figure to fall by the summer.",
             speakers=("nandi",))
    doc.para("Mr Delacroix said that the Scrutiny Committee would look at the relet times in March "
             "and asked for the figures by ward.", speakers=("delacroix",))
    doc.para("RESOLVED that the performance report be noted.")
    doc.heading("21", "2025/26 Budget and Medium Term Financial Strategy", dot=False)
    doc.para("The Director of Finance said that the gap for 2025/26 had been closed, but that a gap "
             "of \u00a34.2 million remained for the following year, to be met from the "
             "transformation programme.", speakers=("director of finance",))
    doc.para("Mrs Brannigan asked how much of the gap rested on savings not yet identified. "
             "Mr Mensforth said that about a third did.", speakers=("brannigan", "mensforth"))
    doc.para("RESOLVED that the budget be recommended to Council for approval.")
    doc.heading("22", ["Calderbrook Homes Limited \u2013 Business Plan and Shareholder",
                       "Agreement Review"], dot=False)
    doc.para("Mr Hartigan presented the business plan, which would add 120 homes for rent over four "
             "years. The Head of Legal Services advised on the changes to the shareholder "
             "agreement.", speakers=("hartigan", "head of legal services"))
    doc.para("RESOLVED that the business plan be approved and the revised shareholder agreement be "
             "signed.")
    doc.line("The meeting ended at 11.20 am.")
    return doc.output(), doc.truth


def agenda_numbers_only() -> Shape:
    doc = Minutes("RCP Minutes 10.12.24.pdf", "Rural Communities Cross-Party Panel", "2024-12-10",
                  "14:00")
    doc.centred("WESTMARCH COUNTY COUNCIL", 13, gap=4)
    doc.line("MINUTES of a meeting of the Rural Communities Cross-Party Panel held at Fernhill "
             "House, Westmarch on Tuesday, 10 December 2024 at 2.00 pm", gap=5)
    doc.attendance("PRESENT", [Person("Mr D Farrant", "Chair"), Person("Ms R Lindqvist"),
                               Person("Mrs H Trelawney"), Person("Mr V Ramsden")])
    doc.attendance("ALSO PRESENT", [Person("Mr B Yelland", "Westmarch Association of Parish Councils",
                                           apposition=True)])
    doc.attendance("IN ATTENDANCE", [Person("Ms J Corrigan", "Rural Policy Officer")])
    doc.heading("", "Introduction and Apologies", "1")
    doc.para("The Chair welcomed everyone. There were no apologies.")
    doc.heading("", "Notes of the Previous Meeting", "2")
    doc.para("The notes of the meeting held on 29 October 2024 were agreed.")
    doc.heading("", "Village Halls Energy Support Scheme", "3")
    doc.para("Ms Corrigan said that 37 halls had applied for grants towards insulation and heat "
             "pumps, and that the scheme would be fully spent by March.", speakers=("corrigan",))
    doc.para("Mr Yelland said that the smallest halls had found the application form hard to "
             "complete without help and asked for a simpler form for grants under \u00a35,000.",
             speakers=("yelland",))
    doc.para("Mrs Trelawney supported the request. The Rural Policy Officer agreed to bring a "
             "shorter form to the next meeting.", speakers=("trelawney", "rural policy officer"))
    doc.heading("", ["Mobile Library and Outreach Services \u2013 Proposed Timetable",
                     "from April 2025"], "4")
    doc.para("Mr Ramsden asked that the mobile library stop at each village for at least half an "
             "hour, as the shorter stops had left little time for older users.",
             speakers=("ramsden",))
    doc.para("The Panel agreed to send its comments to the Cabinet Member.")
    doc.heading("", "Work Programme", "5")
    doc.para("The Panel agreed to look at rural broadband and at community transport in 2025.")
    doc.line("The meeting closed at 3.35 pm.")
    return doc.output(), doc.truth


_FOR_AMENDMENT = ["Mr Farrant", "Ms Lindqvist", "Mr Penrose", "Mrs Trelawney", "Mr Achebe"]
_AGAINST_AMENDMENT = ["Mr Ashdown", "Mrs Coldwell, MBE", "Mr Obi", "Mrs Pelham", "Mr Ramsden",
                      "Dr Sethi", "Mr Tolland"]
_FOR_MOTION = ["Mr Ashdown", "Mrs Coldwell, MBE", "Mr Obi", "Mrs Pelham", "Mr Ramsden", "Dr Sethi",
               "Mr Tolland", "Mrs Trelawney", "Mr Penrose"]
_AGAINST_MOTION = ["Mr Farrant", "Ms Lindqvist", "Mr Achebe"]


def _honourless(names: list[str]) -> list[str]:
    return [n.split(",")[0] for n in names]


def recorded_votes() -> Shape:
    doc = Minutes("Printed minutes 13th-Feb-2025 10.00 County Council.pdf", "County Council",
                  "2025-02-13", "10:00", running="County Council \u2013 13 February 2025")
    doc.centred("WESTMARCH COUNTY COUNCIL", 13, gap=4)
    doc.line("MINUTES of a meeting of the County Council held in the Council Chamber, Shire Hall, "
             "Westmarch on Thursday, 13 February 2025 at 10.00 am", gap=5)
    doc.attendance("PRESENT", [Person("Mrs A Coldwell", "Chair", honour=", MBE"), Person("Mr T Ashdown"),
                               Person("Mr K Obi"), Person("Mrs G Pelham"), Person("Mr V Ramsden"),
                               Person("Dr M Sethi"), Person("Mr E Tolland"), Person("Mrs H Trelawney"),
                               Person("Mr J Penrose"), Person("Mr D Farrant"), Person("Ms R Lindqvist"),
                               Person("Mr S Achebe"), Person("Mr B Quinlan")])
    doc.attendance("APOLOGIES", [Person("Mr W Farraday")])
    doc.heading("301", "Apologies for Absence", "1")
    doc.para("Apologies were received from Mr Farraday.")
    doc.heading("302", "Revenue Budget 2025/26 and Council Tax Setting", "2")
    doc.para("Mr Ashdown, Leader of the Council, moved and Mr Obi seconded the recommendations in "
             "the report, including a council tax increase of 4.99 per cent.", "(1)",
             speakers=("ashdown", "obi"))
    doc.para("Mr Farrant proposed and Ms Lindqvist seconded the following amendment: that the "
             "increase be limited to 2.99 per cent and the difference met by reducing the "
             "contingency budget.", "(2)", speakers=("farrant", "lindqvist"))
    # The Chair putting the question is minuted as the Chair's act, as the shared annotations of real
    # printed minutes count it ("the Chairman put the amendment ... to the vote").
    doc.para("Following debate, the Chair put the amendment to the vote and the voting was as "
             "follows:", "(3)", speakers=("chair",))
    doc.vote([("For", _FOR_AMENDMENT), ("Against", _AGAINST_AMENDMENT), ("Abstain", ["Mr Quinlan"])],
             inline=False)
    doc.para("The amendment was lost.", gap=4)
    doc.para("The Chair then put the substantive motion to the vote and the voting was as follows:",
             "(4)")
    doc.vote([("Against", _AGAINST_MOTION), ("For", _FOR_MOTION), ("Abstain", ["Mr Quinlan"])],
             inline=True)
    doc.para("RESOLVED that the revenue budget for 2025/26 and a council tax increase of 4.99 per "
             "cent be approved.", "(5)")
    doc.heading("303", "Motion on Flood Resilience", "3")
    doc.para("Mrs Trelawney proposed and Mr Penrose seconded a motion asking the Cabinet to fund a "
             "flood warden in every parish that wanted one.", "(1)", speakers=("trelawney", "penrose"))
    doc.para("The motion was put to the vote and the voting was as follows:", "(2)")
    doc.vote([("For", ["Mr Ashdown", "Mr Farrant", "Ms Lindqvist", "Mr Obi", "Mr Penrose",
                       "Mrs Trelawney", "Mr Achebe", "Mr Quinlan"]),
              ("Abstain", ["Mrs Pelham", "Mr Ramsden"]),
              ("Against", ["Mrs Coldwell, MBE", "Dr Sethi", "Mr Tolland"])], inline=False)
    doc.para("The motion was carried.")
    doc.line("The meeting closed at 4.10 pm.")
    for vote in doc.truth["votes"]:  # an honour printed after a name is not part of it
        for side in ("for", "against", "abstain"):
            vote[side] = _honourless(vote[side])
    return doc.output(), doc.truth


def cut_off(keep_pages: int = 1) -> Shape:
    doc = _margin_headings()
    body = doc.output()
    kept = [it for it, page in zip(doc.truth["items"], doc.item_pages, strict=True) if page <= keep_pages]
    minutes = {number or item for number, item, _ in kept}
    truth = dict(doc.truth, file_name="Printed minutes 15th-May-2025 10.00 County Council (cut off).pdf",
                 items=kept, speakers=[s for s in doc.truth["speakers"] if s["item"] in minutes])
    return _cut(body, keep_pages), truth


SHAPES: dict[str, Callable[[], Shape]] = {
    "highways_cover": highways_cover,
    "highways_plain": lambda: highways_cover(plain=True),
    "public_forum": public_forum,
    "margin_headings": margin_headings,
    "cabinet_cover": cabinet_cover,
    "agenda_numbers_only": agenda_numbers_only,
    "recorded_votes": recorded_votes,
    "cut_off": cut_off,
}

__all__ = ["SHAPES", "Shape"]

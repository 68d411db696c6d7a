"""Who spoke: the people a minuted paragraph names as saying, asking, moving, declaring ... something.

Minutes are reported speech ("Councillor Bass declared an interest ..."), so a speaker is a
name in subject position followed by a speech verb, or the agent of a passive ("seconded by
Councillor X"). Pure functions, no I/O. When in doubt there is no attribution: a name that is
only mentioned ("The Chair thanked Councillor Bass") or an organisation ("Highways England
said") is never a speaker, and neither is anyone anonymous ("A resident asked").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from crawler.names import POSTNOMINALS, TITLE_PATTERN, TITLES, name_key, title_of
from crawler.people import person_for
from crawler.records import Speaker

_INITIAL = r"[A-Z]\.?(?=[\s.]|[A-Z]\.)"
_WORD = r"(?:Ma?c|O['\u2019]|D['\u2019])?[A-Z][a-z]+(?:[-'\u2019][A-Z]?[a-z]+)*"
_PARTICLE = r"(?:(?:van|von|de|da|di|du|del|der|la|le|al|el|bin|ben)\s+)"
_NAME = rf"(?:{_INITIAL}\s*){{0,4}}(?:{_WORD}\s+){{0,2}}{_PARTICLE}?{_WORD}"
# A second title may follow the first: "Councillor Mrs V M Bucknor", "Alderman Sir Michael Savory".
_TITLED = re.compile(rf"\b(?P<title>{TITLE_PATTERN})\.?\s+(?:(?:{TITLE_PATTERN})\.?\s+)?(?P<names>{_NAME})\b")
_BARE = re.compile(rf"(?<![\w'\u2019-])(?P<names>{_WORD}(?:\s+{_WORD}){{1,2}})\b")

_CHAIR = r"(?i:vice[- ]chair(?:man|woman|person)?|deputy chair(?:man)?|chair(?:man|woman|person)?)"
_MEMBER_OFFICE = (r"(?i:cabinet member|lead member|executive member|portfolio holder|"
                  r"deputy leader|leader(?: of the council)?|(?:deputy )?mayor|ward (?:councillor|member))")
_OFFICER = (r"(?i:chief executive|monitoring officer|general counsel|director|head|officer|manager|clerk|solicitor|"
            r"lawyer|advis[eo]r|engineer|planner|co-?ordinator|inspector|superintendent|sergeant|"
            r"constable|treasurer|secretary|team leader|lead|consultant|analyst|specialist)")
_PUBLIC = r"(?i:applicant(?:['\u2019]s agent)?|objector|lead petitioner|petitioner|appellant)"
_QUAL = (r"(?:[A-Z][\w'\u2019&-]*|legal|licensing|planning|senior|principal|chief|interim|acting|"
         r"deputy|assistant|strategic|corporate|council['\u2019]s|committee['\u2019]s|democratic|"
         r"services|highways|transport|finance|financial|case|enforcement|environmental|health|"
         r"housing|project|programme|service|team|executive|monitoring|presenting|reporting|"
         r"relevant|responsible|borough['\u2019]s|parking|traffic|lead)")
_CAPPHRASE = (r"(?!(?:Mr|Mrs|Ms|Dr|Councillor|Cllr)\b)[A-Z][\w'\u2019&-]*"
              r"(?:\s+(?:(?:and|&)(?!\s+the\b)|of|the|(?!(?:Mr|Mrs|Ms|Dr|Councillor|Cllr)\b)[A-Z][\w'\u2019&-]*))*")
_OFFICE = re.compile(rf"\b(?P<the>[Tt]he)\s+(?P<office>(?:{_QUAL}\s+){{0,3}}?"
                     rf"(?P<noun>{_CHAIR}|{_MEMBER_OFFICE}|{_OFFICER}|{_PUBLIC})"
                     rf"(?:\s+(?:of|for)\s+(?:the\s+)?{_CAPPHRASE})?)(?![\w-])")

_VERBS = ("said|stated|spoke|asked|queried|questioned|enquired|inquired|moved|seconded|proposed|"
          "declared|answered|replied|responded|presented|explained|introduced|thanked|reported|"
          "informed|advised|told|confirmed|clarified|emphasi[sz]ed|stressed|highlighted|outlined|"
          "described|noted|commented|suggested|added|raised|expressed|addressed|welcomed|urged|"
          "requested|advocated|summari[sz]ed|updated|argued|objected|invited|assured|acknowledged|"
          "indicated|pointed out|recommended|mentioned|detailed|set out|opened|concluded|"
          "reminded|remarked|observed|announced|agreed|disagreed|warned|insisted|congratulated|"
          "apologi[sz]ed|opposed|supported|elaborated|referred|reiterated|echoed|expanded|"
          "contended|challenged|endorsed|re-?emphasi[sz]ed|led\\s+(?:the\\s+)?thanks|"
          "provided\\s+(?:an?\\s+)?(?:assurances?|update|overview|reassurance|clarification|explanation)|"
          "put\\s+the\\s+(?:[\\w-]+\\s+)?(?:motion|amendment|recommendations?|proposals?)|cautioned|shared|felt|believed|accepted|undertook|offered|"
          "drew\\s+(?:(?:members['\u2019]?|the\\s+committee['\u2019]s|councillors['\u2019]?)\\s+)?attention|"
          "proposed|spoke|speaking|sought\\s+(?:reassurances?|assurances?|clarification|confirmation|"
          "an?\\s+(?:update|explanation)|further\\s+(?:information|details)|views|advice)")
_VERBS_FINITE = _VERBS.replace("|speaking", "")  # ", speaking as the agent," is an apposition
_GAVE = (r"(?:gave|provided|delivered|made)\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
         r"(?:overview|presentation|update|summary|introduction|briefing|report|statement|speech|"
         r"representations?|submission|answer|response)")
# An apposition naming a post may lose its closing comma: "Councillor H Smith, Chair of the
# Scrutiny Committee presented the report".
_POST_APPOS = (r"(?:(?:Vice[- ])?Chair(?:man|woman|person)?|Ward Councillor|Ward Member|"
               r"Cabinet Member|Lead Member|Leader|Deputy Leader|"
               r"Portfolio Holder|Head|Director|Assistant Director|Executive Member|Mayor)\s+(?:of|for)\s+"
               r"[^,;:.()]{2,90}?")
_FOLLOW = re.compile(
    rf"(?P<letters>(?:\s+(?:{'|'.join(POSTNOMINALS)})\b)+)?"
    r"(?:\s+and\s+(?P<others>other|fellow)\s+(?:[A-Z][\w-]*\s+){0,3}?(?:Members|Councillors|officers|colleagues)"
    r"(?=\s))?"
    r"(?P<appos>\s*,\s*(?P<appos_text>[^,;:.()]{2,90}?(?:\s*,\s*[^,;:.()]{2,60}?)?)\s*,|"
    rf"\s*,\s*(?P<post_text>{_POST_APPOS})\s+(?=(?:[a-z]+ly\s+)?(?:{_GAVE}|{_VERBS})\b)|"
    r"\s*\((?P<paren>[^()]{2,60})\))?(?:\s*,)?"
    r"(?:\s*,?\s*(?P<who>who\s+))?\s*(?P<aux>(?:(?:also|then|further|briefly|subsequently|additionally|again|"
    r"had|has|have|duly|formally|both|each|all|jointly|[a-z]+ly|attended\s+the\s+meeting\s+and)\s+){0,2})"
    rf"(?P<verb>{_GAVE}|{_VERBS})\b")
_PASSIVE = re.compile(r"\b(?P<verb>moved|seconded|second|proposed|presented|introduced|asked|raised|"
                      r"answered|put forward|tabled|made|given|echoed|endorsed)\s+by\s+$|"
                      r"\b(?P<motion>motion)\s+(?:by|from)\s+$|"
                      r"^\s*(?P<heading>(?:a\s+)?presentation)\s+(?:by|from)\s+(?:the\s+)?$|"
                      r"\b(?P<presentation>(?:received|heard|had|was given)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
                      r"(?:presentation|briefing|update|statement|overview))\s+(?:from|by)\s+$|"
                      r"\bquestions?\s+(?:was\s+|were\s+)?(?:from|put by)\s+$", re.I)
# "Item raised by Councillor Ames": who put an item on the agenda, not speech at this meeting.
_ITEM_RAISED = re.compile(r"\b(?:item|matter|issue|question)s?\s+(?:was\s+|were\s+)?raised\s+by\s+$", re.I)
# "with the Chair stating that ...": a speaker in a participle clause.
_GERUND = re.compile(r"\s*,?\s+(?P<verb>stating|saying|noting|adding|explaining|confirming|asking|"
                     r"commenting|suggesting|advising|responding|replying|indicating|highlighting|"
                     r"emphasi[sz]ing|stressing|arguing|querying|reporting)\b")
# "Having declared a disclosable pecuniary interest, Councillor X withdrew ...": X declared.
_HAVING = re.compile(r"^\s*Having\s+(?P<verb>declared|disclosed)\b[^.;]{0,160}?,\s*$", re.I)
_WITH_BEFORE = re.compile(r"\bwith\s+$", re.I)
# A past event elsewhere ("recently presented at another council's forum") is not speech here.
_ELSEWHERE = re.compile(r"\s+(?:at|to)\s+(?:another|other|an?\s+(?:national|regional|external))\b", re.I)
_PAST = frozenset({"recently", "formerly", "once", "previously"})
# Who moved or seconded: the role they had in the decision.
_MOTION_ROLES = {"moved": "mover", "proposed": "mover", "seconded": "seconder"}
# 'Ms Trent: "..."' (an untitled name only before a quotation: "Staff Wellbeing: ..." is a heading)
_SPEAKER_LABEL = re.compile(r"\s*:(?=\s*(?:(?P<quote>[\"\u201c\u2018'])|[A-Z]))")
_MOVED_ITEM = re.compile(r"\s+(?:this|the|that|an?)\s+(?:item|report|matter)s?\s+(?:up|down|forward|"
                         r"back|to\b|on the agenda)", re.I)
_REPORTED = re.compile(r"\bthat\s*$", re.I)
# "... a correction to minute 58(b) to show that Councillor X declared ...": a record of another
# meeting, not speech at this one.
_RECORDED = re.compile(r"\bto\s+(?:show|record|reflect|read|state|note|confirm)\s+that\s*$", re.I)
_MADE_CONTEXT = re.compile(r"\b(?:proposal|motion|amendment)\b[^.]{0,60}$", re.I)
_GREETING = re.compile(r"\s+(?:everyone|everybody|all(?:\s+those)?(?:\s+present)?|those\s+present|"
                       r"(?:the\s+)?(?:members|attendees|guests|visitors|participants)"
                       r"(?:\s+(?:of\s+the\s+public|present))?|"
                       r"(?:all\s+)?(?:those|people)\s+(?:attending|in\s+attendance))"
                       r"\s*(?:to\s+the\s+meeting)?\s*[.,;]", re.I)
_TRIBUTE_CONTEXT = re.compile(r"\btributes?\b[^.]{0,80}$", re.I)
_ANNOUNCED_CONTEXT = re.compile(r"\bannouncements?\b[^.]{0,40}$", re.I)
_GIVEN_CONTEXT = re.compile(r"\b(?:presentation|update|overview|briefing|report)\b[^.]{0,60}$", re.I)
# Only "and" joins a chain: a bare comma as often ends a clause ("from Councillor X, the officer said").
# A comma joins titled names only in a list that ends with "and" ("Mrs A, Ms B and Ms C spoke").
_CONNECTOR = re.compile(r"^(?:\s+and\s+|\s*&\s*|\s*,\s*and\s+)$")
_LIST_COMMA = re.compile(r"^\s*,\s*$")
_OBJECT_BEFORE = re.compile(rf"\b(?:{_VERBS}|to|by|from|with|for|of|than|about|invited|"
                            r"congratulated|thanked|welcomed|asked|reminded|told|informed)\s*$", re.I)

# Words that make a "name" something else: an organisation, a place, a fund, a document.
_NOT_NAME = frozenset("""Tax Funding Fund Grant Grants Allowance Allowances Code Conduct Scheme
    Budget Enquiries Enquiry Surgery Surgeries Briefing Briefings Question Questions Call Champion
    Development Induction Training Portal Support Services Service Remuneration Register Council
    Committee Commission Board Panel Forum Group Association Society Trust Foundation Partnership
    Network Department Team Agency Authority Police Fire NHS England Britain London Kingston
    Southwark Borough Limited Ltd Plc Company Club Church School College University Hospital
    Practice Centre Center Union Government Ministry Office Transport Highways Rail Railway Water
    Energy Homes Housing Estates Properties Developments Alliance Coalition Campaign Friends
    Residents Tenants Federation Institute Industries Bank Charity Zoo Farm Programme Project
    Initiative Strategy Plan Report Act Regulations Order Road Lane Street Avenue Way Bridge Park
    Hill Area Station Library Hall House Court Square Gardens Place Green Common Market North South
    East West Central Metropolitan National Local Royal British Menopause Care Health Safety
    Community Neighbourhood Update Item Agenda Minutes Appendix Annex Paragraph Section Members
    Officers Councillors Crossing Zebra Traffic Parking Planning Licensing Scrutiny Cabinet
    Director Manager Officer Head Chief Executive Adviser Advisor Clerk Solicitor Consultant
    Headteacher Secretary Chairman Leader Mayor Member Principal Senior Coordinator Engineer
    Planner Surveyor Assistant Interim Acting Trustee Governor Lecturer Supervisor Party Working
    Panel Government Partners Partnerships Steering Advisory Reference""".split())
_FIRST_STOP = frozenset("""The A An It Its This That These Those There Their They He She We I You
    In On At With Following After Before During Regarding However Further Furthermore Also All Some
    Any Each Both Several Many Most One Two Three Chair Vice Deputy Head Director Manager Lead
    Portfolio If When Where While Although As Once Then Therefore Thus Overall Finally Firstly
    Secondly Mr Mrs Ms Dr Councillor Cllr Resolved Voting Note Noted Agreed Yes No""".split())
_WITNESS_TITLE = re.compile(r"^\s*(?:interview with|evidence (?:from|session with|given by)|"
                            r"witness session with|questions? to|q\s*&\s*a with|"
                            r"presentation (?:from|by))\s+(?P<who>[^,(\-\u2013:]+)", re.I)
_ANSWER = re.compile(r"^(?:A|Answer)\s*\d*\s*[:.)]\s+(?=\S)")
_COMMITTEE_QUESTION = re.compile(r"^(?:(?:Q|Question)\s*\d*\s*[:.)]\s+(?=\S)|(?:Members|Committee members|"
                                 r"The (?:Committee|Panel|Commission|Sub-Committee))\s+(?:then\s+|also\s+)?"
                                 r"(?:asked|queried|enquired|questioned)\b)")
_FIRST_PERSON = re.compile(r"^[\"'\u201c\u2018]?(?:I|We|My|Our)(?:\b|['\u2019])")
_PUBLIC_WORDS = re.compile(r"\b(?:residents?|member of the public|objector|applicant|petitioner|"
                           r"appellant|local|neighbour(?:ing)?|public(?!\s+(?:health|protection|realm|sector|law))|residents['\u2019]|"
                           r"association|society|friends of|parent)\b", re.I)
# An officer of another body (police, a company, a school) is not a council officer.
_OUTSIDE_BODY = re.compile(r"\b(?:police|ltd|limited|plc|nhs|trust|school|college|university|"
                           r"hospital|network|charity|association|society)\b", re.I)
_OFFICER_WORDS = re.compile(r"\b(?:officer|director|head of|manager|clerk|solicitor|advis[eo]r|"
                            r"lawyer|engineer|planner|council['\u2019]s|team leader)\b", re.I)
_MEMBER_WORDS = re.compile(r"\b(?:ward councillor|councillor|cabinet member|lead member|"
                           r"portfolio holder|ward member)\b", re.I)


@dataclass
class _Mention:
    start: int
    end: int
    name: str  # display name
    key: str  # full-name key for people lookup
    surname: str
    role: str
    bare: bool = False  # an untitled "Firstname Surname"
    kind: str = "person"  # "post" for a job title ("The Director of Finance")


_TITLE_WORDS = frozenset(TITLES.values())


def _titled(m: re.Match[str]) -> _Mention | None:
    title = title_of(m.group("title")) or m.group("title")
    # Initials and inner titles go: "Councillor Mrs V M Bucknor" is Councillor Bucknor.
    tokens = [t for t in m.group("names").split()
              if not re.fullmatch(r"[A-Z]\.?|(?:[A-Z]\.){2,}", t) and not title_of(t)]
    if not tokens or any(t in _NOT_NAME for t in tokens):
        return None  # "Councillor Tax", "Councillor Ward Funding"
    surname = tokens[-1]
    particle = [t for t in tokens[:-1] if t.islower()]
    if particle:
        surname = " ".join(particle + [surname])
    given = [t for t in tokens[:-1] if not t.islower()]
    if title == "Councillor":
        name, role = f"Councillor {surname}", "member"
    elif title in ("Mayor", "Lord Mayor"):
        # "Mayor Okafor": the civic Mayor, a councillor, by surname; the post stays on the speaker.
        name, role = f"{title} {surname}", "chair"
    else:
        # Initials stay ("Mr B Heckel"): they tell him from "Mr Anton Heckel" (people.resolve_short_names).
        initials = [] if given else [t.replace(".", "") for t in itertools.takewhile(
            lambda t: bool(re.fullmatch(r"[A-Z]\.?|(?:[A-Z]\.){2,}", t)), m.group("names").split())]
        name, role = " ".join([title, *initials, *given, surname]), ""
    return _Mention(m.start(), m.end(), name, " ".join(given + [surname]).lower(), surname.lower(), role)


def _office(m: re.Match[str]) -> _Mention | None:
    office = re.sub(r"\s+", " ", m.group("office")).strip()
    noun = m.group("noun").lower()
    words = [w if w.lower() in ("of", "for", "and", "the") else w[:1].upper() + w[1:]
             for w in office.split()]
    name = "The " + " ".join(words)
    if re.fullmatch(_CHAIR, m.group("noun")) and not re.match(r"(?i)vice|deputy", noun):
        role = "chair"
        name = "The Chair" if office.lower() == noun else name  # "The Sub-Committee Chair"
    elif re.fullmatch(r"(?i)(?:lord )?mayor", office):
        role = "chair"  # the civic Mayor presides over Council meetings
    elif re.fullmatch(_PUBLIC, m.group("noun")):
        role = "public"
    elif re.fullmatch(_MEMBER_OFFICE, m.group("noun")) or re.match(r"(?i)vice|deputy chair", noun):
        role = "member"
    else:
        role = "officer"
    key = name.lower()[4:]
    return _Mention(m.start(), m.end(), name, key, key, role, kind="post")


def _bare(m: re.Match[str], text: str) -> _Mention | None:
    tokens = m.group("names").split()
    if tokens[0] in _FIRST_STOP or any(t in _NOT_NAME or t in _TITLE_WORDS for t in tokens):
        return None
    before = text[max(0, m.start() - 12):m.start()].rstrip()
    if re.search(r"\b(?:the|a|an|of|from)$|['\u2019]s$", before, re.I):
        return None  # "the Kingston Tamil Heritage Group", "of Coombe Lane", "the Government's ..."
    name = " ".join(tokens)
    return _Mention(m.start(), m.end(), name, name.lower(), tokens[-1].lower(), "", bare=True)


# "Councillors Neil and Webster", "Councillors Ann Lee, Bo Hart and Cy Day", and one surname shared
# by two people: "Councillors George and Judith Cooper".
_PLURAL = re.compile(rf"\b(?:Councillors|Cllrs)\.?\s+(?P<list>{_NAME}(?:\s*,\s*{_NAME})*\s*,?\s+and\s+{_NAME})\b")
_ONE = re.compile(_NAME)


def _plural(m: re.Match[str]) -> list[_Mention]:
    """One mention per councillor a plural title lists."""
    names = [(m.start("list") + n.start(), m.start("list") + n.end(), n.group(0).split())
             for n in _ONE.finditer(m.group("list"))]
    if len(names) < 2 or any(t in _NOT_NAME for _, _, tokens in names for t in tokens):
        return []
    last = names[-1][2]
    out = []
    shared = len(names) == 2 and len(names[0][2]) == 1 and len(last) == 2
    for start, end, tokens in names:
        if shared:  # "George and Judith Cooper": two Coopers, told apart by their given names
            tokens = [tokens[0], last[-1]]
        surname = tokens[-1]
        name = f"Councillor {' '.join(tokens)}" if shared else f"Councillor {surname}"
        out.append(_Mention(start, end, name, " ".join(tokens).lower(), surname.lower(), "member"))
    return out


def _mentions(text: str) -> list[_Mention]:
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for m in _PLURAL.finditer(text):
        for mention in _plural(m):
            found.append(mention)
            taken.append((mention.start, mention.end))
    for pattern, build in ((_TITLED, _titled), (_OFFICE, _office)):
        for m in pattern.finditer(text):
            titled = build(m)
            if titled and not any(s < titled.end and titled.start < e for s, e in taken):
                found.append(titled)
                taken.append((titled.start, titled.end))
    pos = 0
    while (bare := _BARE.search(text, pos)) is not None:
        found_bare = None if any(s < bare.end() and bare.start() < e for s, e in taken) else _bare(bare, text)
        if found_bare:
            found.append(found_bare)
            taken.append((found_bare.start, found_bare.end))
            pos = bare.end()
        else:  # "In Southwark Haitham Ahmed said": try again from the next word
            nxt = re.search(r"\s+", text[bare.start():bare.end()])
            pos = bare.start() + nxt.end() if nxt else bare.end()
    return sorted(found, key=lambda x: x.start)


def _appos_role(text: str) -> str:
    """A role from an apposition: "(Chair)", ", Head of Planning,", ", a local resident,"."""
    if re.fullmatch(r"(?i)\s*(?:the\s+)?(?:chair(?:man|woman|person)?|chairing)\s*", text):
        return "chair"
    if _PUBLIC_WORDS.search(text):
        return "public"
    if _MEMBER_WORDS.search(text):
        return "member"
    if _OFFICER_WORDS.search(text) and not _OUTSIDE_BODY.search(text):
        return "officer"
    return ""


def _verb_after(mentions: list[_Mention], i: int, text: str) -> tuple[re.Match[str] | None, int]:
    """The speech verb governing mention i (following a chain "A and B said"), and its index.

    A comma joins titled names only in a list that ends with "and" ("Mrs A, Ms B and Ms C spoke").
    """
    j, commas, joined = i, False, False
    while True:
        m = _FOLLOW.match(text, mentions[j].end)
        if m:
            appos = m.group("appos_text") or ""
            if appos and re.search(rf"\b(?:{_VERBS_FINITE}|that|which|who|whom|whose)\b", appos) \
                    and not re.match(r"(?i)(?:duly\s+)?seconded by\b", appos):
                # "Councillor Bowman, seconded by Councillor McNally, moved that ..." keeps Bowman
                return None, j
            if commas and not joined:
                return None, j
            return m, j
        if j + 1 < len(mentions):
            gap = text[mentions[j].end:mentions[j + 1].start]
            if _CONNECTOR.match(gap):
                j, joined = j + 1, True
                continue
            if _LIST_COMMA.match(gap) and not mentions[j].bare and not mentions[j + 1].bare \
                    and mentions[j].kind == mentions[j + 1].kind and mentions[j].kind in ("person", "post"):
                j, commas = j + 1, True
                continue
        return None, j


# The names before one in a list after "by": "made by Mr Gough, Sir Paul Carter, Mr Chard and".
_LIST_BEFORE = re.compile(rf"(?:(?:{TITLE_PATTERN})\.?\s+(?:(?:{TITLE_PATTERN})\.?\s+)?[A-Z][\w'\u2019-]*"
                          r"(?:\s+[A-Z][\w'\u2019-]*){0,2}(?:,?\s+(?:OBE|CBE|MBE|JP))?"
                          r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*))+$")


def _how_passive_list(text: str, start: int) -> str:
    """A name later in a list that follows a passive verb: "Tributes to Mr Simkins were made by Mr Gough,
    Sir Paul Carter and Mr Chard" (each paid tribute); "moved by Cllr Lowe and Cllr Ruiz"."""
    before = text[max(0, start - 400):start]
    m = _LIST_BEFORE.search(before)
    how = _how_passive(before[:m.start()]) if m else ""
    # Not "a question from Councillor Hayes, Mr Nair explained": only acts a list can share.
    return how if how in ("paid tribute", "moved", "seconded", "proposed", "presented", "introduced") else ""


def _how_passive(before: str) -> str:
    m = _PASSIVE.search(before)
    if not m or _ITEM_RAISED.search(before):
        return ""
    if m.group("motion"):
        return "moved"  # "On a motion by Cllr Lowe, seconded by Cllr Ruiz"
    if m.group("presentation") or m.group("heading"):
        return "presented"  # "The panel received a presentation from Dr Yeo"
    verb = m.group("verb")
    if verb is None:
        return "asked"  # "a question from Councillor X"
    verb = verb.lower()
    if verb == "second":
        return "seconded"  # "moved by Cllr Lowe and second by Cllr Ruiz": a misspelt seconder
    if verb == "made":
        if _ANNOUNCED_CONTEXT.search(before[:m.start()]):
            return "announced"  # "The following announcements were made by Mayor Hart:"
        if _TRIBUTE_CONTEXT.search(before[:m.start()]):
            return "paid tribute"  # "Tributes to Mr Simkins were made by Mr Gough, ..."
        return "proposed" if _MADE_CONTEXT.search(before[:m.start()]) else ""
    if verb == "given":
        return "presented" if _GIVEN_CONTEXT.search(before[:m.start()]) else ""
    return verb.lower()


@lru_cache(maxsize=1024)  # asked once per paragraph with the same item title
def _witness(title: str) -> _Mention | None:
    m = _WITNESS_TITLE.match(title or "")
    if not m:
        return None
    who = m.group("who").strip()
    t = _TITLED.match(who)
    mention = _titled(t) if t else None
    if mention is None:
        tokens = [w for w in who.split() if w[:1].isupper()]
        if not tokens or any(w in _NOT_NAME for w in tokens):
            return None
        mention = _Mention(0, 0, " ".join(tokens), " ".join(tokens).lower(), tokens[-1].lower(), "")
    mention.role = "witness"
    return mention


def _speaker(mn: _Mention, how: str, evidence: str, role: str, people: dict[str, str] | None,
             witness: _Mention | None, post: str = "") -> Speaker:
    if witness is not None and mn.surname == witness.surname and mn.role not in ("member", "chair"):
        role = "witness"
    role = _MOTION_ROLES.get(how, role)
    councillor = mn.name.startswith(("Councillor ", "Mayor ", "Lord Mayor "))
    pid = (people or {}).get(mn.key) or person_for(mn.name, people, councillor=councillor)
    if not post and mn.name.startswith(("Mayor ", "Lord Mayor ")):
        post = "The " + mn.name.rsplit(" ", 1)[0]
    return Speaker(name=mn.name, person_id=pid, role=role, how=how, evidence=evidence.strip(), kind=mn.kind,
                   post=post)


# A post in apposition that is one of the council's offices: kept on the person ("Mr Hook, Leader of
# the Liberal Democrat Group, explained" -> post "Leader of the Liberal Democrat Group").
_POST_LIKE = re.compile(r"^(?:the\s+)?(?:(?:acting|interim|deputy|assistant|executive|corporate|strategic|"
                        r"senior|principal)\s+)*(?:(?:vice[- ])?chair(?:man|woman)?|leader|mayor|cabinet member|"
                        r"lead member|portfolio holder|chief executive|monitoring officer|director|head|clerk|"
                        r"general counsel|[\w ]{0,40}(?:officer|manager|director))\b[^()]{0,90}$", re.I)


def _appos_post(appos: str) -> str:
    appos = " ".join(appos.split()).strip(" ,")
    return appos if _POST_LIKE.match(appos) else ""


def _appos_says_who(appos: str) -> bool:
    """Whether an apposition makes an untitled name a person: a post, a role, or an organisation
    ("Simon Hannah, Assistant Branch Secretary, UNISON, informed", "Tayo Adesina, Trash Gxng, informed")."""
    appos = appos.strip()
    return bool(appos) and (bool(_appos_role(appos) or _POST_LIKE.match(appos) or _OFFICER_WORDS.search(appos))
                            or len(appos.split()) <= 6)


def _initialled(key: str, people: dict[str, str] | None) -> bool:
    """ "Jenni Hawkins" is the "Ms J Hawkins" of the attendance list: the only listed person with her
    surname, listed with her first name's initial (so "Sarah Hill", a resident, is not Mr P M Hill)."""
    words = key.split()
    if not people or len(words) != 2 or len(words[0]) < 2:
        return False
    pid = people.get(words[-1], "")
    slug = [w for w in (pid.rsplit("/n/", 1)[-1] if "/n/" in pid else "").split("-") if w and not title_of(w)]
    return bool(slug) and slug[0] == words[0][0]


def attribute(text: str, *, people: dict[str, str] | None = None, title: str = "",
              known: frozenset[str] = frozenset()) -> tuple[Speaker, ...]:
    """The people a paragraph names as speaking, in order; none rather than a wrong one.

    An untitled name ("Sarah Nash said") is a person only with evidence: it is one of ``people``
    (the council's members, the meeting's attendance), one of ``known`` (name keys the item
    introduces as people), or it has a post or body in apposition. "Riverside Footbridge had asked"
    is no one.
    """
    if not text:
        return ()
    people = {name_key(k) or k.lower(): v for k, v in people.items()} if people else None

    def vouched(mn: _Mention, appos: str = "") -> bool:
        return (not mn.bare or mn.key in (people or {}) or mn.key in known or _appos_says_who(appos)
                or _initialled(mn.key, people))

    mentions = _mentions(text)
    witness = _witness(title)
    found: list[tuple[int, Speaker]] = []
    covered = 0  # end of the last attribution's words: a name inside them is not a speaker
    for i, mn in enumerate(mentions):
        how = _how_passive(text[max(0, mn.start - 80):mn.start]) or (
            _how_passive_list(text, mn.start) if mn.kind == "person" else "")
        label = _SPEAKER_LABEL.match(text, mn.end) if not how and mn.start == 0 else None
        if label and (not mn.bare or label.group("quote")) and vouched(mn):
            # Transcript style: 'Ms Trent: "Every September we have families ..."'
            found.append((0, _speaker(mn, "said", text[:label.end()], mn.role, people, witness)))
            covered = label.end()
            continue
        heading = _PASSIVE.search(text[:mn.start]) if how == "presented" and mn.role == "public" else None
        if heading is not None and heading.group("heading"):
            how = ""  # "Presentation by the Applicant": a heading; who presented the minutes say next
        if how and vouched(mn):
            found.append((mn.start, _speaker(mn, how, _passive_evidence(text, mn), mn.role, people,
                                             witness)))
            continue
        having = _HAVING.match(text[:mn.start]) if not mn.bare else None
        if having and mn.start >= covered and vouched(mn):
            found.append((mn.start, _speaker(mn, having.group("verb").lower(), text[:mn.end], mn.role, people,
                                             witness)))
            covered = mn.end
            continue
        gerund = _GERUND.match(text, mn.end) if _WITH_BEFORE.search(text[max(0, mn.start - 8):mn.start]) else None
        if gerund and mn.start >= covered and vouched(mn):
            # "..., with the Chair stating that ...": the participle names the speaker
            found.append((mn.start, _speaker(mn, gerund.group("verb"), text[mn.start:gerund.end()], mn.role,
                                             people, witness)))
            continue
        m, last = _verb_after(mentions, i, text)
        if m is None or mn.start < covered:
            continue
        head = i
        while head > 0 and _CONNECTOR.match(text[mentions[head - 1].end:mentions[head].start]):
            head -= 1
        if not m.group("who") and _OBJECT_BEFORE.search(text[max(0, mentions[head].start - 40):
                                                              mentions[head].start]):
            continue  # "thanked Councillor Bass ..." names who was thanked, not a speaker
        verb = m.group("verb")
        if verb.lower() == "moved" and _MOVED_ITEM.match(text, m.end()):
            continue  # "The Chair moved this item up the agenda": the order of business, not a motion
        if verb.lower() == "welcomed" and _GREETING.match(text, m.end()):
            continue  # "The Chair welcomed everyone": a greeting, not something said to be quoted
        if _RECORDED.search(text[max(0, mentions[head].start - 40):mentions[head].start]):
            continue  # "amended to show that Councillor X declared ...": about another meeting
        aux = (m.group("aux") or "").split()
        if _PAST.intersection(aux) and _ELSEWHERE.match(text, m.end()):
            continue  # "... recently presented at another council's forum": not at this meeting
        if "had" in aux and text[:1].islower():
            continue  # "the applicant had agreed ..." continues someone's "said that:": reported
        if "had" in aux and _REPORTED.search(
                text[max(0, mentions[head].start - 30):mentions[head].start]):
            continue  # "The Chair informed ... that Councillor X had indicated ...": reported, not said here
        how = "presented" if re.match(_GAVE, verb) else verb.lower()
        how = "thanked" if how.startswith("led") else "put to the vote" if how.startswith("put ") else how
        appos = m.group("appos_text") or m.group("post_text") or m.group("paren") or ""
        for k in range(i, last + 1):  # everyone in the chain "A, B and C spoke"
            one = mentions[k]
            mine = appos if k == last else ""
            nxt = mentions[k + 1] if k + 1 < len(mentions) else None
            if (one.kind == "post" and mine and m.group("appos_text") and nxt is not None and nxt.kind == "person"
                    and not text[m.start("appos_text"):nxt.start].strip()
                    and not text[nxt.end:m.end("appos_text")].strip() and vouched(nxt)):
                # "The Leader of the Labour Group, Mr Brady, commented": Mr Brady, who holds the post
                found.append((one.start, _speaker(nxt, how, text[one.start:m.end()], nxt.role or one.role, people,
                                                  witness, post=one.name)))
                continue
            if not vouched(one, mine):
                continue
            role = (_appos_role(appos) or one.role) if k == last else one.role
            post = _appos_post(mine) if one.kind == "person" else ""
            found.append((one.start, _speaker(one, how, text[one.start:m.end()], role, people, witness, post)))
        covered = max(covered, m.start("verb"))
    if not found and witness is not None:
        # Interview items: answers ("I ...", "A: ...") are the witness's; unattributed questions
        # ("Q: ...", "Members asked ...") are the committee's, as a body.
        stripped = text.lstrip()
        # A question put by the committee ("Q: ...", "Members asked ...") is no one's: a body is never a speaker.
        if _COMMITTEE_QUESTION.match(stripped):
            pass
        elif _FIRST_PERSON.match(stripped) or _ANSWER.match(stripped):
            evidence = " ".join(text.split()[:6])
            how = "answered" if _ANSWER.match(stripped) else "first person"
            found.append((0, _speaker(witness, how, evidence, "witness", people, witness)))
    out: dict[str, Speaker] = {}
    for _, sp in sorted(found, key=lambda x: x[0]):
        out.setdefault(sp.person_id or sp.name, sp)
    return tuple(out.values())


def _passive_evidence(text: str, mn: _Mention) -> str:
    m = _PASSIVE.search(text[max(0, mn.start - 80):mn.start])
    start = max(0, mn.start - 80) + (m.start() if m else 0)
    return text[start:mn.end]


def named_in(text: str) -> list[Speaker]:
    """Everyone a text names (people and posts), in order, whether or not they speak in it."""
    return [Speaker(name=mn.name, role=mn.role, kind=mn.kind) for mn in _mentions(text)]


@lru_cache(maxsize=1024)
def interview_witness(title: str) -> Speaker | None:
    """The witness an item's title names ("Interview with Dr Ali Ahmed", "Councillor Jo Hart,
    Cabinet Member for Housing", "Evidence from the Director of Public Health"), or None."""
    mention = _witness(title)
    if mention is None:
        rest = re.sub(r"(?i)^\s*(?:interview|evidence|witness session)\s*(?:with|from|by|:|-|\u2013)?\s*", "",
                      title or "")
        # An untitled name is a witness only with a post beside it ("Tara Quinn, Head of Parks"):
        # "Riverside Footbridge: Outline Business Case" and "Matters Arising" are titles, not people.
        named = [mn for mn in _mentions(rest)
                 if not mn.bare or (len(_mentions(title)) == 1
                                    and (post := re.match(r"\s*(?:,|\(|\s[-\u2013]\s)\s*([^,()]+)", rest[mn.end:]))
                                    and _POST_LIKE.match(post.group(1).strip()))]
        if not named:
            return None
        mention = named[0]
    return Speaker(name=mention.name, role="witness", kind=mention.kind)


__all__ = ["attribute", "named_in", "interview_witness"]

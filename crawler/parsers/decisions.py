"""What was decided: decisions, recorded votes, declarations of interest, apologies and substitutes.

Pure functions over an Item's paragraphs (and its "Decision:" section). Minutes word these in a
few fixed ways: "RESOLVED that ...", "It was RESOLVED that:" followed by numbered resolutions,
"AGREED" / "DECIDED" (capitals only: "agreed" is common prose), recorded votes ("carried (For: 8,
Against: 1, Abstain: 0)", "Voting: unanimous"), "Councillor X declared a non-pecuniary interest
in item 6 as ...", "Apologies ... were received from Councillors A, B and C", "Councillor D
attended as a substitute for Councillor E". Nothing is guessed: an unreadable sentence gives no
record rather than a wrong one.
"""

from __future__ import annotations

import re

from crawler.names import TITLE_PATTERN, title_of
from crawler.parsers.outcome import classify_outcome
from crawler.records import (
    RESOLUTION_LABEL,
    Decision,
    Declaration,
    Item,
    Member,
    Paragraph,
    Vote,
    references_in,
    replace,
)

_BODY = r"(?:the\s+)?(?:sub-)?(?:committee|panel|cabinet|council|board|commission|forum)"
_RESOLVED = re.compile(r"^(?:(?:therefore|accordingly|thereupon|and)\s*,?\s*)?(?:it\s+was\s+|" + _BODY + r"\s+)?"
                       r"(?:unanimously\s+|further\s+)?(?P<word>resolved)\b", re.I)
_AGREED = re.compile(r"^(?:(?:[Ii]t was|[Tt]he (?:Sub-)?(?:Committee|Panel|Cabinet|Council))\s+)?"
                     r"(?P<word>AGREED|DECIDED|ORDERED)\b")
_VOTING_LINE = re.compile(r"^\(?\s*(?:voting|vote|votes)\b", re.I)
_NUM = r"(\d{1,3}|none|nil|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_WORDS = {"none": 0, "nil": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
          "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_FOR = re.compile(rf"\b(?:for|in favour)\s*[:\-\u2013]?\s*{_NUM}\b|\b{_NUM}\s+(?:votes\s+)?"
                  r"(?:for|in favour)\b", re.I)
_AGAINST = re.compile(rf"\bagainst\s*[:\-\u2013]?\s*{_NUM}\b|\b{_NUM}\s+(?:votes\s+)?against\b", re.I)
_ABSTAIN = re.compile(rf"\b(?:abstain(?:ed|ing)?|abstentions?)\s*[:\-\u2013]?\s*{_NUM}\b|"
                      rf"\b{_NUM}\s+abstentions?\b", re.I)
_VOTES_TO = re.compile(rf"\b{_NUM}\s+votes?\s+to\s+{_NUM}\b", re.I)
_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b", re.I)
_RESULT = re.compile(r"\b(?P<r>carried|lost|fell|defeated|not carried)\b", re.I)


def _n(m: re.Match[str] | None) -> int | None:
    if m is None:
        return None
    value = next(g for g in m.groups() if g is not None).lower()
    return int(value) if value.isdigit() else _WORDS[value]


def parse_vote(text: str) -> Vote | None:
    """A recorded vote in a sentence: numbers for / against / abstaining, or "unanimous"."""
    low = text.lower()
    if "vot" not in low and "for:" not in low and "unanim" not in low and "carried" not in low:
        return None
    votes_for, against, abstain = _n(_FOR.search(text)), _n(_AGAINST.search(text)), _n(
        _ABSTAIN.search(text))
    to = _VOTES_TO.search(text)  # "carried by 22 votes to one", "lost by 47 votes to 17"
    if to and votes_for is None and against is None:
        won = _n(re.match(_NUM, to.group(1), re.I)), _n(re.match(_NUM, to.group(2), re.I))
        lost = bool(re.search(r"\b(?:lost|defeated|fell|not carried)\b", text[:to.start()], re.I))
        votes_for, against = (won[1], won[0]) if lost else won
    unanimous = bool(_UNANIMOUS.search(text))
    if votes_for is None and against is None and not unanimous:
        return None
    result = ""
    m = _RESULT.search(text)
    if m:
        result = "carried" if m.group("r").lower() == "carried" else "lost"
    elif unanimous or (votes_for is not None and against is not None and votes_for > against):
        result = "carried" if unanimous or _VOTING_LINE.match(text) else ""
    return Vote(votes_for=votes_for, against=against, abstain=abstain, result=result,
                unanimous=unanimous, text=text.strip())


def opens_decision(text: str) -> bool:
    """Whether a paragraph opens a decision: "RESOLVED ...", "The Committee resolved to ...",
    "AGREED", "DECIDED", "ORDERED that ..." (the last three in capitals only: common prose otherwise)."""
    return bool(_RESOLVED.match(text) or _AGREED.match(text))


def _decision_kind(text: str) -> str:
    if _RESOLVED.match(text):
        return "resolved"
    if _AGREED.match(text):
        return "agreed"
    return ""


def _norm(text: str) -> str:
    """Text for comparing two copies of a decision: from its key word on, words only."""
    m = re.search(r"\b(?:resolved|agreed|decided)\b", text, re.I)
    return re.sub(r"\W+", " ", text[m.start():] if m else text).strip().lower()


def _group(paragraphs: tuple[Paragraph, ...]) -> list[tuple[int, list[Paragraph]]]:
    """Runs of decision paragraphs: a "RESOLVED ..." opener and the labelled resolutions after it."""
    groups: list[tuple[int, list[Paragraph]]] = []
    current: list[Paragraph] | None = None
    for p in paragraphs:
        if p.kind == "decision" and _decision_kind(p.text):
            current = [p]
            groups.append((p.n, current))
        elif p.kind == "decision" and current is not None:
            current.append(p)
        elif current is not None and _VOTING_LINE.match(p.text):
            current.append(p)  # "Voting: unanimous" between numbered resolutions
        else:
            current = None
    return groups


def _from_paras(paras: list[Paragraph]) -> tuple[str, tuple[str, ...], Vote | None]:
    """The decision's text, its parts and its vote. The opener's own label ("3. RESOLVED that Cabinet
    agree to:", a printed minute's paragraph number) numbers the minute's paragraphs, not the
    resolution's parts: the decision starts at "RESOLVED"."""
    lines, resolutions, vote = [], [], None
    for i, p in enumerate(paras):
        line = f"{p.label} {p.text}".strip()
        if i == 0 and p.label and opens_decision(p.text):
            lines.append(p.text.strip())
            vote = vote or parse_vote(p.text)
            continue
        if _VOTING_LINE.match(p.text) and not p.label:
            vote = vote or parse_vote(p.text)
            continue
        lines.append(line)
        if p.label:
            resolutions.append(line)
        vote = vote or parse_vote(p.text)
    return "\n".join(lines), tuple(resolutions), vote


_LABELLED = RESOLUTION_LABEL  # a line of a "Decision:" section that is a numbered part


def _vote_before(paragraphs: tuple[Paragraph, ...], n: int) -> Vote | None:
    """The last vote with a stated result minuted before paragraph n (0: anywhere in the minutes)."""
    found = None
    for p in paragraphs:
        if n and p.n >= n:
            break
        v = parse_vote(p.text)
        if v is not None and (v.result or v.votes_for is not None):
            found = v
    return found


def _motion_before(paragraphs: tuple[Paragraph, ...], n: int, last: int) -> tuple[str, str]:
    """Who moved and who seconded, minuted after decision paragraph `last` and up to paragraph n
    (0: anywhere): "MOVED by Councillor X and SECONDED by Councillor Y"."""
    mover = seconder = ""
    for p in paragraphs:
        if p.n <= last or (n and p.n > n):
            continue
        if mover and re.search(r"\bamendment\b", p.text, re.I):
            continue  # an amendment moved after the motion: the decision is on the motion
        for sp in p.speakers:
            if sp.role == "mover":
                mover = sp.name
            elif sp.role == "seconder":
                seconder = sp.name
    return mover, seconder


def find_decisions(item: Item, vote_table: Vote | None = None) -> tuple[Decision, ...]:
    """The item's decisions: resolutions in the minutes, and its "Decision:" section if different;
    each with the vote and the mover and seconder minuted before it (run attribution first)."""
    out: list[Decision] = []
    last = 0
    for n, paras in _group(item.paragraphs):
        text, resolutions, vote = _from_paras(paras)
        kind = _decision_kind(paras[0].text)
        mover, seconder = _motion_before(item.paragraphs, paras[-1].n, last)
        last = paras[-1].n
        out.append(Decision(id="", item_id=item.id, kind=kind, text=text, resolutions=resolutions,
                            vote=vote or _vote_before(item.paragraphs, n), paragraph_n=n,
                            mover=mover, seconder=seconder))
    section = item.decision.strip()
    if section:
        lines = section.splitlines()
        same = next((d for d in out if _norm(d.text).startswith(_norm(section))
                     or _norm(section).startswith(_norm(d.text))), None)
        if same is not None:
            # The meeting page cut the minutes short mid-resolution: the section has the whole text.
            if len(section) > len(same.text):
                out[out.index(same)] = replace(
                    same, id="", item_id=item.id, text=section,
                    resolutions=tuple(ln for ln in lines if _LABELLED.match(ln)))
        else:
            mover, seconder = _motion_before(item.paragraphs, 0, 0)
            out.append(Decision(id="", item_id=item.id, kind=_decision_kind(section) or "decision",
                                text=section,
                                resolutions=tuple(ln for ln in lines if _LABELLED.match(ln)),
                                vote=vote_table or _vote_before(item.paragraphs, 0),
                                mover=mover, seconder=seconder))
    if vote_table is not None and out and out[-1].vote is None:
        out[-1] = replace(out[-1], vote=vote_table)
    return tuple(replace(d, id=f"{item.id}/d{i}", outcome=classify_outcome(d.text, d.status),
                         references=tuple(references_in(f"{item.title}\n{d.text}")))
                 for i, d in enumerate(out, start=1))


def decision_kind(text: str) -> str:
    """ "resolved" / "agreed" from a decision's opening words, else "decision"."""
    return _decision_kind(text) or "decision"


def merge_decision_page(item: Item, page: Decision) -> Item:
    """An item with what its decision page (ieDecisionDetails.aspx) says: maker, dates, status,
    reasons... The minutes' own decision with the same wording takes them; without one the page's
    decision is added to the item."""
    found = next((d for d in item.decisions if page.text and (
        _norm(d.text).startswith(_norm(page.text)) or _norm(page.text).startswith(_norm(d.text)))), None)
    if found is None:
        added = replace(page, id=f"{item.id}/d{len(item.decisions) + 1}", item_id=item.id,
                        outcome=classify_outcome(page.text, page.status),
                        references=tuple(references_in(f"{item.title}\n{page.title}\n{page.text}")))
        return replace(item, decisions=item.decisions + (added,))
    merged = replace(page, id=found.id, item_id=item.id, kind=found.kind,
                     text=found.text if len(found.text) >= len(page.text) else page.text,
                     resolutions=found.resolutions or page.resolutions, vote=found.vote,
                     paragraph_n=found.paragraph_n)
    merged = replace(merged, outcome=classify_outcome(merged.text, merged.status),
                     references=tuple(references_in(f"{item.title}\n{merged.title}\n{merged.text}")))
    return replace(item, decisions=tuple(merged if d is found else d for d in item.decisions))


# -- Declarations of interest ------------------------------------------------------------------

_INTEREST = re.compile(r"\b(?P<kind>disclosable pecuniary|non[- ]pecuniary|pecuniary|"
                       r"other registrable|non[- ]registrable|personal(?: and prejudicial)?|"
                       r"prejudicial|significant|registrable)\s+interests?\b", re.I)
_CONCERNS = re.compile(r"\b(?:in|on|under|regarding|concerning|in relation to|in respect of|for)\s+"
                       r"(?P<what>(?:agenda\s+)?(?:item\s+)?(?:no\.?\s*)?\d{1,3}[a-z]?\b"
                       r"(?:\s*[-\u2013:,]?\s*[^,;.()]{0,90})?|minute\s+\d{1,3})", re.I)
_NONE_DECLARED = re.compile(r"\bno (?:declarations|disclosures|interests)\b|\bnone (?:were )?declared\b|"
                            r"\bthere were no\b", re.I)


def _interest_kind(text: str) -> str:
    """ "Non pecuniary" -> "non-pecuniary"; other kinds lower-cased as minuted."""
    low = re.sub(r"\s+", " ", text.lower())
    return re.sub(r"^non[- ]", "non-", low)


# How a speaker is minuted as declaring an interest (a declaration, not speech).
DECLARING = frozenset({"declared", "disclosed"})
# Under a declarations heading, a member's statement is a declaration however it is worded:
# "Councillor X stated that she was the Ward Councillor ... and would keep an open mind".
_STATING = frozenset({"stated", "said", "advised", "informed", "reported", "explained", "confirmed",
                      "indicated", "noted", "mentioned", "declared", "disclosed"})
_OTHER_HEADING = re.compile(r"\bother (?:registrable )?interests?\b", re.I)


def find_declarations(item: Item) -> tuple[Declaration, ...]:
    """Declarations of interest: paragraphs whose attributed speaker "declared" an interest, and
    under a declarations heading, members' statements of an interest or a connection.

    Relies on speaker attribution (run it first): who declared is whoever the paragraph names
    as declaring, with their person id when it could be linked; a paragraph without such a
    speaker gives no declaration.
    """
    out: list[Declaration] = []
    heading = item.procedural == "declarations"
    for p in item.paragraphs:
        if _NONE_DECLARED.search(p.text) or ("interest" not in p.text.lower() and not heading):
            continue
        for sp in p.speakers:
            # an officer named by post ("The General Counsel advised ...") speaks as the officer, declaring nothing
            under_heading = heading and sp.how in _STATING and sp.kind == "person" and not sp.post
            if sp.how not in DECLARING and not under_heading:
                continue
            after = p.text[p.text.find(sp.evidence) + len(sp.evidence):] if sp.evidence in p.text else p.text
            kind = _INTEREST.search(after)
            interest = _interest_kind(kind.group("kind")) if kind else ""
            if not interest and under_heading and _OTHER_HEADING.search(item.title):
                interest = "other"  # minuted under "Declarations of Other Interests"
            concerns = _CONCERNS.search(after)
            out.append(Declaration(
                id=f"{item.id}/x{len(out) + 1}", item_id=item.id, who=sp.name, person_id=sp.person_id,
                concerns=concerns.group("what").strip(" ,-") if concerns else "",
                interest=interest, text=p.text, paragraph_n=p.n))
    return tuple(out)


# -- Apologies and substitutes --------------------------------------------------------------------

_APOLOGIES = re.compile(r"\bapologies(?:\s+for\s+(?:absence|lateness))?\s+(?:were|was|had been)\s+"
                        r"(?:received|submitted|given|tendered|noted)\s+(?:from|on behalf of)\s+"
                        r"(?P<who>[^.;]+)", re.I)
_SUBSTITUTE = re.compile(r"(?P<sub>(?:Councillor|Cllr)\.?\s+[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2})"
                         r"\s+(?:attended|was present|was in attendance|substituted)\s+"
                         r"(?:as\s+(?:a\s+|the\s+)?substitute\s+)?(?:for|in place of)\s+"
                         r"(?P<for>(?:Councillor|Cllr)\.?\s+[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2})")
_NAME = re.compile(rf"^(?:(?P<title>{TITLE_PATTERN})\.?\s+)?"
                   r"(?P<name>[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3})$")


def _names(listing: str) -> list[str]:
    """ "Councillors Noel Hadjimichael, Patrick Hall and John Sweeney" -> three councillors."""
    listing = re.sub(r"\s*\((?:[^()]*)\)", "", listing)
    listing = re.split(r"\s+(?:who|and\s+(?:Councillor|Cllr)\s+\w+\s+attended)\b", listing)[0]
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", listing) if p.strip()]
    out, title = [], ""
    for part in parts:
        m = _NAME.match(part)
        if not m:
            return []  # not a plain list of names: give none rather than wrong ones
        t = title_of(m.group("title") or "")
        title = t or title
        out.append(f"{title} {m.group('name')}".strip())
    return out


def apologies_and_substitutes(item: Item) -> tuple[list[Member], list[Member]]:
    """Who sent apologies and who substituted, from an apologies item's minutes (names only)."""
    apologies: list[Member] = []
    substitutes: list[Member] = []
    for p in item.paragraphs:
        for m in _APOLOGIES.finditer(p.text):
            for name in _names(m.group("who")):
                apologies.append(Member(name=name, role="Member", attendance="apologies"))
        for m in _SUBSTITUTE.finditer(p.text):
            sub = re.sub(r"^Cllr\.?", "Councillor", m.group("sub"))
            substitutes.append(Member(name=sub, role="Substitute", attendance="present",
                                      substitute_for=re.sub(r"^Cllr\.?", "Councillor", m.group("for"))))
    return apologies, substitutes


__all__ = ["parse_vote", "find_decisions", "find_declarations", "apologies_and_substitutes", "DECLARING"]

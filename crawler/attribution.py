"""Who spoke, item by item: sentence attribution (speakers.py) plus what only the whole item tells.

- **Interview items.** When an item's title names a witness ("Interview with Dr Ali Ahmed", or a
  name or post alone, "Councillor Jo Hart, Cabinet Member for Housing") and its minutes put
  questions, the questions are the committee's and each unattributed paragraph after a question,
  up to the next one, is the witness's answer: attributed with the evidence "answer in an
  interview item" and marked inferred, since no words name the speaker.
- **One person, one id.** People introduced with their post ("Tara Quinn, Head of Parks and
  Leisure" in the agenda or an "officers introduced themselves:" list) are matched to how the
  minutes name them ("Toni Ainge and Tara Quinn updated ...", "Dr Beth Jones", "the Head of
  Parks and Leisure"), and "Dr Quirke" is "Dr Martin Quirke" minuted a paragraph earlier.
  Matching is by the one rule in people.py / names.py; when it is not exactly one person,
  nothing is linked.

- **"The speakers stressed ..."** in an item that lists its presenters is each of them (inferred).
- **Lists after "said that:".** The entries of a list that follows "Maria Greene ... said that:"
  are hers: the sentence continues into them.

Pure functions, no I/O.
"""

from __future__ import annotations

import re

from crawler.names import name_key, same_person
from crawler.people import ListedPerson, display_id_name, listed_people, match_listed, post_key
from crawler.records import Item, Paragraph, Speaker, person_id, replace
from crawler.speakers import attribute, interview_witness

ANSWER_EVIDENCE = "answer in an interview item"
_EXPLICIT_INTERVIEW = re.compile(r"(?i)\b(?:interview|evidence (?:from|session)|witness session|"
                                 r"q\s*&\s*a|questions? (?:to|for))\b")
_QUESTION = re.compile(r"^(?:(?:Q|Question)\s*\d*\s*[:.)]\s|(?:Members?|Committee members|A member|"
                       r"The (?:Committee|Panel|Commission|Sub-Committee|Board))\s+(?:then\s+|also\s+|further\s+)?"
                       r"(?:asked|queried|enquired|questioned|sought)\b)")
# What the committee itself did is not an answer: "The Committee noted the evidence."
_NOT_ANSWER = re.compile(r"^(?:The (?:Committee|Commission|Panel|Sub-Committee|Board|Chair|meeting)|"
                         r"Members|It was|RESOLVED|AGREED|NOTED|DECIDED)\b")
_QUESTION_END = re.compile(r"\?[\"'\u201d\u2019)]*\s*$")
_ASKERS = frozenset({"asked", "queried", "enquired", "inquired", "questioned", "sought"})
_OFFICER_POST = re.compile(r"\b(?:officer|director|head of|manager|clerk|solicitor|lawyer|engineer|"
                           r"planner|team leader|project manager)\b", re.I)
_OUTSIDE_BODY = re.compile(r"\b(?:police|ltd|limited|plc|nhs|trust|school|college|university|"
                           r"hospital|network|charity|association|society|icb|practice)\b", re.I)


def _is_question(p: Paragraph, speakers: tuple[Speaker, ...]) -> bool:
    text = p.text.strip()
    return bool(_QUESTION.match(text) or _QUESTION_END.search(text) or p.label.upper().startswith("Q")
                or any(sp.how in _ASKERS and sp.role != "witness" for sp in speakers))


def _committee(p: Paragraph) -> Speaker:
    m = _QUESTION.match(p.text.strip())
    evidence = m.group(0).strip() if m else " ".join(p.text.split()[:6])
    return Speaker(name="The Committee", role="member", how="asked", evidence=evidence, kind="body")


def _interview(item: Item, attributed: list[tuple[Speaker, ...]]) -> list[tuple[Speaker, ...]]:
    """Questions to the committee, unattributed answers to the witness the title names."""
    witness = interview_witness(item.title)
    if witness is None or witness.role != "witness":
        return attributed
    questions = [_is_question(p, sps) for p, sps in zip(item.paragraphs, attributed, strict=True)]
    if not any(questions) and not _EXPLICIT_INTERVIEW.search(item.title):
        return attributed  # a name in the title, but nobody questions anyone: not an interview
    out, answering = [], False
    for p, sps, question in zip(item.paragraphs, attributed, questions, strict=True):
        if question:
            answering = True
            if not sps:
                sps = (_committee(p),)
        elif answering and not sps and p.kind == "minutes" and not _NOT_ANSWER.match(p.text.strip()):
            sps = (replace(witness, how="answered", evidence=ANSWER_EVIDENCE, inferred=True),)
        out.append(sps)
    return out


_THE_PRESENTERS = re.compile(r"^(?:[^:.]{3,80}:\s*)?(?P<who>The (?:speakers|presenters|guests|witnesses))\s+"
                             r"(?:also\s+|then\s+|jointly\s+)?"
                             r"(?P<verb>stressed|said|explained|emphasi[sz]ed|highlighted|noted|described|"
                             r"outlined|advised|stated|reported|confirmed|suggested|agreed)\b")


def _presenters(item: Item, attributed: list[tuple[Speaker, ...]],
                listed: list[ListedPerson]) -> list[tuple[Speaker, ...]]:
    """"The speakers stressed ..." in an item that lists its presenters: each of them, inferred,
    under the name the minutes last used for them."""
    if len(listed) < 2:
        return attributed
    out: list[tuple[Speaker, ...]] = []
    named: dict[str, Speaker] = {}  # listed name -> the speaker as last minuted
    for p, sps in zip(item.paragraphs, attributed, strict=True):
        for sp in sps:
            found = match_listed(sp.name, sp.evidence, listed) or next(
                (lp for lp, prev in ((lp, named.get(lp.name)) for lp in listed)
                 if prev is not None and same_person(prev.name, sp.name)), None)
            if found is not None:
                named[found.name] = sp
        m = _THE_PRESENTERS.match(p.text.strip())
        if not sps and m and p.kind == "minutes":
            evidence = m.group(0)[m.start("who"):]
            sps = tuple(replace(named[lp.name], how=m.group("verb").lower(), evidence=evidence, inferred=True)
                        if lp.name in named else
                        Speaker(name=lp.name, how=m.group("verb").lower(), evidence=evidence, inferred=True)
                        for lp in listed)
        out.append(sps)
    return out


def _item_lines(item: Item) -> list[str]:
    """The lines an item may introduce people on: its agenda text and its minutes' list entries."""
    lines = [ln for ln in item.agenda_text.splitlines()]
    lines += [p.text for p in item.paragraphs if p.label or len(p.text) < 200]
    return lines


def _reconcile(item: Item, attributed: list[tuple[Speaker, ...]],
               listed: list[ListedPerson]) -> list[tuple[Speaker, ...]]:
    """One id per person within the item: listed people and fuller names give it."""
    people = [sp for sps in attributed for sp in sps
              if sp.kind == "person" and not sp.person_id and not sp.name.startswith("Councillor ")]
    canonical: dict[str, ListedPerson | str] = {}
    for sp in people:  # first, names minuted with the post they were listed with
        found = match_listed(sp.name, sp.evidence, listed)
        if found is not None:
            canonical.setdefault(sp.name, found)
    for sp in people:  # then the same people minuted shorter ("Dr Quirke", "Haitham Ahmed" again)
        if sp.name in canonical:
            continue
        known = [c for n, c in canonical.items() if same_person(n, sp.name)]
        found = match_listed(sp.name, "", listed)
        fuller = max((n for n in (sp2.name for sp2 in people) if same_person(n, sp.name)),
                     key=lambda n: len(name_key(n)))
        canonical[sp.name] = known[0] if len(set(map(str, known))) == 1 else found or fuller
    return [tuple(_one(item.council_id, sp, listed, canonical) for sp in sps) for sps in attributed]


def _one(council: str, sp: Speaker, listed: list[ListedPerson],
         canonical: dict[str, ListedPerson | str]) -> Speaker:
    if sp.person_id or sp.kind == "body":
        return sp
    if sp.kind == "post":
        # A post is linked only where the item says who holds it ("Toni Ainge, Director of Leisure").
        holders = [p for p in listed if post_key(p.post).startswith(post_key(sp.name))]
        if len(holders) == 1 and sp.name.lower() != "the chair":
            return replace(sp, person_id=person_id(council, name=display_id_name(holders[0].name)))
        return sp
    who = canonical.get(sp.name)
    if who is None:
        return sp  # a councillor: linked by the council's own people (people.person_for) or not at all
    role = sp.role
    if isinstance(who, ListedPerson):
        if not role and _OFFICER_POST.search(who.post) and not _OUTSIDE_BODY.search(who.post):
            role = "officer"
        who = who.name
    return replace(sp, person_id=person_id(council, name=display_id_name(who)), role=role)


_SAID_THAT = re.compile(r"\bthat\s*:\s*$|\b(?:said|stated|explained|advised|reported|highlighted|"
                        r"made the following points|raised the following|noted)\s*:\s*$", re.I)


def _continued(item: Item, attributed: list[tuple[Speaker, ...]]) -> list[tuple[Speaker, ...]]:
    """List entries after "Maria Greene ... said that:" are hers: the same sentence goes on."""
    out: list[tuple[Speaker, ...]] = []
    speaking: tuple[Speaker, ...] = ()
    for p, sps in zip(item.paragraphs, attributed, strict=True):
        if sps:
            speaking = sps if len(sps) == 1 and _SAID_THAT.search(p.text) else ()
        elif speaking and p.label and p.kind == "minutes":
            sp = speaking[0]
            sps = (replace(sp, evidence=f"a list entry continuing {sp.evidence!r}"),)
        else:
            speaking = ()
        out.append(sps)
    return out


def attribute_item(item: Item, people: dict[str, str] | None = None) -> Item:
    """The item with speakers on every paragraph: sentence by sentence, then the list, interview
    and one-person-one-id rules above."""
    attributed = [attribute(p.text, people=people, title=item.title) for p in item.paragraphs]
    listed = listed_people(_item_lines(item))  # the people the item introduces, read once
    attributed = _reconcile(item, _presenters(item, _interview(item, _continued(item, attributed)), listed), listed)
    paragraphs = tuple(replace(p, speakers=sps) for p, sps in zip(item.paragraphs, attributed, strict=True))
    return replace(item, paragraphs=paragraphs)


__all__ = ["attribute_item", "ANSWER_EVIDENCE"]

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
from crawler.people import ListedPerson, display_id_name, listed_people, match_listed, person_for, post_key
from crawler.records import Item, Member, Paragraph, Speaker, person_id, replace
from crawler.speakers import attribute, interview_witness, named_in

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
            answering = True  # a question the committee put is no one's: a body is never a speaker
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


_SAID_THAT = re.compile(r"\bthat\s*:\s*-?\s*$|\b(?:said|stated|explained|advised|reported|highlighted|"
                        r"made the following points|raised the following|noted)\s*:\s*-?\s*$|"
                        r"\bthe following (?:question|response|answer|reply|statement|points?)s?"
                        r"\s*(?:[:;.]\s*-?|-)\s*$", re.I)
_QUOTED = re.compile(r"^[\"\u201c\u2018']")
# "He added ...", "She also highlighted ...": the person named just before goes on speaking.
_PRONOUN = re.compile(r"^(?P<who>He|She)\s+(?:(?:also|then|further|additionally|again|subsequently|"
                      r"finally|lastly)\s+)?(?P<verb>said|added|stated|explained|highlighted|noted|stressed|"
                      r"emphasi[sz]ed|confirmed|advised|reported|responded|replied|answered|continued|"
                      r"commented|suggested|outlined|pointed out|referred|acknowledged|indicated|asked|"
                      r"informed|told|expressed|concluded|described|welcomed|thanked|felt|believed)\b")


def _name_only(p: Paragraph, known: frozenset[str]) -> Speaker | None:
    """A line holding only a person's name ("Councillor Ruth Ames"): whose words follow."""
    text = p.text.strip().rstrip(":")
    named = [sp for sp in named_in(text) if sp.kind == "person"]
    if len(named) != 1 or len(text.split()) > 6 or not text[:1].isupper():
        return None
    sp = named[0]
    if not any(text.startswith(t) for t in ("Councillor", "Cllr", "Mr", "Mrs", "Ms", "Miss", "Dr", "Mayor", "Rev",
                                              "Professor", "Sir", "Dame")) and name_key(sp.name) not in known:
        return None
    return replace(sp, how="said", evidence=text)


def _continued(item: Item, attributed: list[tuple[Speaker, ...]],
               known: frozenset[str] = frozenset()) -> list[tuple[Speaker, ...]]:
    """Speech that goes on past the paragraph that names the speaker, while no one else is named:
    list entries after "Maria Greene ... said that:" and a quoted question after "Mr Dale asked the
    following question:-" are hers (the same sentence goes on); "He added ..." and "She said ..."
    after one named person (or a line holding only a name) are theirs, inferred."""
    out: list[tuple[Speaker, ...]] = []
    speaking: tuple[Speaker, ...] = ()  # a list or quotation that goes on
    last: Speaker | None = None  # the one person named just before, for "He added ..."
    for p, sps in zip(item.paragraphs, attributed, strict=True):
        text = p.text.strip()
        if sps:
            speaking = sps if len(sps) == 1 and _SAID_THAT.search(text) else ()
            people = [sp for sp in sps if sp.kind == "person"]
            last = people[0] if len(sps) == 1 and people else None
        elif speaking and (p.label or _QUOTED.match(text)) and p.kind == "minutes":
            sp = speaking[0]
            sps = (replace(sp, evidence=f"a list entry continuing {sp.evidence!r}"),)
        elif last is not None and p.kind == "minutes" and (m := _PRONOUN.match(text)) \
                and not any(n.kind == "person" for n in named_in(text[:m.end()])):
            sps = (replace(last, how=m.group("verb").lower(), inferred=True,
                           evidence=f"{m.group(0)!r} continuing {last.evidence!r}"),)
            speaking = ()
        elif (alone := _name_only(p, known)) is not None:
            last, speaking = alone, ()
        else:
            speaking = ()
            if named_in(text):
                last = None  # someone else is named in between
        out.append(sps)
    return out


_GENERIC_QUALIFIERS = frozenset({"assistant", "deputy", "acting", "interim", "senior", "principal", "corporate",
                                 "strategic", "executive"})
_GENERIC_NOUNS = frozenset({"officer", "director", "head", "manager", "lead", "consultant", "analyst", "specialist",
                            "engineer", "planner", "coordinator", "co-ordinator", "adviser", "advisor", "secretary",
                            "inspector", "lawyer", "solicitor", "treasurer"})


def generic_post(name: str) -> bool:
    """A post that names no one office: "The Officer", "The Assistant Director" (but "The Licensing
    Officer", "The Director of Finance", "The Chair" each name one)."""
    words = post_key(name).split()
    return bool(words) and words[-1] in _GENERIC_NOUNS and all(w in _GENERIC_QUALIFIERS for w in words[:-1])


def _holders(item: Item, attributed: list[tuple[Speaker, ...]],
             people: dict[str, str] | None) -> list[tuple[Speaker, ...]]:
    """Posts resolved within the item. A generic post ("The Assistant Director agreed") is the last
    fuller post of that kind minuted before it ("The Assistant Director for IACF"), or no one. A post
    whose holder the item names ("Mr R Gough, Leader of the Council, provided an update" ... "The
    Leader explained") is that person, the post kept on the speaker."""
    holders: dict[str, set[str]] = {}
    by_name: dict[str, Speaker] = {}
    for sps in attributed:
        for sp in sps:
            if sp.kind == "person" and sp.post:
                holders.setdefault(post_key(sp.post), set()).add(sp.person_id or name_key(sp.name))
                by_name.setdefault(post_key(sp.post), sp)
    out: list[tuple[Speaker, ...]] = []
    seen: list[str] = []  # fuller posts minuted so far, in order
    for sps in attributed:
        new: list[Speaker] = []
        for sp in sps:
            if sp.kind == "post" and generic_post(sp.name):
                words = set(post_key(sp.name).split())
                fuller = next((q for q in reversed(seen) if words <= set(post_key(q).split())
                               and post_key(q).split()[-1] == post_key(sp.name).split()[-1]
                               or post_key(q).startswith(post_key(sp.name) + " ")), None)
                if fuller is None:
                    continue  # "The Officer recommended": which officer the minutes do not say
                sp = replace(sp, name=fuller, evidence=f"{sp.evidence} (the {fuller[4:]}, minuted before)",
                             person_id=person_for(fuller, people))
            if sp.kind == "post":
                seen.append(sp.name)
                key = post_key(sp.name)
                if len(holders.get(key, ())) == 1:
                    who = by_name[key]
                    sp = replace(sp, name=who.name, person_id=who.person_id, kind="person", post=sp.name,
                                 role=who.role or sp.role,
                                 evidence=f"{sp.evidence} ({sp.name[4:]}: {who.name}, as minuted in this item)")
            elif sp.post:
                seen.append("The " + sp.post if not sp.post.lower().startswith("the ") else sp.post)
            new.append(sp)
        out.append(tuple(dict.fromkeys(new)))
    return out


def _known(item: Item, listed: list[ListedPerson]) -> frozenset[str]:
    """Name keys the item itself shows to be people: introduced with a post, or named with a title."""
    keys = {name_key(lp.name) for lp in listed}
    witness = interview_witness(item.title)
    if witness is not None and witness.kind == "person":
        keys.add(name_key(witness.name))
    for p in item.paragraphs:
        for sp in named_in(p.text):
            key = name_key(sp.name)
            if sp.kind == "person" and len(key.split()) >= 2 and sp.name.split()[0] in _TITLED_FIRST:
                keys.add(key)
    return frozenset(k for k in keys if k)


_TITLED_FIRST = frozenset({"Councillor", "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Professor", "Sir", "Dame", "Rev",
                           "Lord", "Lady", "Sergeant", "Inspector", "Canon", "Mayor"})


def attribute_item(item: Item, people: dict[str, str] | None = None) -> Item:
    """The item with speakers on every paragraph: sentence by sentence, then the list, interview
    and one-person-one-id rules above."""
    listed = listed_people(_item_lines(item))  # the people the item introduces, read once
    known = _known(item, listed)
    attributed = [attribute(p.text, people=people, title=item.title, known=known) for p in item.paragraphs]
    # An untitled name vouched for once in the item (by a post in apposition) is a person throughout.
    more = known | {name_key(sp.name) for sps in attributed for sp in sps if sp.kind == "person"}
    if more != known:
        known = frozenset(more)
        attributed = [attribute(p.text, people=people, title=item.title, known=known) for p in item.paragraphs]
    attributed = _continued(item, attributed, known)
    attributed = _reconcile(item, _presenters(item, _interview(item, attributed), listed), listed)
    attributed = _holders(item, attributed, people)
    paragraphs = tuple(replace(p, speakers=sps) for p, sps in zip(item.paragraphs, attributed, strict=True))
    return replace(item, paragraphs=paragraphs)


def resolve_meeting_posts(items: list[Item], attendance: tuple[Member, ...] = (),
                          dated: tuple[Member, ...] = ()) -> list[Item]:
    """Posts resolved across one meeting: "The Leader advised" in one minute is Mr Gough when another
    minute of the same meeting says "Mr R Gough, Leader of the Council", or the meeting's attendance
    lists him with that post ("Mr B Watts (General Counsel)", "Mr B J Sweetland (Chairman)": who
    chaired this meeting, not the committee's chair today), or ``dated``: the councillors whose own page
    dates the post as held on the meeting's day. Only a post exactly one person holds in the meeting is
    resolved; the post stays on the speaker."""
    holders: dict[str, dict[str, tuple[str, str, str]]] = {}
    page = "as their council page dates the post on the meeting's day"
    minutes = "as this meeting's minutes name the holder"
    for m, why in [*((m, page) for m in dated), *((m, minutes) for m in attendance)]:
        if m.role and m.name and m.attendance in ("present", ""):
            held = holders.setdefault(post_key(m.role), {})
            # one person listed twice (their council page, then the printed minutes' own list): the first wins
            if not any(same_person(m.name, name) for name, _, _ in held.values()):
                held[m.person_id or name_key(m.name)] = (m.name, m.person_id, why)
    for it in items:
        for p in it.paragraphs:
            for sp in p.speakers:
                if sp.kind == "person" and sp.post:
                    who = sp.person_id or name_key(sp.name)
                    held = holders.setdefault(post_key(sp.post), {})
                    if not any(same_person(sp.name, name) for name, _, _ in held.values()):
                        held[who] = (sp.name, sp.person_id, minutes)
    unique = {k: next(iter(v.values())) for k, v in holders.items() if len(v) == 1}
    if not unique:
        return items
    out = []
    for it in items:
        paragraphs = []
        for p in it.paragraphs:
            sps = []
            for sp in p.speakers:
                key = post_key(sp.name)
                if sp.kind == "post" and key in unique and sp.person_id in ("", unique[key][1] or sp.person_id):
                    name, pid, why = unique[key]
                    sp = replace(sp, name=name, person_id=pid, kind="person", post=sp.name,
                                 evidence=f"{sp.evidence} ({sp.name[4:] if sp.name.startswith('The ') else sp.name}: "
                                          f"{name}, {why})")
                sps.append(sp)
            paragraphs.append(replace(p, speakers=tuple(dict.fromkeys(sps))) if sps != list(p.speakers) else p)
        out.append(replace(it, paragraphs=tuple(paragraphs)))
    return out


__all__ = ["attribute_item", "resolve_meeting_posts", "ANSWER_EVIDENCE"]

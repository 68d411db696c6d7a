"""The rule a speaker value must keep (issue 21), written apart from the parser so that it checks it:
a speaker is a person (a title and a name; an untitled name the source lists among its people or
introduces with a post or body in apposition) or a post from a closed grammar, or no one. Bodies
("The Committee"), places and titles ("Riverside Footbridge", "Matters Arising") never are."""

from __future__ import annotations

import re

from crawler.names import TITLES, name_key
from crawler.records import Speaker

_QUALIFIER = (r"(?:acting|interim|deputy|assistant|senior|principal|chief|corporate|strategic|executive|"
              r"legal|licensing|planning|democratic|services|risk|[A-Z][\w'\u2019&-]*)")
_HEAD = (r"(?:chair|vice-chair|chairman|vice-chairman|mayor|lord mayor|deputy mayor|leader|deputy leader|"
         r"cabinet member|lead member|executive member|portfolio holder|chief executive|monitoring officer|"
         r"general counsel|"
         r"clerk|director|head|manager|officer|adviser|advisor|solicitor|lawyer|secretary|engineer|planner|"
         r"lead|consultant|specialist|analyst|co-?ordinator|treasurer|inspector|applicant|agent|objector|"
         r"petitioner|appellant|applicant's agent)")
POST = re.compile(rf"^The (?:{_QUALIFIER} ){{0,4}}{_HEAD}(?: (?:of|for) .+| of the Council)?$", re.I)
_GENERIC = re.compile(r"^The (?:(?:acting|interim|deputy|assistant|senior|principal|corporate|strategic|executive) )*"
                      r"(?:officer|director|head|manager|lead|consultant|specialist|analyst)$", re.I)
_BODY = re.compile(r"^The (?:[\w-]+ )?(?:committee|panel|members|councillors|officers|board|commission|council|"
                   r"residents)$", re.I)
_TITLES = {t.lower() for t in TITLES.values()}


def is_post(name: str) -> bool:
    return bool(POST.match(name)) and not _GENERIC.match(name) and not _BODY.search(name)


def is_person(sp: Speaker, people: set[str]) -> bool:
    """A titled name; or an untitled one its source lists, or minutes with a post or body beside it."""
    words = sp.name.split()
    if len(words) >= 2 and (words[0].lower() in _TITLES or " ".join(words[:2]).lower() in _TITLES):
        return all(w[:1].isupper() or w.lower() in ("van", "von", "de", "da", "le", "la") for w in words[1:])
    if not all(re.fullmatch(r"[A-Z][\w'\u2019-]+", w) for w in words) or not 2 <= len(words) <= 4:
        return False
    if name_key(sp.name) in people:
        return True
    return bool(re.match(rf"{re.escape(sp.name)}\s*(?:,|\()", sp.evidence)) or bool(sp.post)


def breaks_rule(sp: Speaker, people: set[str]) -> bool:
    if sp.kind == "post":
        return not is_post(sp.name)
    if sp.kind == "person":
        return not is_person(sp, people)
    return True  # a body is never a speaker

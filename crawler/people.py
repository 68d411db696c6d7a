"""Who a name in the minutes is: the council's people by name, surname and post, and the one rule
for linking a minuted name to one of them.

Pure functions, no I/O. The rule (used by speaker attribution, apologies and substitutes alike):
a full name matches a full name; a councillor also matches by surname alone, while only one
of the council's people has that surname; a post ("the Director of Finance") matches the one
person listed as holding it. Anyone else is left unlinked rather than linked wrongly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from crawler.names import TITLE_PATTERN, name_key, same_person, strip_titles
from crawler.records import Member

_PLACE_ROLES = frozenset({"chair", "vice-chair", "member", "officer", "committee member",
                          "substitute", "councillor", "witness", "reserve", "non-committee member"})


def post_key(post: str) -> str:
    """A post as a lookup key: "The Director of Finance" -> "director of finance"."""
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", post.strip().lower()))


def people_index(members: Iterable[Member]) -> dict[str, str]:
    """Full-name keys, plus surnames and posts when only one person has them -> person id.

    "The Chair" is deliberately not linked to a committee's current chair: membership pages show
    today's chair, not who chaired a meeting two years ago.
    """
    full: dict[str, str] = {}
    partial: dict[str, set[str]] = {}
    for m in members:
        if not m.person_id or not m.name:
            continue
        key = name_key(m.name)
        if not key:
            continue
        full.setdefault(key, m.person_id)
        partial.setdefault(key.split()[-1], set()).add(m.person_id)
        job = m.role.strip().lower()
        if job and job not in _PLACE_ROLES:
            # An officer listed as "Mr Mark Osei (Director of Finance)" is who the minutes mean
            # by "the Director of Finance" (while only one person holds the title).
            partial.setdefault(post_key(job), set()).add(m.person_id)
    index = {k: next(iter(v)) for k, v in partial.items() if len(v) == 1 and k not in full}
    index.update(full)
    return index


def person_for(name: str, people: dict[str, str] | None, *, councillor: bool | None = None) -> str:
    """The person id for a name or post as minuted ("Councillor Noel Hadjimichael", "Cllr Hall",
    "The Director of Finance"), or "" when the one rule above does not give exactly one."""
    if not people:
        return ""
    if re.match(r"(?i)the\s", name.strip()):
        return people.get(post_key(name), "")
    key = name_key(name)
    if not key:
        return ""
    if key in people:
        return people[key]
    if councillor is None:
        councillor = bool(re.match(r"(?i)(?:councillor|cllr)\b", name.strip()))
    # Councillors are minuted by surname; anyone else only matches on the full name (a witness
    # "Dr Ali Ahmed" must not become "Councillor Sara Ahmed").
    return people.get(key.split()[-1], "") if councillor else ""


@dataclass(frozen=True)
class ListedPerson:
    """Someone an item introduces with their post: "Tara Quinn, Head of Parks and Leisure"."""

    name: str
    post: str


_LISTED = re.compile(rf"^\s*(?P<name>(?:(?:{TITLE_PATTERN})\.?\s+)?[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){{1,3}})"
                     r"(?:\s+[A-Z]{2,}(?:\s+[A-Z]{2,})*)?\s*(?:,|\s[-\u2013]\s|\()\s*(?P<post>[^,;()\u2022]{3,80})")
_POST_WORDS = re.compile(r"\b(?:director|head|manager|officer|lead|consultant|chair|chief|member|"
                         r"adviser|advisor|gp|architect|lecturer|councillor|leader|mayor|clerk|"
                         r"solicitor|engineer|planner|coordinator|co-ordinator|inspector|trustee)\b", re.I)


def listed_people(lines: Iterable[str]) -> list[ListedPerson]:
    """People introduced with their post, one a line ("Mr Haitham Hamoda MD FRCOG, Consultant
    Gynaecologist, ...", "Toni Ainge, Director of Leisure"), as agenda texts and the minutes'
    "The officers introduced themselves:" lists print them."""
    out: list[ListedPerson] = []
    for line in lines:
        m = _LISTED.match(line)
        if m and _POST_WORDS.search(m.group("post")):
            name = re.sub(r"\s+", " ", m.group("name"))
            if not any(same_person(name, p.name) for p in out):
                out.append(ListedPerson(name=name, post=m.group("post").strip()))
    return out


def match_listed(name: str, post: str, listed: list[ListedPerson]) -> ListedPerson | None:
    """The listed person a minuted name is: same person by name, or the same given name with the
    same post (a presenter listed as "Mr Haitham Hamoda, Consultant Gynaecologist" and minuted as
    "Haitham Ahmed, consultant gynaecologist" is one person); None when not exactly one fits."""
    fits = [p for p in listed if same_person(name, p.name)]
    if not fits and post:
        given = name_key(name).split()[:1]
        fits = [p for p in listed if given and name_key(p.name).split()[:1] == given
                and _post_words(post) & _post_words(p.post)]
    return fits[0] if len(fits) == 1 else None


def _post_words(post: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", post.lower())}


def display_id_name(name: str) -> str:
    """The name a person id is made from: no titles ("Dr Beth Jones" -> "Beth Jones")."""
    return strip_titles(name)


__all__ = ["people_index", "person_for", "post_key", "ListedPerson", "listed_people", "match_listed",
           "display_id_name"]

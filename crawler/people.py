"""Who a name in the minutes is: the council's people by name, surname and post, and the one rule
for linking a minuted name to one of them.

Pure functions, no I/O. The rule (used by speaker attribution, apologies and substitutes alike):
a full name matches a full name; a councillor also matches by surname alone, while only one
of the council's people has that surname; a post ("the Director of Finance") matches the one
person listed as holding it. Anyone else is left unlinked rather than linked wrongly.

Across a council's items (``resolve_short_names``, run by extract once every item is attributed):
a name minuted by title and surname only ("Mr Heckel", "Councillor Ennin") is the one fuller name
of the same council ("Mr Anton Heckel", "Councillor Natasha Ennin" in an attendance or apologies
list) when exactly one fuller name has that surname and agrees in title, initials and role, and
it was minuted or listed in the same meeting, committee, or within a year. Two fuller names with
that surname, or none in context, leave the short name as it was.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from crawler.names import TITLE_PATTERN, name_key, same_person, strip_titles, titles, titles_agree
from crawler.records import Committee, Item, Meeting, Member, person_id, replace

_PLACE_ROLES = frozenset({"chair", "vice-chair", "member", "officer", "committee member",
                          "substitute", "councillor", "witness", "reserve", "non-committee member"})


def post_key(post: str) -> str:
    """A post as a lookup key: "The Director of Finance" -> "director of finance"; one key for one
    post however it is printed ("The Chairman" / "the Chair", "Leader of the Council" / "The Leader")."""
    key = re.sub(r"^the\s+", "", re.sub(r"\s+", " ", post.strip().lower().replace("\u2019", "'")))
    key = re.sub(r"\bchair(?:man|woman|person)\b", "chair", key)
    return re.sub(r"^(leader|deputy leader|chief executive)\s+of\s+the\s+(?:council|authority)$", r"\1", key)


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
    """The name a person id is made from: no titles ("Dr Beth Jones" -> "Beth Jones"), except for a
    surname alone, which keeps them: "Mr Heckel" and "Ms Heckel" are two people until a fuller name
    says otherwise (resolve_short_names)."""
    return strip_titles(name) if len(name_key(name).split()) >= 2 else " ".join(name.split())


# -- One person, one id across a council: short names resolved to the one fuller name. -----------

CONTEXT_DAYS = 366  # "within the same period": a municipal year either side
# Roles that cannot be one person at once: the council's officer is not a member of the public.
_ROLE_CLASS = {"officer": "officer", "public": "public", "chair": "member", "member": "member",
               "vice-chair": "member", "councillor": "member", "substitute": "member"}
_INITIAL_TOKEN = re.compile(r"^([A-Z])\.?$|^((?:[A-Z]\.){2,})$")


@dataclass(frozen=True)
class _Context:
    """Where a name was minuted or listed: its meeting, committee and date (any may be unknown)."""

    meeting: str = ""
    committee: str = ""
    date: str = ""


@dataclass
class _Identity:
    """One fuller name of a council ("anton heckel") and everywhere it was printed."""

    key: str
    names: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)  # person ids its occurrences already carry
    titles: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    meetings: set[str] = field(default_factory=set)  # where it was minuted or listed
    committees: set[str] = field(default_factory=set)
    dates: list[date] = field(default_factory=list)  # sorted

    def seen(self, where: _Context) -> None:
        if where.meeting:
            self.meetings.add(where.meeting)
        if where.committee:
            self.committees.add(where.committee)
        day = _day(where.date)
        if day is not None:
            bisect.insort(self.dates, day)

    def near(self, where: _Context) -> bool:
        """The meeting context agrees: the same meeting or committee, or a date within CONTEXT_DAYS."""
        if where.meeting in self.meetings or where.committee in self.committees:
            return True
        day = _day(where.date)
        if day is None or not self.dates:
            return False
        at = bisect.bisect_left(self.dates, day)
        return any(abs((self.dates[i] - day).days) <= CONTEXT_DAYS for i in (at - 1, at) if 0 <= i < len(self.dates))


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def _initials(name: str) -> str:
    """The initials printed before a surname: "Mr A J Heckel" -> "AJ"."""
    out = ""
    for word in strip_titles(name).split()[:-1]:
        m = _INITIAL_TOKEN.match(word)
        if m:
            out += (m.group(1) or m.group(2).replace(".", ""))
    return out


def _roles_agree(role: str, roles: set[str]) -> bool:
    mine = _ROLE_CLASS.get(role.lower())
    theirs = {_ROLE_CLASS[r.lower()] for r in roles if r.lower() in _ROLE_CLASS}
    return not mine or not theirs or mine in theirs


def _fits(name: str, role: str, ident: _Identity) -> bool:
    """A short name can be this fuller one: titles, initials and role agree."""
    initials = _initials(name)
    given = ident.key.split()[0]
    return (titles_agree(titles(name), ident.titles) and _roles_agree(role, ident.roles)
            and (not initials or initials[0].lower() == given[0]))


def _is_short(name: str) -> bool:
    """A name minuted by title (and initials) and surname only: "Mr Heckel", "Cllr A Bass"."""
    key = name_key(name)
    return bool(key) and len(key.split()) == 1 and bool(titles(name))


def _is_full(name: str) -> bool:
    return len(name_key(name).split()) >= 2 and not name.strip().lower().startswith("the ")


class _Identities:
    """The fuller names of one council, by surname, with where each was printed."""

    def __init__(self, council: str):
        self.council = council
        self.by_key: dict[str, _Identity] = {}
        self.by_surname: dict[str, list[_Identity]] = {}

    def add(self, name: str, pid: str, role: str, where: _Context) -> None:
        if not _is_full(name):
            return
        key = name_key(name)
        ident = self.by_key.get(key)
        if ident is None:
            ident = self.by_key[key] = _Identity(key)
            self.by_surname.setdefault(key.split()[-1], []).append(ident)
        ident.names.add(name)
        if pid and pid != person_id(self.council, name=display_id_name(name)):  # not one made from the name
            ident.ids.add(pid)
        ident.titles |= titles(name)
        if role:
            ident.roles.add(role)
        ident.seen(where)

    def id_of(self, ident: _Identity) -> str:
        if ident.ids:
            return next(iter(ident.ids))
        fullest = max(sorted(ident.names), key=lambda n: len(strip_titles(n)))
        return person_id(self.council, name=display_id_name(fullest))

    def resolve(self, name: str, pid: str, role: str, where: _Context) -> str:
        """The id of the one fuller name a short name is, or "" when not exactly one fits in context."""
        if not _is_short(name) or pid not in ("", person_id(self.council, name=display_id_name(name))):
            return ""  # a full name, or already linked to one of the council's people
        fits = [i for i in self.by_surname.get(name_key(name), ()) if _fits(name, role, i)]
        if len(fits) != 1 or len(fits[0].ids) > 1 or not fits[0].near(where):
            return ""
        return self.id_of(fits[0])

    def linked(self, name: str, pid: str, role: str, where: _Context) -> str:
        """The id a minuted name carries once resolved: a short name its fuller name's, a fuller
        name without an id of its own the one its short forms get."""
        ident = self.by_key.get(name_key(name)) if _is_full(name) else None
        if ident is not None:
            return pid or (self.id_of(ident) if len(ident.ids) <= 1 else "")
        return self.resolve(name, pid, role, where) or pid


def resolve_short_names(council: str, items: Iterable[Item], meetings: Iterable[Meeting] = (),
                        committees: Iterable[Committee] = ()) -> list[Item]:
    """The council's items with every short name ("Mr Heckel") carrying the id of the one fuller
    name it is (module docstring), and each fuller name the same id wherever it is minuted."""
    items = [it for it in items if it.council_id == council]
    when = {m.id: _Context(m.id, m.committee_id, m.date) for m in meetings if m.council_id == council}
    people = _Identities(council)
    for m in meetings:
        if m.council_id == council:
            for member in (*m.attendance, *m.apologies, *m.substitutes):
                people.add(member.name, member.person_id, member.role, when[m.id])
    for c in committees:
        if c.council_id == council:
            for member in c.members:
                people.add(member.name, member.person_id, member.role, _Context(committee=c.id))

    def context(it: Item) -> _Context:
        return when.get(it.meeting_id) or _Context(it.meeting_id, it.committee_id, it.meeting_date)

    for it in items:
        for p in it.paragraphs:
            for sp in p.speakers:
                if sp.kind == "person":
                    people.add(sp.name, sp.person_id, sp.role, context(it))
    out = []
    for it in items:
        where = context(it)
        paragraphs = tuple(replace(p, speakers=tuple(
            replace(sp, person_id=pid) if sp.kind == "person"
            and (pid := people.linked(sp.name, sp.person_id, sp.role, where)) != sp.person_id else sp
            for sp in p.speakers)) for p in it.paragraphs)
        declarations = tuple(replace(x, person_id=pid) if (pid := people.linked(x.who, x.person_id, "", where))
                             != x.person_id else x for x in it.declarations)
        out.append(replace(it, paragraphs=paragraphs, declarations=declarations))
    return out


__all__ = ["people_index", "person_for", "post_key", "ListedPerson", "listed_people", "match_listed",
           "display_id_name",
           "resolve_short_names", "CONTEXT_DAYS"]

"""People's names as councils print them: the one list of titles and honorifics, and keys for names.

Every part of the crawler that reads a name (attendance pages, the web service, membership lists,
printed minutes, speaker attribution, apologies) uses these, so "Miss Jane Osei" on an attendance
page and "Jane Osei" in the web service are one person. Pure functions, stdlib only.
"""

from __future__ import annotations

import re

# Every title as it may be printed (lower case, no full stop) -> how Minutes writes it.
TITLES: dict[str, str] = {
    "councillor": "Councillor", "cllr": "Councillor", "councillors": "Councillor", "cllrs": "Councillor",
    "mr": "Mr", "mrs": "Mrs", "ms": "Ms", "miss": "Miss", "mx": "Mx",
    "dr": "Dr", "doctor": "Dr", "prof": "Professor", "professor": "Professor",
    "sir": "Sir", "dame": "Dame", "lord": "Lord", "lady": "Lady", "baroness": "Baroness", "baron": "Baron",
    "rev": "Rev", "revd": "Rev", "reverend": "Rev", "canon": "Canon", "father": "Father",
    "rabbi": "Rabbi", "imam": "Imam", "pastor": "Pastor",
    "sergeant": "Sergeant", "sgt": "Sergeant", "inspector": "Inspector", "insp": "Inspector",
    "chief inspector": "Chief Inspector", "superintendent": "Superintendent", "supt": "Superintendent",
    "pc": "PC", "constable": "Constable", "alderman": "Alderman",
    # "Mayor Okafor", "announcements were made by Mayor Hart": the civic Mayor by surname.
    "mayor": "Mayor", "lord mayor": "Lord Mayor",
}
# The printed forms as one regular-expression alternation, longest first ("Councillors" before
# "Councillor", "Chief Inspector" before "Inspector"); match it case-sensitively, capitalised.
TITLE_PATTERN = "|".join(re.escape(t.title()).replace(r"\ ", r"\s+") if " " in t else
                         (t.upper() if t in ("pc",) else t.title())
                         for t in sorted(TITLES, key=len, reverse=True))
_LEADING_TITLES = re.compile(rf"^(?:(?:{TITLE_PATTERN})\.?\s+)+")
_INITIAL = re.compile(r"^[A-Z]\.?$|^(?:[A-Z]\.){2,}$")


# Letters after a name: "Councillor Ames MBE confirmed", "Mr Haitham Hamoda MD FRCOG".
POSTNOMINALS = ("MBE", "OBE", "CBE", "KBE", "DBE", "BEM", "JP", "DL", "MP", "MEP", "QC", "KC", "MD", "PhD",
                "FRCOG", "FRCP", "FRCS", "MRCGP", "FRCGP", "MA", "BA", "BSc", "MSc", "FCA", "ACA", "CPFA",
                "FRICS", "MRTPI", "RIBA", "FFPH")


def title_of(word: str) -> str:
    """How Minutes writes a printed title ("Cllr." -> "Councillor"), or "" when it is not one."""
    return TITLES.get(re.sub(r"\s+", " ", word.lower().rstrip(".")), "")


def strip_titles(name: str) -> str:
    """The name without its leading titles: "Miss Jane Osei" -> "Jane Osei", "Cllr Dr A Khan" -> "A Khan"."""
    return _LEADING_TITLES.sub("", name.strip()).strip()


def name_key(name: str) -> str:
    """The lookup key of a name: no title, no initials, lower case ("Cllr N J D Chard" -> "chard")."""
    tokens = re.sub(r"[^\w\s'\u2019-]", " ", strip_titles(name)).split()
    while tokens and title_of(tokens[0]):
        tokens.pop(0)
    tokens = [t for t in tokens if not _INITIAL.match(t)]
    return " ".join(tokens).lower().replace("\u2019", "'")


def surname_key(name: str) -> str:
    """The last word of a name's key: how councillors are minuted ("Councillor Bass")."""
    key = name_key(name)
    return key.split()[-1] if key else ""


# Titles that may name the same person: a woman minuted "Ms Frost" and listed "Mrs Angela Frost";
# "Dr" and "Professor". Any other two different titles ("Mr" / "Ms", "Mr" / "Dr") are two people.
_SAME_TITLES = (frozenset({"Mrs", "Ms", "Miss"}), frozenset({"Dr", "Professor"}))


def titles(name: str) -> set[str]:
    """The titles a printed name starts with: "Cllr Dr A Khan" -> {"Councillor", "Dr"}."""
    out: set[str] = set()
    for word in name.split():
        title = title_of(word)
        if not title:
            break
        out.add(title)
    return out


def titles_agree(a: set[str], b: set[str]) -> bool:
    """Whether two sets of printed titles can be one person's (either unknown counts as agreeing)."""
    if not a or not b or a & b:
        return True
    return any(a <= group and b <= group for group in _SAME_TITLES)


def same_person(a: str, b: str) -> bool:
    """Whether two printed names can be one person: same surname, titles that agree where both
    are printed, and first given names that agree where both are printed ("Mr Anton Heckel" /
    "Mr Heckel", "Bethan Jones" / "Dr Beth Jones", "J Smith" / "Jane Smith" yes; "Dr Ali Ahmed" /
    "Sara Ahmed", "Mr Heckel" / "Ms Heckel" no)."""
    ka, kb = name_key(a).split(), name_key(b).split()
    if not ka or not kb or ka[-1] != kb[-1] or not titles_agree(titles(a), titles(b)):
        return False
    ga, gb = ka[:-1], kb[:-1]
    if not ga or not gb:
        return True
    x, y = sorted((ga[0], gb[0]), key=len)
    return y.startswith(x) and (len(x) >= 3 or x == y)


__all__ = ["TITLES", "TITLE_PATTERN", "POSTNOMINALS", "title_of", "strip_titles", "name_key", "surname_key",
           "same_person", "titles", "titles_agree"]

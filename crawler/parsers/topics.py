"""Topic terms: the key phrases that group items on the same subject across meetings.

An item's topics are its title less boilerplate ("Report:", "- Consultation Results"), the
subject before a colon ("Riverside Footbridge: Revised Cost Estimate" -> "Riverside Footbridge"),
planning references ("23/02841/FUL"), and the named places, sites and organisations in its title
and text ("Manorgate Road", "Westfield Library", "Dalebrook Homecare Ltd"). The same road or site
written in any case gives the same term, so a facet or ``topic:`` search finds every item on it.
Pure functions, no I/O.
"""

from __future__ import annotations

import re

_PLANNING_REF = re.compile(r"\b\d{2}/\d{4,5}/[A-Z]{2,6}\b|\b\d{2}/[A-Z]{2,4}/\d{3,5}\b")
_CAP = r"(?:St\.?|[A-Z][a-z\u2019']+(?:-[A-Z][a-z]+)?)"
# Place and site nouns (written in any case in running text: "the Riverside footbridge").
_PLACE_NOUNS = ("Road|Lane|Street|Avenue|Way|Grove|Close|Crescent|Drive|Gardens|Square|Walk|Hill|"
                "Bridge|Footbridge|Park|Estate|Library|School|Academy|College|Centre|Hospital|"
                "Station|Market|Gasworks|Depot|Common|Green|Quarter|Wharf")
_ORG_NOUNS = "Ltd|Limited|Plc|Trust|Association|Society|Partnership|Foundation|Charity"
_PLACE = re.compile(rf"\b((?:{_CAP}\s+){{1,3}})(?i:({_PLACE_NOUNS}|{_ORG_NOUNS}))\b"
                    r"(\s+(?:West|East|North|South)\b)?")
_PLACE_STOP = {"On", "Of", "The", "In", "At", "To", "For", "And", "By", "From", "With", "Via",
               "Near", "Along", "Regarding", "Outside", "Measures", "Junction", "Between", "A",
               "An", "This", "That", "Proposed", "New", "Existing", "Primary", "Secondary",
               "Local", "Council", "Councillor", "Cllr", "Mr", "Mrs", "Ms", "Dr", "Save", "Our",
               "Their", "His", "Her", "Its", "Each", "Every", "Any", "No", "Both", "Whether",
               # job titles run into the body they work for: "Senior Lecturer King's College"
               "Chair", "Vice", "Senior", "Lecturer", "Director", "Manager", "Head", "Chief",
               "Officer", "Consultant", "Professor", "Clinical", "Lead", "Principal", "Headteacher",
               "Member", "Trustee", "Governor", "Executive", "Secretary", "Treasurer"}
# "Riding for the Disabled Association": a name that runs on from words before it is not cut.
_RUN_ON = re.compile(r"[A-Z][\w'\u2019]*\s+(?:for|of|and|de|&)\s+(?:the\s+)?$")
_TITLE_PREFIX = re.compile(r"^(?:(?:[\w ]+ )?act \d{4}|report|update|petition|planning application|"
                           r"application|item|motion|notice of motion)\s*[:\-\u2013]\s*", re.I)
_TITLE_LEAD = re.compile(r"^(?:petition (?:regarding|about|on|for|concerning) (?:the )?|"
                         r"report (?:on|of) (?:the )?|update on (?:the )?|to consider (?:the )?)", re.I)
_TITLE_TAIL = re.compile(r"\s+[-\u2013:]\s+(?:[\w ]*\b(?:results?|update|report|consultation|"
                         r"appendix|annex|outcome)\b[\w ]*)$", re.I)
_HEAD = re.compile(r"^(?P<head>[^:\u2013\u2014]{3,60}?)\s*(?::|\s[\u2013\u2014-])\s+\S")
MAX_TOPICS = 10


def place_names(text: str) -> list[str]:
    """Road, site and organisation names: "Manorgate Road", "Coombe Lane West", "Westfield Library"."""
    found = []
    for m in _PLACE.finditer(text):
        words = m.group(1).split()
        while words and words[0] in _PLACE_STOP:
            words.pop(0)
        if not words:
            continue
        noun = m.group(2)
        if re.fullmatch(_ORG_NOUNS, noun, re.I) and _RUN_ON.search(text[max(0, m.start() - 40):m.start()]):
            continue
        noun = noun if noun[:1].isupper() else noun[:1].upper() + noun[1:]
        found.append(" ".join(words + [noun]) + (m.group(3) or ""))
    return found


def _subject(title: str) -> str:
    """The subject a title starts with: "Riverside Footbridge: Revised Cost Estimate" -> "Riverside
    Footbridge"; after a planning reference, the site: "23/02841/FUL – Riverside Footbridge, land ..."."""
    ref = _PLANNING_REF.match(title)
    if ref:
        rest = title[ref.end():].lstrip(" -\u2013\u2014:")
        return re.sub(r"\s*\(.*?\)", "", rest.split(",")[0]).strip()
    m = _HEAD.match(title)
    return re.sub(r"\s*\(.*?\)", "", m.group("head")).strip() if m else ""


def topics(title: str, *texts: str, procedural: str = "") -> tuple[str, ...]:
    """Key phrases for faceting: the title less boilerplate, its subject, planning refs, places."""
    out: list[str] = []
    if not procedural:
        phrase = _TITLE_TAIL.sub("", _TITLE_LEAD.sub("", _TITLE_PREFIX.sub("", title.strip())))
        phrase = phrase.strip(" .,:;-")
        if phrase:
            out.append(phrase[:1].upper() + phrase[1:])
            subject = _subject(phrase)
            if subject and len(subject.split()) <= 6:
                out.append(subject)
    for text in (title, *texts):
        out.extend(_PLANNING_REF.findall(text))
        out.extend(place_names(text))
    seen: set[str] = set()
    unique = []
    for t in out:
        if t.lower() not in seen:
            seen.add(t.lower())
            unique.append(t)
    return tuple(unique[:MAX_TOPICS])


__all__ = ["topics", "place_names"]

"""Topic terms: the subjects that group items across meetings, for the topic facet and ``topic:``.

A topic names a subject, never a whole agenda title: an application (its planning reference,
"23/02841/FUL", and the site it is for), a policy, strategy, project or service named by the
title ("Riverside Footbridge: Revised Cost Estimate" -> "Riverside Footbridge", "Housing Strategy
2024-2029" -> "Housing Strategy"), a premises ("The Anchor Tap, 22 Quay Street ..." -> "The Anchor
Tap"), and the named places, sites and organisations in its title and text ("Manorgate Road",
"Westfield Library", "Dalebrook Homecare Ltd"). Not topics: the meeting's own business ("Work
Programme", "Mayor's Announcements", "Questions from Members"), a person interviewed, a title's
year or quarter (so the budget of every year is one topic). The same road or site written in any
case gives the same term, so a facet or ``topic:`` search finds every item on it.
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
                           r"application|item|motion|notice of motion|"
                           # Southwark's procurement stages: "Gateway 3 - Variation Decision: ..."
                           r"gateway \d+(?:\s*[-\u2013]\s*[\w ]{0,40}?(?=:))?)\s*[:\-\u2013]\s*", re.I)
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


# A year, a span of years or a quarter in a title: "2023/24", "2025-2040", "Q2", "for the municipal year".
_PERIOD = re.compile(r"\s*(?:\b(?:for|in|of)\s+)?(?:\bthe\s+)?(?:\bmunicipal year\s+)?"
                     r"(?:\b(?:19|20)\d{2}(?:\s*[/\-\u2013]\s*(?:19|20)?\d{2}\b)?|\bQ[1-4]\b|\bquarter [1-4]\b)"
                     r"(?:\s+to\s+(?:19|20)\d{2}(?:/\d{2})?)?", re.I)
# Words of a meeting's own business: a title made only of these names no subject.
_BUSINESS = frozenset("""work programme programmes announcements announcement questions question members
    member public mayor mayor's mayors leader leader's statement statements update updates progress
    decision decisions notice intention conduct business closed meeting meetings representations
    received minutes appointment appointments committee committees election elections voting
    confirmation deputation deputations requests request forward plan corporate performance report
    reports annual chair vice chair's any other urgent items item exclusion press and of the to a an
    in for from on by with matters arising date next review overview scrutiny""".split())
# A title about a person (an interview): the subject is theirs, found in the text, not the title.
_PERSON_TITLE = re.compile(r"^(?:interview|evidence|presentation|questions?|witness session)\b|"
                           r"^(?:councillor|cllr|mr|mrs|ms|miss|dr|professor)\.?\s", re.I)
_TRAILING_REPORT = re.compile(r"(?<=\w)\s+(?:annual\s+)?(?:progress\s+)?(?:update|updates|report|progress)$", re.I)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
MAX_SUBJECT_WORDS = 6


def title_subject(title: str) -> str:
    """The subject an agenda title names, or "" when it names none (module docstring)."""
    phrase = _TITLE_TAIL.sub("", _TITLE_LEAD.sub("", _TITLE_PREFIX.sub("", title.strip()))).strip(" .,:;-")
    if not phrase or _PERSON_TITLE.match(phrase):
        return ""
    ref = _PLANNING_REF.search(phrase)
    if ref:  # an application: the site it is for, unless that is just a numbered address
        site = _subject(phrase) if ref.start() == 0 else re.split(r"\s+[-\u2013]\s+", phrase)[0]
        phrase = site.split(",")[0]
    elif "," in phrase and (_POSTCODE.search(phrase) or re.search(r",\s*\d", phrase)):
        # a premises and its address: "The Anchor Tap, 22 Quay Street"; Lambeth's "La Vuelta - (45 Tulse
        # Hill, London SW2 2TJ) Variation"
        phrase = re.split(r",|\s+[-\u2013]\s+\(|\s+\(\d", phrase)[0]
    else:
        phrase = _subject(phrase) or phrase
    phrase = re.sub(r"\s*\(.*?\)", "", phrase)
    phrase = re.sub(r"\s+", " ", _PERIOD.sub("", phrase)).strip(" .,:;-\u2013")
    phrase = _TRAILING_REPORT.sub("", phrase)  # "Community Safety Update" is about community safety
    words = re.findall(r"[\w'\u2019]+", phrase.lower().replace("\u2019", "'"))
    if (not words or len(words) > MAX_SUBJECT_WORDS or all(w in _BUSINESS for w in words)
            or phrase[:1].isdigit()):  # a numbered address: its street is a place name below
        return ""
    return phrase[:1].upper() + phrase[1:]


def topics(title: str, *texts: str, procedural: str = "") -> tuple[str, ...]:
    """The subjects an item is about: its title's subject, planning refs, places and organisations."""
    out: list[str] = []
    if not procedural:
        subject = title_subject(title)
        if subject:
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


__all__ = ["topics", "place_names", "title_subject"]

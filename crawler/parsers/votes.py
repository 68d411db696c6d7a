"""Recorded (named) votes in an item's minutes: who voted for, against and abstained, and on what.

Councils print them as lists under labels, on one line or many, in any order:

    For (14)                              For (47): Mr A, Mrs B ... Against (17): Mr C ... Abstain (2): ...
    Mr Baldock, Mr Brady, Ms Constantine  A recorded vote was taken: those voting in favour were
    Against (45)                          Councillors A, B and C; those voting against were ...
    ...

Each becomes a Vote with the names on each side, the tally printed beside each label (or the count of
names), what was put ("the amendment set out in paragraph 17": amendment, motion, recommendation) from
the paragraph that put it, and the result as minuted after it ("The amendment was lost"), else by the
numbers. Pure functions over paragraphs.
"""

from __future__ import annotations

import re

from crawler.names import TITLE_PATTERN
from crawler.records import Decision, Paragraph, Vote, replace

_LABEL = (r"(?P<side>for|against|abstain(?:ed|ing|tions?)?|in\s+favour|those\s+voting\s+(?:for|in\s+favour|"
          r"against)|those\s+abstaining)")
_SIDE = re.compile(r"(?:^|(?<=[\s.;:,]))" + _LABEL + r"\s*(?:\(\s*(?P<n>\d{1,3})\s*\)\s*[:\-\u2013]?|"
                   r"(?P<n2>\d{1,3})\s*[:\-\u2013]|(?:were|was)?\s*[:\-\u2013]|"
                   r"(?=\s*(?:Mr|Mrs|Ms|Miss|Dr|Sir|Councillors?|Cllrs?)\b)|$)", re.I)
_OPENS = re.compile(r"^(?:" + _LABEL + r")\s*(?:\(\s*\d{1,3}\s*\)|\d{1,3})?\s*(?:were|was)?\s*[:\-\u2013]?", re.I)
_RECORDED = re.compile(r"\brecorded\s+vote\b|\bvoting\s+was\s+as\s+follows\b|\bnamed\s+vote\b", re.I)
_TITLED = rf"(?:{TITLE_PATTERN})\.?\s+"  # the one list of titles (crawler.names)
_NAME = re.compile(r"^" + _TITLED + r"[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,4}"
                   r"(?:\s+(?:OBE|CBE|MBE|BEM|JP|DL|KC|QC))*$")
_BARE_NAME = re.compile(r"^[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3}$")  # after "Councillors"
_TRAILING_RESULT = re.compile(r"\s*(?:the\s+)?(?:(?:substantive\s+)?(?:motion|amendment|recommendations?)"
                              r"(?:\s+\(as\s+amended\))?\s+(?:was\s+|were\s+)?)?"
                              r"(?:carried|lost|agreed|approved|defeated|fell|not\s+carried)\b.*$", re.I)
_HONOUR = re.compile(r"^(?:OBE|CBE|MBE|BEM|JP|DL|KC|QC)$")
_RESULT = re.compile(r"\b(?P<what>amendment|motion|recommendations?|substantive\s+motion)\b[^.]{0,40}?\b"
                     r"(?:(?:was|were|is)\s+)?"
                     r"(?:therefore\s+|accordingly\s+)?(?P<r>carried|lost|defeated|agreed|approved|not\s+carried|"
                     r"fell|rejected)\b", re.I)


def _side(label: str) -> str:
    low = label.lower()
    if "abstain" in low:
        return "abstain"
    return "against" if "against" in low else "for"


def _names(text: str) -> list[str]:
    """ "Mr Baldock, Mr Brady and Ms Constantine" -> the names; "Councillors A, B and C" -> each."""
    text = re.sub(r"\s+", " ", text).strip(" .;:")
    text = _TRAILING_RESULT.sub("", text).strip(" .;:")
    plural = re.match(r"^(?:Councillors|Cllrs)\s+", text)
    if plural:
        text = text[plural.end():]
    out = []
    for part in re.split(r"\s*[,;]\s*|\s+and\s+(?=[A-Z])|\s+&\s+", text):
        part = part.strip(" .")
        if not part or part.lower() in {"none", "nil", "no one", "nobody"} or _HONOUR.match(part):
            continue  # "Sir Paul Carter, CBE": the honour belongs to the name before it
        if not _NAME.match(part):
            # the list ended (a sentence follows: "Mr Stepto, Ms Wright Motion carried.")
            cut = re.match(r"^(" + _TITLED + r"[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)?)\s+[A-Z][a-z]+\s+[a-z]",
                           part)
            if cut:
                out.append(cut.group(1))
            if not (plural and _BARE_NAME.match(part)):
                return out
        part = re.sub(r"(?:\s+(?:OBE|CBE|MBE|BEM|JP|DL|KC|QC))+$", "", part)  # "Sir Paul Carter CBE"
        out.append(f"Councillor {part}" if plural and not part.startswith(("Councillor", "Cllr")) else part)
    return out


def _region(paragraphs: tuple[Paragraph, ...], start: int) -> tuple[int, str]:
    """The paragraphs from `start` that hold the vote's labels and names: (end index, their text)."""
    texts = []
    i = start
    while i < len(paragraphs):
        text = f"{paragraphs[i].label} {paragraphs[i].text}".strip()
        if i > start and not _OPENS.match(text) and not _names_only(text):
            break
        texts.append(text)
        i += 1
    return i, " ".join(texts)


def _names_only(text: str) -> bool:
    """A paragraph that is a list of titled names (perhaps with the result after it)."""
    text = _TRAILING_RESULT.sub("", text.strip(" .")).strip(" .")
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*|\s+and\s+(?=[A-Z])", text) if p.strip()]
    named = sum(1 for p in parts if _NAME.match(p) or _HONOUR.match(p))
    return bool(parts) and bool(_NAME.match(parts[0])) and named >= len(parts) - 1


def recorded_votes(paragraphs: tuple[Paragraph, ...]) -> tuple[Vote, ...]:
    """Every recorded vote with names in the paragraphs, in order."""
    out: list[Vote] = []
    i = 0
    while i < len(paragraphs):
        p = paragraphs[i]
        text = f"{p.label} {p.text}".strip()
        inline = bool(_RECORDED.search(text)) and len(list(_SIDE.finditer(text))) >= 2
        if not (_OPENS.match(text) or inline):
            i += 1
            continue
        end, region = _region(paragraphs, i) if not inline else (i + 1, text)
        vote = _read(region)
        if vote is None:
            i += 1
            continue
        question = _question(paragraphs, i, inline)
        after = paragraphs[end].text if end < len(paragraphs) else ""
        result = _result(after) or _result(region) or (
            "carried" if (vote.votes_for or 0) > (vote.against or 0) else "lost")
        motion = _motion(question or after)
        out.append(Vote(votes_for=vote.votes_for, against=vote.against, abstain=vote.abstain, result=result,
                        text=region, for_names=vote.for_names, against_names=vote.against_names,
                        abstain_names=vote.abstain_names, motion=motion, question=question, paragraph_n=p.n))
        i = end
    return tuple(out)


def _read(region: str) -> Vote | None:
    sides = list(_SIDE.finditer(region))
    if len(sides) < 2 and not (sides and sides[0].start() == 0):
        return None
    names: dict[str, list[str]] = {"for": [], "against": [], "abstain": []}
    counts: dict[str, int | None] = {"for": None, "against": None, "abstain": None}
    for m, nxt in zip(sides, sides[1:] + [None], strict=True):
        side = _side(m.group("side"))
        chunk = region[m.end(): nxt.start() if nxt else len(region)]
        names[side].extend(_names(chunk))
        n = m.group("n") or m.group("n2")
        counts[side] = int(n) if n else (counts[side] or 0) + len(_names(chunk))
    if not any(names.values()):
        return None
    return Vote(votes_for=counts["for"], against=counts["against"], abstain=counts["abstain"],
                for_names=tuple(names["for"]), against_names=tuple(names["against"]),
                abstain_names=tuple(names["abstain"]))


def _question(paragraphs: tuple[Paragraph, ...], i: int, inline: bool) -> str:
    """The words that put the question: the paragraph before the tally (or the tally's own sentence)."""
    if inline:
        return re.split(r"[:;]", paragraphs[i].text, maxsplit=1)[0]
    for k in range(i - 1, max(-1, i - 3), -1):
        if re.search(r"\bvot(?:e|ed|ing)\b|\bput\b", paragraphs[k].text, re.I):
            return paragraphs[k].text
    return ""


def _motion(text: str) -> str:
    low = text.lower()
    if "amendment" in low:
        return "amendment"
    if "recommendation" in low:
        return "recommendation"
    return "motion" if "motion" in low or "proposal" in low else ""


def _result(text: str) -> str:
    m = _RESULT.search(text)
    if m is None:
        return ""
    return "carried" if m.group("r").lower() in ("carried", "agreed", "approved") else "lost"


def with_recorded_votes(found: tuple[Decision, ...], votes: tuple[Vote, ...]) -> tuple[Decision, ...]:
    """A resolution takes the recorded vote minuted just before it (the vote on the motion it
    resolves), when no other resolution stands between them and it has no named vote of its own."""
    out = []
    last = 0
    for d in found:
        before = [v for v in votes if last < v.paragraph_n < d.paragraph_n] if d.paragraph_n else []
        if before and not (d.vote and d.vote.for_names):
            d = replace(d, vote=before[-1])
        out.append(d)
        last = d.paragraph_n or last
    return tuple(out)


__all__ = ["recorded_votes", "with_recorded_votes"]

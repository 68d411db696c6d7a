"""What a decision came to, in one word: granted, refused, approved, deferred, noted...

Pure: read from the decision's own words ("planning application 24/01234/FUL be REFUSED", "the
decision ... be deferred", "the minutes ... were approved as a correct record", "Corporate
Committee considered and noted ...", "(iii) Adopts the Plan", "Motion lost.") and, when a decision
page gave one, its status ("Recommendations Approved", "Item Deferred"). A decision of several
parts takes the first outcome that settles something (approved, refused, recommended...); then
"agreed", then "noted": a decision that notes one thing and approves another is approved, one that
only notes is noted. What an officer is given authority to do under a delegation is not what the
meeting decided. A page's stock status "Recommendations Approved" never overrides the words (the
recommendation may have been to note); a status that says the item went no further (deferred,
withdrawn, rejected) does. Nothing is guessed: no outcome word gives "".
"""

from __future__ import annotations

import re

# Every outcome, in the order the register and the facet list them.
OUTCOMES = ("granted", "refused", "approved", "adopted", "agreed", "recommended", "referred", "appointed",
            "deferred", "noted", "rejected", "withdrawn", "suspended", "revoked")

# A participle or verb as minuted -> its outcome.
_WORDS = {
    "granted": "granted", "grant": "granted", "permitted": "granted",
    "refused": "refused", "refuse": "refused",
    "approved": "approved", "approve": "approved", "endorsed": "approved", "endorse": "approved",
    "adopted": "adopted", "adopt": "adopted",
    "agreed": "agreed", "agree": "agreed",
    "recommended": "recommended", "recommend": "recommended",
    "deferred": "deferred", "defer": "deferred", "adjourned": "deferred", "postponed": "deferred",
    "noted": "noted", "note": "noted",
    "rejected": "rejected", "reject": "rejected", "dismissed": "rejected",
    "withdrawn": "withdrawn",
    "revoked": "revoked", "revoke": "revoked", "suspended": "suspended", "suspend": "suspended",
    "referred": "referred", "refer": "referred",
    "elected": "appointed", "appointed": "appointed", "appoint": "appointed",
    # Something to be done ("the scheme be implemented", "funding be made available"): approved,
    # unless the decision says more plainly what it came to (ranked below stated outcomes).
    "implemented": "approved+", "increased": "approved+", "extended": "approved+", "procured": "approved+",
    "awarded": "approved+", "authorised": "approved+", "authorized": "approved+", "published": "approved+",
    "allocated": "approved+", "commissioned": "approved+", "established": "approved+",
    "made available": "approved+", "carried out": "approved+", "undertaken": "approved+",
}
# Settle nothing by themselves: taken only when no other outcome is minuted ("agreed" before "noted").
_WEAK = ("agreed", "noted")
_PARTICIPLE = "|".join(sorted({w.replace(" ", r"\s+") for w in _WORDS if w.endswith(("ed", "wn", "able", "out",
                                                                                     "en"))},
                              key=len, reverse=True))
_VERB = "|".join(sorted({w for w in _WORDS if not w.endswith(("ed", "wn", "able", "out", "en"))}, key=len,
                        reverse=True))
_BODY = r"(?:cabinet|committee|council|panel|board|sub-committee|they)"
_NOT = r"(?:not\s+|n't\s+)"
_LABEL = r"(?:\(\s*\w{1,4}\s*\)|\w{1,4}[.)]|\u2022)"
# "be approved", "was REFUSED", "has been withdrawn", "be not approved", "are agreed as a correct record".
_PASSIVE = re.compile(rf"\b(?P<neg>{_NOT})?(?:be|been|was|were|is|are)\s+(?P<neg2>{_NOT})?(?:\w+ly\s+)?"
                      rf"(?P<w>{_PARTICIPLE})\b", re.I)
# "RESOLVED to refuse", "AGREED to note", "decided not to approve", "that Cabinet approve(s)",
# "Council approves and adopts", "the Panel to note and comment".
_ACTIVE = re.compile(rf"\b(?P<by>to|shall|should|would|will|and|{_BODY}s?)\s+(?:\w+ly\s+)?"
                     rf"(?P<neg>{_NOT})?(?P<w>{_VERB})(?:s|es)?\b", re.I)
# What a body did, minuted in the past tense: "Corporate Committee considered and noted ...", "The
# Committee unanimously agreed to ...", "Cabinet considered ... and endorsed the draft budget".
_DID = re.compile(rf"\b(?:{_BODY}|and)\s+(?:\w+ly\s+)?(?P<w>{_PARTICIPLE})\s+(?!by\b)", re.I)
# A part that opens with its verb: "(iii) Adopts the Plan", "1. Approved the calculation", "a) Notes
# the report", "1.To note the report", "• Agrees the revised Terms of Reference".
_OPENS = re.compile(rf"^\s*(?:{_LABEL}\s*)?(?:to\s+)?(?:\w+ly\s+)?"
                    rf"(?P<w>{_PARTICIPLE}|(?:{_VERB})(?:s|es)?)\b(?!\s+by\b)", re.I | re.M)
# A decision or status that is only the word: "Refused.", "Decision: Granted", "Recommendations Approved".
_BARE = re.compile(rf"^(?:decision\s*:\s*|recommendations?\s+|application\s+|permission\s+|licence\s+|"
                   rf"the\s+minutes\s+|item\s+)?(?P<w>{_PARTICIPLE})\b", re.I)
# "permission granted", "licence refused", "application withdrawn", "details noted" in so many words.
_NOUN = re.compile(rf"\b(?:permission|consent|licence|license|application|appeal|variation|motion|item|"
                   rf"amendment|report|recommendations?|details|update)\s+(?P<w>{_PARTICIPLE})\b", re.I)
# A motion that fell was not agreed; one that was carried was.
_PUT = r"\b(?:motion|amendment|proposal|recommendations?|resolution)\b[^.]{0,60}?"
_LOST = re.compile(rf"{_PUT}\b(?:was\s+|were\s+)?(?:lost|fell|defeated|not\s+carried|failed)\b", re.I)
_CARRIED = re.compile(rf"{_PUT}(?<!not\s)\b(?:was\s+|were\s+)?carried\b(?!\s+out\b)", re.I)
# Minutes confirmed without a verb of their own: "the minutes ... were a correct record".
_RECORD = re.compile(r"\bminutes\b[^.]{0,160}?\b(?:were|was|are|is|be)\s+(?:\w+ly\s+)?a\s+(?:true\s+and\s+)?"
                     r"(?:correct|accurate|true)\s+record\b", re.I)
# What an officer is given authority to do is not what the meeting decided: "Delegates authority to
# the Director ... to approve any non-material changes", "authority be delegated to ... to award".
_DELEGATED = re.compile(r"\bdelegat\w*\b[^.;:\n]*", re.I)


def _negated(word: str) -> str:
    """What "not approved" / "not granted" / "not agreed" amounts to."""
    return {"granted": "refused", "deferred": "", "noted": "", "withdrawn": ""}.get(word, "rejected")


def _word(found: str) -> str:
    """The outcome of a verb or participle as minuted ("Adopts", "approves", "made  available")."""
    w = " ".join(found.lower().split())
    if w in _WORDS:
        return _WORDS[w]
    for ending in ("es", "s"):
        if w.endswith(ending) and w[: -len(ending)] in _WORDS:
            return _WORDS[w[: -len(ending)]]
    return ""


def outcomes_in(text: str) -> list[str]:
    """Every outcome the words state, in the order they are minuted (repeats dropped)."""
    found: list[tuple[int, str]] = []
    delegated = [m.span() for m in _DELEGATED.finditer(text)]
    for rx in (_PASSIVE, _ACTIVE, _DID, _OPENS, _NOUN):
        for m in rx.finditer(text):
            start = m.start("w")
            if any(a < start < b for a, b in delegated):
                continue
            word = _word(m.group("w"))
            if word == "granted" and (m.groupdict().get("by") or "").lower() == "and":
                continue  # "the additional grants and grant reductions": a noun after "and"
            neg = m.groupdict().get("neg") or m.groupdict().get("neg2")
            found.append((start, _negated(word) if neg and word else word))
    for line in text.splitlines():
        bare = _BARE.match(line.strip())
        if bare:
            found.append((text.find(line), _word(bare.group("w"))))
    for rx, word in ((_LOST, "rejected"), (_CARRIED, "agreed"), (_RECORD, "agreed")):
        for m in rx.finditer(text):
            found.append((m.end(), word))
    return list(dict.fromkeys(word for _, word in sorted(found) if word))


def _first(words: list[str]) -> str:
    """The first decisive outcome, then the first "something to be done", then agreed, then noted."""
    for tier in ([w for w in words if w not in _WEAK and not w.endswith("+")],
                 [w for w in words if w.endswith("+")], *([w for w in words if w == weak] for weak in _WEAK)):
        if tier:
            return tier[0].rstrip("+")
    return ""


def classify_outcome(text: str, status: str = "") -> str:
    """The decision's outcome ("" when its words state none): a status that stopped the item (deferred,
    withdrawn, rejected...) first, then what the words state, then any other status."""
    stated = _first(outcomes_in(status))
    if stated and stated not in ("approved", "agreed", "noted"):
        return stated
    return _first(outcomes_in(text)) or stated


__all__ = ["OUTCOMES", "classify_outcome", "outcomes_in"]

"""What a decision came to, in one word: granted, refused, approved, deferred, noted...

Pure: read from the decision's own words ("planning application 24/01234/FUL be REFUSED", "the
decision ... be deferred", "the minutes ... were approved as a correct record") and, when a
decision page gave one, its status ("Recommendations Approved"). A decision of several parts takes
the first outcome that settles something (approved, refused, deferred...); "noted" and "agreed"
only when nothing else was decided. Nothing is guessed: no outcome word gives "".
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
# Settle nothing by themselves: taken only when no other outcome is minuted.
_WEAK = frozenset({"noted", "agreed"})
_PARTICIPLE = "|".join(sorted({w.replace(" ", r"\s+") for w in _WORDS if w.endswith(("ed", "wn", "able", "out",
                                                                                     "en"))},
                              key=len, reverse=True))
_VERB = "|".join(sorted({w for w in _WORDS if not w.endswith(("ed", "wn", "able", "out", "en"))}, key=len,
                        reverse=True))
_NOT = r"(?:not\s+|n't\s+)"
# "be approved", "was REFUSED", "has been withdrawn", "be not approved", "are agreed as a correct record".
_PASSIVE = re.compile(rf"\b(?P<neg>{_NOT})?(?:be|been|was|were|is|are)\s+(?P<neg2>{_NOT})?(?:\w+ly\s+)?"
                      rf"(?P<w>{_PARTICIPLE})\b", re.I)
# "RESOLVED to refuse", "AGREED to note", "decided not to approve", "that Cabinet approve(s)".
_ACTIVE = re.compile(rf"\b(?:to|shall|should|would|will|(?:cabinet|committee|council|panel|board)s?)\s+"
                     rf"(?P<neg>{_NOT})?(?P<w>{_VERB})s?\b", re.I)
# A decision or status that is only the word: "Refused.", "Decision: Granted", "Recommendations Approved".
_BARE = re.compile(rf"^(?:decision\s*:\s*|recommendations?\s+|application\s+|permission\s+|licence\s+|"
                   rf"the\s+minutes\s+)?(?P<w>{_PARTICIPLE})\b", re.I)
# "permission granted", "licence refused", "application withdrawn" in so many words.
_NOUN = re.compile(rf"\b(?:permission|consent|licence|license|application|appeal|variation|motion|item|"
                   rf"amendment|report|recommendations?)\s+(?P<w>{_PARTICIPLE})\b", re.I)
# A motion that fell was not agreed.
_LOST = re.compile(r"\b(?:motion|amendment)\b[^.]{0,60}\b(?:was\s+)?(?:lost|fell|defeated|not carried)\b", re.I)


def _negated(word: str) -> str:
    """What "not approved" / "not granted" / "not agreed" amounts to."""
    return {"granted": "refused", "deferred": "", "noted": "", "withdrawn": ""}.get(word, "rejected")


def outcomes_in(text: str) -> list[str]:
    """Every outcome the words state, in the order they are minuted (repeats dropped)."""
    found: list[tuple[int, str]] = []
    for rx in (_PASSIVE, _ACTIVE, _NOUN):
        for m in rx.finditer(text):
            word = _WORDS[" ".join(m.group("w").lower().split())]
            neg = m.groupdict().get("neg") or m.groupdict().get("neg2")
            found.append((m.start(), _negated(word) if neg else word))
    for line in text.splitlines():
        bare = _BARE.match(line.strip())
        if bare:
            found.append((text.find(line), _WORDS[" ".join(bare.group("w").lower().split())]))
    lost = _LOST.search(text)
    if lost:
        found.append((lost.start(), "rejected"))
    return list(dict.fromkeys(word for _, word in sorted(found) if word))


def classify_outcome(text: str, status: str = "") -> str:
    """The decision's outcome ("" when its words state none): the status a decision page gives
    first, then the first decisive outcome in the text, then "noted" or "agreed"."""
    for source in (status, text):
        words = outcomes_in(source)
        for tier in ([w for w in words if w not in _WEAK and not w.endswith("+")],
                     [w for w in words if w.endswith("+")], words):
            if tier:
                return tier[0].rstrip("+")
    return ""


__all__ = ["OUTCOMES", "classify_outcome", "outcomes_in"]

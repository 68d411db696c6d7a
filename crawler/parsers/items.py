"""Agenda items as records, whatever the platform: minutes paragraphs (with the resolutions
marked as decisions), the procedural category of boilerplate items, and the Item record built
from an item's sections. Pure functions, no I/O; shared by every platform and the printed minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.parsers.decisions import find_decisions, opens_decision
from crawler.parsers.text import Block
from crawler.parsers.topics import topics
from crawler.records import Document, Item, Paragraph, Vote, committee_id, meeting_id, paragraph_id, replace

_VOTING = re.compile(r"^\(?\s*(?:voting|vote|votes)\b", re.I)


@dataclass
class ItemSections:
    """What an item's markup holds, before it becomes an Item record."""

    agenda: list[Block] = field(default_factory=list)
    minutes: list[Block] = field(default_factory=list)
    decision: list[Block] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    full_text_url: str = ""  # the mgAi.aspx link that replaced or cut short the minutes
    vote: Vote | None = None  # a "Recorded Vote" table under the item


def block_text(blocks: list[Block]) -> str:
    """Blocks as plain text, one paragraph a line, labels kept in front."""
    return "\n".join(f"{b.label} {b.text}".strip() for b in blocks)


# Inside a resolution whose opener stands alone ("RESOLVED:" / "RESOLVED"), the paragraphs that
# continue it: its parts ("That ...", "To ..."), the vote ("Unanimously,"), and the sub-headings
# councils put between parts ("Decisions of the Cabinet", "That the following be noted:").
_RESOLUTION_PART = re.compile(r"^(?:that|to|unanimously|(?:decisions?|recommendations?) of\b|"
                              r"(?:the )?following\b|voting|carried|lost)\b", re.I)
_BARE_OPENER = re.compile(r"^(?:it\s+was\s+)?(?:unanimously\s+|further\s+)?"
                          r"(?:resolved|agreed|decided|ordered)\s*[:\-\u2013,.]?\s*"
                          r"(?:\(\s*(?:unanimously|by a majority|nem\.?\s*con\.?)\s*\)\s*)?$", re.I)


def _continues_resolution(b: Block) -> bool:
    text = b.text.strip()
    return bool(b.label or _RESOLUTION_PART.match(text) or _VOTING.match(text)
                or text.endswith(":") or (len(text) < 60 and not re.search(r"[.!?]$", text)))


def minutes_paragraphs(item_id: str, blocks: list[Block]) -> tuple[Paragraph, ...]:
    """Paragraph records; a "RESOLVED ..." paragraph and the resolutions after it are decisions.

    After an opener ending in a colon, labelled paragraphs continue the resolution; after an
    opener standing alone ("RESOLVED:" then "Unanimously," then "1. To grant ..."), so do its
    unlabelled parts, vote and sub-headings, until a paragraph that reads as narrative; where the
    layout shows a paragraph set out beneath the opener (Block.inside), it continues it too. The first
    paragraph after an opener standing alone is its resolution whatever it says ("RESOLVED:" then
    "The work programme was noted.": Lambeth's Pensions Board).
    """
    paras: list[Paragraph] = []
    state = ""  # "", "colon" (labelled parts follow) or "bare" (any part follows)
    for n, b in enumerate(blocks, start=1):
        kind = "minutes"
        if opens_decision(b.text):
            kind = "decision"
            text = b.text.rstrip()
            state = "bare" if _BARE_OPENER.match(text) else "colon" if text.endswith(":") else ""
        elif state == "bare" and paras and paras[-1].kind == "decision" and _BARE_OPENER.match(paras[-1].text):
            kind = "decision"  # an opener alone is never the whole resolution
        elif state == "bare" and _continues_resolution(b):
            kind = "decision"
        elif state == "colon" and (b.label or b.inside):
            kind = "decision"
        elif state and _VOTING.match(b.text):
            pass  # "Voting: unanimous" between numbered resolutions does not end them
        else:
            state = ""
        paras.append(Paragraph(id=paragraph_id(item_id, n), n=n, text=b.text, label=b.label, kind=kind))
    return tuple(paras)


_PROCEDURAL = (
    ("apologies", re.compile(r"\bapolog", re.I)),
    ("declarations", re.compile(r"\b(?:declarations?|disclosures?)\b.*\binterests?\b|"
                                r"\binterests? and dispensations\b|^declarations?\b", re.I)),
    ("exempt", re.compile(r"\bexclusion of (?:the )?(?:press|public)\b|\bexempt\b|"
                          r"\bconfidential\b|\bpart (?:2|ii|b)\b", re.I)),
    ("previous_minutes", re.compile(r"^minutes\b|\bminutes of (?:the )?(?:previous|last|[\w ]+ )"
                                    r"meeting|\b(?:confirmation|approval|adoption) of (?:the )?minutes",
                                    re.I)),
    ("public_questions", re.compile(r"\bpublic question|\bquestions? (?:from|by) (?:the |members "
                                    r"of the )?public\b|\bpublic (?:participation|forum|speaking)\b",
                                    re.I)),
    ("petitions", re.compile(r"^(?:receipt of |to receive |any )?(?:e-?)?petitions?(?: received)?\.?$",
                             re.I)),
    ("urgent_business", re.compile(r"\burgent (?:items?|business|matters?)\b|\bdeems? urgent\b|"
                                   r"\bany other business\b", re.I)),
)


_EXEMPT_AGENDA = re.compile(r"\bexempt (?:report|information|item|business)\b|"
                            r"\bnot for publication\b", re.I)


def procedural_category(title: str, agenda_text: str = "") -> str:
    """Which boilerplate item this is (apologies, declarations, ...), from its title, or "".

    An item heard in private often has an ordinary title ("Disposal of Land at Dock Street");
    its agenda text ("To consider an exempt report ...") is what marks it exempt.
    """
    for name, pattern in _PROCEDURAL:
        if pattern.search(title.strip()):
            return name
    return "exempt" if _EXEMPT_AGENDA.search(agenda_text) else ""


def build_item(council: str, mid: str, cid: str, ai: str, iid: str, minute: str, agenda: str,
               title: str, source_url: str, sections: ItemSections, *,
               title_doc: Document | None, full_page: bool = False) -> Item:
    """An Item record from an item's sections (used by the meeting page and the mgAi page)."""
    agenda_text = block_text(sections.agenda)
    procedural = procedural_category(title, agenda_text)
    paragraphs = minutes_paragraphs(iid, sections.minutes)
    docs = ([title_doc] if title_doc else []) + [d for d in sections.documents
                                                  if not title_doc or d.url != title_doc.url]
    item = Item(
        id=iid, meeting_id=meeting_id(council, mid), council_id=council,
        committee_id=committee_id(council, cid) if cid else "", source_id=ai,
        minute_number=minute, agenda_number=agenda or minute, title=title, source_url=source_url,
        agenda_text=agenda_text, paragraphs=paragraphs, decision=block_text(sections.decision),
        # On the mgAi page the page itself is the full text; on the meeting page the link is.
        full_text_url=source_url if full_page else sections.full_text_url,
        minutes_complete=full_page or not sections.full_text_url,
        procedural=procedural,
        topics=topics(title, agenda_text, " ".join(p.text for p in paragraphs), procedural=procedural),
        documents=tuple(docs),
    )
    return replace(item, decisions=find_decisions(item, sections.vote))

"""Text helpers for parsers: whitespace/entity normalisation and Word-HTML paragraph segmentation.

ModernGov minutes are Word documents exported to HTML: every source line is wrapped at ~70
columns (the newlines are not paragraph breaks), paragraphs are ``p.MsoNormal`` separated by
empty ``&nbsp;`` paragraphs, list numbers are typed text followed by ``&nbsp;`` padding, and a
paragraph is sometimes split in two in the middle of a sentence. These helpers turn such a
fragment into clean (label, text) blocks, one per block element, without losing a word.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

# Characters that are whitespace in print but not to str.split() or that Word sprinkles in.
_SPACES = {
    "\xa0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\r": " ", "\n": " ", "\t": " ", "\x0b": " ", "\x0c": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\xad": "",
}
_SPACE_TABLE = str.maketrans(_SPACES)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_MULTISPACE = re.compile(r"\s+")
# Word sometimes glues a bold run-in heading to the next word: "Menopause Care:Haitham Ahmed".
_GLUED_COLON = re.compile(r"(?<=[a-z]):(?=[A-Z][a-z])")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,;])|\s+(?=\.(?:\s|$))")

BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote", "pre",
    "section", "article", "header", "footer", "aside", "nav", "address", "figure", "figcaption",
    "form", "fieldset", "hr", "center", "main",
})
SKIP_TAGS = frozenset({"script", "style", "noscript", "button", "select", "option", "input",
                       "textarea", "template", "iframe", "object", "svg", "head", "title"})
_NOT_TEXT = (Comment, CData, ProcessingInstruction, Declaration, Doctype)

# A paragraph's own numbering as typed: "(1)", "1.", "1)", "2.1.", "a)", "(b)", "iv.", bullets.
_LABEL = re.compile(
    r"""^(?P<label>
        \(\s*(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})\s*\)       # (1) (a) (iv)
      | (?:\d{1,3}(?:\.\d{1,3}){0,3})[.)]                      # 1.  1)  2.1.
      | [a-z][.)]                                               # a)  b.
      | [A-Z]\)                                                 # A)  B) (not "A." : an initial)
      | [ivxlc]{1,6}[.)]                                        # iv) ii.
      | [\u2022\u00b7\u25aa\u25e6\u2023\u2043\u25cf\u25a0\u27a2\u27a4\u2713\u00a7\u00d8*\-\u2013\u2014o]  # bullets
    )\s+(?=\S)""",
    re.VERBOSE,
)
BULLET = "\u2022"
# Glyphs that Word's Symbol/Wingdings fonts print as a bullet; "o", "-", "*" print as themselves.
_BULLETS = frozenset("\u2022\u00b7\u25cf\u00a7\u00d8")
_TERMINAL = re.compile(r"[.!?:;][\"'\u2019\u201d)\]]*$")


def clean_text(text: str) -> str:
    """One line of printable text: entities decoded, odd spaces folded, runs of space collapsed."""
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)  # entities escaped twice arrive as text after one decoding
    text = text.translate(_SPACE_TABLE)
    text = _MULTISPACE.sub(" ", text).strip()
    text = _GLUED_COLON.sub(": ", text)
    return _SPACE_BEFORE_PUNCT.sub("", text)


def element_text(el: Tag | NavigableString | None, *, skip_classes: tuple[str, ...] = ()) -> str:
    """The inline text of an element, cleaned; descendants with one of skip_classes are left out."""
    if el is None:
        return ""
    if isinstance(el, NavigableString):
        return "" if isinstance(el, _NOT_TEXT) else clean_text(str(el))
    parts: list[str] = []
    _collect(el, parts, skip_classes)
    return clean_text("".join(parts))


def _collect(el: Tag, parts: list[str], skip_classes: tuple[str, ...]) -> None:
    for child in el.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, _NOT_TEXT):
                parts.append(str(child))
        elif isinstance(child, Tag):
            if child.name in SKIP_TAGS:
                continue
            if skip_classes and set(child.get("class") or ()) & set(skip_classes):
                continue
            if child.name == "br" or child.name in BLOCK_TAGS:
                parts.append(" ")
            _collect(child, parts, skip_classes)
            if child.name in BLOCK_TAGS:
                parts.append(" ")


def split_label(text: str) -> tuple[str, str]:
    """Split a leading list label ("(1)", "1.", "a)", "i)", a bullet) from a paragraph's text.

    Site quirk: Word exports its bullets as Symbol-font "\u00b7" or Wingdings "\u00a7"/"\u00d8",
    which print as bullets, so they become "\u2022"; other labels are kept as printed.
    """
    m = _LABEL.match(text)
    if not m:
        return "", text
    label = m.group("label")
    return (BULLET if label in _BULLETS else label), text[m.end():]


@dataclass
class Block:
    """One block element's text: the paragraph unit of the minutes."""

    text: str
    label: str = ""
    tag: str = "p"
    # Set out under the paragraph before it (a printed page indents a resolution's parts and
    # headings beneath its "RESOLVED that:"), where the layout shows it; False when unknown.
    inside: bool = False


class _Walker:
    """Walks a fragment in document order, cutting the text at every block element boundary."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.tag = "p"
        self.pending_label = ""  # the label an <li> gives its first non-empty block

    def flush(self) -> None:
        text = clean_text("".join(self.buffer))
        self.buffer = []
        if not text:
            return
        label, body = split_label(text)
        if self.pending_label:
            label = label or self.pending_label
            self.pending_label = ""
        body = body.strip()
        if body or label:
            self.blocks.append(Block(text=body, label=label, tag=self.tag))

    def walk(self, el: Tag, depth: int = 0) -> None:
        for child in el.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _NOT_TEXT):
                    self.buffer.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in SKIP_TAGS:
                continue
            if child.name == "br":
                self.buffer.append(" ")
                continue
            if child.name not in BLOCK_TAGS:
                self.walk(child, depth + 1)
                continue
            self.flush()
            if child.name == "li":
                self.pending_label = _li_label(child)
            outer_tag, self.tag = self.tag, child.name
            self.walk(child, depth + 1)
            self.flush()
            self.tag = outer_tag
            if child.name == "li":
                self.pending_label = ""


def _li_label(li: Tag) -> str:
    parent = li.parent
    if isinstance(parent, Tag) and parent.name == "ol":
        siblings = [c for c in parent.children if isinstance(c, Tag) and c.name == "li"]
        start = parent.get("start")
        first = int(start) if isinstance(start, str) and start.isdigit() else 1
        for i, sib in enumerate(siblings):
            if sib is li:
                return f"{first + i}."
    return BULLET


def html_blocks(el: Tag, *, join_broken: bool = True) -> list[Block]:
    """The paragraphs of a fragment: one per block element, labels split off, empties dropped."""
    walker = _Walker()
    walker.walk(el)
    walker.flush()
    blocks = [b for b in walker.blocks if b.text]
    return join_broken_lines(blocks) if join_broken else blocks


def join_broken_lines(blocks: list[Block]) -> list[Block]:
    """Join a paragraph that Word split mid-sentence ("... at the" / "junction of ...")."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (prev is not None and not b.label and b.tag == prev.tag and b.tag in ("p", "div")
                and b.text[:1].islower() and not _TERMINAL.search(prev.text)):
            out[-1] = Block(text=f"{prev.text} {b.text}", label=prev.label, tag=prev.tag)
        else:
            out.append(b)
    return out


def fragment_blocks(markup: str) -> list[Block]:
    """html_blocks for a string of markup (used by tests and by callers holding raw HTML)."""
    soup = BeautifulSoup(markup, "lxml")
    return html_blocks(soup.body or soup)


def attendee_role(text: str) -> str:
    """Chair / Vice-Chair / Member for a committee place, from an attendance page or the web service's
    role description; anything else (a job title) as printed."""
    low = text.lower().strip()
    if re.fullmatch(r"(?:vice|deputy)[- ]?chair(?:man)?", low):
        return "Vice-Chair"
    if re.fullmatch(r"chair(?:man|woman|person)?", low):
        return "Chair"
    if low in ("committee member", "member", "councillor"):
        return "Member"
    return text.strip()


def words(text: str) -> list[str]:
    """The word tokens of a text, for checks that segmentation kept everything in order."""
    return re.findall(r"\w+", text)

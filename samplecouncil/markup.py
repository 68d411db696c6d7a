"""HTML building blocks that reproduce the quirks of real ModernGov pages.

Kept deliberately: CRLF line ends (LF-only in the CMS-injected menus, action-list wrappers and
two ``$ModernGov.Settings`` lines), numeric entities in ModernGov's own text (``&#32;`` in title
attributes, ``&#58;`` for ":", ``&#40;``/``&#41;``, ``&#47;``), Word-exported minutes
(``div.WordSection1 > p.MsoNormal``, ``span.SpellE``, empty ``&nbsp;`` paragraphs, list
paragraphs with the label in a span) and paragraphs wrapped mid-sentence in the source.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .model import Para

CRLF, LF = "\r\n", "\n"
_NAMED = {"\u2019": "&rsquo;", "\u2018": "&lsquo;", "\u201c": "&ldquo;", "\u201d": "&rdquo;",
          "\u2013": "&ndash;", "\u2014": "&mdash;", "\u00a3": "&pound;", "\u2022": "&bull;",
          "\u00a0": "&nbsp;", "\u00e9": "&eacute;"}
_MG_CHARS = {":": "&#58;", "(": "&#40;", ")": "&#41;", "/": "&#47;", "'": "&#39;",
             "&": "&#38;"}
# Words Word's spell-checker did not know, wrapped in span.SpellE as in real exports.
SPELLE = ("Okafor", "Heckel", "Kovacs", "Lindqvist", "Dalebrook", "Tidewell", "Barraclough",
          "Marchetti", "Adeyemi", "Harrowdale", "Tremayne", "Aldhelm")


def esc(text: str) -> str:
    """Text for Word-exported HTML: named entities for typography, numeric for other non-ASCII."""
    out = html.escape(text, quote=False)
    return "".join(_NAMED.get(ch, ch if ord(ch) < 128 else f"&#{ord(ch)};") for ch in out)


def mg(text: str) -> str:
    """Text as ModernGov itself emits it: punctuation as numeric entities."""
    out = []
    for ch in text:
        if ch in _MG_CHARS:
            out.append(_MG_CHARS[ch])
        elif ch in "<>\"":
            out.append(html.escape(ch))
        elif ord(ch) >= 128:
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


def mg_title(text: str) -> str:
    """A title attribute value: ModernGov writes every space as &#32;."""
    return mg(text).replace(" ", "&#32;")


def href(url: str) -> str:
    return url.replace("&", "&amp;")


def wrap(text: str, width: int = 66) -> str:
    """Break long source lines at spaces (never inside a quoted attribute value), CRLF."""
    lines, line, word = [], "", ""
    in_tag = quote = False
    for ch in text + " ":
        if ch == " " and not quote:
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
            word = ""
            continue
        word += ch
        if ch == "<":
            in_tag = True
        elif ch == ">" and not quote:
            in_tag = False
        elif ch == '"' and in_tag:
            quote = not quote
    if line:
        lines.append(line)
    return CRLF.join(lines)


def _inline(text: str, bold_prefix: str = "") -> str:
    out = esc(text)
    for word in SPELLE:
        out = re.sub(rf"\b({word})\b", r'<span class="SpellE">\1</span>', out, count=1)
    if out.startswith("RESOLVED"):
        out = "<b>RESOLVED</b>" + out[len("RESOLVED"):]
    elif bold_prefix and text.startswith(bold_prefix + ":"):
        head = out.find(":") + 1  # bold the speaker's name, as clerks format evidence sessions
        out = f"<b>{out[:head]}</b>{out[head:]}"
    return out


_GAP = '<p class="MsoNormal">&nbsp;</p>'
_TAB = '<span style="font:7.0pt &quot;Times New Roman&quot;">&nbsp;&nbsp;&nbsp;&nbsp; </span>'


def _list_class(i: int, run: int) -> str:
    return ("MsoListParagraph" if run == 1 else "MsoListParagraphCxSpFirst" if i == 0
            else "MsoListParagraphCxSpLast" if i == run - 1 else "MsoListParagraphCxSpMiddle")


def blocks(paras: Iterable[Para], house: str) -> list[str]:
    """One HTML block per paragraph, in the clerk's house style.

    house "word": Word list paragraphs for numbers and bullets (bullets as a Symbol-font
    "&middot;"); "list": bullets as ul/li, numbers as list paragraphs; "plain": like "word" but
    with a lang span around each paragraph.
    """
    paras = list(paras)
    out: list[str] = []
    i = 0
    while i < len(paras):
        p = paras[i]
        if p.kind in ("bullet", "numbered"):
            run = [p]
            while i + len(run) < len(paras) and paras[i + len(run)].kind == p.kind:
                run.append(paras[i + len(run)])
            if p.kind == "bullet" and house == "list":
                items = "".join(f'<li class="MsoNormal">{_inline(q.text)}</li>{CRLF}' for q in run)
                out.append(f'<div style="margin-left: 2em">{CRLF}<ul style="">{CRLF}{items}'
                           f"</ul>{CRLF}</div>")
            else:
                for j, q in enumerate(run):
                    label = ('<span style="font-family:Symbol">&middot;' if q.kind == "bullet"
                             else f'<span style="">{esc(q.label)}')
                    out.append(f'<p class="{_list_class(j, len(run))}" style="margin-left:36.0pt;'
                               f'text-indent:-18.0pt">{label}{_TAB}</span>{_inline(q.text)}</p>')
            i += len(run)
            continue
        body = _inline(p.text, p.speakers[0].written if p.speakers else "")
        if p.kind == "heading":
            body = f"<b>{body}</b>"
        if house == "plain":
            body = f'<span lang="EN-GB" style="">{body}</span>'
        out.append(f'<p class="MsoNormal">{body}</p>')
        i += 1
    return out


def word_section(block_list: list[str], section: str = "WordSection1", gaps: bool = True) -> str:
    """The mgWordPara wrapper around Word blocks, with blank paragraphs between them."""
    parts = []
    for n, block in enumerate(block_list):
        if n and gaps:
            parts.append(_GAP)
        parts.append(wrap(block))
    body = CRLF.join(parts)
    return f'<div class="mgWordPara"><div class="{section}">{CRLF}{body}{CRLF}</div>{CRLF}</div> '


def truncated_section(paras: list[Para], house: str, link: str, budget: int = 650,
                      section: str = "WordSection1") -> str:
    """Opening words of long minutes, then "&nbsp;...&nbsp;" and the link to the full text."""
    kept: list[str] = []
    used = 0
    for para in paras:
        block = "".join(blocks([para], house))
        text = para.full_text
        if used + len(text) <= budget:
            kept.append(block)
            used += len(text) + 1
            continue
        words, cut = text.split(" "), []
        for w in words:
            if used + len(" ".join(cut + [w])) > budget and len(cut) >= 12:
                break
            cut.append(w)
        if len(cut) == len(words):  # never show a whole paragraph as the "opening words"
            cut = cut[: max(1, len(cut) // 2)]
        kept.append(f'<p class="MsoNormal">{esc(" ".join(cut))} &nbsp;...&nbsp; {link}</p>')
        break
    else:
        kept.append(f'<p class="MsoNormal">&nbsp;...&nbsp; {link}</p>')
    return word_section(kept, section, gaps=house != "list")


def paragraphs_html(paras: Iterable[Para], house: str, section: str = "WordSection1") -> str:
    paras = list(paras)
    return word_section(blocks(paras, house), section, gaps=house != "list")

"""A CMIS councillor's page (``.../ctl/ViewCMIS_Person/.../id/<uid>/...``) -> one Councillor record.

Pure. CMIS prints labelled values as ``div.holder > div.DNNLabel + div.Value`` (MODERNGOV_STRUCTURE.md §9:
go by the label's words, the classes are reused) and lists as ``table.CMIS_Grid`` grids whose header row
names the columns: the party history (Party | From | To) and committee memberships (Committee | Role | From
| To) are read by those header words. No real CMIS councillor page is in the corpus: the shape read is our
CMIS-shaped sample council's.
"""

from __future__ import annotations

import re

from bs4 import Tag

from crawler.parsers import ParsedPage, ParseError
from crawler.parsers.spells import read_spell
from crawler.parsers.text import element_text
from crawler.parsers.urls import absolute_url
from crawler.platforms.cmis.urls import page_kind, param
from crawler.records import Councillor, Spell, committee_id, person_id


def _holders(root: Tag) -> dict[str, str]:
    out: dict[str, str] = {}
    for label in root.find_all("div", class_="DNNLabel"):
        value = label.find_next_sibling("div")
        if isinstance(value, Tag):
            out.setdefault(element_text(label).lower().rstrip(": "), element_text(value))
    return out


def _rows(grid: Tag | None) -> list[tuple[dict[str, int], list[Tag]]]:
    """Each data row of a grid with the positions of its columns by header word."""
    if grid is None:
        return []
    rows = grid.find_all("tr")
    if not rows:
        return []
    columns = {element_text(th).lower(): n for n, th in enumerate(rows[0].find_all(["th", "td"]))}
    return [(columns, tr.find_all("td")) for tr in rows[1:] if tr.find("td") is not None]


def _cell(columns: dict[str, int], cells: list[Tag], *names: str) -> Tag | None:
    n = next((columns[k] for k in columns if any(k.startswith(name) for name in names)), None)
    return cells[n] if n is not None and n < len(cells) else None


def _dates(columns: dict[str, int], cells: list[Tag]) -> str:
    start, end = _cell(columns, cells, "from", "start", "appointed"), _cell(columns, cells, "to", "until", "end")
    return f"{element_text(start) if start else ''} - {element_text(end) if end else ''}"


def parse_person(root: Tag, url: str, council: str) -> ParsedPage:
    uid = param(url, "id")
    name_el = root.find(id=re.compile(r"_lblName$"))
    name = element_text(name_el) if isinstance(name_el, Tag) else ""
    if not uid or not name:
        raise ParseError(url, "councillor page without an id or a name")
    values = _holders(root)
    terms = []
    if values.get("term of office"):
        term = read_spell(values["term of office"], what="Councillor")
        terms.append(term)
    parties, places = [], []
    for columns, cells in _rows(root.find(id=re.compile(r"_grdParties$"))):
        party = _cell(columns, cells, "party")
        if party is not None and element_text(party):
            parties.append(read_spell(_dates(columns, cells), what=element_text(party)))
    for columns, cells in _rows(root.find(id=re.compile(r"_grdMemberships$"))):
        committee, role = _cell(columns, cells, "committee"), _cell(columns, cells, "role")
        a = committee.find("a", href=True) if committee is not None else None
        if not isinstance(a, Tag) or page_kind(absolute_url(a["href"], url)) != "committee":
            continue
        cid = param(absolute_url(a["href"], url), "id")
        spell = read_spell(_dates(columns, cells), what=element_text(role) if role is not None else "Member",
                           committee_id=committee_id(council, cid) if cid else "", committee_name=element_text(a))
        places.append(spell if spell.what else Spell("Member", spell.start, spell.end, spell.note,
                                                     spell.committee_id, spell.committee_name))
    record = Councillor(id=person_id(council, uid=uid), council_id=council, source_id=uid, name=name, source_url=url,
                        party=values.get("party", ""), ward=values.get("ward", ""), terms=tuple(terms),
                        parties=tuple(parties), places=tuple(places))
    return ParsedPage(kind="person", url=url, records=[record])


__all__ = ["parse_person"]

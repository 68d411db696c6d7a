"""What every engine answers beside its hits, built the same way whatever counted them: facet values
(labels, selected values kept, order, months within one year) and the did-you-mean query.

Engine-neutral (no engine is imported here): an engine counts distinct items per value and says which
word it would suggest; these functions turn that into what the web app shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from index.querylang import ParsedQuery
from index.schema import BY_NAME, SEARCHABLE
from index.types import FacetValue, SearchRequest

FIXED_LABELS = {f.name: dict(f.fixed_labels) for f in SEARCHABLE if f.fixed_labels}


def label(facet: str, value: str, names: Mapping[str, str]) -> str:
    """How a facet value is shown: its recorded name, else spelt as its declaration says (index.schema)."""
    if value in names:
        return names[value]
    spelt = BY_NAME[facet].spelt if facet in BY_NAME else ""
    if spelt == "month" and len(value) == 7:
        return date(int(value[:4]), int(value[5:]), 1).strftime("%B %Y")
    if spelt == "words":
        return value.replace("_", " ").capitalize()
    return value


def with_council(committee_id: str, name: str, councils: Mapping[str, str]) -> str:
    """A committee's name, its council's beside it when more than one council is indexed: most councils
    have a "Cabinet" and a "Planning Committee", and a committee's id starts with its council's."""
    council = councils.get(committee_id.partition("/")[0]) if len(councils) > 1 else None
    return f"{name} · {council}" if council and name != committee_id else name


def facet_values(name: str, counts: Mapping[str, int], request: SearchRequest,
                 labels: Mapping[str, Mapping[str, str]]) -> list[FacetValue]:
    """A facet's values with their item counts, selected ones marked and kept (count 0 when none match).

    Months are shown within one selected year (and a selected month always): 180 of them over 15
    years would drown the list.
    """
    selected = {str(v) for v in request.values_of(name)}
    counts = {str(v): c for v, c in counts.items()}
    if name == "month":
        year = f"{request.year[0]}-" if len(request.year) == 1 else None
        counts = {m: c for m, c in counts.items() if m in selected or (year and m.startswith(year))}
    names = {**FIXED_LABELS.get(name, {}), **labels.get(name, {})}
    if name == "committee":
        names = {v: with_council(v, n, labels.get("council", {})) for v, n in names.items()}
    values = [FacetValue(v, label(name, v, names), c, v in selected) for v, c in counts.items()]
    values += [FacetValue(v, label(name, v, names), 0, True) for v in selected - set(counts)]
    if name in ("year", "month"):
        values.sort(key=lambda fv: fv.value, reverse=(name == "year"))
    else:
        values.sort(key=lambda fv: (-fv.count, fv.label.lower()))
    return values


def corrected_query(pq: ParsedQuery, suggest: Callable[[int, str], str | None]) -> list[str]:
    """'Did you mean': the query with each word the engine would correct replaced, or [] when none is.

    ``suggest(n, word)`` gives the engine's correction of the n-th word of the positive clauses, or None.
    """
    corrected, changed, n = [], False, 0
    for clause in pq.positive_clauses():
        out = []
        for word in clause.text.split():
            alt = suggest(n, word)
            n += 1
            if alt and alt != word:
                out.append(alt)
                changed = True
            else:
                out.append(word)
        text = " ".join(out)
        corrected.append(f'"{text}"' if clause.kind == "phrase" else text)
    return [" ".join(corrected)] if changed else []

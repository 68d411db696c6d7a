"""What a search may cost before it runs, and how long it may run: engine-neutral and pure.

Why: under the 1,000-character cap a query could still ask an engine for a minute of work (one word
ORed 166 times, a 333-word phrase spelt ``a*b*c*...``, 50 two-word phrases such as ``word^9``, 249
prefixes). A ParsedQuery (index.querylang) is priced here in units, clause by clause, and a search
over the budget is refused with a sentence before any engine sees it (QueryTooCostly). While a
search runs, each engine stops it at ``SearchRequest.time_limit_ms`` (Whoosh: index.engines.whoosh's
evaluator checks a Deadline between posting blocks; OpenSearch: ``timeout`` and ``terminate_after``
in the request body). See docs/security.md.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from index.querylang import Clause, ParsedQuery
from index.types import DEFAULT_TIME_LIMIT_MS, QueryTooCostly, SearchTimedOut

# Units per clause: a plain word reads one posting list (and its other forms); a prefix reads up to
# MAX_EXPANSIONS of them; a phrase reads each word's positions and checks them pairwise.
WORD_COST = 1
PREFIX_COST = 8
REFERENCE_COST = 4
PHRASE_BASE_COST = 4
PHRASE_WORD_COST = 2
# The most words one prefix* is expanded to, in every engine (OpenSearch: max_expansions).
MAX_EXPANSIONS = 256
# OpenSearch's terminate_after: the most documents one shard collects for one search. Far above any
# real council's items per shard, so only a runaway search meets it (and its result is marked partial).
MAX_DOCS_PER_SHARD = 1_000_000
# A search costing this many units or more is "expensive": the web app runs only a few at once
# (searchsvc.costgate) and does not try it again with a word left out (searchsvc.relax).
EXPENSIVE_COST = 8


@dataclass(frozen=True)
class Budget:
    """The most one search may ask for. Every limit is a count of things typed, so it is checked as data."""

    max_cost: int = 64
    max_terms: int = 64  # words, phrases, prefixes, references and minute numbers, excluded ones included
    max_prefixes: int = 4
    max_phrase_words: int = 12
    max_filters: int = 16  # typed filters: speaker: committee: topic: council:


@dataclass(frozen=True)
class QueryCost:
    """A parsed query priced: the units, and the counts the budget limits."""

    units: int = 0
    terms: int = 0
    prefixes: int = 0
    longest_phrase: int = 0
    filters: int = 0
    parts: dict[str, int] = field(default_factory=dict)  # units by kind of clause, for docs and tests

    @property
    def expensive(self) -> bool:
        return self.units >= EXPENSIVE_COST


def clause_cost(clause: Clause) -> int:
    if clause.kind == "prefix":
        return PREFIX_COST
    if clause.kind == "phrase":
        return PHRASE_BASE_COST + PHRASE_WORD_COST * len(clause.text.split())
    if clause.kind == "reference":
        return REFERENCE_COST
    return WORD_COST


def query_cost(pq: ParsedQuery) -> QueryCost:
    """The price of a parsed query, before any engine runs it."""
    clauses = [c for g in pq.groups for c in g]
    parts: dict[str, int] = {}
    for c in clauses:
        parts[c.kind] = parts.get(c.kind, 0) + clause_cost(c)
    filters = sum(len(v) for v in pq.filters.values())
    return QueryCost(units=sum(parts.values()) + filters, terms=len(clauses),
                     prefixes=sum(c.kind == "prefix" for c in clauses),
                     longest_phrase=max((len(c.text.split()) for c in clauses if c.kind == "phrase"), default=0),
                     filters=filters, parts=parts)


def over_budget(cost: QueryCost, budget: Budget = Budget()) -> str:
    """"" when the search fits the budget, else a sentence saying what to change."""
    if cost.terms > budget.max_terms:
        return (f"This search has {cost.terms} words or phrases; Minutes searches at most {budget.max_terms} "
                "at once. Keep the ones that matter most and search again.")
    if cost.prefixes > budget.max_prefixes:
        return (f"This search has {cost.prefixes} words ending in *; Minutes searches at most "
                f"{budget.max_prefixes} at once. Write some of them out in full.")
    if cost.longest_phrase > budget.max_phrase_words:
        return (f"A phrase in this search has {cost.longest_phrase} words (punctuation such as * or ^ inside a "
                f"word splits it into a phrase); Minutes matches phrases of at most {budget.max_phrase_words} "
                "words. Quote a shorter part of it.")
    if cost.filters > budget.max_filters:
        return (f"This search has {cost.filters} speaker:, committee:, topic: or council: filters; at most "
                f"{budget.max_filters} are allowed. Use fewer.")
    if cost.units > budget.max_cost:
        return (f"This search asks for too much work at once ({cost.units} units, over the limit of "
                f"{budget.max_cost}: each phrase or word ending in * counts several times). Use fewer "
                "phrases, fewer words ending in *, or fewer words joined by OR.")
    return ""


def check_budget(pq: ParsedQuery, budget: Budget = Budget()) -> QueryCost:
    """The query's cost; raises QueryTooCostly (a sentence for the person who typed it) when over budget."""
    cost = query_cost(pq)
    problem = over_budget(cost, budget)
    if problem:
        raise QueryTooCostly(problem)
    return cost


class Deadline:
    """A point in time after which a running search stops (SearchTimedOut); engines call ``check`` often."""

    __slots__ = ("at", "limit_ms", "clock")

    def __init__(self, limit_ms: int, clock=time.monotonic):
        self.clock = clock
        self.limit_ms = limit_ms
        self.at = clock() + limit_ms / 1000.0 if limit_ms > 0 else float("inf")

    def remaining_ms(self) -> int:
        return max(0, int((self.at - self.clock()) * 1000))

    def expired(self) -> bool:
        return self.clock() >= self.at

    def check(self) -> None:
        if self.clock() >= self.at:
            raise SearchTimedOut(timed_out_message(self.limit_ms))


__all__ = ["DEFAULT_TIME_LIMIT_MS", "Budget", "Deadline", "QueryCost", "check_budget", "query_cost", "over_budget",
           "partial_notice", "MAX_DOCS_PER_SHARD"]


def partial_notice(limit_ms: int) -> str:
    """What a result stopped at its limit says (only engines that can tell which hits they have give one)."""
    return (f"This search was stopped after {limit_ms / 1000:g} seconds: the results and counts shown are "
            "those found by then and may be incomplete. A narrower search gives complete results.")


def timed_out_message(limit_ms: int) -> str:
    return (f"This search was stopped after {limit_ms / 1000:g} seconds, before it finished. Make it narrower "
            "(fewer words ending in *, fewer phrases, a committee or a date range) and search again.")

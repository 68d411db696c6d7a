"""Words as Minutes reads them, for every engine: the token pattern, reference numbers, common words.

Engine-neutral (no engine is imported here): the query language (index.querylang), the Whoosh
schema and the OpenSearch mapping all split text the same way, so a query means the same on each.
"""

from __future__ import annotations

import re

from crawler.records import REFERENCE_PATTERN

# Words as people type them: letters and digits, keeping reference numbers like 23/01234/FUL
# and minute numbers like 59 as tokens of their own parts.
TOKEN_PATTERN = r"\w+(?:[.'’]\w+)*"
_TOKEN = re.compile(TOKEN_PATTERN)

# Planning and licensing references such as 23/01234/FUL or 2019/0456 (crawler.records.REFERENCE_PATTERN):
# kept whole as one token (as well as their parts in the text fields) so that searching one finds exactly that one.

# The most frequent words of English minutes: never key terms of an item (precedent finder), and
# in Whoosh indexed as word pairs for fast phrases (index.engines.whoosh.schema).
COMMON_WORDS = frozenset("""
the of and to a in that is be for was it on with as by at this are from or an not have had
has which will would were been their they its there all but if any no so can may should must
shall could other such than these those into also more about out up after over under being
do did does he she his her we our us you your i me my who whom what when where why how then
only same some each both very just now here before between during within without against
council committee members member councillor officer officers report meeting minutes agreed
resolved noted item items application planning said asked chair cabinet budget proposal
""".split())


def words(text: str) -> list[str]:
    """The words of a text, in order, case-folded, nothing dropped ("Coombe-Lane" -> coombe, lane)."""
    return [w.lower() for w in _TOKEN.findall(text or "")]


def references_in(text: str) -> list[str]:
    """Reference-number tokens (with a digit and a slash) in a text, lower-cased."""
    if "/" not in (text or ""):  # most paragraphs: the pattern would try, and fail, at every word
        return []
    return [m.group(0).lower() for m in REFERENCE_PATTERN.finditer(text or "")
            if any(ch.isdigit() for ch in m.group(0))]

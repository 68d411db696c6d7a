"""The Whoosh schema: one document per minuted paragraph, carrying its item around it.

Why a paragraph: a hit can then say *who said what* and link to that paragraph, and a speaker
filter means "paragraphs where this person spoke", not "items where they spoke about anything".
Items with no minute text still get one document so their title can be found. See
docs/search.md.
"""

from __future__ import annotations

from whoosh.analysis import RegexTokenizer, LowercaseFilter, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

# Bump when the schema or the record -> document mapping changes: an index of another
# version is rebuilt, never read with the wrong expectations.
SCHEMA_VERSION = 1

# Words as people type them: letters and digits, keeping reference numbers like 23/01234/FUL
# and minute numbers like 59 as tokens of their own parts.
TOKEN_PATTERN = r"\w+(?:[.'’]\w+)*"


def stemmed_analyzer():
    """For recall: "refused" finds "refusal"; stop words dropped."""
    return StemmingAnalyzer(expression=TOKEN_PATTERN, minsize=1, stoplist=None)


def exact_analyzer():
    """For quoted phrases: the exact words in order, case-folded, nothing dropped."""
    return RegexTokenizer(expression=TOKEN_PATTERN) | LowercaseFilter()


def build_schema() -> Schema:
    return Schema(
        id=ID(unique=True, stored=True),
        item_id=ID(stored=True, sortable=True),
        meeting_id=ID(stored=True),
        council=ID(stored=True, sortable=True),
        committee=ID(stored=True, sortable=True),
        committee_name=TEXT(stored=True, analyzer=exact_analyzer()),
        date=DATETIME(stored=True, sortable=True),
        year=NUMERIC(stored=True, sortable=True),
        minute_number=ID(stored=True),
        title=TEXT(stored=True, analyzer=stemmed_analyzer(), field_boost=2.0),
        text=TEXT(stored=True, analyzer=stemmed_analyzer()),
        exact=TEXT(analyzer=exact_analyzer(), phrase=True),
        speakers=KEYWORD(stored=True, commas=True, scorable=False),
        speaker_names=TEXT(analyzer=exact_analyzer()),
        speakers_json=STORED(),
        topics=KEYWORD(stored=True, commas=True, lowercase=True),
        kind=ID(stored=True),
        procedural=ID(stored=True),
        decision=ID(stored=True),
        para_n=STORED(),
        label=STORED(),
        source_url=STORED(),
    )

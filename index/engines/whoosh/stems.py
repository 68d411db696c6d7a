"""Stemming at query time: each stem maps to the indexed words that share it.

The paragraph text is indexed once, unstemmed (so phrases are exact); a search for "refused"
then looks up every indexed word whose stem is "refus" ("refused", "refusal", "refuses"). This
halves the work of building the index against indexing a second, stemmed copy of the text.
"""

from __future__ import annotations

from functools import lru_cache

from whoosh.lang.porter import stem as porter_stem


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return porter_stem(word)


class StemForms:
    """stem -> indexed words, built once per reader snapshot from the `exact` field's lexicon."""

    def __init__(self, reader, field: str = "exact"):
        forms: dict[str, list[str]] = {}
        if field in reader.indexed_field_names():
            for term in reader.lexicon(field):
                word = term.decode("utf-8") if isinstance(term, bytes) else term
                forms.setdefault(stem(word), []).append(word)
        self._forms = forms
        # Paragraphs per stem, filled as the precedent finder asks (index.engines.whoosh.similar): the
        # same snapshot gives the same counts, so each is looked up once, not once per item compared.
        self.df: dict[str, int] = {}

    def __call__(self, stem_: str) -> list[str]:
        return self._forms.get(stem_, [])

    def __len__(self) -> int:
        return len(self._forms)

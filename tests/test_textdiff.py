"""The diff between two versions of minutes, as data: paragraphs matched across versions, then words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from searchsvc.textdiff import Segment, diff_paragraphs, word_segments

A = "The Committee considered the report of the Director of Place on the Riverside footbridge."
B = "Councillor Bass said that the council would not spend a penny more on the bridge."
C = "RESOLVED that the report be noted."


def ops(diff):
    return [(p.op, p.old_n, p.new_n) for p in diff.paragraphs]


def test_the_same_text_is_all_equal_and_spaces_do_not_count():
    diff = diff_paragraphs([A, B], [A.replace(" ", "  "), B + " "])
    assert ops(diff) == [("equal", 1, 1), ("equal", 2, 2)]
    assert diff.counts == {"changed": 0, "added": 0, "removed": 0, "words_inserted": 0, "words_deleted": 0}


def test_a_reworded_paragraph_is_matched_and_diffed_word_by_word():
    diff = diff_paragraphs([A, B, C], [A, B.replace("a penny more", "one more penny"), C])
    assert ops(diff) == [("equal", 1, 1), ("changed", 2, 2), ("equal", 3, 3)]
    changed = diff.paragraphs[1]
    assert (changed.deleted, changed.inserted) == (["a", "more"], ["one more"])  # "penny" kept
    assert " ".join(s.text for s in changed.segments if s.op != "delete").split() == \
        B.replace("a penny more", "one more penny").split()
    assert " ".join(s.text for s in changed.segments if s.op != "insert").split() == B.split()


def test_added_and_removed_paragraphs_are_whole_and_the_rest_stays_matched():
    diff = diff_paragraphs([A, B, C], [A, "A new paragraph about the toll.", C + " Unanimously."])
    assert ops(diff) == [("equal", 1, 1), ("removed", 2, 0), ("added", 0, 2), ("changed", 3, 3)]
    assert diff.paragraphs[1].segments == (Segment("delete", B),)
    assert diff.paragraphs[2].segments == (Segment("insert", "A new paragraph about the toll."),)
    assert diff.paragraphs[3].inserted == ["Unanimously."]
    assert diff.counts == {"changed": 1, "added": 1, "removed": 1, "words_inserted": 1, "words_deleted": 0}


def test_a_paragraph_inserted_before_an_edited_one_is_not_mistaken_for_it():
    edited = C.replace("noted", "approved")
    diff = diff_paragraphs([A, C], [A, "Members asked about the deliveries to the site.", edited])
    assert ops(diff) == [("equal", 1, 1), ("added", 0, 2), ("changed", 2, 3)]
    assert (diff.paragraphs[2].deleted, diff.paragraphs[2].inserted) == (["noted."], ["approved."])


def test_word_segments_keep_reading_order():
    assert word_segments("For: 5, Against: 3", "For: 6, Against: 2") == (
        Segment("equal", "For:"), Segment("delete", "5,"), Segment("insert", "6,"), Segment("equal", "Against:"),
        Segment("delete", "3"), Segment("insert", "2"))


_para = st.lists(st.sampled_from(["the", "council", "resolved", "penny", "bridge", "5,", "6,"]), min_size=1,
                 max_size=8).map(" ".join)


@given(st.lists(_para, max_size=5), st.lists(_para, max_size=5))
def test_either_version_can_be_read_back_from_the_diff(old, new):
    diff = diff_paragraphs(old, new)
    back_old = [" ".join(s.text for s in p.segments if s.op != "insert") for p in diff.paragraphs if p.op != "added"]
    back_new = [" ".join(s.text for s in p.segments if s.op != "delete") for p in diff.paragraphs if p.op != "removed"]
    assert back_old == old and back_new == new
    assert [p.old_n for p in diff.paragraphs if p.old_n] == list(range(1, len(old) + 1))
    assert [p.new_n for p in diff.paragraphs if p.new_n] == list(range(1, len(new) + 1))

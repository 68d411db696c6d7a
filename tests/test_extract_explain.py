"""`minutes parse FILE --explain`: records as extract finishes them, and why each speaker, decision
and declaration was attributed (read off the real Kingston page)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cli.main import main
from tests.realcorpus import PAGES, REAL, require_real_corpus


def test_parse_explain_on_a_real_meeting_page() -> None:
    require_real_corpus()
    rel, url, council = PAGES["Agenda_151"]
    result = CliRunner().invoke(main, ["parse", str(REAL / rel), "--url", url, "--council", council,
                                       "--explain"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    explain = data["explain"]
    speakers = [(e["item"].rsplit("/", 1)[1], e["paragraph"], e["name"], e["how"]) for e in explain
                if e["what"] == "speaker"]
    # Councillor Bass declared an interest: a declaration (below), not speech.
    assert speakers == [("i51903", 7, "Councillor Giles", "spoke"), ("i51903", 10, "The Chair", "proposed"),
                        ("i51903", 10, "Councillor Sadr-Hashemi", "seconded")]
    giles = next(e for e in explain if e["what"] == "speaker")
    assert giles["because"].startswith("'spoke' pattern matched the words") and "Councillor Giles" in giles["because"]
    assert giles["basis"] == "as minuted, not verbatim"
    decisions = [(e["id"].rsplit("/", 2)[1], e["because"], e["vote"]) for e in explain if e["what"] == "decision"]
    assert decisions == [("i51902", "the item's \"Decision:\" section", ""),
                         ("i51903", "paragraph 11 opens with RESOLVED", ""),
                         ("i51899", "paragraph 6 opens with RESOLVED", "Voting: unanimous")]
    (decl,) = [e for e in explain if e["what"] == "declaration"]
    assert decl["who"] == "Councillor Bass" and decl["concerns"].startswith("agenda 9 Coombe Lane West")
    # The records carry the same speakers as the explanation (extract's enrichment).
    items = {r["id"]: r for r in data["records"] if r["type"] == "Item"}
    assert items["kingston/m10221/i51893"]["paragraphs"][0]["speakers"] == []
    assert items["kingston/m10221/i51893"]["declarations"][0]["who"] == "Councillor Bass"
    # Without --explain the records are the same and there is no "explain".
    plain = CliRunner().invoke(main, ["parse", str(REAL / rel), "--url", url, "--council", council])
    assert "explain" not in json.loads(plain.output)
    assert json.loads(plain.output)["records"] == data["records"]

import json

from bot.grading.batch import read_items

GOOD = {"id": "x-1", "context": {"persona": "Dana"}, "history": [{"role": "customer", "text": "Hi"}], "reply": "Hello"}


def test_bad_lines_are_reported_with_their_number_and_skipped(tmp_path):
    missing_reply = {k: v for k, v in GOOD.items() if k != "reply"}
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([json.dumps(GOOD), "{not json", "", json.dumps(missing_reply), "[1, 2]",
                               json.dumps(GOOD | {"id": "x-2"})]) + "\n")
    items, bad = read_items(path)
    assert [(n, item.id) for n, item in items] == [(1, "x-1"), (6, "x-2")]
    assert [b.line for b in bad] == [2, 4, 5]
    assert "not valid JSON" in str(bad[0]) and str(bad[1]) == "line 4: missing field 'reply'"

"""How often the hybrid engine's "confident" detector levels match the human labels.

    .venv/bin/python bench/hybrid_confidence.py tests/data/heldout.jsonl /work/shared/grading/dev_set.jsonl

Per file and criterion: confident = levels the hybrid takes from the detectors without the judge (a fault
found with its span); unsure = the rest, which the judge decides on a capable endpoint.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.config import PROJECT_ROOT
from bot.domain import GradingItem
from bot.files import load_rubric
from bot.grading.hybrid import offline_is_confident
from bot.grading.offline import grade_offline


def main(paths: list[str]) -> None:
    rubric = load_rubric(PROJECT_ROOT / "rubrics" / "deescalation.yaml")
    for path in paths:
        counts = {c.id: {"confident": [0, 0], "unsure": [0, 0]} for c in rubric.criteria}
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            item = GradingItem.model_validate_json(line)
            grade = grade_offline(item, rubric)
            for criterion in rubric.criteria:
                found, label = grade.criteria[criterion.id], (item.labels or {}).get(criterion.id)
                if found.status == "not_applicable" and label is None:
                    continue
                kind = "confident" if offline_is_confident(found, criterion) else "unsure"
                counts[criterion.id][kind][0] += found.level == label
                counts[criterion.id][kind][1] += 1
        print(path)
        for criterion_id, kinds in counts.items():
            (c_ok, c_n), (u_ok, u_n) = kinds["confident"], kinds["unsure"]
            print(f"  {criterion_id:18} confident {c_ok:3}/{c_n:<3}  unsure {u_ok:3}/{u_n:<3}")


if __name__ == "__main__":
    main(sys.argv[1:] or [str(PROJECT_ROOT / "tests" / "data" / "heldout.jsonl")])

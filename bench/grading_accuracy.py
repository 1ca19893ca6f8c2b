"""Per-criterion agreement (Cohen's kappa) of the offline detectors with human labels.

    .venv/bin/python bench/grading_accuracy.py [--show-misses]

Runs on the dev set (../shared/grading/dev_set.jsonl beside the checkout, or BOT_DEV_SET), the held-out sets
(tests/data/heldout*.jsonl, labelled by other engineers; see tests/data/README.md for which were read for tuning) and two challenge sets (tests/grading/data/challenge*.jsonl,
written from LABELING.md by the detectors' author, each before the detectors were run on it). The rules were written from the dev set; held-out and
challenge failures were read after their first measurement and general rules fixed (see "Grading" in README.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from bot.files import load_rubric
from bot.grading.batch import levels, read_items
from bot.grading.calibration import calibrate
from bot.grading.offline import grade_offline

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "dev": Path(os.environ.get("BOT_DEV_SET") or ROOT.parent / "shared" / "grading" / "dev_set.jsonl"),
    "held-out": ROOT / "tests" / "data" / "heldout.jsonl",
    "held-out2": ROOT / "tests" / "data" / "heldout2.jsonl",
    "held-out3": ROOT / "tests" / "data" / "heldout3.jsonl",
    "held-out4": ROOT / "tests" / "data" / "heldout4.jsonl",
    "held-out5": ROOT / "tests" / "data" / "heldout5.jsonl",
    "held-out6": ROOT / "tests" / "data" / "heldout6.jsonl",
    "held-out7": ROOT / "tests" / "data" / "heldout7.jsonl",  # measured once after round 5, then read for tuning (round 6)
    "held-out8": ROOT / "tests" / "data" / "heldout8.jsonl",
    "held-out9": ROOT / "tests" / "data" / "heldout9.jsonl",
    "held-out10": ROOT / "tests" / "data" / "heldout10.jsonl",
    "held-out11": ROOT / "tests" / "data" / "heldout11.jsonl",
    "held-out12": ROOT / "tests" / "data" / "heldout12.jsonl",  # measured once after round 10, then read for tuning (round 11)
    "held-out13": ROOT / "tests" / "data" / "heldout13.jsonl",  # measured once after round 11, then read for tuning (round 12)
    "held-out14": ROOT / "tests" / "data" / "heldout14.jsonl",  # measured once after round 12, then read for tuning (round 13)
    "held-out15": ROOT / "tests" / "data" / "heldout15.jsonl",  # measured once after round 13, then read for tuning (round 14)
    "held-out16": ROOT / "tests" / "data" / "heldout16.jsonl",  # the honest figure for round 14, read in session 5 (round 22)
    "held-out17": ROOT / "tests" / "data" / "heldout17.jsonl",  # measured once after round 14, then read for tuning (round 15)
    "held-out18": ROOT / "tests" / "data" / "heldout18.jsonl",  # measured once after round 15, then read for tuning (round 16)
    "held-out19": ROOT / "tests" / "data" / "heldout19.jsonl",  # measured once after round 16, then read for tuning (round 17)
    "held-out20": ROOT / "tests" / "data" / "heldout20.jsonl",  # measured once after round 17, read in session 4 (round 18)
    "held-out21": ROOT / "tests" / "data" / "heldout21.jsonl",  # session 3's final figure, read in session 4 (round 18)
    "held-out22": ROOT / "tests" / "data" / "heldout22.jsonl",  # session 3's second final figure, read in session 4 (round 18)
    "held-out23": ROOT / "tests" / "data" / "heldout23.jsonl",  # measured once after round 18, then read (round 19)
    "held-out24": ROOT / "tests" / "data" / "heldout24.jsonl",  # measured once after round 18, then read (round 19)
    "held-out25": ROOT / "tests" / "data" / "heldout25.jsonl",  # measured once after round 19, then read (round 20)
    "held-out26": ROOT / "tests" / "data" / "heldout26.jsonl",  # measured once after round 19, then read (round 20)
    "held-out27": ROOT / "tests" / "data" / "heldout27.jsonl",  # measured after round 20 + model, promise misses read
    "held-out28": ROOT / "tests" / "data" / "heldout28.jsonl",  # measured after round 20 + model, trigger misses read
    "held-out29": ROOT / "tests" / "data" / "heldout29.jsonl",  # measured after round 21, promise misses read
    "held-out30": ROOT / "tests" / "data" / "heldout30.jsonl",  # measured after round 21, promise misses read
    "held-out31": ROOT / "tests" / "data" / "heldout31.jsonl",  # session 4's final figure, read in session 5 (round 22)
    "held-out32": ROOT / "tests" / "data" / "heldout32.jsonl",  # session 4's second final figure, read (round 22)
    "held-out35": ROOT / "tests" / "data" / "heldout35.jsonl",  # measured once after round 22, then read (round 23)
    "held-out36": ROOT / "tests" / "data" / "heldout36.jsonl",  # measured once after round 22, then read (round 23)
    "held-out33": ROOT / "tests" / "data" / "heldout33.jsonl",  # measured once after round 23, then read (round 24)
    "held-out34": ROOT / "tests" / "data" / "heldout34.jsonl",  # measured once after round 23, then read (round 24)
    "held-out37": ROOT / "tests" / "data" / "heldout37.jsonl",  # measured once after round 24, then read (round 25)
    "held-out38": ROOT / "tests" / "data" / "heldout38.jsonl",  # measured once after round 24, then read (round 25)
    "held-out39": ROOT / "tests" / "data" / "heldout39.jsonl",  # measured after round 25, then read (round 26)
    "held-out40": ROOT / "tests" / "data" / "heldout40.jsonl",  # measured after round 25, then read (round 26)
    "held-out41": ROOT / "tests" / "data" / "heldout41.jsonl",  # measured after round 25, then read (round 26)
    "held-out42": ROOT / "tests" / "data" / "heldout42.jsonl",  # measured after round 25, then read (round 26)
    "held-out43": ROOT / "tests" / "data" / "heldout43.jsonl",  # session 5's final figure, read in session 6 (round 27)
    "held-out44": ROOT / "tests" / "data" / "heldout44.jsonl",  # session 5's second final figure, read in session 6 (round 27)
    "held-out45": ROOT / "tests" / "data" / "heldout45.jsonl",  # measured once on f1de437 (session 6), then read (round 27)
    "held-out46": ROOT / "tests" / "data" / "heldout46.jsonl",  # measured once on f1de437 (session 6), then read (round 27)
    "held-out47": ROOT / "tests" / "data" / "heldout47.jsonl",  # measured once on f1de437 (session 6), then read (round 27)
    "held-out48": ROOT / "tests" / "data" / "heldout48.jsonl",  # measured once on f1de437 (session 6), then read (round 27)
    "held-out49": ROOT / "tests" / "data" / "heldout49.jsonl",  # measured once on f1de437 (session 6), then read (round 27)
    "held-out50": ROOT / "tests" / "data" / "heldout50.jsonl",  # measured once on f1de437 (session 6), then read (round 27)
    "held-out51": ROOT / "tests" / "data" / "heldout51.jsonl",  # measured once on 41aa35b, then read (round 29)
    "held-out52": ROOT / "tests" / "data" / "heldout52.jsonl",  # measured once on 41aa35b, then read (round 29)
    "held-out53": ROOT / "tests" / "data" / "heldout53.jsonl",  # measured once on d252357, then read (round 28)
    "held-out54": ROOT / "tests" / "data" / "heldout54.jsonl",  # measured once on d252357, then read (round 28)
    "held-out55": ROOT / "tests" / "data" / "heldout55.jsonl",  # measured once on d252357, then read (round 28)
    "held-out56": ROOT / "tests" / "data" / "heldout56.jsonl",  # measured once on d252357, then read (round 28)
    "held-out57": ROOT / "tests" / "data" / "heldout57.jsonl",  # measured once on 41aa35b, then read (round 29)
    "held-out58": ROOT / "tests" / "data" / "heldout58.jsonl",  # measured once on 41aa35b, then read (round 29)
    "held-out59": ROOT / "tests" / "data" / "heldout59.jsonl",  # measured once on 41aa35b, then read (round 29)
    "held-out60": ROOT / "tests" / "data" / "heldout60.jsonl",  # measured once on 41aa35b, then read (round 29)
    "held-out61": ROOT / "tests" / "data" / "heldout61.jsonl",  # measured once on 57fe23d, then read (round 30)
    "held-out62": ROOT / "tests" / "data" / "heldout62.jsonl",  # measured once on 57fe23d, then read (round 30)
    "held-out63": ROOT / "tests" / "data" / "heldout63.jsonl",  # measured once on 57fe23d, then read (round 30)
    "held-out64": ROOT / "tests" / "data" / "heldout64.jsonl",  # measured once on 57fe23d, then read (round 30)
    "held-out65": ROOT / "tests" / "data" / "heldout65.jsonl",  # measured once on 57fe23d, then read (round 30)
    "held-out66": ROOT / "tests" / "data" / "heldout66.jsonl",  # measured once on 57fe23d, then read (round 30)
    "held-out67": ROOT / "tests" / "data" / "heldout67.jsonl",  # measured once on 57fe23d, then read (round 30)
    "held-out68": ROOT / "tests" / "data" / "heldout68.jsonl",  # measured once on 57fe23d, then read (round 30)
    "held-out69": ROOT / "tests" / "data" / "heldout69.jsonl",  # measured once on 011cdf6, then read (round 31)
    "held-out70": ROOT / "tests" / "data" / "heldout70.jsonl",  # measured once on 011cdf6, then read (round 31)
    "held-out71": ROOT / "tests" / "data" / "heldout71.jsonl",  # measured once on 011cdf6, then read (round 31)
    "held-out72": ROOT / "tests" / "data" / "heldout72.jsonl",  # measured once on 011cdf6, then read (round 31)
    "held-out73": ROOT / "tests" / "data" / "heldout73.jsonl",  # measured once on 011cdf6, then read (round 31)
    "held-out74": ROOT / "tests" / "data" / "heldout74.jsonl",  # measured once on 011cdf6, then read (round 31)
    "held-out75": ROOT / "tests" / "data" / "heldout75.jsonl",  # measured once on 011cdf6, then read (round 31)
    "held-out76": ROOT / "tests" / "data" / "heldout76.jsonl",  # measured once on 011cdf6, then read (round 31)
    "held-out77": ROOT / "tests" / "data" / "heldout77.jsonl",  # session 6's final figure, read in session 7 (round 32)
    "held-out78": ROOT / "tests" / "data" / "heldout78.jsonl",  # session 6's final figure, read in session 7 (round 32)
    "held-out79": ROOT / "tests" / "data" / "heldout79.jsonl",  # session 6's final figure, read in session 7 (round 32)
    "held-out80": ROOT / "tests" / "data" / "heldout80.jsonl",  # session 6's final figure, read in session 7 (round 32)
    "held-out81": ROOT / "tests" / "data" / "heldout81.jsonl",  # session 6's final figure, read in session 7 (round 32)
    "held-out82": ROOT / "tests" / "data" / "heldout82.jsonl",  # session 6's final figure, read in session 7 (round 32)
    "held-out83": ROOT / "tests" / "data" / "heldout83.jsonl",  # session 6's final figure, read in session 7 (round 32)
    "held-out84": ROOT / "tests" / "data" / "heldout84.jsonl",  # session 6's final figure, read in session 7 (round 32)
    "held-out85": ROOT / "tests" / "data" / "heldout85.jsonl",  # measured once on b8b2f29, then read (round 33)
    "held-out86": ROOT / "tests" / "data" / "heldout86.jsonl",  # measured once on b8b2f29, then read (round 33)
    "held-out87": ROOT / "tests" / "data" / "heldout87.jsonl",  # measured once on b8b2f29, then read (round 33)
    "held-out88": ROOT / "tests" / "data" / "heldout88.jsonl",  # measured once on b8b2f29, then read (round 33)
    "held-out89": ROOT / "tests" / "data" / "heldout89.jsonl",  # measured once on b8b2f29, then read (round 33)
    "held-out90": ROOT / "tests" / "data" / "heldout90.jsonl",  # measured once on b8b2f29, then read (round 33)
    "held-out91": ROOT / "tests" / "data" / "heldout91.jsonl",  # measured once on b8b2f29, then read (round 33)
    "held-out92": ROOT / "tests" / "data" / "heldout92.jsonl",  # measured once on b8b2f29, then read (round 33)
    "held-out93": ROOT / "tests" / "data" / "heldout93.jsonl",  # measured once on 4fecc40, then read (round 34)
    "held-out94": ROOT / "tests" / "data" / "heldout94.jsonl",  # measured once on 4fecc40, then read (round 34)
    "held-out95": ROOT / "tests" / "data" / "heldout95.jsonl",  # measured once on 4fecc40, then read (round 34)
    "held-out96": ROOT / "tests" / "data" / "heldout96.jsonl",  # measured once on 4fecc40, then read (round 34)
    "held-out97": ROOT / "tests" / "data" / "heldout97.jsonl",  # measured once on 4fecc40, then read (round 34)
    "held-out98": ROOT / "tests" / "data" / "heldout98.jsonl",  # measured once on 4fecc40, then read (round 34)
    "held-out99": ROOT / "tests" / "data" / "heldout99.jsonl",  # measured once on 4fecc40, then read (round 34)
    "held-out100": ROOT / "tests" / "data" / "heldout100.jsonl",  # measured once on 4fecc40, then read (round 34)
    "held-out101": ROOT / "tests" / "data" / "heldout101.jsonl",  # measured once on 1717363, then read (round 35)
    "held-out102": ROOT / "tests" / "data" / "heldout102.jsonl",  # measured once on 1717363, then read (round 35)
    "held-out103": ROOT / "tests" / "data" / "heldout103.jsonl",  # measured once on 1717363, then read (round 35)
    "held-out104": ROOT / "tests" / "data" / "heldout104.jsonl",  # measured once on 1717363, then read (round 35)
    "held-out105": ROOT / "tests" / "data" / "heldout105.jsonl",  # measured once on 1717363, then read (round 35)
    "held-out106": ROOT / "tests" / "data" / "heldout106.jsonl",  # measured once on 1717363, then read (round 35)
    "held-out107": ROOT / "tests" / "data" / "heldout107.jsonl",  # measured once on 1717363, then read (round 35)
    "held-out108": ROOT / "tests" / "data" / "heldout108.jsonl",  # measured once on 1717363, then read (round 35)
    "held-out109": ROOT / "tests" / "data" / "heldout109.jsonl",  # session 7's final figure: not read
    "held-out110": ROOT / "tests" / "data" / "heldout110.jsonl",  # session 7's final figure: not read
    "held-out111": ROOT / "tests" / "data" / "heldout111.jsonl",  # session 7's final figure: not read
    "held-out112": ROOT / "tests" / "data" / "heldout112.jsonl",  # session 7's final figure: not read
    "held-out113": ROOT / "tests" / "data" / "heldout113.jsonl",  # session 7's final figure: not read
    "held-out114": ROOT / "tests" / "data" / "heldout114.jsonl",  # session 7's final figure: not read
    "held-out115": ROOT / "tests" / "data" / "heldout115.jsonl",  # session 7's final figure: not read
    "held-out116": ROOT / "tests" / "data" / "heldout116.jsonl",  # session 7's final figure: not read
    "held-out117": ROOT / "tests" / "data" / "heldout117.jsonl",  # session 7's final figure: not read
    "held-out118": ROOT / "tests" / "data" / "heldout118.jsonl",  # session 7's final figure: not read
    "held-out119": ROOT / "tests" / "data" / "heldout119.jsonl",  # session 7's final figure: not read
    "held-out120": ROOT / "tests" / "data" / "heldout120.jsonl",  # session 7's final figure: not read
    "held-out121": ROOT / "tests" / "data" / "heldout121.jsonl",  # session 7's final figure: not read
    "held-out122": ROOT / "tests" / "data" / "heldout122.jsonl",  # session 7's final figure: not read
    "held-out123": ROOT / "tests" / "data" / "heldout123.jsonl",  # session 7's final figure: not read
    "held-out124": ROOT / "tests" / "data" / "heldout124.jsonl",  # session 7's final figure: not read
    **{path.stem: path for path in sorted((ROOT / "tests" / "grading" / "data").glob("challenge*.jsonl"))},
}
CRITERIA = ("empathy", "open_questions", "promises", "boundary_setting", "trigger_phrases")


def measure(path: Path, show_misses: bool) -> dict[str, float]:
    rubric = load_rubric(ROOT / "rubrics" / "deescalation.yaml")
    numbered, bad = read_items(path)
    rows = []
    for _, item in numbered:
        grade = grade_offline(item, rubric)
        rows.append((item.labels or {}, levels(grade)))
        if show_misses:
            for criterion, gold in (item.labels or {}).items():
                got = grade.criteria[criterion]
                if got.level != gold:
                    print(f"  {item.id} {criterion}: human={gold} offline={got.level} ({got.reason}) "
                          f"evidence={got.evidence!r}")
    return {a.criterion: a.kappa for a in calibrate(rows)} | {"n": len(rows), "bad": len(bad)}


def main() -> None:
    show = "--show-misses" in sys.argv
    print(f"{'set':10} {'n':>4} " + " ".join(f"{c[:14]:>15}" for c in CRITERIA))
    for name, path in SETS.items():
        if not path.exists():
            print(f"{name:10} (missing: {path})")
            continue
        kappas = measure(path, show)
        print(f"{name:10} {kappas['n']:>4} " + " ".join(f"{kappas.get(c, float('nan')):>15.2f}" for c in CRITERIA))


if __name__ == "__main__":
    main()

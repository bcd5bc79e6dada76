"""Loss-curve and contact-sheet figures for the model card.

    cd models && .venv/bin/python -m crossfuse.figures --run rs-cpu-2 --previous runs/tno21-1.0.0/ours

Copies the run's loss logs to train-log/, plots figures/loss-curves.png, and puts TNO pairs side by side
(IR | visible | CrossFuse authors | ours) in figures/contact-sheet.png from runs/tno21/ours.
"""
import argparse
import csv
import shutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from .export import MODELS_DIR  # noqa: E402
from .train import DEFAULT_RUNS  # noqa: E402

DATA = MODELS_DIR.parent.parent / "shared" / "data" / "ir-vis"


def read_csv(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def smooth(y, k=15):
    if len(y) < k:
        return np.asarray(y)
    return np.convolve(np.pad(y, (k // 2, k - 1 - k // 2), mode="edge"), np.ones(k) / k, mode="valid")


def loss_curves(logs, out, events=()):
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
    s1 = logs.get(1)
    if s1:
        step = [int(r["step"]) for r in s1]
        ax = axes[0]
        for key, label in (("ssim_ir", "SSIM infrared"), ("ssim_vis", "SSIM visible")):
            y = np.array([float(r[key]) for r in s1])
            ax.plot(step, y, alpha=0.25)
            ax.plot(step, smooth(y), label=label, color=ax.lines[-1].get_color())
        ax.set_title("stage 1: auto-encoder reconstruction SSIM (higher is better)")
        ax.set_xlabel("step (batch 4, 128x128 crops)")
        ax.set_ylim(0, 1)
        ax.legend()
        ax.grid(alpha=0.3)
    s2 = logs.get(2)
    if s2:
        step = [int(r["step"]) for r in s2]
        ax = axes[1]
        for key, label, scale in (("loss", "total", 1.0), ("intensity", "intensity (MSE) x10", 10.0),
                                  ("gradient", "gradient term x10", 10.0)):
            y = np.array([float(r[key]) * scale for r in s2])
            ax.plot(step, y, alpha=0.25)
            ax.plot(step, smooth(y), label=label, color=ax.lines[-1].get_color())
        top = ax.get_ylim()[1]
        for k, (at, label) in enumerate(sorted(events)):
            ax.axvline(at, color="grey", linestyle="--", linewidth=1)
            ax.text(at, top * 0.75 ** (k % 3), " " + label, va="top", fontsize=8, color="dimgrey")
        ax.set_title("stage 2: fusion loss = intensity + 10 x gradient term")
        ax.set_xlabel("step (batch 4, 256x256 crops)")
        ax.set_yscale("log")
        ax.legend(loc="lower left")
        ax.grid(alpha=0.3, which="both")
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    plt.close(fig)


def contact_sheet(pairs, ours_dir, out, height=220, previous_dir=None):
    rows = []
    for i in pairs:
        paths = [DATA / "tno21" / "ir" / f"IR{i}.png", DATA / "tno21" / "vis" / f"VIS{i}.png",
                 DATA / "tno21-fused" / "crossfuse" / f"results_transfuse_IR{i}.png"]
        paths += [Path(previous_dir) / f"IR{i}.png"] if previous_dir else []
        paths += [Path(ours_dir) / f"IR{i}.png"]
        tiles = []
        for p in paths:
            img = Image.open(p).convert("L")
            img = img.resize((round(img.width * height / img.height), height), Image.BICUBIC)
            tiles.append(np.asarray(img))
        gap = np.full((height, 6), 255, np.uint8)
        rows.append(np.concatenate(sum(([t, gap] for t in tiles), [])[:-1], axis=1))
    columns = "infrared | visible | CrossFuse (authors) | " + ("previous model | " if previous_dir else "") + "ours"
    _save_sheet(rows, height, "TNO pairs " + ", ".join(map(str, pairs)) + ":  " + columns, out)


def _save_sheet(rows, height, title, out):
    """Stack grey image rows (padded to one width, 6-px white gaps) under a title into one PNG."""
    width = max(r.shape[1] for r in rows)
    rows = [np.pad(r, ((0, 6), (0, width - r.shape[1])), constant_values=255) for r in rows]
    fig = plt.figure(figsize=(width / 100, (len(rows) * (height + 6) + 40) / 100), dpi=100)
    plt.imshow(np.concatenate(rows), cmap="gray", vmin=0, vmax=255)
    plt.axis("off")
    plt.title(title, fontsize=10)
    fig.savefig(out, dpi=100, bbox_inches="tight")
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True)
    ap.add_argument("--runs-dir", default=str(DEFAULT_RUNS))
    ap.add_argument("--ours", default=str(MODELS_DIR / "runs" / "tno21" / "ours"))
    ap.add_argument("--previous", help="a column with the previous model's outputs (IR<i>.png)")
    ap.add_argument("--pairs", default="2,7,13,18")
    ap.add_argument("--event", action="append", default=[], metavar="STEP:LABEL",
                    help="mark a stage-2 step on the loss curve, e.g. a re-planned schedule")
    args = ap.parse_args()
    (MODELS_DIR / "figures").mkdir(exist_ok=True)
    (MODELS_DIR / "train-log").mkdir(exist_ok=True)
    logs = {}
    for stage in (1, 2):
        src = Path(args.runs_dir) / args.run / f"stage{stage}.csv"
        if src.exists():
            shutil.copy(src, MODELS_DIR / "train-log" / f"{args.run}-stage{stage}.csv")
            logs[stage] = read_csv(src)
    events = [(int(e.split(":", 1)[0]), e.split(":", 1)[1]) for e in args.event]
    loss_curves(logs, MODELS_DIR / "figures" / "loss-curves.png", events)
    if Path(args.ours).is_dir():
        contact_sheet([int(p) for p in args.pairs.split(",")], args.ours, MODELS_DIR / "figures" / "contact-sheet.png",
                      previous_dir=args.previous)


if __name__ == "__main__":
    main()


# Regions that show the defects listed in the model-quality issue (fractions of width/height: x0, y0, x1, y1).
DEFECT_CROPS = [
    (1, (0.55, 0.30, 0.90, 0.80), "person, bright ground"),
    (7, (0.55, 0.00, 1.00, 0.40), "sky: mottled grain, infrared line noise"),
    (18, (0.65, 0.50, 1.00, 0.90), "hot spot: dark core, halo; dark ground grain"),
    (20, (0.20, 0.25, 0.80, 0.75), "saturated visible region: blocks, blotches"),
]


def comparison_sheet(columns, out, height=220, crops=DEFECT_CROPS):
    """Rows of TNO pairs, whole and then zoomed into one defect region each; columns: infrared, visible and
    (label, folder with IR<i>.png or results_transfuse_IR<i>.png) for every method."""
    def load(folder, i):
        folder = Path(folder)
        return Image.open(next(folder.glob(f"*IR{i}.png"))).convert("L")

    srcs = [("infrared", DATA / "tno21" / "ir", "IR"), ("visible", DATA / "tno21" / "vis", "VIS")]
    rows = []
    for zoom in (False, True):
        for i, box, _ in crops:
            tiles = []
            for _, folder, prefix in srcs:
                tiles.append(Image.open(Path(folder) / f"{prefix}{i}.png").convert("L"))
            tiles += [load(folder, i) for _, folder in columns]
            if zoom:
                tiles = [t.crop((round(box[0] * t.width), round(box[1] * t.height),
                                 round(box[2] * t.width), round(box[3] * t.height))) for t in tiles]
            tiles = [np.asarray(t.resize((round(t.width * height / t.height), height),
                                         Image.NEAREST if zoom else Image.BICUBIC)) for t in tiles]
            gap = np.full((height, 6), 255, np.uint8)
            rows.append(np.concatenate(sum(([t, gap] for t in tiles), [])[:-1], axis=1))
    labels = " | ".join(["infrared", "visible"] + [label for label, _ in columns])
    zooms = "; ".join(f"{i}: {what}" for i, _, what in crops)
    _save_sheet(rows, height, f"TNO pairs {', '.join(str(c[0]) for c in crops)}, whole and zoomed ({zooms})\n{labels}", out)

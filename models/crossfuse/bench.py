"""ONNX Runtime CPU latency and peak memory of the exported model; each size in a fresh process.

    cd models && .venv/bin/python -m crossfuse.bench              # 256x256, 640x480, 1024x768, 2 threads

Latency: median of --runs timed runs after one warm-up run. Peak memory: the process's maximum resident set
size (session creation included). Also counts parameters and multiply-accumulates (MACs) of the network.
"""
import argparse
import json
import resource
import statistics
import subprocess
import sys
import time

import numpy as np

from .export import MODELS_DIR, NAME, VERSION, ort_session

SIZES = [(256, 256), (480, 640), (768, 1024)]  # (H, W)


def measure(model, h, w, threads, runs):
    t0 = time.time()
    sess = ort_session(model, threads)
    load_s = time.time() - t0
    rng = np.random.default_rng(0)
    feed = {"ir": rng.random((1, 1, h, w), dtype=np.float32), "vis": rng.random((1, 1, h, w), dtype=np.float32)}
    sess.run(None, feed)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        sess.run(None, feed)
        times.append(time.perf_counter() - t0)
    return {"height": h, "width": w, "threads": threads, "runs": runs, "median_s": statistics.median(times),
            "min_s": min(times), "session_load_s": load_s,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def count_macs(h, w):
    """MACs of one forward pass at h x w: convolutions and linear layers by hooks, attention products analytically."""
    import torch
    import torch.nn as nn

    from .model import Attention, CrossFuse, CrossFuseConfig, count_params

    model = CrossFuse(CrossFuseConfig()).eval()
    macs = {"encoders": 0, "cam": 0, "decoder": 0}

    def hook(part):
        def fn(mod, inp, out):
            if isinstance(mod, nn.Conv2d):
                k = mod.in_channels // mod.groups * mod.kernel_size[0] * mod.kernel_size[1]
                macs[part] += out.numel() * k
            elif isinstance(mod, nn.Linear):
                macs[part] += out.numel() * mod.in_features
            elif isinstance(mod, Attention):
                b, n, c = inp[0].shape
                macs[part] += 2 * b * n * n * c  # Q K^T and weights @ V
        return fn

    for part, sub in (("encoders", model.enc_ir), ("encoders", model.enc_vis), ("cam", model.cam),
                      ("decoder", model.decoder)):
        for mod in sub.modules():
            if isinstance(mod, (nn.Conv2d, nn.Linear, Attention)):
                mod.register_forward_hook(hook(part))
    with torch.no_grad():
        model(torch.rand(1, 1, h, w), torch.rand(1, 1, h, w))
    return {"height": h, "width": w, "params": count_params(model), "macs": macs, "gmacs": sum(macs.values()) / 1e9}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(MODELS_DIR / f"{NAME}-{VERSION}.onnx"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--one", nargs=2, type=int, metavar=("H", "W"), help="measure one size in this process")
    ap.add_argument("--macs", action="store_true", help="count MACs instead of timing")
    ap.add_argument("--out", help="write the results as JSON")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.model, *args.one, args.threads, args.runs)))
        return
    results = []
    for h, w in SIZES:
        if args.macs:
            r = count_macs(h, w)
        else:
            cmd = [sys.executable, "-m", "crossfuse.bench", "--model", args.model, "--threads", str(args.threads),
                   "--runs", str(args.runs), "--one", str(h), str(w)]
            r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=MODELS_DIR).stdout)
        print(json.dumps(r), flush=True)
        results.append(r)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()

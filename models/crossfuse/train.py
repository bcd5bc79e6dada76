"""Two-stage unsupervised CrossFuse training on RoadScene, resumable, CPU or GPU.

    cd models
    python -m crossfuse.train --stage 1 --run rs1 --crop 128 --batch 4 --steps 1500
    python -m crossfuse.train --stage 2 --run rs1 --crop 256 --batch 4 --steps 400
    python -m crossfuse.train --stage 2 --run rs1 --resume          # continue after an interruption

Stage 1 trains both auto-encoders (infrared, visible) together; stage 2 loads their encoders, freezes them
(run under no_grad) and trains the cross-attention module and the fusion decoder. Checkpoints are
self-describing (config, args, optimiser, RNG states) and written every --ckpt-every seconds, at the end,
on SIGTERM/SIGINT and when --stop-at (UTC HH:MM) is reached, to <runs-dir>/<run>/stage<N>.pt. Losses go
to <runs-dir>/<run>/stage<N>.csv.
"""
import argparse
import contextlib
import csv
import datetime as dt
import json
import math
import os
import signal
import time
from pathlib import Path

import torch

from .data import CropSampler, load_pairs
from .datasets import VAL_EVERY, TensorSampler, load_set, split_names
from .features import DeepFeatureSampler, shallow_features
from .losses import max_loss, stage1_loss, stage2_loss
from .model import AutoEncoder, CrossFuse, CrossFuseConfig, count_params, normalize

DEFAULT_RUNS = Path.home() / ".cache" / "imagefusion" / "crossfuse-runs"
DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ir-vis" / "roadscene"


class Stage1(torch.nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.ae_ir = AutoEncoder(cfg)
        self.ae_vis = AutoEncoder(cfg)


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stage", type=int, choices=[1, 2], required=True)
    ap.add_argument("--run", required=True)
    ap.add_argument("--runs-dir", default=str(DEFAULT_RUNS))
    ap.add_argument("--data", action="append", default=None,
                    help="a training set folder with ir/ and vis/ (repeat for several; default RoadScene)")
    ap.add_argument("--val-every", type=int, default=VAL_EVERY,
                    help="hold out every n-th pair of each set (sorted names) as validation; 0: train on all")
    ap.add_argument("--mode", choices=["crop", "resize"], default="crop",
                    help="training images: random crops, or whole images resized to --crop x --crop")
    ap.add_argument("--activation", choices=["none", "relu"], default=None,
                    help="stage 1: the network's activations (model.CrossFuseConfig.activation; default none); "
                         "stage 2 takes the encoders' setting from stage1.pt")
    ap.add_argument("--skip-weights", choices=["per_channel", "summed"], default=None,
                    help="stage 2: gradient-aware skip weights (default per_channel)")
    ap.add_argument("--head", choices=["image", "blend", "blend-sources"], default=None,
                    help="stage 2: what the decoder predicts (model.CrossFuseConfig.head; default image)")
    ap.add_argument("--blend-gain", type=float, default=None,
                    help="stage 2, blend heads: gain on the weight logit (model.CrossFuseConfig.blend_gain; default 1)")
    ap.add_argument("--init-from", default=None,
                    help="stage 2: start the CAM and decoder from this stage-2 checkpoint's weights (its encoders "
                         "must be this run's stage 1); parameters whose shape changed (a new head) start fresh")
    ap.add_argument("--output", choices=["clamp", "minmax"], default=None,
                    help="what the exported `fused` output is (default clamp)")
    ap.add_argument("--loss", choices=["brighter", "max"], default="brighter",
                    help="stage 2: brighter = MSE to the locally brighter source + gradient term (1.0.0-1.2.0); "
                         "max = L1 to the per-pixel max + gradient term + SSIM to both sources")
    ap.add_argument("--loss-on", choices=["raw", "normalised"], default="raw",
                    help="stage 2: the loss sees the raw output or the per-image min-max normalised one")
    ap.add_argument("--int-weight", type=float, default=1.0, help="stage 2, --loss max: weight of the L1 intensity term")
    ap.add_argument("--ssim2-weight", type=float, default=1.0, help="stage 2, --loss max: weight of 1 - SSIM")
    ap.add_argument("--amp", choices=["none", "bf16"], default="none", help="bf16 autocast (CUDA only)")
    ap.add_argument("--crop", type=int, default=256)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--steps", type=int, default=None,
                    help="planned steps (default 1000); the cosine schedule spans them; on --resume, re-plans the run")
    ap.add_argument("--time-budget", type=float, default=None,
                    help="seconds of training loop for this invocation: after 10 timed steps the plan is set "
                         "from the measured step time so that the cosine ends on time (overrides --steps)")
    ap.add_argument("--lr", type=float, default=None, help="peak learning rate (stage 1: 5e-4, stage 2: 2e-4)")
    ap.add_argument("--decoder-lr-mult", type=float, default=5.0,
                    help="stage 2: the small fusion decoder learns this many times faster than the CAM")
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--ssim-weight", type=float, default=1e4)
    ap.add_argument("--grad-weight", type=float, default=10.0)
    ap.add_argument("--grad-loss", choices=["signed", "magnitude"], default=None,
                    help="stage 2 gradient loss (losses.stage2_loss); default signed; on --resume, switches the "
                         "loss from the current step on (printed at start)")
    ap.add_argument("--skip-smooth", type=int, default=None,
                    help="stage 2: box side for the gradient-aware skip weights (model.CrossFuseConfig.skip_smooth); "
                         "on --resume, changes the network from the current step on")
    ap.add_argument("--cache-deep", action="store_true",
                    help="stage 2: encode every training image once and crop its deep features with the pixels "
                         "(horizontal flips only) instead of running the frozen encoders on every step")
    ap.add_argument("--no-hflip", action="store_true",
                    help="with --cache-deep: no horizontal-flip variants (halves the one-off encoding time)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="auto", help="auto (cuda when present, else cpu), cpu, cuda, cuda:N")
    ap.add_argument("--slim-weights", action="store_true",
                    help="with every checkpoint also write <run>/stage<N>-weights.pt: fp16 weights, config and "
                         "summary only, what crossfuse.export needs (~43 MB at stage 2 instead of ~240 MB)")
    ap.add_argument("--ckpt-every", type=float, default=300, help="seconds between checkpoints")
    ap.add_argument("--snapshot-every", type=int, default=0,
                    help="also keep fp16 weights every n steps as <run>/stage<N>-step<step>.pt (to score a run's "
                         "trajectory on the validation split)")
    ap.add_argument("--log-every", type=int, default=5)
    ap.add_argument("--stop-at", help="UTC HH:MM: save and stop when reached (resume later with --resume)")
    ap.add_argument("--resume", action="store_true", help="continue from <run>/stage<N>.pt with its saved args")
    return ap.parse_args(argv)


def lr_at(step, args):
    if step < args.warmup:
        return args.lr * (step + 1) / args.warmup
    t = min(1.0, (step - args.warmup) / max(1, args.steps - args.warmup))
    return args.lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * t)))


def resolve_device(name):
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    device = torch.device(name)
    if device.type == "cuda":
        # Fixed crop sizes: let cuDNN pick its fastest kernels; TF32 matmuls are ample for this loss.
        torch.backends.cudnn.benchmark = True
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    return device


def planned_steps(budget_s, spent_s, step, timed_from, now):
    """Steps that fit the rest of a time budget at the pace measured since timed_from = (step, time)."""
    pace = (now - timed_from[1]) / max(1, step - timed_from[0])
    return step + max(0, int((budget_s - spent_s) / pace))


def stop_deadline(stop_at):
    if not stop_at:
        return None
    now = dt.datetime.now(dt.timezone.utc)
    hh, mm = (int(v) for v in stop_at.split(":"))
    deadline = now.replace(hour=hh, minute=mm, second=0, microsecond=0)
    if deadline <= now:
        deadline += dt.timedelta(days=1)
    return deadline.timestamp()


def build(stage, cfg, run_dir, s1=None):
    if stage == 1:
        model = Stage1(cfg)
        return model, [{"params": list(model.parameters()), "lr_mult": 1.0}]
    model = CrossFuse(cfg)
    s1 = s1 or torch.load(run_dir / "stage1.pt", map_location="cpu", weights_only=False)
    model.enc_ir.load_state_dict(_prefixed(s1["model"], "ae_ir.encoder."))
    model.enc_vis.load_state_dict(_prefixed(s1["model"], "ae_vis.encoder."))
    for p in list(model.enc_ir.parameters()) + list(model.enc_vis.parameters()):
        p.requires_grad_(False)
    return model, [{"params": list(model.cam.parameters()), "lr_mult": 1.0},
                   {"params": list(model.decoder.parameters()), "lr_mult": None}]


def init_state(model, path):
    """Load a stage-2 checkpoint's CAM and decoder into model, skipping parameters whose shape differs."""
    ckpt = torch.load(path, map_location="cpu", weights_only=False)
    src, own = ckpt["model"], model.state_dict()
    # another head reads its output differently (an image, or a logit at another gain): it starts fresh
    theirs = CrossFuseConfig.from_dict(ckpt["config"])
    same_head = all(getattr(theirs, k) == getattr(model.cfg, k) for k in ("head", "blend_gain"))
    taken = {k: v.float() if v.is_floating_point() else v for k, v in src.items()
             if k in own and own[k].shape == v.shape and not k.startswith("enc_")
             and (same_head or not k.startswith("decoder.out."))}
    model.load_state_dict(taken, strict=False)
    fresh = sorted(k for k in own if k not in taken and not k.startswith("enc_"))
    print(f"--init-from {path}: {len(taken)} tensors taken, fresh: {', '.join(fresh) or 'none'}", flush=True)


def _prefixed(state, prefix):
    return {k[len(prefix):]: v for k, v in state.items() if k.startswith(prefix)}


def step_loss(stage, model, batch, args):
    """batch: (ir, vis) crops, or (ir, vis, deep_ir, deep_vis) with cached deep features (stage 2)."""
    ir, vis = batch[0], batch[1]
    amp = (torch.autocast("cuda", dtype=torch.bfloat16) if args.amp == "bf16" and ir.is_cuda
           else contextlib.nullcontext())
    if stage == 1:
        with amp:
            r_ir, r_vis = model.ae_ir(ir), model.ae_vis(vis)
        t_ir, mse_ir, s_ir = stage1_loss(r_ir.float(), ir, args.ssim_weight)
        t_vis, mse_vis, s_vis = stage1_loss(r_vis.float(), vis, args.ssim_weight)
        return t_ir + t_vis, {"mse_ir": mse_ir, "ssim_ir": s_ir, "mse_vis": mse_vis, "ssim_vis": s_vis}
    with torch.no_grad(), amp:
        if len(batch) == 4:
            deep_ir, deep_vis = batch[2], batch[3]
            sh_ir, sh_vis = shallow_features(model.enc_ir, ir), shallow_features(model.enc_vis, vis)
        else:
            (sh_ir, deep_ir), (sh_vis, deep_vis) = model.encode(ir, vis)
    with amp:
        raw = model.fuse_features(sh_ir, deep_ir, sh_vis, deep_vis, ir, vis)
    out = raw.float()
    if args.loss_on == "normalised":
        out = normalize(out)
    if args.loss == "max":
        total, l_int, l_grad, s = max_loss(out, ir, vis, args.grad_weight, args.ssim2_weight, args.grad_loss,
                                               args.int_weight)
        return total, {"intensity": l_int, "gradient": l_grad, "ssim": s}
    total, l_int, l_grad = stage2_loss(out, ir, vis, args.grad_weight, grad_loss=args.grad_loss)
    return total, {"intensity": l_int, "gradient": l_grad}


def main(argv=None):
    args = parse_args(argv)
    run_dir = Path(args.runs_dir) / args.run
    run_dir.mkdir(parents=True, exist_ok=True)
    ckpt_path = run_dir / f"stage{args.stage}.pt"
    log_path = run_dir / f"stage{args.stage}.csv"

    state = None
    if args.resume:
        state = torch.load(ckpt_path, map_location="cpu", weights_only=False)
        saved = state["args"]
        # The schedule and data come from the checkpoint; only where/when to stop may change on resume.
        for keep in ("run", "stop_at", "time_budget", "threads", "device", "slim_weights", "ckpt_every", "resume", "runs_dir"):
            saved[keep] = getattr(args, keep)
        if args.data is not None:  # the data may move (another machine); without --data the run keeps its own
            saved["data"] = args.data
        if args.steps is not None:
            saved["steps"] = args.steps
        if args.grad_loss is not None:
            saved["grad_loss"] = args.grad_loss
        if args.skip_smooth is not None:
            saved["skip_smooth"] = args.skip_smooth
        defaults = {"decoder_lr_mult": 1.0, "cache_deep": False, "no_hflip": False, "grad_loss": "magnitude",
                    "val_every": 0, "mode": "crop", "activation": None, "skip_weights": None, "output": None,
                    "loss": "brighter", "loss_on": "raw", "ssim2_weight": 1.0, "amp": "none", "snapshot_every": 0,
                    "head": None, "init_from": None, "blend_gain": None, "int_weight": 1.0}
        args = argparse.Namespace(**{**defaults, **saved})
    if args.data is None:
        args.data = [str(DEFAULT_DATA)]
    elif isinstance(args.data, str):
        args.data = [args.data]
    if args.steps is None:
        args.steps = 10 ** 9 if args.time_budget else 1000
    if args.grad_loss is None:
        args.grad_loss = "signed"
    if args.lr is None:
        args.lr = 5e-4 if args.stage == 1 else 2e-4
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    s1 = None
    if state:
        cfg = CrossFuseConfig.from_dict(state["config"])
    elif args.stage == 2:
        # the encoders come from stage 1, and with them the network's activation setting
        s1 = torch.load(run_dir / "stage1.pt", map_location="cpu", weights_only=False)
        cfg = CrossFuseConfig.from_dict(s1["config"])
    else:
        cfg = CrossFuseConfig()
        if args.activation:
            cfg.activation = args.activation
    if getattr(args, "skip_smooth", None) is not None:
        cfg.skip_smooth = args.skip_smooth
    if not state and args.skip_weights:
        cfg.skip_weights = args.skip_weights
    if not state and args.output:
        cfg.output = args.output
    if not state and getattr(args, "head", None):
        cfg.head = args.head
    if not state and getattr(args, "blend_gain", None):
        cfg.blend_gain = args.blend_gain
    device = resolve_device(args.device)
    model, groups = build(args.stage, cfg, run_dir, s1)
    model.to(device)  # moves the parameters in place: the optimiser groups below still refer to them
    for g in groups:
        g["lr_mult"] = g["lr_mult"] or args.decoder_lr_mult
    params = [p for g in groups for p in g["params"]]
    opt = torch.optim.Adam(groups, lr=args.lr)
    if args.stage == 2 and args.cache_deep:
        pairs = load_pairs(args.data[0], min_side=args.crop)
        t0 = time.time()
        s1 = torch.load(run_dir / "stage1.pt", map_location="cpu", weights_only=False)
        key = {"stage1_step": s1["step"], "stage1_elapsed": s1["elapsed"], "data": str(Path(args.data[0]).resolve()),
               "pairs": len(pairs), "crop": args.crop, "hflip": not args.no_hflip}
        sampler = DeepFeatureSampler(pairs, model.enc_ir.eval(), model.enc_vis.eval(), args.crop, args.batch,
                                     args.seed, log=lambda m: print(m, flush=True),
                                     cache_file=run_dir / f"deep-features-crop{args.crop}.pt", cache_key=key,
                                     hflip=not args.no_hflip)
        print(f"deep features of {len(sampler.items)} images in {time.time() - t0:.0f} s", flush=True)
    elif args.val_every == 0 and len(args.data) == 1 and args.mode == "crop" and device.type == "cpu":
        # the host-side sampler of runs before the validation split (rs-cpu-1..5), so that they resume unchanged
        sampler = CropSampler(load_pairs(args.data[0], min_side=args.crop), args.crop, args.batch, args.seed)
    else:
        sets = []
        for root in args.data:
            sets.append(load_set(root, split_names(root, args.val_every)[0]))
        sampler = TensorSampler(sets, args.crop, args.batch, args.mode, device, args.seed)
    step, elapsed = 0, 0.0
    if not state and getattr(args, "init_from", None):
        init_state(model, args.init_from)
    if state:
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["optim"])
        sampler.rng.bit_generator.state = state["sampler_rng"]
        torch.set_rng_state(state["torch_rng"])
        step, elapsed = state["step"], state["elapsed"]
    if args.time_budget and args.steps < step + 10:
        args.steps = 10 ** 9  # a placeholder until the budget is turned into a plan
    model.train()
    if args.stage == 2:
        model.enc_ir.eval()
        model.enc_vis.eval()
    print(f"stage {args.stage} run {args.run} on {device}: {count_params(model) / 1e6:.2f} M params, "
          f"{sum(p.numel() for p in params) / 1e6:.2f} M trained, {len(sampler.pairs)} pairs, start at step {step}"
          + (f", gradient loss {args.grad_loss}" if args.stage == 2 else ""),
          flush=True)

    stop = {"flag": False}
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.update(flag=True))
    deadline = stop_deadline(args.stop_at)

    def save(snapshot=False):
        meta = {"stage": args.stage, "step": step, "run": args.run, "config": cfg.to_dict(),
                "summary": {"stage": args.stage, "step": step, "planned_steps": args.steps, "crop": args.crop,
                            "batch": args.batch, "train_seconds": round(elapsed)}}
        tmp = ckpt_path.with_suffix(".tmp")
        if snapshot:
            weights = {k: v.half() if v.is_floating_point() else v for k, v in model.state_dict().items()}
            torch.save({**meta, "model": weights}, tmp)
            os.replace(tmp, ckpt_path.with_name(f"stage{args.stage}-step{step}.pt"))
            return
        torch.save({
            **meta, "elapsed": elapsed, "args": vars(args), "model": model.state_dict(), "optim": opt.state_dict(),
            "sampler_rng": sampler.rng.bit_generator.state, "torch_rng": torch.get_rng_state(),
        }, tmp)
        os.replace(tmp, ckpt_path)
        if args.slim_weights:
            # fp16 like the shipped ONNX weights: small enough to bring back from a lent GPU machine
            weights = {k: v.half() if v.is_floating_point() else v for k, v in model.state_dict().items()}
            torch.save({**meta, "model": weights}, tmp)
            os.replace(tmp, ckpt_path.with_name(f"stage{args.stage}-weights.pt"))

    new_log = not log_path.exists() or step == 0
    log_file = open(log_path, "w" if new_log else "a", newline="")
    writer = None
    last_ckpt = time.time()
    timed_from = None
    t_start = time.time()
    while step < args.steps and not stop["flag"]:
        t0 = time.time()
        lr = lr_at(step, args)
        for g in opt.param_groups:
            g["lr"] = lr * g["lr_mult"]
        batch = tuple(t.to(device, non_blocking=True) for t in sampler.sample())
        loss, parts = step_loss(args.stage, model, batch, args)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        now = time.time()
        dt_step = now - t0
        if timed_from is None:
            timed_from = (step, now)  # the first step (allocation, cuDNN autotuning) is not timed
        elif args.time_budget and step == timed_from[0] + 10:
            args.steps = planned_steps(args.time_budget, now - t_start, step, timed_from, now)
            print(f"--time-budget {args.time_budget:.0f} s: planned {args.steps} steps", flush=True)
            timed_from = (step, now)
        elif args.time_budget and step % 100 == 0 and step < args.steps:
            # re-plan from the pace of the last 100 steps: runs that share a GPU speed up or slow down as the
            # others start and finish
            args.steps = max(step + 1, planned_steps(args.time_budget, now - t_start, step, timed_from, now))
            timed_from = (step, now)
        elapsed += dt_step
        row = {"step": step, "time_utc": dt.datetime.utcnow().strftime("%H:%M:%S"), "elapsed_s": round(elapsed, 1),
               "step_s": round(dt_step, 2), "lr": f"{lr:.3e}", "loss": f"{loss.item():.6g}"}
        row.update({k: f"{v.item():.6g}" for k, v in parts.items()})
        if writer is None:
            writer = csv.DictWriter(log_file, fieldnames=list(row))
            if new_log:
                writer.writeheader()
        writer.writerow(row)
        log_file.flush()
        if step % args.log_every == 0 or step == 1:
            print(json.dumps(row), flush=True)
        if args.snapshot_every and step % args.snapshot_every == 0:
            save(snapshot=True)
        if time.time() - last_ckpt > args.ckpt_every:
            save()
            last_ckpt = time.time()
        if args.time_budget and args.steps < 10 ** 9 and time.time() - t_start > 1.15 * args.time_budget:
            print("--time-budget overrun by 15 %, stopping", flush=True)
            break
        if deadline and time.time() >= deadline:
            print("reached --stop-at, stopping", flush=True)
            break
    save()
    log_file.close()
    print(f"saved {ckpt_path} at step {step}/{args.steps} ({elapsed:.0f} s of training)", flush=True)


if __name__ == "__main__":
    main()

"""Export a trained CrossFuse checkpoint to one ONNX graph, its JSON contract and golden samples.

    /usr/bin/python3 -m crossfuse.export --ckpt /root/.cache/imagefusion/crossfuse-runs/<run>/stage2.pt

(run from models/). Weights are stored as fp16 and cast to fp32 once when the session loads them, so the
file is half the size at the same CPU speed; all compute stays fp32.
"""
import argparse
import copy
import json
import os
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper

from .model import CrossFuse, CrossFuseConfig

NAME = "crossfuse-ivf"
VERSION = "1.4.0"
MODELS_DIR = Path(__file__).resolve().parent.parent
FUSED_DESCRIPTION = {
    "clamp": "fused image: the decoder output clamped to 0..1",
    "minmax": "fused image, min-max normalised to 0..1 per image",
}


def input_contract(mapping):
    return (
        "inputs ir, vis: float32 [1,1,H,W], grey values 0..1 (8-bit value / 255; colour visible images: BT.601 "
        "luma Y), same size and registered, H and W in 64..2048; outputs fused: float32 [1,1,H,W], "
        + ("the decoder output clamped to 0..1" if mapping == "clamp" else "min-max normalised to 0..1 per image")
        + ", fused_raw: the decoder output before that mapping (clamp to 0..1 for display)"
    )


TRAINING_DATA = (
    "RoadScene (hanna-xu/RoadScene @ ab71420) and the MSRS training split as 128x128 thumbnails "
    "(xfsv/DistillationFusion @ 52d4aad), every 10th pair of each held out for validation; visible converted "
    "to BT.601 luma; TNO-21 never used for training"
)
GOLDEN_CASES = [  # (name, top, left, height, width): crops of TNO pair 1 (IR1/VIS1 are 270 high, 360 wide)
    ("tno_ir1_crop_64x64", 100, 150, 64, 64),
    ("tno_ir1_crop_67x93", 37, 211, 67, 93),
    ("tno_ir1_crop_256x256", 7, 52, 256, 256),
    ("tno_ir1_crop_200x300", 40, 30, 200, 300),
]


def load_model(ckpt=None, seed=0):
    if ckpt is None:
        torch.manual_seed(seed)
        return CrossFuse(CrossFuseConfig()).eval(), {"stage": "random-init", "seed": seed}
    state = torch.load(ckpt, map_location="cpu", weights_only=False)
    model = CrossFuse(CrossFuseConfig.from_dict(state["config"]))
    model.load_state_dict(state["model"])
    info = {k: state[k] for k in ("stage", "step", "run") if k in state}
    info.update(state.get("summary", {}))
    return model.eval(), info


def export_onnx(model, path, trace_hw=(96, 136), fp16_weights=True, metadata=None):
    """Trace `model` at a size that needs padding (so every pad/crop op is in the graph) with dynamic H, W."""
    ir = torch.rand(1, 1, *trace_hw)
    vis = torch.rand(1, 1, *trace_hw)
    axes = {"ir": {2: "H", 3: "W"}, "vis": {2: "H", 3: "W"}, "fused": {2: "H", 3: "W"}, "fused_raw": {2: "H", 3: "W"}}
    with torch.no_grad():
        torch.onnx.export(
            model.eval(), (ir, vis), str(path), opset_version=17,
            input_names=["ir", "vis"], output_names=["fused", "fused_raw"], dynamic_axes=axes,
            do_constant_folding=True,
        )
    proto = onnx.load(str(path))
    for value in list(proto.graph.input) + list(proto.graph.output):
        # the tracer names the inferred output dims after internal ops; state the contract's shape instead
        dims = value.type.tensor_type.shape.dim
        for dim, spec in zip(dims, (1, 1, "H", "W")):
            dim.Clear()
            if isinstance(spec, int):
                dim.dim_value = spec
            else:
                dim.dim_param = spec
    if fp16_weights:
        weights_to_fp16(proto.graph)
    del proto.metadata_props[:]
    for key, value in (metadata or {}).items():
        proto.metadata_props.append(onnx.StringStringEntryProto(key=key, value=str(value)))
    onnx.checker.check_model(proto)
    onnx.save(proto, str(path))
    return proto


def weights_to_fp16(graph, min_elements=64):
    """Store large float32 initializers as float16 plus a Cast back to float32 (folded at session load)."""
    casts = []
    for init in graph.initializer:
        if init.data_type != onnx.TensorProto.FLOAT:
            continue
        arr = numpy_helper.to_array(init)
        if arr.size < min_elements:
            continue
        name = init.name
        init.CopyFrom(numpy_helper.from_array(arr.astype(np.float16), name + "_fp16"))
        casts.append(helper.make_node("Cast", [name + "_fp16"], [name], to=onnx.TensorProto.FLOAT, name=name + "_cast"))
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(casts + nodes)


def ort_session(path, threads=2):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def contract(onnx_name, mapping="clamp"):
    tensor = lambda name, desc: {"name": name, "dtype": "float32", "shape": [1, 1, "H", "W"], "range": [0, 1], "description": desc}
    return {
        "name": NAME,
        "version": VERSION,
        "onnx": onnx_name,
        "opset": 17,
        "inputs": [tensor("ir", "infrared, grey 0..1"), tensor("vis", "visible, grey (BT.601 luma) 0..1")],
        "outputs": [
            tensor("fused", FUSED_DESCRIPTION[mapping]),
            dict(tensor("fused_raw", "decoder output before the output mapping; clamp to 0..1"), range=None),
        ],
        "outputMapping": mapping,
        "minSize": 64,
        "maxSize": 2048,
        "inputContract": input_contract(mapping),
        "golden": f"golden/{NAME}-{VERSION}/index.json",
        "goldenTolerance": 1e-3,
    }


def tno_pair_1(data_root):
    from PIL import Image

    d = Path(data_root) / "ir-vis" / "tno21"
    load = lambda p: np.asarray(Image.open(p).convert("L"), dtype=np.float32) / 255.0
    return load(d / "ir" / "IR1.png"), load(d / "vis" / "VIS1.png")


def write_golden(sess, out_dir, ir_img, vis_img):
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.f32"):
        old.unlink()
    cases = []
    for name, top, left, h, w in GOLDEN_CASES:
        ir = np.ascontiguousarray(ir_img[top:top + h, left:left + w])[None, None]
        vis = np.ascontiguousarray(vis_img[top:top + h, left:left + w])[None, None]
        assert ir.shape == (1, 1, h, w), (name, ir.shape)
        fused, raw = sess.run(["fused", "fused_raw"], {"ir": ir, "vis": vis})
        case = {"name": name, "height": h, "width": w}
        for tensor, arr in (("ir", ir), ("vis", vis), ("fused", fused), ("fused_raw", raw)):
            fname = f"{name}.{tensor}.f32"
            arr.astype("<f4").tofile(out_dir / fname)
            case[tensor] = fname
        cases.append(case)
    index = {"model": NAME, "version": VERSION, "source": "TNO pair 1 (IR1.png/VIS1.png) crops, value/255",
             "format": "raw little-endian float32, row-major H*W, no header", "tolerance": 1e-3, "cases": cases}
    (out_dir / "index.json").write_text(json.dumps(index, indent=1) + "\n")


def fp16_rounded(model, min_elements=64):
    """Copy of `model` whose large float weights went through float16, as the exported file stores them."""
    twin = copy.deepcopy(model).eval()
    with torch.no_grad():
        for t in list(twin.parameters()) + list(twin.buffers()):
            if t.is_floating_point() and t.numel() >= min_elements:
                t.copy_(t.half().float())
    return twin


def parity(model, sess, sizes, seed=0):
    """Max abs difference of ONNX Runtime against torch, per size, on random inputs."""
    g = torch.Generator().manual_seed(seed)
    result = {}
    for h, w in sizes:
        ir = torch.rand(1, 1, h, w, generator=g)
        vis = torch.rand(1, 1, h, w, generator=g)
        with torch.no_grad():
            f_t, r_t = model(ir, vis)
        f_o, r_o = sess.run(["fused", "fused_raw"], {"ir": ir.numpy(), "vis": vis.numpy()})
        assert f_o.shape == (1, 1, h, w), (h, w, f_o.shape)
        result[(h, w)] = (float(np.abs(f_o - f_t.numpy()).max()), float(np.abs(r_o - r_t.numpy()).max()))
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", help="stage-2 checkpoint; omitted: random init (for early integration)")
    ap.add_argument("--out-dir", default=str(MODELS_DIR))
    ap.add_argument("--data-root", default=str(MODELS_DIR.parent.parent / "shared" / "data"))
    ap.add_argument("--check-sizes", default="64x64,67x93,256x256,200x300")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    model, info = load_model(args.ckpt)
    mapping = model.cfg.output
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    onnx_name = f"{NAME}-{VERSION}.onnx"
    meta = {
        "name": NAME, "version": VERSION,
        "training_data": TRAINING_DATA,
        "input_contract": input_contract(mapping),
        "output_mapping": mapping,
        "architecture": "CrossFuse (Li & Wu, Information Fusion 103, 2024), own implementation",
        "weights": json.dumps(info),
        "weights_storage": "float16 initializers cast to float32; fp32 compute",
    }
    export_onnx(model, out_dir / onnx_name, metadata=meta)
    (out_dir / f"{NAME}-{VERSION}.json").write_text(json.dumps(contract(onnx_name, mapping), indent=1) + "\n")
    size_mb = os.path.getsize(out_dir / onnx_name) / 1e6
    print(f"wrote {out_dir / onnx_name} ({size_mb:.1f} MB), weights: {info}")

    sess = ort_session(out_dir / onnx_name, args.threads)
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.check_sizes.split(",") if s]
    exact = parity(fp16_rounded(model), sess, sizes)
    rounding = parity(model, sess, sizes)
    for hw in sizes:
        print(f"{hw[0]}x{hw[1]}: max|onnx - torch(fp16-rounded weights)| fused {exact[hw][0]:.1e} raw {exact[hw][1]:.1e}; "
              f"max|onnx - torch(fp32 weights)| fused {rounding[hw][0]:.1e} raw {rounding[hw][1]:.1e}")

    golden_dir = out_dir / "golden" / f"{NAME}-{VERSION}"
    ir_img, vis_img = tno_pair_1(args.data_root)
    write_golden(sess, golden_dir, ir_img, vis_img)
    print(f"wrote golden samples to {golden_dir}")


if __name__ == "__main__":
    main()

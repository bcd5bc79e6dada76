import json

import numpy as np
import onnx
import pytest
import torch

from conftest import MODELS_DIR
from crossfuse.export import NAME, VERSION, export_onnx, fp16_rounded, ort_session, parity
from crossfuse.model import CrossFuse

ONNX_PATH = MODELS_DIR / f"{NAME}-{VERSION}.onnx"
CONTRACT_PATH = MODELS_DIR / f"{NAME}-{VERSION}.json"
GOLDEN_DIR = MODELS_DIR / "golden" / f"{NAME}-{VERSION}"


def test_export_round_trip_is_dynamic_in_height_and_width(tiny_cfg, tmp_path):
    torch.manual_seed(0)
    model = CrossFuse(tiny_cfg).eval()
    path = tmp_path / "tiny.onnx"
    export_onnx(model, path, metadata={"name": "tiny", "version": "0"})
    sess = ort_session(path)
    # traced at 96x136; other sizes, odd ones and ones needing more padding than reflection allows
    diffs = parity(fp16_rounded(model), sess, [(64, 64), (67, 93), (65, 129), (200, 300), (96, 136)])
    for hw, (d_fused, d_raw) in diffs.items():
        assert d_fused < 1e-4 and d_raw < 1e-4, (hw, d_fused, d_raw)
    meta = {p.key: p.value for p in onnx.load(str(path)).metadata_props}
    assert meta == {"name": "tiny", "version": "0"}


@pytest.mark.parametrize("head", ["blend", "blend-sources"])
def test_blend_head_exports_with_the_same_parity(tiny_cfg, tmp_path, head):
    torch.manual_seed(0)
    tiny_cfg.head = head
    model = CrossFuse(tiny_cfg).eval()
    with torch.no_grad():  # away from the plain-average start, so the weight map and residual both matter
        for p in model.decoder.out.parameters():
            p.normal_(0, 0.5)
    path = tmp_path / "blend.onnx"
    export_onnx(model, path)
    diffs = parity(fp16_rounded(model), ort_session(path), [(64, 64), (67, 93), (200, 300)])
    for hw, (d_fused, d_raw) in diffs.items():
        assert d_fused < 1e-4 and d_raw < 1e-4, (hw, d_fused, d_raw)


def test_weights_are_stored_as_fp16_and_computed_in_fp32(tiny_cfg, tmp_path):
    path = tmp_path / "tiny.onnx"
    export_onnx(CrossFuse(tiny_cfg).eval(), path)
    graph = onnx.load(str(path)).graph
    big = [i for i in graph.initializer if np.prod(i.dims) >= 64]
    assert big and all(i.data_type == onnx.TensorProto.FLOAT16 for i in big)
    assert [o.type.tensor_type.elem_type for o in graph.output] == [onnx.TensorProto.FLOAT] * 2


needs_model = pytest.mark.skipif(not ONNX_PATH.exists(), reason="exported model not present")


@needs_model
def test_shipped_model_meets_the_contract():
    assert ONNX_PATH.stat().st_size <= 50 * 1024 * 1024
    contract = json.loads(CONTRACT_PATH.read_text())
    assert (contract["name"], contract["version"], contract["onnx"]) == (NAME, VERSION, ONNX_PATH.name)
    sess = ort_session(ONNX_PATH)
    assert [i.name for i in sess.get_inputs()] == [i["name"] for i in contract["inputs"]] == ["ir", "vis"]
    assert [o.name for o in sess.get_outputs()] == [o["name"] for o in contract["outputs"]] == ["fused", "fused_raw"]
    for arg in sess.get_inputs() + sess.get_outputs():
        assert arg.type == "tensor(float)"
        assert arg.shape[:2] == [1, 1] and all(isinstance(d, str) for d in arg.shape[2:])
    meta = sess.get_modelmeta().custom_metadata_map
    assert {"name", "version", "training_data", "input_contract"} <= set(meta)
    assert (meta["name"], meta["version"]) == (NAME, VERSION)


@needs_model
def test_shipped_model_reproduces_its_golden_samples():
    index = json.loads((GOLDEN_DIR / "index.json").read_text())
    sizes = {(c["height"], c["width"]) for c in index["cases"]}
    assert {(64, 64), (67, 93), (256, 256), (200, 300)} <= sizes
    sess = ort_session(ONNX_PATH)
    load = lambda f, h, w: np.fromfile(GOLDEN_DIR / f, dtype="<f4").reshape(1, 1, h, w)
    for case in index["cases"]:
        h, w = case["height"], case["width"]
        fused, raw = sess.run(None, {"ir": load(case["ir"], h, w), "vis": load(case["vis"], h, w)})
        assert np.abs(fused - load(case["fused"], h, w)).max() <= 1e-4, case["name"]
        assert np.abs(raw - load(case["fused_raw"], h, w)).max() <= 1e-4, case["name"]
        assert 0.0 <= fused.min() and fused.max() <= 1.0

import sys
from pathlib import Path

import pytest
import torch

MODELS_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(MODELS_DIR))
DATA_ROOT = MODELS_DIR.parent.parent / "shared" / "data"

torch.set_num_threads(2)


@pytest.fixture
def tiny_cfg():
    from crossfuse.model import CrossFuseConfig

    # Same structure at a size that runs in milliseconds: 4-cell windows of 2x2 patches, 2 heads.
    return CrossFuseConfig(shallow_ch=8, growth=8, dense_layers=2, deep_ch=16, window=4, patch=2, heads=2, mlp_ratio=2)

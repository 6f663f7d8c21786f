from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # wechat_double, run_sync, forge_setup
sys.path.insert(0, str(Path(__file__).parent.parent / "approvals"))  # forge_double, payloads

from forge_double import ForgeDouble  # noqa: E402


@pytest.fixture
def forge():
    """A GitHub double on 127.0.0.1 for the publish gate; see forge_setup.land_pull."""
    double = ForgeDouble(kind="github").start()
    yield double
    double.stop()

"""refleum-client ships alone: a wheel holding refleum/client only, installed into a fresh
venv with nothing but httpx and pydantic, imports and works.

Offline: build requirements and dependencies come from a local wheelhouse
($REFLEUM_WHEELHOUSE, default /opt/pypi/files); the install test skips when it has none.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SDK = ROOT / "src" / "refleum" / "client"
WHEELHOUSE = Path(os.environ.get("REFLEUM_WHEELHOUSE", "/opt/pypi/files"))
ALLOWED = {"httpx", "pydantic", "refleum"}


def test_the_sdk_imports_only_the_standard_library_httpx_and_pydantic():
    for path in SDK.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or top in ALLOWED, (path.name, name)
                if top == "refleum":
                    assert name.startswith("refleum.client"), (path.name, name)


def _wheel(name: str) -> bool:
    return any(WHEELHOUSE.glob(f"{name}-*.whl"))


needs_wheelhouse = pytest.mark.skipif(
    not all(_wheel(n) for n in ("setuptools", "httpx", "pydantic", "pydantic_core")),
    reason=f"no offline wheelhouse at {WHEELHOUSE}",
)


def _run(*args: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=300, cwd=cwd
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if not all(_wheel(n) for n in ("setuptools", "httpx", "pydantic", "pydantic_core")):
        pytest.skip(f"no offline wheelhouse at {WHEELHOUSE}")
    work = tmp_path_factory.mktemp("sdk-wheel")
    # A copy with the symlink resolved: the build leaves nothing in the worktree.
    project = shutil.copytree(ROOT / "clients" / "python", work / "project", symlinks=False)
    out = work / "dist"
    _run(
        *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-index"),
        *("--find-links", WHEELHOUSE, "--wheel-dir", out, project),
    )
    (built,) = out.glob("refleum_client-*.whl")
    return built


@needs_wheelhouse
def test_the_wheel_holds_the_sdk_and_nothing_else(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    files = [n for n in names if ".dist-info/" not in n]
    assert files and all(n.startswith("refleum/client/") for n in files), files
    assert "refleum/__init__.py" not in names  # a namespace: it installs beside the service
    assert {Path(n).name for n in files} >= {f.name for f in SDK.glob("*.py")} | {"py.typed"}
    metadata = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith(".dist-info/METADATA"))
    )
    requires = [line for line in metadata.decode().splitlines() if line.startswith("Requires-Dist")]
    assert [r.split(":")[1].strip().split("<")[0].split(">")[0] for r in requires] == [
        "httpx",
        "pydantic",
    ]


@needs_wheelhouse
def test_the_wheel_installs_alone_into_a_fresh_venv_and_works(wheel, tmp_path):
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)  # no --system-site-packages: nothing of ours
    python = venv / "bin" / "python"
    _run(
        *(python, "-m", "pip", "install", "--no-index"),
        *("--find-links", wheel.parent, "--find-links", WHEELHOUSE, "refleum-client"),
    )
    script = """
import httpx, importlib.util
from refleum.client import RefleumClient, NotFoundError

def answer(request):
    assert request.headers["authorization"] == "Bearer sk_test"
    return httpx.Response(404, json={"error": "NOT_FOUND", "detail": "Resume not found"},
                          headers={"X-Request-ID": "r1"})

api = RefleumClient("sk_test", "http://x", transport=httpx.MockTransport(answer))
try:
    api.get_resume("res_1")
except NotFoundError as exc:
    print(exc.code, exc.request_id)
print(importlib.util.find_spec("fastapi"), importlib.util.find_spec("refleum.app"))
"""
    output = subprocess.run(
        [python, "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert output.returncode == 0, output.stderr
    assert output.stdout.split() == ["NOT_FOUND", "r1", "None", "None"]

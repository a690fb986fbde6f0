"""/docs and /redoc are served from the fastapi-offline wheel's assets: no CDN, no network."""

from __future__ import annotations

import re

import pytest

ASSET = re.compile(r"""(?:src|href)=["']([^"']+)["']""")
EXPECTED_TYPES = {
    ".js": "javascript",
    ".css": "text/css",
    ".png": "image/png",
}


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_docs_page_loads_only_local_assets(client, page):
    response = await client.get(page)
    assert response.status_code == 200
    html = response.text
    assert not re.search(r"https?://", html), "the page names a URL outside this server"
    assets = ASSET.findall(html)
    assert any(a.endswith(".js") for a in assets)
    for asset in assets:
        assert asset.startswith("/"), asset
        fetched = await client.get(asset)
        assert fetched.status_code == 200, asset
        suffix = asset[asset.rfind(".") :]
        assert EXPECTED_TYPES[suffix] in fetched.headers["content-type"], asset


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_docs_page_csp_allows_only_this_origin(client, page):
    csp = (await client.get(page)).headers["content-security-policy"]
    assert "default-src 'self'" in csp
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "http" not in script_src


async def test_swagger_inline_boot_script_is_allowed_by_its_hash(client):
    import base64
    import hashlib

    response = await client.get("/docs")
    inline = re.findall(r"<script>(.*?)</script>", response.text, re.DOTALL)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in response.headers["content-security-policy"]


async def test_docs_pages_stay_out_of_the_schema(client):
    schema = (await client.get("/openapi.json")).json()
    assert not [p for p in schema["paths"] if not p.startswith("/api/v1")]

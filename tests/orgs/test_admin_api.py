from tests.conftest import ADMIN_TOKEN

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


async def test_admin_api_needs_the_operator_token(client):
    assert (await client.get("/api/v1/admin/orgs")).json()["error"] == "MISSING_KEY"
    wrong = await client.get("/api/v1/admin/orgs", headers={"Authorization": "Bearer nope"})
    assert (wrong.status_code, wrong.json()["error"]) == (401, "UNAUTHORIZED")


async def test_admin_creates_org_and_key_which_then_works_until_revoked(client):
    org = (
        await client.post(
            "/api/v1/admin/orgs", headers=ADMIN, json={"name": "Globex", "plan": "starter"}
        )
    ).json()["data"]
    assert org["org_id"].startswith("org_") and org["plan"] == "starter"
    created = await client.post(f"/api/v1/admin/orgs/{org['org_id']}/keys", headers=ADMIN)
    assert created.status_code == 201
    key = created.json()["data"]
    assert key["key"].startswith("sk_live_") and key["key"].startswith(key["prefix"])

    listed = (await client.get(f"/api/v1/admin/orgs/{org['org_id']}/keys", headers=ADMIN)).json()
    assert [k["key_id"] for k in listed["data"]] == [key["key_id"]]
    assert "key" not in listed["data"][0]

    auth = {"x-api-key": key["key"]}
    assert (await client.get("/api/v1/resumes", headers=auth)).status_code == 200
    await client.post(f"/api/v1/admin/keys/{key['key_id']}/revoke", headers=ADMIN)
    assert (await client.get("/api/v1/resumes", headers=auth)).json()["error"] == "INVALID_KEY"


async def test_admin_validation_and_not_found(client):
    bad = await client.post("/api/v1/admin/orgs", headers=ADMIN, json={"name": "", "plan": "gold"})
    assert bad.status_code == 400
    missing = await client.post("/api/v1/admin/orgs/org_missing/keys", headers=ADMIN)
    assert (missing.status_code, missing.json()["error"]) == (404, "NOT_FOUND")


async def test_admin_api_is_absent_without_a_token(tmp_path):
    import httpx

    from refleum.app import create_app
    from refleum.config import Settings

    app = create_app(Settings(data_dir=tmp_path), run_jobs=False)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://t"
        ) as c:
            response = await c.get("/api/v1/admin/orgs", headers=ADMIN)
    assert response.status_code == 404

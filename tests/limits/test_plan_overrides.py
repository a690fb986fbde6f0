"""Plans and Enterprise overrides, set by the admin API and by `refleum orgs update`."""

from __future__ import annotations

import json

import pytest
from tests.conftest import ADMIN_TOKEN
from tests.limits.support import RESUMES, running_app
from typer.testing import CliRunner

from refleum.cli import app as cli_app
from refleum.config import get_settings
from refleum.orgs.plans import DEFAULT_PLAN_LIMITS, PLAN_LIMITS, Plan, configure_plans

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


async def _new_org(client, plan: str) -> tuple[str, dict[str, str]]:
    org = (
        await client.post("/api/v1/admin/orgs", headers=ADMIN, json={"name": "Hooli", "plan": plan})
    ).json()["data"]
    key = (await client.post(f"/api/v1/admin/orgs/{org['org_id']}/keys", headers=ADMIN)).json()
    return org["org_id"], {"x-api-key": key["data"]["key"]}


async def test_admin_sets_enterprise_overrides_which_take_effect_at_once(client):
    org_id, auth = await _new_org(client, "pro")
    patched = await client.patch(
        f"/api/v1/admin/orgs/{org_id}",
        headers=ADMIN,
        json={"plan": "enterprise", "rpm_override": 7, "monthly_tailor_override": 50},
    )
    assert patched.status_code == 200
    data = patched.json()["data"]
    assert (data["plan"], data["rpm_override"], data["monthly_tailor_override"]) == (
        "enterprise",
        7,
        50,
    )
    assert (await client.get(RESUMES, headers=auth)).headers["X-RateLimit-Limit"] == "7"
    usage = (await client.get("/api/v1/usage", headers=auth)).json()["data"]
    assert (usage["requests_per_minute"], usage["tailor_quota"]) == (7, 50)

    cleared = await client.patch(
        f"/api/v1/admin/orgs/{org_id}", headers=ADMIN, json={"rpm_override": None}
    )
    assert cleared.json()["data"]["rpm_override"] is None
    assert cleared.json()["data"]["monthly_tailor_override"] == 50  # left out: unchanged
    assert (await client.get(RESUMES, headers=auth)).headers["X-RateLimit-Limit"] == "600"


async def test_leaving_enterprise_drops_the_overrides(client):
    org_id, auth = await _new_org(client, "enterprise")
    await client.patch(f"/api/v1/admin/orgs/{org_id}", headers=ADMIN, json={"rpm_override": 5})
    moved = (
        await client.patch(f"/api/v1/admin/orgs/{org_id}", headers=ADMIN, json={"plan": "starter"})
    ).json()["data"]
    assert (moved["plan"], moved["rpm_override"]) == ("starter", None)
    assert (await client.get(RESUMES, headers=auth)).headers["X-RateLimit-Limit"] == "20"


@pytest.mark.parametrize(
    "body",
    [
        {"plan": "platinum"},
        {"plan": None},
        {"rpm_override": 0},
        {"rpm_override": -3},
        {"monthly_tailor_override": -1},
        {"rpm_override": "many"},
        {"surprise": 1},
    ],
)
async def test_admin_update_validation(client, body):
    org_id, _ = await _new_org(client, "enterprise")
    response = await client.patch(f"/api/v1/admin/orgs/{org_id}", headers=ADMIN, json=body)
    assert (response.status_code, response.json()["error"]) == (400, "VALIDATION_ERROR")


async def test_overrides_are_refused_below_enterprise(client):
    org_id, _ = await _new_org(client, "pro")
    response = await client.patch(
        f"/api/v1/admin/orgs/{org_id}", headers=ADMIN, json={"rpm_override": 100}
    )
    assert (response.status_code, response.json()["error"]) == (400, "VALIDATION_ERROR")
    assert "enterprise" in response.json()["detail"]


async def test_admin_update_of_unknown_org_is_404(client):
    response = await client.patch(
        "/api/v1/admin/orgs/org_nope", headers=ADMIN, json={"plan": "pro"}
    )
    assert response.status_code == 404


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("REFLEUM_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REFLEUM_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args: runner.invoke(cli_app, list(args))
    get_settings.cache_clear()


def test_cli_orgs_update(cli):
    org = json.loads(cli("orgs", "create", "Initech", "--plan", "pro", "--json").stdout)
    result = cli(
        "orgs",
        "update",
        org["org_id"],
        "--plan",
        "enterprise",
        "--rpm",
        "250",
        "--monthly-tailor",
        "5000",
        "--json",
    )
    assert result.exit_code == 0, result.output
    updated = json.loads(result.stdout)
    assert updated["org_id"] == org["org_id"] and updated["plan"] == "enterprise"
    assert (updated["rpm_override"], updated["monthly_tailor_override"]) == (250, 5000)
    assert (updated["requests_per_minute"], updated["monthly_tailor_quota"]) == (250, 5000)

    cleared = json.loads(cli("orgs", "update", org["org_id"], "--clear-overrides", "--json").stdout)
    assert (cleared["requests_per_minute"], cleared["monthly_tailor_quota"]) == (600, None)


def test_cli_orgs_update_validation(cli):
    org = json.loads(cli("orgs", "create", "Initech", "--plan", "pro", "--json").stdout)
    refused = cli("orgs", "update", org["org_id"], "--rpm", "100")
    assert refused.exit_code == 1 and "enterprise" in refused.output
    assert cli("orgs", "update", org["org_id"], "--plan", "enterprise", "--rpm", "0").exit_code == 2
    assert cli("orgs", "update", org["org_id"], "--plan", "gold").exit_code == 2
    assert cli("orgs", "update", "org_missing", "--plan", "pro").exit_code == 1


@pytest.fixture
def restore_plans():
    yield
    configure_plans({})


async def test_plan_table_is_configurable(settings, restore_plans):
    changed = settings.model_copy(update={"plans": {"starter": {"requests_per_minute": 2}}})
    async with running_app(changed) as http:
        _, auth = await _new_org(http, "starter")
        assert (await http.get(RESUMES, headers=auth)).headers["X-RateLimit-Limit"] == "2"
    assert PLAN_LIMITS[Plan.STARTER].requests_per_minute == 2
    async with running_app(settings):  # the next app without changes: the defaults again
        assert PLAN_LIMITS[Plan.STARTER].requests_per_minute == 20


@pytest.mark.parametrize(
    "plans",
    [
        {"gold": {"requests_per_minute": 5}},
        {"pro": {"rpm": 5}},
        {"pro": {"requests_per_minute": 0}},
        {"pro": {"monthly_tailor_calls": -1}},
    ],
)
def test_plan_table_typos_stop_the_start(plans, restore_plans):
    with pytest.raises(ValueError):
        configure_plans(plans)
    assert PLAN_LIMITS == DEFAULT_PLAN_LIMITS

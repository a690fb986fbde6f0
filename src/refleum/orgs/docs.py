"""What the OpenAPI document says about the admin API (the operator's, not the clients')."""

from __future__ import annotations

from refleum.envelopes import OperationDoc

ORG = {
    "org_id": "org_01jwzx3a9bc5d7e2f4g6h8j0km",
    "name": "Acme Careers",
    "plan": "starter",
    "rpm_override": None,
    "monthly_tailor_override": None,
    "created_at": "2026-05-20T16:02:11.250000Z",
}
KEY = {
    "key_id": "key_01jwzx3e5fh7j9k1m3n5p7r9st",
    "org_id": ORG["org_id"],
    "prefix": "sk_live_4Hq2",
    "created_at": "2026-05-20T16:02:30.118000Z",
    "revoked_at": None,
    "last_used_at": None,
}
_ADMIN = (
    " Needs `Authorization: Bearer <REFLEUM_ADMIN_TOKEN>`; the route exists only when it is set."
)

OPERATIONS = {
    "createOrg": OperationDoc(
        "Create an organization",
        "A new organization on a plan (default `free`). It has no API key yet." + _ADMIN,
        request_example={"name": "Acme Careers", "plan": "starter"},
        response_example={"data": ORG},
    ),
    "listOrgs": OperationDoc(
        "List organizations",
        "Every organization, oldest first." + _ADMIN,
        response_example={"data": [ORG]},
    ),
    "updateOrg": OperationDoc(
        "Change an organization's plan or limits",
        "Fields left out stay as they are; an override set to `null` is cleared, back to "
        "the plan's figure. `rpm_override` (1–1,000,000) and `monthly_tailor_override` "
        "(0 and up) apply to any plan." + _ADMIN,
        request_example={"plan": "enterprise", "rpm_override": 600},
        response_example={"data": {**ORG, "plan": "enterprise", "rpm_override": 600}},
    ),
    "createKey": OperationDoc(
        "Create an API key",
        "A new key for the organization. `key` is the full secret, shown this once: only "
        "its hash is stored." + _ADMIN,
        response_example={"data": {**KEY, "key": "sk_live_4Hq2mT9vXc7LpR3sWz8bN1yD6fK0gJ5a"}},
    ),
    "listKeys": OperationDoc(
        "List an organization's API keys",
        "Its keys, revoked ones included, by display prefix; never the secrets." + _ADMIN,
        response_example={"data": [KEY]},
    ),
    "revokeKey": OperationDoc(
        "Revoke an API key",
        "The key stops working on the next request (401 `INVALID_KEY`). Revoking twice "
        "is harmless." + _ADMIN,
        response_example={"data": {**KEY, "revoked_at": "2026-05-29T08:00:00Z"}},
    ),
}

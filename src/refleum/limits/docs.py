"""What the OpenAPI document says about the usage endpoint."""

from __future__ import annotations

from refleum.envelopes import OperationDoc

OPERATIONS = {
    "getUsage": OperationDoc(
        "Get this month's usage",
        "Tailor calls this calendar month (UTC) against the plan's quota (`null`: "
        "unlimited), the model calls and tokens spent by tailoring, letters and parsing, and "
        "the organization's per-minute request limit. Only successful tailor calls count.",
        response_example={
            "data": {
                "month": "2026-05",
                "tailor_calls": 42,
                "tailor_quota": 1000,
                "llm_calls": 97,
                "input_tokens": 412330,
                "output_tokens": 88120,
                "requests_per_minute": 60,
                "plan": "pro",
            }
        },
    ),
}

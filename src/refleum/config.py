"""All runtime configuration, read once from REFLEUM_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REFLEUM_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = Path(".refleum")
    database_url: str | None = None
    redis_url: str | None = None
    secret_key: str | None = None
    public_base_url: str | None = None
    admin_token: str | None = None
    llm_allow_private_base: bool = False
    # Webhooks (docs/webhooks.md): the SSRF policy of model endpoints applies to webhook URLs;
    # this allows private and loopback addresses (and plain http) for them, as the setting
    # above does for model endpoints. Each POST's deadline, and how often due deliveries
    # are looked for.
    webhook_allow_private: bool = False
    webhook_timeout_s: float = Field(default=10.0, gt=0)
    webhook_poll_s: float = Field(default=2.0, gt=0)
    # Dashboard (docs/dashboard.md): self-serve sign-up, and when a session ends: after this
    # long without a request, and this long after sign-in whatever happens.
    signup: bool = False
    session_idle_minutes: int = Field(default=120, ge=1)
    session_max_hours: int = Field(default=24 * 7, ge=1)
    # The owner `refleum serve` creates with the development organization on an empty
    # database; it gets a one-time sign-in link on the terminal.
    dev_owner_email: str = "owner@refleum.localhost"

    max_upload_bytes: int = 10 * 1024 * 1024
    # JSON bodies: a JD of 8,000 words is ~60 KB; a full ResumeData PATCH is far below this.
    max_json_bytes: int = 1024 * 1024
    tailor_timeout_s: float = Field(default=240.0, gt=0)
    # Three, so one organization still gets two at once and another one always finds a slot.
    parse_workers: int = Field(default=3, ge=1)
    # A parse claimed by a process that died is retried once its lease has run out, or
    # sooner: once its worker misses 3 heartbeats, or at once when a process restarts on
    # the same host.
    parse_lease_s: float = Field(default=300.0, gt=0)
    # One document's extraction (docs/operators.md): wall and CPU time in the sandbox, and
    # the text it may yield before the parse fails as "not a resume".
    extract_timeout_s: float = Field(default=15.0, gt=0)
    max_extracted_chars: int = Field(default=300_000, ge=1000)
    worker_heartbeat_s: float = Field(default=5.0, gt=0)
    # On PostgreSQL, idle job runners LISTEN for queued jobs (jobs/wakeups.py) and poll
    # only every 5 s as a fallback; False polls every 2 s instead, as before (PgBouncer in
    # transaction mode does not keep LISTEN; the fallback poll still finds the work).
    job_notify: bool = True
    # Parse slots one organization may hold in a process; default all but one, so another
    # organization's upload never waits behind one tenant's backlog.
    parse_workers_per_org: int | None = Field(default=None, ge=1)
    log_level: str = "INFO"
    # PDF rendering (docs/operators.md): worker processes, each render's deadline (the
    # process is killed past it), and how many renders one organization may run at once
    # (default: all but one, so other organizations always have a renderer).
    render_workers: int = Field(default=2, ge=1)
    render_timeout_s: float = Field(default=60.0, gt=0)
    render_workers_per_org: int | None = Field(default=None, ge=1)

    # Rate limits (docs/rate-limits.md). Keys in Redis start with the prefix, so several
    # deployments (or test runs) can share one Redis without counting each other's requests.
    redis_key_prefix: str = "refleum"
    redis_timeout_s: float = Field(default=0.5, gt=0)
    rate_limit_fail_closed: bool = False
    # Per client address, on endpoints that take no key (/health, the public PDF).
    public_rpm: int = Field(default=120, ge=1)
    # Every request per client address, before authentication: stops floods of requests that
    # no org is charged for (no key, unknown routes, bad bodies). Above every plan's default.
    address_rpm: int = Field(default=1200, ge=1)
    # Benchmark/ops switch: False serves every request without counting (no headers either).
    rate_limits_enabled: bool = True
    # Changes to the plan table, e.g. {"starter": {"requests_per_minute": 30}} (JSON).
    plans: dict[str, dict[str, Any]] = Field(default_factory=dict)
    # Browser apps on these origins may call the API (docs/cors.md): comma-separated, e.g.
    # "https://app.example.com,http://localhost:5173"; empty (the default) turns CORS off.
    cors_origins: str = ""

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip().rstrip("/") for o in self.cors_origins.split(",") if o.strip()]

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'refleum.db').resolve()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()


def _app_settings(request: Request) -> Settings:
    # The app's own instance (create_app may be given one), not get_settings().
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(_app_settings)]

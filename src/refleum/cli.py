"""The operator interface (fixed by DECISIONS.md): serve, worker, migrate, orgs, keys, users."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.ext.asyncio import AsyncSession

from refleum import client_cli, migrate
from refleum.config import Settings, get_settings
from refleum.db import Database
from refleum.errors import ApiError
from refleum.orgs import service as orgs
from refleum.orgs.members import Role, add_member
from refleum.orgs.plans import Plan, configure_plans, monthly_tailor_quota, requests_per_minute
from refleum.orgs.schemas import MAX_MONTHLY_TAILOR, MAX_RPM, CreatedKeyOut, KeyOut, OrgOut
from refleum.web.sign_in_links import LINK_LIFETIME, issue_link, link_url

T = TypeVar("T")
app = typer.Typer(help="Refleum: resume tailoring API.", no_args_is_help=True)
orgs_app = typer.Typer(help="Organizations.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys.", no_args_is_help=True)
app.add_typer(orgs_app, name="orgs")
app.add_typer(keys_app, name="keys")
users_app = typer.Typer(help="Dashboard members.", no_args_is_help=True)
app.add_typer(users_app, name="users")
secrets_app = typer.Typer(help="The secret that encrypts provider API keys.", no_args_is_help=True)
llm_app = typer.Typer(help="Model providers.", no_args_is_help=True)
app.add_typer(secrets_app, name="secrets")
app.add_typer(llm_app, name="llm")
client_cli.register(app)  # the API client commands: resumes, tailor, letters, usage
console = Console()
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout.")]


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    # WeasyPrint logs every layout step at INFO; only its warnings matter to an operator.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)


def _with_session(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work`` in one committed transaction on a migrated database."""

    async def run() -> T:
        configure_plans(get_settings().plans)  # `orgs update` prints effective figures
        db = Database(get_settings().effective_database_url)
        try:
            await migrate.upgrade(db.engine)
            async with db.sessions() as session:
                result = await work(session)
                await session.commit()
                return result
        finally:
            await db.dispose()

    try:
        return asyncio.run(run())
    except ApiError as exc:
        typer.echo(f"error: {exc.detail}", err=True)
        raise typer.Exit(1) from None


def _migrate() -> None:
    async def run() -> None:
        db = Database(get_settings().effective_database_url)
        try:
            await migrate.upgrade(db.engine)
        finally:
            await db.dispose()

    asyncio.run(run())


def _emit(as_json: bool, payload: dict[str, Any], human: Callable[[], None]) -> None:
    if as_json:
        typer.echo(json.dumps(payload, default=str))
    else:
        human()


@dataclass(frozen=True)
class DevBootstrap:
    key: orgs.CreatedKey
    owner_email: str
    link: str


def _bootstrap(settings: Settings) -> Callable[[AsyncSession], Awaitable[DevBootstrap | None]]:
    """The development org with its key, and its owner with a one-time sign-in link."""

    async def work(session: AsyncSession) -> DevBootstrap | None:
        created = await orgs.bootstrap_dev_org(session)
        if created is None:
            return None
        owner = await add_member(session, created.key.org_id, settings.dev_owner_email, Role.OWNER)
        token = await issue_link(session, owner)
        return DevBootstrap(created, owner.email, link_url(settings, token))

    return work


def _announce_dev_key(created: DevBootstrap) -> None:
    """Shows the development key and the owner's sign-in link on the terminal, once.

    Written straight to stdout, never through `logging`: log handlers ship records to
    files and collectors where a live key or link must not end up. Flushed, so it reaches
    a piped stdout before the server blocks.
    """
    sys.stdout.write(
        f"Created development organization {created.key.key.org_id} (plan pro).\n"
        f"Its API key, shown once:\n\n    {created.key.secret}\n\n"
        f"Its owner {created.owner_email} sets a password and signs in to the dashboard "
        f"with this link (works once, for 24 hours):\n\n    {created.link}\n\n"
    )
    sys.stdout.flush()


@app.command()
def serve(
    host: Annotated[str, typer.Option(envvar="REFLEUM_HOST")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="REFLEUM_PORT")] = 8000,
    no_bootstrap: Annotated[bool, typer.Option("--no-bootstrap")] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            help="API processes on this port (uvicorn's multi-process mode: a dead one is "
            "restarted). More than one needs REFLEUM_REDIS_URL for shared rate limits.",
        ),
    ] = 1,
) -> None:
    """Run the API (migrates the database first)."""
    import uvicorn

    from refleum.app import create_app

    settings = get_settings()
    configure_logging(settings)
    # The link printed for the owner points at the address this server listens on.
    link_settings = settings.model_copy(update={"host": host, "port": port})
    created = None if no_bootstrap else _with_session(_bootstrap(link_settings))
    if created is None and no_bootstrap:
        _migrate()
    if created is not None:
        _announce_dev_key(created)
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_config=None, access_log=False)
        return
    # Each process builds its own app from the same environment (uvicorn needs an import
    # string to start them); the parent only supervises, restarting any that dies.
    uvicorn.run(
        "refleum.cli:served_app",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_config=None,
        access_log=False,
    )


def served_app() -> Any:
    """The app one process of `serve --workers N` runs: logging is set up per process."""
    from refleum.app import create_app

    settings = get_settings()
    configure_logging(settings)
    return create_app(settings)


@app.command()
def worker() -> None:
    """Run parse jobs and webhook deliveries without serving HTTP (separate worker processes)."""
    from refleum.async_jobs.runs import api_job_runner
    from refleum.documents.render.pool import RenderPool
    from refleum.heap import freeze_startup_heap
    from refleum.llm.secrets import SecretBox
    from refleum.resumes.tasks import parse_job_runner
    from refleum.webhooks.dispatcher import WebhookDispatcher

    settings = get_settings()
    configure_logging(settings)

    async def run() -> None:
        db = Database(settings.effective_database_url)
        await migrate.upgrade(db.engine)
        box = SecretBox.load(settings.secret_key, settings.data_dir)
        runner = parse_job_runner(db, settings, box)
        webhooks = WebhookDispatcher(db, box, settings)
        pool = RenderPool(
            settings.render_workers,
            timeout_s=settings.render_timeout_s,
            per_org=settings.render_workers_per_org,
        )
        api_jobs = api_job_runner(db, settings, box, pool)
        # A stop (SIGTERM from a process manager, or Ctrl-C) retires the worker, so the
        # parses it was running are picked up at once instead of after its heartbeat.
        # Handled before anything starts: the worker is visible (registered) from the
        # runner's start on, and a stop sent from then on must still retire it cleanly.
        stopping = asyncio.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            asyncio.get_running_loop().add_signal_handler(signum, stopping.set)
        await runner.start()
        await api_jobs.start()
        await webhooks.start()
        freeze_startup_heap()  # as the API does: no full-heap pauses in the jobs' loop
        try:
            await stopping.wait()
        finally:
            await webhooks.stop()
            await api_jobs.stop()
            await runner.stop()
            pool.close()
            await db.dispose()

    asyncio.run(run())


@app.command("migrate")
def migrate_command() -> None:
    """Apply database migrations."""
    _migrate()
    typer.echo("database is up to date")


@orgs_app.command("create")
def orgs_create(
    name: str,
    plan: Annotated[Plan, typer.Option(case_sensitive=False)] = Plan.FREE,
    as_json: JsonFlag = False,
) -> None:
    org = OrgOut.model_validate(_with_session(lambda s: orgs.create_org(s, name, plan)))
    _emit(
        as_json,
        {"org_id": org.org_id, "name": org.name, "plan": org.plan},
        lambda: typer.echo(f"{org.org_id}  {org.name}  plan={org.plan}"),
    )


@orgs_app.command("update")
def orgs_update(
    org_id: str,
    plan: Annotated[Plan | None, typer.Option(case_sensitive=False)] = None,
    rpm: Annotated[
        int | None,
        typer.Option("--rpm", min=1, max=MAX_RPM, help="Requests per minute (enterprise)"),
    ] = None,
    monthly_tailor: Annotated[
        int | None,
        typer.Option(
            "--monthly-tailor",
            min=0,
            max=MAX_MONTHLY_TAILOR,
            help="Tailor calls per month (enterprise; default unlimited)",
        ),
    ] = None,
    clear_overrides: Annotated[
        bool, typer.Option("--clear-overrides", help="Back to the plan's figures")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Change an organization's plan or its Enterprise rate limit and monthly quota."""
    changes: dict[str, Any] = {"plan": plan}
    if clear_overrides:
        changes |= {"rpm_override": None, "monthly_tailor_override": None}
    if rpm is not None:
        changes["rpm_override"] = rpm
    if monthly_tailor is not None:
        changes["monthly_tailor_override"] = monthly_tailor
    updated = _with_session(lambda s: orgs.update_org(s, org_id, **changes))
    org = OrgOut.model_validate(updated)
    payload = {
        **org.model_dump(mode="json"),
        "requests_per_minute": requests_per_minute(updated),
        "monthly_tailor_quota": monthly_tailor_quota(updated),
    }
    _emit(
        as_json,
        payload,
        lambda: typer.echo(
            f"{org.org_id}  plan={org.plan}  rpm={payload['requests_per_minute']}  "
            f"monthly tailor calls={payload['monthly_tailor_quota'] or 'unlimited'}"
        ),
    )


@orgs_app.command("list")
def orgs_list(as_json: JsonFlag = False) -> None:
    found = [OrgOut.model_validate(o) for o in _with_session(orgs.list_orgs)]

    def table() -> None:
        out = Table("org_id", "name", "plan", "created_at")
        for o in found:
            out.add_row(o.org_id, o.name, o.plan, o.created_at.isoformat())
        console.print(out)

    _emit(as_json, {"orgs": [o.model_dump(mode="json") for o in found]}, table)


@keys_app.command("create")
def keys_create(
    org: Annotated[str, typer.Option("--org", help="Organization id (org_…)")],
    as_json: JsonFlag = False,
) -> None:
    created = CreatedKeyOut.of(_with_session(lambda s: orgs.create_key(s, org)))
    _emit(
        as_json,
        {"key_id": created.key_id, "org_id": created.org_id, "key": created.key},
        lambda: typer.echo(f"{created.key_id}\n{created.key}\n(shown once: store it now)"),
    )


@keys_app.command("list")
def keys_list(
    org: Annotated[str, typer.Option("--org", help="Organization id (org_…)")],
    as_json: JsonFlag = False,
) -> None:
    found = [KeyOut.model_validate(k) for k in _with_session(lambda s: orgs.list_keys(s, org))]

    def table() -> None:
        out = Table("key_id", "prefix", "created_at", "last_used_at", "revoked_at")
        for k in found:
            out.add_row(
                k.key_id,
                k.prefix + "…",
                str(k.created_at),
                str(k.last_used_at or "-"),
                str(k.revoked_at or "-"),
            )
        console.print(out)

    _emit(as_json, {"keys": [k.model_dump(mode="json") for k in found]}, table)


@keys_app.command("revoke")
def keys_revoke(key_id: str, as_json: JsonFlag = False) -> None:
    key = KeyOut.model_validate(_with_session(lambda s: orgs.revoke_key(s, key_id)))
    _emit(
        as_json,
        {"key_id": key.key_id, "revoked_at": key.revoked_at},
        lambda: typer.echo(f"{key.key_id} revoked"),
    )


@users_app.command("create")
def users_create(
    org: Annotated[str, typer.Option("--org", help="Organization id (org_…)")],
    email: Annotated[str, typer.Option("--email", help="The person's email address")],
    role: Annotated[Role, typer.Option(case_sensitive=False)] = Role.MEMBER,
    as_json: JsonFlag = False,
) -> None:
    """Add a member and print their one-time sign-in link (works once, for 24 hours)."""
    settings = get_settings()

    async def work(session: AsyncSession) -> tuple[Any, str]:
        member = await add_member(session, org, email, role)
        return member, link_url(settings, await issue_link(session, member))

    member, link = _with_session(work)
    hours = int(LINK_LIFETIME.total_seconds() // 3600)
    _emit(
        as_json,
        {
            "member_id": member.id,
            "org_id": member.org_id,
            "email": member.email,
            "role": member.role,
            "sign_in_link": link,
            "expires_in_hours": hours,
        },
        lambda: typer.echo(
            f"{member.id}  {member.email}  role={member.role}\n"
            f"Sign-in link (works once, expires in {hours} hours; shown once):\n{link}"
        ),
    )


@secrets_app.command("rotate")
def secrets_rotate(
    new_key: Annotated[
        str | None, typer.Option(help="A Fernet key; generated when omitted.")
    ] = None,
) -> None:
    """Re-encrypt every stored provider key under a new primary key."""
    from refleum.llm.operations import replace_key_file, rotate_secret
    from refleum.llm.secrets import SecretBox

    settings = get_settings()
    box = SecretBox.load(settings.secret_key, settings.data_dir)
    key, count = _with_session(lambda s: rotate_secret(s, box, new_key))
    if settings.secret_key:
        typer.echo(
            f"re-encrypted {count} provider key(s). Now set REFLEUM_SECRET_KEY={key} "
            "on every process (the old key is no longer needed)."
        )
    else:
        replace_key_file(settings.data_dir, key)
        typer.echo(
            f"re-encrypted {count} provider key(s); new key written to "
            f"{settings.data_dir / 'secret.key'} (previous one kept as secret.key.previous)"
        )


@llm_app.command("check")
def llm_check(org: Annotated[str, typer.Option("--org", help="Organization id (org_…)")]) -> None:
    """One tiny real call with the organization's model configuration."""
    from refleum.llm.operations import check_provider
    from refleum.llm.secrets import SecretBox

    settings = get_settings()
    box = SecretBox.load(settings.secret_key, settings.data_dir)
    try:
        result = _with_session(
            lambda s: check_provider(
                s, org, box, allow_private=settings.llm_allow_private_base, timeout_s=30
            )
        )
    except Exception as exc:  # the operator asked for the exact error
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if result.provider == "local":
        typer.echo("provider local: built-in engine, no model to call")
        return
    typer.echo(
        f"provider {result.provider}  model {result.model}  latency {result.latency_ms:.0f} ms"
        f"  tokens in {result.input_tokens} out {result.output_tokens}"
    )

"""FastAPI app factory: routers, middleware, error handlers, background workers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from refleum import cors, error_handlers, openapi_schema
from refleum.async_jobs.endpoints import router as jobs_router
from refleum.async_jobs.runs import api_job_runner
from refleum.config import Settings, get_settings
from refleum.db import Database
from refleum.documents.render.pool import RenderPool
from refleum.health import router as health_router
from refleum.heap import freeze_startup_heap
from refleum.idempotency import replay as idempotent_replay
from refleum.idempotency.deps import IdempotencyKey
from refleum.idempotency.middleware import IdempotencyMiddleware
from refleum.letters.endpoints import router as letters_router
from refleum.limits.address_limit import AddressLimitMiddleware
from refleum.limits.endpoints import router as usage_router
from refleum.limits.enforce import OrgRateLimit
from refleum.limits.headers import rate_limit_headers
from refleum.limits.rate_limiter import RequestLimiter
from refleum.llm.endpoints import router as llm_router
from refleum.llm.secrets import SecretBox
from refleum.methods import OptionsMiddleware
from refleum.middleware import BodyLimitMiddleware, RequestContextMiddleware
from refleum.orgs.authenticator import Authenticator
from refleum.orgs.endpoints import router as admin_router
from refleum.orgs.plans import configure_plans
from refleum.private_files import ensure_private_dir
from refleum.resumes.endpoints import router as resumes_router
from refleum.resumes.exports import router as exports_router
from refleum.resumes.read_lane import ResumeReadLane
from refleum.resumes.reads import RenderedResumes
from refleum.resumes.tasks import parse_job_runner
from refleum.tailoring.endpoints import router as tailoring_router
from refleum.web import site as web_site
from refleum.web.throttle import SignInThrottle
from refleum.webhooks.dispatcher import WebhookDispatcher
from refleum.webhooks.endpoints import router as webhooks_router

UPLOAD_PATH = "/api/v1/resumes"
# Multipart framing around a file at the size limit stays far below this.
MULTIPART_OVERHEAD = 64 * 1024


def create_app(settings: Settings | None = None, *, run_jobs: bool = True) -> FastAPI:
    settings = settings or get_settings()
    configure_plans(settings.plans)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.effective_database_url)
        # The parse queue: resumes claims its rows and parses them; jobs/ only runs them.
        jobs = parse_job_runner(db, settings, app.state.secrets)
        app.state.db, app.state.jobs = db, jobs
        app.state.authenticator = Authenticator(db, ttl_s=settings.key_cache_ttl_s)
        app.state.authenticator.last_used.start()
        app.state.rendered_resumes = RenderedResumes()
        # Outbox events → signed deliveries, retried from their rows (webhooks/dispatcher.py).
        app.state.webhooks = WebhookDispatcher(db, app.state.secrets, settings)
        app.state.render_pool = RenderPool(
            settings.render_workers,
            timeout_s=settings.render_timeout_s,
            per_org=settings.render_workers_per_org,
        )
        # Async requests (202 + GET /jobs/{id}): a second runner on the api_jobs queue.
        api_jobs = api_job_runner(db, settings, app.state.secrets, app.state.render_pool)
        app.state.api_jobs = api_jobs
        limiter = RequestLimiter.from_settings(settings) if settings.rate_limits_enabled else None
        app.state.request_limiter = limiter
        app.state.signin_throttle = SignInThrottle.from_settings(settings)
        if run_jobs:
            await jobs.start()
            await api_jobs.start()
            await app.state.webhooks.start()
        freeze_startup_heap()
        try:
            yield
        finally:
            await app.state.webhooks.stop()
            await api_jobs.stop()
            await jobs.stop()
            await app.state.authenticator.last_used.stop()
            app.state.render_pool.close()
            await db.dispose()
            if limiter is not None:
                await limiter.close()
            await app.state.signin_throttle.close()

    app = FastAPI(
        title="Refleum API",
        version="2.2",
        description="Tailor resumes to job descriptions, grounded strictly in the original resume.",
        lifespan=lifespan,
        # /docs and /redoc are served by web/docs_pages.py from vendored assets, not a CDN.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    ensure_private_dir(settings.data_dir)
    app.state.secrets = SecretBox.load(settings.secret_key, settings.data_dir)
    error_handlers.install(app)
    openapi_schema.install(app)
    idempotent_replay.install(app)
    # Innermost: the polled read's own lane, past every layer of ours like the route it
    # shadows, so request ids, the access log and the address limit apply to it alike.
    app.add_middleware(ResumeReadLane, routes=app.router.routes)
    # It keeps the endpoint's own response for replays of an Idempotency-Key.
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(
        BodyLimitMiddleware,
        default_limit=settings.max_json_bytes,
        upload_limit=settings.max_upload_bytes + MULTIPART_OVERHEAD,
        upload_path=UPLOAD_PATH,
    )
    app.add_middleware(OptionsMiddleware, routes=app.router.routes)
    # Outside the body limit: a client past its address window is refused unread.
    app.add_middleware(AddressLimitMiddleware, per_minute=settings.address_rpm)
    # Outermost of ours: its 500 envelope gets the request id and rate-limit headers too.
    app.add_middleware(RequestContextMiddleware, response_headers=rate_limit_headers)
    # Outermost of all, when configured: preflights never reach OPTIONS or the limits.
    cors.install(app, settings)
    # Every request with a key counts against its organization, after authentication.
    # The exports router mixes a public PDF (counted per address) with keyed exports, so
    # its routes declare their own limits; health is public, counted per address.
    # A POST's Idempotency-Key is claimed after both: a replay is counted like any request.
    keyed = [OrgRateLimit, IdempotencyKey]
    app.include_router(health_router)
    app.include_router(resumes_router, dependencies=keyed)
    app.include_router(exports_router)
    app.include_router(tailoring_router, dependencies=keyed)
    app.include_router(letters_router, dependencies=keyed)
    app.include_router(usage_router, dependencies=keyed)
    app.include_router(llm_router, dependencies=keyed)
    app.include_router(webhooks_router, dependencies=keyed)
    app.include_router(jobs_router, dependencies=keyed)
    if settings.admin_token:
        app.include_router(admin_router)
    # The dashboard and playground: signed in by a session cookie, never by an API key.
    web_site.install(app)
    return app

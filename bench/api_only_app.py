"""An API process that runs no jobs: uploads are parsed only by `refleum worker` processes,
so a benchmark measures how fast a worker learns of a job (its poll, or a notification)."""

from __future__ import annotations

from fastapi import FastAPI

from refleum.app import create_app as create_refleum_app


def create_app() -> FastAPI:
    return create_refleum_app(run_jobs=False)

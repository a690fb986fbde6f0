"""The API client commands (`resumes`, `tailor`, `letters`, `usage`), built on refleum.client.

They talk HTTP to a running Refleum with the key in REFLEUM_API_KEY, at REFLEUM_BASE_URL
(default http://127.0.0.1:$REFLEUM_PORT, port 8000), unlike the operator commands, which
open the database. Tables go to stdout, spinners and errors to stderr; `--json` prints the
API's JSON and nothing else on stdout.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from refleum.client import AuthenticationError, RefleumClient, RefleumError
from refleum.client.models import Page, ResumeOut, ResumeSummary, TailorResponse

resumes_app = typer.Typer(help="Your resumes, through the API.", no_args_is_help=True)
letters_app = typer.Typer(help="Cover letters and outreach messages.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print the API's JSON on stdout.")]
JdFile = Annotated[
    Path,
    typer.Option("--jd", exists=True, dir_okay=False, help="The job description, a text file."),
]


class Strategy(StrEnum):
    NUDGE = "NUDGE"
    KEYWORDS = "KEYWORDS"
    FULL = "FULL"


class LetterKind(StrEnum):
    cover = "cover"
    outreach = "outreach"


def register(app: typer.Typer) -> None:
    app.add_typer(resumes_app, name="resumes")
    app.add_typer(letters_app, name="letters")
    app.command("tailor")(tailor)
    app.command("usage")(usage)


def _out() -> Console:
    # Made per command, so the width is the terminal's (or $COLUMNS) at that moment.
    return Console()


def _err() -> Console:
    return Console(stderr=True)


@contextlib.contextmanager
def _api() -> Iterator[RefleumClient]:
    """A client from the environment; an API error ends the command with one line."""
    try:
        with RefleumClient() as api:
            yield api
    except RefleumError as exc:
        hint = " (set REFLEUM_API_KEY)" if isinstance(exc, AuthenticationError) else ""
        request = f" [request {exc.request_id}]" if exc.request_id else ""
        typer.echo(f"error: {exc.code}: {exc.detail}{hint}{request}", err=True)
        raise typer.Exit(1) from None


def _print_json(value: BaseModel | dict[str, Any]) -> None:
    data = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _table(*columns: str, ids: list[str] = ()) -> Table:
    """The first column holds ids: never wrapped nor cut, at least as wide as the longest.
    The others fold. At 80 columns an id can be copied whole."""
    table = Table(box=None, pad_edge=False)
    for name in columns:
        table.add_column(name, overflow="fold")
    holder = table.columns[0]
    holder.no_wrap, holder.overflow = True, "ignore"
    holder.min_width = max([len(columns[0]), *map(len, ids)])
    return table


def _key_values() -> Table:
    """FIELD / VALUE: the short labels stay whole, so the values (ids among them) get all
    the rest of the width: an id (30 characters) stays on one line from 52 columns up."""
    table = Table(box=None, pad_edge=False)
    table.add_column("FIELD", no_wrap=True)
    table.add_column("VALUE", overflow="fold")
    return table


def _resume_rows(resumes: list[ResumeSummary]) -> Table:
    table = _table(
        "ID", "STATUS", "MASTER", "FILENAME", "UPDATED", ids=[r.resume_id for r in resumes]
    )
    for r in resumes:
        updated = r.updated_at.strftime("%Y-%m-%d %H:%M")
        table.add_row(r.resume_id, r.status, "yes" if r.is_master else "", r.filename, updated)
    return table


def _resume_detail(resume: ResumeOut) -> Table:
    table = _key_values()
    table.add_row("resume_id", resume.resume_id)
    table.add_row("status", resume.status)
    table.add_row("master", "yes" if resume.is_master else "no")
    table.add_row("filename", resume.filename)
    for name in ("title", "parent_id", "strategy"):
        if getattr(resume, name):
            table.add_row(name, str(getattr(resume, name)))
    if resume.structured_data:
        data = resume.structured_data
        table.add_row("name", data.personalInfo.name)
        jobs = [f"{w.title}, {w.company}".strip(", ") for w in data.workExperience]
        table.add_row("experience", "\n".join(jobs) or "-")
    for warning in resume.warnings:
        table.add_row("warning", warning)
    return table


def _wait(api: RefleumClient, resume_id: str, timeout: float) -> ResumeOut:
    with _err().status(f"Parsing {resume_id}…") as status:
        return api.wait_until_parsed(
            resume_id,
            timeout=timeout,
            on_poll=lambda r: status.update(f"Parsing {resume_id}: {r.status}"),
        )


@resumes_app.command("upload")
def upload(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A PDF or DOCX.")],
    master: Annotated[bool, typer.Option("--master", help="Make it the master resume.")] = False,
    wait: Annotated[bool, typer.Option("--wait", help="Wait until it is parsed.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds --wait waits.")] = 300.0,
    as_json: JsonFlag = False,
) -> None:
    """Upload a resume; parsing runs on the server."""
    with _api() as api:
        resume: ResumeSummary = api.upload_resume(file, set_as_master=True if master else None)
        if wait:
            resume = _wait(api, resume.resume_id, timeout)
    if as_json:
        _print_json(resume)
    elif isinstance(resume, ResumeOut):
        _out().print(_resume_detail(resume))
    else:
        _out().print(_resume_rows([resume]))


@resumes_app.command("list")
def list_resumes(
    limit: Annotated[int, typer.Option(min=1, max=100)] = 20,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    every: Annotated[bool, typer.Option("--all", help="Every page, not just one.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """List resumes (the master too), newest first."""
    with _api() as api:
        if every:
            resumes = list(api.iter_resumes(include_master=True))
            page = Page[ResumeSummary].model_validate(
                {
                    "data": resumes,
                    "meta": {"limit": len(resumes), "offset": 0, "total": len(resumes)},
                }
            )
        else:
            page = api.list_resumes(limit=limit, offset=offset, include_master=True)
    if as_json:
        _print_json(page)
        return
    _out().print(_resume_rows(page.data))
    _err().print(f"{len(page.data)} of {page.meta.total}", highlight=False)


@resumes_app.command("get")
def get(resume_id: str, as_json: JsonFlag = False) -> None:
    """Show one resume and what was parsed from it."""
    with _api() as api:
        resume = api.get_resume(resume_id)
    if as_json:
        _print_json(resume)
    else:
        _out().print(_resume_detail(resume))


@resumes_app.command("delete")
def delete(resume_id: str, as_json: JsonFlag = False) -> None:
    """Delete a resume, with its letters."""
    with _api() as api:
        deleted = api.delete_resume(resume_id)
    if as_json:
        _print_json(deleted)
    else:
        typer.echo(f"deleted {deleted.resume_id}")


def _tailor_summary(result: TailorResponse) -> Table:
    stats = result.refinement_stats
    table = _key_values()
    table.add_row("resume_id", result.resume_id)
    table.add_row("parent_id", result.parent_id)
    table.add_row("strategy", result.strategy)
    table.add_row(
        "match", f"{stats.initial_match_percentage:.0f}% -> {stats.final_match_percentage:.0f}%"
    )
    for change in result.changes:
        table.add_row("change", f"{change.path}: {change.reason}")
    table.add_row("gaps", ", ".join(result.gaps) or "-")
    for evidence in result.skills_shown:
        if evidence.how == "shown":  # inferred, so the line a reader can check it against
            table.add_row("shown", f"{evidence.skill}: {evidence.line}")
    for warning in result.warnings:
        table.add_row("warning", warning)
    if result.pdf_url:
        table.add_row("pdf_url", result.pdf_url)
    return table


def tailor(
    resume_id: Annotated[str, typer.Argument(metavar="RESUME")],
    jd: JdFile,
    strategy: Annotated[Strategy | None, typer.Option(case_sensitive=False)] = None,
    pdf: Annotated[Path | None, typer.Option(help="Also write the tailored PDF here.")] = None,
    language: Annotated[str | None, typer.Option(help="Output language (BCP-47).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Tailor a resume to a job description; prints the score, changes and gaps."""
    with _api() as api:
        with _err().status(f"Tailoring {resume_id}…"):
            result = api.tailor(
                resume_id,
                jd.read_text(encoding="utf-8"),
                strategy=strategy.value if strategy else None,
                output_language=language,
                generate_pdf=pdf is not None,
            )
            if pdf is not None:
                pdf.write_bytes(api.download_pdf(result.resume_id))
    if as_json:
        _print_json(result)
        return
    _out().print(_tailor_summary(result))
    if pdf is not None:
        _err().print(f"PDF written to {pdf}", highlight=False)


@letters_app.command("cover")
def cover(
    resume_id: Annotated[str, typer.Argument(metavar="RESUME")],
    jd: JdFile,
    language: Annotated[str | None, typer.Option(help="Output language (BCP-47).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Write a cover letter for a resume and a job description."""
    with _api() as api, _err().status("Writing the cover letter…"):
        letter = api.generate_cover_letter(
            resume_id, jd.read_text(encoding="utf-8"), output_language=language
        )
    if as_json:
        _print_json(letter)
    else:
        _err().print(f"cover letter {letter.cover_letter_id}", highlight=False)
        typer.echo(letter.content)


@letters_app.command("outreach")
def outreach(
    resume_id: Annotated[str, typer.Argument(metavar="RESUME")],
    jd: JdFile,
    language: Annotated[str | None, typer.Option(help="Output language (BCP-47).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Write an outreach message (and a connection note) for a resume and a JD."""
    with _api() as api, _err().status("Writing the outreach message…"):
        message = api.generate_outreach(
            resume_id, jd.read_text(encoding="utf-8"), output_language=language
        )
    if as_json:
        _print_json(message)
    else:
        _err().print(f"outreach message {message.outreach_id}", highlight=False)
        typer.echo(message.content)
        if message.connection_note:
            typer.echo(f"\nConnection note: {message.connection_note}")


def usage(as_json: JsonFlag = False) -> None:
    """This month's tailor calls, quota, model calls and tokens."""
    with _api() as api:
        current = api.get_usage()
    if as_json:
        _print_json(current)
        return
    table = _key_values()
    quota = "unlimited" if current.tailor_quota is None else str(current.tailor_quota)
    for name, value in [
        ("month", current.month),
        ("plan", current.plan),
        ("tailor_calls", f"{current.tailor_calls} of {quota}"),
        ("llm_calls", str(current.llm_calls)),
        ("tokens", f"{current.input_tokens} in, {current.output_tokens} out"),
        ("requests_per_minute", str(current.requests_per_minute)),
    ]:
        table.add_row(name, value)
    _out().print(table)

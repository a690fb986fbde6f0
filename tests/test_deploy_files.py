"""The deployment files (Dockerfile, compose.yaml, .dockerignore, docs/deploy.md) against the code.

No Docker engine is needed: the files are parsed, and every `refleum` command and option
they run must parse in the real CLI (typer's click app), every REFLEUM_* variable they set
must be a field of config.Settings, and docs/deploy.md must list every setting.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml

from refleum import cli
from refleum.config import Settings
from refleum.documents.render.glyphs import FONT_PATTERNS

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = {f"REFLEUM_{name.upper()}" for name in Settings.model_fields}


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction: comments dropped, continuations joined."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1].rstrip() + " "
            continue
        whole = (pending + line).strip()
        pending = ""
        keyword, _, rest = whole.partition(" ")
        instructions.append((keyword.upper(), rest.strip()))
    assert not pending, "the Dockerfile ends inside a continued line"
    return instructions


def stages(instructions: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    found: list[list[tuple[str, str]]] = []
    for instruction in instructions:
        if instruction[0] == "FROM":
            found.append([])
        found[-1].append(instruction)
    return found


def exec_form(arguments: str) -> list[str]:
    parsed = json.loads(arguments)
    assert isinstance(parsed, list) and all(isinstance(a, str) for a in parsed), arguments
    return parsed


def env_names(arguments: str) -> set[str]:
    """The variables of one ENV instruction (KEY=value pairs)."""
    return {pair.split("=", 1)[0] for pair in shlex.split(arguments) if "=" in pair}


def check_refleum_command(args: list[str]) -> Any:
    """Resolves ``args`` (after `refleum`) to a CLI command and parses its options there.

    Typer ships its own copy of click, so groups are told by their ``commands``.
    """
    command = typer.main.get_command(cli.app)
    rest = list(args)
    while hasattr(command, "commands") and rest and rest[0] in command.commands:
        command = command.commands[rest.pop(0)]
    assert not hasattr(command, "commands"), f"refleum {' '.join(args)}: not a command"
    known = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    for token in rest:
        if token.startswith("--"):
            assert token.split("=", 1)[0] in known, f"refleum {' '.join(args)}: {token}"
    command.make_context(command.name, rest)  # values too: a bad one raises UsageError
    return command


@pytest.fixture(scope="module")
def docker() -> list[list[tuple[str, str]]]:
    return stages(dockerfile_instructions((ROOT / "Dockerfile").read_text()))


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def _refleum_services(compose: dict) -> dict[str, dict]:
    return {name: s for name, s in compose["services"].items() if s.get("build") == "."}


# -- the checker itself ---------------------------------------------------------------------


def test_the_command_check_refuses_unknown_commands_options_and_values():
    assert check_refleum_command(["serve", "--workers", "2"]).name == "serve"
    assert check_refleum_command(["keys", "list", "--org", "org_1"]).name == "list"
    with pytest.raises(AssertionError):
        check_refleum_command(["serve", "--replicas", "2"])
    with pytest.raises(AssertionError):
        check_refleum_command(["orgs"])
    with pytest.raises(typer.BadParameter):
        check_refleum_command(["serve", "--workers", "0"])


def test_the_line_parser_joins_continuations_and_skips_comments():
    text = '# c\nFROM a AS b\nRUN x \\\n    # inside\n    && y\nCMD ["z"]\n'
    assert dockerfile_instructions(text) == [
        ("FROM", "a AS b"),
        ("RUN", "x && y"),
        ("CMD", '["z"]'),
    ]


# -- Dockerfile -----------------------------------------------------------------------------


def test_dockerfile_is_multi_stage_and_runs_as_a_user_of_its_own(docker):
    assert len(docker) >= 2
    runtime = docker[-1]
    users = [args for kind, args in runtime if kind == "USER"]
    assert users and users[-1] not in {"root", "0", "0:0"}
    copied_from_build = [args for kind, args in runtime if kind == "COPY" and "--from=" in args]
    assert copied_from_build, "the runtime stage must take the build stage's result"
    assert not any("build-essential" in args for kind, args in runtime if kind == "RUN")


def test_dockerfile_installs_what_weasyprint_and_the_glyph_check_load(docker):
    installed = " ".join(args for kind, args in docker[-1] if kind == "RUN")
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fontconfig"):
        assert package in installed
    # The templates' font family (documents/render/glyphs.py) must be the one installed.
    assert all(pattern.startswith("DejaVu Sans") for pattern in FONT_PATTERNS)
    assert "fonts-dejavu-core" in installed


def test_dockerfile_entry_points_are_real_refleum_commands(docker):
    runtime = docker[-1]
    entrypoint = exec_form(next(a for k, a in runtime if k == "ENTRYPOINT"))
    assert entrypoint == ["refleum"]
    default = exec_form(next(a for k, a in runtime if k == "CMD"))
    assert check_refleum_command(default).name == "serve"


def test_dockerfile_healthcheck_asks_the_health_endpoint_with_valid_python(docker):
    healthcheck = next(a for k, a in docker[-1] if k == "HEALTHCHECK")
    command = exec_form(healthcheck.split(" CMD ", 1)[1])
    assert command[:2] == ["python", "-c"]
    compile(command[2], "HEALTHCHECK", "exec")  # the image has no curl: Python asks
    assert "/api/v1/health" in command[2]
    assert "REFLEUM_PORT" in command[2]  # follows the port the server listens on


def test_dockerfile_sets_only_real_settings(docker):
    names = set().union(*(env_names(a) for stage in docker for k, a in stage if k == "ENV"))
    ours = {n for n in names if n.startswith("REFLEUM_")}
    assert ours and ours <= SETTINGS, ours - SETTINGS


def test_dockerfile_copies_files_that_exist_and_are_not_ignored(docker):
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for stage in docker:
        for kind, args in stage:
            if kind != "COPY" or "--from=" in args:
                continue
            for source in args.split()[:-1]:
                assert (ROOT / source).exists(), source
                assert source.rstrip("/") not in ignored, source
    for private in (".venv", ".git", ".refleum", "secret.key*", ".env"):
        assert private in ignored, private


# -- compose.yaml ---------------------------------------------------------------------------


def test_compose_runs_two_api_replicas_one_worker_postgres_and_redis(compose):
    services = compose["services"]
    api, worker = services["api"], services["worker"]
    assert api["deploy"]["replicas"] == 2
    assert api["command"][0] == "serve"
    assert worker["command"] == ["worker"]
    assert worker.get("deploy", {}).get("replicas", 1) == 1
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")


def test_compose_runs_migrations_before_the_new_code_starts(compose):
    services = compose["services"]
    assert services["migrate"]["command"] == ["migrate"]
    for name in ("api", "worker"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }


def test_compose_commands_are_real_refleum_commands(compose):
    services = _refleum_services(compose)
    assert {"api", "worker", "migrate"} <= set(services)
    for name, service in services.items():
        assert check_refleum_command(service["command"]).name, name


def test_compose_sets_only_real_settings_and_shares_the_secret_key(compose):
    for name, service in _refleum_services(compose).items():
        env = service["environment"]
        ours = {k for k in env if k.startswith("REFLEUM_")}
        assert ours <= SETTINGS, (name, ours - SETTINGS)
        for needed in ("REFLEUM_DATABASE_URL", "REFLEUM_REDIS_URL", "REFLEUM_SECRET_KEY"):
            assert needed in env, (name, needed)
        assert env["REFLEUM_DATABASE_URL"].startswith("postgresql+psycopg://")


def test_compose_has_health_checks_and_declares_its_volumes(compose):
    services = compose["services"]
    for name in ("postgres", "redis"):
        assert services[name]["healthcheck"]["test"], name
        for dependent in ("api", "worker", "migrate"):
            assert services[dependent]["depends_on"][name] == {"condition": "service_healthy"}
    # The API keeps the image's HEALTHCHECK (the health endpoint); only HTTP-less ones opt out.
    assert "healthcheck" not in services["api"]
    used = {
        volume.split(":", 1)[0]
        for service in services.values()
        for volume in service.get("volumes", [])
    }
    assert used and used <= set(compose["volumes"])
    assert {"postgres-data", "refleum-data"} <= used


# -- docs/deploy.md -------------------------------------------------------------------------


def test_deploy_doc_lists_every_setting_and_no_other():
    text = (ROOT / "docs" / "deploy.md").read_text()
    table = text.split("## Every setting", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`(REFLEUM_[A-Z0-9_]+)`", table))
    assert listed == SETTINGS, {"missing": SETTINGS - listed, "unknown": listed - SETTINGS}
    mentioned = set(re.findall(r"REFLEUM_[A-Z0-9_]+", text))
    assert mentioned <= SETTINGS, mentioned - SETTINGS


@pytest.mark.parametrize("source", ["README.md", "docs/operators.md"])
def test_deploy_doc_is_linked(source):
    assert "deploy.md" in (ROOT / source).read_text()

"""Every relative link in README.md and docs/*.md resolves inside the repository: to a
file that exists and, with a #fragment, to a heading of that file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
# A path out of the repository, written as code instead of a link, is broken all the same.
OUTSIDE = re.compile(r"`\.\./[^`]*`")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text())
    return {slug(m.group(1)) for m in re.finditer(r"^#+\s+(.*)$", text, re.MULTILINE)}


def links(page: Path) -> list[str]:
    return LINK.findall(FENCE.sub("", page.read_text()))


def broken(page: Path, root: Path = ROOT) -> list[str]:
    found = []
    for target in links(page):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("//"):
            continue  # http(s), mailto: not a file of the repository
        path, _, fragment = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if root not in resolved.parents and resolved != root:
            found.append(f"{target}: outside the repository")
        elif not resolved.exists():
            found.append(f"{target}: no such file")
        elif fragment and resolved.suffix == ".md" and fragment not in anchors(resolved):
            found.append(f"{target}: no heading #{fragment}")
    outside = OUTSIDE.findall(page.read_text())
    return found + [f"{path}: a path outside the repository" for path in outside]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves_inside_the_repository(page):
    assert broken(page) == []


def test_the_checker_catches_what_it_must(tmp_path):
    page = tmp_path / "page.md"
    (tmp_path / "there.md").write_text("# A heading\n")
    page.write_text(
        "[ok](there.md#a-heading) [gone](missing.md) [anchor](there.md#nope) "
        "[out](../../etc/passwd) [web](https://example.com) `../shared/x.md`\n"
    )
    assert broken(page, root=tmp_path) == [
        "missing.md: no such file",
        "there.md#nope: no heading #nope",
        "../../etc/passwd: outside the repository",
        "`../shared/x.md`: a path outside the repository",
    ]

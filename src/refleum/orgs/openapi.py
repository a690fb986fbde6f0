"""The API-key security schemes in the published schema, on every keyed operation.

FastAPI documents a scheme only for the operations whose dependencies include it, and it
solves every declared dependency on every request (a cached one too, sub-dependencies and
all, each time another dependency asks for it): two scheme dependencies under
``current_org`` cost ~35-45 us a request for values nobody reads, since ``current_org``
reads the key headers itself. So they are ``current_org``'s dependencies only while the
schema is built: FastAPI then writes the requirement and the components exactly as
before, and requests never solve them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import Depends
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import get_parameterless_sub_dependant
from fastapi.routing import iter_route_contexts
from starlette.routing import BaseRoute

from refleum.orgs.deps import BEARER_SCHEME, HEADER_SCHEME, current_org

SCHEMES = (BEARER_SCHEME, HEADER_SCHEME)


def _authentications(dependant: Dependant, found: dict[int, Dependant]) -> None:
    for sub in dependant.dependencies:
        if sub.call is current_org:
            found[id(sub)] = sub
        _authentications(sub, found)


@contextmanager
def schemes_declared(routes: Iterable[BaseRoute]) -> Iterator[None]:
    """Every ``current_org`` in these routes depends on the schemes, within the block.

    Unnamed, as ``dependencies=[...]`` are: a request solved meanwhile passes no value
    for them to ``current_org``, it only solves them as it would have before.
    """
    found: dict[int, Dependant] = {}
    # iter_route_contexts: included routers' routes with the dependencies of the include,
    # the very dependants get_openapi reads.
    for route in iter_route_contexts(routes):
        dependant = getattr(route, "dependant", None)
        if dependant is not None:
            _authentications(dependant, found)
    schemes = [get_parameterless_sub_dependant(depends=Depends(s), path="") for s in SCHEMES]
    for node in found.values():
        node.dependencies.extend(schemes)
    try:
        yield
    finally:
        for node in found.values():
            node.dependencies[:] = [
                d for d in node.dependencies if all(d is not s for s in schemes)
            ]


def documented(build: Callable[[], dict[str, Any]], routes: Iterable[BaseRoute]) -> dict[str, Any]:
    """The schema ``build`` makes, with the key schemes on every operation that takes a key."""
    with schemes_declared(routes):
        return build()

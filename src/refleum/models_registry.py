"""Imports every model module so ``Base.metadata`` knows all tables (for Alembic)."""

from refleum import events as _events  # noqa: F401
from refleum.db import Base
from refleum.idempotency import models as _idempotency  # noqa: F401
from refleum.jobs import models as _jobs  # noqa: F401
from refleum.letters import models as _letters  # noqa: F401
from refleum.limits import models as _limits  # noqa: F401
from refleum.llm import models as _llm  # noqa: F401
from refleum.orgs import models as _orgs  # noqa: F401
from refleum.resumes import models as _resumes  # noqa: F401
from refleum.tailoring import models as _tailoring  # noqa: F401
from refleum.web import models as _web  # noqa: F401
from refleum.webhooks import models as _webhooks  # noqa: F401

metadata = Base.metadata

# Refleum's image: one image, two entry points (`refleum serve`, `refleum worker`), see
# docs/deploy.md. Checked by tests/test_deploy_files.py (commands, options, variables).

# -- build: the project and its dependencies into a virtualenv, with the compilers only here.
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/refleum
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
RUN /opt/refleum/bin/pip install .

# -- runtime: Python, the virtualenv, and what WeasyPrint loads at run time.
FROM python:3.11-slim-bookworm AS runtime
# WeasyPrint (PDF rendering) loads Pango, PangoFT2 and HarfBuzz's subsetter through cffi;
# fontconfig's fc-match finds the template font (DejaVu Sans, regular and bold) for the
# glyph check (src/refleum/documents/render/glyphs.py), which refuses to render without it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
# A user of its own: the service can write its data directory and nothing else.
RUN groupadd --system refleum \
    && useradd --system --gid refleum --home-dir /var/lib/refleum --create-home refleum
COPY --from=build /opt/refleum /opt/refleum
ENV PATH=/opt/refleum/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    REFLEUM_DATA_DIR=/var/lib/refleum \
    REFLEUM_HOST=0.0.0.0 \
    REFLEUM_PORT=8000
USER refleum
WORKDIR /var/lib/refleum
VOLUME ["/var/lib/refleum"]
EXPOSE 8000
# /api/v1/health answers 200 while this process and its database answer (Redis down is
# reported, not fatal: rate limits fail open). It is counted per address at
# REFLEUM_PUBLIC_RPM (120 a minute by default): a check every 30 s stays far below.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('REFLEUM_PORT', '8000')}/api/v1/health\", timeout=4)"]
ENTRYPOINT ["refleum"]
# The API; `docker run IMAGE worker` runs the parse and job worker instead, `migrate` the
# migrations. --no-bootstrap: a deployment creates its organizations with `refleum orgs`.
CMD ["serve", "--no-bootstrap"]

# hocvuso's image for compose.yaml (docs/deploy.md, "With Docker Compose"): the wheel installed
# with its dependencies, the static files collected in, LibreOffice for the reports' PDF.
# The same server as on a machine: gunicorn -c python:hocvuso.gunicorn_conf.
FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml ./
COPY hocvuso ./hocvuso
RUN pip wheel . --no-deps --no-cache-dir -w /wheels

FROM python:3.11-slim-bookworm
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=hocvuso.settings \
    STATIC_ROOT=/opt/hocvuso/static \
    MEDIA_ROOT=/var/lib/hocvuso/media \
    PRIVATE_MEDIA_ROOT=/var/lib/hocvuso/private-media \
    EXPORT_ROOT=/var/lib/hocvuso/exports \
    HOME=/var/lib/hocvuso
RUN apt-get update \
    && apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
# The static files belong to the image (they change with the code), not to the data volume.
RUN DEBUG=false SECRET_KEY=collectstatic-only hocvuso collectstatic --noinput
RUN useradd --system --home-dir /var/lib/hocvuso hocvuso \
    && mkdir -p /var/lib/hocvuso && chown hocvuso:hocvuso /var/lib/hocvuso
USER hocvuso
WORKDIR /var/lib/hocvuso
EXPOSE 8000
CMD ["gunicorn", "-c", "python:hocvuso.gunicorn_conf", "--bind", "0.0.0.0:8000", "hocvuso.wsgi"]

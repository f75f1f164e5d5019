# telco-mockserver: one process, one threaded waitress server, state in memory.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY mockserver ./mockserver
COPY fixtures ./fixtures
RUN pip install --no-cache-dir . && useradd --create-home mock \
    && mkdir /data && chown mock /data
USER mock
# where a --state-file lives: mount a volume here (MOCKSERVER_STATE_FILE=/data/state.json)
VOLUME /data

# Every `mockserver serve` option is also a MOCKSERVER_* variable (`mockserver serve
# --help`): configure the container with `-e`, not by overriding its command. The
# HEALTHCHECK reads the same MOCKSERVER_PORT, so it follows a changed port.
ENV MOCKSERVER_HOST=0.0.0.0 MOCKSERVER_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["python", "-c", "import os, sys, urllib.request; url = 'http://127.0.0.1:%s/_mock/health' % os.environ.get('MOCKSERVER_PORT', '8080'); sys.exit(0 if urllib.request.urlopen(url, timeout=2).status == 200 else 1)"]
CMD ["mockserver", "serve"]

# telco-mockserver: one process, one threaded waitress server, state in memory.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY mockserver ./mockserver
RUN pip install --no-cache-dir . && useradd --create-home mock
USER mock

EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/_mock/health', timeout=2).status == 200 else 1)"]
CMD ["mockserver", "serve", "--host", "0.0.0.0", "--port", "8080"]

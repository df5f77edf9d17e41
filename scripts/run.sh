#!/usr/bin/env bash
# Starts the web server and one Celery worker (with the job sweeper) on the embedded default,
# or on whatever DATABASE_URL / CELERY_BROKER_URL say. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG="${DEBUG:-1}"
PY=.venv/bin/python
HOST="${HOST:-127.0.0.1}" PORT="${PORT:-8000}"

$PY manage.py migrate --noinput >/dev/null
$PY manage.py local_account

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping…"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

.venv/bin/celery -A infrasketch worker --beat --pool=solo --concurrency=1 --loglevel=INFO \
  --schedule var/celerybeat-schedule &
pids+=($!)
$PY manage.py runserver "$HOST:$PORT" --noreload &
pids+=($!)
echo "InfraSketch is running on http://$HOST:$PORT/ (Ctrl-C stops the web server and the worker)"
wait -n "${pids[@]}"

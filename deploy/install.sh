#!/usr/bin/env bash
# Install or upgrade Spotter as a systemd service on a Raspberry Pi (run as root from a checkout).
#   sudo deploy/install.sh               install or upgrade, migrate the database, (re)start
#   deploy/install.sh --root DIR         write everything below DIR instead of /, touch no
#                                        service, user or running system (for tests, packaging)
#   deploy/install.sh --root DIR --no-venv   the same without creating the virtualenv
# Settings live in /etc/spotter/env (never overwritten), data in /var/lib/spotter.
# Running it again is safe: it upgrades the code and keeps settings and data.
set -euo pipefail

ROOT=""
VENV=1
while [ $# -gt 0 ]; do
  case "$1" in
    --root) ROOT=$(realpath -m "$2"); shift 2 ;;
    --no-venv) VENV=0; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

PREFIX=$ROOT/opt/spotter
ETC=$ROOT/etc/spotter
UNITS=$ROOT/etc/systemd/system
DATA=$ROOT/var/lib/spotter
SRC=$(cd "$(dirname "$0")/.." && pwd)
LIVE=$([ -z "$ROOT" ] && echo 1 || echo 0)  # 1: this machine's system, 0: a tree under --root
step() { echo "==> $*"; }

if [ "$LIVE" = 1 ] && [ "$(id -u)" -ne 0 ]; then
  echo "run as root (sudo $0), or use --root DIR to install into a folder" >&2
  exit 1
fi
step "checking Python (3.11 or newer)"
command -v python3 >/dev/null || { echo "python3 (3.11+) is required" >&2; exit 1; }
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "python 3.11 or newer is required" >&2; exit 1; }

if [ "$LIVE" = 1 ]; then
  step "service user spotter"
  id spotter >/dev/null 2>&1 \
    || useradd --system --home-dir /var/lib/spotter --shell /usr/sbin/nologin spotter
fi

step "code in $PREFIX (the virtualenv is kept between upgrades)"
mkdir -p "$PREFIX"
find "$PREFIX" -mindepth 1 -maxdepth 1 ! -name .venv -exec rm -rf {} +
# The code only: no .env, no virtualenv, no databases or data from the checkout.
tar -C "$SRC" --exclude=.git --exclude=.venv --exclude=.env --exclude='*.db*' \
    --exclude=./data --exclude=demo-out --exclude=__pycache__ --exclude=.pytest_cache \
    --exclude=.ruff_cache --exclude=.hypothesis -cf - . | tar -C "$PREFIX" -xf -

if [ "$VENV" = 1 ]; then
  step "virtualenv and dependencies in $PREFIX/.venv"
  [ -x "$PREFIX/.venv/bin/python" ] || python3 -m venv "$PREFIX/.venv"
  "$PREFIX/.venv/bin/python" -m pip install --quiet --upgrade pip
  "$PREFIX/.venv/bin/python" -m pip install --quiet "$PREFIX"
fi

step "settings in $ETC/env"
if [ "$LIVE" = 1 ]; then
  install -d -m 0750 -o root -g spotter "$ETC"
  install -d -m 0700 -o spotter -g spotter "$DATA"
else
  install -d -m 0750 "$ETC"
  install -d -m 0700 "$DATA"
fi
if [ -f "$ETC/env" ]; then
  echo "    kept as it is"
else
  # The service's data folder, not the checkout's: the file's values win over the unit's.
  sed 's#^SPOTTER_DATA_DIR=.*#SPOTTER_DATA_DIR=/var/lib/spotter#' "$SRC/.env.example" \
    > "$ETC/env.new"
  chmod 0640 "$ETC/env.new"
  [ "$LIVE" = 1 ] && chown root:spotter "$ETC/env.new"
  mv "$ETC/env.new" "$ETC/env"
  echo "    created from .env.example: put your bot token in it (SPOTTER_TELEGRAM_TOKEN)"
fi

step "systemd units in $UNITS"
mkdir -p "$UNITS"
for unit in spotter.service spotter-backup.service spotter-backup.timer; do
  install -m 0644 "$SRC/deploy/$unit" "$UNITS/$unit"
done
if [ -f "$ROOT/etc/systemd/system/ollama.service" ] || [ -f "$ROOT/lib/systemd/system/ollama.service" ] \
   || [ -f "$ROOT/usr/lib/systemd/system/ollama.service" ]; then
  echo "    Ollama runs on this machine: Spotter starts after it"
  install -d -m 0755 "$UNITS/spotter.service.d"
  install -m 0644 "$SRC/deploy/spotter.service.d/ollama.conf" "$UNITS/spotter.service.d/ollama.conf"
fi

if [ -x "$PREFIX/.venv/bin/python" ]; then
  step "database migrations (before the restart)"
  # shellcheck disable=SC2016
  migrate='set -a; . "$1"; set +a; SPOTTER_DATA_DIR="$2" exec "$3" -m bot migrate'
  if [ "$LIVE" = 1 ]; then
    runuser -u spotter -- bash -c "$migrate" _ "$ETC/env" "$DATA" "$PREFIX/.venv/bin/python"
  else
    (cd "$PREFIX" && bash -c "$migrate" _ "$ETC/env" "$DATA" "$PREFIX/.venv/bin/python")
  fi
fi

if [ "$LIVE" = 1 ]; then
  step "starting the service"
  systemctl daemon-reload
  systemctl enable --now spotter-backup.timer
  systemctl enable spotter.service
  if grep -q '^SPOTTER_TELEGRAM_TOKEN=.\+' "$ETC/env"; then
    systemctl restart spotter.service
    echo "Spotter is running. Logs: journalctl -u spotter -f"
  else
    echo "Not started yet: put the token in $ETC/env, then: sudo systemctl restart spotter"
  fi
  echo "Check: sudo -u spotter $PREFIX/.venv/bin/python -m bot check"
else
  echo "Installed into $ROOT (no service started)."
fi

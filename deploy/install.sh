#!/usr/bin/env bash
# Install or upgrade Spotter as a systemd service on a Raspberry Pi (run as root from a checkout).
#   sudo deploy/install.sh            install/upgrade, then start
# The bot's settings live in /etc/spotter/env (mode 600); the data in /var/lib/spotter.
set -euo pipefail

PREFIX=/opt/spotter
ETC=/etc/spotter
SRC=$(cd "$(dirname "$0")/.." && pwd)

[ "$(id -u)" -eq 0 ] || { echo "run as root (sudo $0)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 (3.11+) is required" >&2; exit 1; }
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "python 3.11 or newer is required" >&2; exit 1; }

id spotter >/dev/null 2>&1 || useradd --system --home-dir /var/lib/spotter --shell /usr/sbin/nologin spotter

mkdir -p "$PREFIX"
# Copy the code only: no .env, no virtualenv, no databases from the checkout.
tar -C "$SRC" --exclude=.git --exclude=.venv --exclude=.env --exclude='*.db*' \
    --exclude=data --exclude=demo-out -cf - . | tar -C "$PREFIX" -xf -
python3 -m venv "$PREFIX/.venv"
"$PREFIX/.venv/bin/python" -m pip install --quiet --upgrade pip
"$PREFIX/.venv/bin/python" -m pip install --quiet "$PREFIX"

install -d -m 0750 -o root -g spotter "$ETC"
if [ ! -f "$ETC/env" ]; then
  install -m 0640 -o root -g spotter "$SRC/.env.example" "$ETC/env"
  echo "Created $ETC/env from .env.example: put your bot token in it, then:"
  echo "  sudo systemctl restart spotter"
fi

install -m 0644 "$SRC/deploy/spotter.service" /etc/systemd/system/spotter.service
install -m 0644 "$SRC/deploy/spotter-backup.service" /etc/systemd/system/spotter-backup.service
install -m 0644 "$SRC/deploy/spotter-backup.timer" /etc/systemd/system/spotter-backup.timer
systemctl daemon-reload
systemctl enable --now spotter-backup.timer
systemctl enable spotter.service
systemctl restart spotter.service
echo "Spotter installed. Logs: journalctl -u spotter -f   Check: sudo -u spotter $PREFIX/.venv/bin/python -m bot check"

#!/usr/bin/env bash
# Remove the Spotter service and its code; settings and data stay unless --purge.
#   sudo deploy/uninstall.sh            stop and remove the service and /opt/spotter
#   sudo deploy/uninstall.sh --purge    also delete /etc/spotter, /var/lib/spotter (the
#                                       database and backups!) and the spotter user
#   deploy/uninstall.sh --root DIR [--purge]   the same below DIR, touching no service
set -euo pipefail

ROOT=""
PURGE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --root) ROOT=$(realpath -m "$2"); shift 2 ;;
    --purge) PURGE=1; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
LIVE=$([ -z "$ROOT" ] && echo 1 || echo 0)
UNITS=$ROOT/etc/systemd/system
step() { echo "==> $*"; }

if [ "$LIVE" = 1 ] && [ "$(id -u)" -ne 0 ]; then
  echo "run as root (sudo $0), or use --root DIR" >&2
  exit 1
fi
if [ "$LIVE" = 1 ]; then
  step "stopping the service"
  systemctl disable --now spotter.service spotter-backup.timer 2>/dev/null || true
fi
step "removing the units and $ROOT/opt/spotter"
rm -rf "$UNITS/spotter.service" "$UNITS/spotter.service.d" "$UNITS/spotter-backup.service" \
  "$UNITS/spotter-backup.timer" "$ROOT/opt/spotter"
[ "$LIVE" = 1 ] && systemctl daemon-reload
if [ "$PURGE" = 1 ]; then
  step "deleting settings and data ($ROOT/etc/spotter, $ROOT/var/lib/spotter)"
  rm -rf "$ROOT/etc/spotter" "$ROOT/var/lib/spotter"
  if [ "$LIVE" = 1 ] && id spotter >/dev/null 2>&1; then userdel spotter; fi
else
  echo "Kept settings in $ROOT/etc/spotter and data in $ROOT/var/lib/spotter (--purge deletes them)."
fi

# gui-keys-lib.sh — what the key-press display tests share (gui-keys.sh,
# gui-retrain-keys.sh), sourced by them after `set -euo pipefail`:
# the test skipped (TAP) without an X display, xdotool or python3; $work,
# a fresh directory removed at exit, where the app of $pid (if any) is
# killed first; the state dir under it; the light style; key KEYS…;
# wait_for_file FILE OLDER: FILE exists and is newer than OLDER (up to 30 s).

if [ -z "${DISPLAY:-}" ]; then
  echo "1..0 # SKIP no X display (run under xvfb-run)"
  exit 0
fi
for tool in xdotool python3; do
  if ! command -v $tool >/dev/null; then
    echo "1..0 # SKIP $tool is not installed"
    exit 0
  fi
done

work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export XDG_STATE_HOME=$work/state
export CLAUSEMARK_STYLE=light

key() {
  xdotool key --delay 120 "$@"
  sleep 0.4
}

wait_for_file() {
  for _ in $(seq 300); do
    [ -e "$1" ] && [ "$1" -nt "$2" ] && return 0
    sleep 0.1
  done
  echo "# timed out waiting for $1" >&2
  return 1
}

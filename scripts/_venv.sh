# Sourced by scripts/*: create .venv and install the project when missing or when setup.cfg changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"
extras="${APISIX_GPT_EXTRAS:-test}"
# One stamp per extras set, so scripts/bench (test,bench) and scripts/test (test) do not undo each other.
stamp="$VENV/.setup-stamp-${extras//,/-}"
want="$(cat "$ROOT/setup.cfg" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setting up .venv (extras: $extras); log in .venv/pip-install.log" >&2
  log="$VENV/pip-install.log"
  { "$VENV/bin/python" -m pip install -q --upgrade pip &&
    "$VENV/bin/python" -m pip install -q -e "$ROOT[$extras]"; } >"$log" 2>&1 ||
    { tail -30 "$log" >&2; echo "pip install failed, see $log" >&2; exit 1; }
  echo "$want" > "$stamp"
fi
export PATH="$VENV/bin:$PATH"
cd "$ROOT"

# Sourced by the scripts: make sure .venv exists with safegraph installed (with EXTRAS).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
extras="${EXTRAS:-}"
if [ ! -x "$venv/bin/python" ]; then
  echo "creating $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade pip
fi
stamp="$venv/.installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ "$root/pyproject.toml" -nt "$stamp" ]; then
  echo "installing safegraph${extras:+[$extras]} into $venv" >&2
  "$venv/bin/python" -m pip install --quiet -e "$root${extras:+[$extras]}"
  touch "$stamp"
fi
export PATH="$venv/bin:$PATH"

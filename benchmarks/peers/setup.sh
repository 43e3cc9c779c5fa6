#!/usr/bin/env bash
# Create benchmarks/.venv with the peer tools (from PyPI, pinned).
# PuLP ships its own CBC binary; PuLP's GLPK_CMD runs /usr/bin/glpsol (Debian's glpk-utils).
# PuLP 4.x needs Python ≥ 3.12, hence 3.3.2 on this machine's Python 3.11.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
py="${PYTHON:-python3}"
if [ ! -x "$here/.venv/bin/python" ]; then
  "$py" -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install -q --disable-pip-version-check \
  pulp==3.3.2 highspy==1.15.1 numpy==2.4.6 pyyaml==6.0.3
command -v glpsol >/dev/null || echo "warning: glpsol not found (apt-get install glpk-utils); pulp-glpk and glpsol runs will fail" >&2
"$here/.venv/bin/python" - <<'PY'
import pulp, highspy, yaml, numpy
from importlib.metadata import version
print("peers venv ready: pulp", pulp.__version__, "| highspy", version("highspy"),
      "| numpy", numpy.__version__, "| pyyaml", yaml.__version__,
      "| solvers", pulp.listSolvers(onlyAvailable=True))
PY

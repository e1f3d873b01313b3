#!/usr/bin/env bash
# npm run notebooks — execute every notebook headless with the tslab kernel,
# fail on any cell error (type errors included), then run `qmk lint` over them.
#
#   bash notebooks/run.sh [name-filter…]      e.g. bash notebooks/run.sh 03 05
# Environment:
#   NOTEBOOKS_OUT=dir   where executed copies (*.ipynb) and logs go (default: a fresh temp dir, printed)
#   NOTEBOOKS_JOBS=n    notebooks executed in parallel (default 2)
#   SKIP_BUILD=1        do not rebuild dist/ (kernel + dsl, what the notebooks import)
#   SKIP_LINT=1         do not run the lint afterwards
#   NOTEBOOKS_KERNEL=deno   execute with Deno's Jupyter kernel instead of tslab (kernelspec written to .jupyter/)
# Exit: 0 ok, 1 a notebook or the lint failed, 2 jupyter is missing.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export JUPYTER_PATH="$ROOT/.jupyter/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export NO_COLOR=1
OUT="${NOTEBOOKS_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/qmk-notebooks.XXXXXX")}"
mkdir -p "$OUT"

if ! command -v jupyter-nbconvert >/dev/null 2>&1; then
  echo "notebooks: jupyter-nbconvert not found." >&2
  echo "  Debian/Ubuntu: apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client python3-ipykernel" >&2
  exit 2
fi

# 1. the tslab kernelspec, project-local (.jupyter/ is git-ignored)
if [ ! -f "$ROOT/.jupyter/share/jupyter/kernels/tslab/kernel.json" ]; then
  echo "notebooks: installing the tslab kernelspec into .jupyter/"
  PY="$(command -v /usr/bin/python3 || command -v python3)"
  npx --no-install tslab install --python "$PY" --binary "$ROOT/node_modules/.bin/tslab" --prefix "$ROOT/.jupyter" >/dev/null || {
    echo "notebooks: tslab install failed" >&2; exit 1; }
fi

KERNEL="${NOTEBOOKS_KERNEL:-tslab}"
if [ "$KERNEL" = deno ] && [ ! -f "$ROOT/.jupyter/share/jupyter/kernels/deno/kernel.json" ]; then
  # `deno jupyter --install` writes to the user's Jupyter dir; write the same spec project-locally instead
  mkdir -p "$ROOT/.jupyter/share/jupyter/kernels/deno"
  printf '{"argv": ["%s", "jupyter", "--kernel", "--conn", "{connection_file}"], "display_name": "Deno", "language": "typescript", "env": {"NO_COLOR": "1"}}\n' \
    "$ROOT/node_modules/.bin/deno" >"$ROOT/.jupyter/share/jupyter/kernels/deno/kernel.json"
fi
export KERNEL

# 2. build what tslab imports: dist/kernel, dist/dsl (incl. dsl/display)
if [ -z "${SKIP_BUILD:-}" ]; then
  t0=$(date +%s)
  # A type error in the kernel or the DSL is a failure here too, not something to run past.
  npx --no-install tsc -p test/notebooks/tsconfig.build.json || { echo "notebooks: build failed (type errors above)" >&2; exit 1; }
  [ -f dist/dsl/index.js ] && [ -f dist/dsl/display/index.js ] && [ -f dist/kernel/index.js ] || { echo "notebooks: build produced no dist/" >&2; exit 1; }
  echo "notebooks: built dist/ in $(( $(date +%s) - t0 ))s"
fi

# 3. execute
mapfile -t ALL < <(ls notebooks/*.ipynb | sort)
NBS=()
if [ $# -gt 0 ]; then
  for nb in "${ALL[@]}"; do for f in "$@"; do [[ "$nb" == *"$f"* ]] && { NBS+=("$nb"); break; }; done; done
else
  NBS=("${ALL[@]}")
fi
[ ${#NBS[@]} -gt 0 ] || { echo "notebooks: nothing matches $*" >&2; exit 1; }

run_one() {
  local nb="$1" out="$2" name t0 rc
  name="$(basename "$nb" .ipynb)"
  t0=$(date +%s%N)
  # startup_timeout: tslab type-checks its prelude on start, slow on a loaded 2-core machine.
  # A kernel that never came up (not a cell error) gets one more try.
  local attempt
  for attempt in 1 2; do
    jupyter nbconvert --to notebook --execute \
      --ExecutePreprocessor.kernel_name="$KERNEL" --ExecutePreprocessor.timeout=180 \
      --ExecutePreprocessor.startup_timeout=300 \
      --output-dir "$out" "$nb" >"$out/$name.log" 2>&1
    rc=$?
    [ $rc -ne 0 ] && grep -q "Kernel didn't respond" "$out/$name.log" || break
    echo "  retry $name (the kernel did not start)"
  done
  printf '%s %s %d\n' "$name" "$([ $rc -eq 0 ] && echo ok || echo FAIL)" $(( ($(date +%s%N) - t0) / 1000000 )) >"$out/$name.status"
  if [ $rc -eq 0 ]; then echo "  ok    $name ($(( ($(date +%s%N) - t0) / 1000000 )) ms)"; else echo "  FAIL  $name — $out/$name.log"; fi
  return $rc
}
export -f run_one
echo "notebooks: executing ${#NBS[@]} notebook(s) with $KERNEL → $OUT"
t0=$(date +%s)
printf '%s\n' "${NBS[@]}" | xargs -P "${NOTEBOOKS_JOBS:-2}" -I{} bash -c 'run_one "$1" "$2"' _ {} "$OUT"
EXEC_RC=$?
echo "notebooks: executed in $(( $(date +%s) - t0 ))s"
if [ $EXEC_RC -ne 0 ]; then
  for f in "$OUT"/*.status; do
    read -r name status _ <"$f"
    if [ "$status" = FAIL ]; then
      echo "---- $name ----" >&2
      grep -v '^\s*$' "$OUT/$name.log" | sed -n '/CellExecutionError\|An error occurred/,$p' | head -40 >&2
    fi
  done
fi

# 4. lint (qmk lint reads .ipynb cells)
LINT_RC=0
if [ -z "${SKIP_LINT:-}" ]; then
  echo "notebooks: qmk lint notebooks"
  npx --no-install tsx kernel/cli/main.ts lint notebooks || LINT_RC=$?
fi

[ $EXEC_RC -eq 0 ] && [ $LINT_RC -eq 0 ] && { echo "notebooks: all ok — executed copies in $OUT"; exit 0; }
[ $EXEC_RC -ne 0 ] && echo "notebooks: some notebooks failed" >&2
[ $LINT_RC -ne 0 ] && echo "notebooks: lint failed (exit $LINT_RC)" >&2
exit 1

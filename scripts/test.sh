#!/usr/bin/env bash
# Runs every test: the model's Python tests (when models/tests exists), then `mvn verify` over both modules
# (metrics: unit tests; worker: unit tests, @QuarkusTest integration tests and failsafe ITs; the test harness
# starts Kafka, PostgreSQL and the object store itself). Extra arguments go to Maven, e.g. scripts/test.sh -Dtest=LocalServicesTest.
# Runs scripts/install-deps.sh first on a machine where PostgreSQL or the model's venv is missing.
# Ends with one line summing up all runners: "tests: N passed, N failed, N skipped".
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
start=$SECONDS
# on a machine that has never been set up, set it up first (install-deps is idempotent, but not free)
pg_bins=(/usr/lib/postgresql/*/bin)
if [ ! -d "${pg_bins[0]}" ] || { [ -f models/requirements.txt ] && [ ! -x models/.venv/bin/python ]; } \
  || { [ -f scripts/fuzz/requirements.txt ] && [ ! -x scripts/fuzz/.venv/bin/schemathesis ]; }; then
  echo "== First run on this machine: scripts/install-deps.sh"
  bash scripts/install-deps.sh || exit 1
fi

# pytest's report goes to the top-level target/, Maven's to each module's (metrics/target, worker/target)
REPORTS=$ROOT/target
MODULES=()
for pom in "$ROOT"/*/pom.xml; do MODULES+=("$(dirname "$pom")"); done
# reports of an earlier run would otherwise count in the closing line
rm -rf "$REPORTS/pytest-report.xml"
for module in "${MODULES[@]}"; do rm -rf "$module/target/surefire-reports" "$module/target/failsafe-reports"; done
mkdir -p "$REPORTS"
py_rc=0

if [ -d models/tests ]; then
  PYTHON=models/.venv/bin/python
  [ -x "$PYTHON" ] || PYTHON=/usr/bin/python3
  echo "== Python model tests ($PYTHON -m pytest models/tests)"
  "$PYTHON" -m pytest models/tests -q -p no:cacheprovider --junitxml="$REPORTS/pytest-report.xml"
  py_rc=$?
  # exit code 5 means pytest collected nothing: not a failure of this script, the summary shows 0
  [ "$py_rc" = 5 ] && py_rc=0
fi

echo "== Java tests (mvn -B verify)"
mvn -B -ntp verify "$@"
mvn_rc=$?

echo "== test.sh finished in $((SECONDS - start)) s (pytest exit $py_rc, maven exit $mvn_rc)"
# one closing line over every report, so the result reads at a glance
python3 - "$REPORTS" "${MODULES[@]}" <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
files = glob.glob(os.path.join(sys.argv[1], "pytest-report.xml"))
for module in sys.argv[2:]:
    for runner in ("surefire-reports", "failsafe-reports"):
        files += glob.glob(os.path.join(module, "target", runner, "TEST-*.xml"))
total = failed = skipped = 0
for f in files:
    try:
        tree = ET.parse(f).getroot()
    except ET.ParseError:
        continue
    suites = [tree] if tree.tag == "testsuite" else tree.findall("testsuite")
    for s in suites:
        total += int(s.get("tests", 0))
        failed += int(s.get("failures", 0)) + int(s.get("errors", 0))
        skipped += int(s.get("skipped", 0))
print(f"tests: {total - failed - skipped} passed, {failed} failed, {skipped} skipped")
PY
[ "$py_rc" = 0 ] && [ "$mvn_rc" = 0 ]

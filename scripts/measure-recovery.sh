#!/usr/bin/env bash
# Measures crash recovery with the shipped settings: CrashRecoveryIT starts two packaged workers on the real
# services (started by the test), kills one with SIGKILL while it runs a job and has another request queued
# behind it, and times from the kill until the other worker has finished the queued job and the taken-over
# one. Usage: scripts/measure-recovery.sh [ROUNDS] (default 3 kills); extra arguments go to Maven.
# Prints one line per round; they are also in worker/target/crash-recovery.txt.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
rounds=${1:-3}
shift || true
rm -f worker/target/crash-recovery.txt
mvn -B -ntp verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CrashRecoveryIT \
  -Dfusion.recovery.rounds="$rounds" "$@"
cat worker/target/crash-recovery.txt

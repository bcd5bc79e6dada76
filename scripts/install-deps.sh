#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian 12 machine that reaches only the package registries.
# Idempotent: a second run checks, finds everything there, and takes seconds.
#   - Debian packages: PostgreSQL server, Python with Debian's torch/onnx for the model tests, curl, ...
#   - the services' tools: Kafka's classpath from Maven, MinIO built from source with Go (or S3Proxy)
#   - Maven dependencies of the build, resolved ahead of the tests
#   - the model's Python venv (models/.venv) on top of Debian's site packages
#   - schemathesis for the REST fuzzing test, in its own venv (scripts/fuzz/.venv)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf '[install-deps] %s\n' "$*" >&2; }
# shellcheck source-path=SCRIPTDIR source=lib/apt.sh
. "$ROOT/scripts/lib/apt.sh"
start=$SECONDS

# ------------------------------------------------------------------------------------------------- apt
APT_PACKAGES=(
  postgresql                       # the real database for tests and the demo (a throwaway cluster)
  curl                             # S3 calls of the demo (SigV4 signing needs curl >= 7.75)
  openssl                          # key pairs and bearer tokens of the demo and tests (scripts/mint-token.sh)
  python3-venv python3-pytest      # the model's venv and tests
  python3-torch python3-onnx       # Debian's CPU torch and onnx, importable from /usr/bin/python3 only
  python3-numpy python3-pil python3-matplotlib
  libopenblas0-pthread             # BLAS for torch/numpy on Debian
)
command -v java >/dev/null 2>&1 || APT_PACKAGES+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || APT_PACKAGES+=(maven)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # waits while another apt or dpkg run holds the lock (e.g. unattended-upgrades on a fresh machine)
  apt_get update -q >/dev/null
  apt_get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages present"
fi

# ------------------------------------------------------------------------ Kafka classpath, MinIO/S3Proxy
bash "$ROOT/scripts/services.sh" prepare --dir "${FUSION_SERVICES_DIR:-$ROOT/.services}"

# ------------------------------------------------------------------------------------------------ Maven
# resolves what the build and tests use; a failure here is not fatal because `mvn verify` resolves again.
# compile first: the worker depends on the metrics module, which Maven finds in the reactor only once compiled
log "resolving Maven dependencies"
if ! mvn -B -q -ntp compile dependency:resolve -DincludeScope=test >"${TMPDIR:-/tmp}/install-deps-mvn.log" 2>&1; then
  log "warning: mvn dependency:resolve failed (the build will retry); last lines:"
  tail -5 "${TMPDIR:-/tmp}/install-deps-mvn.log" >&2
fi

# ------------------------------------------------------------------------------------------ Python venv
if [ -f models/requirements.txt ]; then
  # Debian's torch/onnx import only from /usr/bin/python3, so the venv is built on it with its site packages
  if [ ! -x models/.venv/bin/python ]; then
    log "creating models/.venv"
    /usr/bin/python3 -m venv --system-site-packages models/.venv
  fi
  log "installing models/requirements.txt into models/.venv"
  models/.venv/bin/pip install -q --disable-pip-version-check -r models/requirements.txt
fi

# schemathesis 4 needs pytest 9 and a newer hypothesis than Debian's, which would replace those in models/.venv
# under the model's tests; its own venv, without the system site packages, keeps the two apart
if [ -f scripts/fuzz/requirements.txt ]; then
  if [ ! -x scripts/fuzz/.venv/bin/python ]; then
    log "creating scripts/fuzz/.venv"
    /usr/bin/python3 -m venv scripts/fuzz/.venv
  fi
  log "installing scripts/fuzz/requirements.txt into scripts/fuzz/.venv"
  scripts/fuzz/.venv/bin/pip install -q --disable-pip-version-check -r scripts/fuzz/requirements.txt
fi

log "done in $((SECONDS - start)) s"

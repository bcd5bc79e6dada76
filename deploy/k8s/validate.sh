#!/usr/bin/env bash
# Renders every overlay with kustomize (built once from the Go module proxy, pinned) to catch broken YAML,
# patches that no longer apply, and references to files that moved.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
KUSTOMIZE_VERSION=v5.6.0
bin=${FUSION_CACHE_DIR:-$HOME/.cache/imagefusion}/kustomize/$KUSTOMIZE_VERSION
if [ ! -x "$bin/kustomize" ]; then
  echo "building kustomize $KUSTOMIZE_VERSION (once, about a minute)" >&2
  GOBIN=$bin GOFLAGS=-buildvcs=false GOTOOLCHAIN=local go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
fi
# the dev overlay's token key is made per checkout, never committed
[ -f overlays/dev/jwt-public.pem ] || bash ../../scripts/mint-token.sh --new-key-pair overlays/dev >/dev/null
for overlay in overlays/*/; do
  out=$("$bin/kustomize" build "$overlay")
  echo "$overlay: $(grep -c '^kind:' <<<"$out") objects ($(grep '^kind:' <<<"$out" | sort | uniq -c | awk '{print $3}' | paste -sd, -))"
done

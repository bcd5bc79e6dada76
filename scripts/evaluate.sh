#!/usr/bin/env bash
# Evaluates folders of fused images against their sources (usage: docs/metrics.md, or --help).
# Compiles the project first when the metrics or evaluation sources are newer than the compiled command.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${FUSION_BUILD_DIR:-target}"
[[ "$build_dir" = /* ]] || build_dir="$root/$build_dir"
classes="$build_dir/classes"
main_class="$classes/io/imagefusion/evaluation/EvaluateCommand.class"
if [[ ! -f "$main_class" ]] || [[ -n "$(find "$root/src/main/java/io/imagefusion/quality" \
        "$root/src/main/java/io/imagefusion/evaluation" -newer "$main_class" -print -quit)" ]]; then
  (cd "$root" && mvn -q -o compile "-Dfusion.build.dir=$build_dir") >&2
fi
exec java -cp "$classes" io.imagefusion.evaluation.EvaluateCommand "$@"

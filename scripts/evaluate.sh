#!/usr/bin/env bash
# Evaluates folders of fused images against their sources (usage: docs/metrics.md, or --help).
# Compiles the metrics module (plain Java, nothing else on the class path) first when its sources are newer
# than the compiled command. FUSION_BUILD_DIR: that module's build directory (default metrics/target).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${FUSION_BUILD_DIR:-metrics/target}"
[[ "$build_dir" = /* ]] || build_dir="$root/$build_dir"
classes="$build_dir/classes"
main_class="$classes/io/imagefusion/evaluation/EvaluateCommand.class"
if [[ ! -f "$main_class" ]] || [[ -n "$(find "$root/metrics/src/main/java" "$root/metrics/pom.xml" \
        -newer "$main_class" -print -quit)" ]]; then
  (cd "$root" && mvn -q -o -pl metrics compile "-Dfusion.build.dir=$build_dir") >&2
fi
exec java -cp "$classes" io.imagefusion.evaluation.EvaluateCommand "$@"

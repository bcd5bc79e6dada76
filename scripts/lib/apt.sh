# shellcheck shell=bash
# apt_get ARGS...: apt-get that waits while another apt or dpkg run (unattended-upgrades, a second
# install-deps) holds the package system's locks, instead of failing at once:
#   - dpkg's frontend lock (install, remove, check): apt's own DPkg::Lock::Timeout;
#   - the package lists' lock (update): apt 2.6 does not wait for it under that option, so the command is run
#     again every 5 s while its error names a lock.
# Waits up to FUSION_APT_LOCK_TIMEOUT seconds (default 600). Runs apt-get through sudo unless root.

apt_get() {
  local timeout=${FUSION_APT_LOCK_TIMEOUT:-600} deadline err rc sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  deadline=$((SECONDS + timeout))
  err=$(mktemp)
  while :; do
    rc=0
    $sudo apt-get -o DPkg::Lock::Timeout="$timeout" "$@" 2>"$err" || rc=$?
    if [ "$rc" != 0 ] && grep -q 'Could not get lock' "$err" && [ "$SECONDS" -lt "$deadline" ]; then
      printf '[apt] another process holds the package lock (%s); waiting\n' "$(grep -m1 -o 'held by process.*' "$err")" >&2
      sleep 5
      continue
    fi
    cat "$err" >&2
    rm -f "$err"
    return "$rc"
  done
}

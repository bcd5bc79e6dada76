#!/usr/bin/env bash
# Mints a bearer token for the worker's REST API: an RS256 JWT signed with a private key, with openssl only.
# For the demo, the benchmark and manual calls; in production tokens come from the identity provider.
#
#   scripts/mint-token.sh --key PRIVATE.pem [--issuer ISS] [--roles fusion-submit,fusion-read]
#                         [--subject NAME] [--ttl SECONDS]
#   scripts/mint-token.sh --new-key-pair DIR     writes DIR/jwt-private.pem (owner-only) and DIR/jwt-public.pem
#
# The worker verifies it with mp.jwt.verify.publickey.location=<the public key> and
# mp.jwt.verify.issuer=<ISS> (default issuer here: fusion-local); roles go into the groups claim.
set -euo pipefail

key="" issuer=fusion-local roles=fusion-submit,fusion-read subject=fusion-cli ttl=3600 new_pair=""
while [ $# -gt 0 ]; do
  case "$1" in
    --key) key=$2; shift 2 ;;
    --issuer) issuer=$2; shift 2 ;;
    --roles) roles=$2; shift 2 ;;
    --subject) subject=$2; shift 2 ;;
    --ttl) ttl=$2; shift 2 ;;
    --new-key-pair) new_pair=$2; shift 2 ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ -n "$new_pair" ]; then
  mkdir -p "$new_pair"
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$new_pair/jwt-private.pem" 2>/dev/null)
  openssl pkey -in "$new_pair/jwt-private.pem" -pubout -out "$new_pair/jwt-public.pem"
  echo "$new_pair/jwt-public.pem"
  exit 0
fi
[ -n "$key" ] || { echo "--key PRIVATE.pem is required (see --help)" >&2; exit 2; }
case "$ttl" in '' | *[!0-9]*) echo "--ttl must be a number of seconds" >&2; exit 2 ;; esac

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

groups=""
IFS=',' read -r -a role_list <<<"$roles"
for role in "${role_list[@]}"; do
  [ -n "$role" ] && groups+="${groups:+,}$(json_string "$role")"
done
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
claims=$(printf '{"iss":%s,"sub":%s,"upn":%s,"groups":[%s],"iat":%d,"exp":%d,"jti":"%s"}' \
  "$(json_string "$issuer")" "$(json_string "$subject")" "$(json_string "$subject")" "$groups" \
  "$now" "$((now + ttl))" "$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$claims" "$signature"

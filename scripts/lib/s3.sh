# S3 calls with curl's built-in SigV4 signing (curl >= 7.75; Debian 12 has 7.88), for the scripts only.
# Source it and set S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY (and S3_REGION, default us-east-1).
# The payload hash is always sent: S3Proxy rejects requests whose x-amz-content-sha256 curl leaves out.

EMPTY_SHA256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855

# s3_curl SHA256 ARGS...: one signed request; prints the HTTP status code, the body goes where ARGS say
s3_curl() {
  local sha=$1
  shift
  curl -s -w '%{http_code}' --aws-sigv4 "aws:amz:${S3_REGION:-us-east-1}:s3" \
    --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" -H "x-amz-content-sha256: $sha" "$@"
}

# s3_make_bucket BUCKET: creates it unless it exists; fails on any other answer
s3_make_bucket() {
  local code
  code=$(s3_curl "$EMPTY_SHA256" -o /dev/null -X PUT "$S3_ENDPOINT/$1") || true
  [[ "$code" == 200 || "$code" == 409 ]]
}

# s3_put_file BUCKET KEY FILE
s3_put_file() {
  local sha code
  sha=$(sha256sum "$3" | cut -d' ' -f1)
  code=$(s3_curl "$sha" -o /dev/null -T "$3" "$S3_ENDPOINT/$1/$2") || true
  [ "$code" = 200 ] || { echo "PUT s3://$1/$2 answered HTTP $code" >&2; return 1; }
}

# s3_get_file BUCKET KEY FILE
s3_get_file() {
  local code
  code=$(s3_curl "$EMPTY_SHA256" -o "$3" "$S3_ENDPOINT/$1/$2") || true
  [ "$code" = 200 ] || { echo "GET s3://$1/$2 answered HTTP $code" >&2; rm -f "$3"; return 1; }
}

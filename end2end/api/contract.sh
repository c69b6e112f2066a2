# The API contract run, sourced by `./x test` (it uses x's helpers: say,
# die, free_port, wait_ready, stop_server, PASSED/FAILED/FAILURES).
#
# Schemathesis (pinned, from PyPI, in a virtual environment under target/)
# generates requests from /api/v1/openapi.json against a debug server with
# demo data on a fresh SQLite database, as a person's API key, a supplier's
# key and four people's sessions (see schemathesis.toml), and checks every
# answer against the document: no 5xx, only documented statuses, content
# types and body schemas, invalid input refused, no answer without
# credentials. A fixed seed: a failure is the same failure on the next run.
# `SCHEMATHESIS_EXAMPLES` sets the examples per operation (default 60).

SCHEMATHESIS_VERSION="4.32.5"
SCHEMATHESIS_VENV="$ROOT/target/schemathesis"
CONTRACT_CHECKS="not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection,ignored_auth"

ensure_schemathesis() {
  if [ "$("$SCHEMATHESIS_VENV/bin/schemathesis" --version 2>/dev/null | awk '{print $NF}')" = "$SCHEMATHESIS_VERSION" ]; then
    return 0
  fi
  say "installing Schemathesis $SCHEMATHESIS_VERSION (the API contract run) into target/schemathesis"
  rm -rf "$SCHEMATHESIS_VENV"
  if ! python3 -m venv "$SCHEMATHESIS_VENV" >/dev/null 2>&1; then
    rm -rf "$SCHEMATHESIS_VENV"
    apt_install python3-venv
    python3 -m venv "$SCHEMATHESIS_VENV"
  fi
  "$SCHEMATHESIS_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
}

# contract_as PORT NAME PATHS SCHEME SECRET: one Schemathesis run as one
# caller on the operations whose path matches PATHS, counted as one check.
# SCHEME is the document's security scheme the caller's SECRET is for
# (`bearer`, `supplier` or `session`), so that Schemathesis knows it as the
# credentials (and leaves it out for the authentication checks).
contract_as() {
  local port="$1" name="$2" paths="$3" scheme="$4" secret="$5" rc config
  CONTRACT_PATHS+=("$paths")
  config="$ROOT/target/contract/$scheme-${#CONTRACT_PATHS[@]}.toml"
  cp "$ROOT/end2end/api/schemathesis.toml" "$config"
  if [ "$scheme" = session ]; then
    printf '\n[auth.openapi.session]\napi_key = "%s"\n' "$secret" >>"$config"
  else
    printf '\n[auth.openapi.%s]\nbearer = "%s"\n' "$scheme" "$secret" >>"$config"
  fi
  say "API contract as the $name (Schemathesis $SCHEMATHESIS_VERSION): $paths"
  set +e
  (
    cd "$ROOT/target/contract" &&
      "$SCHEMATHESIS_VENV/bin/schemathesis" --config-file "$config" \
        run "$ROOT/target/contract/openapi.json" --url "http://127.0.0.1:$port" \
        --include-path-regex "$paths" \
        --header "Origin: http://127.0.0.1:$port" \
        --checks "$CONTRACT_CHECKS" \
        --max-examples "${SCHEMATHESIS_EXAMPLES:-60}" \
        --no-color
  )
  rc=$?
  set -e
  if [ "$rc" = 0 ]; then
    PASSED=$((PASSED + 1))
  else
    FAILED=$((FAILED + 1)); FAILURES+=("API contract as the $name (server log: target/contract/server.log)")
  fi
}

CONTRACT_PATHS=()

run_contract() {
  local port="${AVROP_CONTRACT_PORT:-3211}" dir="$ROOT/target/contract"
  free_port "$port"
  rm -rf "$dir" && mkdir -p "$dir"
  say "starting the debug server for the API contract run on 127.0.0.1:$port (fresh SQLite database)"
  env -u AVROP_CONTRACT_PORT -u AVROP_E2E_PORT LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME="$OUTPUT_NAME" \
    AVROP_LISTEN="127.0.0.1:$port" AVROP_PUBLIC_URL="http://127.0.0.1:$port" \
    DATABASE_URL="sqlite://$dir/avrop.db?mode=rwc" RUST_LOG=warn AVROP_SEED_DEMO=true \
    target/debug/server serve >"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  wait_ready "http://127.0.0.1:$port" "$SERVER_PID"
  local creds var value
  creds="$(python3 end2end/api/credentials.py "http://127.0.0.1:$port")" || die "could not mint the contract run's credentials"
  declare -A cred=()
  while IFS='=' read -r var value; do cred[$var]="$value"; done <<<"$creds"
  curl -fsS "http://127.0.0.1:$port/api/v1/openapi.json" -o "$dir/openapi.json"
  # Each caller on the operations it may use.
  contract_as "$port" "API key (administrator)" \
    '^/api/v1/(me|org/|catalog/items|orders$|orders/\{id\}(/cancel)?$|notifications|audit|statistics/|attest/rights)' \
    bearer "${cred[AVROP_TOKEN]}"
  contract_as "$port" "supplier key" '^/api/v1/supplier/' supplier "${cred[AVROP_SUPPLIER_KEY]}"
  contract_as "$port" "attester's session" '^/api/v1/(attest/pending|orders/\{id\}/decision)$' \
    session "${cred[AVROP_SESSION_ATTEST]}"
  contract_as "$port" "catalogue manager's session" '^/api/v1/catalog/import$' \
    session "${cred[AVROP_SESSION_CATALOG]}"
  contract_as "$port" "förvaltningsledare's session" '^/api/v1/(plans|portfolio|objects)(/|$)' \
    session "${cred[AVROP_SESSION_PLANS]}"
  contract_as "$port" "asset manager's session" '^/api/v1/(assets|charging)' \
    session "${cred[AVROP_SESSION_ASSETS]}"
  check "API contract: every operation in the document was called" \
    python3 - "$dir/openapi.json" "${CONTRACT_PATHS[@]}" <<'PY'
import json, re, sys
doc = json.load(open(sys.argv[1]))
missed = [p for p in doc["paths"] if not any(re.search(r, p) for r in sys.argv[2:])]
for p in missed:
    print(f"no contract run calls {p}: add it to a caller in end2end/api/contract.sh")
sys.exit(1 if missed else 0)
PY
  stop_server
}

# Firedrill test bed: the real Chaos Mesh controller-manager. Sourced by
# testbed.sh (uses its log, die, need_go, timed, start_proc, wait_until, ...).
#
# Built from github.com/chaos-mesh/chaos-mesh through the Go module proxy. The
# module keeps its API types in a nested module (github.com/chaos-mesh/chaos-mesh/api,
# required through `replace => ./api`, so absent from the module zip), and the
# proxy serves that nested module only at a few commits: not at the commit
# whose CRDs the bed installs ($CHAOS_MESH_VERSION, 403 "This module version
# is not available"), but at 4bc7ef589c13 (2022-08-12), where the main module
# is served too. The controller is built at that commit, with its api module
# at the same commit. See README "Chaos Mesh".

CHAOS_MESH_CONTROLLER_COMMIT=20220812140450-4bc7ef589c13
CHAOS_MESH_CONTROLLER_VERSION="v0.9.1-0.$CHAOS_MESH_CONTROLLER_COMMIT"
CHAOS_MESH_API_VERSION="v0.0.0-$CHAOS_MESH_CONTROLLER_COMMIT"
CHAOS_MESH="${TESTBED_CHAOS_MESH:-1}" # 0: no controller (Chaos Mesh objects then get no status; see README "Chaos Mesh controller")
CHAOS_MESH_METRICS_PORT="${TESTBED_CHAOS_MESH_METRICS_PORT:-$((KWOK_PORT + 5))}"
CHAOS_MESH_WEBHOOK_PORT="${TESTBED_CHAOS_MESH_WEBHOOK_PORT:-$((KWOK_PORT + 6))}"
CHAOS_MESH_DIR="$CACHE_ROOT/chaos-mesh-$CHAOS_MESH_CONTROLLER_VERSION"
CHAOS_MESH_BIN="$CHAOS_MESH_DIR/chaos-controller-manager"

chaos_mesh_enabled() { [[ "$CHAOS_MESH" != 0 ]]; }

build_chaos_mesh() {
  chaos_mesh_enabled || return 0
  [[ -x "$CHAOS_MESH_BIN" ]] && return 0
  need_go
  mkdir -p "$CHAOS_MESH_DIR"
  log "building the Chaos Mesh controller-manager ($CHAOS_MESH_CONTROLLER_VERSION) from its Go module; log: $CHAOS_MESH_DIR/build.log"
  local src tmp
  src="$(mod_dir "github.com/chaos-mesh/chaos-mesh@$CHAOS_MESH_CONTROLLER_VERSION")"
  tmp="$(mktemp -d)"
  cp -r "$src" "$tmp/src" && chmod -R u+w "$tmp/src"
  # the nested api module from the proxy instead of the zip's missing ./api;
  # the checksum database has no entry for it, so it is exempted by name
  if ! (cd "$tmp/src" \
        && go mod edit -replace "github.com/chaos-mesh/chaos-mesh/api=github.com/chaos-mesh/chaos-mesh/api@$CHAOS_MESH_API_VERSION" \
        && GONOSUMDB=github.com/chaos-mesh/chaos-mesh/api GOFLAGS=-mod=mod timed "$CHAOS_MESH_DIR/build-stats.txt" \
           go build -p 2 -trimpath -ldflags "-s -w" -o "$CHAOS_MESH_BIN.tmp" ./cmd/chaos-controller-manager) > "$CHAOS_MESH_DIR/build.log" 2>&1; then
    tail -30 "$CHAOS_MESH_DIR/build.log" >&2; rm -rf "$tmp"
    die "building the Chaos Mesh controller-manager failed (log: $CHAOS_MESH_DIR/build.log)"
  fi
  rm -rf "$tmp"
  mv "$CHAOS_MESH_BIN.tmp" "$CHAOS_MESH_BIN"
}

chaos_mesh_up() {
  chaos_mesh_enabled || return 0
  mkdir -p "$STATE/chaos-mesh-certs"
  # controller-runtime's webhook server reads tls.crt/tls.key from CERTS_DIR
  cp "$PKI/chaos-mesh-webhook.crt" "$STATE/chaos-mesh-certs/tls.crt"
  cp "$PKI/chaos-mesh-webhook.key" "$STATE/chaos-mesh-certs/tls.key"
  log "starting the Chaos Mesh controller-manager (metrics on $HOST:$CHAOS_MESH_METRICS_PORT)"
  start_proc chaos-mesh env KUBECONFIG="$PKI/chaos-mesh.kubeconfig" \
    NAMESPACE=chaos-mesh \
    METRICS_HOST="$HOST" METRICS_PORT="$CHAOS_MESH_METRICS_PORT" \
    WEBHOOK_HOST="$HOST" WEBHOOK_PORT="$CHAOS_MESH_WEBHOOK_PORT" CERTS_DIR="$STATE/chaos-mesh-certs" \
    ENABLE_LEADER_ELECTION=false PPROF_ADDR=0 \
    TEMPLATE_NAMESPACE=chaos-mesh TEMPLATE_LABELS=app.kubernetes.io/component:template \
    CONFIGMAP_LABELS=app.kubernetes.io/component:webhook \
    CHAOS_MESH_CA_CERT="$PKI/ca.crt" CHAOS_DAEMON_CLIENT_CERT="$PKI/chaos-mesh.crt" CHAOS_DAEMON_CLIENT_KEY="$PKI/chaos-mesh.key" \
    CHAOSD_CA_CERT="$PKI/ca.crt" CHAOSD_CLIENT_CERT="$PKI/chaos-mesh.crt" CHAOSD_CLIENT_KEY="$PKI/chaos-mesh.key" \
    POD_FAILURE_PAUSE_IMAGE="$IMG_PAUSE" \
    "$CHAOS_MESH_BIN"
  wait_until 60 "the Chaos Mesh controller's metrics" chaos-mesh http_ok "http://$HOST:$CHAOS_MESH_METRICS_PORT/metrics"
}

#!/usr/bin/env bash
# Firedrill test bed: a real Kubernetes control plane (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler built from k8s.io/kubernetes), KWOK
# fake nodes, the Chaos Mesh / Istio / LitmusChaos CRDs, Debian's Prometheus
# and the "checkout" demo service with its load generator. Loopback only.
#
# usage: bash e2e/testbed/testbed.sh up [--scale] | down | status | test | build | env
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# the Go toolchain's usual home, for shells (CI) whose PATH lacks it
command -v go >/dev/null 2>&1 || PATH="$PATH:/usr/local/go/bin"

# ---- pinned versions -------------------------------------------------------
K8S_VERSION=v1.36.3
KWOK_VERSION=v0.8.0
ISTIO_API_VERSION=v1.31.1
# Chaos Mesh has no /v2 module path and LitmusChaos tags lack the "v" prefix:
# both are fetched at commit pseudo-versions through the Go module proxy.
CHAOS_MESH_VERSION=v0.9.1-0.20260902003049-47411975a8cb
LITMUS_VERSION=v0.0.0-20230718113617-6819a4be12e4

# ---- locations and ports (all overridable) ---------------------------------
STATE="${TESTBED_STATE:-$HERE/.state}"
CACHE_ROOT="${TESTBED_CACHE:-${HOME:-/root}/.cache/firedrill-testbed}"
ETCD_PORT="${TESTBED_ETCD_PORT:-12379}"
ETCD_PEER_PORT="${TESTBED_ETCD_PEER_PORT:-12380}"
APISERVER_PORT="${TESTBED_APISERVER_PORT:-16443}"
CM_PORT="${TESTBED_CONTROLLER_MANAGER_PORT:-16257}"
SCHEDULER_PORT="${TESTBED_SCHEDULER_PORT:-16259}"
KWOK_PORT="${TESTBED_KWOK_PORT:-16247}"
DEMO_PORT="${TESTBED_DEMO_PORT:-18080}"
PROM_PORT="${TESTBED_PROMETHEUS_PORT:-19090}"
NODES="${TESTBED_NODES:-3}"
PODS="${TESTBED_PODS:-0}"
LOAD_RPS="${TESTBED_LOAD_RPS:-20}"
POD_RPS="${TESTBED_POD_RPS:-10}"
SCRAPE_INTERVAL="${TESTBED_SCRAPE_INTERVAL:-1s}"
HOST=127.0.0.1

PKI="$STATE/pki"
LOGS="$STATE/logs"
PIDS="$STATE/pids"
# processes, in start order (stopped in reverse)
PROCS=(etcd apiserver controller-manager scheduler kwok demo-service alertmanager prometheus)

log() { printf '[testbed %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- build cache -------------------------------------------------------------
sha() { sha256sum | cut -c1-16; }

# The testbed binary is keyed by go.sum, the pinned version and the sources
# it is built from, so a change to any of them rebuilds and nothing else does.
bin_key() {
  { cat "$HERE/go.sum" "$HERE/go.mod"; echo "$K8S_VERSION"; cat "$HERE"/cmd/testbed/*.go; } | sha
}
BIN_DIR="$CACHE_ROOT/$(bin_key)"
TESTBED_BIN="$BIN_DIR/testbed"
KWOK_DIR="$CACHE_ROOT/kwok-$KWOK_VERSION"
KWOK_BIN="$KWOK_DIR/kwok"
STAGES_REVISION=2 # bump when the stage/CRD preparation below changes
MANIFEST_DIR="$CACHE_ROOT/manifests-$(echo "$STAGES_REVISION $KWOK_VERSION $ISTIO_API_VERSION $CHAOS_MESH_VERSION $LITMUS_VERSION" | sha)"

# the real node: containerd, kubelet, CNI, images (node.sh)
# shellcheck source=node.sh
source "$HERE/node.sh"
if node_enabled; then
  PROCS=(etcd apiserver containerd kubelet controller-manager scheduler kwok demo-service alertmanager prometheus)
fi
# the Chaos Mesh controller-manager (chaos-mesh.sh)
# shellcheck source=chaos-mesh.sh
source "$HERE/chaos-mesh.sh"
if chaos_mesh_enabled; then PROCS+=(chaos-mesh); fi
# Alertmanager and the demo service's alerting rules (alertmanager.sh)
# shellcheck source=alertmanager.sh
source "$HERE/alertmanager.sh"

need_go() {
  command -v go >/dev/null 2>&1 || die "the test bed is built with Go >= 1.26, which is not installed: get it from https://go.dev/dl/ (into /usr/local/go), then try again"
}

# Tools the bed calls that it does not install itself (Debian's base system has them; minimal images may not).
need_tools() {
  local t pkg
  for t in curl:curl flock:util-linux setsid:util-linux sha256sum:coreutils pgrep:procps ps:procps; do
    command -v "${t%%:*}" >/dev/null 2>&1 && continue
    pkg="${t#*:}"
    die "the test bed needs ${t%%:*}, which is not installed: run apt-get install $pkg, then try again"
  done
}

timed() { # timed STATSFILE cmd... : runs cmd, recording time and peak RSS when /usr/bin/time exists
  local stats="$1"; shift
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v -o "$stats" "$@"
  else
    local t0=$SECONDS; "$@"; echo "Elapsed (wall clock) seconds: $((SECONDS - t0))" > "$stats"
  fi
}

build_testbed() {
  [[ -x "$TESTBED_BIN" ]] && return 0
  need_go
  mkdir -p "$BIN_DIR"
  local ldflags="-s -w"
  ldflags+=" -X k8s.io/component-base/version.gitVersion=$K8S_VERSION"
  ldflags+=" -X k8s.io/component-base/version.gitMajor=$(echo "${K8S_VERSION#v}" | cut -d. -f1)"
  ldflags+=" -X k8s.io/component-base/version.gitMinor=$(echo "${K8S_VERSION#v}" | cut -d. -f2)"
  ldflags+=" -X k8s.io/component-base/version.gitTreeState=clean"
  ldflags+=" -X k8s.io/component-base/version.buildDate=1970-01-01T00:00:00Z"
  log "building testbed binary (kube-apiserver, controller-manager, scheduler, etcd; $K8S_VERSION) into $BIN_DIR"
  log "  a cold build takes several minutes on 2 cores; log: $BIN_DIR/build.log"
  if ! (cd "$HERE" && timed "$BIN_DIR/build-stats.txt" \
        go build -p 2 -trimpath -buildvcs=false -ldflags "$ldflags" -o "$BIN_DIR/testbed.tmp" ./cmd/testbed) > "$BIN_DIR/build.log" 2>&1; then
    cat "$BIN_DIR/build.log" >&2
    die "go build failed"
  fi
  mv "$BIN_DIR/testbed.tmp" "$TESTBED_BIN"
  log "built $("$TESTBED_BIN" version) ($(grep -E 'Elapsed|Maximum resident' "$BIN_DIR/build-stats.txt" | sed 's/^\s*//' | tr '\n' ';'))"
  # keep the three most recent keyed builds
  (cd "$CACHE_ROOT" && ls -1dt -- */ 2>/dev/null | grep -E '^[0-9a-f]{16}/$' | tail -n +4 | xargs -r rm -rf --) || true
}

build_kwok() {
  [[ -x "$KWOK_BIN" ]] && return 0
  need_go
  mkdir -p "$KWOK_DIR"
  log "building kwok $KWOK_VERSION from its own module into $KWOK_DIR"
  local tmp; tmp="$(mktemp -d)"
  if ! (cd "$tmp" && GOBIN="$KWOK_DIR/tmp" timed "$KWOK_DIR/build-stats.txt" \
        go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION") > "$KWOK_DIR/build.log" 2>&1; then
    cat "$KWOK_DIR/build.log" >&2; rm -rf "$tmp"
    die "building kwok failed"
  fi
  rm -rf "$tmp"
  mv "$KWOK_DIR/tmp/kwok" "$KWOK_BIN"
}

mod_dir() { # mod_dir module@version -> directory of the extracted module
  local tmp dir
  tmp="$(mktemp -d)"
  dir="$(cd "$tmp" && go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  rm -rf "$tmp"
  [[ -n "$dir" && -d "$dir" ]] || die "go mod download $1 failed"
  echo "$dir"
}

fetch_manifests() {
  [[ -f "$MANIFEST_DIR/.complete" ]] && return 0
  need_go
  log "fetching CRD manifests and KWOK stages through the Go module proxy"
  rm -rf "$MANIFEST_DIR"; mkdir -p "$MANIFEST_DIR/crds"
  local d
  d="$(mod_dir "github.com/chaos-mesh/chaos-mesh@$CHAOS_MESH_VERSION")"
  cp "$d/manifests/crd.yaml" "$MANIFEST_DIR/crds/10-chaos-mesh.yaml"
  d="$(mod_dir "istio.io/api@$ISTIO_API_VERSION")"
  cp "$d/kubernetes/customresourcedefinitions.gen.yaml" "$MANIFEST_DIR/crds/20-istio.yaml"
  d="$(mod_dir "github.com/litmuschaos/chaos-operator@$LITMUS_VERSION")"
  cp "$d/deploy/chaos_crds.yaml" "$MANIFEST_DIR/crds/30-litmus.yaml"
  d="$(mod_dir "sigs.k8s.io/kwok@$KWOK_VERSION")"
  local s out="$MANIFEST_DIR/kwok-stages.yaml"
  : > "$out"
  for s in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
           pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    echo "---" >> "$out"
    if [[ "$s" == pod/fast/pod-ready.yaml ]]; then
      # KWOK's fast pod-ready stage, plus the opt-in start-up delay that its
      # "general" stages read from the same pod annotation: real pods take a
      # few seconds to become Ready, so a killed pod visibly dents capacity.
      awk '/^  next:/ && !done { print "  delay:"; print "    durationMilliseconds: 0";
             print "    durationFrom:";
             print "      expressionFrom: '"'"'.metadata.annotations[\"pod-ready.stage.kwok.x-k8s.io/delay\"]'"'"'";
             done = 1 } { print }' "$d/kustomize/stage/$s" >> "$out"
    else
      cat "$d/kustomize/stage/$s" >> "$out"
    fi
  done
  chmod -R u+w "$MANIFEST_DIR"
  touch "$MANIFEST_DIR/.complete"
}

# The Debian packages the bed installs for itself, named here so a fresh-machine rehearsal finds them:
#   apt-get install prometheus prometheus-alertmanager
# ensure_debian_daemon COMMAND PACKAGE : installs a Debian package whose daemon the bed
# starts itself (Prometheus, Alertmanager), keeping its postinst from starting a system one.
ensure_debian_daemon() {
  local cmd="$1" pkg="$2"
  command -v "$cmd" >/dev/null 2>&1 && return 0
  log "installing Debian's $pkg package"
  [[ $(id -u) -eq 0 ]] || die "$pkg is not installed and installing it needs root: run sudo apt-get install $pkg, then try again"
  mkdir -p "$CACHE_ROOT" # apt's log goes there; on a fresh machine nothing has created it yet
  local before after p policy_added=0
  before="$(pgrep -f "^[^ ]*$cmd( |$)" || true)"
  # keep the package's postinst from starting a system daemon
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; policy_added=1
  fi
  local rc=0
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=300 --no-install-recommends "$pkg" \
    || { apt-get update -o DPkg::Lock::Timeout=300 && DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=300 --no-install-recommends "$pkg"; }; } \
    > "$CACHE_ROOT/apt-$pkg.log" 2>&1 || rc=$?
  [[ $policy_added -eq 1 ]] && rm -f /usr/sbin/policy-rc.d
  [[ $rc -eq 0 ]] || { tail -20 "$CACHE_ROOT/apt-$pkg.log" >&2; die "apt-get install $pkg failed"; }
  # if a daemon was started anyway (no policy-rc.d honoured), stop and disable it
  after="$(pgrep -f "^[^ ]*$cmd( |$)" || true)"
  for p in $after; do
    if ! grep -qx "$p" <<<"$before"; then
      log "stopping the $cmd daemon started by the package (pid $p)"
      kill "$p" 2>/dev/null || true
    fi
  done
  if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    systemctl disable --now "$pkg" >/dev/null 2>&1 || true
  fi
  command -v "$cmd" >/dev/null 2>&1 || die "$cmd not found after installing $pkg"
}
ensure_prometheus() { ensure_debian_daemon prometheus prometheus; }

build_all() {
  mkdir -p "$CACHE_ROOT"
  build_testbed
  build_kwok
  fetch_manifests
  build_node
  build_chaos_mesh
}

# ---- processes --------------------------------------------------------------
pid_of() { [[ -f "$PIDS/$1.pid" ]] && cat "$PIDS/$1.pid"; }
running() { # a live process, not a zombie waiting to be reaped
  kill -0 "$1" 2>/dev/null && [[ "$(ps -o stat= -p "$1" 2>/dev/null)" != Z* ]]
}
alive() { local p; p="$(pid_of "$1")" && [[ -n "$p" ]] && running "$p"; }

start_proc() { # start_proc NAME cmd... : own session/process group, logs, pid file
  local name="$1"; shift
  mkdir -p "$LOGS" "$PIDS"
  setsid "$@" >> "$LOGS/$name.log" 2>&1 < /dev/null 9>&- &
  echo $! > "$PIDS/$name.pid"
}

stop_proc() {
  local name="$1" p i
  p="$(pid_of "$name" || true)"
  [[ -n "$p" ]] || return 0
  if running "$p"; then
    kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do running "$p" || break; sleep 0.1; done
    if running "$p"; then
      log "$name (pid $p) did not stop in 10 s: killing"
      kill -KILL -- "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null || true
    fi
  fi
  # anything left in its process group
  kill -KILL -- "-$p" 2>/dev/null || true
  rm -f "$PIDS/$name.pid"
}

port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

wait_until() { # wait_until SECONDS DESCRIPTION PROC cmd... : poll cmd, fail early if PROC died
  local secs="$1" what="$2" proc="$3"; shift 3
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    if [[ -n "$proc" ]] && ! alive "$proc"; then
      tail -30 "$LOGS/$proc.log" >&2; die "$proc exited while waiting for $what (log: $LOGS/$proc.log)"
    fi
    ((SECONDS < deadline)) || { tail -30 "$LOGS/$proc.log" >&2 || true; die "timed out waiting for $what"; }
    sleep 0.2
  done
}

http_ok() { curl -fsS --max-time 2 "$@" -o /dev/null; }

write_configs() {
  mkdir -p "$STATE/prometheus"
  cat > "$STATE/scheduler.yaml" <<EOF
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection:
  kubeconfig: $PKI/scheduler.kubeconfig
  qps: 200
  burst: 400
leaderElection:
  leaderElect: false
EOF
  cat > "$STATE/prometheus.yml" <<EOF
# generated by e2e/testbed/testbed.sh
global:
  scrape_interval: $SCRAPE_INTERVAL
  scrape_timeout: 1s
  evaluation_interval: $SCRAPE_INTERVAL
  external_labels: {testbed: firedrill}
scrape_configs:
- job_name: demo-service
  static_configs:
  - targets: ['$HOST:$DEMO_PORT']
    labels: {service: checkout, namespace: demo}
- job_name: apiserver
  scrape_interval: 5s
  scrape_timeout: 4s
  scheme: https
  tls_config: {ca_file: $PKI/ca.crt, cert_file: $PKI/prometheus.crt, key_file: $PKI/prometheus.key}
  static_configs:
  - targets: ['$HOST:$APISERVER_PORT']
- job_name: controller-manager
  scrape_interval: 5s
  scrape_timeout: 4s
  scheme: https
  tls_config: {insecure_skip_verify: true, cert_file: $PKI/prometheus.crt, key_file: $PKI/prometheus.key}
  static_configs:
  - targets: ['$HOST:$CM_PORT']
- job_name: scheduler
  scrape_interval: 5s
  scrape_timeout: 4s
  scheme: https
  tls_config: {insecure_skip_verify: true, cert_file: $PKI/prometheus.crt, key_file: $PKI/prometheus.key}
  static_configs:
  - targets: ['$HOST:$SCHEDULER_PORT']
- job_name: kwok
  scrape_interval: 5s
  static_configs:
  - targets: ['$HOST:$KWOK_PORT']
- job_name: prometheus
  scrape_interval: 5s
  static_configs:
  - targets: ['$HOST:$PROM_PORT']
EOF
  node_enabled || return 0
  # the real node's kubelet: its own metrics and cAdvisor's per-container
  # usage (container_cpu_usage_seconds_total{namespace,pod,container})
  cat >> "$STATE/prometheus.yml" <<EOF
- job_name: kubelet
  scrape_interval: 5s
  scrape_timeout: 4s
  scheme: https
  tls_config: {ca_file: $PKI/ca.crt, cert_file: $PKI/prometheus.crt, key_file: $PKI/prometheus.key}
  static_configs:
  - targets: ['$POD_GATEWAY:$KUBELET_PORT']
    labels: {node: $NODE_NAME}
- job_name: kubelet-cadvisor
  scrape_interval: 2s
  scrape_timeout: 2s
  scheme: https
  metrics_path: /metrics/cadvisor
  tls_config: {ca_file: $PKI/ca.crt, cert_file: $PKI/prometheus.crt, key_file: $PKI/prometheus.key}
  static_configs:
  - targets: ['$POD_GATEWAY:$KUBELET_PORT']
    labels: {node: $NODE_NAME}
EOF
}

write_env() {
  local firedrill_kc="$PKI/firedrill.kubeconfig"
  cat > "$STATE/env.json" <<EOF
{
  "kubeconfig": "$PKI/admin.kubeconfig",
  "firedrillKubeconfig": "$firedrill_kc",
  "apiserver": "https://$HOST:$APISERVER_PORT",
  "prometheus": "http://$HOST:$PROM_PORT",
  "alertmanager": "http://$HOST:$AM_PORT",
  "alertRules": ["CheckoutErrorRatioHigh", "CheckoutLatencyHigh", "CheckoutReplicasLow"],
  "demoService": "http://$HOST:$DEMO_PORT",
  "demoNamespace": "demo",
  "demoDeployment": "checkout",
  "protectedNamespaces": ["kube-system"],
  "nodes": $NODES,
  "scalePods": $PODS,
  "etcd": "http://$HOST:$ETCD_PORT",
  "kwok": "http://$HOST:$KWOK_PORT",
  "caFile": "$PKI/ca.crt",
  "kubernetesVersion": "$K8S_VERSION",
  "kwokVersion": "$KWOK_VERSION",
  "realNode": "$(node_enabled && echo "$NODE_NAME")",
  "realNodeDisabled": $(node_enabled && echo false || echo true),
  "realNodePodSubnet": "$(node_enabled && echo "$POD_SUBNET")",
  "kubelet": "$(node_enabled && echo "https://$POD_GATEWAY:$KUBELET_PORT")",
  "containerdSocket": "$(node_enabled && echo "$CONTAINERD_SOCK")",
  "containerdVersion": "$CONTAINERD_VERSION",
  "chaosMeshController": "$(chaos_mesh_enabled && echo "$CHAOS_MESH_CONTROLLER_VERSION")",
  "images": {"pause": "$IMG_PAUSE", "checkout": "$IMG_CHECKOUT", "stress": "$IMG_STRESS", "nettools": "$IMG_NETTOOLS"},
  "stateDir": "$STATE",
  "logsDir": "$LOGS",
  "binDir": "$BIN_DIR"
}
EOF
  cat > "$STATE/env.sh" <<EOF
# source me: generated by e2e/testbed/testbed.sh
export KUBECONFIG='$PKI/admin.kubeconfig'
export TESTBED_KUBECONFIG='$PKI/admin.kubeconfig'
export TESTBED_FIREDRILL_KUBECONFIG='$firedrill_kc'
export TESTBED_APISERVER='https://$HOST:$APISERVER_PORT'
export TESTBED_PROMETHEUS='http://$HOST:$PROM_PORT'
export TESTBED_ALERTMANAGER='http://$HOST:$AM_PORT'
export TESTBED_DEMO_SERVICE='http://$HOST:$DEMO_PORT'
export TESTBED_DEMO_NAMESPACE='demo'
export TESTBED_NODES='$NODES'
export TESTBED_ENV_JSON='$STATE/env.json'
export TESTBED_REAL_NODE_NAME='$(node_enabled && echo "$NODE_NAME")'
EOF
}

all_alive() { local p; for p in "${PROCS[@]}"; do alive "$p" || return 1; done; }
any_alive() { local p; for p in "${PROCS[@]}"; do alive "$p" && return 0; done; return 1; }

cmd_up() {
  local t0=$SECONDS
  [[ "${1:-}" == "--scale" ]] && { NODES="${TESTBED_NODES:-100}"; PODS="${TESTBED_PODS:-10000}"; }
  mkdir -p "$STATE"
  exec 9> "$STATE/.lock"; flock 9
  if all_alive && [[ -f "$STATE/env.json" ]]; then
    log "already up"; cat "$STATE/env.json"; return 0
  fi
  if any_alive; then log "partially up: stopping the leftovers first"; do_down; fi

  need_tools
  ensure_prometheus
  ensure_alertmanager
  build_all
  local p
  for p in "$ETCD_PORT" "$ETCD_PEER_PORT" "$APISERVER_PORT" "$CM_PORT" "$SCHEDULER_PORT" "$KWOK_PORT" "$DEMO_PORT" "$PROM_PORT" "$AM_PORT" \
           $(node_enabled && echo "$KUBELET_PORT $KUBELET_HEALTHZ_PORT") \
           $(chaos_mesh_enabled && echo "$CHAOS_MESH_METRICS_PORT $CHAOS_MESH_WEBHOOK_PORT"); do
    port_busy "$p" && die "port $HOST:$p is already in use by another process"
  done
  local tb=$SECONDS
  # fresh cluster data every time; certificates are kept across runs
  [[ -z "$(node_leftovers)" ]] || { node_leftovers >&2; die "the previous real node left the above behind: run testbed.sh down"; }
  rm -rf "$STATE/etcd" "$STATE/prometheus" "$STATE/alertmanager" "$LOGS" "$PIDS" "$NODE_STATE"
  mkdir -p "$LOGS" "$PIDS"
  "$TESTBED_BIN" pki --dir "$PKI" --server "https://$HOST:$APISERVER_PORT" $(node_enabled && echo "--kubelet-ip=$POD_GATEWAY")
  write_configs
  write_alert_configs

  log "starting etcd on $HOST:$ETCD_PORT"
  start_proc etcd "$TESTBED_BIN" etcd --data-dir "$STATE/etcd" \
    --listen-client "$HOST:$ETCD_PORT" --listen-peer "$HOST:$ETCD_PEER_PORT"
  wait_until 30 "etcd" etcd http_ok "http://$HOST:$ETCD_PORT/health"

  log "starting kube-apiserver on https://$HOST:$APISERVER_PORT"
  start_proc apiserver "$TESTBED_BIN" apiserver \
    --etcd-servers="http://$HOST:$ETCD_PORT" \
    --bind-address="$HOST" --advertise-address="$HOST" --secure-port="$APISERVER_PORT" \
    --cert-dir="$STATE/apiserver-certs" \
    --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --client-ca-file="$PKI/ca.crt" \
    --requestheader-client-ca-file="$PKI/ca.crt" --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
    --service-cluster-ip-range=10.96.0.0/16 \
    --authorization-mode=Node,RBAC \
    --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt" --kubelet-client-key="$PKI/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority="$PKI/ca.crt" --kubelet-preferred-address-types=InternalIP \
    --endpoint-reconciler-type=none \
    --allow-privileged=true \
    --profiling=false \
    --event-ttl=1h \
    --max-requests-inflight=800 --max-mutating-requests-inflight=400
  wait_until 60 "kube-apiserver /readyz" apiserver \
    "$TESTBED_BIN" wait-ready --kubeconfig "$PKI/admin.kubeconfig" --timeout 2s
  node_up

  log "starting kube-controller-manager, kube-scheduler and kwok"
  start_proc controller-manager "$TESTBED_BIN" controller-manager \
    --kubeconfig="$PKI/controller-manager.kubeconfig" \
    --authentication-kubeconfig="$PKI/controller-manager.kubeconfig" \
    --authorization-kubeconfig="$PKI/controller-manager.kubeconfig" \
    --bind-address="$HOST" --secure-port="$CM_PORT" --cert-dir="$STATE/controller-manager-certs" \
    --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
    --use-service-account-credentials=true \
    --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
    --leader-elect=false \
    --kube-api-qps=200 --kube-api-burst=400 \
    --concurrent-replicaset-syncs=10 --concurrent-deployment-syncs=10
  start_proc scheduler "$TESTBED_BIN" scheduler \
    --config="$STATE/scheduler.yaml" \
    --authentication-kubeconfig="$PKI/scheduler.kubeconfig" \
    --authorization-kubeconfig="$PKI/scheduler.kubeconfig" \
    --bind-address="$HOST" --secure-port="$SCHEDULER_PORT" --cert-dir="$STATE/scheduler-certs"
  start_proc kwok "$KWOK_BIN" \
    --kubeconfig="$PKI/kwok.kubeconfig" \
    --config="$MANIFEST_DIR/kwok-stages.yaml" \
    --server-address="$HOST:$KWOK_PORT" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --cidr=10.244.0.1/16 --node-ip=10.0.0.1 \
    --node-lease-duration-seconds=40

  log "bootstrapping: CRDs, $NODES nodes, RBAC, demo namespace$( ((PODS > 0)) && echo ", $PODS scale pods")"
  local wait=3m; ((PODS > 0)) && wait=30m
  "$TESTBED_BIN" bootstrap --kubeconfig "$PKI/admin.kubeconfig" --nodes "$NODES" \
    --scale-pods "$PODS" --crd-dir "$MANIFEST_DIR/crds" --wait "$wait" \
    $(node_enabled && echo "--real-node=$NODE_NAME") 2>> "$LOGS/bootstrap.log" \
    || { tail -20 "$LOGS/bootstrap.log" >&2; die "bootstrap failed (log: $LOGS/bootstrap.log)"; }
  for p in controller-manager scheduler kwok $(node_enabled && echo "containerd kubelet"); do alive "$p" || die "$p died (log: $LOGS/$p.log)"; done
  chaos_mesh_up

  log "starting the demo service on http://$HOST:$DEMO_PORT (load $LOAD_RPS rps) and prometheus on http://$HOST:$PROM_PORT"
  start_proc demo-service "$TESTBED_BIN" demo-service \
    --kubeconfig="$PKI/demo-service.kubeconfig" --listen="$HOST:$DEMO_PORT" \
    --namespace=demo --service=checkout --load-rps="$LOAD_RPS" --pod-rps="$POD_RPS" \
    $(node_enabled && echo "--real-node=$NODE_NAME")
  start_alertmanager
  start_proc prometheus prometheus \
    --config.file="$STATE/prometheus.yml" \
    --storage.tsdb.path="$STATE/prometheus" \
    --storage.tsdb.retention.time=6h \
    --web.listen-address="$HOST:$PROM_PORT" \
    --web.enable-lifecycle \
    --log.level=warn
  wait_until 30 "demo service" demo-service http_ok "http://$HOST:$DEMO_PORT/healthz"
  wait_until 60 "prometheus" prometheus http_ok "http://$HOST:$PROM_PORT/-/ready"
  wait_until 60 "prometheus to scrape the demo service" prometheus prom_has_demo

  write_env
  local total=$((SECONDS - t0)) start=$((SECONDS - tb))
  echo "$start" > "$STATE/up-seconds"
  log "up: processes started and cluster ready in ${start}s (${total}s including build/install checks)"
  print_summary
}

prom_has_demo() {
  curl -fsS --max-time 2 "http://$HOST:$PROM_PORT/api/v1/query" \
    --data-urlencode 'query=sum(http_requests_total{job="demo-service"})' | grep -q '"value"'
}

print_summary() {
  cat >&2 <<EOF

  kubeconfig    $PKI/admin.kubeconfig   (export KUBECONFIG=... or: source $STATE/env.sh)
  apiserver     https://$HOST:$APISERVER_PORT
  prometheus    http://$HOST:$PROM_PORT
  alertmanager  http://$HOST:$AM_PORT   (testbed.sh alert-receiver URL TOKEN)
  demo service  http://$HOST:$DEMO_PORT   (/, /metrics, /state)
  env           $STATE/env.json
  logs          $LOGS

EOF
}

do_down() {
  # reverse dependency order; the processes of one group stop in parallel
  local group p jobs
  for group in "prometheus alertmanager demo-service chaos-mesh" "kwok scheduler controller-manager" "node" "apiserver" "etcd"; do
    if [[ "$group" == node ]]; then node_down; continue; fi
    jobs=()
    for p in $group; do
      if [[ -f "$PIDS/$p.pid" ]]; then log "stopping $p"; stop_proc "$p" & jobs+=($!); fi
    done
    # wait for the stoppers only: in `test`, the daemons are children of this shell too
    ((${#jobs[@]} == 0)) || wait "${jobs[@]}"
  done
  rm -f "$STATE/env.json" "$STATE/env.sh"
}

cmd_down() {
  mkdir -p "$STATE"
  exec 9> "$STATE/.lock"; flock 9
  do_down
  local busy=()
  for p in "$ETCD_PORT" "$ETCD_PEER_PORT" "$APISERVER_PORT" "$CM_PORT" "$SCHEDULER_PORT" "$KWOK_PORT" "$DEMO_PORT" "$PROM_PORT" "$AM_PORT"; do
    port_busy "$p" && busy+=("$p")
  done
  ((${#busy[@]} == 0)) || log "warning: ports still in use (not by processes this test bed started): ${busy[*]}"
  local left; left="$(node_leftovers)"
  [[ -z "$left" ]] || log "warning: the real node left behind: $(echo "$left" | tr '\n' ';')"
  log "down"
}

cmd_status() {
  local p rc=0 pid
  for p in "${PROCS[@]}"; do
    pid="$(pid_of "$p" || true)"
    if alive "$p"; then printf '  %-20s running (pid %s)\n' "$p" "$pid"
    elif [[ -n "$pid" ]]; then printf '  %-20s DEAD (pid %s, log %s)\n' "$p" "$pid" "$LOGS/$p.log"; rc=1
    else printf '  %-20s stopped\n' "$p"; rc=1
    fi
  done
  if [[ $rc -eq 0 && -f "$STATE/env.json" ]]; then
    cat "$STATE/env.json"
    echo "status: up"
  else
    echo "status: down"
  fi
  return $rc
}

cmd_test() {
  local started=0 rc=0 t0
  if ! all_alive; then cmd_up; started=1; fi
  need_go
  log "running the bed tests (go test ./bedtest/...)"
  t0=$SECONDS
  (cd "$HERE" && TESTBED_ENV_JSON="$STATE/env.json" go test ./bedtest/... -count=1 -v -timeout 20m "$@") || rc=$?
  log "tests finished in $((SECONDS - t0))s with exit code $rc"
  if [[ $started -eq 1 && -z "${TESTBED_KEEP:-}" ]]; then cmd_down; fi
  return $rc
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  test) shift; cmd_test "$@" ;;
  alert-receiver) shift; cmd_alert_receiver "$@" ;;
  alertmanager) shift; cmd_alertmanager "$@" ;;
  build) need_tools; ensure_prometheus; ensure_alertmanager; build_all; log "binaries: $TESTBED_BIN $KWOK_BIN; manifests: $MANIFEST_DIR" ;;
  env) cat "$STATE/env.json" ;;
  *) echo "usage: bash e2e/testbed/testbed.sh up [--scale] | down | status | test [go test flags] | build | env | alert-receiver URL TOKEN|off | alertmanager stop|start" >&2; exit 2 ;;
esac

# Firedrill test bed: the real node. Sourced by testbed.sh (uses its log, die,
# sha, mod_dir, start_proc, stop_proc, alive, wait_until and its variables).
#
# One real kubelet (the testbed binary's `kubelet` subcommand, k8s.io/kubernetes
# at $K8S_VERSION) with containerd 2.x (built from its Go module), Debian's
# runc and the CNI bridge/host-local plugins (built from their Go module),
# running real containers from images built here from Debian packages and the
# bed's own static binaries (no registry). Everything it creates on the host
# carries a name derived from the state directory, so two beds never collide,
# and `down` removes all of it.

CONTAINERD_VERSION=v2.3.7       # containerd's RELEASES.md: Kubernetes 1.36 needs containerd 2.2.0+ or 2.3.0+
CNI_PLUGINS_VERSION=v1.10.0
PAUSE_VERSION=3.10.2            # build/pause/Makefile TAG of k8s.io/kubernetes $K8S_VERSION; containerd's default sandbox image
REAL_NODE="${TESTBED_REAL_NODE:-1}" # 0: no real node (KWOK only, as before)
NODE_NAME=realnode              # cmd/testbed/pki.go realNodeName
NODE_TAINT_KEY=firedrill.dev/real-node
KUBELET_PORT="${TESTBED_KUBELET_PORT:-$((KWOK_PORT + 3))}"
KUBELET_HEALTHZ_PORT="${TESTBED_KUBELET_HEALTHZ_PORT:-$((KWOK_PORT + 4))}"

NODE_STATE="$STATE/node"
NODE_BIN_DIR="$CACHE_ROOT/node-containerd-$CONTAINERD_VERSION-cni-$CNI_PLUGINS_VERSION"
CONTAINERD_SOCK="$NODE_STATE/containerd/containerd.sock"

# Host names of this bed's node: bridge, cgroup parent, CNI network, subnet.
NODE_ID="$(printf '%s' "$STATE" | sha | cut -c1-6)"
BRIDGE="fdr$NODE_ID"
CGROUP_ROOT="/firedrill-$NODE_ID"
CNI_NET="firedrill-$NODE_ID"
# a /24 in 10.200.0.0/13, picked by the same hash (checked free at up)
POD_SUBNET_PREFIX="10.$((200 + 0x${NODE_ID:0:2} % 8)).$((0x${NODE_ID:2:2}))"
POD_SUBNET="$POD_SUBNET_PREFIX.0/24"
POD_GATEWAY="$POD_SUBNET_PREFIX.1"

# Images of the real node, all built locally (see README "Images").
IMG_PAUSE="registry.k8s.io/pause:$PAUSE_VERSION"
IMG_CHECKOUT="registry.firedrill.invalid/checkout:1.0.0"
IMG_STRESS="ghcr.io/alexei-led/stress-ng:latest"
IMG_NETTOOLS="ghcr.io/alexei-led/pumba-debian-nettools:latest"
IMAGES_REVISION=1 # bump when the recipes below change
images_key() {
  { echo "$IMAGES_REVISION $K8S_VERSION $PAUSE_VERSION"; cat "$HERE"/cmd/checkout/*.go "$HERE"/cmd/mkimage/*.go
    dpkg-query -W -f='${Version}\n' libc6 2>/dev/null; } | sha
}
IMAGES_DIR="$CACHE_ROOT/images-$(images_key)"

node_enabled() { [[ "$REAL_NODE" != 0 ]]; }

# ---- prerequisites and builds ------------------------------------------------
need_node_host() {
  [[ $(id -u) -eq 0 ]] || die "the real node runs containers and needs root: run the bed as root, or set TESTBED_REAL_NODE=0"
  grep -qw overlay /proc/filesystems || die "the real node needs the overlay filesystem, which this kernel lacks: load it (modprobe overlay) or set TESTBED_REAL_NODE=0"
  [[ -d /sys/fs/cgroup/cpu || -f /sys/fs/cgroup/cgroup.controllers ]] || die "the real node needs cgroups mounted under /sys/fs/cgroup"
  # The node runs as root anyway, so it installs what it needs from Debian instead of
  # stopping: ip (iproute2, the bridge and routes), gcc + libc6-dev (the static pause
  # image), runc (the OCI runtime). A fresh machine has none of them for sure.
  local need=()
  command -v ip >/dev/null 2>&1 || need+=(iproute2)
  command -v gcc >/dev/null 2>&1 || need+=(gcc libc6-dev)
  command -v runc >/dev/null 2>&1 || need+=(runc)
  [[ ${#need[@]} -eq 0 ]] && return 0
  log "installing Debian's ${need[*]} for the real node"
  mkdir -p "$CACHE_ROOT" # apt's log goes there; on a fresh machine nothing has created it yet
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=300 --no-install-recommends "${need[@]}" \
    || { apt-get update -o DPkg::Lock::Timeout=300 && DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=300 --no-install-recommends "${need[@]}"; }; } \
    > "$CACHE_ROOT/apt-node.log" 2>&1 || { tail -20 "$CACHE_ROOT/apt-node.log" >&2; die "apt-get install ${need[*]} failed (log: $CACHE_ROOT/apt-node.log)"; }
}

build_node_bins() {
  [[ -x "$NODE_BIN_DIR/bin/containerd" && -x "$NODE_BIN_DIR/cni/bridge" ]] && return 0
  need_go
  rm -rf "$NODE_BIN_DIR.tmp"; mkdir -p "$NODE_BIN_DIR.tmp/bin" "$NODE_BIN_DIR.tmp/cni"
  log "building containerd $CONTAINERD_VERSION and CNI plugins $CNI_PLUGINS_VERSION from their Go modules"
  local tmp; tmp="$(mktemp -d)"
  local m=github.com/containerd/containerd/v2/cmd c=github.com/containernetworking/plugins/plugins
  if ! (cd "$tmp" && GOBIN="$NODE_BIN_DIR.tmp/bin" timed "$NODE_BIN_DIR.tmp/build-stats.txt" \
        go install -trimpath -tags "no_btrfs no_devmapper no_zfs" -ldflags "-s -w" \
        "$m/containerd@$CONTAINERD_VERSION" "$m/containerd-shim-runc-v2@$CONTAINERD_VERSION" "$m/ctr@$CONTAINERD_VERSION" \
        && GOBIN="$NODE_BIN_DIR.tmp/cni" go install -trimpath -ldflags "-s -w" \
        "$c/main/bridge@$CNI_PLUGINS_VERSION" "$c/ipam/host-local@$CNI_PLUGINS_VERSION") > "$NODE_BIN_DIR.tmp/build.log" 2>&1; then
    cat "$NODE_BIN_DIR.tmp/build.log" >&2; rm -rf "$tmp"
    die "building containerd / CNI plugins failed"
  fi
  rm -rf "$tmp" "$NODE_BIN_DIR"
  mv "$NODE_BIN_DIR.tmp" "$NODE_BIN_DIR"
}

# apt_fetch DIR PKG... : download PKG and its dependency closure (no
# recommends) as .deb files into DIR, and unpack them all into DIR/root.
apt_fetch() {
  local dir="$1"; shift
  mkdir -p "$dir/debs" "$dir/root"
  local pkgs
  pkgs="$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances "$@" \
          | grep -v '^ ' | grep -v '^<' | sort -u)"
  [[ -n "$pkgs" ]] || { apt-get update -o DPkg::Lock::Timeout=300 >/dev/null 2>&1 || true
    pkgs="$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances "$@" \
            | grep -v '^ ' | grep -v '^<' | sort -u)"; }
  [[ -n "$pkgs" ]] || die "apt-cache knows no package $*: run apt-get update, then try again"
  # shellcheck disable=SC2086
  (cd "$dir/debs" && apt-get download -o DPkg::Lock::Timeout=300 $pkgs) > "$dir/apt.log" 2>&1 \
    || { apt-get update -o DPkg::Lock::Timeout=300 >> "$dir/apt.log" 2>&1
         # shellcheck disable=SC2086
         (cd "$dir/debs" && apt-get download -o DPkg::Lock::Timeout=300 $pkgs) >> "$dir/apt.log" 2>&1; } \
    || { tail -20 "$dir/apt.log" >&2; die "apt-get download $* failed"; }
  local f
  for f in "$dir"/debs/*.deb; do dpkg-deb -x "$f" "$dir/root"; done
}

# copy_elf STAGE BIN DEST : copy BIN (a path inside STAGE) to DEST/<name> and
# the shared libraries it loads (resolved inside STAGE) to their paths in DEST.
copy_elf_libs() {
  local stage="$1" bin="$2" dest="$3" lp lib
  lp="$stage/lib/x86_64-linux-gnu:$stage/usr/lib/x86_64-linux-gnu"
  "$stage/lib64/ld-linux-x86-64.so.2" --library-path "$lp" --list "$stage$bin" > "$dest.libs" \
    || die "cannot resolve the libraries of $bin"
  for lib in $(awk '/=>/ { print $3 } /^\s*\/lib64/ { print $1 }' "$dest.libs" | sort -u); do
    [[ -f "$lib" ]] || continue
    local rel="${lib#"$stage"}"
    mkdir -p "$dest$(dirname "$rel")"
    cp -L "$lib" "$dest$rel"
  done
  rm -f "$dest.libs"
}

build_images() {
  [[ -f "$IMAGES_DIR/.complete" ]] && return 0
  need_go
  log "building the real node's images from Debian packages and the bed's sources into $IMAGES_DIR"
  local t0=$SECONDS w="$IMAGES_DIR.work"
  rm -rf "$w" "$IMAGES_DIR"; mkdir -p "$w" "$IMAGES_DIR"
  (cd "$HERE" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$w/mkimage" ./cmd/mkimage \
    && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$w/checkout.bin" ./cmd/checkout) > "$w/build.log" 2>&1 \
    || { cat "$w/build.log" >&2; die "building mkimage/checkout failed"; }
  local mk="$w/mkimage"

  # pause: the sandbox image, compiled from the kubelet's own module
  local kdir; kdir="$(mod_dir "k8s.io/kubernetes@$K8S_VERSION")"
  mkdir -p "$w/pause/rootfs"
  gcc -Os -Wall -static -DVERSION="v$PAUSE_VERSION-firedrill" -o "$w/pause/rootfs/pause" "$kdir/build/pause/linux/pause.c" \
    || die "compiling pause.c failed (gcc and libc6-dev are needed)"
  "$mk" --rootfs "$w/pause/rootfs" --ref "$IMG_PAUSE" --entrypoint '["/pause"]' --env "" --out "$IMAGES_DIR/pause.tar"

  # checkout: the demo service's pod, one static binary (FROM scratch)
  mkdir -p "$w/checkout/rootfs"
  cp "$w/checkout.bin" "$w/checkout/rootfs/checkout"
  "$mk" --rootfs "$w/checkout/rootfs" --ref "$IMG_CHECKOUT" --entrypoint '["/checkout"]' --env "" --out "$IMAGES_DIR/checkout.tar"

  # stress-ng: upstream is FROM scratch with a static /stress-ng (ENTRYPOINT
  # ["/stress-ng"]) and no shell. Debian ships stress-ng dynamically linked
  # and its archive here serves no sources to rebuild it statically, so the
  # layout keeps /stress-ng at the root with only the libraries it loads:
  # still no shell, no tc, nothing else to exec.
  apt_fetch "$w/stress" stress-ng
  mkdir -p "$w/stress/rootfs"
  cp "$w/stress/root/usr/bin/stress-ng" "$w/stress/rootfs/stress-ng"
  copy_elf_libs "$w/stress/root" /usr/bin/stress-ng "$w/stress/rootfs"
  [[ ! -e "$w/stress/rootfs/bin" && ! -e "$w/stress/rootfs/usr/bin" ]] || die "the stress image must hold no shell"
  "$mk" --rootfs "$w/stress/rootfs" --ref "$IMG_STRESS" --entrypoint '["/stress-ng"]' --env "" --out "$IMAGES_DIR/stress-ng.tar"

  # pumba-debian-nettools: debian:stable-slim + iproute2 + iptables,
  # ENTRYPOINT ["tail", "-f", "/dev/null"]; here the Debian base it needs
  # (dash as /bin/sh, coreutils) plus the same two packages.
  apt_fetch "$w/nettools" base-files dash bash coreutils iproute2 iptables
  mv "$w/nettools/root" "$w/nettools/rootfs"
  "$mk" --rootfs "$w/nettools/rootfs" --ref "$IMG_NETTOOLS" --entrypoint '["tail", "-f", "/dev/null"]' --out "$IMAGES_DIR/nettools.tar"

  rm -rf "$w"
  echo "$((SECONDS - t0))" > "$IMAGES_DIR/build-seconds"
  touch "$IMAGES_DIR/.complete"
  # keep the two newest image sets
  (cd "$CACHE_ROOT" && ls -1dt -- images-*/ 2>/dev/null | tail -n +3 | xargs -r rm -rf --) || true
}

build_node() {
  node_enabled || return 0
  need_node_host
  build_node_bins
  build_images
}

# ---- configuration -------------------------------------------------------------
write_node_configs() {
  mkdir -p "$NODE_STATE"/{containerd,cni/net.d,cni/ipam,kubelet,pod-logs,container-logs}
  cat > "$NODE_STATE/containerd/config.toml" <<EOF
# generated by e2e/testbed/node.sh
version = 3
root = '$NODE_STATE/containerd/root'
state = '$NODE_STATE/containerd/state'
# no NRI socket in /var/run/nri, no /opt/containerd: the bed keeps to its state dir
disabled_plugins = ['io.containerd.nri.v1.nri', 'io.containerd.internal.v1.opt', 'io.containerd.internal.v1.tracing', 'io.containerd.tracing.processor.v1.otlp']
[grpc]
  address = '$CONTAINERD_SOCK'
[ttrpc]
  address = '$CONTAINERD_SOCK.ttrpc'
[debug]
  address = ''
[metrics]
  address = ''
[plugins.'io.containerd.cri.v1.images']
  snapshotter = 'overlayfs'
  [plugins.'io.containerd.cri.v1.images'.pinned_images]
    sandbox = '$IMG_PAUSE'
[plugins.'io.containerd.cri.v1.runtime']
  enable_cdi = false
  netns_mounts_under_state_dir = true
  # This machine's processes lack CAP_SYS_RESOURCE in their bounding set, so
  # no one may lower an oom_score_adj (the kubelet asks -998 for sandboxes):
  # containerd clamps the kubelet's values to its own instead.
  restrict_oom_score_adj = true
  [plugins.'io.containerd.cri.v1.runtime'.containerd]
    default_runtime_name = 'runc'
    [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
      runtime_type = 'io.containerd.runc.v2'
      [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
        BinaryName = '$(command -v runc)'
        Root = '$NODE_STATE/runc'
        SystemdCgroup = false
  [plugins.'io.containerd.cri.v1.runtime'.cni]
    bin_dirs = ['$NODE_BIN_DIR/cni']
    conf_dir = '$NODE_STATE/cni/net.d'
    max_conf_num = 1
    use_internal_loopback = true
[plugins.'io.containerd.grpc.v1.cri']
  stream_server_address = '127.0.0.1'
  stream_server_port = '0'
EOF
  # isGateway false: the bed puts the gateway address on the bridge itself,
  # because the plugin would otherwise switch on the host's IP forwarding.
  # Pods get no default route: they reach the host's bridge address and each
  # other, nothing beyond.
  cat > "$NODE_STATE/cni/net.d/10-$CNI_NET.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "$CNI_NET",
  "plugins": [{
    "type": "bridge",
    "bridge": "$BRIDGE",
    "isGateway": false,
    "ipMasq": false,
    "hairpinMode": true,
    "ipam": {
      "type": "host-local",
      "dataDir": "$NODE_STATE/cni/ipam",
      "ranges": [[{ "subnet": "$POD_SUBNET", "rangeStart": "$POD_SUBNET_PREFIX.10", "rangeEnd": "$POD_SUBNET_PREFIX.250" }]]
    }
  }]
}
EOF
  # pods resolve nothing: no DNS server is reachable from the node's network
  echo "nameserver 127.0.0.1" > "$NODE_STATE/resolv.conf"
  cat > "$NODE_STATE/kubelet/config.yaml" <<EOF
# generated by e2e/testbed/node.sh
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# The kubelet refuses a loopback node IP: it serves on the node bridge's own
# address (local to this host, on the bed's own bridge).
address: $POD_GATEWAY
port: $KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $KUBELET_HEALTHZ_PORT
tlsCertFile: $PKI/kubelet-serving.crt
tlsPrivateKeyFile: $PKI/kubelet-serving.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization:
  mode: Webhook
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
cgroupDriver: cgroupfs
cgroupRoot: $CGROUP_ROOT
cgroupsPerQOS: true
failCgroupV1: false
failSwapOn: false
podLogsDir: $NODE_STATE/pod-logs
resolvConf: $NODE_STATE/resolv.conf
clusterDomain: cluster.local
maxPods: 20
registerNode: true
registerWithTaints:
- {key: $NODE_TAINT_KEY, value: "true", effect: NoSchedule}
# images come from no registry: never garbage-collect them, never evict for disk
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: 100Mi, nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
containerLogMaxSize: 1Mi
nodeStatusUpdateFrequency: 4s
syncFrequency: 10s
kubeAPIQPS: 50
kubeAPIBurst: 100
shutdownGracePeriod: 0s
oomScoreAdj: 0 # it cannot lower its own either (no CAP_SYS_RESOURCE here)
EOF
}

# ---- lifecycle -------------------------------------------------------------------
setup_bridge() {
  if ip route show | grep -q "^$POD_SUBNET_PREFIX\.0/24 " && ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    die "the real node's pod subnet $POD_SUBNET is already routed on this host (another bed with a colliding state path?): set TESTBED_STATE to another directory"
  fi
  ip link show "$BRIDGE" >/dev/null 2>&1 || ip link add name "$BRIDGE" type bridge
  ip addr replace "$POD_GATEWAY/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
}

cgroup_dirs() { # the bed's cgroup parent in every mounted v1 hierarchy
  local d
  for d in /sys/fs/cgroup/*/; do
    [[ -f "$d/cgroup.procs" ]] && echo "${d%/}$CGROUP_ROOT"
  done
}

node_up() {
  node_enabled || return 0
  write_node_configs
  setup_bridge
  local d
  for d in $(cgroup_dirs); do mkdir -p "$d"; done
  log "starting containerd $CONTAINERD_VERSION (socket $CONTAINERD_SOCK)"
  start_proc containerd env PATH="$NODE_BIN_DIR/bin:$PATH" "$NODE_BIN_DIR/bin/containerd" \
    --config "$NODE_STATE/containerd/config.toml" --log-level warn
  wait_until 30 "containerd" containerd "$NODE_BIN_DIR/bin/ctr" --address "$CONTAINERD_SOCK" version
  local img
  for img in pause checkout stress-ng nettools; do
    "$NODE_BIN_DIR/bin/ctr" --address "$CONTAINERD_SOCK" -n k8s.io images import --local \
      --label io.cri-containerd.pinned=pinned "$IMAGES_DIR/$img.tar" > /dev/null 2>> "$LOGS/containerd.log" \
      || die "importing $img into containerd failed (log: $LOGS/containerd.log)"
  done
  log "starting the kubelet of node $NODE_NAME on https://$POD_GATEWAY:$KUBELET_PORT (pods in $POD_SUBNET on bridge $BRIDGE)"
  start_proc kubelet env TESTBED_CONTAINER_LOGS_DIR="$NODE_STATE/container-logs" "$TESTBED_BIN" kubelet \
    --config="$NODE_STATE/kubelet/config.yaml" \
    --kubeconfig="$PKI/kubelet.kubeconfig" \
    --root-dir="$NODE_STATE/kubelet" \
    --hostname-override="$NODE_NAME" --node-ip="$POD_GATEWAY" \
    --node-labels="type=real,$NODE_TAINT_KEY=true,topology.kubernetes.io/zone=testbed-1a,topology.kubernetes.io/region=testbed-1,node.kubernetes.io/instance-type=real.small" \
    --containerd="$CONTAINERD_SOCK" --containerd-namespace=k8s.io --housekeeping-interval=4s \
    --v=1
}

# Sandboxes are stopped and removed through the CRI (CNI DEL, netns removed)
# before containerd stops; then anything the bed's node left is swept:
# shims, mounts, the bridge, cgroups, log symlinks.
node_down() {
  local p
  if [[ -f "$PIDS/kubelet.pid" ]]; then log "stopping kubelet"; stop_proc kubelet; fi
  if [[ -S "$CONTAINERD_SOCK" ]] && alive containerd; then
    log "removing the real node's pods"
    "$TESTBED_BIN" cri-cleanup --endpoint "unix://$CONTAINERD_SOCK" >> "$LOGS/containerd.log" 2>&1 || log "warning: cri-cleanup failed (log: $LOGS/containerd.log)"
  fi
  if [[ -f "$PIDS/containerd.pid" ]]; then log "stopping containerd"; stop_proc containerd; fi
  # shims of this bed's containerd (they outlive it by design)
  for p in $(pgrep -f "containerd-shim-runc-v2 .*-address $CONTAINERD_SOCK" || true); do kill -KILL "$p" 2>/dev/null || true; done
  # containers' processes left in the bed's cgroups
  local d
  for d in $(cgroup_dirs); do
    [[ -d "$d" ]] || continue
    find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
  done
  # mounts under the node's state (rootfs overlays, netns, shm, volumes), deepest first
  local m
  while read -r m; do umount -l "$m" 2>/dev/null || true; done < <(awk -v s="$NODE_STATE/" '{ gsub(/\\040/, " ", $5); if (index($5, s) == 1) print $5 }' /proc/self/mountinfo | sort -r)
  if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link del "$BRIDGE" 2>/dev/null || true; fi
  for d in $(cgroup_dirs); do
    [[ -d "$d" ]] || continue
    find "$d" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
  # the kubelet's legacy log symlinks, where the host has that directory
  if [[ -d /var/log/containers ]]; then
    find /var/log/containers -maxdepth 1 -type l -lname "$NODE_STATE/*" -delete 2>/dev/null || true
  fi
  rm -f /var/lib/cni/results/"$CNI_NET"-* 2>/dev/null || true
  # directories containerd and libcni create outside the state dir (shim
  # sockets, CNI result cache): removed when no other bed uses them
  # shim sockets no process listens on any more (a killed shim leaves its own)
  local sock
  for sock in /run/containerd/s/*; do
    [[ -S "$sock" ]] || continue
    ss -xl 2>/dev/null | grep -qF "$sock" || rm -f "$sock"
  done
  rmdir /run/containerd/s /run/containerd/fifo /run/containerd 2>/dev/null || true
  rmdir /var/lib/cni/results /var/lib/cni 2>/dev/null || true
}

# node_leftovers prints what of this bed's node is still on the host (empty: clean)
node_leftovers() {
  local d
  ip link show "$BRIDGE" >/dev/null 2>&1 && echo "bridge $BRIDGE"
  for d in $(cgroup_dirs); do [[ -d "$d" ]] && echo "cgroup $d"; done
  awk -v s="$NODE_STATE/" 'index($5, s) == 1 { print "mount " $5 }' /proc/self/mountinfo
  pgrep -f "containerd-shim-runc-v2 .*-address $CONTAINERD_SOCK" | sed 's/^/shim pid /'
  ls /var/lib/cni/results/"$CNI_NET"-* 2>/dev/null | sed 's/^/cni result /'
  return 0
}

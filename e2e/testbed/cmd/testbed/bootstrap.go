package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
	"k8s.io/client-go/tools/clientcmd"
)

func restConfig(kubeconfig string, qps float32, burst int) (*rest.Config, error) {
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return nil, err
	}
	cfg.QPS, cfg.Burst = qps, burst
	cfg.UserAgent = "firedrill-testbed"
	return cfg, nil
}

// applier server-side-applies multi-document YAML through the dynamic client.
type applier struct {
	dyn    dynamic.Interface
	mapper *restmapper.DeferredDiscoveryRESTMapper
}

func newApplier(cfg *rest.Config) (*applier, error) {
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return nil, err
	}
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	return &applier{dyn: dyn, mapper: restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(dc))}, nil
}

func decodeYAML(r io.Reader) ([]*unstructured.Unstructured, error) {
	dec := utilyaml.NewYAMLOrJSONDecoder(r, 64*1024)
	var out []*unstructured.Unstructured
	for {
		var m map[string]interface{}
		if err := dec.Decode(&m); err != nil {
			if errors.Is(err, io.EOF) {
				return out, nil
			}
			return nil, err
		}
		if len(m) == 0 {
			continue
		}
		u := &unstructured.Unstructured{Object: m}
		if u.GetKind() == "List" {
			items, _, _ := unstructured.NestedSlice(m, "items")
			for _, it := range items {
				if im, ok := it.(map[string]interface{}); ok {
					out = append(out, &unstructured.Unstructured{Object: im})
				}
			}
			continue
		}
		out = append(out, u)
	}
}

func (a *applier) apply(ctx context.Context, objs []*unstructured.Unstructured) error {
	for _, o := range objs {
		gvk := o.GroupVersionKind()
		var mapping *meta.RESTMapping
		var err error
		for i := 0; i < 30; i++ { // CRDs just created need a moment to appear in discovery
			mapping, err = a.mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
			if err == nil {
				break
			}
			a.mapper.Reset()
			time.Sleep(time.Second)
		}
		if err != nil {
			return fmt.Errorf("mapping %s: %w", gvk, err)
		}
		var ri dynamic.ResourceInterface = a.dyn.Resource(mapping.Resource)
		if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
			ns := o.GetNamespace()
			if ns == "" {
				ns = "default"
			}
			ri = a.dyn.Resource(mapping.Resource).Namespace(ns)
		}
		unstructured.RemoveNestedField(o.Object, "status")
		if _, err := ri.Apply(ctx, o.GetName(), o, metav1.ApplyOptions{FieldManager: "firedrill-testbed", Force: true}); err != nil {
			return fmt.Errorf("apply %s %s/%s: %w", gvk.Kind, o.GetNamespace(), o.GetName(), err)
		}
	}
	return nil
}

var crdGVR = schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"}

func (a *applier) waitCRDsEstablished(ctx context.Context, names []string) error {
	deadline := time.Now().Add(2 * time.Minute)
	for _, n := range names {
		for {
			u, err := a.dyn.Resource(crdGVR).Get(ctx, n, metav1.GetOptions{})
			if err == nil {
				conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
				ok := false
				for _, c := range conds {
					cm, _ := c.(map[string]interface{})
					if cm["type"] == "Established" && cm["status"] == "True" {
						ok = true
					}
				}
				if ok {
					break
				}
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("CRD %s not established", n)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	a.mapper.Reset()
	return nil
}

type bootstrapParams struct {
	Nodes       []int
	Zones       []string
	ScaleDeploy []scaleDeploy
	ScaleNodes  bool
	// RealNode is the name of the bed's real kubelet's node ("" without one).
	// It is tainted NoSchedule: only pods that tolerate it land there.
	RealNode string
}

type scaleDeploy struct {
	Name     string
	Replicas int
}

// clusterTemplate is everything the bed creates besides CRDs: nodes, RBAC,
// the demo namespace and the protected kube-system contents.
const clusterTemplate = `
{{- range $i := .Nodes }}
---
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-{{ $i }}
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    type: kwok
    kubernetes.io/arch: amd64
    kubernetes.io/os: linux
    kubernetes.io/hostname: kwok-node-{{ $i }}
    kubernetes.io/role: agent
    node.kubernetes.io/instance-type: kwok.large
    topology.kubernetes.io/region: testbed-1
    topology.kubernetes.io/zone: {{ index $.Zones (zoneIndex $i) }}
spec: {}
{{- end }}
---
apiVersion: v1
kind: Namespace
metadata:
  name: demo
  labels:
    firedrill.dev/demo: "true"
---
apiVersion: v1
kind: Namespace
metadata:
  name: kube-system
  labels:
    firedrill.dev/protected: "true"
---
# where the Chaos Mesh controller looks for chaos-daemon pods (none run)
apiVersion: v1
kind: Namespace
metadata:
  name: chaos-mesh
---
# --- RBAC: the demo service may only read what shapes its behaviour
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: firedrill:demo-service
rules:
- apiGroups: [""]
  resources: [pods, services, endpoints]
  verbs: [get, list, watch]
- apiGroups: [networking.k8s.io]
  resources: [networkpolicies]
  verbs: [get, list, watch]
- apiGroups: [networking.istio.io]
  resources: [virtualservices, destinationrules]
  verbs: [get, list, watch]
- apiGroups: [chaos-mesh.org]
  resources: ["*"]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: firedrill:demo-service
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "firedrill:demo-service"}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "firedrill:demo-service"}
---
# --- RBAC: the "firedrill" identity (group firedrill:operators) may observe
# the whole cluster, cordon nodes, and inject faults in "demo" only.
# kube-system is protected: read-only for it.
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: firedrill:observer
rules:
- apiGroups: ["", apps, policy, networking.k8s.io, discovery.k8s.io, apiextensions.k8s.io, coordination.k8s.io]
  resources: ["*"]
  verbs: [get, list, watch]
- apiGroups: [chaos-mesh.org, networking.istio.io, litmuschaos.io]
  resources: ["*"]
  verbs: [get, list, watch]
- apiGroups: [""]
  resources: [nodes]
  verbs: [get, list, watch, patch, update]
- nonResourceURLs: ["/metrics", "/healthz", "/readyz", "/livez", "/version"]
  verbs: [get]
---
# --- RBAC: Prometheus (group system:monitoring) scrapes the real node's
# kubelet (/metrics, /metrics/cadvisor), which asks the apiserver (webhook).
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: firedrill:kubelet-metrics
rules:
- apiGroups: [""]
  resources: [nodes/metrics, nodes/stats]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: firedrill:kubelet-metrics
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "firedrill:kubelet-metrics"}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:monitoring"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: firedrill:observer
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "firedrill:observer"}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "firedrill:operators"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: firedrill:chaos-operator
rules:
- apiGroups: [""]
  # pods/ephemeralcontainers: the network-delay and stress drivers add an
  # ephemeral container (Pumba's method) to the target pod.
  resources: [pods, pods/eviction, pods/ephemeralcontainers, services, endpoints, configmaps, events]
  verbs: ["*"]
- apiGroups: [apps]
  resources: [deployments, deployments/scale, replicasets, statefulsets, daemonsets]
  verbs: ["*"]
- apiGroups: [policy]
  resources: [poddisruptionbudgets]
  verbs: [get, list, watch]
- apiGroups: [networking.k8s.io]
  resources: [networkpolicies]
  verbs: ["*"]
- apiGroups: [chaos-mesh.org, networking.istio.io, litmuschaos.io]
  resources: ["*"]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: firedrill:chaos-operator
  namespace: demo
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "firedrill:chaos-operator"}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "firedrill:operators"}
{{- range $d := demoDeployments }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $d.Name }}
  namespace: {{ $d.Namespace }}
  labels: {app: {{ $d.Name }}, tier: {{ $d.Tier }}}
spec:
  replicas: {{ $d.Replicas }}
  selector:
    matchLabels: {app: {{ $d.Name }}}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  template:
    metadata:
      labels: {app: {{ $d.Name }}, tier: {{ $d.Tier }}}
      annotations:
        # KWOK marks the pod Ready after this start-up time (see testbed.sh)
        pod-ready.stage.kwok.x-k8s.io/delay: "{{ $d.StartupDelay }}"
    spec:
      terminationGracePeriodSeconds: 5
      automountServiceAccountToken: false
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: ScheduleAnyway
        labelSelector:
          matchLabels: {app: {{ $d.Name }}}
{{- if and $.RealNode (eq $d.Name "checkout") }}
      # One checkout replica runs as a real container on the real node: it
      # tolerates the node's taint and prefers it, and at most one replica
      # fits on any node, so the others stay on KWOK nodes.
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        nodeTaintsPolicy: Honor
        matchLabelKeys: [pod-template-hash]
        labelSelector:
          matchLabels: {app: {{ $d.Name }}}
      tolerations:
      - {key: firedrill.dev/real-node, operator: Exists, effect: NoSchedule}
      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            preference:
              matchExpressions:
              - {key: kubernetes.io/hostname, operator: In, values: [{{ $.RealNode }}]}
{{- end }}
      containers:
      - name: {{ $d.Name }}
        image: registry.firedrill.invalid/{{ $d.Name }}:1.0.0
        # images are built on the bed, there is no registry (KWOK ignores it)
        imagePullPolicy: Never
        env:
        - name: POD_NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        ports:
        - {name: http, containerPort: 8080}
        resources:
          requests: {cpu: 100m, memory: 64Mi}
          limits: {cpu: 500m, memory: 128Mi}
        # Ready after the same start-up time as the KWOK replicas (StartupDelay):
        # the Go server answers within a second, so without the delay a killed
        # real-node pod was replaced before Prometheus could see the dent, and
        # the same pod-kill breached the error ratio or not by the draw.
        readinessProbe:
          httpGet: {path: /healthz, port: http}
          initialDelaySeconds: 3
          periodSeconds: 1
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $d.Name }}
  namespace: {{ $d.Namespace }}
  labels: {app: {{ $d.Name }}}
spec:
  selector: {app: {{ $d.Name }}}
  ports:
  - {name: http, port: 80, targetPort: http}
{{- if $d.PDB }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $d.Name }}
  namespace: {{ $d.Namespace }}
spec:
  {{ $d.PDB }}
  selector:
    matchLabels: {app: {{ $d.Name }}}
{{- end }}
{{- end }}
{{- if .ScaleDeploy }}
---
apiVersion: v1
kind: Namespace
metadata:
  name: scale
  labels:
    firedrill.dev/scale: "true"
{{- range $s := .ScaleDeploy }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $s.Name }}
  namespace: scale
  labels: {app: {{ $s.Name }}}
spec:
  replicas: {{ $s.Replicas }}
  selector:
    matchLabels: {app: {{ $s.Name }}}
  template:
    metadata:
      labels: {app: {{ $s.Name }}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - name: app
        image: registry.firedrill.invalid/bench:1.0.0
        resources:
          requests: {cpu: 10m, memory: 16Mi}
{{- end }}
{{- end }}
`

type demoDeployment struct {
	Name, Namespace, Tier string
	Replicas              int
	PDB                   string
	StartupDelay          string
}

func demoDeployments() []demoDeployment {
	return []demoDeployment{
		{Name: "checkout", Namespace: "demo", Tier: "frontend", Replicas: 3, PDB: "minAvailable: 2", StartupDelay: "3s"},
		{Name: "cart", Namespace: "demo", Tier: "backend", Replicas: 2, PDB: "maxUnavailable: 1", StartupDelay: "2s"},
		{Name: "catalog", Namespace: "demo", Tier: "backend", Replicas: 2, StartupDelay: "2s"},
		{Name: "coredns", Namespace: "kube-system", Tier: "system", Replicas: 2, PDB: "maxUnavailable: 1", StartupDelay: "1s"},
	}
}

func renderCluster(p bootstrapParams) ([]*unstructured.Unstructured, error) {
	t, err := template.New("cluster").Funcs(template.FuncMap{
		"zoneIndex":       func(i int) int { return i % len(p.Zones) },
		"demoDeployments": demoDeployments,
	}).Parse(clusterTemplate)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		return nil, err
	}
	return decodeYAML(&buf)
}

func runBootstrap(args []string) int {
	fs := flag.NewFlagSet("bootstrap", flag.ExitOnError)
	kubeconfig := fs.String("kubeconfig", "", "admin kubeconfig")
	nodes := fs.Int("nodes", 3, "number of fake (KWOK) nodes")
	pods := fs.Int("scale-pods", 0, "scale mode: number of extra pods in namespace 'scale'")
	crdDir := fs.String("crd-dir", "", "directory of CRD manifests (*.yaml) to install")
	wait := fs.Duration("wait", 5*time.Minute, "how long to wait for the demo deployments to be available")
	realNode := fs.String("real-node", "", "name of the real kubelet's node: waited for Ready before the workloads, one checkout replica runs there")
	_ = fs.Parse(args)

	ctx, cancel := context.WithTimeout(context.Background(), *wait+5*time.Minute)
	defer cancel()
	cfg, err := restConfig(*kubeconfig, 200, 400)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bootstrap:", err)
		return 1
	}
	if err := bootstrap(ctx, cfg, *nodes, *pods, *crdDir, *realNode, *wait); err != nil {
		fmt.Fprintln(os.Stderr, "bootstrap:", err)
		return 1
	}
	return 0
}

func bootstrap(ctx context.Context, cfg *rest.Config, nodes, pods int, crdDir, realNode string, wait time.Duration) error {
	start := time.Now()
	logf := func(format string, a ...interface{}) {
		fmt.Fprintf(os.Stderr, "bootstrap [%5.1fs] %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, a...))
	}
	ap, err := newApplier(cfg)
	if err != nil {
		return err
	}
	// 1. CRDs from the vendors' own manifests
	if crdDir != "" {
		files, _ := filepath.Glob(filepath.Join(crdDir, "*.yaml"))
		sort.Strings(files)
		var names []string
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			objs, err := decodeYAML(bytes.NewReader(b))
			if err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			var crds []*unstructured.Unstructured
			for _, o := range objs {
				if o.GetKind() == "CustomResourceDefinition" {
					crds = append(crds, o)
					names = append(names, o.GetName())
				}
			}
			if err := ap.apply(ctx, crds); err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			logf("applied %d CRDs from %s", len(crds), filepath.Base(f))
		}
		if err := ap.waitCRDsEstablished(ctx, names); err != nil {
			return err
		}
		logf("%d CRDs established", len(names))
	}

	// 2. nodes, RBAC, namespaces, demo workloads
	p := bootstrapParams{Zones: []string{"testbed-1a", "testbed-1b", "testbed-1c"}, RealNode: realNode}
	for i := 0; i < nodes; i++ {
		p.Nodes = append(p.Nodes, i)
	}
	for left, i := pods, 0; left > 0; i++ {
		n := min(left, 100)
		p.ScaleDeploy = append(p.ScaleDeploy, scaleDeploy{Name: fmt.Sprintf("bench-%03d", i), Replicas: n})
		left -= n
	}
	objs, err := renderCluster(p)
	if err != nil {
		return err
	}
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	// The real node must be Ready before the workloads exist, or the
	// scheduler places every checkout replica on KWOK nodes.
	if realNode != "" {
		if err := waitNodeReady(ctx, cs, realNode, 2*time.Minute); err != nil {
			return err
		}
		logf("real node %s is Ready", realNode)
	}
	if err := ap.apply(ctx, objs); err != nil {
		return err
	}
	logf("applied %d objects (%d nodes)", len(objs), nodes)

	// 3. wait for the workloads to be really available
	deadline := time.Now().Add(wait)
	for {
		var pending []string
		for _, d := range demoDeployments() {
			dep, err := cs.AppsV1().Deployments(d.Namespace).Get(ctx, d.Name, metav1.GetOptions{})
			if err != nil || dep.Status.AvailableReplicas < int32(d.Replicas) {
				pending = append(pending, d.Namespace+"/"+d.Name)
			}
		}
		if pods > 0 {
			sum := 0
			for _, s := range p.ScaleDeploy {
				dep, err := cs.AppsV1().Deployments("scale").Get(ctx, s.Name, metav1.GetOptions{})
				if err == nil {
					sum += int(dep.Status.AvailableReplicas)
				}
			}
			if sum < pods {
				pending = append(pending, fmt.Sprintf("scale (%d/%d pods available)", sum, pods))
			}
		}
		if len(pending) == 0 {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not available after %s: %s", wait, strings.Join(pending, ", "))
		}
		time.Sleep(500 * time.Millisecond)
	}
	logf("demo deployments available")
	return nil
}

func waitNodeReady(ctx context.Context, cs kubernetes.Interface, name string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		n, err := cs.CoreV1().Nodes().Get(ctx, name, metav1.GetOptions{})
		if err == nil {
			for _, c := range n.Status.Conditions {
				if c.Type == "Ready" && c.Status == "True" {
					return nil
				}
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("real node %s not Ready after %s (kubelet log: .state/logs/kubelet.log)", name, timeout)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// runWaitReady polls the apiserver's /readyz until it answers ok.
func runWaitReady(args []string) int {
	fs := flag.NewFlagSet("wait-ready", flag.ExitOnError)
	kubeconfig := fs.String("kubeconfig", "", "admin kubeconfig")
	timeout := fs.Duration("timeout", 60*time.Second, "timeout")
	_ = fs.Parse(args)
	cfg, err := restConfig(*kubeconfig, 50, 100)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	deadline := time.Now().Add(*timeout)
	var last error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		body, err := cs.Discovery().RESTClient().Get().AbsPath("/readyz").DoRaw(ctx)
		cancel()
		if err == nil && strings.TrimSpace(string(body)) == "ok" {
			return 0
		}
		last = err
		if apierrors.IsUnauthorized(err) || apierrors.IsForbidden(err) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	fmt.Fprintln(os.Stderr, "wait-ready: apiserver not ready:", last)
	return 1
}

package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/time/rate"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/tools/cache"
)

// The demo service plays the ingress gateway in front of the "checkout"
// deployment. KWOK pods run no process, so this service answers for them and
// derives its behaviour from the cluster, the way a real gateway would see it:
//   - capacity from Ready app=checkout pods (0 ready -> 503 no healthy upstream)
//   - Istio VirtualService faults (delay/abort) and timeouts for host checkout
//   - Chaos Mesh NetworkChaos (delay/loss/partition) and HTTPChaos
//     (abort/delay/replace) whose selector picks checkout pods
//   - NetworkPolicies in the namespace that cut the pods off (504 after a
//     connect timeout)
//
// Requests routed to a pod on the bed's real node (--real-node) are really
// sent to that pod's container (http://<pod IP>:8080/), so its real state
// (killed, starved of CPU, not Ready) shapes the answer.

var (
	gvrPods     = schema.GroupVersionResource{Version: "v1", Resource: "pods"}
	gvrNetPol   = schema.GroupVersionResource{Group: "networking.k8s.io", Version: "v1", Resource: "networkpolicies"}
	gvrVS       = schema.GroupVersionResource{Group: "networking.istio.io", Version: "v1", Resource: "virtualservices"}
	gvrNetChaos = schema.GroupVersionResource{Group: "chaos-mesh.org", Version: "v1alpha1", Resource: "networkchaos"}
	gvrHTTPChao = schema.GroupVersionResource{Group: "chaos-mesh.org", Version: "v1alpha1", Resource: "httpchaos"}
)

const connectTimeout = time.Second

// podEffect is what chaos does to requests routed to one pod.
type podEffect struct {
	Unreachable string        `json:"unreachable,omitempty"` // reason: networkpolicy/partition
	Delay       time.Duration `json:"delay,omitempty"`
	Jitter      time.Duration `json:"jitter,omitempty"`
	LossPct     float64       `json:"lossPct,omitempty"`
	HTTPAbort   bool          `json:"httpAbort,omitempty"`
	HTTPDelay   time.Duration `json:"httpDelay,omitempty"`
	HTTPCode    int           `json:"httpCode,omitempty"`
}

type vsFault struct {
	Name      string        `json:"name"`
	DelayPct  float64       `json:"delayPct,omitempty"`
	Delay     time.Duration `json:"delay,omitempty"`
	AbortPct  float64       `json:"abortPct,omitempty"`
	AbortCode int           `json:"abortCode,omitempty"`
	Timeout   time.Duration `json:"timeout,omitempty"`
}

type snapshot struct {
	Service     string               `json:"service"`
	ReadyPods   []string             `json:"readyPods"`
	RealPods    map[string]string    `json:"realPods,omitempty"` // pod name -> IP, on the real node
	Capacity    float64              `json:"capacityRps"`
	VS          *vsFault             `json:"virtualService,omitempty"`
	PodEffects  map[string]podEffect `json:"podEffects,omitempty"`
	Faults      []string             `json:"activeFaults"`
	faultCounts map[string]int
}

type demo struct {
	service, namespace string
	realNode           string
	upstream           *http.Client
	selector           labels.Selector
	perPodRPS          float64

	informers map[schema.GroupVersionResource]cache.SharedIndexInformer
	snap      atomic.Pointer[snapshot]
	limiter   *rate.Limiter
	inflight  atomic.Int64

	requests   *prometheus.CounterVec
	duration   *prometheus.HistogramVec
	ready      prometheus.Gauge
	capacity   prometheus.Gauge
	faults     *prometheus.GaugeVec
	lgRequests *prometheus.CounterVec
	lgDuration *prometheus.HistogramVec
}

func runDemoService(args []string) int {
	fs := flag.NewFlagSet("demo-service", flag.ExitOnError)
	kubeconfig := fs.String("kubeconfig", "", "kubeconfig of the demo-service identity")
	listen := fs.String("listen", "127.0.0.1:18080", "listen address (loopback only)")
	ns := fs.String("namespace", "demo", "namespace of the checkout deployment")
	svc := fs.String("service", "checkout", "service name (pods labelled app=<service>)")
	perPod := fs.Float64("pod-rps", 10, "requests/s one Ready pod can serve")
	rps := fs.Float64("load-rps", 20, "built-in load generator rate (0 disables)")
	realNode := fs.String("real-node", "", "node whose pods run real containers: requests routed to them are proxied to <pod IP>:8080")
	_ = fs.Parse(args)

	host, _, err := net.SplitHostPort(*listen)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		fmt.Fprintln(os.Stderr, "demo-service: --listen must be a loopback address")
		return 2
	}
	cfg, err := restConfig(*kubeconfig, 20, 40)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	d := newDemo(*svc, *ns, *perPod)
	d.realNode = *realNode
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		d.requests, d.duration, d.ready, d.capacity, d.faults, d.lgRequests, d.lgDuration)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	d.startInformers(ctx, dyn)

	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	mux.HandleFunc("/state", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(d.snap.Load())
	})
	mux.HandleFunc("/", d.serve)
	srv := &http.Server{Addr: *listen, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "demo-service:", err)
		return 1
	}
	go func() { _ = srv.Serve(ln) }()
	fmt.Fprintf(os.Stderr, "demo-service: serving %s on http://%s (load %.0f rps)\n", *svc, *listen, *rps)
	if *rps > 0 {
		go d.loadgen(ctx, "http://"+*listen+"/", *rps)
	}
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	return 0
}

func newDemo(svc, ns string, perPod float64) *demo {
	d := &demo{
		service: svc, namespace: ns, perPodRPS: perPod,
		selector: labels.SelectorFromSet(labels.Set{"app": svc}),
		limiter:  rate.NewLimiter(0, 1),
		upstream: &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
			DialContext: (&net.Dialer{Timeout: connectTimeout}).DialContext, MaxIdleConnsPerHost: 20}},
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_requests_total", Help: "Requests answered by the demo service, by status code.",
			ConstLabels: prometheus.Labels{"service": svc}}, []string{"code", "method"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "http_request_duration_seconds", Help: "Latency of requests answered by the demo service.",
			ConstLabels: prometheus.Labels{"service": svc},
			Buckets:     []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"code"}),
		ready: prometheus.NewGauge(prometheus.GaugeOpts{Name: "demo_service_ready_replicas",
			Help: "Ready pods backing the service.", ConstLabels: prometheus.Labels{"service": svc}}),
		capacity: prometheus.NewGauge(prometheus.GaugeOpts{Name: "demo_service_capacity_rps",
			Help: "Requests/s the Ready pods can serve.", ConstLabels: prometheus.Labels{"service": svc}}),
		faults: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "demo_service_active_faults",
			Help: "Faults currently affecting the service, by kind.", ConstLabels: prometheus.Labels{"service": svc}}, []string{"kind"}),
		lgRequests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "loadgen_requests_total",
			Help: "Requests sent by the built-in load generator, by outcome.", ConstLabels: prometheus.Labels{"service": svc}}, []string{"code"}),
		lgDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "loadgen_request_duration_seconds",
			Help: "Client-side latency seen by the load generator.", ConstLabels: prometheus.Labels{"service": svc},
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{}),
	}
	for _, k := range []string{"virtualservice", "networkchaos", "httpchaos", "networkpolicy"} {
		d.faults.WithLabelValues(k).Set(0)
	}
	d.snap.Store(&snapshot{Service: svc, faultCounts: map[string]int{}})
	return d
}

func (d *demo) startInformers(ctx context.Context, dyn dynamic.Interface) {
	d.informers = map[schema.GroupVersionResource]cache.SharedIndexInformer{}
	podFactory := dynamicinformer.NewFilteredDynamicSharedInformerFactory(dyn, 0, d.namespace,
		func(o *metav1.ListOptions) { o.LabelSelector = d.selector.String() })
	d.informers[gvrPods] = podFactory.ForResource(gvrPods).Informer()
	d.informers[gvrNetPol] = dynamicinformer.NewFilteredDynamicSharedInformerFactory(dyn, 0, d.namespace, nil).
		ForResource(gvrNetPol).Informer()
	all := dynamicinformer.NewDynamicSharedInformerFactory(dyn, 0)
	for _, g := range []schema.GroupVersionResource{gvrVS, gvrNetChaos, gvrHTTPChao} {
		d.informers[g] = all.ForResource(g).Informer()
	}
	kick := make(chan struct{}, 1)
	h := cache.ResourceEventHandlerFuncs{
		AddFunc:    func(interface{}) { trigger(kick) },
		UpdateFunc: func(interface{}, interface{}) { trigger(kick) },
		DeleteFunc: func(interface{}) { trigger(kick) },
	}
	for g, inf := range d.informers {
		_ = inf.SetWatchErrorHandler(func(_ *cache.Reflector, err error) {
			fmt.Fprintf(os.Stderr, "demo-service: watch %s: %v\n", g.Resource, err)
		})
		_, _ = inf.AddEventHandler(h)
		go inf.Run(ctx.Done())
	}
	cache.WaitForCacheSync(ctx.Done(), d.informers[gvrPods].HasSynced)
	d.recompute()
	go func() {
		t := time.NewTicker(time.Second) // durations of chaos objects expire with time
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-kick:
			case <-t.C:
			}
			d.recompute()
		}
	}()
}

func trigger(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

func list(inf cache.SharedIndexInformer) []*unstructured.Unstructured {
	var out []*unstructured.Unstructured
	if inf == nil {
		return out
	}
	for _, o := range inf.GetStore().List() {
		if u, ok := o.(*unstructured.Unstructured); ok {
			out = append(out, u)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].GetNamespace()+"/"+out[i].GetName() < out[j].GetNamespace()+"/"+out[j].GetName()
	})
	return out
}

func podReady(p *unstructured.Unstructured) bool {
	if p.GetDeletionTimestamp() != nil {
		return false
	}
	conds, _, _ := unstructured.NestedSlice(p.Object, "status", "conditions")
	for _, c := range conds {
		if m, ok := c.(map[string]interface{}); ok && m["type"] == "Ready" {
			return m["status"] == "True"
		}
	}
	return false
}

func parseDur(s string) time.Duration {
	if s == "" {
		return 0
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0
	}
	return d
}

func parsePct(v interface{}) float64 {
	switch x := v.(type) {
	case string:
		f, _ := strconv.ParseFloat(strings.TrimSuffix(x, "%"), 64)
		return f
	case float64:
		return x
	case int64:
		return float64(x)
	}
	return 0
}

func (d *demo) recompute() {
	var ready []*unstructured.Unstructured
	for _, p := range list(d.informers[gvrPods]) {
		if d.selector.Matches(labels.Set(p.GetLabels())) && podReady(p) {
			ready = append(ready, p)
		}
	}
	s := &snapshot{Service: d.service, PodEffects: map[string]podEffect{}, RealPods: map[string]string{}, faultCounts: map[string]int{}}
	for _, p := range ready {
		s.ReadyPods = append(s.ReadyPods, p.GetName())
		node, _, _ := unstructured.NestedString(p.Object, "spec", "nodeName")
		ip, _, _ := unstructured.NestedString(p.Object, "status", "podIP")
		if d.realNode != "" && node == d.realNode && ip != "" {
			s.RealPods[p.GetName()] = ip
		}
	}
	s.Capacity = float64(len(ready)) * d.perPodRPS
	now := time.Now()

	// Istio VirtualService for host checkout
	for _, vs := range list(d.informers[gvrVS]) {
		if f := d.vsFaultOf(vs); f != nil {
			s.VS = f
			s.Faults = append(s.Faults, "VirtualService "+vs.GetNamespace()+"/"+vs.GetName())
			s.faultCounts["virtualservice"]++
			break
		}
	}
	// NetworkPolicies
	for _, np := range list(d.informers[gvrNetPol]) {
		sel, denies := netpolDenies(np)
		if !denies {
			continue
		}
		hit := false
		for _, p := range ready {
			if sel.Matches(labels.Set(p.GetLabels())) {
				e := s.PodEffects[p.GetName()]
				e.Unreachable = "networkpolicy " + np.GetName()
				s.PodEffects[p.GetName()] = e
				hit = true
			}
		}
		if hit {
			s.Faults = append(s.Faults, "NetworkPolicy "+np.GetNamespace()+"/"+np.GetName())
			s.faultCounts["networkpolicy"]++
		}
	}
	// Chaos Mesh
	for _, c := range list(d.informers[gvrNetChaos]) {
		targets := chaosTargets(c, ready, now)
		if len(targets) == 0 {
			continue
		}
		action, _, _ := unstructured.NestedString(c.Object, "spec", "action")
		for _, name := range targets {
			e := s.PodEffects[name]
			switch action {
			case "delay":
				lat, _, _ := unstructured.NestedString(c.Object, "spec", "delay", "latency")
				jit, _, _ := unstructured.NestedString(c.Object, "spec", "delay", "jitter")
				e.Delay += parseDur(lat)
				e.Jitter += parseDur(jit)
			case "loss":
				v, _, _ := unstructured.NestedFieldNoCopy(c.Object, "spec", "loss", "loss")
				e.LossPct = max(e.LossPct, parsePct(v))
			case "partition":
				e.Unreachable = "networkchaos partition " + c.GetName()
			case "bandwidth":
				e.Delay += 50 * time.Millisecond
			case "corrupt":
				v, _, _ := unstructured.NestedFieldNoCopy(c.Object, "spec", "corrupt", "corrupt")
				e.LossPct = max(e.LossPct, parsePct(v))
			default:
				continue
			}
			s.PodEffects[name] = e
		}
		s.Faults = append(s.Faults, fmt.Sprintf("NetworkChaos %s/%s (%s, %d pods)", c.GetNamespace(), c.GetName(), action, len(targets)))
		s.faultCounts["networkchaos"]++
	}
	for _, c := range list(d.informers[gvrHTTPChao]) {
		targets := chaosTargets(c, ready, now)
		if len(targets) == 0 {
			continue
		}
		abort, _, _ := unstructured.NestedBool(c.Object, "spec", "abort")
		delay, _, _ := unstructured.NestedString(c.Object, "spec", "delay")
		code, _, _ := unstructured.NestedInt64(c.Object, "spec", "replace", "code")
		for _, name := range targets {
			e := s.PodEffects[name]
			e.HTTPAbort = e.HTTPAbort || abort
			e.HTTPDelay += parseDur(delay)
			if code > 0 {
				e.HTTPCode = int(code)
			}
			s.PodEffects[name] = e
		}
		s.Faults = append(s.Faults, fmt.Sprintf("HTTPChaos %s/%s (%d pods)", c.GetNamespace(), c.GetName(), len(targets)))
		s.faultCounts["httpchaos"]++
	}

	d.limiter.SetLimit(rate.Limit(s.Capacity))
	d.limiter.SetBurst(max(1, int(s.Capacity/2)))
	d.ready.Set(float64(len(ready)))
	d.capacity.Set(s.Capacity)
	for _, k := range []string{"virtualservice", "networkchaos", "httpchaos", "networkpolicy"} {
		d.faults.WithLabelValues(k).Set(float64(s.faultCounts[k]))
	}
	d.snap.Store(s)
}

// vsFaultOf returns the fault of the first HTTP route of a VirtualService
// whose hosts name the service.
func (d *demo) vsFaultOf(vs *unstructured.Unstructured) *vsFault {
	hosts, _, _ := unstructured.NestedStringSlice(vs.Object, "spec", "hosts")
	match := false
	for _, h := range hosts {
		short := h == d.service && vs.GetNamespace() == d.namespace
		if short || h == d.service+"."+d.namespace || strings.HasPrefix(h, d.service+"."+d.namespace+".svc") {
			match = true
		}
	}
	if !match {
		return nil
	}
	routes, _, _ := unstructured.NestedSlice(vs.Object, "spec", "http")
	for _, r := range routes {
		rm, ok := r.(map[string]interface{})
		if !ok {
			continue
		}
		f := &vsFault{Name: vs.GetNamespace() + "/" + vs.GetName()}
		if t, ok := rm["timeout"].(string); ok {
			f.Timeout = parseDur(t)
		}
		if delay, ok, _ := unstructured.NestedMap(rm, "fault", "delay"); ok {
			fd, _ := delay["fixedDelay"].(string)
			f.Delay = parseDur(fd)
			f.DelayPct = pctOf(delay)
		}
		if abort, ok, _ := unstructured.NestedMap(rm, "fault", "abort"); ok {
			code, _ := abort["httpStatus"].(int64)
			f.AbortCode = int(code)
			f.AbortPct = pctOf(abort)
		}
		if f.Delay > 0 || f.AbortCode > 0 || f.Timeout > 0 {
			return f
		}
		return nil
	}
	return nil
}

// pctOf reads Istio's percentage.value (or the deprecated integer percent);
// a fault without either applies to every request.
func pctOf(m map[string]interface{}) float64 {
	if p, ok, _ := unstructured.NestedFieldNoCopy(m, "percentage", "value"); ok {
		return parsePct(p)
	}
	if p, ok := m["percent"]; ok {
		return parsePct(p)
	}
	return 100
}

// netpolDenies reports whether a NetworkPolicy blocks ingress from the
// gateway (which lives outside the namespace, on 127.0.0.1) to its pods.
func netpolDenies(np *unstructured.Unstructured) (labels.Selector, bool) {
	ps, _, _ := unstructured.NestedMap(np.Object, "spec", "podSelector")
	var ls metav1.LabelSelector
	if err := runtimeFromMap(ps, &ls); err != nil {
		return nil, false
	}
	sel, err := metav1.LabelSelectorAsSelector(&ls)
	if err != nil {
		return nil, false
	}
	types, _, _ := unstructured.NestedStringSlice(np.Object, "spec", "policyTypes")
	ingressPolicy := len(types) == 0
	for _, t := range types {
		if t == "Ingress" {
			ingressPolicy = true
		}
	}
	if !ingressPolicy {
		return sel, false
	}
	rules, _, _ := unstructured.NestedSlice(np.Object, "spec", "ingress")
	for _, r := range rules {
		rm, _ := r.(map[string]interface{})
		from, _ := rm["from"].([]interface{})
		if len(from) == 0 {
			return sel, false // allows every source
		}
		for _, f := range from {
			fm, _ := f.(map[string]interface{})
			if nsSel, ok := fm["namespaceSelector"].(map[string]interface{}); ok && len(nsSel) == 0 && fm["podSelector"] == nil {
				return sel, false // every namespace
			}
			if ip, ok, _ := unstructured.NestedString(fm, "ipBlock", "cidr"); ok {
				if _, n, err := net.ParseCIDR(ip); err == nil && n.Contains(net.ParseIP("127.0.0.1")) {
					return sel, false
				}
			}
		}
	}
	return sel, true
}

func runtimeFromMap(m map[string]interface{}, out interface{}) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// chaosTargets returns the Ready pods a Chaos Mesh object affects, honouring
// its selector, mode/value, pause annotation and duration.
func chaosTargets(c *unstructured.Unstructured, ready []*unstructured.Unstructured, now time.Time) []string {
	if c.GetDeletionTimestamp() != nil || c.GetAnnotations()["experiment.chaos-mesh.org/pause"] == "true" {
		return nil
	}
	if dur, ok, _ := unstructured.NestedString(c.Object, "spec", "duration"); ok {
		if d := parseDur(dur); d > 0 && c.GetCreationTimestamp().Add(d).Before(now) {
			return nil
		}
	}
	nss, _, _ := unstructured.NestedStringSlice(c.Object, "spec", "selector", "namespaces")
	if len(nss) == 0 {
		nss = []string{c.GetNamespace()}
	}
	lsel, _, _ := unstructured.NestedStringMap(c.Object, "spec", "selector", "labelSelectors")
	exprs, _, _ := unstructured.NestedSlice(c.Object, "spec", "selector", "expressionSelectors")
	var ls metav1.LabelSelector
	ls.MatchLabels = lsel
	for _, e := range exprs {
		em, _ := e.(map[string]interface{})
		var r metav1.LabelSelectorRequirement
		if runtimeFromMap(em, &r) == nil {
			ls.MatchExpressions = append(ls.MatchExpressions, r)
		}
	}
	sel, err := metav1.LabelSelectorAsSelector(&ls)
	if err != nil {
		return nil
	}
	explicit, _, _ := unstructured.NestedMap(c.Object, "spec", "selector", "pods")
	var matched []string
	for _, p := range ready {
		if names, ok := explicit[p.GetNamespace()].([]interface{}); ok {
			for _, n := range names {
				if n == p.GetName() {
					matched = append(matched, p.GetName())
				}
			}
			continue
		}
		if len(explicit) > 0 || len(lsel) == 0 && len(exprs) == 0 {
			continue // an empty selector selects nothing here, as a safety net
		}
		inNS := false
		for _, ns := range nss {
			inNS = inNS || ns == p.GetNamespace()
		}
		if inNS && sel.Matches(labels.Set(p.GetLabels())) {
			matched = append(matched, p.GetName())
		}
	}
	mode, _, _ := unstructured.NestedString(c.Object, "spec", "mode")
	valStr, _, _ := unstructured.NestedString(c.Object, "spec", "value")
	val, _ := strconv.ParseFloat(valStr, 64)
	n := len(matched)
	switch mode {
	case "one":
		n = min(1, n)
	case "fixed":
		n = min(int(val), n)
	case "fixed-percent", "random-max-percent":
		n = min(n, int(float64(n)*val/100+0.5))
	}
	return matched[:n]
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func (d *demo) serve(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	code, msg := d.handle(r)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_, _ = fmt.Fprintf(w, "{\"service\":%q,\"code\":%d,\"message\":%q}\n", d.service, code, msg)
	c := strconv.Itoa(code)
	d.requests.WithLabelValues(c, r.Method).Inc()
	d.duration.WithLabelValues(c).Observe(time.Since(start).Seconds())
}

func (d *demo) handle(r *http.Request) (int, string) {
	ctx := r.Context()
	s := d.snap.Load()
	start := time.Now()
	timeout := time.Duration(0)
	if s.VS != nil {
		timeout = s.VS.Timeout
		if s.VS.AbortCode > 0 && rand.Float64()*100 < s.VS.AbortPct {
			return s.VS.AbortCode, "fault filter abort"
		}
		if s.VS.Delay > 0 && rand.Float64()*100 < s.VS.DelayPct {
			if !d.wait(ctx, s.VS.Delay, timeout, start) {
				return http.StatusGatewayTimeout, "upstream request timeout"
			}
		}
	}
	if len(s.ReadyPods) == 0 {
		return http.StatusServiceUnavailable, "no healthy upstream"
	}
	if !d.limiter.Allow() {
		return http.StatusServiceUnavailable, "upstream overloaded"
	}
	pod := s.ReadyPods[rand.IntN(len(s.ReadyPods))]
	e := s.PodEffects[pod]
	if e.Unreachable != "" {
		_ = d.wait(ctx, connectTimeout, timeout, start)
		return http.StatusGatewayTimeout, "upstream connect timeout: " + e.Unreachable
	}
	if e.LossPct > 0 && rand.Float64()*100 < e.LossPct {
		_ = d.wait(ctx, connectTimeout, timeout, start)
		return http.StatusGatewayTimeout, "upstream connect timeout: packet loss"
	}
	// service time grows with utilisation of the remaining pods
	util := 0.0
	if s.Capacity > 0 {
		util = min(0.95, float64(d.inflight.Add(1))/max(1, s.Capacity/20))
		defer d.inflight.Add(-1)
	}
	base := time.Duration(float64(15*time.Millisecond) * (1 + 3*util*util))
	lat := base + time.Duration(rand.Int64N(int64(10*time.Millisecond)))
	lat += e.Delay + e.HTTPDelay
	if e.Jitter > 0 {
		lat += time.Duration(rand.Int64N(int64(e.Jitter)))
	}
	if ip, ok := s.RealPods[pod]; ok {
		// a real container: its own service time replaces the modelled one
		if !d.wait(ctx, e.Delay+e.HTTPDelay, timeout, start) {
			return http.StatusGatewayTimeout, "upstream request timeout"
		}
		if code, msg := d.forward(ctx, pod, ip); code != http.StatusOK {
			return code, msg
		}
	} else if !d.wait(ctx, lat, timeout, start) {
		return http.StatusGatewayTimeout, "upstream request timeout"
	}
	if e.HTTPAbort {
		return http.StatusBadGateway, "upstream connection reset (httpchaos abort) from " + pod
	}
	if e.HTTPCode > 0 {
		return e.HTTPCode, "replaced by httpchaos from " + pod
	}
	return http.StatusOK, "order accepted by " + pod
}

// forward sends the request to the real container of pod at ip.
func (d *demo) forward(ctx context.Context, pod, ip string) (int, string) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+net.JoinHostPort(ip, "8080")+"/", nil)
	resp, err := d.upstream.Do(req)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return http.StatusGatewayTimeout, "upstream timeout from " + pod + ": " + err.Error()
		}
		return http.StatusBadGateway, "upstream connect error from " + pod + ": " + err.Error()
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, fmt.Sprintf("upstream %s answered %d", pod, resp.StatusCode)
	}
	return http.StatusOK, "order accepted by " + pod
}

// wait sleeps d, capped by the route timeout; false if the timeout hit.
func (d *demo) wait(ctx context.Context, dur, timeout time.Duration, start time.Time) bool {
	if timeout > 0 {
		left := timeout - time.Since(start)
		if dur > left {
			sleepCtx(ctx, left)
			return false
		}
	}
	return sleepCtx(ctx, dur)
}

// loadgen sends a steady, bounded request rate to the service on loopback.
func (d *demo) loadgen(ctx context.Context, url string, rps float64) {
	client := &http.Client{Timeout: 10 * time.Second}
	tick := time.NewTicker(time.Duration(float64(time.Second) / rps))
	defer tick.Stop()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 200) // bounded concurrency
	for {
		select {
		case <-ctx.Done():
			wg.Wait()
			return
		case <-tick.C:
		}
		select {
		case sem <- struct{}{}:
		default:
			d.lgRequests.WithLabelValues("dropped").Inc()
			continue
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			start := time.Now()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			resp, err := client.Do(req)
			code := "error"
			if err == nil {
				code = strconv.Itoa(resp.StatusCode)
				_ = resp.Body.Close()
			}
			if ctx.Err() != nil {
				return
			}
			d.lgRequests.WithLabelValues(code).Inc()
			d.lgDuration.WithLabelValues().Observe(time.Since(start).Seconds())
		}()
	}
}

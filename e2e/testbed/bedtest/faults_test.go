package bedtest

import (
	"fmt"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

var networkPolicyGVR = schema.GroupVersionResource{Group: "networking.k8s.io", Version: "v1", Resource: "networkpolicies"}

// codeTotal is the Prometheus counter of demo-service answers with a code.
func codeTotal(code string) string {
	return fmt.Sprintf(`sum(http_requests_total{job="demo-service",service="checkout",code=%q}) or vector(0)`, code)
}

// withFault creates obj in the demo namespace, waits until the demo service
// reports it as active, runs check, then deletes it and waits until the
// service reports no fault.
func withFault(t *testing.T, gvr schema.GroupVersionResource, y string, check func()) {
	ctx := ctxT(t)
	ns := env.DemoNamespace
	o := obj(t, y)
	if _, err := dyn.Resource(gvr).Namespace(ns).Create(ctx, o, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	removed := false
	remove := func() {
		if !removed {
			removed = true
			_ = dyn.Resource(gvr).Namespace(ns).Delete(ctxT(t), o.GetName(), metav1.DeleteOptions{})
		}
	}
	t.Cleanup(remove)
	eventually(t, "demo service sees the fault", func() (bool, error) {
		return len(demoState(t).Faults) > 0, nil
	})
	check()
	remove()
	eventually(t, "fault cleared", func() (bool, error) {
		return len(demoState(t).Faults) == 0, nil
	})
}

func TestIstioAbortFaultRaisesErrorRate(t *testing.T) {
	before, _, err := promQuery(codeTotal("503"))
	if err != nil {
		t.Fatal(err)
	}
	withFault(t, virtualServiceGVR, `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bedtest-abort}
spec:
  hosts: [checkout]
  http:
  - fault:
      abort: {httpStatus: 503, percentage: {value: 100}}
    route:
    - destination: {host: checkout}
`, func() {
		eventually(t, "503 counter rises in Prometheus", func() (bool, error) {
			v, _, err := promQuery(codeTotal("503"))
			return v > before+10, err
		})
		eventually(t, "active fault gauge in Prometheus", func() (bool, error) {
			v, ok, err := promQuery(`demo_service_active_faults{kind="virtualservice"}`)
			return ok && v == 1, err
		})
	})
}

func TestNetworkPolicyCutsServiceOff(t *testing.T) {
	before, _, err := promQuery(codeTotal("504"))
	if err != nil {
		t.Fatal(err)
	}
	withFault(t, networkPolicyGVR, `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: bedtest-deny-checkout}
spec:
  podSelector: {matchLabels: {app: checkout}}
  policyTypes: [Ingress]
`, func() {
		eventually(t, "504 (connect timeout) counter rises in Prometheus", func() (bool, error) {
			v, _, err := promQuery(codeTotal("504"))
			return v > before+5, err
		})
	})
}

func TestNetworkChaosDelayRaisesLatency(t *testing.T) {
	const p90 = `histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket{job="demo-service",code="200"}[5s])))`
	withFault(t, networkChaosGVR, `
apiVersion: chaos-mesh.org/v1alpha1
kind: NetworkChaos
metadata: {name: bedtest-delay}
spec:
  action: delay
  mode: all
  selector:
    namespaces: [demo]
    labelSelectors: {app: checkout}
  delay: {latency: 400ms}
  duration: 10m
`, func() {
		eventually(t, "p90 latency of successful requests above 400ms", func() (bool, error) {
			v, ok, err := promQuery(p90)
			return ok && v > 0.4, err
		})
	})
}

var httpChaosGVR = schema.GroupVersionResource{Group: "chaos-mesh.org", Version: "v1alpha1", Resource: "httpchaos"}

func TestHTTPChaosAbortOnOnePodRaisesBadGateways(t *testing.T) {
	before, _, err := promQuery(codeTotal("502"))
	if err != nil {
		t.Fatal(err)
	}
	withFault(t, httpChaosGVR, `
apiVersion: chaos-mesh.org/v1alpha1
kind: HTTPChaos
metadata: {name: bedtest-abort-one}
spec:
  mode: one
  selector:
    labelSelectors: {app: checkout}
  target: Request
  port: 8080
  abort: true
  duration: 10m
`, func() {
		eventually(t, "502 counter rises in Prometheus", func() (bool, error) {
			v, _, err := promQuery(codeTotal("502"))
			return v > before+5, err
		})
		// only one of three pods is hit: most requests still succeed
		eventually(t, "the other pods keep answering 200", func() (bool, error) {
			v, ok, err := promQuery(`sum(rate(http_requests_total{job="demo-service",code="200"}[5s]))`)
			return ok && v > 0, err
		})
	})
}

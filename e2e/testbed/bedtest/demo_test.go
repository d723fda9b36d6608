package bedtest

import (
	"encoding/json"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

const (
	errorsTotal = `sum(http_requests_total{job="demo-service",service="checkout",code=~"5.."}) or vector(0)`
	readyGauge  = `demo_service_ready_replicas{job="demo-service",service="checkout"}`
)

func demoState(t *testing.T) (st struct {
	ReadyPods []string `json:"readyPods"`
	Faults    []string `json:"activeFaults"`
}) {
	resp, err := client.Get(env.DemoService + "/state")
	if err != nil {
		t.Logf("demo state: %v", err)
		return
	}
	defer resp.Body.Close()
	_ = json.NewDecoder(resp.Body).Decode(&st)
	return
}

func TestPrometheusAnswersPromQLAboutDemoService(t *testing.T) {
	eventually(t, "demo service scraped and serving traffic", func() (bool, error) {
		v, ok, err := promQuery(`sum(rate(http_requests_total{job="demo-service",service="checkout"}[15s]))`)
		return ok && v > 0, err
	})
	eventually(t, "latency histogram present", func() (bool, error) {
		v, ok, err := promQuery(`histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout"}[15s])))`)
		return ok && v > 0, err
	})
	eventually(t, "ready replicas gauge reports 3", func() (bool, error) {
		v, ok, err := promQuery(readyGauge)
		return ok && v == 3, err
	})
	eventually(t, "apiserver scraped with its client certificate", func() (bool, error) {
		v, ok, err := promQuery(`up{job="apiserver"}`)
		return ok && v == 1, err
	})
}

func TestErrorRateRisesWhenAllPodsDeleted(t *testing.T) {
	ctx := ctxT(t)
	ns := env.DemoNamespace
	eventually(t, "checkout healthy before the kill", func() (bool, error) {
		v, ok, err := promQuery(readyGauge)
		return ok && v == 3 && len(readyPods(t, ns, "app=checkout")) == 3, err
	})
	before, _, err := promQuery(errorsTotal)
	if err != nil {
		t.Fatal(err)
	}
	if err := kube.CoreV1().Pods(ns).DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "app=checkout"}); err != nil {
		t.Fatal(err)
	}
	t.Logf("deleted all checkout pods; 5xx so far: %v", before)
	eventually(t, "the 5xx counter in Prometheus rises", func() (bool, error) {
		v, _, err := promQuery(errorsTotal)
		return v > before, err
	})
	eventually(t, "the ReplicaSet recovers: 3 ready pods, gauge back to 3", func() (bool, error) {
		v, ok, err := promQuery(readyGauge)
		return ok && v == 3 && len(readyPods(t, ns, "app=checkout")) == 3 && len(demoState(t).ReadyPods) == 3, err
	})
	after, _, _ := promQuery(errorsTotal)
	t.Logf("5xx total went from %v to %v", before, after)
	// once recovered, requests succeed again
	eventually(t, "requests succeed after recovery", func() (bool, error) {
		resp, err := client.Get(env.DemoService + "/")
		if err != nil {
			return false, err
		}
		resp.Body.Close()
		return resp.StatusCode == 200, nil
	})
}

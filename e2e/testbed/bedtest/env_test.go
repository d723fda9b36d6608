// Package bedtest proves that the test bed is real: a real kube-apiserver,
// controller-manager and scheduler with KWOK nodes, the vendors' CRD schemas,
// and a real Prometheus scraping the demo service. It reads the running bed
// from e2e/testbed/.state/env.json (or $TESTBED_ENV_JSON); start it with
// `bash e2e/testbed/testbed.sh up` or run `bash e2e/testbed/testbed.sh test`.
//
// The tests assert behaviour, never timings: they poll with generous deadlines.
package bedtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
)

type bedEnv struct {
	Kubeconfig          string `json:"kubeconfig"`
	FiredrillKubeconfig string `json:"firedrillKubeconfig"`
	APIServer           string `json:"apiserver"`
	Prometheus          string `json:"prometheus"`
	DemoService         string `json:"demoService"`
	DemoNamespace       string `json:"demoNamespace"`
	Nodes               int    `json:"nodes"`
	// the real node (empty with TESTBED_REAL_NODE=0)
	RealNode         string `json:"realNode"`
	RealNodeDisabled bool   `json:"realNodeDisabled"`
	// the Chaos Mesh controller's module version ("" without one)
	ChaosMeshController string            `json:"chaosMeshController"`
	RealNodePodSubnet   string            `json:"realNodePodSubnet"`
	Images              map[string]string `json:"images"`
}

var (
	env    bedEnv
	cfg    *rest.Config
	kube   *kubernetes.Clientset
	dyn    *dynamic.DynamicClient
	client = &http.Client{Timeout: 10 * time.Second}
)

// deadline for every poll: generous, because the tests assert behaviour.
const deadline = 3 * time.Minute

func TestMain(m *testing.M) {
	path := os.Getenv("TESTBED_ENV_JSON")
	if path == "" {
		path = filepath.Join("..", ".state", "env.json")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "bedtest: cannot read %s (%v): start the bed with `bash e2e/testbed/testbed.sh up`\n", path, err)
		os.Exit(1)
	}
	if err := json.Unmarshal(b, &env); err != nil {
		fmt.Fprintln(os.Stderr, "bedtest:", err)
		os.Exit(1)
	}
	cfg, err = clientcmd.BuildConfigFromFlags("", env.Kubeconfig)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bedtest:", err)
		os.Exit(1)
	}
	cfg.QPS, cfg.Burst = 50, 100
	kube = kubernetes.NewForConfigOrDie(cfg)
	dyn = dynamic.NewForConfigOrDie(cfg)
	os.Exit(m.Run())
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// eventually polls cond until it returns true or the deadline passes.
func eventually(t *testing.T, what string, cond func() (bool, error)) {
	t.Helper()
	end := time.Now().Add(deadline)
	var last error
	for time.Now().Before(end) {
		ok, err := cond()
		if ok {
			return
		}
		last = err
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("%s: not true within %s (last error: %v)", what, deadline, last)
}

// promQuery runs an instant PromQL query and returns the first sample value;
// ok is false when the result is empty.
func promQuery(q string) (v float64, ok bool, err error) {
	resp, err := client.Get(env.Prometheus + "/api/v1/query?query=" + url.QueryEscape(q))
	if err != nil {
		return 0, false, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var r struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			ResultType string `json:"resultType"`
			Result     []struct {
				Metric map[string]string `json:"metric"`
				Value  [2]interface{}    `json:"value"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return 0, false, fmt.Errorf("%s: %s", err, body)
	}
	if r.Status != "success" {
		return 0, false, fmt.Errorf("prometheus: %s", r.Error)
	}
	if len(r.Data.Result) == 0 {
		return 0, false, nil
	}
	s, _ := r.Data.Result[0].Value[1].(string)
	v, err = strconv.ParseFloat(s, 64)
	return v, err == nil, err
}

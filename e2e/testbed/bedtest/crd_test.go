package bedtest

import (
	"strings"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/yaml"
)

func loadClient(kubeconfig string) (*kubernetes.Clientset, error) {
	c, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return nil, err
	}
	return kubernetes.NewForConfig(c)
}

func obj(t *testing.T, y string) *unstructured.Unstructured {
	t.Helper()
	var m map[string]interface{}
	if err := yaml.Unmarshal([]byte(y), &m); err != nil {
		t.Fatal(err)
	}
	return &unstructured.Unstructured{Object: m}
}

var (
	networkChaosGVR   = schema.GroupVersionResource{Group: "chaos-mesh.org", Version: "v1alpha1", Resource: "networkchaos"}
	virtualServiceGVR = schema.GroupVersionResource{Group: "networking.istio.io", Version: "v1", Resource: "virtualservices"}
	chaosEngineGVR    = schema.GroupVersionResource{Group: "litmuschaos.io", Version: "v1alpha1", Resource: "chaosengines"}
)

func TestVendorCRDsInstalled(t *testing.T) {
	ctx := ctxT(t)
	for _, gvr := range []schema.GroupVersionResource{networkChaosGVR, virtualServiceGVR, chaosEngineGVR} {
		if _, err := dyn.Resource(gvr).Namespace(env.DemoNamespace).List(ctx, metav1.ListOptions{}); err != nil {
			t.Errorf("%s not served: %v", gvr, err)
		}
	}
}

func TestInvalidChaosMeshObjectRejectedBySchema(t *testing.T) {
	ctx := ctxT(t)
	ns := env.DemoNamespace
	bad := obj(t, `
apiVersion: chaos-mesh.org/v1alpha1
kind: NetworkChaos
metadata: {name: bedtest-invalid}
spec:
  action: explode
  mode: sometimes
  selector: {labelSelectors: {app: checkout}}
`)
	_, err := dyn.Resource(networkChaosGVR).Namespace(ns).Create(ctx, bad, metav1.CreateOptions{})
	if !apierrors.IsInvalid(err) {
		_ = dyn.Resource(networkChaosGVR).Namespace(ns).Delete(ctx, "bedtest-invalid", metav1.DeleteOptions{})
		t.Fatalf("want 422 Invalid from schema validation, got %v", err)
	}
	if !strings.Contains(err.Error(), "spec.action") || !strings.Contains(err.Error(), "Unsupported value") {
		t.Fatalf("rejection should name spec.action's enum: %v", err)
	}
	t.Logf("rejected: %v", err)

	// the same object with valid values is accepted (dry run: nothing is created)
	good := obj(t, `
apiVersion: chaos-mesh.org/v1alpha1
kind: NetworkChaos
metadata: {name: bedtest-valid}
spec:
  action: delay
  mode: all
  selector: {labelSelectors: {app: checkout}}
  delay: {latency: 100ms}
  duration: 30s
`)
	if _, err := dyn.Resource(networkChaosGVR).Namespace(ns).Create(ctx, good, metav1.CreateOptions{DryRun: []string{metav1.DryRunAll}}); err != nil {
		t.Fatalf("valid NetworkChaos rejected: %v", err)
	}
}

func TestInvalidIstioObjectRejectedBySchema(t *testing.T) {
	ctx := ctxT(t)
	ns := env.DemoNamespace
	bad := obj(t, `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bedtest-invalid}
spec:
  hosts: checkout
  http:
  - fault:
      abort: {httpStatus: "five hundred", percentage: {value: 50}}
    route:
    - destination: {host: checkout}
`)
	_, err := dyn.Resource(virtualServiceGVR).Namespace(ns).Create(ctx, bad, metav1.CreateOptions{})
	if !apierrors.IsInvalid(err) {
		_ = dyn.Resource(virtualServiceGVR).Namespace(ns).Delete(ctx, "bedtest-invalid", metav1.DeleteOptions{})
		t.Fatalf("want 422 Invalid from schema validation, got %v", err)
	}
	if !strings.Contains(err.Error(), "spec.hosts") {
		t.Fatalf("rejection should name spec.hosts: %v", err)
	}
	t.Logf("rejected: %v", err)
	good := obj(t, `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bedtest-valid}
spec:
  hosts: [checkout]
  http:
  - fault:
      abort: {httpStatus: 500, percentage: {value: 50}}
    route:
    - destination: {host: checkout}
`)
	if _, err := dyn.Resource(virtualServiceGVR).Namespace(ns).Create(ctx, good, metav1.CreateOptions{DryRun: []string{metav1.DryRunAll}}); err != nil {
		t.Fatalf("valid VirtualService rejected: %v", err)
	}
}

package bedtest

import (
	"fmt"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// The real Chaos Mesh controller-manager reconciles chaos objects on the bed:
// PodChaos pod-kill through the API alone, kinds that need chaos-daemon fail
// with the controller's own reason (no daemon runs here).

var (
	podChaosGVR    = schema.GroupVersionResource{Group: "chaos-mesh.org", Version: "v1alpha1", Resource: "podchaos"}
	stressChaosGVR = schema.GroupVersionResource{Group: "chaos-mesh.org", Version: "v1alpha1", Resource: "stresschaos"}
)

func needChaosMesh(t *testing.T) {
	t.Helper()
	if env.ChaosMeshController == "" {
		t.Skip("the bed runs no Chaos Mesh controller (TESTBED_CHAOS_MESH=0 turned it off)")
	}
}

type chaosRecord struct {
	ID, Phase string
	Injected  int64
	Events    []string // "<type> <operation>: <message>"
}

func chaosState(t *testing.T, gvr schema.GroupVersionResource, ns, name string) (records []chaosRecord, conditions map[string]string) {
	u, err := dyn.Resource(gvr).Namespace(ns).Get(ctxT(t), name, metav1.GetOptions{})
	if err != nil {
		t.Logf("get %s: %v", name, err)
		return nil, nil
	}
	conditions = map[string]string{}
	cs, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range cs {
		m, _ := c.(map[string]any)
		conditions[fmt.Sprint(m["type"])] = fmt.Sprint(m["status"])
	}
	rs, _, _ := unstructured.NestedSlice(u.Object, "status", "experiment", "containerRecords")
	for _, r := range rs {
		m, _ := r.(map[string]any)
		rec := chaosRecord{ID: fmt.Sprint(m["id"]), Phase: fmt.Sprint(m["phase"])}
		rec.Injected, _, _ = unstructured.NestedInt64(m, "injectedCount")
		evs, _, _ := unstructured.NestedSlice(m, "events")
		for _, e := range evs {
			em, _ := e.(map[string]any)
			rec.Events = append(rec.Events, fmt.Sprintf("%v %v: %v", em["type"], em["operation"], em["message"]))
		}
		records = append(records, rec)
	}
	return records, conditions
}

func createChaos(t *testing.T, gvr schema.GroupVersionResource, ns, y string) string {
	o := obj(t, y)
	if _, err := dyn.Resource(gvr).Namespace(ns).Create(ctxT(t), o, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	return o.GetName()
}

// deleteChaos deletes the object and waits until it is gone: the
// controller's finalizer (chaos-mesh/records) must let go of it.
func deleteChaos(t *testing.T, gvr schema.GroupVersionResource, ns, name string) {
	if err := dyn.Resource(gvr).Namespace(ns).Delete(ctxT(t), name, metav1.DeleteOptions{}); err != nil && !apierrors.IsNotFound(err) {
		t.Fatal(err)
	}
	eventually(t, name+" deleted (finalizer released by the controller)", func() (bool, error) {
		_, err := dyn.Resource(gvr).Namespace(ns).Get(ctxT(t), name, metav1.GetOptions{})
		return apierrors.IsNotFound(err), nil
	})
}

func TestPodChaosPodKillReconciledByController(t *testing.T) {
	needRealNode(t)
	needChaosMesh(t)
	ns, pod := realPod(t)
	name := createChaos(t, podChaosGVR, ns, fmt.Sprintf(`
apiVersion: chaos-mesh.org/v1alpha1
kind: PodChaos
metadata: {name: bedtest-pod-kill}
spec:
  action: pod-kill
  mode: one
  gracePeriod: 0
  selector:
    namespaces: [%s]
    labelSelectors: {app: web}
`, ns))
	t.Cleanup(func() { _ = dyn.Resource(podChaosGVR).Namespace(ns).Delete(ctxT(t), name, metav1.DeleteOptions{}) })
	var records []chaosRecord
	eventually(t, "the controller's record of the killed pod, Injected", func() (bool, error) {
		rs, conds := chaosState(t, podChaosGVR, ns, name)
		records = rs
		return len(rs) == 1 && rs[0].Phase == "Injected" && rs[0].Injected >= 1 && conds["AllInjected"] == "True", nil
	})
	t.Logf("records: %+v", records)
	if !strings.Contains(records[0].ID, pod.Name) {
		t.Fatalf("record %q should name the killed pod %s", records[0].ID, pod.Name)
	}
	eventually(t, "the real pod killed and replaced by its ReplicaSet", func() (bool, error) {
		_, err := kube.CoreV1().Pods(ns).Get(ctxT(t), pod.Name, metav1.GetOptions{})
		ps := readyPods(t, ns, "app=web")
		return apierrors.IsNotFound(err) && len(ps) == 1 && ps[0].UID != pod.UID, nil
	})
	evs, err := kube.CoreV1().Events(ns).List(ctxT(t), metav1.ListOptions{FieldSelector: "involvedObject.name=" + name})
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, e := range evs.Items {
		reasons = append(reasons, e.Reason)
	}
	t.Logf("events of %s: %v", name, reasons)
	if !strings.Contains(strings.Join(reasons, ","), "Applied") {
		t.Fatalf("want the controller's Applied event, got %v", reasons)
	}
	deleteChaos(t, podChaosGVR, ns, name)
}

func TestStressChaosWithoutDaemonFailsWithControllerReason(t *testing.T) {
	needRealNode(t)
	needChaosMesh(t)
	ns, _ := realPod(t)
	name := createChaos(t, stressChaosGVR, ns, fmt.Sprintf(`
apiVersion: chaos-mesh.org/v1alpha1
kind: StressChaos
metadata: {name: bedtest-stress}
spec:
  mode: all
  duration: 5m
  selector:
    namespaces: [%s]
    labelSelectors: {app: web}
  stressors:
    cpu: {workers: 1, load: 50}
`, ns))
	t.Cleanup(func() { _ = dyn.Resource(stressChaosGVR).Namespace(ns).Delete(ctxT(t), name, metav1.DeleteOptions{}) })
	var reason string
	eventually(t, "a failed apply in the controller's record, with its reason", func() (bool, error) {
		rs, _ := chaosState(t, stressChaosGVR, ns, name)
		for _, r := range rs {
			for _, e := range r.Events {
				if strings.HasPrefix(e, "Failed Apply") {
					reason = e
				}
			}
			if reason != "" && r.Phase != "Injected" {
				return true, nil
			}
		}
		return false, nil
	})
	t.Logf("controller's reason: %s", reason)
	evs, err := kube.CoreV1().Events(ns).List(ctxT(t), metav1.ListOptions{FieldSelector: "involvedObject.name=" + name})
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, e := range evs.Items {
		if e.Type == corev1.EventTypeWarning {
			failed = append(failed, e.Reason+": "+e.Message)
		}
	}
	t.Logf("warning events: %v", failed)
	if len(failed) == 0 {
		t.Fatalf("want a Warning event from the controller on %s", name)
	}
	deleteChaos(t, stressChaosGVR, ns, name)
}

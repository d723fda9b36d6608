package bedtest

import (
	"fmt"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/rand"
)

func int32p(i int32) *int32 { return &i }

// tempNamespace creates a namespace that is deleted when the test ends.
func tempNamespace(t *testing.T) string {
	ctx := ctxT(t)
	name := "bedtest-" + rand.String(5)
	_, err := kube.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = kube.CoreV1().Namespaces().Delete(ctxT(t), name, metav1.DeleteOptions{}) })
	// pods need the namespace's default ServiceAccount, created by the controller-manager
	eventually(t, "default ServiceAccount in "+name, func() (bool, error) {
		_, err := kube.CoreV1().ServiceAccounts(name).Get(ctx, "default", metav1.GetOptions{})
		return err == nil, err
	})
	return name
}

func deployment(ns, name string, replicas int32) *appsv1.Deployment {
	labels := map[string]string{"app": name}
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns, Labels: labels},
		Spec: appsv1.DeploymentSpec{
			Replicas: int32p(replicas),
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{Containers: []corev1.Container{{
					Name: "app", Image: "registry.firedrill.invalid/" + name + ":1",
				}}},
			},
		},
	}
}

func podReady(p *corev1.Pod) bool {
	if p.DeletionTimestamp != nil || p.Status.Phase != corev1.PodRunning {
		return false
	}
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

func readyPods(t *testing.T, ns, selector string) []corev1.Pod {
	pods, err := kube.CoreV1().Pods(ns).List(ctxT(t), metav1.ListOptions{LabelSelector: selector})
	if err != nil {
		t.Logf("list pods: %v", err)
		return nil
	}
	var out []corev1.Pod
	for _, p := range pods.Items {
		if podReady(&p) {
			out = append(out, p)
		}
	}
	return out
}

func TestControlPlaneIsReal(t *testing.T) {
	ctx := ctxT(t)
	v, err := kube.Discovery().ServerVersion()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(v.GitVersion, "v1.") || v.Major != "1" {
		t.Fatalf("apiserver version not stamped: %+v", v)
	}
	t.Logf("kube-apiserver %s", v.GitVersion)
	nodes, err := kube.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes.Items) < env.Nodes {
		t.Fatalf("want %d nodes, have %d", env.Nodes, len(nodes.Items))
	}
	zones := map[string]bool{}
	for _, n := range nodes.Items {
		zones[n.Labels["topology.kubernetes.io/zone"]] = true
	}
	if env.Nodes >= 3 && len(zones) < 3 {
		t.Fatalf("nodes should spread over 3 zones, got %v", zones)
	}
	// RBAC is on: the firedrill identity may not touch the protected kube-system.
	fc, err := loadClient(env.FiredrillKubeconfig)
	if err != nil {
		t.Fatal(err)
	}
	err = fc.CoreV1().Pods("kube-system").DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "app=coredns"})
	if !apierrors.IsForbidden(err) {
		t.Fatalf("deleting kube-system pods as firedrill: want Forbidden, got %v", err)
	}
	if _, err := fc.CoreV1().Pods(env.DemoNamespace).List(ctx, metav1.ListOptions{}); err != nil {
		t.Fatalf("firedrill should read pods in %s: %v", env.DemoNamespace, err)
	}
}

func TestDeploymentScheduledAndRunningOnFakeNodes(t *testing.T) {
	ctx := ctxT(t)
	ns := tempNamespace(t)
	if _, err := kube.AppsV1().Deployments(ns).Create(ctx, deployment(ns, "web", 4), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "4 Running, Ready pods", func() (bool, error) {
		return len(readyPods(t, ns, "app=web")) == 4, nil
	})
	for _, p := range readyPods(t, ns, "app=web") {
		if p.Spec.NodeName == "" {
			t.Fatalf("pod %s not bound", p.Name)
		}
		n, err := kube.CoreV1().Nodes().Get(ctx, p.Spec.NodeName, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if n.Annotations["kwok.x-k8s.io/node"] != "fake" {
			t.Fatalf("pod %s runs on %s which is not a KWOK node", p.Name, n.Name)
		}
		if p.Status.PodIP == "" {
			t.Fatalf("pod %s has no IP", p.Name)
		}
	}
	eventually(t, "deployment reports 4 available", func() (bool, error) {
		d, err := kube.AppsV1().Deployments(ns).Get(ctx, "web", metav1.GetOptions{})
		return err == nil && d.Status.AvailableReplicas == 4, err
	})
}

func TestKilledPodIsReplacedByReplicaSet(t *testing.T) {
	ctx := ctxT(t)
	ns := env.DemoNamespace
	eventually(t, "checkout has 3 ready pods", func() (bool, error) {
		return len(readyPods(t, ns, "app=checkout")) == 3, nil
	})
	victim := readyPods(t, ns, "app=checkout")[0]
	owner := metav1.GetControllerOf(&victim)
	if owner == nil || owner.Kind != "ReplicaSet" {
		t.Fatalf("pod %s is not owned by a ReplicaSet: %v", victim.Name, owner)
	}
	if err := kube.CoreV1().Pods(ns).Delete(ctx, victim.Name, metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "victim gone and 3 ready pods again, one of them new", func() (bool, error) {
		pods := readyPods(t, ns, "app=checkout")
		if len(pods) != 3 {
			return false, nil
		}
		newOne := false
		for _, p := range pods {
			if p.UID == victim.UID {
				return false, nil
			}
			if o := metav1.GetControllerOf(&p); o != nil && o.UID == owner.UID && p.CreationTimestamp.After(victim.CreationTimestamp.Time) {
				newOne = true
			}
		}
		return newOne, nil
	})
}

func TestCordonedNodeGetsNoNewPods(t *testing.T) {
	ctx := ctxT(t)
	nodes, err := kube.CoreV1().Nodes().List(ctx, metav1.ListOptions{LabelSelector: "type=kwok"})
	if err != nil || len(nodes.Items) < 2 {
		t.Fatalf("need at least 2 kwok nodes: %v", err)
	}
	node := nodes.Items[0].Name
	patch := func(unsched bool) error {
		_, err := kube.CoreV1().Nodes().Patch(ctx, node, types.StrategicMergePatchType,
			[]byte(fmt.Sprintf(`{"spec":{"unschedulable":%t}}`, unsched)), metav1.PatchOptions{})
		return err
	}
	if err := patch(true); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := patch(false); err != nil {
			t.Errorf("uncordon %s: %v", node, err)
		}
	})
	ns := tempNamespace(t)
	const n = 9
	if _, err := kube.AppsV1().Deployments(ns).Create(ctx, deployment(ns, "spread", n), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "all pods Running", func() (bool, error) {
		return len(readyPods(t, ns, "app=spread")) == n, nil
	})
	used := map[string]int{}
	for _, p := range readyPods(t, ns, "app=spread") {
		used[p.Spec.NodeName]++
	}
	if used[node] > 0 {
		t.Fatalf("cordoned node %s got %d new pods (%v)", node, used[node], used)
	}
	t.Logf("cordoned %s; pods landed on %v", node, used)
}

func TestEvictionRefusedByPodDisruptionBudget(t *testing.T) {
	ctx := ctxT(t)
	ns := tempNamespace(t)
	if _, err := kube.AppsV1().Deployments(ns).Create(ctx, deployment(ns, "guarded", 2), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	minAvail := intstr.FromInt32(2)
	_, err := kube.PolicyV1().PodDisruptionBudgets(ns).Create(ctx, &policyv1.PodDisruptionBudget{
		ObjectMeta: metav1.ObjectMeta{Name: "guarded"},
		Spec: policyv1.PodDisruptionBudgetSpec{
			MinAvailable: &minAvail,
			Selector:     &metav1.LabelSelector{MatchLabels: map[string]string{"app": "guarded"}},
		},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "PDB observed by the disruption controller with 2 healthy pods", func() (bool, error) {
		pdb, err := kube.PolicyV1().PodDisruptionBudgets(ns).Get(ctx, "guarded", metav1.GetOptions{})
		return err == nil && pdb.Status.ObservedGeneration == pdb.Generation && pdb.Status.CurrentHealthy == 2 &&
			pdb.Status.DisruptionsAllowed == 0, err
	})
	pod := readyPods(t, ns, "app=guarded")[0]
	err = kube.PolicyV1().Evictions(ns).Evict(ctx, &policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: pod.Name, Namespace: ns}})
	if err == nil {
		t.Fatal("eviction was allowed despite the PodDisruptionBudget")
	}
	if !apierrors.IsTooManyRequests(err) || !strings.Contains(err.Error(), "disruption budget") {
		t.Fatalf("want 429 'violate the pod's disruption budget', got %v", err)
	}
	t.Logf("eviction refused: %v", err)

	// and the checkout PDB of the demo namespace is in force too
	pdb, err := kube.PolicyV1().PodDisruptionBudgets(env.DemoNamespace).Get(ctx, "checkout", metav1.GetOptions{})
	if err != nil || pdb.Spec.MinAvailable == nil || pdb.Spec.MinAvailable.IntValue() != 2 {
		t.Fatalf("demo/checkout PDB minAvailable 2 expected: %v %v", pdb, err)
	}
}

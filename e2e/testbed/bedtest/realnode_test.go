package bedtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// The real node runs real containers (kubelet + containerd + runc). These
// tests run the exact ephemeral-container specs Firedrill's Pumba-style
// drivers send (lib/faults/drivers/stress.ts, network-delay.ts,
// ephemeral-container.ts), with the default images' layouts reproduced on
// the bed, and read back what the kubelet and cAdvisor report.

func needRealNode(t *testing.T) {
	t.Helper()
	if env.RealNodeDisabled {
		t.Skip("the bed runs without a real node (TESTBED_REAL_NODE=0)")
	}
	if env.RealNode == "" {
		t.Fatal("the bed has no real node: KWOK pods run no containers, so nothing here can start or fail")
	}
}

// realDeployment is a one-replica Deployment of the checkout image pinned to
// the real node: it tolerates the node's taint, as only chosen workloads do.
func realDeployment(ns, name string) *appsv1.Deployment {
	labels := map[string]string{"app": name}
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns, Labels: labels},
		Spec: appsv1.DeploymentSpec{
			Replicas: int32p(1),
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{
					NodeSelector:                  map[string]string{"kubernetes.io/hostname": env.RealNode},
					Tolerations:                   []corev1.Toleration{{Key: "firedrill.dev/real-node", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule}},
					TerminationGracePeriodSeconds: int64p(5),
					AutomountServiceAccountToken:  boolp(false),
					Containers: []corev1.Container{{
						Name: "app", Image: env.Images["checkout"], ImagePullPolicy: corev1.PullNever,
						Env:            []corev1.EnvVar{{Name: "POD_NAME", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.name"}}}},
						Ports:          []corev1.ContainerPort{{Name: "http", ContainerPort: 8080}},
						ReadinessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/healthz", Port: intstr.FromString("http")}}, PeriodSeconds: 1},
					}},
				},
			},
		},
	}
}

func int64p(i int64) *int64 { return &i }
func boolp(b bool) *bool    { return &b }

// realPod starts a real-node Deployment in a temporary namespace and returns
// its Ready pod.
func realPod(t *testing.T) (string, corev1.Pod) {
	ns := tempNamespace(t)
	if _, err := kube.AppsV1().Deployments(ns).Create(ctxT(t), realDeployment(ns, "web"), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	var pod corev1.Pod
	eventually(t, "a Ready pod on the real node", func() (bool, error) {
		ps := readyPods(t, ns, "app=web")
		if len(ps) == 1 {
			pod = ps[0]
			return true, nil
		}
		return false, nil
	})
	return ns, pod
}

func get(url string) (string, error) {
	c := &http.Client{Timeout: 3 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b), nil
}

func TestRealNodeRunsARealContainer(t *testing.T) {
	needRealNode(t)
	ns, pod := realPod(t)
	if pod.Spec.NodeName != env.RealNode {
		t.Fatalf("pod on %s, want %s", pod.Spec.NodeName, env.RealNode)
	}
	cs := pod.Status.ContainerStatuses
	if len(cs) != 1 || cs[0].State.Running == nil || !strings.HasPrefix(cs[0].ContainerID, "containerd://") {
		t.Fatalf("want a running containerd container, got %+v", cs)
	}
	_, subnet, _ := net.ParseCIDR(env.RealNodePodSubnet)
	if ip := net.ParseIP(pod.Status.PodIP); ip == nil || !subnet.Contains(ip) {
		t.Fatalf("pod IP %q not in the real node's subnet %s", pod.Status.PodIP, env.RealNodePodSubnet)
	}
	// the process answers on its own network namespace's address
	body, err := get("http://" + net.JoinHostPort(pod.Status.PodIP, "8080") + "/")
	if err != nil || !strings.Contains(body, pod.Name) {
		t.Fatalf("the container should answer as %s: %q, %v", pod.Name, body, err)
	}
	// the kubelet serves its logs through the apiserver
	logs, err := kube.CoreV1().Pods(ns).GetLogs(pod.Name, &corev1.PodLogOptions{Container: "app"}).Do(ctxT(t)).Raw()
	if err != nil || !strings.Contains(string(logs), "serving on :8080") {
		t.Fatalf("container log: %q, %v", logs, err)
	}
	// and the demo's checkout has one replica here, answering through the gateway
	eventually(t, "a checkout request served by the real container", func() (bool, error) {
		real := map[string]bool{}
		ps, err := kube.CoreV1().Pods(env.DemoNamespace).List(ctxT(t), metav1.ListOptions{LabelSelector: "app=checkout", FieldSelector: "spec.nodeName=" + env.RealNode})
		if err != nil || len(ps.Items) != 1 {
			return false, fmt.Errorf("checkout pods on the real node: %v (%d)", err, len(ps.Items))
		}
		real[ps.Items[0].Name] = true
		b, err := get(env.DemoService + "/")
		if err != nil {
			return false, err
		}
		var r struct{ Message string }
		_ = json.Unmarshal([]byte(b), &r)
		return strings.HasSuffix(r.Message, " by "+ps.Items[0].Name), nil
	})
}

// addEphemeral patches an ephemeral container into the pod the way
// lib/faults/drivers/ephemeral-container.ts does (pods/ephemeralcontainers).
// The one difference: imagePullPolicy IfNotPresent, because the bed has no
// registry and a ":latest" image defaults to Always.
func addEphemeral(t *testing.T, ns, pod string, c corev1.EphemeralContainer) {
	t.Helper()
	c.ImagePullPolicy = corev1.PullIfNotPresent
	c.Env = append(c.Env, corev1.EnvVar{Name: "FIREDRILL_TARGET", Value: ns + "/" + pod})
	body, _ := json.Marshal(map[string]any{"spec": map[string]any{"ephemeralContainers": []corev1.EphemeralContainer{c}}})
	if _, err := kube.CoreV1().Pods(ns).Patch(ctxT(t), pod, types.StrategicMergePatchType, body, metav1.PatchOptions{}, "ephemeralcontainers"); err != nil {
		t.Fatal(err)
	}
}

func ephemeralStatus(t *testing.T, ns, pod, name string) *corev1.ContainerStatus {
	p, err := kube.CoreV1().Pods(ns).Get(ctxT(t), pod, metav1.GetOptions{})
	if err != nil {
		t.Logf("get pod: %v", err)
		return nil
	}
	for i := range p.Status.EphemeralContainerStatuses {
		if p.Status.EphemeralContainerStatuses[i].Name == name {
			return &p.Status.EphemeralContainerStatuses[i]
		}
	}
	return nil
}

func waitTerminated(t *testing.T, ns, pod, name string) *corev1.ContainerStateTerminated {
	var term *corev1.ContainerStateTerminated
	eventually(t, "ephemeral container "+name+" terminated", func() (bool, error) {
		if st := ephemeralStatus(t, ns, pod, name); st != nil && st.State.Terminated != nil {
			term = st.State.Terminated
			return true, nil
		}
		return false, nil
	})
	return term
}

func containerLogs(t *testing.T, ns, pod, container string) string {
	b, err := kube.CoreV1().Pods(ns).GetLogs(pod, &corev1.PodLogOptions{Container: container}).Do(ctxT(t)).Raw()
	if err != nil {
		t.Fatalf("logs of %s: %v", container, err)
	}
	return string(b)
}

// The default stress image (ghcr.io/alexei-led/stress-ng: FROM scratch, only
// /stress-ng) runs stress-ng given as the command itself, no shell: it runs,
// its CPU use shows in cAdvisor's series in Prometheus, and it exits 0.
func TestStressWithoutShellRunsAndShowsInCAdvisor(t *testing.T) {
	needRealNode(t)
	ns, pod := realPod(t)
	name := "firedrill-stress-bedtest-0"
	addEphemeral(t, ns, pod.Name, corev1.EphemeralContainer{
		TargetContainerName: "app",
		EphemeralContainerCommon: corev1.EphemeralContainerCommon{
			Name: name, Image: env.Images["stress"],
			Command:         []string{"/stress-ng", "--cpu", "1", "--timeout", "40s"},
			SecurityContext: &corev1.SecurityContext{Capabilities: &corev1.Capabilities{Add: []corev1.Capability{}}},
		},
	})
	eventually(t, "the stressor is running", func() (bool, error) {
		st := ephemeralStatus(t, ns, pod.Name, name)
		return st != nil && st.State.Running != nil, nil
	})
	q := fmt.Sprintf(`sum(rate(container_cpu_usage_seconds_total{job="kubelet-cadvisor",namespace=%q,pod=%q,container=%q}[20s]))`, ns, pod.Name, name)
	eventually(t, "the stressor's CPU use in Prometheus (cAdvisor) above 0.3 cores", func() (bool, error) {
		v, ok, err := promQuery(q)
		return ok && v > 0.3, err
	})
	term := waitTerminated(t, ns, pod.Name, name)
	if term.ExitCode != 0 {
		t.Fatalf("stress-ng exited %d (%s): %s", term.ExitCode, term.Reason, containerLogs(t, ns, pod.Name, name))
	}
	if logs := containerLogs(t, ns, pod.Name, name); !strings.Contains(logs, "successful run completed") {
		t.Fatalf("stress-ng's log: %q", logs)
	}
}

// The spec Firedrill sends today, `sh -c "stress-ng …"`, cannot start in a
// shell-less image: the runtime's reason is in ephemeralContainerStatuses.
func TestShellCommandFailsInShelllessStressImage(t *testing.T) {
	needRealNode(t)
	ns, pod := realPod(t)
	name := "firedrill-stress-bedtest-sh"
	addEphemeral(t, ns, pod.Name, corev1.EphemeralContainer{
		TargetContainerName: "app",
		EphemeralContainerCommon: corev1.EphemeralContainerCommon{
			Name: name, Image: env.Images["stress"],
			Command: []string{"sh", "-c", "stress-ng --cpu 1 --timeout 30s"},
		},
	})
	var reason string
	eventually(t, "the container's failure reason", func() (bool, error) {
		st := ephemeralStatus(t, ns, pod.Name, name)
		switch {
		case st == nil:
			return false, nil
		case st.State.Terminated != nil:
			reason = fmt.Sprintf("terminated %s (exit %d): %s", st.State.Terminated.Reason, st.State.Terminated.ExitCode, st.State.Terminated.Message)
		case st.State.Waiting != nil && st.State.Waiting.Message != "":
			reason = fmt.Sprintf("waiting %s: %s", st.State.Waiting.Reason, st.State.Waiting.Message)
		default:
			return false, nil
		}
		return true, nil
	})
	t.Logf("status: %s", reason)
	if !strings.Contains(reason, `"sh"`) || !strings.Contains(reason, "executable file not found") {
		t.Fatalf("want the runtime's 'sh: executable file not found' reason, got %s", reason)
	}
}

// Network delay with tc netem: the default tc image has its shell and tc,
// so Firedrill's script runs, and on this kernel (no sch_netem) tc itself
// fails: exit code and tc's message are in the status and the logs.
func TestNetemFailsWithTcMessageOnThisKernel(t *testing.T) {
	needRealNode(t)
	if _, err := os.Stat("/sys/module/sch_netem"); err == nil {
		t.Skip("this kernel has sch_netem: the fault would succeed here")
	}
	ns, pod := realPod(t)
	name := "firedrill-network-delay-bedtest-0"
	script := "trap 'tc qdisc del dev eth0 root netem 2>/dev/null' EXIT INT TERM; tc qdisc add dev eth0 root netem delay 200ms 20ms && sleep 30"
	addEphemeral(t, ns, pod.Name, corev1.EphemeralContainer{
		TargetContainerName: "app",
		EphemeralContainerCommon: corev1.EphemeralContainerCommon{
			Name: name, Image: env.Images["nettools"],
			Command:         []string{"sh", "-c", script},
			SecurityContext: &corev1.SecurityContext{Capabilities: &corev1.Capabilities{Add: []corev1.Capability{"NET_ADMIN"}}},
		},
	})
	term := waitTerminated(t, ns, pod.Name, name)
	logs := containerLogs(t, ns, pod.Name, name)
	t.Logf("exit %d (%s); log: %q", term.ExitCode, term.Reason, logs)
	if term.ExitCode == 0 {
		t.Fatalf("tc netem should fail on this kernel, exited 0")
	}
	if !strings.Contains(logs, "qdisc") {
		t.Fatalf("want tc's own error about the qdisc in the log, got %q", logs)
	}
}

// Deleting a pod on the real node really stops its container (its cgroup
// goes, its address stops answering) and the ReplicaSet makes a new pod
// that really runs.
func TestRealPodDeleteStopsContainerAndIsReplaced(t *testing.T) {
	needRealNode(t)
	ns, pod := realPod(t)
	cg := podCgroup(t, pod)
	if err := kube.CoreV1().Pods(ns).Delete(ctxT(t), pod.Name, metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the deleted pod is gone from the API", func() (bool, error) {
		_, err := kube.CoreV1().Pods(ns).Get(ctxT(t), pod.Name, metav1.GetOptions{})
		return apierrors.IsNotFound(err), nil
	})
	eventually(t, "the old pod's cgroup removed by the kubelet", func() (bool, error) {
		_, err := os.Stat(cg)
		return os.IsNotExist(err), nil
	})
	if _, err := get("http://" + net.JoinHostPort(pod.Status.PodIP, "8080") + "/"); err == nil {
		if np := readyPods(t, ns, "app=web"); len(np) == 0 || np[0].Status.PodIP != pod.Status.PodIP {
			t.Fatalf("the killed container still answers on %s", pod.Status.PodIP)
		}
	}
	var repl corev1.Pod
	eventually(t, "a new Ready pod from the ReplicaSet", func() (bool, error) {
		ps := readyPods(t, ns, "app=web")
		if len(ps) == 1 && ps[0].UID != pod.UID {
			repl = ps[0]
			return true, nil
		}
		return false, nil
	})
	if repl.OwnerReferences[0].UID != pod.OwnerReferences[0].UID {
		t.Fatalf("replacement owned by %v, want the same ReplicaSet %v", repl.OwnerReferences, pod.OwnerReferences)
	}
	body, err := get("http://" + net.JoinHostPort(repl.Status.PodIP, "8080") + "/")
	if err != nil || !strings.Contains(body, repl.Name) {
		t.Fatalf("the replacement container should answer as %s: %q, %v", repl.Name, body, err)
	}
}

// podCgroup is the pod's cgroup directory in the cpu hierarchy (cgroup v1,
// cgroupfs driver): <cgroupRoot>/kubepods/<qos>/pod<uid>.
func podCgroup(t *testing.T, pod corev1.Pod) string {
	matches, _ := filepath.Glob("/sys/fs/cgroup/cpu/firedrill-*/kubepods/*/pod" + string(pod.UID))
	if len(matches) == 0 {
		matches, _ = filepath.Glob("/sys/fs/cgroup/cpu/firedrill-*/kubepods/pod" + string(pod.UID))
	}
	if len(matches) != 1 {
		t.Fatalf("cgroup of pod %s: %v", pod.UID, matches)
	}
	return matches[0]
}

package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	runtimeapi "k8s.io/cri-api/pkg/apis/runtime/v1"
	criclient "k8s.io/cri-client/pkg"
)

// runCRICleanup stops and removes every pod sandbox of a CRI runtime, the way
// the kubelet would when its pods are deleted: stopping runs the CNI DEL and
// kills the containers, removing releases the network namespace. `testbed.sh
// down` calls it after the kubelet stopped and before containerd stops, so
// the real node leaves no veth, netns or container behind.
func runCRICleanup(args []string) int {
	fs := flag.NewFlagSet("cri-cleanup", flag.ExitOnError)
	endpoint := fs.String("endpoint", "", "CRI endpoint, unix:///path/to/containerd.sock")
	_ = fs.Parse(args)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rs, err := criclient.NewRemoteRuntimeService(ctx, *endpoint, 10*time.Second, nil, false)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cri-cleanup:", err)
		return 1
	}
	pods, err := rs.ListPodSandbox(ctx, &runtimeapi.PodSandboxFilter{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "cri-cleanup: list sandboxes:", err)
		return 1
	}
	failed := 0
	for _, p := range pods {
		name := p.GetMetadata().GetNamespace() + "/" + p.GetMetadata().GetName()
		if err := rs.StopPodSandbox(ctx, p.GetId()); err != nil {
			fmt.Fprintf(os.Stderr, "cri-cleanup: stop %s: %v\n", name, err)
			failed++
			continue
		}
		if err := rs.RemovePodSandbox(ctx, p.GetId()); err != nil {
			fmt.Fprintf(os.Stderr, "cri-cleanup: remove %s: %v\n", name, err)
			failed++
			continue
		}
		fmt.Fprintf(os.Stderr, "cri-cleanup: removed pod %s\n", name)
	}
	if failed > 0 {
		return 1
	}
	return 0
}

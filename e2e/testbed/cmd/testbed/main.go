// Command testbed is the single binary of the Firedrill test bed. Each
// subcommand runs as its own process: the upstream Kubernetes commands do not
// tolerate sharing one process (signal handler, feature gates, registries).
package main

import (
	"context"
	"fmt"
	"os"
	_ "time/tzdata" // CronJob time zone support, as upstream

	"github.com/spf13/cobra"
	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"          // JSON log format, as upstream
	_ "k8s.io/component-base/metrics/prometheus/clientgo" // client-go metrics, as upstream
	_ "k8s.io/component-base/metrics/prometheus/version"  // version metric, as upstream
	"k8s.io/component-base/version"
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
	kubeletapp "k8s.io/kubernetes/cmd/kubelet/app"
	"k8s.io/kubernetes/pkg/kubelet"
)

func usage() {
	fmt.Fprintf(os.Stderr, `usage: testbed <subcommand> [flags]

subcommands:
  etcd                embedded etcd server
  apiserver           kube-apiserver (upstream command, unchanged)
  controller-manager  kube-controller-manager (upstream command, unchanged)
  scheduler           kube-scheduler (upstream command, unchanged)
  kubelet             kubelet of the real node (upstream command, unchanged)
  cri-cleanup         stop and remove every pod sandbox of a CRI runtime
  pki                 generate CA, certificates, keys and kubeconfigs
  bootstrap           create nodes, stages, RBAC, CRDs and the demo namespace
  demo-service        the checkout demo HTTP service with its load generator
  wait-ready          wait until the cluster is usable
  version             print the version
`)
}

func runCobra(cmd *cobra.Command, args []string) {
	cmd.SetArgs(args)
	os.Exit(cli.Run(cmd))
}

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	sub, args := os.Args[1], os.Args[2:]
	switch sub {
	case "apiserver", "kube-apiserver":
		runCobra(apiserver.NewAPIServerCommand(), args)
	case "controller-manager", "kube-controller-manager":
		runCobra(controllermanager.NewControllerManagerCommand(), args)
	case "scheduler", "kube-scheduler":
		runCobra(scheduler.NewSchedulerCommand(), args)
	case "kubelet":
		// The kubelet creates /var/log/containers for its legacy log
		// symlinks; upstream leaves that directory overridable for tests, and
		// the bed points it into its state directory so that it does not
		// create host directories (the symlinks themselves, if the host has
		// that directory, are removed by `testbed.sh down`).
		if d := os.Getenv("TESTBED_CONTAINER_LOGS_DIR"); d != "" {
			kubelet.ContainerLogsDir = d
		}
		runCobra(kubeletapp.NewKubeletCommand(context.Background()), args)
	case "cri-cleanup":
		os.Exit(runCRICleanup(args))
	case "etcd":
		os.Exit(runEtcd(args))
	case "pki":
		os.Exit(runPKI(args))
	case "bootstrap":
		os.Exit(runBootstrap(args))
	case "demo-service":
		os.Exit(runDemoService(args))
	case "wait-ready":
		os.Exit(runWaitReady(args))
	case "version", "--version":
		fmt.Println(version.Get().GitVersion)
	default:
		usage()
		os.Exit(2)
	}
}

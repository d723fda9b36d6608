// Command checkout is the checkout service as it runs in a real container on
// the test bed's real node: an HTTP server on :8080 that accepts orders. Each
// order costs a little real CPU work, so a CPU stressor in the same pod makes
// it measurably slower, and a killed container really stops answering. The
// demo service (the gateway on the host) routes its share of requests here.
//
// It is built with CGO_ENABLED=0 into a static binary, the only file of its
// image (see node.sh).
package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"
)

// work is the CPU cost of one order: repeated hashing, about a millisecond on
// an idle core of the bed's machine.
func work(rounds int) [32]byte {
	sum := sha256.Sum256([]byte(os.Getenv("POD_NAME")))
	for i := 0; i < rounds; i++ {
		sum = sha256.Sum256(sum[:])
	}
	return sum
}

func main() {
	listen := ":8080"
	if v := os.Getenv("LISTEN"); v != "" {
		listen = v
	}
	rounds := 2000
	if v, err := strconv.Atoi(os.Getenv("WORK_ROUNDS")); err == nil && v >= 0 {
		rounds = v
	}
	pod := os.Getenv("POD_NAME")
	var served, ready atomic.Int64
	ready.Store(1)

	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		if ready.Load() == 0 {
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok"))
	})
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		fmt.Fprintf(w, "# HELP checkout_orders_total Orders accepted by this container.\n# TYPE checkout_orders_total counter\ncheckout_orders_total %d\n", served.Load())
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h := work(rounds)
		served.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"service": "checkout", "code": 200, "message": "order accepted by " + pod,
			"pod": pod, "workMs": float64(time.Since(start).Microseconds()) / 1000, "receipt": fmt.Sprintf("%x", h[:4]),
		})
	})
	srv := &http.Server{Addr: listen, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	fmt.Fprintf(os.Stderr, "checkout: pod %s serving on %s\n", pod, listen)
	select {
	case err := <-errc:
		fmt.Fprintln(os.Stderr, "checkout:", err)
		os.Exit(1)
	case <-ctx.Done():
	}
	// Like a real service: fail readiness, drain, then exit.
	ready.Store(0)
	fmt.Fprintln(os.Stderr, "checkout: SIGTERM, draining")
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	fmt.Fprintf(os.Stderr, "checkout: stopped after %d orders\n", served.Load())
}

// Command mkimage packs a root filesystem directory into a single-layer OCI
// image archive (an OCI image layout in a tar file) that `ctr images import`
// accepts, named by the io.containerd.image.name annotation. The bed builds
// its images from Debian packages and its own static binaries with it: there
// is no registry on the machine.
//
// usage: mkimage --rootfs DIR --ref NAME:TAG --out FILE.tar
//
//	[--entrypoint '["/bin/x"]'] [--cmd '["a"]'] [--env K=V,...] [--workdir /]
//
// The layer is reproducible: entries sorted, owners and modes as on disk,
// modification times zeroed.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

type descriptor struct {
	MediaType   string            `json:"mediaType"`
	Digest      string            `json:"digest"`
	Size        int64             `json:"size"`
	Annotations map[string]string `json:"annotations,omitempty"`
	Platform    map[string]string `json:"platform,omitempty"`
}

func main() {
	rootfs := flag.String("rootfs", "", "root filesystem directory")
	ref := flag.String("ref", "", "image reference, e.g. ghcr.io/alexei-led/stress-ng:latest")
	out := flag.String("out", "", "output archive (.tar)")
	entrypoint := flag.String("entrypoint", "", "JSON array")
	cmd := flag.String("cmd", "", "JSON array")
	env := flag.String("env", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "comma-separated K=V")
	workdir := flag.String("workdir", "", "working directory")
	flag.Parse()
	if *rootfs == "" || *ref == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*rootfs, *ref, *out, *entrypoint, *cmd, *env, *workdir); err != nil {
		fmt.Fprintln(os.Stderr, "mkimage:", err)
		os.Exit(1)
	}
}

func jsonArray(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var a []string
	return a, json.Unmarshal([]byte(s), &a)
}

func run(rootfs, ref, out, entrypoint, cmd, env, workdir string) error {
	ep, err := jsonArray(entrypoint)
	if err != nil {
		return fmt.Errorf("--entrypoint: %w", err)
	}
	cm, err := jsonArray(cmd)
	if err != nil {
		return fmt.Errorf("--cmd: %w", err)
	}
	var envs []string
	if env != "" {
		envs = strings.Split(env, ",")
	}
	blobs := map[string][]byte{}
	put := func(b []byte) string {
		sum := sha256.Sum256(b)
		d := "sha256:" + hex.EncodeToString(sum[:])
		blobs[d] = b
		return d
	}

	var layer bytes.Buffer
	diff := sha256.New()
	if err := writeLayer(rootfs, &layer, diff); err != nil {
		return err
	}
	layerDigest := put(layer.Bytes())
	config := map[string]any{
		"architecture": "amd64",
		"os":           "linux",
		"created":      time.Unix(0, 0).UTC().Format(time.RFC3339),
		"config":       map[string]any{"Entrypoint": ep, "Cmd": cm, "Env": envs, "WorkingDir": workdir},
		"rootfs":       map[string]any{"type": "layers", "diff_ids": []string{"sha256:" + hex.EncodeToString(diff.Sum(nil))}},
		"history":      []map[string]any{{"created_by": "firedrill testbed mkimage", "created": time.Unix(0, 0).UTC().Format(time.RFC3339)}},
	}
	cb, _ := json.Marshal(config)
	configDigest := put(cb)
	manifest := map[string]any{
		"schemaVersion": 2,
		"mediaType":     "application/vnd.oci.image.manifest.v1+json",
		"config":        descriptor{MediaType: "application/vnd.oci.image.config.v1+json", Digest: configDigest, Size: int64(len(cb))},
		"layers":        []descriptor{{MediaType: "application/vnd.oci.image.layer.v1.tar+gzip", Digest: layerDigest, Size: int64(layer.Len())}},
	}
	mb, _ := json.Marshal(manifest)
	manifestDigest := put(mb)
	tag := ref[strings.LastIndex(ref, ":")+1:]
	index := map[string]any{
		"schemaVersion": 2,
		"mediaType":     "application/vnd.oci.image.index.v1+json",
		"manifests": []descriptor{{
			MediaType: "application/vnd.oci.image.manifest.v1+json", Digest: manifestDigest, Size: int64(len(mb)),
			Annotations: map[string]string{"io.containerd.image.name": ref, "org.opencontainers.image.ref.name": tag},
			Platform:    map[string]string{"architecture": "amd64", "os": "linux"},
		}},
	}
	ib, _ := json.Marshal(index)

	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	f, err := os.Create(out + ".tmp")
	if err != nil {
		return err
	}
	tw := tar.NewWriter(f)
	add := func(name string, b []byte) error {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(b)), Typeflag: tar.TypeReg, Format: tar.FormatPAX}); err != nil {
			return err
		}
		_, err := tw.Write(b)
		return err
	}
	if err := add("oci-layout", []byte(`{"imageLayoutVersion":"1.0.0"}`)); err != nil {
		return err
	}
	if err := add("index.json", ib); err != nil {
		return err
	}
	digests := make([]string, 0, len(blobs))
	for d := range blobs {
		digests = append(digests, d)
	}
	sort.Strings(digests)
	for _, d := range digests {
		if err := add("blobs/sha256/"+strings.TrimPrefix(d, "sha256:"), blobs[d]); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "mkimage: %s -> %s (layer %d bytes, %s)\n", ref, out, layer.Len(), manifestDigest)
	return os.Rename(out+".tmp", out)
}

// writeLayer writes rootfs as a gzip-compressed tar to w, and the
// uncompressed tar's bytes to diff (the layer's DiffID).
func writeLayer(rootfs string, w io.Writer, diff hash.Hash) error {
	var paths []string
	err := filepath.WalkDir(rootfs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != rootfs {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(paths)
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(io.MultiWriter(gz, diff))
	for _, p := range paths {
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(rootfs, p)
		link := ""
		if fi.Mode()&fs.ModeSymlink != 0 {
			if link, err = os.Readlink(p); err != nil {
				return err
			}
		} else if !fi.Mode().IsRegular() && !fi.IsDir() {
			continue // devices, sockets, fifos: none belong in these images
		}
		h, err := tar.FileInfoHeader(fi, link)
		if err != nil {
			return err
		}
		h.Name = rel
		if fi.IsDir() {
			h.Name += "/"
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			h.Uid, h.Gid = int(st.Uid), int(st.Gid)
		}
		h.Uname, h.Gname = "", ""
		h.ModTime, h.AccessTime, h.ChangeTime = time.Unix(0, 0), time.Time{}, time.Time{}
		h.Format = tar.FormatPAX
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if fi.Mode().IsRegular() {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			_, err = io.Copy(tw, f)
			f.Close()
			if err != nil {
				return err
			}
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"k8s.io/client-go/util/cert"
	"k8s.io/client-go/util/keyutil"
)

// clientIdentity is one client certificate and the kubeconfig that uses it.
type clientIdentity struct {
	name   string // file stem
	cn     string
	groups []string
}

var clientIdentities = []clientIdentity{
	{"admin", "testbed-admin", []string{"system:masters"}},
	{"controller-manager", "system:kube-controller-manager", nil},
	{"scheduler", "system:kube-scheduler", nil},
	{"kwok", "kwok-controller", []string{"system:masters"}},
	{"prometheus", "prometheus", []string{"system:monitoring"}},
	{"demo-service", "firedrill-demo-service", []string{"firedrill:demo-service"}},
	{"firedrill", "firedrill", []string{"firedrill:operators"}},
	// the real node: its kubelet (Node authorizer + NodeRestriction), and the
	// apiserver's identity towards kubelets (logs, exec, port-forward)
	{"kubelet", "system:node:" + realNodeName, []string{"system:nodes"}},
	{"apiserver-kubelet-client", "kube-apiserver-kubelet-client", []string{"system:masters"}},
	// the Chaos Mesh controller-manager (cluster-admin, as its chart's role)
	{"chaos-mesh", "chaos-controller-manager", []string{"system:masters"}},
}

// realNodeName is the node name of the bed's real kubelet.
const realNodeName = "realnode"

// runPKI writes a CA, the apiserver serving certificate, client certificates,
// a service-account signing key and one kubeconfig per client into --dir.
// Existing files are kept, so it is idempotent across `up` runs.
func runPKI(args []string) int {
	fs := flag.NewFlagSet("pki", flag.ExitOnError)
	dir := fs.String("dir", "", "output directory")
	server := fs.String("server", "https://127.0.0.1:16443", "apiserver URL written into kubeconfigs")
	kubeletIP := fs.String("kubelet-ip", "", "address the real node's kubelet serves on (its serving certificate's IP)")
	_ = fs.Parse(args)
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "pki: --dir is required")
		return 2
	}
	if err := writePKI(*dir, *server, net.ParseIP(*kubeletIP)); err != nil {
		fmt.Fprintln(os.Stderr, "pki:", err)
		return 1
	}
	return 0
}

func newKey() (*ecdsa.PrivateKey, error) { return ecdsa.GenerateKey(elliptic.P256(), rand.Reader) }

func writeKeyPair(dir, stem string, crt *x509.Certificate, key crypto.Signer) error {
	keyPEM, err := keyutil.MarshalPrivateKeyToPEM(key)
	if err != nil {
		return err
	}
	if err := keyutil.WriteKey(filepath.Join(dir, stem+".key"), keyPEM); err != nil {
		return err
	}
	crtPEM, err := cert.EncodeCertificates(crt)
	if err != nil {
		return err
	}
	return cert.WriteCert(filepath.Join(dir, stem+".crt"), crtPEM)
}

func signCert(tmpl *x509.Certificate, pub crypto.PublicKey, ca *x509.Certificate, caKey crypto.Signer) (*x509.Certificate, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, err
	}
	tmpl.SerialNumber = serial
	tmpl.NotBefore = time.Now().Add(-time.Hour).UTC()
	tmpl.NotAfter = time.Now().Add(365 * 24 * time.Hour).UTC()
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, pub, caKey)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func nonNil(ips []net.IP) []net.IP {
	var out []net.IP
	for _, ip := range ips {
		if ip != nil {
			out = append(out, ip)
		}
	}
	return out
}

// certHasIPs reports whether the certificate at path exists and names every
// (non-nil) IP: a serving certificate is reissued when its address changes.
func certHasIPs(path string, ips []net.IP) bool {
	certs, err := cert.CertsFromFile(path)
	if err != nil || len(certs) == 0 {
		return false
	}
	for _, ip := range nonNil(ips) {
		found := false
		for _, have := range certs[0].IPAddresses {
			found = found || have.Equal(ip)
		}
		if !found {
			return false
		}
	}
	return true
}

func writePKI(dir, server string, kubeletIP net.IP) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	caCrtPath, caKeyPath := filepath.Join(dir, "ca.crt"), filepath.Join(dir, "ca.key")
	var ca *x509.Certificate
	var caKey crypto.Signer
	if exists(caCrtPath) && exists(caKeyPath) {
		cas, err := cert.CertsFromFile(caCrtPath)
		if err != nil {
			return err
		}
		k, err := keyutil.PrivateKeyFromFile(caKeyPath)
		if err != nil {
			return err
		}
		ca, caKey = cas[0], k.(crypto.Signer)
	} else {
		k, err := newKey()
		if err != nil {
			return err
		}
		c, err := cert.NewSelfSignedCACert(cert.Config{CommonName: "firedrill-testbed-ca"}, k)
		if err != nil {
			return err
		}
		if err := writeKeyPair(dir, "ca", c, k); err != nil {
			return err
		}
		ca, caKey = c, k
	}

	// serving certificates: the apiserver's, the real node's kubelet's (the
	// apiserver and Prometheus verify it against the CA) and the Chaos Mesh
	// controller's webhook server's
	servers := []struct {
		stem, cn string
		dns      []string
		ips      []net.IP
	}{
		{"apiserver", "kube-apiserver", []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
			"kubernetes.default.svc.cluster.local"}, []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("10.96.0.1")}},
		{"kubelet-serving", "system:node:" + realNodeName, []string{"localhost", realNodeName}, []net.IP{net.ParseIP("127.0.0.1"), kubeletIP}},
		{"chaos-mesh-webhook", "chaos-mesh-controller-manager", []string{"localhost", "chaos-mesh-controller-manager.chaos-mesh.svc"}, []net.IP{net.ParseIP("127.0.0.1")}},
	}
	for _, sv := range servers {
		if certHasIPs(filepath.Join(dir, sv.stem+".crt"), sv.ips) {
			continue
		}
		k, err := newKey()
		if err != nil {
			return err
		}
		c, err := signCert(&x509.Certificate{
			Subject:     pkix.Name{CommonName: sv.cn},
			KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
			ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
			DNSNames:    sv.dns,
			IPAddresses: nonNil(sv.ips),
		}, k.Public(), ca, caKey)
		if err != nil {
			return err
		}
		if err := writeKeyPair(dir, sv.stem, c, k); err != nil {
			return err
		}
	}

	// service-account signing key pair
	if !exists(filepath.Join(dir, "sa.key")) {
		k, err := newKey()
		if err != nil {
			return err
		}
		keyPEM, err := keyutil.MarshalPrivateKeyToPEM(k)
		if err != nil {
			return err
		}
		if err := keyutil.WriteKey(filepath.Join(dir, "sa.key"), keyPEM); err != nil {
			return err
		}
		der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
		if err != nil {
			return err
		}
		pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
		if err := os.WriteFile(filepath.Join(dir, "sa.pub"), pubPEM, 0o644); err != nil {
			return err
		}
	}

	caPEM, err := os.ReadFile(caCrtPath)
	if err != nil {
		return err
	}
	for _, id := range clientIdentities {
		crtPath, keyPath := filepath.Join(dir, id.name+".crt"), filepath.Join(dir, id.name+".key")
		if !exists(crtPath) {
			k, err := newKey()
			if err != nil {
				return err
			}
			c, err := signCert(&x509.Certificate{
				Subject:     pkix.Name{CommonName: id.cn, Organization: id.groups},
				KeyUsage:    x509.KeyUsageDigitalSignature,
				ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
			}, k.Public(), ca, caKey)
			if err != nil {
				return err
			}
			if err := writeKeyPair(dir, id.name, c, k); err != nil {
				return err
			}
		}
		// kubeconfigs are always rewritten so a changed port takes effect. The
		// credentials are inline: Firedrill refuses kubeconfigs that name files
		// on its server, and the bed's are the ones its tests paste.
		crtPEM, err := os.ReadFile(crtPath)
		if err != nil {
			return err
		}
		keyPEM, err := os.ReadFile(keyPath)
		if err != nil {
			return err
		}
		kc := clientcmdapi.NewConfig()
		kc.Clusters["testbed"] = &clientcmdapi.Cluster{Server: server, CertificateAuthorityData: caPEM}
		kc.AuthInfos[id.name] = &clientcmdapi.AuthInfo{ClientCertificateData: crtPEM, ClientKeyData: keyPEM}
		kc.Contexts["testbed"] = &clientcmdapi.Context{Cluster: "testbed", AuthInfo: id.name}
		kc.CurrentContext = "testbed"
		if err := clientcmd.WriteToFile(*kc, filepath.Join(dir, id.name+".kubeconfig")); err != nil {
			return err
		}
	}
	return nil
}

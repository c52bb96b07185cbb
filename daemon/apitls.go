package daemon

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The API off loopback. A phone or a laptop reaches a home box's node over
// the home network, where anyone on the network can read plain HTTP: the
// session cookie, the CSRF token, the bearer token. So an API that listens
// on any address other than loopback speaks only HTTPS (Config.APITLS can
// ask for it on loopback too). Nobody can issue a certificate for a
// private address, so the node makes its own: an ECDSA P-256 key and a
// self-signed certificate naming every address it answers on, kept in its
// home (api-tls.key 0600, api-tls.crt) and reused while it still names
// them, so that a browser told once to trust it keeps trusting it. A
// browser meets it with a warning; `essaim ui` prints the certificate's
// SHA-256 fingerprint to compare with the one the browser shows. The CLI
// on the box trusts exactly that certificate (Dial reads it from the home).

const (
	tlsCertFile = "api-tls.crt"
	tlsKeyFile  = "api-tls.key"
	// tlsCertLife is how long a certificate the node makes is valid.
	tlsCertLife = 825 * 24 * time.Hour
)

// apiTLS is the API's certificate.
type apiTLS struct {
	cert tls.Certificate
	leaf *x509.Certificate
}

// Fingerprint is the certificate's SHA-256 over its DER bytes, as browsers
// show it: upper-case hex pairs joined by colons.
func (a *apiTLS) Fingerprint() string { return fingerprint(a.leaf.Raw) }

func fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

// loadOrMakeTLS returns the certificate in home if it names every one of
// ips and is valid for a while yet, or makes, stores and returns a new
// one. A key or certificate file that is there but unreadable is an
// error: the node does not replace what it cannot read.
func loadOrMakeTLS(home string, ips []net.IP, now time.Time) (*apiTLS, error) {
	certPath, keyPath := filepath.Join(home, tlsCertFile), filepath.Join(home, tlsKeyFile)
	a, err := loadTLS(certPath, keyPath)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("api certificate: %w (remove %s and %s to make a new one)", err, certPath, keyPath)
	case covers(a.leaf, ips) && now.Add(24*time.Hour).Before(a.leaf.NotAfter):
		return a, nil
	}
	return makeTLS(certPath, keyPath, ips, now)
}

func loadTLS(certPath, keyPath string) (*apiTLS, error) {
	certPEM, err1 := os.ReadFile(certPath)
	keyPEM, err2 := os.ReadFile(keyPath)
	if errors.Is(err1, os.ErrNotExist) && errors.Is(err2, os.ErrNotExist) {
		return nil, os.ErrNotExist
	}
	if err := errors.Join(err1, err2); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(keyPath); err == nil && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%s: readable by others (mode %v)", keyPath, fi.Mode().Perm())
	}
	c, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, err
	}
	leaf, err := x509.ParseCertificate(c.Certificate[0])
	if err != nil {
		return nil, err
	}
	return &apiTLS{cert: c, leaf: leaf}, nil
}

// covers reports whether c names every address of ips.
func covers(c *x509.Certificate, ips []net.IP) bool {
	for _, ip := range ips {
		if !slices.ContainsFunc(c.IPAddresses, ip.Equal) {
			return false
		}
	}
	return true
}

func makeTLS(certPath, keyPath string, ips []net.IP, now time.Time) (*apiTLS, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "essaim node"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(tlsCertLife),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  ips,
		DNSNames:     []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, err
	}
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := writeFileAtomic(keyPath, keyPEM, 0o600); err != nil {
		return nil, err
	}
	if err := writeFileAtomic(certPath, certPEM, 0o644); err != nil {
		return nil, err
	}
	return loadTLS(certPath, keyPath)
}

// answerIPs lists the addresses an API listening on ip answers on: ip
// itself, or, for an unspecified address, the IPv4 addresses of the
// machine's interfaces and the loopback ones (for the CLI on the box).
// Global IPv6 addresses are left out: their temporary (privacy) forms
// change every day or so, and each change would make a new certificate
// that browsers warn about again; a home network reaches the box over
// IPv4, or over an IPv6 address given to --api.
func answerIPs(ip net.IP) ([]net.IP, error) {
	if !ip.IsUnspecified() {
		return []net.IP{ip}, nil
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil, err
	}
	var out []net.IP
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLinkLocalUnicast() && (n.IP.To4() != nil || n.IP.IsLoopback()) {
			out = append(out, n.IP)
		}
	}
	return out, nil
}

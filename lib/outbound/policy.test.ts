// The outbound policy as an attacker probes it: every spelling of loopback,
// private, link-local/metadata and CGNAT a URL accepts, plain http to the
// internet, and operator entries that must open exactly what they name (one
// range, one host, one domain, one caller) and nothing next to it.
import { describe, expect, it } from "vitest";
import { destinationRefusal, outboundUrlIssue, parseOutboundAllow, type OutboundPurpose } from "./policy";

const nothingListed = parseOutboundAllow("");
const issue = (url: string, purpose: OutboundPurpose = "webhooks", allow = "") => outboundUrlIssue(url, purpose, parseOutboundAllow(allow));
/** The connect-time decision: `address` is what the name resolved to. */
const atConnect = (url: string, address: string, purpose: OutboundPurpose = "webhooks", allow = "") => {
  const u = new URL(url);
  return destinationRefusal({ protocol: u.protocol, hostname: u.hostname, address }, purpose, parseOutboundAllow(allow));
};

describe("internal destinations are refused with nothing listed", () => {
  const loopback = [
    "127.0.0.1",
    "127.255.255.254",
    "localhost",
    "localhost.",
    "app.localhost",
    "[::1]",
    "[::ffff:127.0.0.1]",
    "[::127.0.0.1]", // IPv4-compatible
    "[64:ff9b::127.0.0.1]", // NAT64
    "[2002:7f00:1::]", // 6to4 of 127.0.0.1
    "0.0.0.0", // Linux connects 0.0.0.0 to this host
    "0",
    "[::]",
    // Spellings the WHATWG URL parser turns into 127.0.0.1:
    "2130706433",
    "0x7f000001",
    "0177.0.0.1",
    "127.1",
    "0x7f.0.0.1",
    "127.0.0.1.",
    "１２７.０.０.１",
  ];
  it.each(loopback)("loopback %s", (host) => {
    for (const scheme of ["https", "http"]) {
      for (const purpose of ["webhooks", "trackers", "metrics"] as const) expect(issue(`${scheme}://${host}:8080/hook`, purpose), `${scheme} ${purpose}`).not.toBeNull();
    }
  });

  const privateOrSpecial = [
    "10.0.0.1",
    "10.255.255.255",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "192.168.255.255",
    "100.64.0.1", // carrier-grade NAT
    "100.127.255.255",
    "169.254.169.254", // cloud metadata
    "0xa9.0xfe.0xa9.0xfe", // 169.254.169.254 again
    "[::ffff:169.254.169.254]",
    "[::ffff:10.0.0.1]",
    "[fd00::1]",
    "[fd12:3456::1]",
    "[fc00::1]",
    "[fe80::1]",
    "[fd00:ec2::254]", // AWS metadata over IPv6
    "224.0.0.1",
    "255.255.255.255",
  ];
  it.each(privateOrSpecial)("%s", (host) => {
    expect(issue(`https://${host}/`)).not.toBeNull();
    expect(issue(`http://${host}/latest/meta-data/`)).not.toBeNull();
  });

  it("user-info in front of an internal host does not hide it", () => {
    expect(issue("https://hooks.slack.com@127.0.0.1/services/x")).not.toBeNull();
    expect(issue("https://hooks.slack.com:x@169.254.169.254/")).not.toBeNull();
  });

  it("the neighbours of the private ranges are public", () => {
    for (const host of ["172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "11.0.0.1", "192.169.0.1", "8.8.8.8", "[2606:4700::1111]"]) expect(issue(`https://${host}/`), host).toBeNull();
  });
});

describe("schemes", () => {
  it("https to a public address or name is allowed", () => {
    expect(issue("https://hooks.slack.com/services/T000/B000/XXXX")).toBeNull();
    expect(issue("https://api.github.com", "trackers")).toBeNull();
    expect(issue("https://93.184.216.34/")).toBeNull();
  });

  it("plain http to a public address or name is refused, and the message names the operator's switch", () => {
    expect(issue("http://hooks.example.com/x")).toMatch(/plain http:\/\/.*FIREDRILL_OUTBOUND_ALLOW=webhooks=hooks\.example\.com/);
    expect(issue("http://93.184.216.34/")).not.toBeNull();
    expect(issue("http://api.github.com", "trackers")).not.toBeNull();
  });

  it("other schemes are refused", () => {
    for (const url of ["file:///etc/passwd", "gopher://127.0.0.1:6379/_FLUSHALL", "ftp://example.com/", "ws://example.com/", "not a url"]) expect(issue(url), url).not.toBeNull();
  });
});

describe("the connect-time decision judges the address connected to", () => {
  it("a public-looking name that resolves to an internal address is refused (DNS rebinding)", () => {
    for (const address of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "10.0.0.7", "169.254.169.254", "::ffff:a9fe:a9fe", "fd00::1", "100.100.100.200", "0.0.0.0"]) {
      expect(atConnect("https://hooks.example.com/x", address), address).not.toBeNull();
    }
  });

  it("the same name resolving to a public address is allowed over https", () => {
    expect(atConnect("https://hooks.example.com/x", "93.184.216.34")).toBeNull();
    expect(atConnect("https://hooks.example.com/x", "2606:4700::1111")).toBeNull();
  });

  it("an address it cannot read is refused, not passed", () => {
    expect(atConnect("https://hooks.example.com/x", "not-an-address")).not.toBeNull();
    expect(atConnect("https://hooks.example.com/x", "0177.0.0.1")).not.toBeNull();
  });

  it("plain http to a public address is refused even where a listed range could have held the name", () => {
    expect(issue("http://prom.example.com:9090", "metrics", "10.0.0.0/8")).toBeNull(); // save time: cannot tell yet
    expect(atConnect("http://prom.example.com:9090", "93.184.216.34", "metrics", "10.0.0.0/8")).not.toBeNull();
    expect(atConnect("http://prom.example.com:9090", "127.0.0.1", "metrics", "10.0.0.0/8")).not.toBeNull();
    expect(atConnect("http://prom.example.com:9090", "10.1.2.3", "metrics", "10.0.0.0/8")).toBeNull();
  });
});

describe("parseOutboundAllow", () => {
  it("reads CIDRs, addresses, hosts, domains and caller-scoped entries, separated by commas or spaces", () => {
    const p = parseOutboundAllow(" 10.0.0.0/8, fd00::/8 [fd01::]/16 192.168.5.7 prometheus.internal,.svc.cluster.local *.corp.example metrics=172.16.0.0/12 TRACKERS=gitlab.corp ");
    expect(p.invalid).toEqual([]);
    expect(p.entries).toHaveLength(9);
    expect(p.entries.filter((e) => e.purpose !== null).map((e) => e.purpose)).toEqual(["metrics", "trackers"]);
  });

  it("sets aside what is neither a CIDR nor a host name, and an unknown caller", () => {
    const bad = ["10.0.0.0/33", "10.0.0/8", "1.2.3", "http://prom:9090", "ssh=10.0.0.0/8", "webhooks=", "*", ".", "a/b", "-bad-.example"];
    const p = parseOutboundAllow(bad.join(","));
    expect(p.entries).toEqual([]);
    expect(p.invalid).toEqual(bad);
  });

  it("an ignored entry opens nothing", () => {
    expect(issue("http://127.0.0.1:9090", "metrics", "127.0.0.0/33")).not.toBeNull();
    expect(issue("http://10.0.0.1", "metrics", "ssh=10.0.0.0/8")).not.toBeNull();
  });
});

describe("operator entries open exactly what they name", () => {
  it("a CIDR allows its addresses, over http too, and nothing next to it", () => {
    const allow = "10.0.0.0/8";
    expect(issue("http://10.1.2.3:9090", "metrics", allow)).toBeNull();
    expect(issue("https://10.255.255.255", "webhooks", allow)).toBeNull();
    expect(issue("http://172.16.0.1", "metrics", allow)).not.toBeNull();
    expect(issue("http://127.0.0.1", "metrics", allow)).not.toBeNull();
    expect(issue("http://169.254.169.254", "metrics", allow)).not.toBeNull();
  });

  it("a single address is a /32", () => {
    expect(issue("http://192.168.5.7", "webhooks", "192.168.5.7")).toBeNull();
    expect(issue("http://192.168.5.8", "webhooks", "192.168.5.7")).not.toBeNull();
  });

  it("an IPv6 range", () => {
    expect(issue("http://[fd12::1]:9090", "metrics", "fd00::/8")).toBeNull();
    expect(issue("http://[fe80::1]:9090", "metrics", "fd00::/8")).not.toBeNull();
    expect(issue("http://[::1]:9090", "metrics", "fd00::/8")).not.toBeNull();
  });

  it("a caller-scoped entry applies to that caller only", () => {
    const allow = "metrics=10.0.0.0/8";
    expect(issue("http://10.0.0.5:9090", "metrics", allow)).toBeNull();
    expect(issue("http://10.0.0.5:9090", "webhooks", allow)).not.toBeNull();
    expect(issue("https://10.0.0.5", "trackers", allow)).not.toBeNull();
    expect(atConnect("https://hooks.example.com", "10.0.0.5", "webhooks", allow)).not.toBeNull();
    expect(atConnect("https://prom.example.com", "10.0.0.5", "metrics", allow)).toBeNull();
    const trackers = "trackers=gitlab.corp";
    expect(issue("http://gitlab.corp", "trackers", trackers)).toBeNull();
    expect(issue("http://gitlab.corp", "webhooks", trackers)).not.toBeNull();
  });

  it("a host name allows that name (its DNS is the operator's), not names that merely contain it", () => {
    const allow = "prometheus.internal";
    expect(issue("http://prometheus.internal:9090", "metrics", allow)).toBeNull();
    expect(issue("http://PROMETHEUS.internal.:9090", "metrics", allow)).toBeNull();
    expect(atConnect("http://prometheus.internal:9090", "10.0.0.9", "metrics", allow)).toBeNull();
    for (const url of ["http://prometheus.internal.evil.com", "http://evilprometheus.internal", "http://x.prometheus.internal", "http://internal"]) expect(issue(url, "metrics", allow), url).not.toBeNull();
  });

  it("a domain entry allows the names under it, and not look-alikes", () => {
    for (const allow of [".svc.cluster.local", "*.svc.cluster.local"]) {
      expect(issue("http://prometheus.monitoring.svc.cluster.local:9090", "metrics", allow), allow).toBeNull();
      for (const url of ["http://svc.cluster.local.evil.com", "http://evilsvc.cluster.local", "http://cluster.local"]) expect(issue(url, "metrics", allow), `${allow} ${url}`).not.toBeNull();
    }
  });

  it("listing a name does not open an address that name has nothing to do with", () => {
    expect(issue("http://127.0.0.1:9090", "metrics", "prometheus.internal")).not.toBeNull();
    expect(atConnect("https://hooks.example.com", "127.0.0.1", "webhooks", "prometheus.internal")).not.toBeNull();
  });

  it("the default: nothing listed", () => {
    expect(nothingListed).toEqual({ entries: [], invalid: [] });
    expect(outboundUrlIssue("http://127.0.0.1:9", "webhooks", nothingListed)).not.toBeNull();
  });
});

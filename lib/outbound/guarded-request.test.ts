// sendOutbound against the hostile servers of hostile-servers.test-support.ts:
// an internal service that must receive no connection at all (not a refused
// request: no TCP connection), reached by literal, by a name that resolves
// to it (DNS rebinding) or by a redirect; an endless answer; a trickle that
// is never idle and never done. Policies and name resolution are passed
// explicitly; the environment's allow list plays no part.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { guardedFetch } from "./guarded-fetch";
import { sendOutbound, type OutboundRequest, type Resolver } from "./guarded-request";
import { answerWith, endlessJson, redirectTo, startLocalServer, trickle, type LocalServer } from "./hostile-servers.test-support";
import { OutboundError } from "./outbound-error";
import { parseOutboundAllow, type OutboundPurpose } from "./policy";

const SECRET = "root:x:0:0:SECRET-FROM-THE-INSIDE";

/** A resolver that answers every name with the given addresses, and counts its calls. */
function resolvesTo(...addresses: string[]): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

const opts = (allow: string, more: Partial<OutboundRequest> = {}, purpose: OutboundPurpose = "webhooks"): OutboundRequest => ({
  purpose,
  method: "POST",
  body: "{}",
  timeoutMs: 5_000,
  maxBytes: 64 * 1024,
  policy: parseOutboundAllow(allow),
  resolve: resolvesTo("127.0.0.1"),
  ...more,
});

async function failureOf(p: Promise<unknown>): Promise<OutboundError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(OutboundError);
  return e as OutboundError;
}

const servers: LocalServer[] = [];
async function start(...args: Parameters<typeof startLocalServer>) {
  const s = await startLocalServer(...args);
  servers.push(s);
  return s;
}

let internal: LocalServer;
beforeAll(async () => {
  internal = await startLocalServer(answerWith(200, SECRET));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => internal.close());

describe("an internal service gets no connection at all", () => {
  it("the control: listed, it is reached (so a zero below means refused, not missed)", async () => {
    const before = internal.connections;
    const res = await sendOutbound(`${internal.url}/`, opts("127.0.0.0/8"));
    expect(res.status).toBe(200);
    expect(internal.connections).toBe(before + 1);
  });

  const literals = (port: number) => [
    `http://127.0.0.1:${port}/`,
    `https://127.0.0.1:${port}/`,
    `http://localhost:${port}/`,
    `http://2130706433:${port}/`,
    `http://0x7f000001:${port}/`,
    `http://0177.0.0.1:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://0:${port}/`, // 0.0.0.0: Linux connects it to this host
    `http://hooks.slack.com@127.0.0.1:${port}/`,
  ];

  it("by a literal address in any spelling, with nothing listed", async () => {
    const before = internal.connections;
    for (const url of literals(internal.port)) {
      const e = await failureOf(sendOutbound(url, opts("")));
      expect(e.reason, url).toBe("refused");
    }
    expect(internal.connections).toBe(before);
  });

  it("by a literal, when the listed range is for another caller", async () => {
    const before = internal.connections;
    for (const purpose of ["webhooks", "trackers"] as const) {
      const e = await failureOf(sendOutbound(`${internal.url}/`, opts("metrics=127.0.0.0/8", {}, purpose)));
      expect(e.reason).toBe("refused");
    }
    expect(internal.connections).toBe(before);
  });

  it("by a public-looking name that resolves to it (DNS rebinding), judged on the address connected to", async () => {
    const before = internal.connections;
    const cases: [string, Resolver & { calls: string[] }][] = [
      [`https://hooks.example.com:${internal.port}/`, resolvesTo("127.0.0.1")],
      [`https://hooks.example.com:${internal.port}/`, resolvesTo("::ffff:127.0.0.1")],
      [`https://hooks.example.com:${internal.port}/`, resolvesTo("10.0.0.1", "127.0.0.1", "169.254.169.254")],
      [`https://hooks.example.com:${internal.port}/`, resolvesTo("0.0.0.0")],
    ];
    for (const [url, resolve] of cases) {
      const e = await failureOf(sendOutbound(url, opts("", { resolve })));
      expect(e.reason).toBe("refused");
      expect(resolve.calls).toEqual(["hooks.example.com"]); // it was looked up, then refused: a connect-time check
    }
    expect(internal.connections).toBe(before);
  });

  it("over http, where a listed range let the name through to the lookup", async () => {
    const before = internal.connections;
    const resolve = resolvesTo("127.0.0.1");
    const e = await failureOf(sendOutbound(`http://prom.example.com:${internal.port}/`, opts("10.0.0.0/8", { resolve }, "metrics")));
    expect(e.reason).toBe("refused");
    expect(resolve.calls).toHaveLength(1);
    expect(internal.connections).toBe(before);
  });

  it("plain http to a name nothing lists is refused before any lookup", async () => {
    const resolve = resolvesTo("127.0.0.1");
    const e = await failureOf(sendOutbound(`http://hooks.example.com:${internal.port}/`, opts("", { resolve })));
    expect(e.reason).toBe("refused");
    expect(resolve.calls).toEqual([]);
  });
});

describe("redirects are never followed", () => {
  it("from an allowed server to the internal one: the internal one gets no connection", async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const allowed = await start(redirectTo(`${internal.url}/latest/meta-data/?${SECRET}`, status));
      const before = internal.connections;
      const e = await failureOf(sendOutbound(`http://allowed.test:${allowed.port}/hook`, opts("allowed.test")));
      expect(e.reason).toBe("redirect");
      expect(allowed.connections).toBe(1);
      expect(internal.connections).toBe(before);
      expect(e.message).not.toContain(SECRET);
      expect(e.message).not.toContain(String(internal.port));
    }
  });

  it("not even to a destination the policy allows", async () => {
    const target = await start();
    const allowed = await start(redirectTo(`http://allowed.test:${target.port}/`));
    const e = await failureOf(sendOutbound(`http://allowed.test:${allowed.port}/`, opts("allowed.test")));
    expect(e.reason).toBe("redirect");
    expect(target.connections).toBe(0);
  });

  it("through the fetch given to tracker clients, whatever redirect mode the library asks for", async () => {
    const allowed = await start(redirectTo(`${internal.url}/`));
    const before = internal.connections;
    const f = guardedFetch({ purpose: "trackers", timeoutMs: 5_000, maxBytes: 64 * 1024, policy: parseOutboundAllow("allowed.test"), resolve: resolvesTo("127.0.0.1") });
    for (const redirect of ["follow", "manual", undefined] as const) {
      const e = await failureOf(f(`http://allowed.test:${allowed.port}/repos/acme/shop/issues`, { method: "GET", redirect }));
      expect(e.reason).toBe("redirect");
    }
    expect(internal.connections).toBe(before);
  });
});

describe("limits", () => {
  it("an endless answer fails as too-large, long before the deadline", async () => {
    const endless = await start(endlessJson);
    const e = await failureOf(sendOutbound(`http://allowed.test:${endless.port}/api/v1/query`, opts("allowed.test", { maxBytes: 1024 * 1024, timeoutMs: 60_000 }, "metrics")));
    expect(e.reason).toBe("too-large");
  }, 30_000);

  it("an answer that declares a length past the cap fails without being read", async () => {
    const big = await start((_req, res) => {
      res.writeHead(200, { "content-length": String(10 * 1024 * 1024) });
      res.write(SECRET); // and then nothing: a client that waited for the body would hit the deadline
    });
    const e = await failureOf(sendOutbound(`http://allowed.test:${big.port}/`, opts("allowed.test", { maxBytes: 1024 * 1024, timeoutMs: 60_000 })));
    expect(e.reason).toBe("too-large");
  }, 30_000);

  it("a trickle that is never idle ends at the total deadline", async () => {
    const slow = await start(trickle);
    const e = await failureOf(sendOutbound(`http://allowed.test:${slow.port}/`, opts("allowed.test", { timeoutMs: 1_200 })));
    expect(e.reason).toBe("timeout");
    expect(slow.requests).toHaveLength(1); // it was reached and answering: a deadline, not a refusal
  }, 20_000);

  it("the deadline covers the name lookup too", async () => {
    const e = await failureOf(sendOutbound("https://hooks.example.com/", opts("", { timeoutMs: 500, resolve: () => new Promise(() => undefined) })));
    expect(e.reason).toBe("timeout");
  });

  it("a signal already aborted cancels the call, and does not crash the process", async () => {
    const uncaught: unknown[] = [];
    const record = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", record);
    try {
      const slow = await start(trickle);
      const e = await failureOf(sendOutbound(`http://allowed.test:${slow.port}/`, opts("allowed.test", { timeoutMs: 60_000, signal: AbortSignal.abort() })));
      expect(e.reason).toBe("aborted");
      await new Promise((r) => setImmediate(r)); // the destroyed request's "socket hang up" comes on the next turn
      expect(uncaught).toEqual([]);
    } finally {
      process.off("uncaughtException", record);
    }
  });

  it("a signal aborted during the call cancels it", async () => {
    const slow = await start(trickle);
    const controller = new AbortController();
    const call = failureOf(sendOutbound(`http://allowed.test:${slow.port}/`, opts("allowed.test", { timeoutMs: 60_000, signal: controller.signal })));
    while (slow.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    expect((await call).reason).toBe("aborted");
  });
});

describe("what an error says", () => {
  const secretServers = {
    redirect: (_q: unknown, res: import("node:http").ServerResponse) => {
      res.writeHead(302, { location: `http://10.0.0.1/${SECRET}`, "x-leak": SECRET });
      res.end(SECRET);
    },
    tooLarge: (_q: unknown, res: import("node:http").ServerResponse) => {
      res.writeHead(200, { "x-leak": SECRET });
      res.end(SECRET.repeat(4096));
    },
    timeout: (_q: unknown, res: import("node:http").ServerResponse) => {
      res.writeHead(200, { "x-leak": SECRET });
      res.write(SECRET);
    },
    unreachable: (_q: unknown, res: import("node:http").ServerResponse) => {
      res.writeHead(200, { "content-length": "1000" });
      res.write(SECRET, () => res.destroy());
    },
  };

  it.each(Object.entries(secretServers))("never the server's answer (%s)", async (reason, handle) => {
    const s = await start(handle);
    const e = await failureOf(sendOutbound(`http://allowed.test:${s.port}/`, opts("allowed.test", { timeoutMs: 1_000 })));
    expect(e.reason).toBe(reason === "tooLarge" ? "too-large" : reason);
    expect(`${e.message} ${String(e)} ${JSON.stringify(e)}`).not.toContain("SECRET");
  });

  it("cannot tell a closed port from an open one that hangs up (no port scanning, even where allowed)", async () => {
    const closed = await startLocalServer();
    await closed.close();
    const hangsUp = await start((req) => req.socket.destroy());
    const message = async (port: number) => (await failureOf(sendOutbound(`http://allowed.test:${port}/`, opts("allowed.test")))).message;
    const [a, b] = [await message(closed.port), await message(hangsUp.port)];
    expect(a).toBe(b);
    expect(a).not.toMatch(/ECONNREFUSED|ECONNRESET|socket hang up/i);
  });

  it("with nothing listed, an open internal port and a closed one give the same refusal", async () => {
    const closed = await startLocalServer();
    await closed.close();
    const message = async (port: number) => (await failureOf(sendOutbound(`http://127.0.0.1:${port}/`, opts("")))).message.replaceAll(String(port), "PORT");
    expect(await message(internal.port)).toBe(await message(closed.port));
  });
});

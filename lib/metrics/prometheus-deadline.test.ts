// A Prometheus that is up but never finishes its answer (it trickles a byte
// every 300 ms) must not hold a caller past the query's deadline: an idle
// timeout never fires on such a connection, a total deadline does.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTricklingPrometheus, type TricklingPrometheus } from "@/lib/testing/trickling-prometheus";
import { promQuery, promQueryRange } from "./prometheus";

let trickle: TricklingPrometheus;
beforeAll(async () => {
  trickle = await startTricklingPrometheus();
});
afterAll(() => trickle.close());

it("an instant query and a range query give up at their deadline", async () => {
  const ep = { url: trickle.url, auth: { kind: "none" as const }, tlsSkipVerify: false, caCert: null };
  const started = Date.now();
  const [instant, range] = await Promise.all([promQuery(ep, "up", undefined, 1500), promQueryRange(ep, "up", 0, 60, 1, 1500)]);
  expect(instant).toMatchObject({ ok: false, kind: "timeout" });
  expect(range).toMatchObject({ ok: false, kind: "timeout" });
  expect(Date.now() - started).toBeLessThan(10_000);
}, 20_000);

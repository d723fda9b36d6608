import { describe, expect, it } from "vitest";
import { faultedRoutes, istioFault } from "./istio-fault";

const params = { type: "abort" as const, percentage: 25, delayMs: 1000, httpStatus: 503 };

describe("istio fault", () => {
  it("is an abort or a fixed delay for a percentage of requests", () => {
    expect(istioFault(params)).toEqual({ abort: { httpStatus: 503, percentage: { value: 25 } } });
    expect(istioFault({ ...params, type: "delay" })).toEqual({ delay: { fixedDelay: "1000ms", percentage: { value: 25 } } });
  });

  it("goes on every HTTP route, keeping the rest of each route and a fault of the other type", () => {
    const routes = [
      { name: "api", match: [{ uri: { prefix: "/api" } }], route: [{ destination: { host: "checkout" } }], fault: { delay: { fixedDelay: "5ms" } } },
      { route: [{ destination: { host: "checkout" } }] },
    ];
    const copy = structuredClone(routes);
    expect(faultedRoutes(routes, params)).toEqual([
      { ...routes[0], fault: { delay: { fixedDelay: "5ms" }, abort: { httpStatus: 503, percentage: { value: 25 } } } },
      { ...routes[1], fault: { abort: { httpStatus: 503, percentage: { value: 25 } } } },
    ]);
    expect(routes).toEqual(copy); // the recorded originals are never mutated
  });
});

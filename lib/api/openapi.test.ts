import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApi } from "./openapi";

const root = path.resolve(import.meta.dirname, "../..");

/** Every route file under app/api/v1, as an OpenAPI path ("[runId]" → "{runId}"). */
function routePaths(dir = path.join(root, "app/api/v1")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return routePaths(full);
    if (d.name !== "route.ts") return [];
    return ["/" + path.relative(root, path.dirname(full)).replace(/^app\//, "").replace(/\[(\w+)\]/g, "{$1}")];
  });
}

describe("OpenAPI description", () => {
  const doc = buildOpenApi("http://127.0.0.1:3000") as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };

  it("describes exactly the routes under app/api/v1", () => {
    expect(Object.keys(doc.paths).sort()).toEqual(routePaths().sort());
  });

  it("every $ref resolves to a component generated from the zod schemas", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(doc.components.schemas, r).toHaveProperty(r);
    expect(doc.components.schemas.RunResults).toMatchObject({ type: "object", properties: { verdict: { enum: ["passed", "failed", "inconclusive", "pending"] } } });
  });

  it("every route that needs a token says 401 and 403", () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops) as { security?: unknown[]; responses: Record<string, unknown> }[]) {
        if (op.security?.length === 0) continue;
        // A receiver token belongs to a source, not a person: it has no role to lack.
        const receiver = JSON.stringify(op.security ?? []).includes("receiverToken");
        expect(Object.keys(op.responses), p).toEqual(expect.arrayContaining(receiver ? ["401"] : ["401", "403"]));
      }
    }
  });
});

import { describe, expect, it, vi } from "vitest";

// The production build bundles process-id.ts into several chunks, so one process
// evaluates the module several times. Each evaluation must name the same owner,
// or the engine loop takes the process's own runs for orphans and aborts them.
describe("PROCESS_ID", () => {
  it("is the same in every copy of the module within one process", async () => {
    const first = (await import("./process-id")).PROCESS_ID;
    vi.resetModules();
    const second = (await import("./process-id")).PROCESS_ID;
    vi.resetModules();
    const third = (await import("./process-id")).PROCESS_ID;
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(first).toContain(`:${process.pid}:`);
  });
});

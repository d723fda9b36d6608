// Built-in tickets are numbered FD-1, FD-2, … per GameDay. On PostgreSQL two
// requests filing at the same moment each count the existing tickets in their
// own transaction and may pick the same number: the unique key index and the
// renumbering in insertFollowUp must still give every ticket its own key.
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";

let me: SessionUser;
let gameDayId: string;
let createFollowUp: typeof import("./follow-ups").createFollowUp;

beforeAll(async () => {
  if (!process.env.DATABASE_URL?.startsWith("postgres")) throw new Error("set DATABASE_URL to a fresh PostgreSQL database (npm test does)");
  execFileSync("node", ["scripts/migrate-deploy.mjs"], { env: process.env, stdio: "ignore" });
  // lib reads DATABASE_URL when it is first imported: import it only now.
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  ({ createFollowUp } = await import("./follow-ups"));
  const { userId } = await provisionUser({ email: "ada@example.com", name: "Ada" });
  me = (await loadSessionUser(userId))!;
  gameDayId = (await createGameDay(me, { title: "Checkout", goals: "Learn", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
});

describe("built-in follow-up keys on PostgreSQL", () => {
  it("gives twelve tickets filed at once twelve different keys, FD-1 to FD-12", async () => {
    const filed = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createFollowUp(me, { gameDayId, title: `Finding ${i + 1}`, body: "", labels: "" }, { appUrl: "http://firedrill.test" })),
    );
    const keys = filed.map((f) => f.key).sort((a, b) => Number(a!.slice(3)) - Number(b!.slice(3)));
    expect(keys).toEqual(Array.from({ length: 12 }, (_, i) => `FD-${i + 1}`));
  });
});

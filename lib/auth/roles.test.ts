import { describe, expect, it } from "vitest";
import { can, whoCan } from "./roles";

describe("roles", () => {
  it("grants each role what is below it", () => {
    expect(can("viewer", "view")).toBe(true);
    expect(can("viewer", "contribute")).toBe(false);
    expect(can("participant", "contribute")).toBe(true);
    expect(can("participant", "facilitate")).toBe(false);
    expect(can("facilitator", "facilitate")).toBe(true);
    expect(can("facilitator", "administer")).toBe(false);
    expect(can("admin", "administer")).toBe(true);
  });

  it("explains who may do something", () => {
    expect(whoCan("facilitate")).toBe("Only facilitators and admins can do this.");
    expect(whoCan("administer")).toBe("Only admins can do this.");
    expect(whoCan("contribute")).toBe("Only participants, facilitators and admins can do this.");
  });
});

// A local HTTP server standing in for a tracker's API in tests. Every request
// is first validated against the tracker's official API description
// (openapi-validator.ts): anything the real API would not accept is answered
// 400 and recorded in `violations`, so tests assert that list is empty.
// Tests can queue faults: a status answered instead of the operation (401,
// 429, 503 …), or the operation performed and its answer lost (the case a
// retry must not turn into a duplicate).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { OpenApiValidator, type Matched } from "./openapi-validator";

export interface FakeRequest extends Matched {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}
export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}
export type Fault = (
  | { operationId: string; kind: "answer"; answer: FakeAnswer }
  /** Performs the operation, then answers with this status instead of its result (the answer is "lost"). */
  | { operationId: string; kind: "lose-answer"; status: number }
) & {
  /** Let this many matching calls through untouched first. */
  after?: number;
};

export interface FakeTrackerOptions {
  name: string;
  spec: Record<string, unknown>;
  /** Prefix of the API on this server, e.g. "/api/v4" for GitLab ("" for GitHub and Jira). */
  basePath: string;
  /** Whether the request carries the valid credentials. */
  authorised: (headers: http.IncomingHttpHeaders) => boolean;
  unauthorised: FakeAnswer;
  handlers: Record<string, (req: FakeRequest) => FakeAnswer>;
}

export class FakeTracker {
  readonly violations: string[] = [];
  readonly calls: { operationId: string; status: number }[] = [];
  private readonly faults: Fault[] = [];
  private readonly validator: OpenApiValidator;
  private server?: http.Server;
  url = "";

  constructor(private readonly opts: FakeTrackerOptions) {
    this.validator = new OpenApiValidator(opts.spec);
  }

  /** Queues a fault for the next call of an operation. */
  fault(f: Fault): this {
    this.faults.push(f);
    return this;
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  count(operationId: string): number {
    return this.calls.filter((c) => c.operationId === operationId).length;
  }

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const send = (a: FakeAnswer, operationId: string) => {
      this.calls.push({ operationId, status: a.status });
      res.writeHead(a.status, { "content-type": "application/json; charset=utf-8", ...a.headers });
      res.end(a.body === undefined ? "" : JSON.stringify(a.body));
    };
    if (!url.pathname.startsWith(this.opts.basePath)) return send({ status: 404, body: { message: "Not Found" } }, "unknown");
    let body: unknown = undefined;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        this.violations.push(`${req.method} ${url.pathname}: body is not JSON`);
        return send({ status: 400, body: { message: "Problems parsing JSON" } }, "invalid");
      }
    }
    let matched: Matched;
    try {
      matched = this.validator.validate({ method: req.method ?? "GET", path: url.pathname.slice(this.opts.basePath.length) || "/", query: url.searchParams, headers: req.headers, body, contentType: req.headers["content-type"] });
    } catch (error) {
      this.violations.push((error as Error).message);
      return send({ status: 400, body: { message: (error as Error).message } }, "invalid");
    }
    const fr: FakeRequest = { ...matched, method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body };
    const i = this.faults.findIndex((f) => f.operationId === matched.operationId || f.operationId === "*");
    let fault: Fault | undefined;
    if (i >= 0 && (this.faults[i].after ?? 0) > 0) this.faults[i].after! -= 1;
    else if (i >= 0) fault = this.faults.splice(i, 1)[0];
    if (fault?.kind === "answer") return send(fault.answer, matched.operationId);
    if (!this.opts.authorised(req.headers)) return send(this.opts.unauthorised, matched.operationId);
    const handler = this.opts.handlers[matched.operationId];
    if (!handler) {
      this.violations.push(`${matched.operationId} is valid but this fake does not implement it`);
      return send({ status: 501, body: { message: "not implemented by the fake" } }, matched.operationId);
    }
    const answer = handler(fr);
    if (fault?.kind === "lose-answer") return send({ status: fault.status, body: { message: "upstream connect error" } }, matched.operationId);
    send(answer, matched.operationId);
  }
}

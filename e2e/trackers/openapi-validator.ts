// Validates HTTP requests against an official OpenAPI 3.0 description: the
// path and method must be an operation of the API, required parameters must
// be there and match their schemas, and a JSON body must match the
// operation's request schema. The fake trackers answer 400 to anything else
// and record it, so a client that drifts from the real API fails its tests.
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Json;
}

export interface RequestToValidate {
  method: string;
  /** Path relative to the API's base, e.g. /repos/o/r/issues. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  contentType: string | undefined;
}

export interface Matched {
  operationId: string;
  template: string;
  params: Record<string, string>;
}

export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly ajvParams: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly routes: { template: string; re: RegExp; names: string[] }[];

  private readonly spec: Json;

  constructor(spec: Json) {
    this.spec = withNullTypes(spec) as Json;
    // OpenAPI 3.0 schemas are JSON Schema with extras (example, x-…). Bodies
    // are validated as sent; parameters arrive as strings, so their validator
    // coerces ("5" for an integer, "a" for a one-item array).
    this.ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true, logger: false });
    this.ajvParams = new Ajv({ strict: false, validateSchema: false, allErrors: true, coerceTypes: "array", logger: false });
    for (const a of [this.ajv, this.ajvParams]) {
      addFormats(a);
      a.addSchema(this.spec, "spec");
    }
    this.routes = Object.keys(this.spec.paths as Json).map((template) => {
      const names: string[] = [];
      const re = new RegExp(
        "^" +
          template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
            names.push(name);
            return "([^/]+)";
          }) +
          "$",
      );
      return { template, re, names };
    });
  }

  /** Returns the matched operation, or throws an Error listing everything wrong with the request. */
  validate(req: RequestToValidate): Matched {
    const method = req.method.toLowerCase();
    const candidates = this.routes.filter((r) => r.re.test(req.path));
    // Prefer literal segments over templated ones (/issues/jql before /issues/{id}).
    candidates.sort((a, b) => a.names.length - b.names.length);
    const route = candidates.find((r) => (this.spec.paths as Record<string, Json>)[r.template][method]);
    if (!route) throw new Error(`${req.method} ${req.path} is not an operation of ${(this.spec.info as Json).title}`);
    const pathItem = (this.spec.paths as Record<string, Json>)[route.template];
    const op = pathItem[method] as Json;
    const m = route.re.exec(req.path)!;
    const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
    const errors: string[] = [];
    const declared = [...((pathItem.parameters as Json[]) ?? []), ...((op.parameters as Json[]) ?? [])].map((p) => this.deref(p) as unknown as Parameter);
    for (const p of declared) {
      const raw = p.in === "path" ? params[p.name] : p.in === "query" ? (req.query.getAll(p.name).length > 1 ? req.query.getAll(p.name) : req.query.get(p.name)) : p.in === "header" ? req.headers[p.name.toLowerCase()] : undefined;
      if (raw === undefined || raw === null) {
        if (p.required) errors.push(`missing required ${p.in} parameter "${p.name}"`);
        continue;
      }
      if (p.schema) {
        // Wrapped in an object so Ajv can coerce the string it arrived as in place.
        const v = this.compile(`param:${route.template}:${method}:${p.in}:${p.name}`, { type: "object", properties: { value: p.schema } });
        if (!v({ value: raw })) errors.push(`${p.in} parameter "${p.name}"=${JSON.stringify(raw)}: ${this.ajv.errorsText(v.errors)}`);
      }
    }
    for (const name of req.query.keys()) {
      if (!declared.some((p) => p.in === "query" && p.name === name)) errors.push(`query parameter "${name}" is not part of ${op.operationId}`);
    }
    const body = op.requestBody ? (this.deref(op.requestBody as Json) as Json) : undefined;
    if (body) {
      const hasBody = req.body !== undefined;
      if (!hasBody && body.required) errors.push("missing required request body");
      if (hasBody) {
        const content = body.content as Record<string, { schema?: Json }>;
        const media = req.contentType?.split(";")[0].trim() ?? "";
        const entry = content[media] ?? (media.endsWith("json") ? content["application/json"] : undefined);
        if (!entry) errors.push(`content type "${media}" is not accepted (accepts ${Object.keys(content).join(", ")})`);
        else if (entry.schema) {
          const v = this.compile(`body:${route.template}:${method}`, entry.schema);
          if (!v(req.body)) errors.push(`request body: ${this.ajv.errorsText(v.errors, { dataVar: "body" })}`);
        }
      }
    } else if (req.body !== undefined && req.body !== "") {
      errors.push(`${op.operationId} takes no request body`);
    }
    if (errors.length) throw new Error(`${req.method} ${req.path} (${op.operationId}) does not match the API description: ${errors.join("; ")}`);
    return { operationId: String(op.operationId), template: route.template, params };
  }

  private deref(node: Json): Json {
    let n = node;
    while (typeof n.$ref === "string") {
      n = (n.$ref as string)
        .slice(2)
        .split("/")
        .reduce<Json>((acc, key) => acc[key.replace(/~1/g, "/").replace(/~0/g, "~")] as Json, this.spec);
    }
    return n;
  }

  private compile(key: string, schema: Json): ValidateFunction {
    let v = this.cache.get(key);
    if (!v) {
      // Local refs inside the operation point into the spec document registered as "spec".
      v = (key.startsWith("param:") ? this.ajvParams : this.ajv).compile(JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"spec#/')));
      this.cache.set(key, v);
    }
    return v;
  }
}

/**
 * OpenAPI 3.0's `nullable: true` in JSON Schema terms (GitHub's description
 * also puts it beside oneOf/allOf, without a type, which Ajv refuses).
 */
function withNullTypes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withNullTypes);
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) if (k !== "nullable") out[k] = withNullTypes(v);
  if ((node as Json).nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

// Cuts an excerpt out of an official OpenAPI 3 description: the named
// operations, unchanged, plus every component they reference (transitively).
// Used once to vendor Jira Cloud's description (the full file is 2.6 MB):
//   node e2e/trackers/specs/extract-excerpt.mjs swagger-v3.v3.json jira-cloud-platform.excerpt.json \
//     "post /rest/api/3/issue" "get /rest/api/3/issue/{issueIdOrKey}" "post /rest/api/3/search/jql"
import fs from "node:fs";

const [src, dest, ...ops] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(src, "utf8"));
const out = { openapi: spec.openapi, info: { ...spec.info, "x-excerpt": `Operations ${ops.join(", ")} of the official description, unchanged` }, servers: spec.servers, paths: {}, components: {} };
const seen = new Set();
function collect(node) {
  if (Array.isArray(node)) return node.forEach(collect);
  if (!node || typeof node !== "object") return;
  for (const [k, v] of Object.entries(node)) {
    if (k === "$ref" && typeof v === "string" && v.startsWith("#/components/") && !seen.has(v)) {
      seen.add(v);
      const [, , kind, name] = v.split("/");
      const target = spec.components[kind][name];
      ((out.components[kind] ??= {})[name] = target);
      collect(target);
    } else collect(v);
  }
}
for (const op of ops) {
  const [method, path] = op.split(" ");
  const operation = spec.paths[path]?.[method];
  if (!operation) throw new Error(`no ${op} in ${src}`);
  (out.paths[path] ??= {})[method] = operation;
  if (spec.paths[path].parameters) out.paths[path].parameters = spec.paths[path].parameters;
  collect(operation);
}
out.components.securitySchemes = spec.components.securitySchemes;
fs.writeFileSync(dest, JSON.stringify(out, null, 1) + "\n");
console.log(`${dest}: ${Object.keys(out.paths).length} paths, ${seen.size} components`);

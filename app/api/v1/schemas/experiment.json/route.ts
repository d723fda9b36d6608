// Serves the JSON Schema of Firedrill Experiment documents for editors, generated from the editor's zod schemas (public).
import { experimentDocumentSchema, toJsonSchema } from "@/lib/as-code/json-schema";

export function GET(request: Request) {
  return Response.json(toJsonSchema(experimentDocumentSchema(), new URL(request.url).href), { headers: { "content-type": "application/schema+json", "cache-control": "public, max-age=300" } });
}

// Serves the JSON Schema of GameDayTemplate documents for editors, generated from the zod schemas (public).
import { gameDayTemplateSchema, toJsonSchema } from "@/lib/as-code/json-schema";

export function GET(request: Request) {
  return Response.json(toJsonSchema(gameDayTemplateSchema(), new URL(request.url).href), { headers: { "content-type": "application/schema+json", "cache-control": "public, max-age=300" } });
}

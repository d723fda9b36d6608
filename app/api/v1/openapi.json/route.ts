// Serves the API's OpenAPI 3.1 description, generated from its zod schemas (public: it holds no data).
import { buildOpenApi } from "@/lib/api/openapi";

export function GET(request: Request) {
  return Response.json(buildOpenApi(new URL(request.url).origin), { headers: { "cache-control": "public, max-age=300" } });
}

import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { idSchema } from "@/lib/gameday/schemas";

/** Validates a route id param; anything malformed is a 404, never a crash. */
export function routeId(raw: string): string {
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) notFound();
  return parsed.data;
}

/** Runs a lib loader; NOT_FOUND from lib becomes Next's 404 page. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

import { AppError } from "@/lib/errors";
import type { Guardrails } from "@/lib/k8s/guardrails";

/**
 * Refuses a fault container image the cluster's admins have not allowed
 * (guardrails `allowedImages`, exact references). Checked in preflight and
 * again at every apply, so a stored or imported experiment cannot bring its
 * own image.
 */
export function assertImageAllowed(g: Guardrails, image: string): void {
  if (g.allowedImages.includes(image)) return;
  const allowed = g.allowedImages.length ? `Allowed here: ${g.allowedImages.join(", ")}.` : "This cluster allows no fault images.";
  throw new AppError({ code: "FORBIDDEN", message: `The image ${image} is not on this cluster's image allow-list. ${allowed} An admin can add it in the cluster's guardrails.` });
}

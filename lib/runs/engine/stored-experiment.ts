import { z } from "zod";
import { faultStepSchema } from "@/lib/experiments/schemas";

/** Fault steps as stored on an experiment row. */
export const experimentFaultsSchema = z.array(faultStepSchema);

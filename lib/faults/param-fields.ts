import { z } from "zod";

/**
 * Field builders shared by the kinds' parameter schemas: each carries the
 * form title (`meta`) and the messages a person sees.
 */
export const person = (title: string) => z.string().trim().min(1, `Name the ${title.toLowerCase()}.`).max(80).meta({ title });

export const seconds = (title: string, def: number, max = 3600) =>
  z.coerce.number({ error: `${title} must be a number.` }).int(`${title} must be a whole number.`).min(0, `${title} cannot be negative.`).max(max, `${title} can be at most ${max}.`).default(def).meta({ title });

export const percent = (title: string, def: number) =>
  z.coerce.number({ error: `${title} must be a number.` }).min(0, `${title} must be 0–100.`).max(100, `${title} must be 0–100.`).default(def).meta({ title });

export const milliseconds = (title: string, def: number, min: number) =>
  z.coerce.number({ error: `${title} must be a number.` }).int(`${title} must be a whole number.`).min(min, `${title} must be at least ${min}.`).max(60_000, `${title} can be at most 60000.`).default(def).meta({ title });

export const count = (title: string, def: number, max: number, min = 0) =>
  z.coerce.number({ error: `${title} must be a number.` }).int(`${title} must be a whole number.`).min(min, `${title} must be at least ${min}.`).max(max, `${title} can be at most ${max}.`).default(def).meta({ title });

export const containerName = (title: string) =>
  z.string().trim().max(63).regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$/, "A container name is lower-case letters, digits and dashes.").default("").meta({ title });

/** A fault container's image; it must be on the cluster's image allow-list (guardrails). */
export const image = (def: string, holds: string) =>
  z.string().trim().min(1).max(300).default(def).meta({ title: "Image", description: `Container image for the ephemeral container; it must hold ${holds} and be on the cluster's image allow-list.` });

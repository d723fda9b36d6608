import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like ada@example.com."));

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(80, "Keep the name under 80 characters."),
  email: emailSchema,
  password: z
    .string()
    .min(10, "Use at least 10 characters for the password.")
    .max(200, "Keep the password under 200 characters."),
  invite: z.string().trim().max(100).optional().or(z.literal("")),
  /** The one-time setup link's token, for the first admin of an installation. */
  setup: z.string().trim().max(100).optional().or(z.literal("")),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200, "Passwords here have at most 200 characters."),
});

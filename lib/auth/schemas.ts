import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .pipe(z.email("Enter a valid email address, like ada@example.com."));

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(80, "Keep the name under 80 characters."),
  email: emailSchema,
  password: z
    .string()
    .min(10, "Use at least 10 characters for the password.")
    .max(200, "Keep the password under 200 characters."),
  invite: z.string().trim().max(100).optional().or(z.literal("")),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password."),
});

// The account forms (sign in, forgotten and changed passwords, time zone), checked on the server. Apart
// from the pages, so the browser does not download zod for them.
import { z } from "zod";
import { passwordSchema } from "~/modules/groups/memberships.schema";
import { isTimeZone } from "~/modules/time/format-time";

export const loginSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, { message: "errors.emailRequired" })
    .max(200, { message: "errors.emailInvalid" }),
  password: z
    .string()
    .min(1, { message: "errors.passwordRequired" })
    .max(200, { message: "errors.passwordTooLong" }),
  redirectTo: z.string().optional(),
  // Filled in by the page from the browser (empty with JavaScript off: the stored zone is kept).
  timeZone: z
    .string()
    .max(64)
    .optional()
    .transform((v) => (v && isTimeZone(v) ? v : undefined)),
});

export const forgotPasswordSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, { message: "errors.emailRequired" })
    .max(200, { message: "errors.emailInvalid" })
    .pipe(z.email({ message: "errors.emailInvalid" })),
});

export const changePasswordSchema = z.object({
  currentPassword: z
    .string()
    .min(1, { message: "errors.passwordRequired" })
    .max(200, { message: "errors.passwordTooLong" }),
  newPassword: passwordSchema,
});

export const resetPasswordSchema = z.object({ password: passwordSchema });

export const timeZoneFormSchema = z.object({
  timeZone: z
    .string()
    .trim()
    .max(64, { message: "timeZone.invalid" })
    .refine((v) => isTimeZone(v), { message: "timeZone.invalid" }),
});

import { z } from "zod";
import { ROLES } from "~/modules/policy/policy";

export const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

export const roleSchema = z.enum(ROLES);

const delegationField = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .optional()
  .transform((v) => v ?? null);

/** Everyone but the secretariat speaks for a delegation. */
function delegationMatchesRole<T extends { role: string; delegationId: string | null }>(
  value: T,
  ctx: z.RefinementCtx,
) {
  if (value.role !== "SECRETARIAT" && !value.delegationId) {
    ctx.addIssue({ code: "custom", path: ["delegationId"], message: "errors.delegationRequired" });
  }
}

export const inviteSchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(200, { message: "errors.emailInvalid" })
      .pipe(z.email({ message: "errors.emailInvalid" })),
    name: z.string().trim().max(120, { message: "errors.nameTooLong" }).default(""),
    role: roleSchema,
    delegationId: delegationField,
  })
  .superRefine(delegationMatchesRole)
  .transform((v) => ({ ...v, delegationId: v.role === "SECRETARIAT" ? null : v.delegationId }));

export const changeMemberSchema = z
  .object({
    membershipId: z.string().min(1).max(64),
    role: roleSchema,
    delegationId: delegationField,
  })
  .superRefine(delegationMatchesRole)
  .transform((v) => ({ ...v, delegationId: v.role === "SECRETARIAT" ? null : v.delegationId }));

export const removeMemberSchema = z.object({ membershipId: z.string().min(1).max(64) });

export const inviteIdSchema = z.object({ inviteId: z.string().min(1).max(64) });

export const passwordSchema = z
  .string()
  .min(10, { message: "errors.passwordTooShort" })
  .max(200, { message: "errors.passwordTooLong" });

export const acceptInviteNewAccountSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: "errors.nameRequired" })
    .max(120, { message: "errors.nameTooLong" }),
  password: passwordSchema,
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { acceptInviteNewAccountSchema, inviteSchema } from "~/modules/groups/memberships.schema";
import { parseForm } from "~/modules/validation";

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

describe("reading a submitted form", () => {
  it("returns the parsed data when the form is valid", () => {
    const result = parseForm(
      inviteSchema,
      formOf({ email: " Ana@Example.org ", name: "Ana", role: "MEMBER", delegationId: "delegation-mx" }),
    );
    expect(result).toEqual({
      ok: true,
      data: { email: "ana@example.org", name: "Ana", role: "MEMBER", delegationId: "delegation-mx" },
    });
  });

  it("names each wrong field with a message key", () => {
    const result = parseForm(
      inviteSchema,
      formOf({ email: "ana", name: "Ana", role: "MEMBER", delegationId: "" }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.email).toBe("errors.emailInvalid");
  });

  it("says which delegation is missing once the rest of the invitation is valid", () => {
    const result = parseForm(
      inviteSchema,
      formOf({ email: "ana@example.org", role: "OBSERVER", delegationId: "" }),
    );
    expect(result).toMatchObject({ ok: false, fieldErrors: { delegationId: "errors.delegationRequired" } });
  });

  it("falls back to a general message key when the schema's message is not one of ours", () => {
    const result = parseForm(
      inviteSchema,
      formOf({ email: "ana@example.org", role: "ADMIN", delegationId: "delegation-mx" }),
    );
    expect(result).toMatchObject({ ok: false, fieldErrors: { role: "errors.invalidInput" } });
  });

  it("reports a missing field as invalid input", () => {
    const result = parseForm(
      inviteSchema,
      formOf({ email: "ana@example.org", delegationId: "delegation-mx" }),
    );
    expect(result).toMatchObject({ ok: false, fieldErrors: { role: "errors.invalidInput" } });
  });

  it("keeps the first message of a field that breaks several rules", () => {
    const schema = z.object({
      title: z
        .string()
        .min(3, { message: "errors.nameRequired" })
        .regex(/^[A-Z]/, { message: "errors.nameTooLong" }),
    });
    const result = parseForm(schema, formOf({ title: "a" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { title: "errors.nameRequired" } });
  });

  it("files a rule about the whole form under _form", () => {
    const schema = z
      .object({ password: z.string(), confirm: z.string() })
      .refine((v) => v.password === v.confirm, { message: "errors.invalidInput" });
    const result = parseForm(schema, formOf({ password: "one-password", confirm: "another-one" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { _form: "errors.invalidInput" } });
  });

  it("gives back what was typed, exactly as typed, so the form can show it again", () => {
    const typed = { email: "  Ana.Ruiz@Example ", name: " Ana ", role: "MEMBER", delegationId: "" };
    const result = parseForm(inviteSchema, formOf(typed));
    expect(result).toMatchObject({ ok: false, values: typed });
  });

  it("never gives back a password", () => {
    const result = parseForm(
      acceptInviteNewAccountSchema,
      formOf({ name: "", password: "hunter2-is-long-enough" }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.values).toEqual({ name: "" });
    expect(result.fieldErrors.name).toBe("errors.nameRequired");
  });

  it("never gives back any field whose name mentions a password, in any case", () => {
    const schema = z.object({ name: z.string().min(1, { message: "errors.nameRequired" }) });
    const form = formOf({
      name: "",
      currentPassword: "old-secret",
      newPassword: "new-secret",
      PASSWORD_CONFIRM: "new-secret",
      passwordHint: "cat",
    });
    const result = parseForm(schema, form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.values).toEqual({ name: "" });
    expect(JSON.stringify(result)).not.toContain("secret");
  });

  it("does not echo uploaded files", () => {
    const schema = z.object({ name: z.string().min(1, { message: "errors.nameRequired" }) });
    const form = formOf({ name: "" });
    form.append("attachment", new Blob(["minutes"]), "minutes.txt");
    const result = parseForm(schema, form);
    expect(result).toMatchObject({ ok: false, values: { name: "" } });
    if (!result.ok) expect(Object.keys(result.values)).toEqual(["name"]);
  });
});

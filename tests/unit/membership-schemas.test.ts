import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  acceptInviteNewAccountSchema,
  changeMemberSchema,
  inviteSchema,
  slugSchema,
} from "~/modules/groups/memberships.schema";
import { ROLES } from "~/modules/policy/policy";

/** The message of the first issue on `path`, or undefined when that field is fine. */
function messageAt(result: z.ZodSafeParseResult<unknown>, path: string): string | undefined {
  if (result.success) return undefined;
  return result.error.issues.find((issue) => issue.path.join(".") === path)?.message;
}

describe("inviting someone", () => {
  const invite = {
    email: "ana@example.org",
    name: "Ana Ruiz",
    role: "MEMBER",
    delegationId: "delegation-mx",
  };

  it("keeps the email in one spelling: trimmed and lower case", () => {
    const result = inviteSchema.parse({ ...invite, email: "  Ana.Ruiz@Example.ORG " });
    expect(result.email).toBe("ana.ruiz@example.org");
  });

  it.each(["", "ana", "ana@", "@example.org", "ana at example.org", `${"a".repeat(200)}@example.org`])(
    "refuses the email %j with a message people can read",
    (email) => {
      expect(messageAt(inviteSchema.safeParse({ ...invite, email }), "email")).toBe("errors.emailInvalid");
    },
  );

  it("trims the name and lets it be left out", () => {
    expect(inviteSchema.parse({ ...invite, name: "  Ana Ruiz " }).name).toBe("Ana Ruiz");
    const { name: _name, ...withoutName } = invite;
    expect(inviteSchema.parse(withoutName).name).toBe("");
  });

  it("refuses a name longer than 120 characters", () => {
    expect(messageAt(inviteSchema.safeParse({ ...invite, name: "n".repeat(121) }), "name")).toBe(
      "errors.nameTooLong",
    );
  });

  it.each(ROLES.filter((role) => role !== "SECRETARIAT"))(
    "asks which delegation a new %s speaks for",
    (role) => {
      for (const delegationId of [undefined, null, "", "   "]) {
        const result = inviteSchema.safeParse({ ...invite, role, delegationId });
        expect(messageAt(result, "delegationId"), `delegationId ${JSON.stringify(delegationId)}`).toBe(
          "errors.delegationRequired",
        );
      }
    },
  );

  it.each(ROLES.filter((role) => role !== "SECRETARIAT"))("keeps the delegation of a new %s", (role) => {
    expect(inviteSchema.parse({ ...invite, role, delegationId: " delegation-mx " })).toMatchObject({
      role,
      delegationId: "delegation-mx",
    });
  });

  it("invites the secretariat without a delegation", () => {
    expect(inviteSchema.parse({ ...invite, role: "SECRETARIAT", delegationId: "" }).delegationId).toBeNull();
    expect(
      inviteSchema.parse({ ...invite, role: "SECRETARIAT", delegationId: undefined }).delegationId,
    ).toBeNull();
  });

  it("drops a delegation chosen for the secretariat, which speaks for nobody", () => {
    expect(
      inviteSchema.parse({ ...invite, role: "SECRETARIAT", delegationId: "delegation-mx" }).delegationId,
    ).toBeNull();
  });

  it.each(["ADMIN", "member", "", "OWNER"])("refuses the unknown role %j", (role) => {
    expect(inviteSchema.safeParse({ ...invite, role }).success).toBe(false);
    expect(messageAt(inviteSchema.safeParse({ ...invite, role }), "role")).toBeDefined();
  });
});

describe("changing a member's role", () => {
  const change = { membershipId: "membership-1", role: "OBSERVER", delegationId: "delegation-ar" };

  it("accepts a new role with a delegation", () => {
    expect(changeMemberSchema.parse(change)).toEqual(change);
  });

  it.each(ROLES.filter((role) => role !== "SECRETARIAT"))(
    "asks for a delegation when making someone %s",
    (role) => {
      expect(
        messageAt(changeMemberSchema.safeParse({ ...change, role, delegationId: "" }), "delegationId"),
      ).toBe("errors.delegationRequired");
    },
  );

  it("clears the delegation of someone moved to the secretariat", () => {
    expect(changeMemberSchema.parse({ ...change, role: "SECRETARIAT" }).delegationId).toBeNull();
  });

  it("refuses an unknown role", () => {
    expect(messageAt(changeMemberSchema.safeParse({ ...change, role: "SUPERUSER" }), "role")).toBeDefined();
  });

  it("needs to know which membership changes", () => {
    expect(
      messageAt(changeMemberSchema.safeParse({ ...change, membershipId: "" }), "membershipId"),
    ).toBeDefined();
    expect(
      messageAt(changeMemberSchema.safeParse({ ...change, membershipId: "m".repeat(65) }), "membershipId"),
    ).toBeDefined();
  });
});

describe("accepting an invitation with a new account", () => {
  it("accepts a password of 10 to 200 characters", () => {
    expect(acceptInviteNewAccountSchema.safeParse({ name: "Ana", password: "p".repeat(10) }).success).toBe(
      true,
    );
    expect(acceptInviteNewAccountSchema.safeParse({ name: "Ana", password: "p".repeat(200) }).success).toBe(
      true,
    );
  });

  it("says a nine-character password is too short", () => {
    expect(
      messageAt(acceptInviteNewAccountSchema.safeParse({ name: "Ana", password: "p".repeat(9) }), "password"),
    ).toBe("errors.passwordTooShort");
  });

  it("says a 201-character password is too long", () => {
    expect(
      messageAt(
        acceptInviteNewAccountSchema.safeParse({ name: "Ana", password: "p".repeat(201) }),
        "password",
      ),
    ).toBe("errors.passwordTooLong");
  });

  it("keeps spaces in a password, which are part of it", () => {
    expect(acceptInviteNewAccountSchema.parse({ name: "Ana", password: "  ten chars " }).password).toBe(
      "  ten chars ",
    );
  });

  it("asks for a name, and trims it", () => {
    expect(
      messageAt(acceptInviteNewAccountSchema.safeParse({ name: "   ", password: "p".repeat(10) }), "name"),
    ).toBe("errors.nameRequired");
    expect(acceptInviteNewAccountSchema.parse({ name: " Ana ", password: "p".repeat(10) }).name).toBe("Ana");
  });

  it("refuses a name longer than 120 characters", () => {
    expect(
      messageAt(
        acceptInviteNewAccountSchema.safeParse({ name: "n".repeat(121), password: "p".repeat(10) }),
        "name",
      ),
    ).toBe("errors.nameTooLong");
  });
});

describe("group slugs", () => {
  it.each(["rmsg", "rmsg-2026", "a", "9lives", "a".repeat(63)])("accepts %j", (slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(true);
  });

  it.each([
    "../x",
    "",
    "RMSG",
    "Rmsg",
    "-rmsg",
    "rm sg",
    "rmsg/papers",
    "rmsg_2026",
    "a".repeat(64),
    "rmsg\n",
  ])("refuses %j", (slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(false);
  });
});

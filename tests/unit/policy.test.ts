import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  PAPER_STATUSES,
  ROLES,
  can,
  rolesAllowedTo,
  whyRefused,
  type Action,
  type Ask,
  type Actor,
  type PaperStatus,
  type Role,
} from "~/modules/policy/policy";

// Written out from DESIGN.md, "People and permissions", one row per action, not read from ROLE_TABLE:
// a wrong ROLE_TABLE must make this test fail. Columns: co-chair, member, secretariat, observer.
const yes = true;
const no = false;
const EXPECTED: Record<Action, Record<Role, boolean>> = {
  // the group page names the quiet delegations to those who convene ("Co-chairs see which delegations are quiet")
  "participation.quiet": { COCHAIR: yes, MEMBER: no, SECRETARIAT: yes, OBSERVER: no },
  // read papers, comments, votes, the report
  "group.read": { COCHAIR: yes, MEMBER: yes, SECRETARIAT: yes, OBSERVER: yes },
  // edit paper text (while the paper is editable)
  "paper.edit": { COCHAIR: yes, MEMBER: yes, SECRETARIAT: yes, OBSERVER: no },
  // mark a section's translation up to date: a translator is anyone who may edit the paper
  "translation.mark": { COCHAIR: yes, MEMBER: yes, SECRETARIAT: yes, OBSERVER: no },
  // comment, reply, resolve own threads
  "comment.write": { COCHAIR: yes, MEMBER: yes, SECRETARIAT: yes, OBSERVER: no },
  // resolve anyone's thread (here: a thread without an author, or someone else's)
  "thread.resolve": { COCHAIR: yes, MEMBER: no, SECRETARIAT: yes, OBSERVER: no },
  // create papers, edit templates
  "paper.create": { COCHAIR: yes, MEMBER: no, SECRETARIAT: yes, OBSERVER: no },
  // moving a paper along its statuses is the conveners' job
  "paper.changeStatus": { COCHAIR: yes, MEMBER: no, SECRETARIAT: yes, OBSERVER: no },
  // DESIGN.md does not name who saves a version; it is a drafting act, like editing the text
  "version.save": { COCHAIR: yes, MEMBER: yes, SECRETARIAT: yes, OBSERVER: no },
  // create papers, edit templates
  "template.edit": { COCHAIR: yes, MEMBER: no, SECRETARIAT: yes, OBSERVER: no },
  // open, close or cancel a vote
  "vote.manage": { COCHAIR: yes, MEMBER: no, SECRETARIAT: yes, OBSERVER: no },
  // cast a vote
  "vote.cast": { COCHAIR: yes, MEMBER: yes, SECRETARIAT: no, OBSERVER: no },
  // invite people, change roles
  "member.manage": { COCHAIR: yes, MEMBER: no, SECRETARIAT: yes, OBSERVER: no },
  // the audit log belongs to the conveners
  "audit.read": { COCHAIR: yes, MEMBER: no, SECRETARIAT: yes, OBSERVER: no },
  "outbox.read": { COCHAIR: yes, MEMBER: no, SECRETARIAT: yes, OBSERVER: no },
  // "an order the secretariat sets" (The final report); its foreword and summary are the secretariat's too
  "report.arrange": { COCHAIR: no, MEMBER: no, SECRETARIAT: yes, OBSERVER: no },
  "report.edit": { COCHAIR: no, MEMBER: no, SECRETARIAT: yes, OBSERVER: no },
};

const ROLE_NAMES: Record<Role, string> = {
  COCHAIR: "a co-chair",
  MEMBER: "a member",
  SECRETARIAT: "the secretariat",
  OBSERVER: "an observer",
};

function actor(role: Role): Actor {
  return {
    userId: `user-${role.toLowerCase()}`,
    role,
    delegationId: role === "SECRETARIAT" ? null : "delegation-mx",
  };
}

/** The action where only the role decides: on a draft paper, on someone else's thread in a draft. */
function ask(action: Action): Ask {
  if (action === "paper.edit" || action === "translation.mark" || action === "comment.write")
    return [action, { kind: "paper", status: "DRAFT" }];
  if (action === "thread.resolve")
    return [action, { kind: "thread", authorId: "user-someone-else", paperStatus: "DRAFT" }];
  return [action];
}

describe("the permission table", () => {
  it("has an expectation for every action, and no action it does not know", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const role of ROLES) {
      const allowed = EXPECTED[action][role];
      it(`${allowed ? "lets" : "refuses"} ${ROLE_NAMES[role]} ${action}`, () => {
        expect(can(actor(role), ...ask(action))).toBe(allowed);
      });
    }
  }

  it.each(ACTIONS)("refuses %s to someone who is not signed in or not a member", (action) => {
    expect(can(null, ...ask(action))).toBe(false);
  });
});

describe("editing a paper's text", () => {
  const EDITABLE: Record<PaperStatus, boolean> = {
    DRAFT: yes,
    REVIEW: yes,
    VOTING: no,
    ADOPTED: no,
    WITHDRAWN: no,
  };

  for (const role of ROLES) {
    for (const status of PAPER_STATUSES) {
      const allowed = EXPECTED["paper.edit"][role] && EDITABLE[status];
      it(`${allowed ? "lets" : "refuses"} ${ROLE_NAMES[role]} edit a paper in ${status}`, () => {
        expect(can(actor(role), "paper.edit", { kind: "paper", status })).toBe(allowed);
      });
    }
  }

  it("refuses an observer's edit even on a draft", () => {
    expect(can(actor("OBSERVER"), "paper.edit", { kind: "paper", status: "DRAFT" })).toBe(false);
  });

  it("freezes the text for everyone once a vote opens", () => {
    for (const role of ROLES)
      expect(can(actor(role), "paper.edit", { kind: "paper", status: "VOTING" })).toBe(false);
  });
});

describe("marking a translation up to date", () => {
  const EDITABLE: Record<PaperStatus, boolean> = {
    DRAFT: yes,
    REVIEW: yes,
    VOTING: no,
    ADOPTED: no,
    WITHDRAWN: no,
  };

  for (const role of ROLES) {
    for (const status of PAPER_STATUSES) {
      const allowed = EXPECTED["translation.mark"][role] && EDITABLE[status];
      it(`${allowed ? "lets" : "refuses"} ${ROLE_NAMES[role]} mark a translation of a paper in ${status}`, () => {
        expect(can(actor(role), "translation.mark", { kind: "paper", status })).toBe(allowed);
        // Whoever may mark it may also edit it: the same people, the same statuses.
        expect(can(actor(role), "translation.mark", { kind: "paper", status })).toBe(
          can(actor(role), "paper.edit", { kind: "paper", status }),
        );
      });
    }
  }
});

describe("resolving a thread", () => {
  const OWN: Record<Role, boolean> = { COCHAIR: yes, MEMBER: yes, SECRETARIAT: yes, OBSERVER: no };
  const SOMEONE_ELSES: Record<Role, boolean> = { COCHAIR: yes, MEMBER: no, SECRETARIAT: yes, OBSERVER: no };

  for (const role of ROLES) {
    it(`${OWN[role] ? "lets" : "refuses"} ${ROLE_NAMES[role]} resolve their own thread`, () => {
      const me = actor(role);
      expect(can(me, "thread.resolve", { kind: "thread", authorId: me.userId, paperStatus: "DRAFT" })).toBe(
        OWN[role],
      );
    });

    it(`${SOMEONE_ELSES[role] ? "lets" : "refuses"} ${ROLE_NAMES[role]} resolve someone else's thread`, () => {
      expect(
        can(actor(role), "thread.resolve", {
          kind: "thread",
          authorId: "user-someone-else",
          paperStatus: "DRAFT",
        }),
      ).toBe(SOMEONE_ELSES[role]);
    });
  }

  it("does not take a thread for one's own because of a matching role or delegation", () => {
    const member = actor("MEMBER");
    const colleague: Actor = { ...member, userId: "user-colleague" };
    expect(
      can(member, "thread.resolve", { kind: "thread", authorId: colleague.userId, paperStatus: "DRAFT" }),
    ).toBe(false);
  });
});

describe("discussing a paper", () => {
  // The text freezes while a paper is VOTING, the discussion does not; a withdrawn paper is closed.
  const OPEN: Record<PaperStatus, boolean> = {
    DRAFT: yes,
    REVIEW: yes,
    VOTING: yes,
    ADOPTED: yes,
    WITHDRAWN: no,
  };

  for (const role of ROLES) {
    for (const status of PAPER_STATUSES) {
      const allowed = EXPECTED["comment.write"][role] && OPEN[status];
      it(`${allowed ? "lets" : "refuses"} ${ROLE_NAMES[role]} comment on a paper in ${status}`, () => {
        expect(can(actor(role), "comment.write", { kind: "paper", status })).toBe(allowed);
      });
      const resolves = EXPECTED["comment.write"][role] && OPEN[status];
      it(`${resolves ? "lets" : "refuses"} ${ROLE_NAMES[role]} resolve their own thread on a paper in ${status}`, () => {
        const me = actor(role);
        expect(can(me, "thread.resolve", { kind: "thread", authorId: me.userId, paperStatus: status })).toBe(
          resolves,
        );
      });
    }
  }

  it("says whether the role or the paper's status is in the way", () => {
    expect(whyRefused(actor("OBSERVER"), "comment.write", { kind: "paper", status: "DRAFT" })).toBe("role");
    expect(whyRefused(actor("MEMBER"), "comment.write", { kind: "paper", status: "WITHDRAWN" })).toBe(
      "status",
    );
    expect(whyRefused(actor("MEMBER"), "paper.edit", { kind: "paper", status: "VOTING" })).toBe("status");
    expect(whyRefused(actor("MEMBER"), "paper.edit", { kind: "paper", status: "DRAFT" })).toBeNull();
  });
});

describe("who is eligible to vote", () => {
  it("is read from the table: the roles that may cast a vote", () => {
    const expected = ROLES.filter((role) => EXPECTED["vote.cast"][role]);
    expect([...rolesAllowedTo("vote.cast")].sort()).toEqual([...expected].sort());
  });
});

describe("asking without the resource", () => {
  it("is a type error for paper-scoped actions", () => {
    // @ts-expect-error paper.edit needs the paper: without it the status rule would be skipped
    expect(() => can(actor("MEMBER"), "paper.edit")).not.toThrow();
    // @ts-expect-error comment.write needs the paper: whether discussion is open depends on it
    expect(() => can(actor("MEMBER"), "comment.write")).not.toThrow();
  });
});

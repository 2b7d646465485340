import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  DRAFTING_MODES,
  PAPER_STATUSES,
  ROLES,
  can,
  rolesAllowedTo,
  whyRefused,
  type Action,
  type Ask,
  type Actor,
  type DraftingMode,
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
  // the group's name and description: those who convene it (co-chairs and the secretariat)
  "group.edit": { COCHAIR: yes, MEMBER: no, SECRETARIAT: yes, OBSERVER: no },
  // edit paper text (while the paper is editable)
  "paper.edit": { COCHAIR: yes, MEMBER: yes, SECRETARIAT: yes, OBSERVER: no },
  // edit directly (on an Open draft: everyone who may edit; see "drafting mode" below)
  "paper.editDirectly": { COCHAIR: yes, MEMBER: yes, SECRETARIAT: yes, OBSERVER: no },
  // accept or reject suggestions: members only of the lead delegation (asked here as a lead member)
  "suggestion.decide": { COCHAIR: yes, MEMBER: yes, SECRETARIAT: yes, OBSERVER: no },
  // suggest changes; withdraw own suggestions
  "suggestion.withdraw": { COCHAIR: yes, MEMBER: yes, SECRETARIAT: yes, OBSERVER: no },
  // "ask the group" on a suggestion: either side of the disagreement (asked here about one's own suggestion)
  "suggestion.askGroup": { COCHAIR: yes, MEMBER: yes, SECRETARIAT: yes, OBSERVER: no },
  // a paper's drafting mode is set by a co-chair or the secretariat
  "paper.setDraftingMode": { COCHAIR: yes, MEMBER: no, SECRETARIAT: yes, OBSERVER: no },
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
function ask(action: Action, role: Role = "MEMBER"): Ask {
  if (action === "paper.edit" || action === "translation.mark" || action === "comment.write")
    return [action, { kind: "paper", status: "DRAFT" }];
  if (action === "thread.resolve")
    return [action, { kind: "thread", authorId: "user-someone-else", paperStatus: "DRAFT" }];
  if (action === "paper.editDirectly" || action === "suggestion.decide")
    return [
      action,
      { kind: "paper", status: "DRAFT", draftingMode: "OPEN", leadDelegationId: "delegation-mx" },
    ];
  if (action === "suggestion.withdraw")
    return [action, { kind: "suggestion", authorId: `user-${role.toLowerCase()}`, paperStatus: "DRAFT" }];
  if (action === "suggestion.askGroup")
    return [
      action,
      {
        kind: "suggestionAsk",
        authorId: `user-${role.toLowerCase()}`,
        authorDelegationId: null,
        paper: {
          kind: "paper",
          status: "DRAFT",
          draftingMode: "PENHOLDER",
          leadDelegationId: "delegation-gt",
        },
      },
    ];
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
        expect(can(actor(role), ...ask(action, role))).toBe(allowed);
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

describe("drafting mode: who edits directly, who only suggests, who decides", () => {
  const LEAD = "delegation-mx";
  const paper = (status: PaperStatus, draftingMode: DraftingMode) =>
    ({ kind: "paper", status, draftingMode, leadDelegationId: LEAD }) as const;
  const people: Record<string, Actor> = {
    "a co-chair of another delegation": { userId: "u1", role: "COCHAIR", delegationId: "delegation-us" },
    "a lead-delegation member": { userId: "u2", role: "MEMBER", delegationId: LEAD },
    "another delegation's member": { userId: "u3", role: "MEMBER", delegationId: "delegation-sv" },
    "the secretariat": { userId: "u4", role: "SECRETARIAT", delegationId: null },
    "an observer of the lead delegation": { userId: "u5", role: "OBSERVER", delegationId: LEAD },
  };
  // [Open draft, Penholder draft, Review (either mode)], then may decide suggestions (draft or review).
  const DIRECT: Record<string, [boolean, boolean, boolean]> = {
    "a co-chair of another delegation": [yes, yes, no],
    "a lead-delegation member": [yes, yes, no],
    "another delegation's member": [yes, no, no],
    "the secretariat": [yes, no, no],
    "an observer of the lead delegation": [no, no, no],
  };
  const DECIDES: Record<string, boolean> = {
    "a co-chair of another delegation": yes,
    "a lead-delegation member": yes,
    "another delegation's member": no,
    "the secretariat": yes,
    "an observer of the lead delegation": no,
  };

  for (const [who, person] of Object.entries(people)) {
    const [open, penholder, review] = DIRECT[who];
    it(`${who}: edits directly on an Open draft ${open}, a Penholder draft ${penholder}, in review ${review}`, () => {
      expect(can(person, "paper.editDirectly", paper("DRAFT", "OPEN"))).toBe(open);
      expect(can(person, "paper.editDirectly", paper("DRAFT", "PENHOLDER"))).toBe(penholder);
      expect(can(person, "paper.editDirectly", paper("REVIEW", "OPEN"))).toBe(review);
      expect(can(person, "paper.editDirectly", paper("REVIEW", "PENHOLDER"))).toBe(review);
      // Anyone who may edit at all may suggest where they may not edit directly.
      expect(can(person, "paper.edit", { kind: "paper", status: "REVIEW" })).toBe(person.role !== "OBSERVER");
    });
    it(`${who}: ${DECIDES[who] ? "decides" : "does not decide"} suggestions, never once a vote opens`, () => {
      for (const mode of DRAFTING_MODES) {
        expect(can(person, "suggestion.decide", paper("DRAFT", mode))).toBe(DECIDES[who]);
        expect(can(person, "suggestion.decide", paper("REVIEW", mode))).toBe(DECIDES[who]);
        expect(can(person, "suggestion.decide", paper("VOTING", mode))).toBe(false);
      }
    });
  }

  it("a paper without a lead delegation has no penholding member", () => {
    const member: Actor = { userId: "u2", role: "MEMBER", delegationId: null };
    const orphan = {
      kind: "paper",
      status: "DRAFT",
      draftingMode: "PENHOLDER",
      leadDelegationId: null,
    } as const;
    expect(can(member, "paper.editDirectly", orphan)).toBe(false);
    expect(can(member, "suggestion.decide", orphan)).toBe(false);
  });

  it("only the author withdraws a suggestion, while the text may change", () => {
    const member = people["another delegation's member"];
    const own = { kind: "suggestion", authorId: member.userId, paperStatus: "REVIEW" } as const;
    expect(can(member, "suggestion.withdraw", own)).toBe(true);
    expect(can(member, "suggestion.withdraw", { ...own, authorId: "someone" })).toBe(false);
    expect(can(people["a co-chair of another delegation"], "suggestion.withdraw", own)).toBe(false);
    expect(can(member, "suggestion.withdraw", { ...own, paperStatus: "VOTING" })).toBe(false);
  });

  describe("asking the group about a suggestion: either side of the disagreement", () => {
    // A suggestion by a Salvadoran member on a Penholder draft led by Mexico.
    const suggestion = (status: PaperStatus = "DRAFT") =>
      ({
        kind: "suggestionAsk",
        authorId: "u-sv-author",
        authorDelegationId: "delegation-sv",
        paper: paper(status, "PENHOLDER"),
      }) as const;
    const ASKS: Record<string, boolean> = {
      "a co-chair of another delegation": yes,
      "a lead-delegation member": yes,
      // the author's delegation: here someone else of El Salvador (the author is checked below)
      "another delegation's member": yes,
      "the secretariat": yes,
      "an observer of the lead delegation": no,
    };
    for (const [who, person] of Object.entries(people))
      it(`${who}: ${ASKS[who] ? "may" : "may not"} ask, and nobody once a vote opens`, () => {
        expect(can(person, "suggestion.askGroup", suggestion())).toBe(ASKS[who]);
        expect(can(person, "suggestion.askGroup", suggestion("REVIEW"))).toBe(ASKS[who]);
        expect(can(person, "suggestion.askGroup", suggestion("VOTING"))).toBe(false);
        expect(can(person, "suggestion.askGroup", suggestion("WITHDRAWN"))).toBe(false);
      });

    it("a member of a third delegation, neither author nor penholder, may not", () => {
      const honduras: Actor = { userId: "u-hn", role: "MEMBER", delegationId: "delegation-hn" };
      expect(whyRefused(honduras, "suggestion.askGroup", suggestion())).toBe("role");
    });

    it("the author may, even without a delegation; an author's delegation of none matches nobody", () => {
      const author: Actor = { userId: "u-sv-author", role: "SECRETARIAT", delegationId: null };
      const own = { ...suggestion(), authorDelegationId: null, paper: paper("DRAFT", "PENHOLDER") };
      expect(can(author, "suggestion.askGroup", own)).toBe(true);
      const stateless: Actor = { userId: "u-x", role: "MEMBER", delegationId: null };
      expect(can(stateless, "suggestion.askGroup", own)).toBe(false);
    });
  });
});

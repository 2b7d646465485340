import { describe, expect, it } from "vitest";
import { t } from "~/i18n/messages";
import { leaveQuestion } from "~/components/editor/UndeliveredEditsGuard";
import { leavesPage } from "~/components/LeaveGuard";

const say = (locale: "en" | "es", pending: number, closed: boolean) => {
  const { key, params } = leaveQuestion(pending, closed);
  return t(locale, key, params);
};

describe("the question before leaving a paper with edits waiting", () => {
  it("counts the edits, in both languages, and promises delivery only while the connection may come back", () => {
    expect(say("en", 1, false)).toMatch(/^One of your edits has not reached the server.*delivered as soon/);
    expect(say("en", 7, false)).toMatch(/^7 of your edits have not reached the server.*delivered as soon/);
    expect(say("es", 7, false)).toMatch(/^7 de sus cambios no han llegado al servidor/);
    // The server closed the connection for good: no promise, a request to copy the text.
    expect(say("en", 3, true)).toMatch(/closed the connection, and 3 of your edits never reached it. Copy/);
    expect(say("en", 3, true)).not.toMatch(/delivered/);
    expect(say("es", 3, true)).toMatch(/3 de sus cambios no llegaron. Copie/);
  });

  it("is asked for another page, not for the same page with another query or hash", () => {
    expect(leavesPage({ pathname: "/g/rmsg/papers/p1" }, { pathname: "/g/rmsg/report" })).toBe(true);
    expect(leavesPage({ pathname: "/g/rmsg/papers/p1" }, { pathname: "/g/rmsg/papers/p1" })).toBe(false);
  });
});

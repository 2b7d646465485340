import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { settledResult } from "~/components/settled-result";
import { requireGroupAccess } from "~/http/access.server";
import { readerGroup } from "~/modules/translations/bilingual-text";
import { changeMember, getGroupRoster, removeMember } from "~/modules/groups/memberships.server";
import { createInvite, listPendingInvites, renewInvite, revokeInvite } from "~/modules/groups/invites.server";
import { InviteLink } from "~/components/InviteLink";
import {
  changeMemberSchema,
  inviteIdSchema,
  inviteSchema,
  removeMemberSchema,
} from "~/modules/groups/memberships.schema";
import { can, ROLES } from "~/modules/policy/policy";
import { requirePagePermission } from "~/http/permission.server";
import { failure, handleUserErrors } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import { TableScroll } from "~/components/TableScroll";
import { formatTime } from "~/modules/time/format-time";
import { useViewer } from "~/components/use-viewer";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor, user } = await requireGroupAccess(request, params);
  const roster = await getGroupRoster(group.id);
  const canManage = can(actor, "member.manage");
  return {
    group,
    userId: user.id,
    canManage,
    delegations: roster.delegations.map((d) => ({ id: d.id, code: d.code, name: d.name, nameEs: d.nameEs })),
    members: roster.memberships.map((m) => ({
      id: m.id,
      role: m.role,
      delegationId: m.delegationId,
      name: m.user.name,
      email: m.user.email,
      userId: m.user.id,
    })),
    invites: canManage ? await listPendingInvites(group.id) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "member.manage");
  const form = await readForm(request);
  const intent = form.get("intent");
  return handleUserErrors(async () => {
    if (intent === "invite") {
      const parsed = parseForm(inviteSchema, form);
      if (!parsed.ok)
        return failure(400, {
          error: "errors.invalidInput",
          fieldErrors: parsed.fieldErrors,
          values: parsed.values,
        });
      const { token } = await createInvite(actor, group.id, parsed.data);
      const link = `${new URL(request.url).origin}/invite/${token}`;
      return { ok: true as const, intent: "invite" as const, email: parsed.data.email, link };
    }
    if (intent === "revoke" || intent === "renew") {
      const parsed = parseForm(inviteIdSchema, form);
      if (!parsed.ok) return failure(400, { error: "errors.invalidInput" });
      if (intent === "revoke") {
        const { email } = await revokeInvite(actor, group.id, parsed.data.inviteId);
        return { ok: true as const, intent: "revoke" as const, email };
      }
      const { token, email } = await renewInvite(actor, group.id, parsed.data.inviteId);
      const link = `${new URL(request.url).origin}/invite/${token}`;
      return { ok: true as const, intent: "renew" as const, email, link };
    }
    if (intent === "change") {
      const parsed = parseForm(changeMemberSchema, form);
      if (!parsed.ok)
        return failure(400, {
          error: Object.values(parsed.fieldErrors)[0] ?? "errors.invalidInput",
          values: parsed.values,
        });
      await changeMember(actor, group.id, parsed.data);
      return { ok: true as const, intent: "change" as const };
    }
    if (intent === "remove") {
      const parsed = parseForm(removeMemberSchema, form);
      if (!parsed.ok) return failure(400, { error: "errors.invalidInput" });
      await removeMember(actor, group.id, parsed.data.membershipId);
      return { ok: true as const, intent: "remove" as const };
    }
    return failure(400, { error: "errors.invalidInput" });
  });
}

interface Delegation {
  id: string;
  code: string;
  name: string;
  nameEs: string;
}

function DelegationOptions({ delegations }: { delegations: Delegation[] }) {
  const locale = useLocale();
  return (
    <>
      <option value="">{t(locale, "members.delegationNone")}</option>
      {delegations.map((d) => (
        <option key={d.id} value={d.id}>
          {locale === "es" && d.nameEs ? d.nameEs : d.name}
        </option>
      ))}
    </>
  );
}

function RoleOptions() {
  const tr = useT();
  return (
    <>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {tr(`role.${r}`)}
        </option>
      ))}
    </>
  );
}

export default function Members() {
  const { group, members, delegations, invites, canManage, userId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const tr = useT();
  const locale = useLocale();
  const viewer = useViewer();
  const failed = result && !result.ok ? result : null;
  const fieldErrors = failed?.fieldErrors ?? {};
  const inviteValues = failed?.values?.intent === "invite" ? failed.values : {};
  const busy = navigation.state === "submitting";
  const done = settledResult(navigation.state, result);

  return (
    <>
      <h1>{tr("members.title", { group: readerGroup(group, locale).name })}</h1>
      {failed ? (
        <p role="alert" className="error">
          {t(locale, failed.error, failed.params)}
        </p>
      ) : null}
      {done?.ok && done.intent === "change" ? (
        <p role="status" className="success">
          {tr("members.saved")}
        </p>
      ) : null}

      {canManage ? (
        <section className="panel" aria-labelledby="invite-heading">
          <h2 id="invite-heading">{tr("members.invite")}</h2>
          <p className="muted">{tr("members.inviteHelp")}</p>
          {done?.ok && (done.intent === "invite" || done.intent === "renew") ? (
            <div role="status" className="success">
              <p>
                {tr(done.intent === "invite" ? "members.inviteCreated" : "invites.renewed", {
                  email: done.email,
                })}
              </p>
              <InviteLink
                link={done.link}
                label={tr(done.intent === "invite" ? "members.inviteCreated" : "invites.renewed", {
                  email: done.email,
                })}
              />
            </div>
          ) : null}
          {done?.ok && done.intent === "revoke" ? (
            <p role="status" className="success">
              {tr("invites.revoked", { email: done.email })}
            </p>
          ) : null}
          {/* A new key after each invitation empties the form for the next one. */}
          <Form
            method="post"
            className="grid-form"
            key={result?.ok && result.intent === "invite" ? result.link : "invite-form"}
          >
            <input type="hidden" name="intent" value="invite" />
            <div className="field">
              <label htmlFor="invite-email">{tr("members.email")}</label>
              <input
                id="invite-email"
                name="email"
                type="email"
                required
                defaultValue={inviteValues.email ?? ""}
                aria-invalid={fieldErrors.email ? true : undefined}
                aria-describedby={fieldErrors.email ? "invite-email-error" : undefined}
              />
              {fieldErrors.email ? (
                <p className="field-error" id="invite-email-error">
                  {tr(fieldErrors.email)}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="invite-name">{tr("members.name")}</label>
              <input id="invite-name" name="name" type="text" defaultValue={inviteValues.name ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="invite-role">{tr("members.role")}</label>
              <select id="invite-role" name="role" defaultValue={inviteValues.role ?? "MEMBER"}>
                <RoleOptions />
              </select>
            </div>
            <div className="field">
              <label htmlFor="invite-delegation">{tr("members.delegation")}</label>
              <select
                id="invite-delegation"
                name="delegationId"
                defaultValue={inviteValues.delegationId ?? delegations[0]?.id ?? ""}
                aria-invalid={fieldErrors.delegationId ? true : undefined}
                aria-describedby={fieldErrors.delegationId ? "invite-delegation-error" : undefined}
              >
                <DelegationOptions delegations={delegations} />
              </select>
              {fieldErrors.delegationId ? (
                <p className="field-error" id="invite-delegation-error">
                  {tr(fieldErrors.delegationId)}
                </p>
              ) : null}
            </div>
            <div className="field">
              <button type="submit" disabled={busy}>
                {tr("members.sendInvite")}
              </button>
            </div>
          </Form>
          <h3>{tr("members.pending")}</h3>
          {invites.length === 0 ? <p className="muted">{tr("members.pendingNone")}</p> : null}
          <ul role="list" className="people">
            {invites.map((invite) => (
              <li key={invite.id}>
                <span>{invite.name ? `${invite.name} <${invite.email}>` : invite.email}</span>
                <span className="role">
                  {tr(`role.${invite.role}`)}
                  {invite.delegation ? ` · ${invite.delegation.code}` : ""}
                </span>
                <span className="muted">
                  {tr("members.expires", { date: formatTime(invite.expiresAt, viewer, "date") })}
                </span>
                <span className="invite-actions">
                  <Form method="post" aria-label={tr("invites.renewFor", { email: invite.email })}>
                    <input type="hidden" name="inviteId" value={invite.id} />
                    <button type="submit" name="intent" value="renew" className="secondary" disabled={busy}>
                      {tr("invites.renew")}
                    </button>
                  </Form>
                  <Form
                    method="post"
                    aria-label={tr("invites.revokeFor", { email: invite.email })}
                    onSubmit={(event) => {
                      if (!window.confirm(tr("invites.revokeConfirm", { email: invite.email })))
                        event.preventDefault();
                    }}
                  >
                    <input type="hidden" name="inviteId" value={invite.id} />
                    <button type="submit" name="intent" value="revoke" className="danger" disabled={busy}>
                      {tr("invites.revoke")}
                    </button>
                  </Form>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="muted">{tr("members.readOnly")}</p>
      )}

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{tr("members.list")}</h2>
        <TableScroll label={tr("members.list")}>
          <table className="members-table">
            <thead>
              <tr>
                <th scope="col">{tr("members.person")}</th>
                <th scope="col">{tr("members.role")}</th>
                <th scope="col">{tr("members.delegation")}</th>
                {canManage ? <th scope="col">{tr("members.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => {
                const formId = `member-${m.id}`;
                const delegation = delegations.find((d) => d.id === m.delegationId);
                return (
                  <tr key={m.id}>
                    <th scope="row">
                      {m.name}
                      {m.userId === userId ? <span className="muted"> ({tr("group.you")})</span> : null}
                      <br />
                      <span className="muted small">{m.email}</span>
                    </th>
                    {canManage ? (
                      <>
                        <td>
                          <label className="visually-hidden" htmlFor={`${formId}-role`}>
                            {tr("members.role")}: {m.name}
                          </label>
                          <select id={`${formId}-role`} name="role" form={formId} defaultValue={m.role}>
                            <RoleOptions />
                          </select>
                        </td>
                        <td>
                          <label className="visually-hidden" htmlFor={`${formId}-delegation`}>
                            {tr("members.delegation")}: {m.name}
                          </label>
                          <select
                            id={`${formId}-delegation`}
                            name="delegationId"
                            form={formId}
                            defaultValue={m.delegationId ?? ""}
                          >
                            <DelegationOptions delegations={delegations} />
                          </select>
                        </td>
                        <td>
                          {/* The flex box is inside the cell: a flex td stops being a table cell. */}
                          <div className="row-actions">
                            <Form
                              method="post"
                              id={formId}
                              aria-label={tr("members.changeFor", { name: m.name })}
                            >
                              <input type="hidden" name="membershipId" value={m.id} />
                              <button type="submit" name="intent" value="change" disabled={busy}>
                                {tr("members.save")}
                              </button>
                            </Form>
                            <Form
                              method="post"
                              onSubmit={(event) => {
                                if (!window.confirm(tr("members.removeConfirm", { name: m.name })))
                                  event.preventDefault();
                              }}
                            >
                              <input type="hidden" name="membershipId" value={m.id} />
                              <button
                                type="submit"
                                name="intent"
                                value="remove"
                                className="danger"
                                disabled={busy}
                              >
                                {tr("members.remove")}
                              </button>
                            </Form>
                          </div>
                        </td>
                      </>
                    ) : (
                      <>
                        <td>{tr(`role.${m.role}`)}</td>
                        <td>
                          {delegation
                            ? locale === "es" && delegation.nameEs
                              ? delegation.nameEs
                              : delegation.name
                            : "—"}
                        </td>
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}

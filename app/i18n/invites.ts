// Pending invitations: copy, revoke, send again (issue 17).
export const invitesEn = {
  "invites.copy": "Copy link",
  "invites.copied": "Link copied.",
  "invites.copyFailed": "Could not copy: select the link and copy it yourself.",
  "invites.revoke": "Revoke",
  "invites.revokeFor": "Revoke the invitation for {email}",
  "invites.revokeConfirm": "Revoke the invitation for {email}? Its link will stop working.",
  "invites.revoked": "The invitation for {email} was revoked; its link no longer works.",
  "invites.renew": "New link",
  "invites.renewFor": "Make a new link for {email}",
  "invites.renewed": "A new link for {email}, valid for a week. The old link no longer works:",
  "invites.notPending":
    "That invitation is no longer pending (it was accepted or revoked). Nothing was changed.",
  "audit.event.member.invite_revoked": "{actor} revoked an invitation ({role})",
  "audit.event.member.invite_renewed": "{actor} sent an invitation again with a new link ({role})",
  "audit.kind.member.invite_revoked": "Invitation revoked",
  "audit.kind.member.invite_renewed": "Invitation sent again",
};

export const invitesEs: Record<keyof typeof invitesEn, string> = {
  "invites.copy": "Copiar enlace",
  "invites.copied": "Enlace copiado.",
  "invites.copyFailed": "No se pudo copiar: seleccione el enlace y cópielo usted.",
  "invites.revoke": "Revocar",
  "invites.revokeFor": "Revocar la invitación para {email}",
  "invites.revokeConfirm": "¿Revocar la invitación para {email}? Su enlace dejará de funcionar.",
  "invites.revoked": "Se revocó la invitación para {email}; su enlace ya no funciona.",
  "invites.renew": "Nuevo enlace",
  "invites.renewFor": "Crear un nuevo enlace para {email}",
  "invites.renewed": "Un nuevo enlace para {email}, válido por una semana. El anterior ya no funciona:",
  "invites.notPending": "Esa invitación ya no está pendiente (fue aceptada o revocada). No se cambió nada.",
  "audit.event.member.invite_revoked": "{actor} revocó una invitación ({role})",
  "audit.event.member.invite_renewed": "{actor} volvió a enviar una invitación con un nuevo enlace ({role})",
  "audit.kind.member.invite_revoked": "Invitación revocada",
  "audit.kind.member.invite_renewed": "Invitación reenviada",
};

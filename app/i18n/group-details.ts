// The group's details page: its name and description in both working languages (issue 17).
export const groupDetailsEn = {
  "nav.groupDetails": "Details",
  "groupDetails.title": "Group details",
  "groupDetails.help":
    "The group’s name and description as members see them, in each working language. Readers in a language with no text see the other language’s, marked.",
  "groupDetails.name": "Name in English",
  "groupDetails.nameEs": "Name in Spanish (optional)",
  "groupDetails.description": "Description in English (optional)",
  "groupDetails.descriptionEs": "Description in Spanish (optional)",
  "groupDetails.save": "Save the details",
  "groupDetails.saved": "The group’s details were saved.",
  "groupDetails.unchanged": "Nothing changed: the details were already as shown.",
  "groupDetails.nameRequired": "Give the group a name in English.",
  "groupDetails.nameTooLong": "A name can be at most 120 characters.",
  "groupDetails.descriptionTooLong": "A description can be at most 1,000 characters.",
  "audit.event.group.edited": "{actor} changed the group’s name or description (now {name})",
  "audit.kind.group.edited": "Group details changed",
} as const;

export const groupDetailsEs: Record<keyof typeof groupDetailsEn, string> = {
  "nav.groupDetails": "Datos",
  "groupDetails.title": "Datos del grupo",
  "groupDetails.help":
    "El nombre y la descripción del grupo tal como los ven sus miembros, en cada idioma de trabajo. Quien lee en un idioma sin texto ve el del otro idioma, señalado.",
  "groupDetails.name": "Nombre en inglés",
  "groupDetails.nameEs": "Nombre en español (opcional)",
  "groupDetails.description": "Descripción en inglés (opcional)",
  "groupDetails.descriptionEs": "Descripción en español (opcional)",
  "groupDetails.save": "Guardar los datos",
  "groupDetails.saved": "Se guardaron los datos del grupo.",
  "groupDetails.unchanged": "No cambió nada: los datos ya eran los que se muestran.",
  "groupDetails.nameRequired": "Dé al grupo un nombre en inglés.",
  "groupDetails.nameTooLong": "Un nombre puede tener como máximo 120 caracteres.",
  "groupDetails.descriptionTooLong": "Una descripción puede tener como máximo 1.000 caracteres.",
  "audit.event.group.edited": "{actor} cambió el nombre o la descripción del grupo (ahora {name})",
  "audit.kind.group.edited": "Datos del grupo modificados",
};

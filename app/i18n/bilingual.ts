// Content in both working languages (issue 17): the fallback mark and the labels of bilingual fields.
export const bilingualEn = {
  "content.fallback.en": "(English)",
  "content.fallback.es": "(Spanish)",
  "templates.nameEn": "Name in English",
  "templates.nameEs": "Name in Spanish (optional)",
  "templates.descriptionEn": "Description in English (optional)",
  "templates.descriptionEs": "Description in Spanish (optional)",
  "templates.sectionTitleEn": "Section title in English",
  "templates.sectionTitleEs": "Section title in Spanish (optional)",
  "templates.guidanceEn": "Guidance for drafters in English (optional)",
  "templates.guidanceEs": "Guidance for drafters in Spanish (optional)",
  "papers.titleIn": "Title in {language}",
  "papers.titleOther": "Title in the other language (optional)",
  "papers.titleOtherHelp":
    "If the paper is drafted in English, its Spanish title; if in Spanish, its English title. Readers in that language see it.",
  "papers.titleTranslation": "Title in {language} (optional)",
  "papers.titleTranslationHelp":
    "Shown to people who read Acuerdo in {language}, and in the report in {language}.",
  "papers.titleTranslationStale":
    "The {language} title was written for an earlier title and may be out of date: “{translation}”.",
  "papers.titleConfirm": "The {language} title still fits the title above",
  "papers.editTitle": "Title in both languages",
  "papers.titleStaleShort": "the {language} title is out of date",
  "papers.saveTitle": "Save the titles",
  "papers.titleSaved": "The titles were saved.",
  "papers.titleFrozen": "The title of an adopted or withdrawn paper cannot change.",
  "report.frontMatter.part": "{part} in {language}",
  "group.nameEs": "Name in Spanish",
} as const;

export const bilingualEs: Record<keyof typeof bilingualEn, string> = {
  "content.fallback.en": "(inglés)",
  "content.fallback.es": "(español)",
  "templates.nameEn": "Nombre en inglés",
  "templates.nameEs": "Nombre en español (opcional)",
  "templates.descriptionEn": "Descripción en inglés (opcional)",
  "templates.descriptionEs": "Descripción en español (opcional)",
  "templates.sectionTitleEn": "Título de la sección en inglés",
  "templates.sectionTitleEs": "Título de la sección en español (opcional)",
  "templates.guidanceEn": "Orientación para quienes redactan, en inglés (opcional)",
  "templates.guidanceEs": "Orientación para quienes redactan, en español (opcional)",
  "papers.titleIn": "Título en {language}",
  "papers.titleOther": "Título en el otro idioma (opcional)",
  "papers.titleOtherHelp":
    "Si el documento se redacta en inglés, su título en español; si en español, su título en inglés. Lo ven quienes leen en ese idioma.",
  "papers.titleTranslation": "Título en {language} (opcional)",
  "papers.titleTranslationHelp": "Lo ven quienes leen Acuerdo en {language}, y el informe en {language}.",
  "papers.titleTranslationStale":
    "El título en {language} se escribió para un título anterior y puede estar desactualizado: «{translation}».",
  "papers.titleConfirm": "El título en {language} sigue correspondiendo al título de arriba",
  "papers.editTitle": "Título en ambos idiomas",
  "papers.titleStaleShort": "el título en {language} está desactualizado",
  "papers.saveTitle": "Guardar los títulos",
  "papers.titleSaved": "Se guardaron los títulos.",
  "papers.titleFrozen": "El título de un documento adoptado o retirado no puede cambiar.",
  "report.frontMatter.part": "{part} en {language}",
  "group.nameEs": "Nombre en español",
};

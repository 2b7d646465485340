// Word import and single-paper downloads.
export const wordEn = {
  "word.refused.empty": "The file is empty. Choose the .docx file again and upload it.",
  "word.refused.tooLarge":
    "The file is larger than 10 MB. Remove images or split the document, then upload it again.",
  "word.refused.notDocx":
    "This is not a Word document (.docx). In Word, use File › Save As › Word Document (.docx) and upload that file.",
  "word.refused.encrypted":
    "This document is password-protected or in the old Word format (.doc). Remove the password, save it as a Word Document (.docx) and upload it again.",
  "word.refused.zipBomb":
    "This file would unpack to more than {limit} MB, far more than a Word document's text needs. Nothing was imported; save the text in a new .docx and try again.",
  "word.refused.tooManyEntries":
    "This file holds more than {limit} parts, which a Word document does not. Nothing was imported; save the text in a new .docx and try again.",
  "word.refused.tooManyHeadings":
    "The document has {count} headings; at most {limit} can be imported. Remove headings that are not section or sub-section titles and try again.",
  "word.refused.paragraphTooLong":
    "A paragraph is longer than {limit} characters. Break it into paragraphs and upload the document again.",
  "word.refused.tooMuchText":
    "The document has more than {limit} characters of text, more than one paper holds. Split it and import the parts separately.",
  "word.refused.nothingToImport": "The document has no text to import.",
  "word.refused.conversionFailed":
    "This Word document could not be read. Open it in Word, save it again as .docx, and upload the new file.",
  "word.refused.timeout":
    "Reading this document took too long and was stopped. Simplify or split it and upload it again.",
  "word.refused.busy": "Several documents are being imported right now. Wait a minute and upload again.",
  "word.draftGone":
    "This preview has expired or was already used. Upload the document again to see a new preview.",
  "word.translationNotDraft":
    "A translation can be imported only while the paper is a draft; in review, propose changes as suggestions.",

  "word.import.link": "Start from a Word document",
  "word.import.title": "New paper from a Word document",
  "word.import.intro":
    "Upload a delegation's draft (.docx, up to 10 MB). Headings that match a section title start that section; you see where everything goes before the paper is created.",
  "word.import.file": "Word document (.docx, up to 10 MB)",
  "word.import.fileRequired": "Choose a .docx file to import.",
  "word.import.preview": "Preview the import",
  "word.import.previewTitle": "Check the import",
  "word.import.previewIntro":
    "From {file} (SHA-256 {hash}). Nothing is created until you confirm; this preview is kept for 30 minutes.",
  "word.import.paperTitle": "Title: {title}",
  "word.import.section": "Section",
  "word.import.startedBy": "Started by the heading “{heading}”",
  "word.import.before": "Text before the first matching heading, and what follows it",
  "word.import.counts": "{paragraphs} blocks, {words} words",
  "word.import.empty": "Nothing from the document goes here.",
  "word.import.kept": "Already translated: its text is kept and the document's text for it is not used.",
  "word.import.dropped": "Left out",
  "word.import.droppedNone": "Nothing was left out.",
  "word.import.dropped.images": "Images: {count}",
  "word.import.dropped.tables": "Tables: {count} (their text is kept, one paragraph per row)",
  "word.import.dropped.unsafeLinks":
    "Links that are not web or email addresses: {count} (their text is kept)",
  "word.import.dropped.comments": "Comments: {count}",
  "word.import.dropped.trackedChanges":
    "Tracked changes: {count} (taken as accepted: insertions kept, deletions removed)",
  "word.import.dropped.externalRelationships": "Linked content outside the file: {count} (never fetched)",
  "word.import.dropped.macros": "Macros (never run)",
  "word.import.create": "Create the paper",
  "word.import.again": "Upload another file",
  "word.import.translationTitle": "Import the {language} translation from Word",
  "word.import.translationIntro":
    "Upload the {language} text of this paper (.docx, up to 10 MB). It fills the translation of each section that has none yet; sections already translated keep their text.",
  "word.import.translationApply": "Import the translation",
  "word.import.translationDone": "The translation was imported into {count} sections.",
  "word.import.translationLink": "Import a translation from Word",
  "word.import.back": "Back to the paper",

  "word.download.title": "Download this paper",
  "word.download.format": "Format",
  "word.download.language": "Language",
  "word.download.version": "Version",
  "word.download.current": "Current text",
  "word.download.versionOption": "Version {number}: {label}",
  "word.download.submit": "Download",
  "word.download.footer": "{title}. Version {number} ({label}), SHA-256 {hash}.",
  "word.download.footerCurrent": "{title}. Current text, not a saved version; SHA-256 {hash}.",
  "word.download.generated": "Generated on {date} at {time} UTC.",
  "word.download.colophon": "About this document",
  "word.download.pageFooter": "Version {number} · SHA-256 {hash}",
  "word.download.pageFooterCurrent": "Current text · SHA-256 {hash}",
  "word.download.badVersion": "There is no such version of this paper.",
  "word.download.suggestions": "Pending suggestions ({count})",
  "word.download.suggestions.marked":
    "Changes proposed and not yet accepted or rejected, marked in the text above: underlined to insert, struck through to delete. The SHA-256 is that of the text without them.",
  "word.download.suggestions.tracked":
    "Tracked changes in this document are pending suggestions, with their authors; the SHA-256 is that of the text without them (Word's “Original” view).",
  "word.download.suggestions.leftOut":
    "Changes proposed and not yet accepted or rejected. The text above is printed without them, and its SHA-256 is that of this text.",
  "word.download.suggestion": "{section}: {change} — {author}, {time}",
  "word.format.html": "HTML (for printing)",
  "word.format.md": "Markdown",
  "word.format.docx": "Word (DOCX)",
  "word.format.pdf": "PDF",
};

export const wordEs: Record<keyof typeof wordEn, string> = {
  "word.refused.empty": "El archivo está vacío. Elija de nuevo el archivo .docx y súbalo.",
  "word.refused.tooLarge":
    "El archivo pesa más de 10 MB. Quite imágenes o divida el documento y vuelva a subirlo.",
  "word.refused.notDocx":
    "Este archivo no es un documento de Word (.docx). En Word, use Archivo › Guardar como › Documento de Word (.docx) y suba ese archivo.",
  "word.refused.encrypted":
    "Este documento está protegido con contraseña o en el formato antiguo de Word (.doc). Quite la contraseña, guárdelo como Documento de Word (.docx) y vuelva a subirlo.",
  "word.refused.zipBomb":
    "Este archivo se descomprimiría en más de {limit} MB, mucho más de lo que necesita el texto de un documento de Word. No se importó nada; guarde el texto en un .docx nuevo e inténtelo de nuevo.",
  "word.refused.tooManyEntries":
    "Este archivo contiene más de {limit} partes, cosa que un documento de Word no tiene. No se importó nada; guarde el texto en un .docx nuevo e inténtelo de nuevo.",
  "word.refused.tooManyHeadings":
    "El documento tiene {count} títulos; se pueden importar como máximo {limit}. Quite los títulos que no sean de sección o subsección e inténtelo de nuevo.",
  "word.refused.paragraphTooLong":
    "Un párrafo tiene más de {limit} caracteres. Divídalo en párrafos y vuelva a subir el documento.",
  "word.refused.tooMuchText":
    "El documento tiene más de {limit} caracteres de texto, más de lo que cabe en un documento de posición. Divídalo e importe las partes por separado.",
  "word.refused.nothingToImport": "El documento no tiene texto que importar.",
  "word.refused.conversionFailed":
    "No se pudo leer este documento de Word. Ábralo en Word, guárdelo de nuevo como .docx y suba el archivo nuevo.",
  "word.refused.timeout":
    "Leer este documento tardaba demasiado y se detuvo. Simplifíquelo o divídalo y vuelva a subirlo.",
  "word.refused.busy":
    "Se están importando varios documentos en este momento. Espere un minuto y vuelva a subirlo.",
  "word.draftGone":
    "Esta vista previa caducó o ya se usó. Vuelva a subir el documento para ver una vista previa nueva.",
  "word.translationNotDraft":
    "Solo se puede importar una traducción mientras el documento es un borrador; en revisión, proponga cambios como sugerencias.",

  "word.import.link": "Empezar desde un documento de Word",
  "word.import.title": "Documento nuevo a partir de un archivo de Word",
  "word.import.intro":
    "Suba el borrador de una delegación (.docx, hasta 10 MB). Los títulos que coinciden con el de una sección la inician; verá adónde va cada parte antes de crear el documento.",
  "word.import.file": "Documento de Word (.docx, hasta 10 MB)",
  "word.import.fileRequired": "Elija un archivo .docx para importar.",
  "word.import.preview": "Ver la vista previa",
  "word.import.previewTitle": "Revise la importación",
  "word.import.previewIntro":
    "De {file} (SHA-256 {hash}). No se crea nada hasta que lo confirme; esta vista previa se conserva 30 minutos.",
  "word.import.paperTitle": "Título: {title}",
  "word.import.section": "Sección",
  "word.import.startedBy": "Iniciada por el título «{heading}»",
  "word.import.before": "El texto anterior al primer título que coincide, y lo que le sigue",
  "word.import.counts": "{paragraphs} bloques, {words} palabras",
  "word.import.empty": "Nada del documento va aquí.",
  "word.import.kept": "Ya traducida: conserva su texto y no se usa el del documento.",
  "word.import.dropped": "Lo que se deja fuera",
  "word.import.droppedNone": "No se dejó nada fuera.",
  "word.import.dropped.images": "Imágenes: {count}",
  "word.import.dropped.tables": "Tablas: {count} (se conserva su texto, un párrafo por fila)",
  "word.import.dropped.unsafeLinks":
    "Enlaces que no son direcciones web ni de correo: {count} (se conserva su texto)",
  "word.import.dropped.comments": "Comentarios: {count}",
  "word.import.dropped.trackedChanges":
    "Control de cambios: {count} (como aceptados: inserciones conservadas, eliminaciones quitadas)",
  "word.import.dropped.externalRelationships":
    "Contenido vinculado fuera del archivo: {count} (nunca se descarga)",
  "word.import.dropped.macros": "Macros (nunca se ejecutan)",
  "word.import.create": "Crear el documento",
  "word.import.again": "Subir otro archivo",
  "word.import.translationTitle": "Importar la traducción al {language} desde Word",
  "word.import.translationIntro":
    "Suba el texto en {language} de este documento (.docx, hasta 10 MB). Rellena la traducción de cada sección que aún no la tiene; las secciones ya traducidas conservan su texto.",
  "word.import.translationApply": "Importar la traducción",
  "word.import.translationDone": "La traducción se importó en {count} secciones.",
  "word.import.translationLink": "Importar una traducción desde Word",
  "word.import.back": "Volver al documento",

  "word.download.title": "Descargar este documento",
  "word.download.format": "Formato",
  "word.download.language": "Idioma",
  "word.download.version": "Versión",
  "word.download.current": "Texto actual",
  "word.download.versionOption": "Versión {number}: {label}",
  "word.download.submit": "Descargar",
  "word.download.footer": "{title}. Versión {number} ({label}), SHA-256 {hash}.",
  "word.download.footerCurrent": "{title}. Texto actual, no una versión guardada; SHA-256 {hash}.",
  "word.download.generated": "Generado el {date} a las {time} UTC.",
  "word.download.colophon": "Acerca de este documento",
  "word.download.pageFooter": "Versión {number} · SHA-256 {hash}",
  "word.download.pageFooterCurrent": "Texto actual · SHA-256 {hash}",
  "word.download.badVersion": "Este documento no tiene esa versión.",
  "word.download.suggestions": "Sugerencias pendientes ({count})",
  "word.download.suggestions.marked":
    "Cambios propuestos aún no aceptados ni rechazados, marcados en el texto: subrayado para insertar, tachado para suprimir. El SHA-256 es el del texto sin ellos.",
  "word.download.suggestions.tracked":
    "Los cambios controlados de este documento son sugerencias pendientes, con sus autores; el SHA-256 es el del texto sin ellos (la vista «Original» de Word).",
  "word.download.suggestions.leftOut":
    "Cambios propuestos aún no aceptados ni rechazados. El texto de arriba se imprime sin ellos, y su SHA-256 es el de ese texto.",
  "word.download.suggestion": "{section}: {change} — {author}, {time}",
  "word.format.html": "HTML (para imprimir)",
  "word.format.md": "Markdown",
  "word.format.docx": "Word (DOCX)",
  "word.format.pdf": "PDF",
};

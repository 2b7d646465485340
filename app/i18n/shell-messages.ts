import type { Catalogue } from "./catalogues.server";

/**
 * The page frame's and an error page's messages, in English: what the browser renders when the root
 * loader did not run (a URL no route matches), so no messages came with the page. The server renders
 * that page in English too; a unit test keeps these equal to en.ts.
 */
export const shellMessages: Catalogue = {
  "nav.skip": "Skip to content",
  "app.name": "Acuerdo",
  "nav.main": "Main",
  "nav.language": "Language",
  "nav.languageApply": "Change language",
  "lang.en": "English",
  "lang.es": "Español",
  "errors.notFoundTitle": "Not found",
  "errors.forbiddenTitle": "You do not have permission for this",
  "errors.unexpectedTitle": "Something went wrong",
  "errors.notFound": "This page does not exist, or you do not have access to it.",
  "errors.forbidden": "Your role in this group does not allow this. Ask a co-chair or the secretariat.",
  "errors.unexpected":
    "Something went wrong on our side. Your last action may not have been saved; please try again.",
  "errors.backHome": "Back to your groups",
};

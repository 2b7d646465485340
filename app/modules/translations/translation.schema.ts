// Form input about translations, checked on the server. Apart from translation.ts so the browser, which
// uses translation.ts live, does not download zod.
import { z } from "zod";
import { TEXT_VIEWS } from "./translation";

export const markTranslationSchema = z.object({
  sectionKey: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, { message: "translation.sectionUnknown" }),
});

/** The paper page's ?view=: a bad value is ignored (the reader's default view), never an error page. */
export const textViewParamSchema = z.enum(TEXT_VIEWS).optional().catch(undefined);

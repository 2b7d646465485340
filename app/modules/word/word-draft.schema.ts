// The id of a Word import's draft (between its preview and its "Create"), as the pages receive it.
import { z } from "zod";

export const wordDraftIdSchema = z.string().regex(/^[a-z0-9]{1,40}$/);

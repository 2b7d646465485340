// The group details form, checked on the server (the limits and field names are in group-details.ts).
import { z } from "zod";
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX, type GroupDetails } from "./group-details";

export const groupDetailsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: "groupDetails.nameRequired" })
    .max(GROUP_NAME_MAX, { message: "groupDetails.nameTooLong" }),
  nameEs: z.string().trim().max(GROUP_NAME_MAX, { message: "groupDetails.nameTooLong" }),
  description: z.string().trim().max(GROUP_DESCRIPTION_MAX, { message: "groupDetails.descriptionTooLong" }),
  descriptionEs: z.string().trim().max(GROUP_DESCRIPTION_MAX, { message: "groupDetails.descriptionTooLong" }),
}) satisfies z.ZodType<GroupDetails>;

import { z } from "zod";
import { organizationFields, signupSchema } from "./auth";

export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/);

export const joinSchema = organizationFields;

export const signUpAndJoinSchema = z.intersection(
  signupSchema.omit({ redirectTo: true }),
  organizationFields,
);

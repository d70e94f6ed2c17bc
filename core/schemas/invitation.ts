import { z } from "zod";
import { TOKEN_PATTERN } from "../security/tokens";
import { organizationFields, signupSchema } from "./auth";

export const invitationTokenSchema = z.string().regex(TOKEN_PATTERN);

export const joinSchema = organizationFields;

export const accountSchema = signupSchema.omit({ redirectTo: true, consent: true });

export const signUpAndJoinSchema = z.intersection(
  signupSchema.omit({ redirectTo: true, consent: true }),
  organizationFields,
);

/** The program's sent notifications, for its coordinators. */
import type { Services } from "../services";

export async function listProgramOutbox(s: Services, programId: string) {
  return s.mail.list(programId);
}

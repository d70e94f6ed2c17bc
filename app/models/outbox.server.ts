/** The program's sent notifications, for its coordinators. */
import { listOutbox } from "../../server/mail";

export async function listProgramOutbox(programId: string) {
  return listOutbox(programId);
}

/** The program's sent notifications, for its coordinators. */
import { listOutbox } from "../mail";

export async function listProgramOutbox(programId: string) {
  return listOutbox(programId);
}

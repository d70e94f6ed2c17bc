import { intentOf, isReply, NOT_A_REPLY } from "~/utils/forms";

/**
 * The action's answer as a page's main form reads it (`useAppForm({ lastResult })`): every reply
 * but those of the page's other forms, named by their intents. A refusal no form claims (an intent
 * the page does not have) is then still shown, at the main form.
 */
export function answerExcept(answer: unknown, intents: readonly string[]): unknown {
  return isReply(answer) && intents.includes(intentOf(answer) ?? "") ? NOT_A_REPLY : answer;
}

/** The hidden field that carries a form's one-time submission key (see app/components/AppForm.tsx). */
export const SUBMISSION_FIELD = "_submission";

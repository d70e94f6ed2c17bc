/** The hidden field that carries a form's one-time submission key (see app/components/AppForm.tsx). */
export const SUBMISSION_FIELD = "_submission";
/** What a key looks like: the seed, the history entry's key and React's id for the form. */
export const SUBMISSION_KEY_PATTERN = /^[\w-]{8,64}\.[\w-]{1,64}\.[\w:«»-]{1,32}$/u;

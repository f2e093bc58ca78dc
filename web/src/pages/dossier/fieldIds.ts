/** Stable DOM ids for form fields: keys contain dots, ids use dashes. */
export const fieldId = (key: string) => `f-${key.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
export const errorId = (key: string) => `${fieldId(key)}-error`;
export const helpId = (key: string) => `${fieldId(key)}-help`;

// One place turns the API's answer to a mutation into what a form shows: problems the API names
// by field (`extensions.fields`, dotted paths relative to the input) go to those fields; the rest
// becomes one message at the top of the form.
import { ApiError } from './client';

export interface FormLike {
  setFieldError: (path: string, error: string) => void;
  getValues: () => unknown;
}

function hasPath(values: unknown, path: string): boolean {
  let node: unknown = values;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

/**
 * Shows an API error on a form. Field paths may be prefixed with the input's argument name
 * (`input.email`); `fieldMap` renames API fields to form fields where they differ.
 * Returns the message for the top of the form, or null when every problem found its field.
 */
export function applyApiError(
  form: FormLike,
  error: unknown,
  language: 'de' | 'en',
  fallback: string,
  fieldMap: Record<string, string> = {},
): string | null {
  if (!(error instanceof ApiError)) return fallback;
  if (error.isNetwork) return fallback;
  const values = form.getValues();
  let unplaced = false;
  for (const problem of error.fields) {
    const raw = problem.field.replace(/^input\./, '');
    const path = fieldMap[raw] ?? raw;
    const message = language === 'de' ? (problem.messageDe ?? problem.message) : problem.message;
    if (hasPath(values, path)) form.setFieldError(path, message);
    else unplaced = true;
  }
  if (error.fields.length > 0 && !unplaced) return null;
  return error.message || fallback;
}

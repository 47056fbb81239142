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
 * The form field an API field path goes to: the `fieldMap` entry for it; else the path itself
 * where the form has it; else the entry for a field it lies under (`lineChanges` → `lines` also
 * takes `lineChanges.0.change`).
 */
function formPath(raw: string, values: unknown, fieldMap: Record<string, string>): string {
  if (Object.hasOwn(fieldMap, raw)) return fieldMap[raw];
  if (hasPath(values, raw)) return raw;
  const parent = Object.keys(fieldMap).find((key) => raw.startsWith(`${key}.`));
  return parent === undefined ? raw : fieldMap[parent];
}

/**
 * Shows an API error on a form. Field paths may be prefixed with the input's argument name
 * (`input.email`); `fieldMap` renames API fields to form fields where they differ (an entry also
 * covers the fields under it that the form does not have).
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
    const path = formPath(raw, values, fieldMap);
    const message = language === 'de' ? (problem.messageDe ?? problem.message) : problem.message;
    if (hasPath(values, path)) form.setFieldError(path, message);
    else unplaced = true;
  }
  if (error.fields.length > 0 && !unplaced) return null;
  return error.message || fallback;
}

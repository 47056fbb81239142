import { describe, expect, it } from 'vitest';
import { ApiError } from './client';
import { applyApiError, type FormLike } from './form-errors';

function fakeForm(values: unknown) {
  const errors: Record<string, string> = {};
  const form: FormLike = {
    getValues: () => values,
    setFieldError: (path, error) => (errors[path] = error),
  };
  return { form, errors };
}

const values = { email: '', organization: { name: '' }, lines: [{ amount: '' }, { amount: '' }] };

describe('applyApiError', () => {
  it('puts each field problem on its field, in the person’s language', () => {
    const { form, errors } = fakeForm(values);
    const error = new ApiError([
      {
        message: 'Invalid input',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            {
              field: 'email',
              message: 'must be an email',
              messageDe: 'muss eine E-Mail-Adresse sein',
            },
            { field: 'input.organization.name', message: 'too short' },
            {
              field: 'lines.1.amount',
              message: 'must be positive',
              messageDe: 'muss positiv sein',
            },
          ],
        },
      },
    ]);
    expect(applyApiError(form, error, 'de', 'fallback')).toBeNull();
    expect(errors).toEqual({
      email: 'muss eine E-Mail-Adresse sein',
      'organization.name': 'too short',
      'lines.1.amount': 'muss positiv sein',
    });
  });

  it('shows problems without a field at the top', () => {
    const { form, errors } = fakeForm(values);
    const error = new ApiError([
      { message: 'Wrong email or password.', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    expect(applyApiError(form, error, 'en', 'fallback')).toBe('Wrong email or password.');
    expect(errors).toEqual({});
  });

  it('keeps the top message when a named field is not in the form', () => {
    const { form, errors } = fakeForm(values);
    const error = new ApiError([
      {
        message: 'Invalid input — token: expired',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'token', message: 'expired' }] },
      },
    ]);
    expect(applyApiError(form, error, 'en', 'fallback')).toBe('Invalid input — token: expired');
    expect(errors).toEqual({});
  });

  it('maps renamed fields and falls back for network failures', () => {
    const { form, errors } = fakeForm(values);
    const error = new ApiError([
      {
        message: 'x',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'mail', message: 'bad' }] },
      },
    ]);
    expect(applyApiError(form, error, 'en', 'fallback', { mail: 'email' })).toBeNull();
    expect(errors).toEqual({ email: 'bad' });
    const network = new ApiError([{ message: 'fetch failed', extensions: { code: 'NETWORK' } }]);
    expect(applyApiError(form, network, 'en', 'Try again')).toBe('Try again');
  });

  it('sends a field the form lacks to the entry of the field it lies under', () => {
    const { form, errors } = fakeForm(values);
    const error = new ApiError([
      {
        message: 'x',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            { field: 'input.lineChanges.0.change', message: 'below its spend' },
            // The form has this one itself: it stays there.
            { field: 'lines.1.amount', message: 'must be positive' },
          ],
        },
      },
    ]);
    expect(
      applyApiError(form, error, 'en', 'fallback', { lineChanges: 'lines', lines: 'email' }),
    ).toBeNull();
    expect(errors).toEqual({ lines: 'below its spend', 'lines.1.amount': 'must be positive' });
  });
});

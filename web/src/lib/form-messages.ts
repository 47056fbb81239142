// The words of a form's check where its schema names none (`.max(2000)`, a wrong type): from the
// catalogues, in the reader's language and form of address, instead of zod's own English
// ("Too big: expected string to have <=2000 characters"). A schema's own message still wins.
import { config, type core } from 'zod/mini';
import { formattingLocale, i18n } from './i18n';

const count = (value: number | bigint) => new Intl.NumberFormat(formattingLocale()).format(value);

export function formMessage(issue: core.$ZodRawIssue): string {
  const text = issue.origin === 'string';
  if (issue.code === 'too_big')
    return i18n.t(text ? 'validation.tooLong' : 'validation.tooBig', {
      max: count(issue.maximum),
    });
  if (issue.code === 'too_small')
    return text && Number(issue.minimum) <= 1
      ? i18n.t('validation.required')
      : i18n.t(text ? 'validation.tooShort' : 'validation.tooSmall', {
          min: count(issue.minimum),
        });
  return i18n.t('validation.invalid');
}

config({ customError: formMessage });

// Form fields that several pages share: a new password (with its rule) and a country.
import { PasswordInput, Select, type PasswordInputProps, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../lib/i18n';

export function NewPasswordInput(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      label={t('fields.newPassword')}
      description={t('validation.passwordLength')}
      autoComplete="new-password"
      required
      {...props}
    />
  );
}

/** Countries of the German-speaking funding landscape and its neighbours, named in the UI's language. */
const COUNTRIES = ['DE', 'AT', 'CH', 'LU', 'BE', 'NL', 'FR', 'DK', 'PL', 'CZ', 'IT'];

export function CountrySelect({ current, ...props }: SelectProps & { current?: string }) {
  const { t } = useTranslation();
  const names = new Intl.DisplayNames([currentLanguage()], { type: 'region' });
  const codes = current && !COUNTRIES.includes(current) ? [...COUNTRIES, current] : COUNTRIES;
  return (
    <Select
      label={t('fields.country')}
      allowDeselect={false}
      data={codes.map((c) => ({ value: c, label: names.of(c) ?? c }))}
      {...props}
    />
  );
}

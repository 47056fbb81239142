// Submitting a form to the API: one place for the busy state, field problems and the top message.
import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../ui/states';
import { applyApiError } from './form-errors';
import { currentLanguage } from './i18n';

export function useFormSubmit<Values extends Record<string, unknown>>(
  form: UseFormReturnType<Values>,
  action: (values: Values) => Promise<void>,
  fieldMap?: Record<string, string>,
) {
  const { t } = useTranslation();
  const [topError, setTopError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const onSubmit = form.onSubmit(async (values) => {
    setTopError(null);
    setSubmitting(true);
    try {
      await action(values);
    } catch (error) {
      setTopError(applyApiError(form, error, currentLanguage(), errorText(error, t), fieldMap));
    } finally {
      setSubmitting(false);
    }
  });
  return { onSubmit, topError, setTopError, submitting };
}

// Runs a mutation from a button: on success refreshes the page's data and says so; on failure
// shows the API's message in the person's language.
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../ui/states';
import { notifyError, notifySuccess } from '../ui/notify';

export function useAction(invalidate: QueryKey[]) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return async function run(action: () => Promise<unknown>, success?: string): Promise<boolean> {
    try {
      await action();
      await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
      if (success) notifySuccess(success);
      return true;
    } catch (error) {
      notifyError(errorText(error, t));
      return false;
    }
  };
}

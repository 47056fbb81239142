import { notifications } from '@mantine/notifications';
import { i18n } from '../lib/i18n';

// The close button of a notification has no text of its own: it is named for screen readers.
const closeButtonProps = () => ({ 'aria-label': i18n.t('common.close') });

export function notifySuccess(message: string): void {
  notifications.show({
    color: 'teal',
    message,
    autoClose: 4000,
    closeButtonProps: closeButtonProps(),
  });
}

export function notifyError(message: string): void {
  notifications.show({
    color: 'red',
    message,
    autoClose: 8000,
    closeButtonProps: closeButtonProps(),
  });
}

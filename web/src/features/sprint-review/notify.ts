// A confirmation after a review was sent or decided, with a named close button (axe checks the
// page while it shows).
import { notifications } from '@mantine/notifications';

export function notifyDone(message: string, closeLabel: string): void {
  notifications.show({
    color: 'teal',
    message,
    autoClose: 4000,
    closeButtonProps: { 'aria-label': closeLabel },
  });
}

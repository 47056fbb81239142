import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { App } from './app';
import { i18nReady } from './lib/i18n';
import './lib/form-messages';

// The first render waits for the reader's catalogue, so no one sees a message key in place of its
// text. i18next settles even when the catalogue cannot be fetched; the app shows then what it can.
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

// Webhook secrets are needed again to sign each request, so they cannot be stored as hashes:
// they are sealed with AES-256-GCM under a key derived (HKDF) from WEBHOOK_SECRET_KEY (set it in
// production, so the token secret can be rotated without losing the webhook secrets).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { AppConfig } from '../core/config/app-config.service';

/** The key material: WEBHOOK_SECRET_KEY, or (if unset) the token secret. */
export function webhookSecretKey(config: AppConfig): string {
  return config.get('WEBHOOK_SECRET_KEY') || config.get('AUTH_TOKEN_SECRET');
}

function key(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'meilenstein', 'webhook-secrets', 32));
}

export function seal(serverSecret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(serverSecret), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    data.toString('base64'),
  ].join('.');
}

export function open(serverSecret: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('unknown sealed secret format');
  const decipher = createDecipheriv('aes-256-gcm', key(serverSecret), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}

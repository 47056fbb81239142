// Environment of the attachments browser spec, set before the API's configuration module is first
// loaded (import right after ./web-env): files in a directory of its own, and a small size limit.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const storageDir = mkdtempSync(join(tmpdir(), 'meilenstein-web-attachments-'));
process.env.STORAGE_DIR = storageDir;
process.env.ATTACHMENT_MAX_BYTES = '65536';

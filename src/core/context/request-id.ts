import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const VALID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request id: the caller's `X-Request-Id` when well-formed, else a new UUID; set once per request. */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string' && req.id) return req.id;
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  const id = given && VALID.test(given) ? given : randomUUID();
  req.id = id;
  return id;
}

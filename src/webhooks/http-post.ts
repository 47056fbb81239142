// POSTs a webhook with the address check at connect time: the host name is resolved once, by the
// connection itself, and an internal address is refused there — so a name that resolves to a
// public address when the URL is saved and to an internal one later (DNS rebinding) gets nowhere.
// Redirects are not followed. The timeout is a deadline for the whole attempt (connect, send, the
// complete answer): a receiver that trickles bytes cannot hold a worker slot past it.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { internal } from './url-guard';

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const usable = allowPrivate ? addresses : addresses.filter((a) => !internal(a.address));
      if (!usable.length || usable.length < addresses.length)
        return callback(
          Object.assign(new Error(`${hostname} resolves to a private or loopback address`), {
            code: 'EADDRBLOCKED',
          }),
          '',
          4,
        );
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      callback(null, usable[0].address, usable[0].family);
    });
  };
}

export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<{ status: number }> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      fn();
    };
    const req = request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowPrivate),
      },
      (res) => {
        res.resume();
        res.on('end', () => done(() => resolve({ status: res.statusCode ?? 0 })));
        res.on('error', (e) => done(() => reject(e)));
        res.on('aborted', () => done(() => reject(new Error('the answer was cut off'))));
      },
    );
    const deadline = setTimeout(() => {
      const error = Object.assign(
        new Error(`no complete answer within ${options.timeoutMs / 1000} s`),
        { name: 'TimeoutError' },
      );
      done(() => reject(error));
      req.destroy(error);
    }, options.timeoutMs);
    req.on('error', (e) => done(() => reject(e)));
    req.end(body);
  });
}

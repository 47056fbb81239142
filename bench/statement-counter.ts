// A TCP proxy in front of PostgreSQL that counts the statements clients send: simple queries
// ('Q') and executions of prepared ones ('E'). Used to measure statements per request from
// outside the process under test, without changing its configuration.
import { connect, createServer, Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface StatementCounter {
  port: number;
  count: number;
  close(): Promise<void>;
}

export async function startStatementCounter(target: {
  host: string;
  port: number;
}): Promise<StatementCounter> {
  const counter = { count: 0 } as StatementCounter;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let buffer = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      // The first message (startup or SSL request) has no type byte: a length, then its body.
      for (;;) {
        if (!started) {
          if (buffer.length < 4) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.length >= 8 ? buffer.readInt32BE(4) : 0;
          buffer = buffer.subarray(length);
          // An SSL request (80877103) is followed by another untyped startup message.
          if (code !== 80877103) started = true;
          continue;
        }
        if (buffer.length < 5) break;
        const length = buffer.readInt32BE(1);
        if (buffer.length < length + 1) break;
        const type = String.fromCharCode(buffer[0]!);
        if (type === 'Q' || type === 'E') counter.count++;
        buffer = buffer.subarray(length + 1);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  counter.port = (server.address() as AddressInfo).port;
  counter.close = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return counter;
}

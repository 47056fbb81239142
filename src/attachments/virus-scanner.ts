// The virus-scan hook every upload passes before it is stored. Off by default (ATTACHMENT_VIRUS_SCAN
// = off); `clamd` sends the content to a ClamAV daemon over its INSTREAM protocol and refuses what
// it finds. A scanner that cannot be reached refuses the upload rather than letting it through.
import { Injectable } from '@nestjs/common';
import { Socket } from 'node:net';
import { AppConfig } from '../core/config/app-config.service';

export interface ScanResult {
  infected: boolean;
  /** What was found, e.g. `Eicar-Signature`. */
  signature?: string;
}

export abstract class VirusScanner {
  abstract scan(content: Buffer): Promise<ScanResult>;
}

export class NoVirusScanner extends VirusScanner {
  scan(): Promise<ScanResult> {
    return Promise.resolve({ infected: false });
  }
}

export class ClamdScanner extends VirusScanner {
  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeoutMs = 30_000,
  ) {
    super();
  }

  scan(content: Buffer): Promise<ScanResult> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      const chunks: Buffer[] = [];
      socket.setTimeout(this.timeoutMs, () => socket.destroy(new Error('clamd timed out')));
      socket.on('error', reject);
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('end', () => {
        const answer = Buffer.concat(chunks).toString('utf8').replace(/\0/g, '').trim();
        // "stream: OK" or "stream: Eicar-Signature FOUND"
        const found = /^stream: (.+) FOUND$/.exec(answer);
        if (found) resolve({ infected: true, signature: found[1] });
        else if (/^stream: OK$/.test(answer)) resolve({ infected: false });
        else reject(new Error(`clamd answered: ${answer}`));
      });
      socket.connect(this.port, this.host, () => {
        socket.write('zINSTREAM\0');
        for (let at = 0; at < content.length; at += 64 * 1024) {
          const part = content.subarray(at, at + 64 * 1024);
          const size = Buffer.alloc(4);
          size.writeUInt32BE(part.length);
          socket.write(size);
          socket.write(part);
        }
        socket.end(Buffer.alloc(4));
      });
    });
  }
}

@Injectable()
export class ConfiguredVirusScanner extends VirusScanner {
  private readonly scanner: VirusScanner;

  constructor(config: AppConfig) {
    super();
    this.scanner =
      config.get('ATTACHMENT_VIRUS_SCAN') === 'clamd'
        ? new ClamdScanner(config.get('CLAMD_HOST'), config.get('CLAMD_PORT'))
        : new NoVirusScanner();
  }

  scan(content: Buffer): Promise<ScanResult> {
    return this.scanner.scan(content);
  }
}

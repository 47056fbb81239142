// Text of a PDF made by pdfkit: the strings of its text operators, decoded (cp1252), joined by spaces.
import { inflateSync } from 'node:zlib';

export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const cp1252 = new TextDecoder('windows-1252');
  let ops = '';
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    let data = pdf.subarray(start, raw.indexOf('endstream', start));
    try {
      data = inflateSync(data);
    } catch {
      /* not compressed */
    }
    ops += `${data.toString('latin1')}\n`;
  }
  const parts: string[] = [];
  for (const op of ops.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    const hexes =
      op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[2]!];
    parts.push(hexes.map((h) => cp1252.decode(Buffer.from(h, 'hex'))).join(''));
  }
  return parts.join(' ');
}

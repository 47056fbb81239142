// The type of an upload, read from its first bytes (magic numbers), never from its name or the
// Content-Type the client sent: a script renamed to receipt.pdf is not a PDF.

export interface SniffedType {
  mime: string;
  extension: string;
  label: string;
}

const PDF: SniffedType = { mime: 'application/pdf', extension: 'pdf', label: 'PDF' };
const PNG: SniffedType = { mime: 'image/png', extension: 'png', label: 'PNG' };
const JPEG: SniffedType = { mime: 'image/jpeg', extension: 'jpg', label: 'JPEG' };
const WEBP: SniffedType = { mime: 'image/webp', extension: 'webp', label: 'WebP' };

const starts = (bytes: Buffer, signature: number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

/** The type of `bytes` when it is one this module knows, else null. */
export function sniffType(bytes: Buffer): SniffedType | null {
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (starts(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (starts(bytes, [0x52, 0x49, 0x46, 0x46]) && starts(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return WEBP; // RIFF....WEBP
  return null;
}

/** Receipts and documents: PDF and images. Logos: PNG and JPEG, which the PDF reports can embed. */
export const DOCUMENT_TYPES = [PDF, PNG, JPEG, WEBP];
export const LOGO_TYPES = [PNG, JPEG];

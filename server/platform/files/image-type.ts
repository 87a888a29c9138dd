import type { AttachmentContentType } from '../../database.js';

/**
 * What a file really is, from its first bytes; the client's Content-Type is never trusted.
 * Only the three formats every phone and browser shows: JPEG, PNG, WebP.
 */
export function sniffImageType(b: Uint8Array): AttachmentContentType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return 'image/png';
  // RIFF....WEBP
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

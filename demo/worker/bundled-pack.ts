// Reads the bundled dataset pack that scripts/demo/build.mjs writes: the PNG files of
// data/emoji in one file, so the page fetches one file in place of 1,500. The page decodes
// each PNG itself, with the same pipeline as user images.
//
// Layout: the 8 ASCII bytes "PGPACK1\n", a uint32 little-endian header length, a UTF-8 JSON
// header {"files": [{"name": string, "length": bytes}, ...]}, then the files' bytes in order.

import type { ChosenFile } from '../protocol.js';

const MAGIC = 'PGPACK1\n';
const HEADER_LENGTH_BYTES = 4;

interface PackHeader {
  files: { name: string; length: number }[];
}

/** Splits a pack into its files. Throws an Error that names the damage in a damaged pack. */
export function readPack(buffer: ArrayBuffer): ChosenFile[] {
  const bytes = new Uint8Array(buffer);
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) throw new Error(`the bundled dataset file does not start with ${JSON.stringify(MAGIC)}; rebuild the demo`);
  const headerStart = MAGIC.length + HEADER_LENGTH_BYTES;
  if (bytes.length < headerStart) throw new Error('the bundled dataset file is truncated inside its header; rebuild the demo');
  const headerLength = new DataView(buffer).getUint32(MAGIC.length, true);
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) throw new Error('the bundled dataset file is truncated inside its header; rebuild the demo');

  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(headerStart, dataStart))) as PackHeader;
  const files: ChosenFile[] = [];
  let offset = dataStart;
  for (const entry of header.files) {
    if (offset + entry.length > bytes.length) {
      throw new Error(`the bundled dataset file is truncated inside ${entry.name}; rebuild the demo`);
    }
    files.push({ name: entry.name, blob: new Blob([bytes.subarray(offset, offset + entry.length)], { type: 'image/png' }) });
    offset += entry.length;
  }
  return files;
}

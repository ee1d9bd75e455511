// PNG structure checks that run before pngjs parses a file: a hostile header must not make the
// decoder allocate more than the pixel limit allows, and a truncated or corrupt file should get a
// clear reason. No Node imports.

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHUNK_OVERHEAD_BYTES = 12; // 4 length + 4 type + 4 CRC
const IHDR_OFFSET = SIGNATURE.length + 8; // after the signature, IHDR length and IHDR type
const IHDR_LENGTH = 13;

/** Samples per pixel for each PNG colour type (0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA). */
const SAMPLES_PER_PIXEL: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Adam7 passes as [first column, first row, column step, row step]. */
const ADAM7_PASSES = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Fields of a PNG IHDR chunk. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

/** Returns a chunk type for messages, with bytes outside printable ASCII written as \\xNN. */
function chunkName(type: Uint8Array): string {
  const PRINTABLE_FIRST = 0x20;
  const PRINTABLE_LAST = 0x7e;
  return Array.from(type, (byte) =>
    byte >= PRINTABLE_FIRST && byte <= PRINTABLE_LAST
      ? String.fromCharCode(byte)
      : `\\x${byte.toString(16).padStart(2, '0')}`,
  ).join('');
}

/** Returns whether `bytes` starts with the 8-byte PNG signature. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && SIGNATURE.every((value, i) => bytes[i] === value);
}

/** Reads the IHDR chunk. Throws an Error that describes the problem when it is missing or invalid. */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  if (!hasPngSignature(bytes)) throw new Error('missing PNG signature');
  if (bytes.length < IHDR_OFFSET + IHDR_LENGTH) throw new Error('file ends inside the header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = chunkName(bytes.subarray(IHDR_OFFSET - 4, IHDR_OFFSET));
  if (type !== 'IHDR') throw new Error(`first chunk is "${type}", expected "IHDR"`);
  const header: PngHeader = {
    width: view.getUint32(IHDR_OFFSET),
    height: view.getUint32(IHDR_OFFSET + 4),
    bitDepth: bytes[IHDR_OFFSET + 8],
    colorType: bytes[IHDR_OFFSET + 9],
    interlaced: bytes[IHDR_OFFSET + 12] === 1,
  };
  if (header.width === 0 || header.height === 0) {
    throw new Error(`header gives an invalid size of ${header.width}x${header.height}`);
  }
  if (!(header.colorType in SAMPLES_PER_PIXEL)) {
    throw new Error(`header gives an unknown colour type ${header.colorType}`);
  }
  return header;
}

const CRC_TABLE = buildCrcTable();

/** Builds the lookup table of CRC-32 (ISO 3309, reflected polynomial 0xedb88320) that PNG uses. */
function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let value = n;
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
    table[n] = value >>> 0;
  }
  return table;
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Walks every chunk up to IEND, checking that each fits in the file and that its CRC matches,
 * and returns the concatenated IDAT payloads. Throws an Error naming the first bad chunk, so a
 * truncated or corrupted file gets a clear reason (pngjs reports some of these cases only as
 * "unrecognised content at end of stream").
 */
export function checkPngChunks(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let offset = SIGNATURE.length;
  for (;;) {
    if (offset + CHUNK_OVERHEAD_BYTES > bytes.length) throw new Error('file is truncated: the IEND chunk is missing');
    const length = view.getUint32(offset);
    const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
    const type = chunkName(typeAndData.subarray(0, 4));
    if (offset + CHUNK_OVERHEAD_BYTES + length > bytes.length) {
      throw new Error(`file is truncated inside chunk "${type}"`);
    }
    if (crc32(typeAndData) !== view.getUint32(offset + 8 + length)) {
      throw new Error(`file is corrupt: CRC mismatch in chunk "${type}"`);
    }
    if (type === 'IDAT') parts.push(typeAndData.subarray(4));
    if (type === 'IEND') break;
    offset += CHUNK_OVERHEAD_BYTES + length;
  }
  return concatenate(parts);
}

function concatenate(parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let position = 0;
  for (const part of parts) {
    joined.set(part, position);
    position += part.length;
  }
  return joined;
}

/**
 * Returns the exact size in bytes of the decompressed image data of an interlaced PNG: for each
 * of the 7 Adam7 passes, rows x (1 filter byte + packed row bytes).
 */
export function interlacedDataBytes(header: PngHeader): number {
  const bitsPerPixel = SAMPLES_PER_PIXEL[header.colorType] * header.bitDepth;
  let total = 0;
  for (const [firstColumn, firstRow, columnStep, rowStep] of ADAM7_PASSES) {
    const columns = Math.max(0, Math.ceil((header.width - firstColumn) / columnStep));
    const rows = Math.max(0, Math.ceil((header.height - firstRow) / rowStep));
    if (columns > 0 && rows > 0) total += rows * (1 + Math.ceil((columns * bitsPerPixel) / 8));
  }
  return total;
}

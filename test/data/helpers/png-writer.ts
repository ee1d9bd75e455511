// Writes PNG files chunk by chunk, for test fixtures that pngjs cannot write: palette images,
// 1-, 2- and 4-bit grayscale, 16-bit samples with exact values, tRNS chunks and interlacing flags.
import { deflateSync } from 'node:zlib';

/** PNG colour types. */
export const GRAY = 0;
export const RGB = 2;
export const PALETTE = 3;
export const GRAY_ALPHA = 4;
export const RGBA = 6;

const SAMPLES_PER_PIXEL: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export interface PngFixture {
  width: number;
  height: number;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  colorType: number;
  /** Raw samples, row-major, `SAMPLES_PER_PIXEL[colorType]` per pixel (palette indices for type 3). */
  samples: number[];
  /** Palette entries as [red, green, blue] for colour type 3. */
  palette?: [number, number, number][];
  /** Payload of a tRNS chunk: palette alphas, or a transparent gray/RGB value as 16-bit words. */
  transparency?: number[];
  /** Writes the image data as the 7 Adam7 passes and sets the IHDR interlace flag. */
  interlaced?: boolean;
  /** Replaces the packed image data (filter bytes included) before compression. */
  rawImageData?: Uint8Array;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG chunks use it (ISO 3309, polynomial 0xedb88320). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Returns one PNG chunk: length, type, data and CRC of type + data. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  chunk.set(data, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

/** Adam7 passes as [first column, first row, column step, row step]. */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];

/** Splits the samples into the Adam7 sub-images and packs each one's scanlines in order. */
function packInterlaced(fixture: PngFixture): Uint8Array {
  const perPixel = SAMPLES_PER_PIXEL[fixture.colorType];
  const parts: Uint8Array[] = [];
  for (const [firstColumn, firstRow, columnStep, rowStep] of ADAM7) {
    const samples: number[] = [];
    let columns = 0;
    let rows = 0;
    for (let y = firstRow; y < fixture.height; y += rowStep, rows++) {
      columns = 0;
      for (let x = firstColumn; x < fixture.width; x += columnStep, columns++) {
        const start = (y * fixture.width + x) * perPixel;
        samples.push(...fixture.samples.slice(start, start + perPixel));
      }
    }
    if (columns > 0 && rows > 0) parts.push(packRows({ ...fixture, width: columns, height: rows, samples }));
  }
  return Buffer.concat(parts);
}

/** Packs the samples into scanlines with filter type 0 (none). */
function packRows(fixture: PngFixture): Uint8Array {
  const { width, height, bitDepth, colorType, samples } = fixture;
  const perRow = width * SAMPLES_PER_PIXEL[colorType];
  const rowBytes = Math.ceil((perRow * bitDepth) / 8);
  const out = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    const rowStart = y * (rowBytes + 1) + 1; // byte 0 of each row is the filter type, 0
    for (let i = 0; i < perRow; i++) {
      const value = samples[y * perRow + i];
      if (bitDepth === 16) {
        out[rowStart + i * 2] = value >> 8;
        out[rowStart + i * 2 + 1] = value & 0xff;
      } else if (bitDepth === 8) {
        out[rowStart + i] = value;
      } else {
        const bit = i * bitDepth;
        out[rowStart + (bit >> 3)] |= value << (8 - bitDepth - (bit & 7));
      }
    }
  }
  return out;
}

/** Encodes a fixture as a complete PNG file. */
export function encodePng(fixture: PngFixture): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(fixture.width, 0);
  header.writeUInt32BE(fixture.height, 4);
  header[8] = fixture.bitDepth;
  header[9] = fixture.colorType;
  header[12] = fixture.interlaced ? 1 : 0;
  const chunks = [Buffer.from(SIGNATURE), pngChunk('IHDR', header)];
  if (fixture.palette) chunks.push(pngChunk('PLTE', Uint8Array.from(fixture.palette.flat())));
  if (fixture.transparency) {
    const payload =
      fixture.colorType === PALETTE
        ? Uint8Array.from(fixture.transparency)
        : Uint8Array.from(fixture.transparency.flatMap((word) => [word >> 8, word & 0xff]));
    chunks.push(pngChunk('tRNS', payload));
  }
  const imageData = fixture.rawImageData ?? (fixture.interlaced ? packInterlaced(fixture) : packRows(fixture));
  chunks.push(pngChunk('IDAT', deflateSync(imageData)));
  chunks.push(pngChunk('IEND', new Uint8Array(0)));
  return Buffer.concat(chunks);
}

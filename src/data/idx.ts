// Node-only: IDX files, the array format of MNIST, plain or gzip-compressed.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { DatasetError, describeError } from './errors.js';

const GZIP_MAGIC = [0x1f, 0x8b];
const UNSIGNED_BYTE_TYPE = 0x08;
const TYPE_NAMES: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};
const BYTES_PER_DIMENSION = 4;
const MAGIC_BYTES = 4;

/**
 * Maximum decompressed size of one IDX file, in bytes: 1 GiB admits the largest MNIST-format
 * sets (EMNIST ByClass images are about 550 MB) but stops a gzip bomb.
 */
export const MAX_IDX_BYTES = 2 ** 30;

/** Unsigned-byte IDX array: `data` is row-major with shape `dims`. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** Returns whether `bytes` starts with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= GZIP_MAGIC.length && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** Returns whether `bytes` starts like an IDX file: two zero bytes, a known type and a dimension count. */
export function hasIdxMagic(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC_BYTES && bytes[0] === 0 && bytes[1] === 0 && bytes[2] in TYPE_NAMES && bytes[3] > 0;
}

/**
 * Reads an unsigned-byte IDX file, decompressing it first when its content is gzip (whatever
 * its name). Throws a DatasetError naming `file` when it cannot be read, is not IDX, has another
 * element type, or its length does not match its dimensions.
 */
export async function readIdxFile(file: string): Promise<IdxArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new DatasetError(`Cannot read IDX file ${file}: ${describeError(error)}`, { cause: error });
  }
  if (isGzip(bytes)) bytes = gunzip(bytes, file);
  return parseIdx(bytes, file);
}

function gunzip(bytes: Uint8Array, file: string): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_IDX_BYTES });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new DatasetError(`${file} decompresses to more than ${MAX_IDX_BYTES} bytes, the limit for one IDX file`);
    }
    throw new DatasetError(`${file} is not valid gzip data: ${describeError(error)}`, { cause: error });
  }
}

/** Parses IDX bytes (already decompressed). `file` only names the source in errors. */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  if (!hasIdxMagic(bytes)) {
    throw new DatasetError(
      `${file} is not an IDX file: it should start with 00 00, a type byte and a dimension count ` +
        '(MNIST images are idx3-ubyte, labels idx1-ubyte)',
    );
  }
  const type = bytes[2];
  if (type !== UNSIGNED_BYTE_TYPE) {
    throw new DatasetError(
      `${file} contains ${TYPE_NAMES[type]} values, but only unsigned bytes (type 0x08) are supported`,
    );
  }
  const dimensionCount = bytes[3];
  const headerBytes = MAGIC_BYTES + dimensionCount * BYTES_PER_DIMENSION;
  if (bytes.length < headerBytes) {
    throw new DatasetError(`${file} is truncated: its header needs ${headerBytes} bytes, the file has ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let d = 0; d < dimensionCount; d++) dims.push(view.getUint32(MAGIC_BYTES + d * BYTES_PER_DIMENSION));
  const expected = headerBytes + dims.reduce((product, dim) => product * dim, 1);
  if (bytes.length !== expected) {
    const problem = bytes.length < expected ? 'is truncated' : 'has extra bytes';
    throw new DatasetError(
      `${file} ${problem}: dimensions ${dims.join('x')} need ${expected} bytes, the file has ${bytes.length}`,
    );
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

// Encoder and validating decoder for the safetensors format, limited to float32 tensors.
//
// Layout: an 8-byte little-endian u64 header length N, then N bytes of UTF-8 JSON, then the tensor
// data. The JSON object maps each tensor name to {"dtype", "shape", "data_offsets": [begin, end]},
// with byte offsets relative to the start of the data section and `end` exclusive. The optional
// "__metadata__" key maps strings to strings. This module writes the header padded with spaces to a
// multiple of 8 bytes, as the reference writer (huggingface/safetensors) does, so the data section
// stays 8-byte aligned for readers that map the file into memory.
//
// Browser-safe: no Node imports.

/** A named float32 tensor. `data` is row-major and has product(shape) elements. */
export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** A decoded tensor. `data` is a fresh copy that does not share memory with the input bytes. */
export interface DecodedTensor {
  shape: number[];
  data: Float32Array;
}

/** Decoded tensors by name, and the string metadata (empty when the file has none). */
export interface DecodedSafetensors {
  tensors: Map<string, DecodedTensor>;
  metadata: Record<string, string>;
}

const HEADER_LENGTH_BYTES = 8;
const HEADER_ALIGNMENT_BYTES = 8;
const FLOAT32_BYTES = 4;
const METADATA_KEY = '__metadata__';
const SUPPORTED_DTYPE = 'F32';
const TENSOR_ENTRY_KEYS = ['dtype', 'shape', 'data_offsets'];
const ASCII_SPACE = 0x20;

/** Maximum header size in bytes, the same limit as MAX_HEADER_SIZE in huggingface/safetensors (tensor.rs). */
export const MAX_HEADER_BYTES = 100_000_000;

/**
 * Encodes float32 tensors and string metadata as a safetensors file.
 * Tensors are stored in the given order, contiguous and without gaps.
 * Throws an Error naming the tensor when a name is duplicated or reserved, or when a shape
 * does not match the data length, and naming the key when a metadata value is not a string.
 */
export function encodeSafetensors(tensors: NamedTensor[], metadata: Record<string, string>): Uint8Array {
  validateMetadata(metadata, 'metadata');

  // The header is built as text because a tensor named "__proto__" cannot be stored in a plain object.
  const headerParts = [`${JSON.stringify(METADATA_KEY)}:${JSON.stringify(metadata)}`];
  const names = new Set<string>();
  let dataBytes = 0;
  for (const tensor of tensors) {
    validateTensorForEncoding(tensor, names);
    names.add(tensor.name);
    const byteLength = tensor.data.length * FLOAT32_BYTES;
    const entry = { dtype: SUPPORTED_DTYPE, shape: tensor.shape, data_offsets: [dataBytes, dataBytes + byteLength] };
    headerParts.push(`${JSON.stringify(tensor.name)}:${JSON.stringify(entry)}`);
    dataBytes += byteLength;
  }

  const json = new TextEncoder().encode(`{${headerParts.join(',')}}`);
  const paddedLength = Math.ceil(json.length / HEADER_ALIGNMENT_BYTES) * HEADER_ALIGNMENT_BYTES;
  if (paddedLength > MAX_HEADER_BYTES) {
    throw new Error(
      `safetensors header would be ${paddedLength} bytes, more than the maximum of ${MAX_HEADER_BYTES}; ` +
        'use fewer tensors or shorter names and metadata',
    );
  }

  const bytes = new Uint8Array(HEADER_LENGTH_BYTES + paddedLength + dataBytes);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(paddedLength), true);
  bytes.set(json, HEADER_LENGTH_BYTES);
  bytes.fill(ASCII_SPACE, HEADER_LENGTH_BYTES + json.length, HEADER_LENGTH_BYTES + paddedLength);

  let position = HEADER_LENGTH_BYTES + paddedLength;
  for (const tensor of tensors) {
    writeFloat32LittleEndian(bytes, position, tensor.data);
    position += tensor.data.length * FLOAT32_BYTES;
  }
  return bytes;
}

function validateTensorForEncoding(tensor: NamedTensor, earlierNames: Set<string>): void {
  const name = tensor.name;
  if (typeof name !== 'string') {
    throw new Error(`tensor name must be a string, got ${typeof name}`);
  }
  if (name === METADATA_KEY) {
    throw new Error(`tensor name "${METADATA_KEY}" is reserved for the safetensors metadata; rename the tensor`);
  }
  if (earlierNames.has(name)) {
    throw new Error(`duplicate tensor name "${name}"; each tensor needs a unique name`);
  }
  if (!(tensor.data instanceof Float32Array)) {
    throw new Error(`tensor "${name}": data must be a Float32Array`);
  }
  const elementCount = countElements(tensor.shape, `tensor "${name}": shape`);
  if (elementCount !== tensor.data.length) {
    throw new Error(
      `tensor "${name}": shape [${tensor.shape.join(', ')}] has ${elementCount} elements, ` +
        `but data has ${tensor.data.length}`,
    );
  }
}

// DataView reads and writes little-endian on any platform and at any byte alignment.
function writeFloat32LittleEndian(target: Uint8Array, offset: number, data: Float32Array): void {
  const view = new DataView(target.buffer, target.byteOffset + offset, data.byteLength);
  for (let i = 0; i < data.length; i++) {
    view.setFloat32(i * FLOAT32_BYTES, data[i], true);
  }
}

/**
 * Decodes and validates a safetensors file that contains only float32 tensors.
 * Throws an Error that names the field, the value found and the value expected. It throws when the
 * file is truncated, the header is not valid UTF-8 JSON of the expected form, or a dtype is not F32.
 * It also throws when data offsets overlap, leave gaps, disagree with the shape or end before the file does.
 */
export function decodeSafetensors(bytes: Uint8Array): DecodedSafetensors {
  const headerLength = readHeaderLength(bytes);
  const header = parseHeader(bytes.subarray(HEADER_LENGTH_BYTES, HEADER_LENGTH_BYTES + headerLength));
  const dataStart = HEADER_LENGTH_BYTES + headerLength;
  const dataBytes = bytes.length - dataStart;

  let metadata: Record<string, string> = {};
  const entries: TensorEntry[] = [];
  for (const [key, value] of Object.entries(header)) {
    if (key === METADATA_KEY) {
      metadata = parseMetadata(value);
    } else {
      entries.push(parseTensorEntry(key, value, dataBytes));
    }
  }
  checkOffsetsCoverData(entries, dataBytes);

  const tensors = new Map<string, DecodedTensor>();
  for (const entry of entries) {
    const data = readFloat32LittleEndian(bytes, dataStart + entry.begin, entry.elementCount);
    tensors.set(entry.name, { shape: entry.shape, data });
  }
  return { tensors, metadata };
}

interface TensorEntry {
  name: string;
  shape: number[];
  elementCount: number;
  begin: number;
  end: number;
}

function readHeaderLength(bytes: Uint8Array): number {
  if (!(bytes instanceof Uint8Array)) {
    throw new Error('safetensors input must be a Uint8Array');
  }
  if (bytes.length < HEADER_LENGTH_BYTES) {
    throw new Error(
      `safetensors file is ${bytes.length} bytes, shorter than the ${HEADER_LENGTH_BYTES}-byte header length; ` +
        'the file is truncated or not a safetensors file',
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_LENGTH_BYTES);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(MAX_HEADER_BYTES)) {
    throw new Error(
      `safetensors header length is ${headerLength} bytes, more than the maximum of ${MAX_HEADER_BYTES}; ` +
        'the file is corrupt or not a safetensors file',
    );
  }
  const length = Number(headerLength);
  if (HEADER_LENGTH_BYTES + length > bytes.length) {
    throw new Error(
      `safetensors header length is ${length} bytes, but only ${bytes.length - HEADER_LENGTH_BYTES} bytes ` +
        'follow the length field; the file is truncated',
    );
  }
  return length;
}

function parseHeader(headerBytes: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    // ignoreBOM keeps a byte order mark in the text, so JSON.parse rejects it as the reference reader does.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(headerBytes);
  } catch {
    throw new Error('safetensors header is not valid UTF-8; the file is corrupt');
  }
  let header: unknown;
  try {
    // NOTE: JSON.parse keeps only the last of duplicated keys. A duplicated tensor name of nonzero size
    // is still rejected by the gap check, but a duplicated "__metadata__" or empty tensor is not.
    header = JSON.parse(text);
  } catch (error) {
    throw new Error(`safetensors header is not valid JSON (${(error as Error).message}); the file is corrupt`);
  }
  if (!isPlainObject(header)) {
    throw new Error(`safetensors header must be a JSON object, got ${describeJson(header)}`);
  }
  return header;
}

function parseMetadata(value: unknown): Record<string, string> {
  // The reference reader treats a null "__metadata__" like a missing one.
  if (value === null) {
    return {};
  }
  validateMetadata(value as Record<string, unknown>, `safetensors "${METADATA_KEY}"`);
  return { ...(value as Record<string, string>) };
}

function validateMetadata(metadata: Record<string, unknown>, label: string): void {
  if (!isPlainObject(metadata)) {
    throw new Error(`${label} must be an object of strings, got ${describeJson(metadata)}`);
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') {
      throw new Error(`${label} value for key "${key}" must be a string, got ${describeJson(value)}`);
    }
  }
}

function parseTensorEntry(name: string, value: unknown, dataBytes: number): TensorEntry {
  const label = `safetensors tensor "${name}"`;
  if (!isPlainObject(value)) {
    throw new Error(`${label} must be an object with dtype, shape and data_offsets, got ${describeJson(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!TENSOR_ENTRY_KEYS.includes(key)) {
      throw new Error(`${label} has unknown field "${key}"; expected only ${TENSOR_ENTRY_KEYS.join(', ')}`);
    }
  }
  if (value.dtype !== SUPPORTED_DTYPE) {
    throw new Error(
      `${label}: dtype is ${describeJson(value.dtype)}, but only "${SUPPORTED_DTYPE}" (float32) is supported; ` +
        'convert the tensor to float32 before saving',
    );
  }
  if (!Array.isArray(value.shape)) {
    throw new Error(`${label}: shape must be an array of non-negative integers, got ${describeJson(value.shape)}`);
  }
  const shape = value.shape as number[];
  const elementCount = countElements(shape, `${label}: shape`);
  const [begin, end] = parseOffsets(value.data_offsets, label, dataBytes);

  const expectedBytes = elementCount * FLOAT32_BYTES;
  if (end - begin !== expectedBytes) {
    throw new Error(
      `${label}: data_offsets [${begin}, ${end}] span ${end - begin} bytes, but shape [${shape.join(', ')}] ` +
        `of float32 needs ${expectedBytes} bytes`,
    );
  }
  return { name, shape: [...shape], elementCount, begin, end };
}

function parseOffsets(offsets: unknown, label: string, dataBytes: number): [number, number] {
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegativeInteger)) {
    throw new Error(
      `${label}: data_offsets must be [begin, end] with non-negative integers, got ${describeJson(offsets)}`,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end) {
    throw new Error(`${label}: data_offsets [${begin}, ${end}] have begin after end`);
  }
  if (end > dataBytes) {
    throw new Error(
      `${label}: data_offsets [${begin}, ${end}] end past the data section, which is ${dataBytes} bytes; ` +
        'the file is truncated',
    );
  }
  return [begin, end];
}

/** Checks that the tensors tile the data section exactly: no overlap, no gap, no trailing bytes. */
function checkOffsetsCoverData(entries: TensorEntry[], dataBytes: number): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expectedBegin = 0;
  let previous: TensorEntry | undefined;
  for (const entry of sorted) {
    if (entry.begin < expectedBegin) {
      throw new Error(
        `safetensors tensor "${entry.name}" data_offsets [${entry.begin}, ${entry.end}] overlap ` +
          `tensor "${previous?.name}" [${previous?.begin}, ${previous?.end}]`,
      );
    }
    if (entry.begin > expectedBegin) {
      throw new Error(
        `safetensors tensor "${entry.name}" data_offsets start at ${entry.begin}, ` +
          `leaving a gap after byte ${expectedBegin}; tensors must be stored contiguously`,
      );
    }
    expectedBegin = entry.end;
    previous = entry;
  }
  if (expectedBegin !== dataBytes) {
    throw new Error(
      `safetensors data section is ${dataBytes} bytes, but the tensors cover only ${expectedBegin}; ` +
        `the file has ${dataBytes - expectedBegin} trailing bytes`,
    );
  }
}

function readFloat32LittleEndian(bytes: Uint8Array, offset: number, elementCount: number): Float32Array {
  const result = new Float32Array(elementCount);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, elementCount * FLOAT32_BYTES);
  for (let i = 0; i < elementCount; i++) {
    result[i] = view.getFloat32(i * FLOAT32_BYTES, true);
  }
  return result;
}

/** Returns product(shape), or throws naming `label` when a dimension is not a non-negative integer. */
function countElements(shape: unknown, label: string): number {
  if (!Array.isArray(shape)) {
    throw new Error(`${label} must be an array of non-negative integers, got ${describeJson(shape)}`);
  }
  let count = 1;
  for (const dimension of shape) {
    if (!isNonNegativeInteger(dimension)) {
      throw new Error(
        `${label} [${shape.map(describeJson).join(', ')}] contains ${describeJson(dimension)}; ` +
          'every dimension must be a non-negative integer',
      );
    }
    count *= dimension;
  }
  if (!Number.isSafeInteger(count * FLOAT32_BYTES)) {
    throw new Error(`${label} [${shape.join(', ')}] has too many elements to store`);
  }
  return count;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJson(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  const text = JSON.stringify(value) ?? String(value);
  const maxLength = 60;
  return text.length > maxLength ? `${text.slice(0, maxLength)}...` : text;
}

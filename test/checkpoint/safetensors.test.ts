import { describe, expect, test } from 'vitest';

import { decodeSafetensors, encodeSafetensors, MAX_HEADER_BYTES } from '../../src/checkpoint/safetensors.js';

/** Builds a file from raw header text and data bytes. `headerLength` overrides the length field. */
function buildFile(headerText: string, dataBytes: number[] | Uint8Array = [], headerLength?: bigint): Uint8Array {
  const header = new TextEncoder().encode(headerText);
  const bytes = new Uint8Array(8 + header.length + dataBytes.length);
  new DataView(bytes.buffer).setBigUint64(0, headerLength ?? BigInt(header.length), true);
  bytes.set(header, 8);
  bytes.set(dataBytes, 8 + header.length);
  return bytes;
}

function float32Bits(data: Float32Array): number[] {
  return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.length));
}

describe('encodeSafetensors', () => {
  test('header layout byte-exact for one tensor', () => {
    const bytes = encodeSafetensors([{ name: 'w', shape: [2], data: new Float32Array([1, -2]) }], { k: 'v' });
    const json = '{"__metadata__":{"k":"v"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';

    // 79 bytes of JSON, padded with one space to 80, the next multiple of 8.
    expect(json.length).toBe(79);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([80, 0, 0, 0, 0, 0, 0, 0]);
    expect(new TextDecoder().decode(bytes.subarray(8, 8 + 80))).toBe(`${json} `);
    expect(bytes.length).toBe(8 + 80 + 8);
    // 1.0f is 0x3f800000 and -2.0f is 0xc0000000, stored little-endian.
    expect(Array.from(bytes.subarray(88))).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
  });

  test('header padded to a multiple of 8', () => {
    for (let nameLength = 1; nameLength <= 9; nameLength++) {
      const name = 'x'.repeat(nameLength);
      const bytes = encodeSafetensors([{ name, shape: [1], data: new Float32Array([0.5]) }], {});
      const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
      expect(headerLength % 8).toBe(0);
      expect(bytes.length).toBe(8 + headerLength + 4);
    }
  });

  test('offsets contiguous in input order', () => {
    const bytes = encodeSafetensors(
      [
        { name: 'b', shape: [3], data: new Float32Array(3) },
        { name: 'a', shape: [0, 5], data: new Float32Array(0) },
        { name: 'c', shape: [], data: new Float32Array(1) },
      ],
      {},
    );
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
    expect(Object.keys(header)).toEqual(['__metadata__', 'b', 'a', 'c']);
    expect(header.b.data_offsets).toEqual([0, 12]);
    expect(header.a.data_offsets).toEqual([12, 12]);
    expect(header.c.data_offsets).toEqual([12, 16]);
  });

  test('rejects duplicate tensor names', () => {
    const tensor = { name: 'w', shape: [1], data: new Float32Array(1) };
    expect(() => encodeSafetensors([tensor, tensor], {})).toThrow(/duplicate tensor name "w"/);
  });

  test('rejects reserved metadata name', () => {
    const tensor = { name: '__metadata__', shape: [1], data: new Float32Array(1) };
    expect(() => encodeSafetensors([tensor], {})).toThrow(/"__metadata__" is reserved/);
  });

  test('rejects shape not matching data', () => {
    const tensor = { name: 'w', shape: [2, 3], data: new Float32Array(5) };
    expect(() => encodeSafetensors([tensor], {})).toThrow(/tensor "w": shape \[2, 3\] has 6 elements, but data has 5/);
  });

  test('rejects negative or fractional dimensions', () => {
    const negative = { name: 'w', shape: [-1], data: new Float32Array(1) };
    const fractional = { name: 'w', shape: [0.5, 2], data: new Float32Array(1) };
    expect(() => encodeSafetensors([negative], {})).toThrow(/contains -1; every dimension must be a non-negative integer/);
    expect(() => encodeSafetensors([fractional], {})).toThrow(/contains 0.5/);
  });

  test('rejects non-string metadata', () => {
    const metadata = { epoch: 3 } as unknown as Record<string, string>;
    expect(() => encodeSafetensors([], metadata)).toThrow(/metadata value for key "epoch" must be a string, got 3/);
  });
});

describe('decodeSafetensors round trip', () => {
  test('restores tensors, shapes and metadata', () => {
    const weight = new Float32Array([0.25, -1.5, 3e-38, 1e-45, 65504, -0, Infinity, -Infinity, NaN]);
    const tensors = [
      { name: 'generator.0.weight', shape: [3, 3], data: weight },
      { name: 'generator.0.bias', shape: [3], data: new Float32Array([1, 2, 3]) },
      { name: 'scalar', shape: [], data: new Float32Array([7]) },
      { name: 'empty', shape: [0, 4], data: new Float32Array(0) },
      { name: '__proto__', shape: [1], data: new Float32Array([9]) },
    ];
    const metadata = { format: 'pt', step: '1200', note: 'résumé ✓' };
    const decoded = decodeSafetensors(encodeSafetensors(tensors, metadata));

    expect(decoded.metadata).toEqual(metadata);
    expect([...decoded.tensors.keys()]).toEqual(tensors.map((t) => t.name));
    for (const tensor of tensors) {
      const result = decoded.tensors.get(tensor.name);
      expect(result?.shape).toEqual(tensor.shape);
      // Bit comparison keeps NaN and -0 exact.
      expect(float32Bits(result!.data)).toEqual(float32Bits(tensor.data));
    }
  });

  test('empty file with no tensors', () => {
    const decoded = decodeSafetensors(encodeSafetensors([], {}));
    expect(decoded.tensors.size).toBe(0);
    expect(decoded.metadata).toEqual({});
  });

  test('decodes at an odd byte offset', () => {
    const encoded = encodeSafetensors([{ name: 'w', shape: [3], data: new Float32Array([1.5, 2.5, 3.5]) }], {});
    const shifted = new Uint8Array(encoded.length + 1);
    shifted.set(encoded, 1);
    const decoded = decodeSafetensors(shifted.subarray(1));
    expect(Array.from(decoded.tensors.get('w')!.data)).toEqual([1.5, 2.5, 3.5]);
  });

  test('result does not alias the input', () => {
    const encoded = encodeSafetensors([{ name: 'w', shape: [2], data: new Float32Array([1, 2]) }], {});
    const decoded = decodeSafetensors(encoded);
    const data = decoded.tensors.get('w')!.data;
    encoded.fill(0, encoded.length - 8);
    expect(Array.from(data)).toEqual([1, 2]);
    expect(data.buffer).not.toBe(encoded.buffer);
  });

  test('accepts missing or null metadata', () => {
    const entry = '"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}';
    const data = [0, 0, 0x80, 0x3f];
    expect(decodeSafetensors(buildFile(`{${entry}}`, data)).metadata).toEqual({});
    expect(decodeSafetensors(buildFile(`{"__metadata__":null,${entry}}`, data)).metadata).toEqual({});
  });

  test('accepts tensors listed out of offset order', () => {
    const header =
      '{"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}';
    const decoded = decodeSafetensors(buildFile(header, [0, 0, 0x80, 0x3f, 0, 0, 0, 0x40]));
    expect(decoded.tensors.get('a')!.data[0]).toBe(1);
    expect(decoded.tensors.get('b')!.data[0]).toBe(2);
  });
});

describe('decodeSafetensors rejects malformed input', () => {
  const oneFloat = [0, 0, 0x80, 0x3f];
  const entry = (offsets: string, shape = '[1]', dtype = '"F32"'): string =>
    `{"dtype":${dtype},"shape":${shape},"data_offsets":${offsets}}`;

  test('file shorter than 8 bytes', () => {
    expect(() => decodeSafetensors(new Uint8Array(5))).toThrow(/file is 5 bytes, shorter than the 8-byte header length/);
  });

  test('header length past end of file', () => {
    expect(() => decodeSafetensors(buildFile('{}', [], 100n))).toThrow(
      /header length is 100 bytes, but only 2 bytes follow the length field; the file is truncated/,
    );
  });

  test('absurdly large header length', () => {
    expect(() => decodeSafetensors(buildFile('{}', [], 1n << 40n))).toThrow(
      new RegExp(`header length is ${2 ** 40} bytes, more than the maximum of ${MAX_HEADER_BYTES}`),
    );
    expect(() => decodeSafetensors(buildFile('{}', [], 0xffffffffffffffffn))).toThrow(/more than the maximum/);
  });

  test('invalid UTF-8 header', () => {
    const bytes = buildFile('{}  ');
    bytes.set([0xff, 0xfe], 9);
    expect(() => decodeSafetensors(bytes)).toThrow(/header is not valid UTF-8/);
  });

  test('invalid JSON header', () => {
    expect(() => decodeSafetensors(buildFile('{not json'))).toThrow(/header is not valid JSON/);
    expect(() => decodeSafetensors(buildFile('\uFEFF{}'))).toThrow(/header is not valid JSON/);
    expect(() => decodeSafetensors(buildFile(''))).toThrow(/header is not valid JSON/);
  });

  test('header not an object', () => {
    expect(() => decodeSafetensors(buildFile('[1,2]'))).toThrow(/header must be a JSON object, got \[1,2\]/);
    expect(() => decodeSafetensors(buildFile('42'))).toThrow(/header must be a JSON object, got 42/);
    expect(() => decodeSafetensors(buildFile('null'))).toThrow(/header must be a JSON object, got null/);
  });

  test('metadata not an object of strings', () => {
    expect(() => decodeSafetensors(buildFile('{"__metadata__":{"epoch":3}}'))).toThrow(
      /"__metadata__" value for key "epoch" must be a string, got 3/,
    );
    expect(() => decodeSafetensors(buildFile('{"__metadata__":"pt"}'))).toThrow(
      /"__metadata__" must be an object of strings, got "pt"/,
    );
  });

  test('dtype other than F32', () => {
    const header = `{"w":${entry('[0,2]', '[1]', '"F16"')}}`;
    expect(() => decodeSafetensors(buildFile(header, [0, 0]))).toThrow(
      /tensor "w": dtype is "F16", but only "F32" \(float32\) is supported/,
    );
    expect(() => decodeSafetensors(buildFile('{"w":{"shape":[0],"data_offsets":[0,0]}}'))).toThrow(
      /tensor "w": dtype is nothing/,
    );
  });

  test('shape not non-negative integers', () => {
    const cases: [string, RegExp][] = [
      ['[-1]', /shape \[-1\] contains -1; every dimension must be a non-negative integer/],
      ['[1.5]', /shape \[1.5\] contains 1.5/],
      ['["1"]', /shape \["1"\] contains "1"/],
      ['"1"', /shape must be an array of non-negative integers, got "1"/],
      ['[9007199254740993]', /contains 9007199254740992/],
    ];
    for (const [shape, message] of cases) {
      expect(() => decodeSafetensors(buildFile(`{"w":${entry('[0,4]', shape)}}`, oneFloat))).toThrow(message);
    }
  });

  test('offsets of the wrong form', () => {
    for (const offsets of ['[0]', '[0,4,8]', '[-4,0]', '[0,4.5]', '"0,4"', 'null']) {
      expect(() => decodeSafetensors(buildFile(`{"w":${entry(offsets)}}`, oneFloat))).toThrow(
        /tensor "w": data_offsets must be \[begin, end\] with non-negative integers/,
      );
    }
  });

  test('offsets begin after end', () => {
    expect(() => decodeSafetensors(buildFile(`{"w":${entry('[4,0]')}}`, oneFloat))).toThrow(
      /data_offsets \[4, 0\] have begin after end/,
    );
  });

  test('offsets past the data section', () => {
    expect(() => decodeSafetensors(buildFile(`{"w":${entry('[0,8]', '[2]')}}`, oneFloat))).toThrow(
      /tensor "w": data_offsets \[0, 8\] end past the data section, which is 4 bytes/,
    );
  });

  test('offsets not matching shape', () => {
    const header = `{"w":${entry('[0,8]', '[3]')}}`;
    expect(() => decodeSafetensors(buildFile(header, new Uint8Array(8)))).toThrow(
      /tensor "w": data_offsets \[0, 8\] span 8 bytes, but shape \[3\] of float32 needs 12 bytes/,
    );
  });

  test('overlapping offsets', () => {
    const header = `{"a":${entry('[0,8]', '[2]')},"b":${entry('[4,12]', '[2]')}}`;
    expect(() => decodeSafetensors(buildFile(header, new Uint8Array(12)))).toThrow(
      /tensor "b" data_offsets \[4, 12\] overlap tensor "a" \[0, 8\]/,
    );
  });

  test('gap between tensors', () => {
    const header = `{"a":${entry('[0,4]')},"b":${entry('[8,12]')}}`;
    expect(() => decodeSafetensors(buildFile(header, new Uint8Array(12)))).toThrow(
      /tensor "b" data_offsets start at 8, leaving a gap after byte 4/,
    );
  });

  test('gap before the first tensor', () => {
    const header = `{"a":${entry('[4,8]')}}`;
    expect(() => decodeSafetensors(buildFile(header, new Uint8Array(8)))).toThrow(
      /tensor "a" data_offsets start at 4, leaving a gap after byte 0/,
    );
  });

  test('trailing bytes after the last tensor', () => {
    const header = `{"a":${entry('[0,4]')}}`;
    expect(() => decodeSafetensors(buildFile(header, new Uint8Array(7)))).toThrow(
      /data section is 7 bytes, but the tensors cover only 4; the file has 3 trailing bytes/,
    );
    expect(() => decodeSafetensors(buildFile('{}', new Uint8Array(1)))).toThrow(/1 trailing bytes/);
  });

  test('tensor entry not an object or with unknown fields', () => {
    expect(() => decodeSafetensors(buildFile('{"w":[0,4]}', oneFloat))).toThrow(
      /tensor "w" must be an object with dtype, shape and data_offsets, got \[0,4\]/,
    );
    const extra = '{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"scale":2}}';
    expect(() => decodeSafetensors(buildFile(extra, oneFloat))).toThrow(/tensor "w" has unknown field "scale"/);
  });
});

// Checks that files from encodeSafetensors load outside this project: in the `safetensors` Python
// package when it is installed, and in an independent reader that uses only Python's json and struct.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import { encodeSafetensors } from '../../src/checkpoint/safetensors.js';

function pythonCan(code: string): boolean {
  const result = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  return result.status === 0;
}

const hasPython = pythonCan('import json, struct');
const hasSafetensorsPackage = hasPython && pythonCan('import safetensors, numpy');

const folder = mkdtempSync(join(tmpdir(), 'pixelgan-safetensors-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const tensors = [
  { name: 'd.weight', shape: [2, 3], data: new Float32Array([0.5, -1, 2.25, 3, -4.5, 1e-3]) },
  { name: 'd.bias', shape: [2], data: new Float32Array([7, -8]) },
  { name: 'empty', shape: [0], data: new Float32Array(0) },
  { name: 'scalar', shape: [], data: new Float32Array([42]) },
];
const metadata = { format: 'pt', step: '10' };

function writeFixture(name: string): string {
  const path = join(folder, name);
  writeFileSync(path, encodeSafetensors(tensors, metadata));
  return path;
}

function runPython(script: string, path: string): unknown {
  const result = spawnSync('python3', ['-c', script, path], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

function expectedTensors(): Record<string, { shape: number[]; values: number[] }> {
  const expected: Record<string, { shape: number[]; values: number[] }> = {};
  for (const tensor of tensors) {
    expected[tensor.name] = { shape: tensor.shape, values: Array.from(tensor.data) };
  }
  return expected;
}

// Reads the layout with nothing but the standard library and fails on any deviation from the format.
const LAYOUT_READER = `
import json, struct, sys
blob = open(sys.argv[1], "rb").read()
(n,) = struct.unpack("<Q", blob[:8])
assert n % 8 == 0, "header length %d is not a multiple of 8" % n
text = blob[8:8 + n].decode("utf-8")
assert text.startswith("{"), "header does not start with {"
assert text == text.rstrip(" ") + " " * (len(text) - len(text.rstrip(" "))), "padding is not spaces"
header = json.loads(text)
data = blob[8 + n:]
metadata = header.pop("__metadata__", {})
out = {}
end = 0
for name, info in sorted(header.items(), key=lambda item: item[1]["data_offsets"]):
    begin, stop = info["data_offsets"]
    assert begin == end, "tensor %s starts at %d, expected %d" % (name, begin, end)
    assert info["dtype"] == "F32"
    count = 1
    for dim in info["shape"]:
        count *= dim
    assert stop - begin == 4 * count
    out[name] = {"shape": info["shape"], "values": list(struct.unpack("<%df" % count, data[begin:stop]))}
    end = stop
assert end == len(data), "data section has %d bytes, tensors cover %d" % (len(data), end)
print(json.dumps({"metadata": metadata, "tensors": out}))
`;

const PACKAGE_READER = `
import json, sys
from safetensors import safe_open
out = {}
with safe_open(sys.argv[1], framework="numpy") as f:
    metadata = f.metadata()
    for name in f.keys():
        array = f.get_tensor(name)
        assert str(array.dtype) == "float32"
        out[name] = {"shape": list(array.shape), "values": [float(v) for v in array.reshape(-1)]}
print(json.dumps({"metadata": metadata, "tensors": out}))
`;

describe('safetensors files read from Python', () => {
  const layoutName = hasPython ? 'standard-library reader' : 'standard-library reader (skipped: python3 not found)';
  test.skipIf(!hasPython)(layoutName, () => {
    const result = runPython(LAYOUT_READER, writeFixture('layout.safetensors'));
    expect(result).toEqual({ metadata, tensors: expectedTensors() });
  });

  const packageName = hasSafetensorsPackage
    ? 'safetensors package safe_open'
    : 'safetensors package safe_open (skipped: python3 safetensors or numpy not installed)';
  test.skipIf(!hasSafetensorsPackage)(packageName, () => {
    const result = runPython(PACKAGE_READER, writeFixture('package.safetensors'));
    expect(result).toEqual({ metadata, tensors: expectedTensors() });
  });
});

// Encodes JPEG fixtures with jpeg-js and adds EXIF orientation segments.
import jpeg from 'jpeg-js';

/** Encodes a width x height image whose left half is red and right half is blue, at quality 100. */
export function encodeRedBlueJpeg(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const left = x < width / 2;
      data[i] = left ? 255 : 0;
      data[i + 2] = left ? 0 : 255;
      data[i + 3] = 255;
    }
  }
  return jpeg.encode({ width, height, data }, 100).data;
}

/**
 * Returns `jpegBytes` with an APP1 EXIF segment after the start marker whose TIFF data has one
 * IFD entry: Orientation (tag 0x0112, type SHORT) = `orientation`.
 */
export function withExifOrientation(jpegBytes: Buffer, orientation: number, littleEndian = false): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  const u16 = (value: number, offset: number) => (littleEndian ? tiff.writeUInt16LE(value, offset) : tiff.writeUInt16BE(value, offset));
  const u32 = (value: number, offset: number) => (littleEndian ? tiff.writeUInt32LE(value, offset) : tiff.writeUInt32BE(value, offset));
  tiff.write(littleEndian ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4); // first IFD right after the header
  u16(1, 8); // one entry
  u16(0x0112, 10); // Orientation
  u16(3, 12); // SHORT
  u32(1, 14); // one value
  u16(orientation, 18);
  u32(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(payload.length + 2, 2); // the length counts itself
  return Buffer.concat([jpegBytes.subarray(0, 2), segment, payload, jpegBytes.subarray(2)]);
}

// Browser-safe: this folder imports nothing from Node, so a browser page can run the same
// pipeline on pixels decoded by a canvas.

/**
 * Decoded image as straight (not premultiplied) RGBA samples, 4 per pixel, row-major:
 * sample c of pixel (x, y) is at index (y * width + x) * 4 + c. Samples are integers in
 * [0, maxValue]: 255 for 8-bit sources (canvas ImageData, JPEG, most PNGs), 65535 for 16-bit
 * PNGs, 2^depth - 1 for 1-, 2- and 4-bit grayscale PNGs. Grayscale and palette images arrive
 * already expanded to RGBA by their decoders.
 */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray | Uint16Array;
  maxValue: number;
}

// Tiles a batch of float images into one RGBA image, e.g. samples from the generator.
// Browser-safe: no Node imports.

import { createImage, MAX_IMAGE_SIDE_PX, type Rgb, type RgbaImage } from './raster.js';

export interface GridOptions {
  /** Number of images in the batch. */
  count: number;
  /** Width of one image in pixels. */
  width: number;
  /** Height of one image in pixels. */
  height: number;
  /** 1 for grayscale, 3 for RGB. */
  channels: 1 | 3;
  /** Input values mapped to 0 and 255. Values outside are clamped. */
  range: [number, number];
  /** Images per row, by default ceil(sqrt(count)). */
  columns?: number;
  /** Integer upscale factor (nearest neighbour), by default the smallest that makes a cell 64 pixels wide. */
  scale?: number;
  /** Grey border between and around cells in output pixels, by default 1/16 of the cell width. */
  padding?: number;
  /** Draw high values dark and low values light, for ink-intensity data such as the 2x2 toy. */
  inverted?: boolean;
}

/** Smallest cell width in output pixels that the default scale aims for, so 2x2 images stay visible. */
const MIN_DEFAULT_CELL_WIDTH_PX = 64;
/** Default padding is this fraction of the cell width, at least 1 pixel, so tiny images stay apart. */
const DEFAULT_PADDING_PER_CELL_WIDTH = 1 / 16;
const PADDING_GREY: Rgb = [128, 128, 128];
const MAX_BYTE = 255;
const RGBA_CHANNELS = 4;

interface GridLayout {
  columns: number;
  scale: number;
  padding: number;
  cellWidth: number;
  cellHeight: number;
}

/**
 * Renders `images` ([count, height, width, channels], row-major) as a grid of cells.
 * Values are mapped linearly from `range` to 0..255 and clamped.
 * Throws an Error naming the image index when an image contains NaN or an infinity, and naming the
 * option when an option is invalid.
 */
export function renderGrid(images: Float32Array, opts: GridOptions): RgbaImage {
  validateGridInput(images, opts);
  const layout = resolveLayout(opts);
  const rows = Math.ceil(opts.count / layout.columns);
  const outputWidth = layout.columns * (layout.cellWidth + layout.padding) + layout.padding;
  const outputHeight = rows * (layout.cellHeight + layout.padding) + layout.padding;
  checkOutputSize(outputWidth, outputHeight);

  const output = createImage(outputWidth, outputHeight, PADDING_GREY);
  const valuesPerImage = opts.width * opts.height * opts.channels;
  for (let index = 0; index < opts.count; index++) {
    const pixels = images.subarray(index * valuesPerImage, (index + 1) * valuesPerImage);
    const left = layout.padding + (index % layout.columns) * (layout.cellWidth + layout.padding);
    const top = layout.padding + Math.floor(index / layout.columns) * (layout.cellHeight + layout.padding);
    drawCell(output, pixels, index, left, top, opts, layout.scale);
  }
  return output;
}

function validateGridInput(images: Float32Array, opts: GridOptions): void {
  if (!(images instanceof Float32Array)) {
    throw new Error('grid images must be a Float32Array laid out as [count, height, width, channels]');
  }
  requirePositiveInteger(opts.count, 'grid count');
  requirePositiveInteger(opts.width, 'grid width');
  requirePositiveInteger(opts.height, 'grid height');
  if (opts.channels !== 1 && opts.channels !== 3) {
    throw new Error(`grid channels is ${opts.channels}; expected 1 (grayscale) or 3 (RGB)`);
  }
  const expectedLength = opts.count * opts.height * opts.width * opts.channels;
  if (images.length !== expectedLength) {
    throw new Error(
      `grid images have ${images.length} values, but count ${opts.count} x height ${opts.height} x ` +
        `width ${opts.width} x channels ${opts.channels} needs ${expectedLength}`,
    );
  }
  const range = opts.range;
  const validRange =
    Array.isArray(range) && range.length === 2 && Number.isFinite(range[0]) && Number.isFinite(range[1]);
  if (!validRange || range[0] >= range[1]) {
    throw new Error(`grid range is ${JSON.stringify(range)}; expected [low, high] with finite low < high`);
  }
}

function resolveLayout(opts: GridOptions): GridLayout {
  const columns = opts.columns ?? Math.ceil(Math.sqrt(opts.count));
  const scale = opts.scale ?? Math.max(1, Math.ceil(MIN_DEFAULT_CELL_WIDTH_PX / opts.width));
  const padding = opts.padding ?? Math.max(1, Math.round(opts.width * scale * DEFAULT_PADDING_PER_CELL_WIDTH));
  requirePositiveInteger(columns, 'grid columns');
  requirePositiveInteger(scale, 'grid scale');
  if (!Number.isInteger(padding) || padding < 0) {
    throw new Error(`grid padding is ${padding}; expected a non-negative integer number of pixels`);
  }
  return { columns, scale, padding, cellWidth: opts.width * scale, cellHeight: opts.height * scale };
}

function checkOutputSize(width: number, height: number): void {
  if (width > MAX_IMAGE_SIDE_PX || height > MAX_IMAGE_SIDE_PX) {
    throw new Error(
      `grid would be ${width}x${height} pixels, more than the maximum of ${MAX_IMAGE_SIDE_PX} per side; ` +
        'lower scale or padding, or change columns',
    );
  }
}

/** Draws one image ([height, width, channels]) with its top-left corner at (left, top). */
function drawCell(
  output: RgbaImage,
  pixels: Float32Array,
  index: number,
  left: number,
  top: number,
  opts: GridOptions,
  scale: number,
): void {
  const [low, high] = opts.range;
  const span = high - low;
  const color = new Uint8Array(3);
  for (let y = 0; y < opts.height; y++) {
    for (let x = 0; x < opts.width; x++) {
      const base = (y * opts.width + x) * opts.channels;
      for (let c = 0; c < 3; c++) {
        const value = pixels[base + (opts.channels === 1 ? 0 : c)];
        if (!Number.isFinite(value)) {
          throw new Error(
            `grid image ${index} contains a non-finite value (${value}) at row ${y}, column ${x}; ` +
              'the model output has diverged or the input is corrupt',
          );
        }
        const unit = Math.min(1, Math.max(0, (value - low) / span));
        color[c] = Math.round((opts.inverted === true ? 1 - unit : unit) * MAX_BYTE);
      }
      fillScaledPixel(output, left + x * scale, top + y * scale, scale, color);
    }
  }
}

function fillScaledPixel(output: RgbaImage, left: number, top: number, scale: number, color: Uint8Array): void {
  for (let row = top; row < top + scale; row++) {
    for (let column = left; column < left + scale; column++) {
      const i = (row * output.width + column) * RGBA_CHANNELS;
      output.rgba[i] = color[0];
      output.rgba[i + 1] = color[1];
      output.rgba[i + 2] = color[2];
    }
  }
}

function requirePositiveInteger(value: number, label: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${label} is ${value}; expected a positive integer`);
  }
}

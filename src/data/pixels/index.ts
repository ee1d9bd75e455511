// Browser entry point for the image pipeline: every module here is free of Node imports, so a
// page can decode an image with a canvas and get exactly the pixels that training in Node uses.
export { centreCrop, centreSquare, type SquareRegion } from './crop.js';
export { SIGNED_RANGE, toSignedRange } from './normalise.js';
export { prepareRgbaImage, prepareSource } from './prepare.js';
export { areaTaps, axisTaps, bilinearTaps, resize, type Taps } from './resize.js';
export type { RgbaImage } from './rgba-image.js';
export { rasterSource, type PixelSource, type Raster } from './source.js';
export { checkBackground, compositedSource, grayToRgb, WHITE, type Rgb } from './to-rgb.js';

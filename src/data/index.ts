// Data loading for Node. The browser-safe pixel pipeline is also exported on its own from
// ./pixels/index.js.
export { loadBundledDataset, bundledDatasetDir } from './bundled.js';
export { CIFAR10_RECORD_BYTES, listCifar10Batches, loadCifar10 } from './cifar10.js';
export { decodeImage } from './decode-image.js';
export { decodeJpeg } from './decode-jpeg.js';
export { decodePng } from './decode-png.js';
export { DatasetError } from './errors.js';
export { loadImageFolder } from './folder.js';
export { readIdxFile, type IdxArray } from './idx.js';
export { UNIT_RANGE, type ImageSet, type SkippedFile } from './image-set.js';
export { IMAGE_EXTENSIONS, listImageFiles, type ImageListing } from './list-images.js';
export { loadDataset, TOY_SPEC } from './load.js';
export { listMnistImageFiles, loadMnist } from './mnist.js';
export type { LoadOptions } from './options.js';
export { SIGNED_RANGE } from './pixels/normalise.js';
export { WHITE, type Rgb } from './pixels/to-rgb.js';
export { DEFAULT_TOY_COUNT, seededRandom, slantedFaces } from './toy.js';

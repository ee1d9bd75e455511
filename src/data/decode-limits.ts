// Limits that keep a hostile or accidental huge image from exhausting memory while decoding.

/**
 * Maximum pixels per image, in megapixels (10^6 pixels). 50 MP admits photos from current
 * 48-50 MP phone and camera sensors, and caps a decoded 8-bit RGBA image at 200 MB.
 */
export const MAX_IMAGE_MEGAPIXELS = 50;

/** Maximum pixels per image, as a count. */
export const MAX_IMAGE_PIXELS = MAX_IMAGE_MEGAPIXELS * 1e6;

/**
 * Memory budget in MB that jpeg-js may allocate for one image. It covers the coefficient blocks
 * of each component (about 4 bytes per pixel per component) plus the RGBA output of a 50 MP image.
 */
export const MAX_JPEG_MEMORY_MB = 1024;

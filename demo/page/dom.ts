// Small DOM helpers shared by the page's panels.

import type { PageImage } from '../protocol.js';

/** Returns the element with `id`, checked to be of `type`. A missing one is a bug in index.html. */
export function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the page has no <${type.name}> with id "${id}"; index.html and the script do not match`);
  return found;
}

/** Draws an RGBA image on a canvas at 1:1, resizing the canvas to fit it. */
export function drawImage(canvas: HTMLCanvasElement, image: PageImage): void {
  if (canvas.width !== image.width || canvas.height !== image.height) {
    canvas.width = image.width;
    canvas.height = image.height;
  }
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('this browser has no 2D canvas to draw images on');
  const pixels = new Uint8ClampedArray(image.rgba.buffer as ArrayBuffer, image.rgba.byteOffset, image.rgba.byteLength);
  context.putImageData(new ImageData(pixels, image.width, image.height), 0, 0);
}

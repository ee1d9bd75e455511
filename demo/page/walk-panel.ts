// The latent walk: a slider between two latent vectors, the image at the slider's position
// and a strip of images along the way.

import type { PageImage, WorkerRequest } from '../protocol.js';
import { drawImage, element } from './dom.js';

export class WalkPanel {
  private readonly slider = element('walk-slider', HTMLInputElement);
  private readonly value = element('walk-value', HTMLOutputElement);
  private readonly image = element('walk-canvas', HTMLCanvasElement);
  private readonly strip = element('walk-strip', HTMLCanvasElement);
  /** Whether a request is on its way. Slider moves meanwhile send one request when it returns. */
  private waiting = false;
  private moved = false;

  constructor(private readonly send: (request: WorkerRequest) => void) {
    this.slider.addEventListener('input', () => {
      this.value.textContent = Number(this.slider.value).toFixed(2);
      if (this.waiting) {
        this.moved = true;
        return;
      }
      this.request();
    });
    element('walk-new', HTMLButtonElement).addEventListener('click', () => send({ type: 'walk-endpoints' }));
  }

  show(image: PageImage, strip: PageImage): void {
    drawImage(this.image, image);
    drawImage(this.strip, strip);
    this.release();
  }

  /** Allows the next request, after an image or an error came back. */
  release(): void {
    this.waiting = false;
    if (this.moved) {
      this.moved = false;
      this.request();
    }
  }

  private request(): void {
    this.waiting = true;
    this.send({ type: 'walk', position: Number(this.slider.value) });
  }
}

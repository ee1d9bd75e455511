// Training speed over a sliding window, so the page shows the current rate and not an
// average over pauses and single steps.

/** Length of the window that images/s is measured over, in milliseconds. */
const WINDOW_MS = 3000;

export class Throughput {
  /** [time in ms, images trained in the chunk that ended then] */
  private samples: [number, number][] = [];
  private windowStart = 0;

  /** Starts a new measurement, e.g. when training starts or resumes. */
  restart(now: number): void {
    this.samples = [];
    this.windowStart = now;
  }

  /** Records `images` trained in the chunk that ended at `now`. */
  record(now: number, images: number): void {
    this.samples.push([now, images]);
    while (this.samples.length > 1 && now - this.samples[0][0] > WINDOW_MS) {
      const [time] = this.samples.shift() as [number, number];
      this.windowStart = time;
    }
  }

  /** Images per second since the window's start, or 0 before the first chunk. */
  imagesPerSecond(now: number): number {
    const images = this.samples.reduce((sum, [, count]) => sum + count, 0);
    const seconds = (now - this.windowStart) / 1000;
    return seconds > 0 ? images / seconds : 0;
  }
}

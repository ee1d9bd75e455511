// The training curves: the history of metric points and its two charts, redrawn at most once
// per frame however fast the points arrive.

import type { MetricPoint } from '../protocol.js';
import { drawChart } from './chart.js';
import { element } from './dom.js';

const D_COLOR = '#d9480f';
const G_COLOR = '#1c7ed6';

export class Curves {
  private readonly lossCanvas = element('loss-chart', HTMLCanvasElement);
  private readonly probabilityCanvas = element('probability-chart', HTMLCanvasElement);
  private steps: number[] = [];
  private lossD: number[] = [];
  private lossG: number[] = [];
  private real: number[] = [];
  private fake: number[] = [];
  private frameRequested = false;

  constructor() {
    window.addEventListener('resize', () => this.requestDraw());
  }

  /** Number of points drawn, for tests and for the page's own checks. */
  get length(): number {
    return this.steps.length;
  }

  add(points: MetricPoint[], reset: boolean): void {
    if (reset) {
      this.steps = [];
      this.lossD = [];
      this.lossG = [];
      this.real = [];
      this.fake = [];
    }
    for (const point of points) {
      this.steps.push(point.step);
      this.lossD.push(point.lossD);
      this.lossG.push(point.lossG);
      this.real.push(point.realProbability);
      this.fake.push(point.fakeProbability);
    }
    this.lossCanvas.dataset.points = String(this.steps.length);
    this.probabilityCanvas.dataset.points = String(this.steps.length);
    this.requestDraw();
  }

  requestDraw(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.draw();
    });
  }

  private draw(): void {
    drawChart(this.lossCanvas, {
      title: 'Losses',
      yLabel: 'loss (BCE)',
      steps: this.steps,
      series: [
        { name: 'loss_D', color: D_COLOR, values: this.lossD },
        { name: 'loss_G', color: G_COLOR, values: this.lossG },
      ],
    });
    drawChart(this.probabilityCanvas, {
      title: 'What D outputs',
      yLabel: 'probability of "real"',
      steps: this.steps,
      yRange: [0, 1],
      series: [
        { name: 'D(x), real images', color: D_COLOR, values: this.real },
        { name: 'D(G(z)), generated', color: G_COLOR, values: this.fake },
      ],
    });
  }
}

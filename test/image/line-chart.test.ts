import { describe, expect, test } from 'vitest';

import {
  computeChartLayout,
  movingAverage,
  renderLineChart,
  type ChartLayout,
  type ChartSeries,
  type LineChartOptions,
} from '../../src/image/line-chart.js';
import type { Rgb, RgbaImage } from '../../src/image/raster.js';

const RED: Rgb = [255, 0, 0];
const BLUE: Rgb = [0, 0, 255];
const OPTS: LineChartOptions = { width: 320, height: 200 };

function hasColor(image: RgbaImage, x: number, y: number, color: Rgb): boolean {
  const i = (y * image.width + x) * 4;
  return image.rgba[i] === color[0] && image.rgba[i + 1] === color[1] && image.rgba[i + 2] === color[2];
}

/** Counts pixels of `color` in plot columns x0..x1 (inclusive). */
function countInPlotColumns(image: RgbaImage, layout: ChartLayout, x0: number, x1: number, color: Rgb): number {
  let count = 0;
  for (let y = layout.plotTop; y < layout.plotTop + layout.plotHeight; y++) {
    for (let x = x0; x <= x1; x++) {
      count += hasColor(image, x, y, color) ? 1 : 0;
    }
  }
  return count;
}

function plotRight(layout: ChartLayout): number {
  return layout.plotLeft + layout.plotWidth - 1;
}

function plotBottom(layout: ChartLayout): number {
  return layout.plotTop + layout.plotHeight - 1;
}

describe('renderLineChart', () => {
  test('rising series runs corner to corner', () => {
    const series: ChartSeries[] = [{ name: 'loss', values: [0, 1], color: RED }];
    const chart = renderLineChart(series, OPTS);
    const layout = computeChartLayout(series, OPTS);

    expect(chart.width).toBe(320);
    expect(chart.height).toBe(200);
    expect(hasColor(chart, layout.plotLeft, plotBottom(layout), RED)).toBe(true);
    expect(hasColor(chart, plotRight(layout), layout.plotTop, RED)).toBe(true);
    // A 1-pixel line drawn with Bresenham sets one pixel per column when it is wider than tall.
    const redPixels = countInPlotColumns(chart, layout, layout.plotLeft, plotRight(layout), RED);
    expect(redPixels).toBe(Math.max(layout.plotWidth, layout.plotHeight));
  });

  test('draws each series in its colour', () => {
    const series: ChartSeries[] = [
      { name: 'g', values: [0, 0, 0], color: RED },
      { name: 'd', values: [1, 1, 1], color: BLUE },
    ];
    const chart = renderLineChart(series, OPTS);
    const layout = computeChartLayout(series, OPTS);
    for (let x = layout.plotLeft; x <= plotRight(layout); x++) {
      expect(hasColor(chart, x, plotBottom(layout), RED), `red at column ${x}`).toBe(true);
      expect(hasColor(chart, x, layout.plotTop, BLUE), `blue at column ${x}`).toBe(true);
    }
  });

  test('NaN and infinity leave a gap', () => {
    const series: ChartSeries[] = [{ name: 'loss', values: [1, 2, NaN, Infinity, 2, 1], color: RED }];
    const chart = renderLineChart(series, OPTS);
    const layout = computeChartLayout(series, OPTS);
    const stepX = (step: number): number => layout.plotLeft + Math.round((step / 5) * (layout.plotWidth - 1));

    expect(countInPlotColumns(chart, layout, stepX(0), stepX(1), RED)).toBeGreaterThan(0);
    expect(countInPlotColumns(chart, layout, stepX(1) + 1, stepX(4) - 1, RED)).toBe(0);
    expect(countInPlotColumns(chart, layout, stepX(4), stepX(5), RED)).toBeGreaterThan(0);
  });

  test('single point drawn as a marker', () => {
    const series: ChartSeries[] = [{ name: 'one', values: [3], color: RED }];
    const chart = renderLineChart(series, OPTS);
    const layout = computeChartLayout(series, OPTS);
    const visible = countInPlotColumns(chart, layout, layout.plotLeft, layout.plotLeft + 1, RED);
    expect(visible).toBeGreaterThan(0);
  });

  test('point between gaps drawn as a marker', () => {
    const series: ChartSeries[] = [{ name: 'loss', values: [NaN, 0, 2, NaN, 1, NaN], color: RED }];
    const chart = renderLineChart(series, OPTS);
    const layout = computeChartLayout(series, OPTS);
    const x = layout.plotLeft + Math.round((4 / 5) * (layout.plotWidth - 1));
    const y = Math.round((layout.plotTop + plotBottom(layout)) / 2);
    expect(hasColor(chart, x, y, RED)).toBe(true);
    expect(hasColor(chart, x - 1, y - 1, RED)).toBe(true);
  });

  test('empty inputs do not throw', () => {
    expect(() => renderLineChart([], OPTS)).not.toThrow();
    expect(() => renderLineChart([{ name: 'none', values: [], color: RED }], OPTS)).not.toThrow();
    const allNaN: ChartSeries[] = [{ name: 'nan', values: [NaN, NaN], color: RED }];
    const chart = renderLineChart(allNaN, OPTS);
    const layout = computeChartLayout(allNaN, OPTS);
    expect(countInPlotColumns(chart, layout, layout.plotLeft, plotRight(layout), RED)).toBe(0);
  });

  test('legend swatch in the series colour', () => {
    const series: ChartSeries[] = [{ name: 'loss', values: [], color: RED }];
    const chart = renderLineChart(series, OPTS);
    const layout = computeChartLayout(series, OPTS);
    let legendPixels = 0;
    for (let y = layout.legendTop; y < chart.height; y++) {
      for (let x = 0; x < chart.width; x++) {
        legendPixels += hasColor(chart, x, y, RED) ? 1 : 0;
      }
    }
    // The swatch is a square as tall as the 5-pixel font at the chart's font scale.
    expect(legendPixels).toBe((5 * layout.fontScale) ** 2);
  });

  test('draws text for labels and title', () => {
    const withTitle = renderLineChart([], { ...OPTS, title: 'LOSS' });
    const without = renderLineChart([], OPTS);
    const layoutWithTitle = computeChartLayout([], { ...OPTS, title: 'LOSS' });
    expect(layoutWithTitle.plotTop).toBeGreaterThan(computeChartLayout([], OPTS).plotTop);
    let darkRows = 0;
    for (let y = 0; y < layoutWithTitle.plotTop - 2; y++) {
      for (let x = 0; x < withTitle.width; x++) {
        darkRows += hasColor(withTitle, x, y, [32, 32, 32]) ? 1 : 0;
      }
    }
    expect(darkRows).toBeGreaterThan(0);
    expect(withTitle.rgba).not.toEqual(without.rgba);
  });

  test('rejects invalid options and series', () => {
    const valid: ChartSeries = { name: 'loss', values: [1], color: RED };
    const cases: [ChartSeries[], LineChartOptions, RegExp][] = [
      [[valid], { width: 0, height: 100 }, /chart width is 0 pixels; expected an integer from 1 to 16384/],
      [[valid], { ...OPTS, smoothingWindow: 0 }, /chart smoothingWindow is 0; expected a positive integer/],
      [[{ ...valid, color: [300, 0, 0] }], OPTS, /chart series 0 \("loss"\) color is \[300,0,0\]/],
      [[{ ...valid, values: ['1'] as unknown as number[] }], OPTS, /chart series 0 \("loss"\) values must be an array of numbers/],
      [[valid], { width: 30, height: 30 }, /chart of 30x30 pixels leaves a .* plot after labels and legend/],
    ];
    for (const [series, opts, message] of cases) {
      expect(() => renderLineChart(series, opts)).toThrow(message);
    }
  });
});

describe('movingAverage', () => {
  test('averages the trailing window', () => {
    expect(movingAverage([1, 3, 5, 7], 2)).toEqual([1, 2, 4, 6]);
    expect(movingAverage([2, 4, 6], 10)).toEqual([2, 3, 4]);
    expect(movingAverage([5], 1)).toEqual([5]);
  });

  test('keeps non-finite values as gaps', () => {
    const result = movingAverage([1, 3, NaN, 5, Infinity, 7], 2);
    expect(result).toEqual([1, 2, NaN, 5, Infinity, 7]);
  });

  test('smoothing changes the drawn line', () => {
    const values = [0, 10, 0, 10, 0, 10, 0, 10];
    const raw = renderLineChart([{ name: 'loss', values, color: RED }], OPTS);
    const smooth = renderLineChart([{ name: 'loss', values, color: RED }], { ...OPTS, smoothingWindow: 2 });
    expect(smooth.rgba).not.toEqual(raw.rgba);
  });
});

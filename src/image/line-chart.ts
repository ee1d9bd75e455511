// Line charts of training curves (losses, discriminator outputs) drawn into an RGBA buffer.
// Text uses the built-in 3x5 bitmap font, so no font library is needed.
// Browser-safe: no Node imports.

import { drawText, GLYPH_HEIGHT_PX, measureText } from './bitmap-font.js';
import {
  createImage,
  drawLine,
  fillRect,
  validateImageSize,
  validateRgb,
  type Rgb,
  type RgbaImage,
} from './raster.js';

export interface ChartSeries {
  /** Legend label, drawn upper-case with characters outside the font shown as "?". */
  name: string;
  /** One value per step. NaN and infinities leave a gap in the line. */
  values: number[];
  color: Rgb;
}

export interface LineChartOptions {
  /** Output width in pixels. */
  width: number;
  /** Output height in pixels. */
  height: number;
  title?: string;
  /** Trailing moving-average window in steps. The default of 1 draws the raw values. */
  smoothingWindow?: number;
}

/** Pixel positions of the parts of a chart. The plot rectangle contains the data lines and no text. */
export interface ChartLayout {
  fontScale: number;
  plotLeft: number;
  plotTop: number;
  plotWidth: number;
  plotHeight: number;
  legendTop: number;
}

const BACKGROUND: Rgb = [255, 255, 255];
const AXIS_COLOR: Rgb = [64, 64, 64];
const GRID_COLOR: Rgb = [228, 228, 228];
const TEXT_COLOR: Rgb = [32, 32, 32];
const MARGIN_PX = 6;
const TICK_LENGTH_PX = 3;
/** Ticks per axis, including both ends. */
const TICK_COUNT = 5;
/** Side of the square drawn for a point without finite neighbours, so it stays visible. */
const ISOLATED_POINT_PX = 3;
/** Chart side in pixels per step of font scale, so labels grow with the chart. */
const PX_PER_FONT_SCALE = 160;
const MIN_PLOT_SIDE_PX = 8;
const LABEL_SIGNIFICANT_DIGITS = 3;

/**
 * Renders `series` as lines over the step index, with axes, min/max labels, an optional title and
 * a legend of colour swatches with the series names.
 * Non-finite values are skipped, which leaves a gap. Series without finite values draw nothing.
 * Throws an Error naming the option or series when an input is invalid or the chart is too small.
 */
export function renderLineChart(series: ChartSeries[], opts: LineChartOptions): RgbaImage {
  const { drawn, low, high, stepCount, yLabels, layout } = prepareChart(series, opts);

  const image = createImage(opts.width, opts.height, BACKGROUND);
  drawAxes(image, layout, yLabels, ['0', String(Math.max(0, stepCount - 1))]);
  if (opts.title) {
    const titleWidth = measureText(opts.title, layout.fontScale).width;
    drawText(image, opts.title, Math.round((opts.width - titleWidth) / 2), MARGIN_PX, TEXT_COLOR, layout.fontScale);
  }

  const toX = (step: number): number =>
    layout.plotLeft + Math.round((step / Math.max(1, stepCount - 1)) * (layout.plotWidth - 1));
  // Halving both sides keeps high - low finite even for values near the float64 maximum.
  const halfSpan = high / 2 - low / 2;
  const plotBottom = layout.plotTop + layout.plotHeight - 1;
  const toY = (value: number): number =>
    plotBottom - Math.round(((value / 2 - low / 2) / halfSpan) * (layout.plotHeight - 1));
  drawn.forEach((values, index) => drawPolyline(image, values, series[index].color, toX, toY));

  drawLegend(image, series, layout);
  return image;
}

/** Computes where the plot, axis labels and legend go, for mapping pixels back to steps and values. */
export function computeChartLayout(series: ChartSeries[], opts: LineChartOptions): ChartLayout {
  return prepareChart(series, opts).layout;
}

interface PreparedChart {
  /** The values to draw for each series, smoothed if requested. */
  drawn: number[][];
  low: number;
  high: number;
  stepCount: number;
  /** Labels for the top and bottom of the value axis. */
  yLabels: [string, string];
  layout: ChartLayout;
}

function prepareChart(series: ChartSeries[], opts: LineChartOptions): PreparedChart {
  validateChartInput(series, opts);
  const window = opts.smoothingWindow ?? 1;
  const drawn = series.map((s) => (window > 1 ? movingAverage(s.values, window) : s.values));
  const [low, high] = valueRange(drawn);
  const stepCount = Math.max(0, ...series.map((s) => s.values.length));
  const yLabels: [string, string] = [formatLabel(high), formatLabel(low)];
  const layout = placeChartParts(series, opts, yLabels);
  return { drawn, low, high, stepCount, yLabels, layout };
}

/**
 * Returns the trailing moving average over `window` steps. A non-finite value stays non-finite so
 * the gap remains visible, and the averages around it use only the finite values in their window.
 */
export function movingAverage(values: number[], window: number): number[] {
  const result: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      result.push(values[i]);
      continue;
    }
    let sum = 0;
    let count = 0;
    for (let j = Math.max(0, i - window + 1); j <= i; j++) {
      if (Number.isFinite(values[j])) {
        sum += values[j];
        count++;
      }
    }
    result.push(sum / count);
  }
  return result;
}

function placeChartParts(series: ChartSeries[], opts: LineChartOptions, yLabels: string[]): ChartLayout {
  const fontScale = Math.max(1, Math.floor(Math.min(opts.width, opts.height) / PX_PER_FONT_SCALE));
  const lineHeight = (GLYPH_HEIGHT_PX + 2) * fontScale;
  const labelWidth = Math.max(0, ...yLabels.map((label) => measureText(label, fontScale).width));
  const legendRows = layoutLegend(series, fontScale, opts.width).rows;

  const plotLeft = MARGIN_PX + labelWidth + TICK_LENGTH_PX + MARGIN_PX;
  const plotTop = opts.title ? MARGIN_PX + lineHeight + MARGIN_PX : MARGIN_PX + Math.ceil(lineHeight / 2);
  const bottomMargin = TICK_LENGTH_PX + MARGIN_PX + lineHeight + MARGIN_PX + legendRows * lineHeight;
  const plotWidth = opts.width - plotLeft - 2 * MARGIN_PX;
  const plotHeight = opts.height - plotTop - bottomMargin;
  if (plotWidth < MIN_PLOT_SIDE_PX || plotHeight < MIN_PLOT_SIDE_PX) {
    throw new Error(
      `chart of ${opts.width}x${opts.height} pixels leaves a ${plotWidth}x${plotHeight} plot after labels ` +
        `and legend; increase width or height so the plot is at least ${MIN_PLOT_SIDE_PX} pixels each way`,
    );
  }
  const legendTop = plotTop + plotHeight + TICK_LENGTH_PX + MARGIN_PX + lineHeight;
  return { fontScale, plotLeft, plotTop, plotWidth, plotHeight, legendTop };
}

function validateChartInput(series: ChartSeries[], opts: LineChartOptions): void {
  validateImageSize(opts.width, opts.height, 'chart');
  const window = opts.smoothingWindow ?? 1;
  if (!Number.isInteger(window) || window < 1) {
    throw new Error(`chart smoothingWindow is ${window}; expected a positive integer number of steps`);
  }
  if (!Array.isArray(series)) {
    throw new Error('chart series must be an array of {name, values, color}');
  }
  series.forEach((s, index) => {
    const label = `chart series ${index}`;
    if (typeof s?.name !== 'string') {
      throw new Error(`${label} name must be a string, got ${typeof s?.name}`);
    }
    if (!Array.isArray(s.values) || !s.values.every((value) => typeof value === 'number')) {
      throw new Error(`${label} ("${s.name}") values must be an array of numbers`);
    }
    validateRgb(s.color, `${label} ("${s.name}") color`);
  });
}

/** Returns [low, high] over the finite values, widened when all are equal, or [0, 1] when there are none. */
function valueRange(seriesValues: number[][]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const values of seriesValues) {
    for (const value of values) {
      if (Number.isFinite(value)) {
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
    }
  }
  if (low > high) {
    return [0, 1];
  }
  if (low === high) {
    const halfHeight = low === 0 ? 1 : Math.abs(low) / 2;
    return [low - halfHeight, high + halfHeight];
  }
  return [low, high];
}

/** Formats an axis label with 3 significant digits, switching to exponent form for very large or small values. */
function formatLabel(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e4 || magnitude < 1e-3)) {
    return value.toExponential(LABEL_SIGNIFICANT_DIGITS - 1);
  }
  return String(Number(value.toPrecision(LABEL_SIGNIFICANT_DIGITS)));
}

function drawAxes(image: RgbaImage, layout: ChartLayout, yLabels: string[], xLabels: string[]): void {
  const { plotLeft, plotTop, plotWidth, plotHeight, fontScale } = layout;
  const plotRight = plotLeft + plotWidth - 1;
  const plotBottom = plotTop + plotHeight - 1;

  for (let tick = 0; tick < TICK_COUNT; tick++) {
    const x = plotLeft + Math.round((tick / (TICK_COUNT - 1)) * (plotWidth - 1));
    const y = plotTop + Math.round((tick / (TICK_COUNT - 1)) * (plotHeight - 1));
    drawLine(image, x, plotTop, x, plotBottom, GRID_COLOR);
    drawLine(image, plotLeft, y, plotRight, y, GRID_COLOR);
    drawLine(image, x, plotBottom + 1, x, plotBottom + TICK_LENGTH_PX, AXIS_COLOR);
    drawLine(image, plotLeft - TICK_LENGTH_PX, y, plotLeft - 1, y, AXIS_COLOR);
  }
  drawLine(image, plotLeft, plotTop, plotLeft, plotBottom, AXIS_COLOR);
  drawLine(image, plotLeft, plotBottom, plotRight, plotBottom, AXIS_COLOR);

  // Labels: maximum value at the top tick, minimum at the bottom tick, first and last step below.
  const halfTextHeight = Math.floor((GLYPH_HEIGHT_PX * fontScale) / 2);
  const labelRight = plotLeft - TICK_LENGTH_PX - MARGIN_PX;
  const [topLabel, bottomLabel] = yLabels;
  const topLabelLeft = labelRight - measureText(topLabel, fontScale).width;
  const bottomLabelLeft = labelRight - measureText(bottomLabel, fontScale).width;
  drawText(image, topLabel, topLabelLeft, plotTop - halfTextHeight, TEXT_COLOR, fontScale);
  drawText(image, bottomLabel, bottomLabelLeft, plotBottom - halfTextHeight, TEXT_COLOR, fontScale);

  const xLabelTop = plotBottom + TICK_LENGTH_PX + MARGIN_PX;
  const [firstStep, lastStep] = xLabels;
  drawText(image, firstStep, plotLeft, xLabelTop, TEXT_COLOR, fontScale);
  drawText(image, lastStep, plotRight + 1 - measureText(lastStep, fontScale).width, xLabelTop, TEXT_COLOR, fontScale);
}

/** Draws line segments between consecutive finite points and a small square for isolated ones. */
function drawPolyline(
  image: RgbaImage,
  values: number[],
  color: Rgb,
  toX: (step: number) => number,
  toY: (value: number) => number,
): void {
  for (let step = 0; step < values.length; step++) {
    if (!Number.isFinite(values[step])) {
      continue;
    }
    const x = toX(step);
    const y = toY(values[step]);
    const previousFinite = step > 0 && Number.isFinite(values[step - 1]);
    const nextFinite = step + 1 < values.length && Number.isFinite(values[step + 1]);
    if (previousFinite) {
      drawLine(image, toX(step - 1), toY(values[step - 1]), x, y, color);
    } else if (!nextFinite) {
      const half = Math.floor(ISOLATED_POINT_PX / 2);
      fillRect(image, x - half, y - half, ISOLATED_POINT_PX, ISOLATED_POINT_PX, color);
    }
  }
}

interface LegendItem {
  x: number;
  row: number;
}

/** Places legend items left to right, wrapping to a new row when the next item would not fit. */
function layoutLegend(
  series: ChartSeries[],
  fontScale: number,
  chartWidth: number,
): { items: LegendItem[]; rows: number } {
  const swatch = GLYPH_HEIGHT_PX * fontScale;
  const gap = 2 * fontScale;
  const itemGap = 4 * MARGIN_PX;
  const items: LegendItem[] = [];
  let x = MARGIN_PX;
  let row = 0;
  for (const s of series) {
    const itemWidth = swatch + gap + measureText(s.name, fontScale).width;
    if (x > MARGIN_PX && x + itemWidth > chartWidth - MARGIN_PX) {
      row++;
      x = MARGIN_PX;
    }
    items.push({ x, row });
    x += itemWidth + itemGap;
  }
  return { items, rows: series.length === 0 ? 0 : row + 1 };
}

function drawLegend(image: RgbaImage, series: ChartSeries[], layout: ChartLayout): void {
  const { fontScale, legendTop } = layout;
  const swatch = GLYPH_HEIGHT_PX * fontScale;
  const gap = 2 * fontScale;
  const lineHeight = (GLYPH_HEIGHT_PX + 2) * fontScale;
  const { items } = layoutLegend(series, fontScale, image.width);
  items.forEach((item, index) => {
    const top = legendTop + item.row * lineHeight;
    fillRect(image, item.x, top, swatch, swatch, series[index].color);
    drawText(image, series[index].name, item.x + swatch + gap, top, TEXT_COLOR, fontScale);
  });
}

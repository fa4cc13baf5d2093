/** Embedded charts (builder, chart, options, container info). Edits reach the sheet only through insertChart/updateChart. */
import { isDate } from './format';
import { FakeRange, type RangeSheet, type SheetRange } from './range';
import { enumOf } from './shared';

export const ChartType = enumOf(
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
);

/** A chart's data, kept by the sheet once inserted (a chart object holds a copy). */
export interface ChartData {
  id: number | null;
  type: string;
  ranges: SheetRange[];
  position: [number, number, number, number];
  options: Record<string, unknown>;
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenStrategy: string;
}

export const copyChart = (d: ChartData): ChartData => ({
  ...d,
  options: { ...d.options },
  position: [...d.position],
  ranges: d.ranges.map((x) => ({ sheet: x.sheet, rect: { ...x.rect } })),
});

/** One builder for EmbeddedChartBuilder and its typed variants (asLineChart(), asComboChart(), ...). */
export class FakeEmbeddedChartBuilder {
  readonly _gasType = 'EmbeddedChartBuilder';
  readonly _d: ChartData;
  constructor(
    private readonly _sheet: RangeSheet,
    from?: ChartData,
  ) {
    this._d = from
      ? copyChart(from)
      : {
          id: null,
          type: 'LINE',
          ranges: [],
          position: [1, 1, 0, 0],
          options: {},
          numHeaders: -1,
          transpose: false,
          mergeStrategy: 'MERGE_COLUMNS',
          hiddenStrategy: 'IGNORE_BOTH',
        };
  }
  /** Options are copied (Apps Script serialises them), so later changes by the caller do not leak in. */
  private _opt(key: string, value: unknown) {
    this._d.options[key] = value !== null && typeof value === 'object' && !isDate(value) ? JSON.parse(JSON.stringify(value)) : value;
    return this;
  }
  addRange(range: FakeRange) {
    this._d.ranges.push({ sheet: range._sheet, rect: range._rect() });
    return this;
  }
  removeRange(range: FakeRange) {
    const r = range._rect();
    this._d.ranges = this._d.ranges.filter((x) => !(x.sheet === range._sheet && JSON.stringify(x.rect) === JSON.stringify(r)));
    return this;
  }
  clearRanges() {
    this._d.ranges = [];
    return this;
  }
  getRanges() {
    return this._d.ranges.map((x) => new FakeRange(x.sheet, x.rect));
  }
  setChartType(type: string) {
    this._d.type = String(type);
    return this;
  }
  getChartType() {
    return this._d.type;
  }
  asLineChart() {
    return this.setChartType('LINE');
  }
  asColumnChart() {
    return this.setChartType('COLUMN');
  }
  asComboChart() {
    return this.setChartType('COMBO');
  }
  asBarChart() {
    return this.setChartType('BAR');
  }
  asAreaChart() {
    return this.setChartType('AREA');
  }
  asPieChart() {
    return this.setChartType('PIE');
  }
  asScatterChart() {
    return this.setChartType('SCATTER');
  }
  asHistogramChart() {
    return this.setChartType('HISTOGRAM');
  }
  asTableChart() {
    return this.setChartType('TABLE');
  }
  setPosition(anchorRow: number, anchorCol: number, offsetX: number, offsetY: number) {
    this._d.position = [anchorRow, anchorCol, offsetX, offsetY];
    return this;
  }
  getContainer() {
    return new FakeContainerInfo(this._d.position);
  }
  setOption(option: string, value: unknown) {
    return this._opt(option, value);
  }
  setNumHeaders(headers: number) {
    this._d.numHeaders = headers;
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean) {
    this._d.transpose = transpose;
    return this;
  }
  setMergeStrategy(strategy: string) {
    this._d.mergeStrategy = String(strategy);
    return this;
  }
  setHiddenDimensionStrategy(strategy: string) {
    this._d.hiddenStrategy = String(strategy);
    return this;
  }
  setTitle(title: string) {
    return this._opt('title', title);
  }
  setXAxisTitle(title: string) {
    return this._opt('hAxis.title', title);
  }
  setYAxisTitle(title: string) {
    return this._opt('vAxis.title', title);
  }
  setColors(colors: string[]) {
    return this._opt('colors', [...colors]);
  }
  setLegendPosition(position: string) {
    return this._opt('legend.position', String(position).toLowerCase());
  }
  setBackgroundColor(color: string) {
    return this._opt('backgroundColor', color);
  }
  setStacked() {
    return this._opt('isStacked', true);
  }
  setRange(start: number, end: number) {
    this._opt('vAxis.viewWindow.min', start);
    return this._opt('vAxis.viewWindow.max', end);
  }
  useLogScale() {
    return this._opt('vAxis.logScale', true);
  }
  reverseCategories() {
    return this._opt('hAxis.direction', -1);
  }
  build() {
    return new FakeEmbeddedChart(this._sheet, copyChart(this._d));
  }
}

export class FakeEmbeddedChart {
  readonly _gasType = 'EmbeddedChart';
  constructor(
    readonly _sheet: RangeSheet,
    readonly _d: ChartData,
  ) {}
  getChartId() {
    return this._d.id;
  }
  /** Apps Script's string id of an inserted chart (EmbeddedChart.getId is not in the typings but exists). */
  getId() {
    return this._d.id === null ? null : `u${this._d.id}`;
  }
  getType() {
    return this._d.type;
  }
  getRanges() {
    return this._d.ranges.map((x) => new FakeRange(x.sheet, x.rect));
  }
  getOptions() {
    return new FakeChartOptions(this._d.options);
  }
  getContainerInfo() {
    return new FakeContainerInfo(this._d.position);
  }
  getNumHeaders() {
    return this._d.numHeaders;
  }
  getTransposeRowsAndColumns() {
    return this._d.transpose;
  }
  getMergeStrategy() {
    return this._d.mergeStrategy;
  }
  getHiddenDimensionStrategy() {
    return this._d.hiddenStrategy;
  }
  modify() {
    return new FakeEmbeddedChartBuilder(this._sheet, this._d);
  }
}

export class FakeChartOptions {
  readonly _gasType = 'ChartOptions';
  constructor(private readonly _o: Record<string, unknown>) {}
  get(option: string) {
    return option in this._o ? this._o[option] : null;
  }
  getOrDefault(option: string) {
    return this.get(option);
  }
}

export class FakeContainerInfo {
  readonly _gasType = 'ContainerInfo';
  constructor(private readonly _p: [number, number, number, number]) {}
  getAnchorRow() {
    return this._p[0];
  }
  getAnchorColumn() {
    return this._p[1];
  }
  getOffsetX() {
    return this._p[2];
  }
  getOffsetY() {
    return this._p[3];
  }
}

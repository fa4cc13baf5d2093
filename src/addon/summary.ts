/**
 * The summary sheet a manager reads at a glance: run facts, a table per tier in its colour, a
 * Pareto chart, moves since the last snapshot, the playbook and the rows that were skipped.
 * Values are static (no formulas), so a viewer of a shared sheet sees them as they are.
 * Built as one block and written with a handful of calls, whatever the number of customers.
 */
import { cutLines } from '../pipeline/cutLines';
import type { Lang } from '../engine/types';
import { migrationMatrix } from '../engine/change';
import { normaliseWeights } from '../engine/score';
import { outputHeader, type TieringRun } from '../pipeline/runTiering';
import type { Settings } from '../settings/schema';
import { say, playbookAction } from '../i18n/addon';
import { issueText } from '../i18n/issues';
import { safeValues, TEXT_FORMAT } from './sheetWriting';
import type { History, Snapshot } from './snapshots';
import { createOwnedSheet, ensureRows, findSheetByMetadata, SUMMARY_METADATA_KEY } from './owned';
/** The tier table's columns; the migration matrix may need more (a column per tier, plus Lost). */
const TABLE_WIDTH = 8;
const MAX_SKIPPED_LISTED = 200;
const PARETO_POINTS = 100;
const PARETO_COLUMN_WIDTH = 200;
/** What a tier with no customers shows for its value, average, min and max. */
export const NO_VALUE = '–';

type Value = string | number | null;

class Block {
  constructor(readonly width: number) {}
  readonly values: Value[][] = [];
  readonly backgrounds: (string | null)[][] = [];
  readonly weights: ('bold' | 'normal')[][] = [];
  readonly formats: string[][] = [];

  row(cells: Value[], options: { background?: string; bold?: boolean; formats?: string[] } = {}): number {
    const padded = [...cells, ...new Array(Math.max(0, this.width - cells.length)).fill('')];
    this.values.push(padded);
    this.backgrounds.push(padded.map((_, i) => (options.background && i < Math.max(cells.length, 1) ? options.background : null)));
    this.weights.push(padded.map(() => (options.bold ? 'bold' : 'normal')));
    this.formats.push(padded.map((_, i) => options.formats?.[i] ?? 'General'));
    return this.values.length;
  }

  blank(): void {
    this.row([]);
  }
}

/** The settings used, in words a manager reads: method, cuts and dimensions. */
function methodDescription(settings: Settings, lang: Lang): string {
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  const amounts = (cuts: number[]) => cuts.map((c) => c.toLocaleString('en-US')).join(' / ');
  switch (settings.mode) {
    case 'abc': {
      const { method, cuts } = settings.abc;
      if (method === 'computed') return say(lang, 'methodComputed');
      const key = method === 'pareto' ? 'methodPareto' : method === 'rank' ? 'methodRank' : 'methodThreshold';
      return say(lang, key, { cuts: method === 'threshold' ? amounts(cuts) : cuts.map(pct).join(' / ') });
    }
    case 'score': {
      const shares = normaliseWeights(settings.score.dimensions.map((d) => d.weight));
      const dims = settings.score.dimensions
        .map((d, i) => `${d.column} ${pct(shares[i])}${d.direction === 'lower' ? ' ↓' : ''}`)
        .join(lang === 'zh' ? '，' : ', ');
      const cuts = settings.score.tierMethod === 'rank' ? settings.score.cuts.map(pct).join(' / ') : settings.score.cuts.join(' / ');
      return say(lang, settings.score.tierMethod === 'rank' ? 'methodScoreRank' : 'methodScoreThreshold', { dimensions: dims, cuts });
    }
    case 'rfm':
      // The sidebar saves an unedited rule list as none, so any list here is the user's own.
      return say(lang, 'methodRfm', { segments: say(lang, settings.rfm.rules?.length ? 'rfmOwnRules' : 'rfmNamedSegments') });
    case 'valueGroups': {
      const { mvcShare, mgcShare, mgcPredicted } = settings.valueGroups;
      return (
        say(lang, 'methodValueGroups', { mvc: pct(mvcShare), mgc: pct(mgcShare) }) +
        (mgcPredicted ? say(lang, 'methodMgc', { weeks: settings.predicted.horizon }) : '')
      );
    }
    case 'predicted': {
      const { horizon, discountRate } = settings.predicted;
      const tiers = methodDescription({ ...settings, mode: 'abc' }, lang);
      return say(lang, 'methodPredicted', { weeks: horizon, rate: pct(discountRate), tiers });
    }
  }
}

/** Predicted value: the fitted parameters, the check on later orders and the top tier's customers at risk. */
function modelLines(b: Block, run: TieringRun, lang: Lang): void {
  const model = run.predicted;
  if (!model) return;
  const n = (x: number) => Number(x.toPrecision(4));
  b.row([say(lang, 'modelTitle')], { bold: true });
  const { r, alpha, a, b: beta } = model.bgnbd;
  const { p, q, gamma } = model.gammagamma;
  b.row([say(lang, 'modelParams', { r: n(r), alpha: n(alpha), a: n(a), b: n(beta), p: n(p), q: n(q), gamma: n(gamma) })]);
  const { holdout } = model;
  b.row([
    holdout
      ? say(lang, 'modelHoldout', { weeks: n(holdout.weeks), expected: Math.round(holdout.expected), actual: holdout.actual })
      : say(lang, 'modelNoHoldout'),
  ]);
  for (const w of model.warnings) b.row([issueText(w, lang)]);
  if (model.atRisk.length) {
    b.row([say(lang, 'atRiskTitle'), outputHeader('pAlive', lang), outputHeader('predictedValue', lang)], {
      bold: true,
      background: '#eeeeee',
    });
    for (const c of model.atRisk) b.row([c.id, c.pAlive, c.value], { formats: ['@', '0%', '#,##0.00'] });
  }
  b.blank();
}

const MOVERS_LISTED = 20;

/**
 * The customers that moved up (rising stars to nurture) or down (to win back): biggest moves
 * first (most tiers crossed), then the biggest customers, with their value then and now.
 */
function moversList(
  b: Block,
  run: TieringRun,
  snapshot: Snapshot,
  kind: 'upgrade' | 'downgrade',
  title: string,
  lang: Lang,
  colourOf: Map<string, string>,
): void {
  const position = new Map(run.order.map((label, i) => [label, i]));
  const size = (c: TieringRun['customers'][number]) =>
    Math.abs((position.get(c.previous ?? '') ?? position.size) - (position.get(c.label) ?? position.size));
  const movers = run.customers.filter((c) => c.change === kind).sort((x, y) => size(y) - size(x) || y.value - x.value);
  if (!movers.length) return;
  b.blank();
  b.row([title], { bold: true });
  b.row([say(lang, 'customerId'), say(lang, 'before'), say(lang, 'now'), say(lang, 'valueThen'), say(lang, 'valueNow')], {
    bold: true,
    background: '#eeeeee',
  });
  for (const c of movers.slice(0, MOVERS_LISTED)) {
    const then = snapshot.figures.get(c.id)?.value ?? null;
    b.row([c.id, c.previous ?? '', c.label, then, c.value], { formats: ['@', '@', '@', '#,##0.00', '#,##0.00'] });
    const row = b.backgrounds.length - 1;
    b.backgrounds[row][1] = colourOf.get(c.previous ?? '') ?? null;
    b.backgrounds[row][2] = colourOf.get(c.label) ?? null;
  }
  if (movers.length > MOVERS_LISTED) b.row([say(lang, 'moreCustomers', { count: movers.length - MOVERS_LISTED })]);
}

/** A per-tier table (customers, value, shares, average, min, max) in the tiers' colours; returns each tier's row. */
function tierTable(b: Block, summary: TieringRun['summary'], hasValue: boolean, lang: Lang): { row: number; label: string }[] {
  const money = '#,##0.00';
  const pct = '0.0%';
  b.row(
    [
      say(lang, 'tierHeader'),
      say(lang, 'customers'),
      say(lang, 'shareOfCustomers'),
      say(lang, 'value'),
      say(lang, 'shareOfValue'),
      say(lang, 'average'),
      say(lang, 'min'),
      say(lang, 'max'),
    ],
    { bold: true, background: '#eeeeee' },
  );
  const tierRows: { row: number; label: string }[] = [];
  for (const r of summary) {
    // Without a value column only the counts mean anything; a tier with no customers has no
    // value, average, min or max, so it shows a dash (plain text) rather than 0.00.
    const empty = !r.customers;
    const valueOrBlank = (x: number) => (!hasValue ? null : empty ? NO_VALUE : x);
    const valueFormat = (format: string) => (empty && hasValue ? TEXT_FORMAT : format);
    const row = b.row(
      [
        r.label,
        r.customers,
        r.customerShare,
        valueOrBlank(r.value),
        valueOrBlank(r.valueShare),
        valueOrBlank(r.average),
        valueOrBlank(r.min),
        valueOrBlank(r.max),
      ],
      {
        background: r.colour,
        formats: ['@', '0', pct, ...[money, pct, money, money, money].map(valueFormat)],
      },
    );
    tierRows.push({ row, label: r.label });
  }
  b.blank();
  return tierRows;
}

/** Writes (or refreshes) the summary sheet; returns its name. */
export function writeSummary(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  run: TieringRun,
  history: History,
  lang: Lang,
  /** Where each tier's first customer is on the customer list (a link target such as "#gid=…&range=A5"). */
  linkOf: ReadonlyMap<string, string> = new Map(),
): string {
  const b = new Block(Math.max(TABLE_WIDTH, run.order.length + 2));
  const colourOf = new Map(run.summary.map((r) => [r.label, r.colour]));
  b.row([say(lang, 'summaryTitle')], { bold: true });
  // Everything below is replaced on each run; the playbook lives in the settings.
  b.row([say(lang, 'summaryRewritten')]);
  b.row([say(lang, 'ranAt'), Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), 'yyyy-MM-dd HH:mm')]);
  // Monthly re-tiering: when the last snapshot was taken, and whether this month's is still to do.
  const lastDate = history.savedNow ?? history.last?.date;
  if (lastDate) {
    const due = lastDate.slice(0, 7) < history.today.slice(0, 7);
    b.row([say(lang, due ? 'lastSnapshotDue' : 'lastSnapshot', { date: lastDate })]);
  }
  b.row([say(lang, 'dataSheet'), settings.source.sheetName]);
  b.row([say(lang, 'method'), methodDescription(settings, lang)]);
  b.row([say(lang, 'customersTiered'), run.totals.customers]);
  if (run.hasValue) b.row([say(lang, 'totalValue'), run.totals.value], { formats: ['General', '#,##0.00'] });
  b.blank();
  // Why a customer is in a tier: the cuts in the user's own values (within groups: per group,
  // below), or the segment rules.
  const cuts = run.groups && settings.mode === 'abc' ? [] : cutLines(settings, run.summary, lang);
  if (cuts.length) {
    b.row([say(lang, 'cutsTitle')], { bold: true });
    for (const line of cuts) b.row([line]);
    b.blank();
  }

  const tierRows = tierTable(b, run.summary, run.hasValue, lang);
  // Within groups: the same table for each group, after the overall one, with the group's own cuts.
  for (const group of run.groups ?? []) {
    const title = { column: settings.groupBy, group: group.name || NO_VALUE, count: group.summary.reduce((n, r) => n + r.customers, 0) };
    b.row([say(lang, 'groupTitle', title)], { bold: true });
    if (settings.mode === 'abc') for (const line of cutLines(settings, group.summary, lang)) b.row([line]);
    tierTable(b, group.summary, run.hasValue, lang);
  }
  modelLines(b, run, lang);

  // Moves since the last snapshot, under today's rules.
  const snapshot = history.last;
  if (snapshot) {
    b.row([say(lang, 'migrationTitle', { date: snapshot.date })], { bold: true });
    if (history.ruleMoves !== null) b.row([say(lang, 'rulesChanged', { date: snapshot.date, count: history.ruleMoves })]);
    const current = new Map(run.customers.map((c) => [c.id, c.label]));
    // From where each customer would have been under today's rules.
    const m = migrationMatrix(history.compared, current, run.order);
    b.row([say(lang, 'fromTo'), ...m.tiers, say(lang, 'lostCustomers')], { bold: true, background: '#eeeeee' });
    m.tiers.forEach((from, i) => b.row([from, ...m.counts[i]], { background: colourOf.get(from) }));
    b.row([say(lang, 'newCustomers'), ...m.counts[m.tiers.length]]);
    b.row([
      say(lang, 'upgrades'),
      m.upgrades,
      say(lang, 'downgrades'),
      m.downgrades,
      say(lang, 'newCustomers'),
      m.newCount,
      say(lang, 'lostCustomers'),
      m.lost,
    ]);
    moversList(b, run, snapshot, 'upgrade', say(lang, 'risingStars'), lang, colourOf);
    moversList(b, run, snapshot, 'downgrade', say(lang, 'slipping'), lang, colourOf);
  } else {
    b.row([say(lang, 'noSnapshot')]);
  }
  b.blank();

  b.row([say(lang, 'playbookTitle')], { bold: true });
  b.row([say(lang, 'tierHeader'), say(lang, 'action')], { bold: true, background: '#eeeeee' });
  let playbookRows: { first: number; count: number } | null = null;
  run.order.forEach((label, i) => {
    const key = run.keys[i] ?? label;
    const action = playbookAction(settings.playbook, key, label, i, run.order.length, lang);
    const row = b.row([label, action], { background: colourOf.get(label) });
    playbookRows ??= { first: row, count: 0 };
    playbookRows.count++;
  });
  b.blank();

  b.row([say(lang, 'skippedTitle')], { bold: true });
  if (run.issues.length === 0) {
    b.row([say(lang, 'noSkipped')]);
  } else {
    b.row([say(lang, 'row'), say(lang, 'column'), say(lang, 'problem')], { bold: true, background: '#eeeeee' });
    for (const issue of run.issues.slice(0, MAX_SKIPPED_LISTED)) b.row([issue.row, issue.column ?? '', issue.message]);
    if (run.issues.length > MAX_SKIPPED_LISTED) b.row([say(lang, 'moreSkipped', { count: run.issues.length - MAX_SKIPPED_LISTED })]);
  }

  let sheet = findSheetByMetadata(ss, SUMMARY_METADATA_KEY);
  if (!sheet) sheet = createOwnedSheet(ss, SUMMARY_METADATA_KEY, say(lang, 'summarySheet'));
  sheet.clear();
  // The last run's merged playbook cells may sit where this run writes something else.
  sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns()).breakApart();
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  ensureRows(sheet, b.values.length);
  const range = sheet.getRange(1, 1, b.values.length, b.width);
  range.setNumberFormats(b.formats);
  range.setValues(safeValues(b.values, b.formats));
  range.setBackgrounds(b.backgrounds as string[][]);
  range.setFontWeights(b.weights);
  // Each tier's name links to its first customer on the customer list (one call: the rows are together).
  if (tierRows.length && tierRows.some((t) => linkOf.has(t.label))) {
    const links = tierRows.map((t) => [
      SpreadsheetApp.newRichTextValue()
        .setText(t.label)
        .setLinkUrl(linkOf.get(t.label) ?? null)
        .build(),
    ]);
    sheet.getRange(tierRows[0].row, 1, tierRows.length, 1).setRichTextValues(links);
  }
  sheet.getRange(1, 1).setFontSize(14);
  sheet.setColumnWidth(1, 160);
  sheet.setColumnWidths(2, b.width - 1, 135);
  // A playbook action is a sentence or two: it spans the table's width (one call merges each row
  // across) and wraps there, so a long one grows its row instead of running off the page.
  if (playbookRows) {
    const { first, count } = playbookRows;
    sheet.getRange(first, 2, count, b.width - 1).mergeAcross();
    sheet.getRange(first, 1, count, b.width).setWrap(true).setVerticalAlignment('top');
  }
  writeParetoChart(sheet, run, lang, b.width + 2);
  return sheet.getName();
}

/**
 * The Pareto curve as 101 points (top 0%..100% of customers -> share of value), so the chart and
 * its data stay small for any number of customers.
 */
function writeParetoChart(sheet: GoogleAppsScript.Spreadsheet.Sheet, run: TieringRun, lang: Lang, col: number): void {
  const values = run.customers.map((c) => c.value).sort((a, b) => b - a);
  const total = values.reduce((s, v) => s + v, 0);
  if (!values.length || total <= 0) return;
  const cumulative = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) cumulative[i + 1] = cumulative[i] + values[i];
  const rows: (string | number)[][] = [[say(lang, 'topCustomers'), say(lang, 'cumulativeValue')]];
  for (let p = 0; p <= PARETO_POINTS; p++) {
    const k = Math.round((p / PARETO_POINTS) * values.length);
    rows.push([p / PARETO_POINTS, cumulative[k] / total]);
  }
  const data = sheet.getRange(1, col, rows.length, 2);
  data.setValues(rows);
  sheet.getRange(2, col, rows.length - 1, 2).setNumberFormat('0%');
  sheet.getRange(1, col, 1, 2).setFontWeight('bold');
  // Wide enough for the headers, so the chart's data reads on its own (and in an XLSX copy).
  sheet.setColumnWidths(col, 2, PARETO_COLUMN_WIDTH);
  const chart = sheet
    .newChart()
    .setChartType(Charts.ChartType.LINE)
    .addRange(data)
    .setNumHeaders(1)
    .setPosition(2, col + 3, 0, 0)
    // The share of customers is the x axis, not a second line.
    .setOption('useFirstColumnAsDomain', true)
    .setOption('title', say(lang, 'paretoTitle'))
    .setOption('legend', { position: 'none' })
    .setOption('hAxis', { title: say(lang, 'topCustomers'), format: 'percent' })
    // Sheets ignores a title in 'vAxis' for embedded charts; 'vAxes' keeps it.
    .setOption('vAxes', { 0: { title: say(lang, 'cumulativeValue'), format: 'percent', viewWindow: { min: 0, max: 1 } } })
    .build();
  sheet.insertChart(chart);
}

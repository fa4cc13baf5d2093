/**
 * The sheet formulas. Each takes whole columns and returns one row per input row, so a
 * 100,000-row column is one call. Thin: argument reading here, all logic in src/engine.
 *
 * What a row shows (one cell per row, so one thing): blank when every input cell of the row is
 * blank; "⚠ <argument>: <reason>" when any of its cells cannot be read (the row is then left out
 * of the ranking, so a typo never shifts other customers' tiers); else its result; and a row
 * without a result says why ("⚠ No value group: ..."). Notes that do not stop a result (a blank
 * cost counted as 0) are not shown: the menu run lists them.
 */
import type { Cell, Lang, RowIssue } from '../engine/types';
import { issueText, type IssueDetail } from '../i18n/issues';
import { isDateColumn, parseAmount, parseAmountColumn, parseDateColumn, parseDate } from '../engine/cells';
import { abcTiers, validateAbcOptions, ABC_METHODS, type AbcMethod } from '../engine/abc';
import { weightedScore, type Direction } from '../engine/score';
import { rfmScores, rfmSegments, recencyDaysChecked, type RfmResult } from '../engine/rfm';
import { valueGroups } from '../engine/valueGroups';
import { groupTooSmall, withinGroups } from '../engine/groups';
import { answerKey, answerPoints, type PointsTable } from '../engine/points';
import { rollupOrders } from '../engine/rollup';
import { clvRollup, fitClv, fitPurchases, pAlive, predictClv } from '../engine/clv';
import { knownTierOrder, tierChanges } from '../engine/change';
import { localName, parseLang, VALUE_GROUP_NAMES, RFM_SEGMENT_NAMES, TIER_CHANGE_NAMES } from '../engine/labels';
import {
  ArgumentError,
  columnArg,
  gridArg,
  isBlankCell,
  numberArg,
  numberListArg,
  sameLength,
  singleArg,
  spill,
  stringArg,
  stringListArg,
  type Arg,
} from './args';
import { datesToIso, sheetDates, spreadsheetTimeZone, type SheetDates } from './dates';
import { isDateValue } from './sheetWriting';

type Value = string | number;

/** Per-row notes of one call, applying the rule in the file comment. */
class RowNotes {
  private readonly unreadable: (string[] | null)[];
  private readonly why: (string | null)[];
  private readonly blank: boolean[];

  constructor(
    columns: ReadonlyArray<ReadonlyArray<Cell>>,
    private readonly lang: Lang,
  ) {
    const n = columns[0]?.length ?? 0;
    this.unreadable = new Array(n).fill(null);
    this.why = new Array(n).fill(null);
    this.blank = Array.from({ length: n }, (_, i) => columns.every((c) => isBlankCell(c[i])));
  }

  /** Cells of `argument` that could not be read: their rows are left out and say so. */
  cells(issues: readonly RowIssue[], argument: string): void {
    for (const issue of issues) {
      const text = issueText({ code: 'cell.inArgument', params: { argument, reason: issueText(issue, this.lang) } }, this.lang);
      (this.unreadable[issue.row] ??= []).push(text);
    }
  }

  /** Whether the row has an unreadable cell (to leave it out of the ranking). */
  left(row: number): boolean {
    return this.unreadable[row] !== null;
  }

  /** Nulls the rows with an unreadable cell, so the engine leaves them out. */
  drop<T>(values: (T | null)[]): (T | null)[] {
    return values.map((v, i) => (this.left(i) ? null : v));
  }

  /** The engine's reasons a row has no result. */
  reasons(issues: readonly RowIssue[]): void {
    for (const issue of issues) if (this.why[issue.row] === null) this.why[issue.row] = issueText(issue, this.lang);
  }

  /** What row `i` shows when its result is `value` (null: none). */
  show(i: number, value: Value | null): Value {
    if (this.blank[i]) return '';
    const bad = this.unreadable[i];
    if (bad) return `⚠ ${bad.join(this.lang === 'zh' ? '；' : '; ')}`;
    if (value !== null) return value;
    return this.why[i] === null ? '' : `⚠ ${this.why[i]}`;
  }

  column(values: ReadonlyArray<Value | null>): Value[][] {
    return values.map((v, i) => [this.show(i, v)]);
  }
}

/** Wraps a custom function so that argument errors surface as their message, not a stack trace. */
/** An optional column: absent when not given or given as one blank cell. */
const optionalColumn = (fn: string, name: string, arg: Arg) =>
  arg === undefined || arg === '' || arg === null ? undefined : columnArg(fn, name, arg);

function guarded<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (e) {
      if (e instanceof ArgumentError) throw new Error(e.message);
      throw e;
    }
  };
}

/** Issues of a run on some rows, put back on the rows they came from. */
const onRows = (issues: readonly RowIssue[], rows: readonly number[]): RowIssue[] => issues.map((i) => ({ ...i, row: rows[i.row] }));

type Pick = <V>(column: ReadonlyArray<V>) => V[];

/**
 * The optional trailing `groups` column: `run` on each group's rows alone (as if the group were the
 * whole range); a group with fewer customers than `method` needs (groupTooSmall) shows why instead.
 */
function inGroups<T>(
  fn: string,
  groups: Arg,
  [name, first]: [string, Cell[]],
  notes: RowNotes,
  method: string,
  run: (pick: Pick, rows: number[]) => (T | null)[],
) {
  const cells = optionalColumn(fn, 'groups', groups);
  if (cells) sameLength(fn, { [name]: first, groups: cells });
  return withinGroups(cells, first.length, (pick, rows, group) => {
    const tooSmall = cells && groupTooSmall(group, rows.length, method);
    if (!tooSmall) return run(pick, rows);
    notes.reasons(rows.map((row) => ({ row, ...tooSmall })));
    return rows.map(() => null);
  });
}

export const ABC_TIER = guarded((values: Arg, method?: Arg, cuts?: Arg, labels?: Arg, groups?: Arg) => {
  const fn = 'ABC_TIER';
  const cells = columnArg(fn, 'values', values);
  const methodName = (stringArg(method) ?? 'pareto').toLowerCase();
  if (!ABC_METHODS.includes(methodName as AbcMethod)) {
    throw new ArgumentError(`${fn}: method "${methodName}" is not known; use one of ${ABC_METHODS.join(', ')}.`);
  }
  const options = validateAbcOptions({
    method: methodName as AbcMethod,
    cuts: numberListArg(fn, 'cuts', cuts),
    labels: stringListArg(labels),
  });
  if (!options.ok) throw new ArgumentError(`${fn}: ${issueText(options.issue, 'en')}`);
  const notes = new RowNotes([cells], 'en');
  const parsed = parseAmountColumn(cells, 'values');
  notes.cells(parsed.issues, 'values');
  const tiers = inGroups(fn, groups, ['values', cells], notes, methodName, (pick) => {
    const result = abcTiers(pick(parsed.values), options.value);
    return result.tier.map((t) => (t === null ? null : result.labels[t]));
  });
  return spill(notes.column(tiers), values);
});

export const CUSTOMER_VALUE_GROUP = guarded((values: Arg, cost?: Arg, potential?: Arg, mvcShare?: Arg, language?: Arg, groups?: Arg) => {
  const fn = 'CUSTOMER_VALUE_GROUP';
  const valueCells = columnArg(fn, 'values', values);
  const costCells = optionalColumn(fn, 'cost', cost);
  const potentialCells = optionalColumn(fn, 'potential', potential);
  sameLength(fn, { values: valueCells, cost: costCells, potential: potentialCells });
  const share = numberArg(fn, 'mvc_share', mvcShare);
  if (share !== undefined && !(share > 0 && share < 1))
    throw new ArgumentError(`${fn}: mvc_share must be between 0 and 1, such as 0.2; it is ${share}.`);
  const lang = parseLang(stringArg(language));
  const notes = new RowNotes(
    [valueCells, costCells ?? [], potentialCells ?? []].filter((c) => c.length),
    lang,
  );
  const read = (cells: Cell[] | undefined, name: string) => {
    if (!cells) return undefined;
    const parsed = parseAmountColumn(cells, name);
    notes.cells(parsed.issues, name);
    return parsed.values;
  };
  const v = read(valueCells, 'values')!;
  const c = read(costCells, 'cost');
  const p = read(potentialCells, 'potential');
  const value = notes.drop(v);
  const found = inGroups(fn, groups, ['values', valueCells], notes, 'valueGroups', (pick, rows) => {
    const result = valueGroups({ value: pick(value), costToServe: c && pick(c), potential: p && pick(p) }, { mvcShare: share });
    notes.reasons(onRows(result.issues, rows));
    return result.group;
  });
  return spill(notes.column(found.map((g) => (g === null ? null : localName(VALUE_GROUP_NAMES, g, lang)))), values);
});

/**
 * TIER_SCORE's points tables: a range of answer/points rows (for every column with an answer in
 * it) or column/answer/points rows; answer "*" gives points to any other answer; a row without
 * points lists nothing; a first row with text for points is the range's header.
 */
function pointsArg(fn: string, arg: Arg, columns: Cell[][]): (PointsTable | undefined)[] {
  const tables: (PointsTable | undefined)[] = columns.map(() => undefined);
  if (arg === undefined || arg === null || arg === '') return tables;
  const grid = gridArg(fn, 'points', arg);
  const width = grid[0]?.length ?? 0;
  if (width !== 2 && width !== 3)
    throw new ArgumentError(`${fn}: points takes answer/points or column/answer/points rows, such as {"AAA",100;"AA",80}.`);
  const byColumn = new Map<number, { answers: Record<string, number>; other?: number }>();
  grid.forEach((row, i) => {
    const [column, answer, raw] = width === 3 ? row : [0, ...row];
    if ((isBlankCell(answer) && isBlankCell(raw)) || (i === 0 && parseAmount(raw).kind === 'invalid')) return;
    const points = numberListArg(fn, 'points', [[raw]])?.[0];
    if (points === undefined) return; // no points: not listed
    const j = Number(column);
    if (width === 3 && !(j >= 1 && j <= columns.length))
      throw new ArgumentError(`${fn}: points names column ${String(column)}; use 1 to ${columns.length}.`);
    const table = byColumn.get(j) ?? byColumn.set(j, { answers: {} }).get(j)!;
    if (String(answer).trim() === '*') table.other = points;
    else if (Object.keys(table.answers).some((listed) => answerKey(listed) === answerKey(answer)))
      throw new ArgumentError(`${fn}: points lists "${answer}" twice (answers match ignoring case and spaces); keep one line.`);
    else table.answers[String(answer)] = points;
  });
  for (const [j, table] of byColumn) {
    const keys = new Set(Object.keys(table.answers).map(answerKey));
    columns.forEach((cells, c) => {
      if (j ? j === c + 1 : cells.some((x) => keys.has(answerKey(x)))) tables[c] = table;
    });
  }
  return tables;
}

export const TIER_SCORE = guarded((dimensions: Arg, weights: Arg, directions?: Arg, normalisation?: Arg, points?: Arg, groups?: Arg) => {
  const fn = 'TIER_SCORE';
  const grid = gridArg(fn, 'dimensions', dimensions);
  const columns = grid.length ? grid[0].length : 0;
  const w = numberListArg(fn, 'weights', weights);
  if (!w || w.length !== columns) {
    throw new ArgumentError(
      `${fn}: weights has ${w?.length ?? 0} numbers but dimensions has ${columns} columns; give one weight per column, such as {0.5,0.3,0.2} (or {0,5;0,3;0,2}).`,
    );
  }
  const dirs = stringListArg(directions) ?? [];
  if (dirs.length && dirs.length !== columns)
    throw new ArgumentError(`${fn}: directions has ${dirs.length} entries but dimensions has ${columns} columns.`);
  const mode = (stringArg(normalisation) ?? 'percentile').toLowerCase();
  if (mode !== 'percentile' && mode !== 'minmax')
    throw new ArgumentError(`${fn}: normalisation "${mode}" is not known; use percentile or minmax.`);
  const cellColumns = w.map((_, j) => grid.map((row) => row[j]));
  const notes = new RowNotes(cellColumns, 'en');
  const tables = pointsArg(fn, points, cellColumns);
  const parsed = cellColumns.map((cells, j) => {
    const dir = (dirs[j] ?? 'higher').toLowerCase();
    if (dir !== 'higher' && dir !== 'lower')
      throw new ArgumentError(`${fn}: direction "${dirs[j]}" of column ${j + 1} is not known; use higher or lower.`);
    const table = tables[j];
    // Answers: blank or unlisted ones score the row without this column (the row shows nothing of it).
    const answered = table && answerPoints(cells, table);
    const p = answered ?? parseAmountColumn(cells, `column ${j + 1}`);
    // An answer the table gives no points is why its row may have no score (blank answers are blank rows).
    if (table) notes.reasons(p.issues.filter((issue) => issue.code === 'points.unknownAnswer'));
    else notes.cells(p.issues, `dimensions column ${j + 1}`);
    return { name: `column ${j + 1}`, values: notes.drop(p.values), weight: w[j], direction: dir as Direction, scale: answered?.scale };
  });
  const scores = inGroups(fn, groups, ['dimensions', cellColumns[0]], notes, mode, (pick, rows) => {
    const result = weightedScore(
      parsed.map((d) => ({ ...d, values: pick(d.values) })),
      mode,
    );
    notes.reasons(onRows(result.issues, rows));
    return result.score;
  });
  return notes.column(scores.map((s) => (s === null ? null : Math.round(s * 100) / 100)));
});

/** Date cells as ISO text in the spreadsheet's time zone (see dates.ts). */
function isoDates(cells: Cell[], dates: SheetDates): Cell[] {
  return cells.some(isDateValue) ? datesToIso([cells], dates)[0] : cells;
}

/**
 * The as_of argument as a serial day. NOW() gives today with a time of day, a sign of a volatile
 * argument, which Sheets never finishes recalculating: say so rather than show "Loading...".
 */
function asOfArg(fn: string, asOf: Arg, dates: SheetDates): number | undefined {
  const raw = singleArg(asOf);
  if (isBlankCell(raw)) return undefined;
  if (isDateValue(raw) && !dates.isMidnight(raw) && dates.toIso(raw) === dates.toIso(new Date())) {
    throw new ArgumentError(
      `${fn}: as_of looks like NOW() or TODAY(); custom functions cannot take them (they recalculate forever). Type a fixed date, such as DATE(2025,6,30) or "2025-06-30".`,
    );
  }
  const parsed = parseDate(isoDates([raw], dates)[0]);
  if (parsed.kind !== 'value') throw new ArgumentError(`${fn}: as_of is not a date; use a fixed date cell or "YYYY-MM-DD".`);
  return parsed.value;
}

/** Recency from either days-since numbers or last-order dates (the column's cells decide). */
function rfmInputs(fn: string, recencyOrDate: Arg, frequency: Arg, monetary: Arg, asOf: Arg, groups: Arg, lang: Lang = 'en') {
  const dates = sheetDates(spreadsheetTimeZone());
  const r = isoDates(columnArg(fn, 'recency_or_last_date', recencyOrDate), dates);
  const f = columnArg(fn, 'frequency', frequency);
  const m = columnArg(fn, 'monetary', monetary);
  sameLength(fn, { recency_or_last_date: r, frequency: f, monetary: m });
  const notes = new RowNotes([r, f, m], lang);
  let recency: (number | null)[];
  if (isDateColumn(r)) {
    const lastDates = parseDateColumn(r, 'recency_or_last_date');
    notes.cells(lastDates.issues, 'recency_or_last_date');
    const checked = recencyDaysChecked(lastDates.values, asOfArg(fn, asOf, dates));
    notes.cells(checked.issues, 'as_of');
    recency = checked.days;
  } else {
    const days = parseAmountColumn(r, 'recency_or_last_date');
    notes.cells(days.issues, 'recency_or_last_date');
    recency = days.values;
  }
  const fq = parseAmountColumn(f, 'frequency');
  const mn = parseAmountColumn(m, 'monetary');
  notes.cells(fq.issues, 'frequency');
  notes.cells(mn.issues, 'monetary');
  const [rd, fd, md] = [recency, fq.values, mn.values].map((x) => notes.drop(x));
  const nulls = () => new Array<null>(r.length).fill(null);
  const scores: RfmResult = { r: nulls(), f: nulls(), m: nulls(), code: nulls(), issues: [] };
  inGroups(fn, groups, ['recency_or_last_date', r], notes, 'rfm', (pick, rows) => {
    const s = rfmScores({ recencyDays: pick(rd), frequency: pick(fd), monetary: pick(md) });
    notes.reasons(onRows(s.issues, rows));
    for (const k of ['r', 'f', 'm', 'code'] as const) rows.forEach((row, i) => (scores[k][row] = s[k][i]));
    return [];
  });
  return { scores, notes, length: r.length };
}

export const RFM_SCORE = guarded((recencyOrLastDate: Arg, frequency: Arg, monetary: Arg, asOf?: Arg, groups?: Arg) => {
  const { scores, notes, length } = rfmInputs('RFM_SCORE', recencyOrLastDate, frequency, monetary, asOf, groups);
  const out: Value[][] = new Array(length);
  for (let i = 0; i < length; i++) {
    const code = scores.code[i];
    out[i] = code === null || notes.left(i) ? [notes.show(i, null), '', '', ''] : [scores.r[i]!, scores.f[i]!, scores.m[i]!, code];
  }
  return spill(out, recencyOrLastDate);
});

export const RFM_SEGMENT = guarded((recencyOrLastDate: Arg, frequency: Arg, monetary: Arg, asOf?: Arg, language?: Arg, groups?: Arg) => {
  const lang = parseLang(stringArg(language));
  const { scores, notes } = rfmInputs('RFM_SEGMENT', recencyOrLastDate, frequency, monetary, asOf, groups, lang);
  const segments = rfmSegments(scores);
  return spill(notes.column(segments.map((s) => (s === null ? null : localName(RFM_SEGMENT_NAMES, s, lang)))), recencyOrLastDate);
});

export const TIER_CHANGE = guarded((previous: Arg, current: Arg, tierOrder?: Arg, language?: Arg) => {
  const fn = 'TIER_CHANGE';
  const prev = columnArg(fn, 'previous', previous);
  const curr = columnArg(fn, 'current', current);
  sameLength(fn, { previous: prev, current: curr });
  const lang = parseLang(stringArg(language));
  const text = (c: Cell) => (isBlankCell(c) ? null : String(c).trim());
  const p = prev.map(text);
  const c = curr.map(text);
  // Without tier_order, only a known order (A, B, C...; value groups; RFM segments) says up or down.
  const result = tierChanges(p, c, stringListArg(tierOrder) ?? knownTierOrder([...p, ...c]));
  const notes = new RowNotes([prev, curr], lang);
  notes.reasons(result.issues);
  return spill(notes.column(result.changes.map((k) => (k === null ? null : localName(TIER_CHANGE_NAMES, k, lang)))), previous);
});

export const CUSTOMER_ROLLUP = guarded((ids: Arg, dates: Arg, amounts: Arg, asOf?: Arg) => {
  const fn = 'CUSTOMER_ROLLUP';
  const zone = sheetDates(spreadsheetTimeZone());
  const idCells = columnArg(fn, 'ids', ids);
  const dateCells = isoDates(columnArg(fn, 'dates', dates), zone);
  const amountCells = columnArg(fn, 'amounts', amounts);
  sameLength(fn, { ids: idCells, dates: dateCells, amounts: amountCells });
  const asOfDay = asOfArg(fn, asOf, zone);
  const { customers, issues } = rollupOrders(idCells, dateCells, amountCells, asOfDay === undefined ? {} : { asOf: asOfDay });
  const header = ['Customer', 'Total', 'Orders', 'First order', 'Last order', 'Average order', 'Recency days'];
  const blank = (x: number | null) => (x === null ? '' : x);
  const day = (x: number | null) => (x === null ? '' : zone.toDate(x));
  const rows: (string | number | Date)[][] = customers.map((c) => [
    c.id,
    c.total,
    c.orders,
    day(c.firstOrder),
    day(c.lastOrder),
    blank(c.averageOrder),
    blank(c.recencyDays),
  ]);
  // Skipped order rows are listed under the table: the output has no row of their own to mark.
  for (const issue of issues) rows.push([`⚠ order ${issue.row + 1}: ${issueText(issue, 'en')}`, '', '', '', '', '', '']);
  return [header, ...rows];
});

/** The orders of CUSTOMER_CLV and P_ALIVE rolled up for the models (weeks), with unreadable rows listed as rows under the table. */
function clvOrders(fn: string, ids: Arg, dates: Arg, amounts: Arg | undefined, asOf: Arg) {
  const zone = sheetDates(spreadsheetTimeZone());
  const idCells = columnArg(fn, 'ids', ids);
  const dateCells = isoDates(columnArg(fn, 'dates', dates), zone);
  // P_ALIVE counts purchases only: every row is one (an amount of 0 counts as a purchase).
  const amountCells = amounts === undefined ? idCells.map(() => 0) : columnArg(fn, 'amounts', amounts);
  sameLength(fn, { ids: idCells, dates: dateCells, amounts: amountCells });
  const rolled = clvRollup(idCells, dateCells, amountCells, { asOf: asOfArg(fn, asOf, zone) });
  const notes = rolled.issues.map((issue) => `⚠ order ${issue.row + 1}: ${issueText(issue, 'en')}`);
  return { ...rolled, notes };
}

/** A fit that cannot be made fails the whole formula with its reason. */
function fitted<T extends object>(fn: string, model: T | IssueDetail): T {
  if ('code' in model) throw new ArgumentError(`${fn}: ${issueText(model as IssueDetail, 'en')}`);
  return model;
}

/** The table rows with notes (one cell each) under them, as wide as the header. */
const withNotes = (header: string[], rows: (string | number)[][], notes: string[]) => [
  header,
  ...rows,
  ...notes.map((n) => [n, ...header.slice(1).map(() => '')]),
];

export const CUSTOMER_CLV = guarded((ids: Arg, dates: Arg, amounts: Arg, horizon?: Arg, asOf?: Arg, discountRate?: Arg) => {
  const fn = 'CUSTOMER_CLV';
  const weeks = numberArg(fn, 'horizon', horizon) ?? 39;
  if (!(weeks > 0 && weeks <= 1e4)) throw new ArgumentError(`${fn}: horizon must be weeks above 0, such as 39.`);
  const rate = numberArg(fn, 'discount_rate', discountRate) ?? 0.01;
  if (!(rate >= 0 && rate < 1)) throw new ArgumentError(`${fn}: discount_rate must be a monthly rate from 0 to 1, such as 0.01.`);
  const { customers, notes } = clvOrders(fn, ids, dates, amounts, asOf);
  const model = fitted(fn, fitClv(customers));
  const rows = customers.map((c) => {
    const p = predictClv(model, c, { horizon: weeks, discountRate: rate });
    return p
      ? [c.id, p.pAlive, p.expectedPurchases, p.expectedAverageOrder, p.clv]
      : [c.id, `⚠ ${issueText({ code: 'clv.noPurchase' }, 'en')}`, '', '', ''];
  });
  const warnings = model.warnings.map((w) => `⚠ ${issueText(w, 'en')}`);
  return withNotes(['Customer', 'P(alive)', 'Expected purchases', 'Expected average order', 'CLV'], rows, [...warnings, ...notes]);
});

export const P_ALIVE = guarded((ids: Arg, dates: Arg, asOf?: Arg) => {
  const fn = 'P_ALIVE';
  const { customers, notes } = clvOrders(fn, ids, dates, undefined, asOf);
  const { bgnbd } = fitted(fn, fitPurchases(customers));
  return withNotes(
    ['Customer', 'P(alive)'],
    customers.map((c) => [c.id, pAlive(bgnbd, c.x, c.tx, c.T)]),
    notes,
  );
});

/**
 * The sheet formulas. Each takes whole columns and returns one row per input row, so a
 * 100,000-row column is one call. Thin: argument reading here, all logic in src/engine.
 * Blank input rows give blank results; a cell that cannot be read gives a "⚠ ..." note in its row
 * rather than a silent 0 or a failed formula.
 */
import type { Cell, Lang, RowIssue } from '../engine/types';
import { issueText } from '../i18n/issues';
import { parseAmountColumn, parseDateColumn, parseDate } from '../engine/cells';
import { abcTiers, validateAbcOptions, ABC_METHODS, type AbcMethod } from '../engine/abc';
import { weightedScore, type Direction } from '../engine/score';
import { rfmScores, rfmSegments, recencyDays, type RfmResult } from '../engine/rfm';
import { valueGroups } from '../engine/valueGroups';
import { rollupOrders } from '../engine/rollup';
import { tierChanges } from '../engine/change';
import { localName, parseLang, VALUE_GROUP_NAMES, RFM_SEGMENT_NAMES, TIER_CHANGE_NAMES } from '../engine/labels';
import {
  ArgumentError, columnArg, gridArg, numberArg, numberListArg, sameLength, stringArg, stringListArg, toColumn, type Arg,
} from './args';
import { datesToIso, sheetDates, spreadsheetTimeZone, type SheetDates } from './dates';
import { isDateValue } from './sheetWriting';

/** The note a row gets when its cell could not be read. */
function rowNotes(length: number, issues: readonly RowIssue[], lang: Lang = 'en'): (string | null)[] {
  const notes: (string | null)[] = new Array(length).fill(null);
  for (const issue of issues) if (notes[issue.row] === null) notes[issue.row] = `⚠ ${issueText(issue, lang)}`;
  return notes;
}

function withNotes(values: ReadonlyArray<string | number | null>, notes: ReadonlyArray<string | null>): (string | number)[][] {
  return toColumn(values.map((v, i) => (v === null || v === undefined ? notes[i] : v)));
}

/** Wraps a custom function so that argument errors surface as their message, not a stack trace. */
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

export const ABC_TIER = guarded((values: Arg, method?: Arg, cuts?: Arg, labels?: Arg) => {
  const fn = 'ABC_TIER';
  const cells = columnArg(fn, 'values', values);
  const methodName = (stringArg(method) ?? 'pareto').toLowerCase();
  if (!ABC_METHODS.includes(methodName as AbcMethod)) {
    throw new ArgumentError(`${fn}: method "${methodName}" is not known; use one of ${ABC_METHODS.join(', ')}.`);
  }
  const options = validateAbcOptions({ method: methodName as AbcMethod, cuts: numberListArg(fn, 'cuts', cuts), labels: stringListArg(labels) });
  if (!options.ok) throw new ArgumentError(`${fn}: ${options.message}`);
  const parsed = parseAmountColumn(cells, 'values');
  const result = abcTiers(parsed.values, options.value);
  return withNotes(result.tier.map((t) => (t === null ? null : result.labels[t])), rowNotes(cells.length, parsed.issues));
});

export const CUSTOMER_VALUE_GROUP = guarded((values: Arg, cost?: Arg, potential?: Arg, mvcShare?: Arg, language?: Arg) => {
  const fn = 'CUSTOMER_VALUE_GROUP';
  const valueCells = columnArg(fn, 'values', values);
  const costCells = cost === undefined || cost === '' ? undefined : columnArg(fn, 'cost', cost);
  const potentialCells = potential === undefined || potential === '' ? undefined : columnArg(fn, 'potential', potential);
  sameLength(fn, { values: valueCells, cost: costCells, potential: potentialCells });
  const share = numberArg(fn, 'mvc_share', mvcShare);
  if (share !== undefined && !(share > 0 && share < 1)) throw new ArgumentError(`${fn}: mvc_share must be between 0 and 1, such as 0.2; it is ${share}.`);
  const lang = parseLang(stringArg(language));
  const v = parseAmountColumn(valueCells, 'values');
  const c = costCells && parseAmountColumn(costCells, 'cost');
  const p = potentialCells && parseAmountColumn(potentialCells, 'potential');
  const result = valueGroups({ value: v.values, costToServe: c?.values, potential: p?.values }, { mvcShare: share });
  const notes = rowNotes(valueCells.length, [...v.issues, ...(c?.issues ?? []), ...(p?.issues ?? []), ...result.issues], lang);
  return withNotes(result.group.map((g) => (g === null ? null : localName(VALUE_GROUP_NAMES, g, lang))), notes);
});

export const TIER_SCORE = guarded((dimensions: Arg, weights: Arg, directions?: Arg, normalisation?: Arg) => {
  const fn = 'TIER_SCORE';
  const grid = gridArg(fn, 'dimensions', dimensions);
  const columns = grid.length ? grid[0].length : 0;
  const w = numberListArg(fn, 'weights', weights);
  if (!w || w.length !== columns) {
    throw new ArgumentError(`${fn}: weights has ${w?.length ?? 0} numbers but dimensions has ${columns} columns; give one weight per column, such as {0.5,0.3,0.2}.`);
  }
  const dirs = stringListArg(directions) ?? [];
  if (dirs.length && dirs.length !== columns) throw new ArgumentError(`${fn}: directions has ${dirs.length} entries but dimensions has ${columns} columns.`);
  const mode = (stringArg(normalisation) ?? 'percentile').toLowerCase();
  if (mode !== 'percentile' && mode !== 'minmax') throw new ArgumentError(`${fn}: normalisation "${mode}" is not known; use percentile or minmax.`);
  const issues: RowIssue[] = [];
  const dims = w.map((weight, j) => {
    const dir = (dirs[j] ?? 'higher').toLowerCase();
    if (dir !== 'higher' && dir !== 'lower') throw new ArgumentError(`${fn}: direction "${dirs[j]}" of column ${j + 1} is not known; use higher or lower.`);
    const parsed = parseAmountColumn(grid.map((row) => row[j]), `column ${j + 1}`);
    issues.push(...parsed.issues);
    return { name: `column ${j + 1}`, values: parsed.values, weight, direction: dir as Direction };
  });
  const result = weightedScore(dims, mode);
  // Rows with every dimension blank are just empty rows (an open-ended range), not problems.
  const blankRows = new Set(grid.map((row, i) => (row.every((c) => c === '' || c === null || c === undefined) ? i : -1)));
  const notes = rowNotes(grid.length, [...issues, ...result.issues].filter((x) => !blankRows.has(x.row)));
  return withNotes(result.score.map((s) => (s === null ? null : Math.round(s * 100) / 100)), notes);
});

/** Date cells as ISO text in the spreadsheet's time zone (see dates.ts). */
function isoDates(cells: Cell[], dates: SheetDates): Cell[] {
  return cells.some(isDateValue) ? datesToIso([cells], dates)[0] : cells;
}

function asOfArg(fn: string, asOf: Arg, dates: SheetDates): number | undefined {
  if (asOf === undefined || asOf === '' || asOf === null) return undefined;
  const cell = isoDates([(Array.isArray(asOf) ? asOf[0]?.[0] : asOf) as Cell], dates)[0];
  const parsed = parseDate(cell);
  if (parsed.kind !== 'value') throw new ArgumentError(`${fn}: as_of is not a date; use a date cell or "YYYY-MM-DD".`);
  return parsed.value;
}

/** Recency from either days-since numbers or last-order dates; dates need an as-of. */
function rfmInputs(fn: string, recencyOrDate: Arg, frequency: Arg, monetary: Arg, asOf: Arg, lang: Lang = 'en') {
  const dates = sheetDates(spreadsheetTimeZone());
  const r = isoDates(columnArg(fn, 'recency_or_last_date', recencyOrDate), dates);
  const f = columnArg(fn, 'frequency', frequency);
  const m = columnArg(fn, 'monetary', monetary);
  sameLength(fn, { recency_or_last_date: r, frequency: f, monetary: m });
  const looksLikeDates = r.some((c) => typeof c === 'string' && /\d{4}[-/年]\d/.test(c));
  let recency: (number | null)[];
  const issues: RowIssue[] = [];
  if (looksLikeDates) {
    const lastDates = parseDateColumn(r, 'recency_or_last_date');
    issues.push(...lastDates.issues);
    recency = recencyDays(lastDates.values, asOfArg(fn, asOf, dates));
  } else {
    const days = parseAmountColumn(r, 'recency_or_last_date');
    issues.push(...days.issues);
    recency = days.values;
  }
  const fq = parseAmountColumn(f, 'frequency');
  const mn = parseAmountColumn(m, 'monetary');
  issues.push(...fq.issues, ...mn.issues);
  const scores = rfmScores({ recencyDays: recency, frequency: fq.values, monetary: mn.values });
  issues.push(...scores.issues);
  return { scores, notes: rowNotes(r.length, issues, lang), length: r.length };
}

export const RFM_SCORE = guarded((recencyOrLastDate: Arg, frequency: Arg, monetary: Arg, asOf?: Arg) => {
  const { scores, notes, length } = rfmInputs('RFM_SCORE', recencyOrLastDate, frequency, monetary, asOf);
  const out: (string | number)[][] = new Array(length);
  for (let i = 0; i < length; i++) {
    out[i] = scores.code[i] === null ? [notes[i] ?? '', '', '', ''] : [scores.r[i]!, scores.f[i]!, scores.m[i]!, scores.code[i]!];
  }
  return out;
});

export const RFM_SEGMENT = guarded((recencyOrLastDate: Arg, frequency: Arg, monetary: Arg, asOf?: Arg, language?: Arg) => {
  const lang = parseLang(stringArg(language));
  const { scores, notes } = rfmInputs('RFM_SEGMENT', recencyOrLastDate, frequency, monetary, asOf, lang);
  const segments = rfmSegments(scores as RfmResult);
  return withNotes(segments.map((s) => (s === null ? null : localName(RFM_SEGMENT_NAMES, s, lang))), notes);
});

export const TIER_CHANGE = guarded((previous: Arg, current: Arg, tierOrder?: Arg, language?: Arg) => {
  const fn = 'TIER_CHANGE';
  const prev = columnArg(fn, 'previous', previous, { allowSingle: true });
  const curr = columnArg(fn, 'current', current, { allowSingle: true });
  sameLength(fn, { previous: prev, current: curr });
  const lang = parseLang(stringArg(language));
  const text = (c: Cell) => (c === null || c === undefined || String(c).trim() === '' ? null : String(c).trim());
  const p = prev.map(text);
  const c = curr.map(text);
  const order = stringListArg(tierOrder) ?? defaultTierOrder([...p, ...c]);
  const result = tierChanges(p, c, order);
  return withNotes(result.changes.map((k) => (k === null ? null : localName(TIER_CHANGE_NAMES, k, lang))), rowNotes(prev.length, result.issues, lang));
});

/** Without a tier_order, value-group labels are ordered as groups and anything else alphabetically (A before B). */
function defaultTierOrder(labels: (string | null)[]): string[] {
  const present = [...new Set(labels.filter((l): l is string => l !== null))];
  const groups = ['MVC', 'MGC', 'Maintain', 'BZ'];
  if (present.length && present.every((l) => groups.some((g) => g.toLowerCase() === l.toLowerCase()))) return groups;
  return present.sort((a, b) => a.localeCompare(b));
}

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
    c.id, c.total, c.orders, day(c.firstOrder), day(c.lastOrder), blank(c.averageOrder), blank(c.recencyDays),
  ]);
  // Skipped order rows are listed under the table: the output has no row of their own to mark.
  for (const issue of issues) rows.push([`⚠ order ${issue.row + 1}: ${issue.message}`, '', '', '', '', '', '']);
  return [header, ...rows];
});

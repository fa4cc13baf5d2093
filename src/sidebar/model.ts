/**
 * Pure editing rules of the sidebar (no DOM), so they can be tested in Node: every change the form
 * makes to the settings (each takes settings and returns new ones, never changing its input), how
 * cuts are shown and typed, weight shares, the playbook, and which setting a validation error
 * belongs to. The rest of what the sidebar shows (sheets, table, preview, messages) is in state.ts.
 */
import type { Settings, TierSetting, DimensionSetting } from '../settings/schema';
import { MAX_WEIGHT } from '../settings/constants';
import { TIER_COLOURS, applyPreset, validateSettings, type PresetId, type SettingProblem } from '../settings/settings';
import { settingProblemText } from '../i18n/issues';
import { DEFAULT_RFM_SEGMENT_RULES, type RfmSegmentRule } from '../engine/rfm';
import { RFM_SEGMENT_NAMES, type RfmSegment } from '../engine/labels';
import { findHeader, type ColumnSuggestion } from '../settings/columns';
import { answerKey } from '../engine/points';
import type { Lang } from '../engine/types';
import { defaultAction } from '../i18n/addon';
import { t, type UiKey } from '../i18n/ui';

/** How the cuts of the active mode read: shares of value or customers (shown as %), or absolute levels. */
export type CutKind = 'pareto' | 'rank' | 'threshold' | 'scoreThreshold';

/** The kind of cut the active mode uses, or null when it has no editable cuts (computed ABC, RFM, value groups). */
export function cutKind(settings: Settings): CutKind | null {
  if (settings.mode === 'abc' || settings.mode === 'predicted') {
    const m = settings.abc.method;
    return m === 'computed' ? null : m;
  }
  if (settings.mode === 'score') return settings.score.tierMethod === 'rank' ? 'rank' : 'scoreThreshold';
  return null;
}

/** Whether the mode uses the editable tier list (labels and colours). */
export function usesTiers(settings: Settings): boolean {
  return settings.mode === 'abc' || settings.mode === 'score' || settings.mode === 'predicted';
}

const isShare = (kind: CutKind) => kind === 'pareto' || kind === 'rank';

/** The number shown in a cut's input: shares as percentages (0.8 -> 80), levels as they are. */
export function cutToDisplay(kind: CutKind, cut: number): string {
  if (!Number.isFinite(cut)) return '';
  const shown = isShare(kind) ? cut * 100 : cut;
  // Round away float noise such as 0.95 * 100 = 94.99999999999999.
  return String(Math.round(shown * 1e6) / 1e6);
}

/**
 * A cut left empty. Like junk (NaN) it is no number and stops the run, but it is told apart so
 * that its error says "empty" (JSON, and so the engine's message, would show both as "null").
 */
export const BLANK_CUT = Number.NEGATIVE_INFINITY;

/**
 * The cut a typed text means; NaN when it is not a number (BLANK_CUT when empty), so that
 * validation names the cut. Accepts thousands separators and a trailing % sign.
 */
export function displayToCut(kind: CutKind, text: string): number {
  const cleaned = text.replace(/[\s,，%]/g, '');
  if (cleaned === '') return BLANK_CUT;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return NaN;
  const n = Number(cleaned);
  return isShare(kind) ? n / 100 : n;
}

/** Default cuts per kind, top tier first (the same as the presets'). */
export function defaultCuts(kind: CutKind): number[] {
  switch (kind) {
    case 'pareto':
      return [0.8, 0.95];
    case 'rank':
      return [0.05, 0.2];
    case 'threshold':
      return [1_000_000, 500_000];
    case 'scoreThreshold':
      return [85, 70, 55, 40];
  }
}

/** A label not yet used: the next letter after the existing ones (A, B, C -> D). */
export function nextTierLabel(tiers: readonly TierSetting[]): string {
  const used = new Set(tiers.map((tier) => tier.label.trim().toUpperCase()));
  for (let code = 65; code < 91; code++) {
    const letter = String.fromCharCode(code);
    if (!used.has(letter)) return letter;
  }
  return `T${tiers.length + 1}`;
}

function unusedColour(tiers: readonly TierSetting[]): string {
  const used = new Set(tiers.map((tier) => tier.colour.toLowerCase()));
  return TIER_COLOURS.find((c) => !used.has(c)) ?? TIER_COLOURS[tiers.length % TIER_COLOURS.length];
}

/** Keeps the first `count` tiers and appends new ones (next letter, unused colour) as needed. */
export function resizeTiers(tiers: readonly TierSetting[], count: number): TierSetting[] {
  const next = tiers.slice(0, count).map((tier) => ({ ...tier }));
  while (next.length < count) next.push({ label: nextTierLabel(next), colour: unusedColour(next) });
  return next;
}

/** The cuts of the active mode (the score's or ABC's). */
export function activeCutList(settings: Settings): number[] {
  return settings.mode === 'score' ? settings.score.cuts : settings.abc.cuts;
}

function setActiveCuts(settings: Settings, cuts: number[]): void {
  if (settings.mode === 'score') settings.score.cuts = cuts;
  else settings.abc.cuts = cuts;
}

const clone = (settings: Settings): Settings => JSON.parse(JSON.stringify(settings));

/** The most tiers a mode may have. */
export const MAX_TIERS = 10;

/** Adds a tier at the bottom, with a cut between the last cut and the end of the range. */
export function addTier(settings: Settings): Settings {
  const kind = cutKind(settings);
  if (!kind || settings.tiers.length >= MAX_TIERS) return settings;
  const next = clone(settings);
  const cuts = activeCutList(next).slice();
  const last = cuts.length ? cuts[cuts.length - 1] : NaN;
  let cut: number;
  if (isShare(kind)) cut = Number.isFinite(last) ? Math.round(((last + 1) / 2) * 1000) / 1000 : 0.5;
  else cut = Number.isFinite(last) ? Math.round(last / 2) : kind === 'scoreThreshold' ? 50 : 1000;
  cuts.push(cut);
  setActiveCuts(next, cuts);
  next.tiers = resizeTiers(next.tiers, cuts.length + 1);
  return next;
}

/** Removes tier `index` and the cut below it (the one above it for the last tier); at least 2 tiers stay. */
export function removeTier(settings: Settings, index: number): Settings {
  if (!cutKind(settings) || settings.tiers.length <= 2 || index < 0 || index >= settings.tiers.length) return settings;
  const next = clone(settings);
  const cuts = activeCutList(next).slice();
  cuts.splice(Math.min(index, cuts.length - 1), 1);
  setActiveCuts(next, cuts);
  next.tiers.splice(index, 1);
  return next;
}

/**
 * Brings cuts and tiers into agreement after the mode or method changed. `resetCuts`: the method
 * of the active mode changed, and its old cuts mean nothing now (0.8 is a share, not an amount).
 */
export function conformToMethod(settings: Settings, resetCuts: boolean): Settings {
  const next = clone(settings);
  if (next.mode !== 'score' && usesTiers(next) && next.abc.method === 'computed') {
    next.tiers = resizeTiers(next.tiers, 3);
    return next;
  }
  const kind = cutKind(next);
  if (!kind) return next;
  if (resetCuts) setActiveCuts(next, defaultCuts(kind));
  next.tiers = resizeTiers(next.tiers, activeCutList(next).length + 1);
  return next;
}

/** The settings with a weighted score's dimensions seeded from the chosen columns when it has none. */
function withSeededDimensions(settings: Settings): Settings {
  if (settings.mode !== 'score' || settings.score.dimensions.length) return settings;
  return patch(settings, 'score', { dimensions: seedDimensions(settings.source) });
}

/** Another mode: its own cuts kept, the tiers resized to them, a score seeded with dimensions. */
export function setMode(settings: Settings, mode: Settings['mode']): Settings {
  return conformToMethod(withSeededDimensions({ ...settings, mode }), false);
}

/**
 * A preset applied whole (a score preset without dimensions gets seeded ones). Absolute
 * thresholds start from `values` (the customers' values in the preview) when there are some:
 * fixed amounts such as 1,000,000 fit no one's data and may put everybody in the last tier.
 */
export function choosePreset(settings: Settings, preset: PresetId, values?: readonly number[], headers?: readonly string[]): Settings {
  const next = withSeededDimensions(applyPreset(settings, preset, headers));
  const cuts = preset === 'thresholds' && values ? thresholdsFromValues(values) : null;
  return cuts ? patch(next, 'abc', { cuts }) : next;
}

/** The shares of customers (by value, best first) that the top tiers of derived thresholds hold: A the top 20%, B down to 50%. */
export const THRESHOLD_SHARES: readonly number[] = [0.2, 0.5];

/**
 * Thresholds read from the data: the value of the last customer in the top 20% and in the top 50%
 * (THRESHOLD_SHARES), rounded down to 2 significant digits so they read as amounts a person would pick.
 * Null when the values cannot give levels above 0 that strictly decrease (too few customers, ties).
 */
export function thresholdsFromValues(values: readonly number[], shares: readonly number[] = THRESHOLD_SHARES): number[] | null {
  const sorted = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => b - a);
  if (!sorted.length) return null;
  // Rounded down, so that the customer the level is read from still reaches it.
  const roundDown = (n: number) => {
    const magnitude = 10 ** (Math.floor(Math.log10(n)) - 1);
    return Math.floor(Math.round((n / magnitude) * 1e9) / 1e9) * magnitude;
  };
  const cuts = shares.map((share) => roundDown(sorted[Math.max(1, Math.ceil(share * sorted.length)) - 1]));
  return cuts.every((c, i) => c > 0 && (i === 0 || c < cuts[i - 1])) ? cuts : null;
}

/**
 * Another ABC method, with its default cuts. Switching to amounts starts from thresholds that keep
 * today's tiers when `minimums` (the smallest value per tier of the preview; NaN for an empty tier) allow.
 */
export function setAbcMethod(settings: Settings, method: Settings['abc']['method'], minimums?: readonly number[]): Settings {
  const next = conformToMethod(patch(settings, 'abc', { method }), true);
  const cuts = method === 'threshold' && minimums && minimums.length === next.tiers.length ? thresholdsFromTierMinimums(minimums) : null;
  return cuts ? patch(next, 'abc', { cuts }) : next;
}

/** Another way to cut the score into tiers, with its default cuts. */
export function setScoreTierMethod(settings: Settings, tierMethod: Settings['score']['tierMethod']): Settings {
  return conformToMethod(patch(settings, 'score', { tierMethod }), true);
}

/** The settings with fields of one part (source, abc, score, rfm, value groups) changed. */
export function patch<K extends 'source' | 'abc' | 'score' | 'rfm' | 'valueGroups' | 'predicted'>(
  settings: Settings,
  part: K,
  change: Partial<Settings[K]>,
): Settings {
  return { ...settings, [part]: { ...settings[part], ...change } };
}

/** Cut `index` of the active mode as typed (NaN when it is not a number, so that validation names it). */
export function setCut(settings: Settings, index: number, cut: number): Settings {
  const cuts = activeCutList(settings).slice();
  if (index < 0 || index >= cuts.length) return settings;
  cuts[index] = cut;
  return settings.mode === 'score' ? patch(settings, 'score', { cuts }) : patch(settings, 'abc', { cuts });
}

function setTier(settings: Settings, index: number, change: Partial<TierSetting>): Settings {
  if (!settings.tiers[index]) return settings;
  return { ...settings, tiers: settings.tiers.map((tier, i) => (i === index ? { ...tier, ...change } : tier)) };
}

export function setTierColour(settings: Settings, index: number, colour: string): Settings {
  return setTier(settings, index, { colour });
}

/** A new label for tier `index`; the tier's own playbook action follows it to the new label. */
export function setTierLabel(settings: Settings, index: number, label: string): Settings {
  const tier = settings.tiers[index];
  if (!tier) return settings;
  return { ...setTier(settings, index, { label }), playbook: renamePlaybookKey(settings.playbook, tier.label, label) };
}

/** A number rounded to 2 significant digits (123456 -> 120000), for thresholds a person would pick. */
export function roundNicely(n: number): number {
  if (!Number.isFinite(n) || n === 0) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(n))) - 1);
  return Math.round(n / magnitude) * magnitude;
}

/**
 * Absolute thresholds that reproduce the current tiers: the smallest value in each tier but the
 * last, rounded. Null when a tier is empty or the levels would not strictly decrease.
 */
export function thresholdsFromTierMinimums(minimums: readonly number[]): number[] | null {
  const cuts = minimums.slice(0, -1).map(roundNicely);
  if (cuts.length === 0 || cuts.some((c, i) => !(c > 0) || (i > 0 && c >= cuts[i - 1]))) return null;
  return cuts;
}

/** Each dimension's share of the score: its weight over the sum (all 0 when the sum is 0). */
export function weightShares(dimensions: readonly DimensionSetting[]): number[] {
  const total = dimensions.reduce((sum, d) => sum + (Number.isFinite(d.weight) && d.weight > 0 ? d.weight : 0), 0);
  return dimensions.map((d) => (total > 0 && d.weight > 0 ? d.weight / total : 0));
}

/**
 * The per-customer figures an orders list is rolled up to, which a weighted score can use as
 * dimensions (the names runTiering accepts).
 */
export const ORDER_METRICS = ['Total', 'Orders', 'Average order', 'Recency days'] as const;

/**
 * Dimensions to start a weighted score with, from the columns already chosen: value, frequency
 * and potential count for the customer, cost to serve (or days since the last order) against.
 */
export function seedDimensions(source: Settings['source']): DimensionSetting[] {
  if (source.layout === 'orders') {
    return [
      { column: 'Total', weight: 50, direction: 'higher' },
      { column: 'Orders', weight: 30, direction: 'higher' },
      { column: 'Recency days', weight: 20, direction: 'lower' },
    ];
  }
  const dims: DimensionSetting[] = [];
  if (source.valueColumn) dims.push({ column: source.valueColumn, weight: 50, direction: 'higher' });
  if (source.frequencyColumn) dims.push({ column: source.frequencyColumn, weight: 20, direction: 'higher' });
  if (source.potentialColumn) dims.push({ column: source.potentialColumn, weight: 20, direction: 'higher' });
  if (source.costColumn) dims.push({ column: source.costColumn, weight: 10, direction: 'lower' });
  return dims;
}

/** The most dimensions a score may have in the sidebar. */
export const MAX_DIMENSIONS = 12;

/**
 * What a score dimension can name: the rolled-up figures of an orders list, else the sheet's
 * headers (`headers`, blanks left out).
 */
export function dimensionColumns(source: Settings['source'], headers: readonly string[]): string[] {
  // An orders list also offers its other columns (a rating, a region), scored by points per answer.
  const own = [source.idColumn, source.valueColumn, source.dateColumn];
  return source.layout === 'orders' ? [...ORDER_METRICS, ...headers.filter((h) => h && !own.includes(h))] : headers.filter(Boolean);
}

/** A dimension appended on the first of `columns` not used yet (else the first), weight 10, higher is better. */
export function addDimension(settings: Settings, columns: readonly string[]): Settings {
  const used = new Set(settings.score.dimensions.map((d) => d.column));
  const column = columns.find((c) => !used.has(c)) ?? columns[0];
  if (!column || settings.score.dimensions.length >= MAX_DIMENSIONS) return settings;
  return patch(settings, 'score', { dimensions: [...settings.score.dimensions, { column, weight: 10, direction: 'higher' }] });
}

export function removeDimension(settings: Settings, index: number): Settings {
  if (!settings.score.dimensions[index]) return settings;
  return patch(settings, 'score', { dimensions: settings.score.dimensions.filter((_, i) => i !== index) });
}

/** Dimension `index` with its column, weight or direction changed. */
export function setDimension(settings: Settings, index: number, change: Partial<DimensionSetting>): Settings {
  if (!settings.score.dimensions[index]) return settings;
  return patch(settings, 'score', { dimensions: settings.score.dimensions.map((d, i) => (i === index ? { ...d, ...change } : d)) });
}

/** The data columns chosen in the sidebar's pickers. */
export type ColumnKey = 'idColumn' | 'valueColumn' | 'dateColumn' | 'costColumn' | 'potentialColumn' | 'frequencyColumn';

/**
 * Another layout. Score dimensions name sheet columns for a customer list but rolled-up figures
 * for an orders list, so a score starts again from seeded ones.
 */
export function setLayout(settings: Settings, layout: Settings['source']['layout']): Settings {
  const next = patch(settings, 'source', { layout });
  return settings.mode === 'score' ? patch(next, 'score', { dimensions: seedDimensions(next.source) }) : next;
}

/** Spreadsheet column letters of a 1-based column number (28 -> AB). */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A header that is a date (date cells arrive as ISO text) or a number: a value, not a column name. */
const LOOKS_LIKE_VALUE = /^(\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?|[-+]?[\d,.\s]*\d[\d,.\s]*%?)$/;

/**
 * How a column picker shows `header`: as it is, or "Column C (2024-01-01)" when it is a date or a
 * number (a header row below the real one, or a sheet whose first row is data), which would read
 * as a value, not a name. The setting keeps the header text, which is what a run looks columns up by.
 */
export function columnLabel(header: string, headers: readonly string[], lang: Lang): string {
  const index = headers.indexOf(header);
  if (index < 0 || !LOOKS_LIKE_VALUE.test(header)) return header;
  return t(lang, 'data.col.letter', { letter: columnLetter(index + 1), header });
}

/** The server's column suggestion applied to the source settings (sheet and header row unchanged). */
export function applySuggestion(source: Settings['source'], suggestion: ColumnSuggestion): Settings['source'] {
  return {
    ...source,
    layout: suggestion.layout,
    idColumn: suggestion.idColumn,
    valueColumn: suggestion.valueColumn,
    dateColumn: suggestion.dateColumn,
    costColumn: suggestion.costColumn,
    potentialColumn: suggestion.potentialColumn,
    frequencyColumn: suggestion.frequencyColumn,
  };
}

/** An error as the sidebar shows it: beside the setting of `path` ('' for none), in the UI language. */
export interface FieldError {
  path: string;
  text: string;
}

/** Settings problems (data from validation or a run) as the sidebar shows them. */
export function fieldErrors(problems: readonly SettingProblem[], lang: Lang): FieldError[] {
  return problems.map((p) => ({ path: p.path, text: settingProblemText(p, lang) }));
}

/**
 * The most specific field showing errors for an error's path: "score.dimensions.0.weight" goes to
 * that field if the sidebar has it, else to "score.dimensions". Null: show it with the general messages.
 */
export function errorTarget(error: FieldError, fieldPaths: readonly string[]): string | null {
  const { path } = error;
  if (!path) return null;
  let best: string | null = null;
  for (const field of fieldPaths) {
    const matches = path === field || path.startsWith(`${field}.`);
    if (matches && (best === null || field.length > best.length)) best = field;
  }
  return best;
}

/**
 * The problems of the active cuts in the units the sidebar shows them (percent for shares), each
 * on the path of its own box (`abc.cuts.1`): the engine's messages speak of shares (0.99) and
 * name an empty cut "null". The same rules as validateAbcOptions: shares in (0, 100%] rising,
 * amounts and score levels falling. Shown live beside the box, and they stop a save.
 */
export function cutErrors(settings: Settings, lang: Lang): FieldError[] {
  const kind = cutKind(settings);
  if (!kind) return [];
  const share = isShare(kind);
  const number = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 6 });
  const shown = (cut: number) => (share ? `${cutToDisplay(kind, cut)}%` : number.format(cut));
  const cuts = activeCutList(settings);
  const errors: FieldError[] = [];
  cuts.forEach((cut, i) => {
    const n = i + 1;
    const prev = cuts[i - 1];
    let text: string | null = null;
    if (cut === BLANK_CUT) text = t(lang, 'tiers.cutEmpty', { n });
    else if (!Number.isFinite(cut)) text = t(lang, 'tiers.cutNotNumber', { n });
    else if (share && !(cut > 0 && cut <= 1)) text = t(lang, 'tiers.cutShareRange', { n, value: shown(cut) });
    else if (i > 0 && Number.isFinite(prev) && (share ? !(cut > prev) : !(cut < prev)))
      text = t(lang, share ? 'tiers.cutNotAbove' : 'tiers.cutNotBelow', { n, value: shown(cut), prev: shown(prev) });
    if (text) errors.push({ path: `${settings.mode}.cuts.${i}`, text });
  });
  return errors;
}

/** The weight a weight box's text means: NaN when empty or not a number, so that its error shows. */
export function displayToWeight(text: string): number {
  const cleaned = text.trim().replace(',', '.');
  return cleaned === '' ? NaN : Number(cleaned);
}

/** Weights outside 0..MAX_WEIGHT (or no number), each on the path of its dimension's box. */
export function weightErrors(settings: Settings, lang: Lang): FieldError[] {
  if (settings.mode !== 'score') return [];
  return settings.score.dimensions.flatMap((d, i) =>
    Number.isFinite(d.weight) && d.weight >= 0 && d.weight <= MAX_WEIGHT
      ? []
      : [{ path: `score.dimensions.${i}.weight`, text: t(lang, 'score.weightInvalid', { max: MAX_WEIGHT }) }],
  );
}

/**
 * Validation as the user should read it: cuts, weights and shares get plain messages in the UI
 * language and the user's units (zod would only say "Invalid input"); the rest comes from validateSettings.
 */
export function validateForSave(settings: Settings, lang: Lang): { ok: true; settings: Settings } | { ok: false; errors: FieldError[] } {
  const own: FieldError[] = [...cutErrors(settings, lang), ...weightErrors(settings, lang)];
  if (settings.mode === 'valueGroups') {
    for (const key of ['mvcShare', 'mgcShare'] as const) {
      if (!Number.isFinite(settings.valueGroups[key])) own.push({ path: `valueGroups.${key}`, text: t(lang, 'vg.notNumber') });
    }
  }
  if (own.length) return { ok: false, errors: own };
  const checked = validateSettings(settings);
  return checked.ok ? checked : { ok: false, errors: fieldErrors(checked.problems, lang) };
}

/** The sidebar's name of each setting path, most specific first. */
const PATH_NAMES: ReadonlyArray<[string, UiKey]> = [
  ['source.headerRow', 'data.headerRow'],
  ['source', 'data.title'],
  ['abc.cuts', 'tiers.title'],
  ['abc', 'method.abcMethod'],
  ['score.cuts', 'tiers.title'],
  ['score.dimensions', 'score.dimensions'],
  ['score.normalisation', 'score.normalisation'],
  ['score.tierMethod', 'score.tierMethod'],
  ['score', 'mode.score'],
  ['tiers', 'tiers.title'],
  ['rfm.asOf', 'rfm.asOf'],
  ['rfm.rules', 'rules.title'],
  ['valueGroups.mvcShare', 'vg.mvcShare'],
  ['valueGroups.mgcShare', 'vg.mgcShare'],
  ['valueGroups.mgcPredicted', 'vg.mgcPredicted'],
  ['predicted.horizon', 'pv.horizon'],
  ['predicted.discountRate', 'pv.discount'],
  ['playbook', 'playbook.title'],
  ['mode', 'method.mode'],
  ['language', 'app.language'],
];

/**
 * An error as a sentence for the general message area, where no field shows it: the setting path
 * becomes the name the sidebar gives that setting ("source: ..." -> "Data: ..." / "数据：..."). A
 * path the sidebar has no name for is kept, so nothing is lost.
 */
export function readableError(error: FieldError, lang: Lang): string {
  const { path } = error;
  const named = path ? PATH_NAMES.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`)) : undefined;
  if (!named) return path ? `${path}: ${error.text}` : error.text;
  return `${t(lang, named[1])}${lang === 'zh' ? '：' : ': '}${error.text}`;
}

/** One row of the playbook editor: a tier, group or segment with the user's action and the built-in one. */
export interface PlaybookEntry {
  /** What settings.playbook is keyed by: the tier label, value-group key or RFM segment key. */
  key: string;
  /** As the preview and the summary sheet show it (localised for groups and segments). */
  label: string;
  /** The built-in action the summary sheet uses while the user has none. */
  suggestion: string;
  /** The user's own action, '' when there is none. */
  text: string;
}

/** The user's action for `key`, if any (own keys only: a tier may be labelled "constructor"). */
function ownAction(playbook: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(playbook, key) ? playbook[key] : undefined;
}

/**
 * The playbook rows for a run's groups, best first (`order` and `keys` of a TieringRun). The
 * suggestion and the text are looked up as the summary sheet does: by key, then by label, and
 * tiers without a named default get the action of their place (top, middle, last).
 */
export function playbookEntries(
  order: readonly string[],
  keys: readonly string[],
  playbook: Readonly<Record<string, string>>,
  lang: Lang,
): PlaybookEntry[] {
  return order.map((label, i) => {
    const key = keys[i] ?? label;
    return {
      key,
      label,
      suggestion: defaultAction(lang, key, i, order.length),
      text: ownAction(playbook, key) ?? ownAction(playbook, label) ?? '',
    };
  });
}

/** The playbook with `key`'s action set to `text`; blank text removes it, so the built-in action applies again. */
export function setPlaybookAction(playbook: Readonly<Record<string, string>>, key: string, text: string): Record<string, string> {
  // Built from entries so that any key, even "__proto__", stays a plain own key.
  const entries = Object.entries(playbook).filter(([k]) => k !== key);
  const trimmed = text.trim();
  if (trimmed) entries.push([key, trimmed]);
  return Object.fromEntries(entries);
}

/**
 * The playbook after a tier label changed from `from` to `to`: the action follows its tier. It
 * stays where it is when `to` already has an action of its own, which it must not overwrite.
 */
export function renamePlaybookKey(playbook: Readonly<Record<string, string>>, from: string, to: string): Record<string, string> {
  const entries = Object.entries(playbook);
  if (from === to || ownAction(playbook, from) === undefined || ownAction(playbook, to) !== undefined) return Object.fromEntries(entries);
  return Object.fromEntries(entries.map(([k, v]) => [k === from ? to : k, v]));
}

// ---------------------------------------------------------------- RFM segment rules

/** The three scores a rule gives a range for. */
export const RULE_SCORES = ['r', 'f', 'm'] as const;
export type RuleScore = (typeof RULE_SCORES)[number];

const copyRules = (rules: readonly RfmSegmentRule[]): RfmSegmentRule[] =>
  rules.map((rule) => ({ segment: rule.segment, r: [rule.r[0], rule.r[1]], f: [rule.f[0], rule.f[1]], m: [rule.m[0], rule.m[1]] }));

/** The rule list the sidebar shows and edits: the user's own, else a copy of the built-in one. */
export function editableRules(rfm: Settings['rfm']): RfmSegmentRule[] {
  return copyRules(rfm.rules?.length ? rfm.rules : DEFAULT_RFM_SEGMENT_RULES);
}

/** Whether `rules` are the built-in rules, in the built-in order. */
export function rulesAreDefault(rules: readonly RfmSegmentRule[]): boolean {
  return JSON.stringify(copyRules(rules)) === JSON.stringify(copyRules(DEFAULT_RFM_SEGMENT_RULES));
}

/**
 * settings.rfm with `rules`: the built-in list is stored as no list at all, so settings stay small
 * and unedited rules follow any later change of the built-in ones.
 */
export function withRules(rfm: Settings['rfm'], rules: readonly RfmSegmentRule[]): Settings['rfm'] {
  const { rules: _old, ...rest } = rfm;
  return rulesAreDefault(rules) ? rest : { ...rest, rules: copyRules(rules) };
}

/** The settings with their segment rules changed by `change` (given the list the sidebar shows). */
export function editRules(settings: Settings, change: (rules: RfmSegmentRule[]) => RfmSegmentRule[]): Settings {
  return { ...settings, rfm: withRules(settings.rfm, change(editableRules(settings.rfm))) };
}

/**
 * The rules with one end of one score range of rule `index` set to `value` (clamped to 1..5).
 * The other end follows when it would cross, so a range is never empty: raising the low end of
 * 2–3 to 4 gives 4–4.
 */
export function setRuleBound(
  rules: readonly RfmSegmentRule[],
  index: number,
  score: RuleScore,
  end: 'lo' | 'hi',
  value: number,
): RfmSegmentRule[] {
  const next = copyRules(rules);
  const rule = next[index];
  if (!rule || !Number.isFinite(value)) return next;
  const v = Math.min(5, Math.max(1, Math.round(value)));
  const [lo, hi] = rule[score];
  rule[score] = end === 'lo' ? [v, Math.max(v, hi)] : [Math.min(lo, v), v];
  return next;
}

/** The rules with rule `index` moved one place up (-1) or down (+1); unchanged at either end. */
export function moveRule(rules: readonly RfmSegmentRule[], index: number, delta: -1 | 1): RfmSegmentRule[] {
  const next = copyRules(rules);
  const to = index + delta;
  if (index < 0 || index >= next.length || to < 0 || to >= next.length) return next;
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** The segments a rule can give, in the order the segment menu lists them. */
export const RULE_SEGMENTS = Object.keys(RFM_SEGMENT_NAMES) as RfmSegment[];

/** The most rules settings.rfm.rules accepts (the schema's limit). */
export const MAX_RULES = 30;

/** The rules with rule `index` giving `segment`; unchanged for an unknown index or segment. */
export function setRuleSegment(rules: readonly RfmSegmentRule[], index: number, segment: string): RfmSegmentRule[] {
  const next = copyRules(rules);
  if (next[index] && (RULE_SEGMENTS as string[]).includes(segment)) next[index].segment = segment as RfmSegment;
  return next;
}

/**
 * The rules with a catch-all appended (Others for every score, 1–5 each): it changes nobody's
 * segment while an earlier rule covers all codes, and fills any gap. Unchanged at MAX_RULES.
 */
export function addRule(rules: readonly RfmSegmentRule[]): RfmSegmentRule[] {
  const next = copyRules(rules);
  if (next.length < MAX_RULES) next.push({ segment: 'Others', r: [1, 5], f: [1, 5], m: [1, 5] });
  return next;
}

/** The rules without rule `index`; the last remaining rule stays, as a list needs at least one. */
export function removeRule(rules: readonly RfmSegmentRule[], index: number): RfmSegmentRule[] {
  const next = copyRules(rules);
  if (next.length > 1 && index >= 0 && index < next.length) next.splice(index, 1);
  return next;
}

/** At most this many distinct answers are offered for points (the most frequent): more is free text, not a choice. */
export const ANSWER_LIMIT = 30;

/**
 * The distinct answers of a text column, most frequent first (ties: first met), matched as the
 * points table matches them (case and surrounding spaces ignored), blanks left out.
 */
export function distinctAnswers(
  table: { headers: readonly string[]; rows: ReadonlyArray<ReadonlyArray<unknown>> },
  column: string,
  limit = ANSWER_LIMIT,
): { answer: string; count: number }[] {
  const index = findHeader(table.headers, column);
  if (index < 0) return [];
  const seen = new Map<string, { answer: string; count: number }>();
  for (const row of table.rows) {
    const answer = String(row[index] ?? '').trim();
    const key = answerKey(answer);
    if (!key) continue;
    const entry = seen.get(key);
    if (entry) entry.count++;
    else seen.set(key, { answer, count: 1 });
  }
  // A stable sort keeps first-met order among equal counts.
  return [...seen.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}

/** Dimension `index` scored by points per answer (a table to fill, other answers 0) or read as numbers again. */
export function usePoints(settings: Settings, index: number, on: boolean): Settings {
  const dim = settings.score.dimensions[index];
  if (!dim || on === !!dim.points) return settings;
  if (on) return setDimension(settings, index, { points: { answers: {}, other: 0 } });
  const { points: _numbers, ...rest } = dim;
  return patch(settings, 'score', { dimensions: settings.score.dimensions.map((d, i) => (i === index ? rest : d)) });
}

/**
 * The points of one answer of dimension `index` (`answer` null: any other answer). Typed text is
 * read as weights are; an empty box removes the answer (or the points of other answers).
 */
export function setAnswerPoints(settings: Settings, index: number, answer: string | null, typed: string): Settings {
  const points = settings.score.dimensions[index]?.points;
  if (!points) return settings;
  const value = typed.trim() === '' ? undefined : displayToWeight(typed);
  if (answer === null) {
    const { other: _old, ...rest } = points;
    return setDimension(settings, index, { points: value === undefined ? rest : { ...rest, other: value } });
  }
  // The saved spelling of the answer is kept, whatever case the data shows.
  const key = Object.keys(points.answers).find((a) => answerKey(a) === answerKey(answer)) ?? answer;
  const answers = { ...points.answers };
  if (value === undefined) delete answers[key];
  else answers[key] = value;
  return setDimension(settings, index, { points: { ...points, answers } });
}

/** The column customers are tiered within ('' for the whole table). */
export function setGroupBy(settings: Settings, column: string): Settings {
  return { ...settings, groupBy: column };
}

/**
 * Honest moves between snapshots: a snapshot keeps each customer's figures (value; the score in
 * score mode; R, F and M in RFM) beside its tier, so that its customers can be tiered again under
 * TODAY's rules and compared with today's tiers. A changed cut then moves no one; only changes in
 * the customers themselves do. Pure: the add-on reads and writes the cells, this decides.
 */
import { abcTiers } from '../engine/abc';
import type { Cell, Lang } from '../engine/types';
import { rfmSegments } from '../engine/rfm';
import { activeRfmRules } from '../settings/settings';
import type { Settings } from '../settings/schema';
import { MODES } from './modes';
import type { TieringRun } from './types';

/** One customer's figures in a snapshot; null where unknown (an old snapshot, or a mode that did not use it). */
export interface SnapshotFigures {
  value: number | null;
  score: number | null;
  r: number | null;
  f: number | null;
  m: number | null;
}

/** What a snapshot holds: its tier per customer, the figures behind them (empty for old snapshots) and its rules. */
export interface SnapshotData {
  tiers: ReadonlyMap<string, string>;
  figures: ReadonlyMap<string, SnapshotFigures>;
  /** {@link tieringRules} of the settings it was made with; null when unknown. */
  rules: string | null;
}

export interface RetieredSnapshot {
  /** Each snapshot customer's tier under today's rules, in `lang`. */
  tiers: Map<string, string>;
  /** How many snapshot customers the rule change alone moves (stored tier differs from the re-tiered one). */
  ruleMoves: number;
}

const num = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/**
 * The settings that decide tiers from a snapshot's figures, as a short text: two snapshots with
 * the same text were tiered by the same rules. Columns are not rules (a changed column is a
 * change in the data).
 */
export function tieringRules(settings: Settings): string {
  const labels = settings.tiers.map((t) => t.label);
  switch (settings.mode) {
    case 'abc': {
      const { method, cuts } = settings.abc;
      return JSON.stringify({ mode: 'abc', method, cuts: method === 'computed' ? [] : cuts, labels });
    }
    case 'score': {
      const { dimensions, normalisation, tierMethod, cuts } = settings.score;
      const dims = dimensions.map((d) => [d.column, d.weight, d.direction]);
      return JSON.stringify({ mode: 'score', dims, normalisation, tierMethod, cuts, labels });
    }
    case 'rfm':
      return JSON.stringify({ mode: 'rfm', rules: settings.rfm.rules?.length ? settings.rfm.rules : 'default' });
    case 'valueGroups':
      return JSON.stringify({ mode: 'valueGroups', mvc: settings.valueGroups.mvcShare, mgc: settings.valueGroups.mgcShare });
    case 'predicted':
      return JSON.stringify({ mode: 'predicted', ...settings.abc, ...settings.predicted, labels });
  }
}

/** The text a snapshot stores for R, F and M ("R5 F4 M5": text, so Sheets never reads it as a number or date). */
export const rfmCell = (r: number, f: number, m: number): string => `R${r} F${f} M${m}`;

/** A run's figures per tiered customer, as the two cells a snapshot row keeps: value, and score or R F M. */
export function snapshotCells(run: TieringRun): Map<string, [number | string, number | string]> {
  const { ids, columns } = run.perCustomer;
  const value = columns.value as (number | null)[] | undefined;
  const score = columns.exactScore as (number | null)[] | undefined;
  const { r, f, m } = columns as Record<'r' | 'f' | 'm', (number | null)[] | undefined>;
  const cells = new Map<string, [number | string, number | string]>();
  ids.forEach((id, i) => {
    const v = num(value?.[i]);
    const s = num(score?.[i]);
    const [ri, fi, mi] = [num(r?.[i]), num(f?.[i]), num(m?.[i])];
    const scores = s !== null ? s : ri !== null && fi !== null && mi !== null ? rfmCell(ri, fi, mi) : '';
    cells.set(id, [v ?? '', scores]);
  });
  return cells;
}

/** Reads a snapshot row's value and score cells back (an old 4-column row's fourth cell is its method: unknown). */
export function readSnapshotCells(valueCell: Cell | undefined, scoresCell: Cell | undefined): SnapshotFigures {
  const figures: SnapshotFigures = { value: null, score: null, r: null, f: null, m: null };
  if (typeof valueCell === 'number' && Number.isFinite(valueCell)) figures.value = valueCell;
  if (typeof scoresCell === 'number' && Number.isFinite(scoresCell)) figures.score = scoresCell;
  else if (typeof scoresCell === 'string') {
    const rfm = /^R([1-9]) F([1-9]) M([1-9])$/.exec(scoresCell.trim());
    if (rfm) [figures.r, figures.f, figures.m] = [Number(rfm[1]), Number(rfm[2]), Number(rfm[3])];
  }
  return figures;
}

/**
 * The snapshot's customers tiered again by today's settings from the figures it kept; null when
 * it lacks a figure today's mode needs (an old snapshot, another mode's figures, value groups,
 * which need cost and potential): the caller then compares with the stored tiers.
 */
export function retierSnapshot(settings: Settings, snapshot: SnapshotData, lang: Lang): RetieredSnapshot | null {
  const ids = [...snapshot.tiers.keys()];
  if (!ids.length) return null;
  const figures = ids.map((id) => snapshot.figures.get(id));
  const column = (key: keyof SnapshotFigures): number[] | null => {
    const out: number[] = [];
    for (const f of figures) {
      const x = f?.[key] ?? null;
      if (x === null) return null;
      out.push(x);
    }
    return out;
  };
  const labels = settings.tiers.map((t) => t.label);
  let keys: (string | null)[];
  switch (settings.mode) {
    case 'abc': {
      const values = column('value');
      if (!values) return null;
      const { method, cuts } = settings.abc;
      const result = abcTiers(values, { method, cuts: method === 'computed' ? undefined : cuts, labels });
      keys = result.tier.map((t) => (t === null ? null : result.labels[t]));
      break;
    }
    case 'score': {
      const scores = column('score');
      if (!scores) return null;
      const result = abcTiers(scores, { method: settings.score.tierMethod, cuts: settings.score.cuts, labels });
      keys = result.tier.map((t) => (t === null ? null : result.labels[t]));
      break;
    }
    case 'rfm': {
      const [r, f, m] = [column('r'), column('f'), column('m')];
      if (!r || !f || !m) return null;
      keys = rfmSegments({ r, f, m, code: [], issues: [] }, activeRfmRules(settings));
      break;
    }
    default:
      return null;
  }
  const mode = MODES[settings.mode];
  const tiers = new Map<string, string>();
  let ruleMoves = 0;
  ids.forEach((id, i) => {
    const stored = snapshot.tiers.get(id)!;
    const key = keys[i];
    if (key === null) {
      tiers.set(id, stored);
      return;
    }
    tiers.set(id, mode.label(key, lang));
    // A snapshot taken in the other language names groups and segments in that language.
    const same = (['en', 'zh'] as const).some((l) => mode.label(key, l).toLowerCase() === stored.trim().toLowerCase());
    if (!same) ruleMoves++;
  });
  return { tiers, ruleMoves };
}

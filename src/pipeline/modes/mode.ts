/**
 * What a tiering mode does, behind one small interface: from the customers, a language-independent
 * key per customer (a tier label, `MVC`, `Champions`) and its other output columns. The pipeline
 * turns keys into the user's words once, when it builds outputs, so a new mode is one file here.
 */
import type { ScorePart } from '../../engine/score';
import type { Lang } from '../../engine/types';
import type { RunContext } from '../context';
import type { CustomerTable } from '../customers';
import type { DetailKey, OutputKey, PredictedSummary } from '../types';

export interface ModeResult {
  /** Per customer: the key of its tier, group or segment; null when it could not be tiered. */
  keys: (string | null)[];
  /** Every key, best first, as the summary lists them. */
  order: readonly string[];
  /** Colour of each key. */
  colours: Readonly<Record<string, string>>;
  /** The output columns in the order they are written; `labelColumn` gets the localised keys. */
  columns: readonly OutputKey[];
  labelColumn: 'tier' | 'group' | 'segment';
  /** Per-customer values of the other output columns. */
  values: Partial<Record<OutputKey, (string | number | null)[]>>;
  /** The value the summary counts per customer, when not the data's own (predicted value). */
  value?: (number | null)[];
  /** Predicted value: the models and how they did. */
  predicted?: PredictedSummary;
  /** Per-customer figures behind the result that are not written beside the data (R, F, M, net value). */
  details?: Partial<Record<DetailKey, (number | null)[]>>;
  /** Weighted score: each indicator's weight share and 0..1 value per customer, for the "why" text. */
  scoreParts?: ScorePart[];
}

export interface TieringMode {
  /** Null when a setting or column problem was recorded on `ctx` (nothing computed). */
  run(ctx: RunContext, data: CustomerTable): ModeResult | null;
  /** The name a user reads for a key. */
  label(key: string, lang: Lang): string;
}

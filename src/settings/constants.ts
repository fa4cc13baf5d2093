/**
 * One home for the numbers and lists the settings are built from: the schema, the defaults and
 * presets, the sidebar and the add-on's store all import them from here. (Default cuts per ABC
 * method live in the engine, which validates them; they are re-exported here.)
 */
import { DEFAULT_CUTS, DEFAULT_TIER_LABELS } from '../engine/abc';

export { DEFAULT_CUTS, DEFAULT_TIER_LABELS };

/** Credit-rating style score cuts, best first (score points out of 100). */
export const SCORE_THRESHOLD_CUTS: readonly number[] = [85, 70, 55, 40];

/** The credit-rating preset's points per rating, best first (any other answer: 0). */
export const CREDIT_RATING_POINTS: Readonly<Record<string, number>> = {
  AAA: 100,
  AA: 90,
  A: 80,
  BBB: 70,
  BB: 60,
  B: 50,
  CCC: 40,
  CC: 30,
  C: 20,
};

/** At most this many RFM segment rules (the sidebar stops adding at it, the schema refuses more). */
export const MAX_RFM_RULES = 30;
/** Longest tier label, column name or other name in the settings. */
export const MAX_NAME_LENGTH = 100;
/** Largest weight a score dimension may have (weights are normalised to shares). */
export const MAX_WEIGHT = 1000;
/** Apps Script refuses a document property value over 9 KB (UTF-8). */
export const PROPERTY_VALUE_LIMIT = 9 * 1024;

/** The columns a user can point the settings at, in the order column suggestion fills them (specific roles first). */
export const COLUMN_ROLES = ['dateColumn', 'costColumn', 'potentialColumn', 'frequencyColumn', 'valueColumn', 'idColumn'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** Every column role, none chosen yet. */
export function noColumns(): Record<ColumnRole, string> {
  return Object.fromEntries(COLUMN_ROLES.map((role) => [role, ''])) as Record<ColumnRole, string>;
}

/** Tier colours, in order (light enough to read text on, distinct in print). */
export const TIER_COLOURS = ['#b7e1cd', '#fce8b2', '#f4c7c3', '#c9daf8', '#d9d2e9', '#ead1dc', '#d0e0e3', '#fff2cc', '#e6b8af', '#d9ead3'];

import type { ScorePart } from '../engine/score';
/** The shapes a tiering run takes in and gives back; shared by the pipeline, the add-on, the sidebar and the CLI. */
import type { Cell, Lang } from '../engine/types';
import type { TierChangeKind } from '../engine/change';
import type { IssueCode, IssueDetail, IssueParams } from '../i18n/issues';
import type { BgNbd, GammaGamma } from '../engine/clv';
import type { Mode } from '../settings/schema';
import type { SettingProblem } from '../settings/settings';

export interface TieringTable {
  headers: string[];
  /** Data rows below the header row. */
  rows: Cell[][];
}

/** The same cells held by column (the CLI's million-row files): no array per row. */
export interface ColumnTable {
  headers: string[];
  /** One array per header, each `rowCount` long. */
  columns: Cell[][];
  rowCount: number;
}

export type OutputKey =
  | 'tier'
  | 'score'
  | 'rank'
  | 'share'
  | 'group'
  | 'rfm'
  | 'segment'
  | 'change'
  | 'pAlive'
  | 'expectedPurchases'
  | 'expectedAverageOrder'
  | 'predictedValue'
  /** Value groups with MGC from predicted value: predicted value minus the past spend it is set against. */
  | 'growthGap'
  /** The group (settings.groupBy) the customer was tiered in. */
  | 'within';

/** Per-customer figures a customer list shows besides the outputs. */
export type DetailKey = 'value' | 'orders' | 'firstOrder' | 'lastOrder' | 'recencyDays' | 'r' | 'f' | 'm' | 'netValue' | 'exactScore';

/**
 * One row per customer, in the order customers were first met: every output (labels in the run's
 * language) and detail. Dates are serial days. What the CLI and a customer list print.
 */
export interface CustomerTableOut {
  ids: string[];
  columns: Partial<Record<OutputKey | DetailKey, (string | number | null)[]>>;
  /** Weighted score mode: what each indicator contributed (see ScoreResult.parts). */
  scoreParts?: ScorePart[];
}

/** One column the add-on writes beside the data: a value per data row. */
export interface OutputColumn {
  key: OutputKey;
  header: string;
  values: (string | number | null)[];
  /** Sheets number format for the column. */
  format: string;
}

export interface CustomerResult {
  id: string;
  value: number;
  label: string;
  /** The group it was tiered in, with settings.groupBy. */
  group?: string;
  /** With a snapshot: the tier then (in this run's names) and the move since. */
  previous?: string | null;
  change?: TierChangeKind | null;
}

export interface TierSummaryRow {
  label: string;
  colour: string;
  customers: number;
  customerShare: number;
  value: number;
  valueShare: number;
  average: number;
  min: number;
  max: number;
}

export interface SheetIssue {
  /** 1-based sheet row. */
  row: number;
  column?: string;
  /** In the run's language. */
  message: string;
  /** The problem as data (src/i18n/issues.ts), when known. */
  code?: IssueCode;
  params?: IssueParams;
}

export interface TieringRun {
  mode: Mode;
  /** Settings or column problems, as data: when present nothing was computed. */
  errors: SettingProblem[];
  /** Rows skipped or partly used, with the sheet row they are on. */
  issues: SheetIssue[];
  outputs: OutputColumn[];
  customers: CustomerResult[];
  /** Group labels best first, as the summary lists them. */
  order: string[];
  /** Language-independent key of each label in `order` (tier label, value group or segment key). */
  keys: string[];
  summary: TierSummaryRow[];
  totals: { customers: number; value: number };
  /** False when no value column was used (a weighted score without one): value figures are 0. */
  hasValue: boolean;
  /** Every customer, tiered or not, with the outputs and the figures behind them. */
  perCustomer: CustomerTableOut;
  /** Predicted value mode: the fitted models and how they did. */
  predicted?: PredictedSummary;
  /** With settings.groupBy: each group's per-tier summary, in the order groups first appear. */
  groups?: { name: string; summary: TierSummaryRow[] }[];
}

/** What the summary says of a predicted-value run. */
export interface PredictedSummary {
  bgnbd: BgNbd;
  gammagamma: GammaGamma;
  warnings: IssueDetail[];
  /** Repeat purchases the model expected after the as-of date and those made, when orders follow it. */
  holdout: { weeks: number; expected: number; actual: number } | null;
  /** Top-tier customers least likely to be still buying, lowest P(alive) first. */
  atRisk: { id: string; pAlive: number; value: number }[];
}

export interface RunOptions {
  /** The language of labels, headers, issues and errors (default English). */
  language?: Lang;
  /** The sheet row of the header, to report issues by sheet row. Default: settings.source.headerRow. */
  headerRow?: number;
  /** Last snapshot's tier per customer id: adds a Change column. */
  previousById?: ReadonlyMap<string, string>;
}

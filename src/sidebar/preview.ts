/**
 * The live preview: the same runTiering the server runs for "Tier customers now", on the table
 * fetched once per sheet and header row, so every edit re-computes locally without a round trip.
 * Dates arrive as 'YYYY-MM-DD' text; the engine reads that as the same calendar day the server's
 * Date means, with no time zone in between, so the table goes in as it is.
 */
import type { Settings } from '../settings/schema';
import type { Lang } from '../engine/types';
import { runTiering, type TieringRun } from '../pipeline/runTiering';
import type { SheetTable } from './api';
import { cutErrors, fieldErrors, type FieldError } from './model';

/** What the sidebar shows: the summary table, and the groups in order for the playbook editor. */
export type PreviewResult = Pick<TieringRun, 'summary' | 'totals' | 'issues' | 'order' | 'keys' | 'groups'> & {
  errors: FieldError[];
  /** Each customer's value (none without a value column), to derive thresholds from. */
  values: number[];
};

/** Tiers `table` with `settings`; never throws (an engine bug shows as an error line, not a dead sidebar). */
export function computePreview(settings: Settings, table: SheetTable, lang: Lang): PreviewResult {
  // Cuts the engine would refuse are named in the user's units (percent, "empty"), not its own.
  const cuts = cutErrors(settings, lang);
  if (cuts.length) return { summary: [], totals: { customers: 0, value: 0 }, issues: [], errors: cuts, order: [], keys: [], values: [] };
  try {
    const run = runTiering(settings, table, { language: lang, headerRow: settings.source.headerRow });
    return {
      summary: run.summary,
      totals: run.totals,
      issues: run.issues,
      errors: fieldErrors(run.errors, lang),
      order: run.order,
      keys: run.keys,
      groups: run.groups,
      values: run.hasValue ? run.customers.map((c) => c.value) : [],
    };
  } catch (err) {
    return {
      summary: [],
      totals: { customers: 0, value: 0 },
      issues: [],
      errors: [{ path: '', text: String((err as Error)?.message ?? err) }],
      order: [],
      keys: [],
      values: [],
    };
  }
}

/**
 * The live preview: the same runTiering the server runs for "Tier customers now", on the table
 * fetched once per sheet and header row, so every edit re-computes locally without a round trip.
 */
import type { Settings } from '../settings/schema';
import type { Lang } from '../engine/types';
import { runTiering, type TieringRun } from '../pipeline/runTiering';
import type { SheetTable } from './api';
import { tableForEngine } from './model';

export type PreviewResult = Pick<TieringRun, 'summary' | 'totals' | 'issues' | 'errors'>;

let cachedSource: SheetTable | null = null;
let cachedTable: ReturnType<typeof tableForEngine> | null = null;

/** Tiers `table` with `settings`; never throws (an engine bug shows as an error line, not a dead sidebar). */
export function computePreview(settings: Settings, table: SheetTable, lang: Lang): PreviewResult {
  if (cachedSource !== table) {
    cachedSource = table;
    cachedTable = tableForEngine(table);
  }
  try {
    const run = runTiering(settings, cachedTable!, { language: lang, headerRow: settings.source.headerRow });
    return { summary: run.summary, totals: run.totals, issues: run.issues, errors: run.errors };
  } catch (err) {
    return { summary: [], totals: { customers: 0, value: 0 }, issues: [], errors: [String((err as Error)?.message ?? err)] };
  }
}

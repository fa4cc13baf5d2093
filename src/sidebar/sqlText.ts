/** The BigQuery query the sidebar shows for the current settings, or why there is none (pure: tested in Node). */
import type { Lang } from '../engine/types';
import { t } from '../i18n/ui';
import type { Settings } from '../settings/schema';
import { SqlUnsupported, tieringSql } from '../sql/tiers';
import { validateForSave } from './model';

/** The table named when the user has not named one yet. */
export const PLACEHOLDER_TABLE = 'project.dataset.orders';

export function bigQueryText(settings: Settings, table: string, lang: Lang): { ok: true; sql: string } | { ok: false; message: string } {
  if (settings.mode === 'abc' && settings.abc.method === 'computed') return { ok: false, message: t(lang, 'sql.computed') };
  if (settings.mode === 'predicted') return { ok: false, message: t(lang, 'sql.predicted') };
  const checked = validateForSave(settings, lang);
  if (!checked.ok) return { ok: false, message: t(lang, 'sql.fixSettings') };
  try {
    return { ok: true, sql: tieringSql(checked.settings, { dialect: 'bigquery', table: table.trim() || PLACEHOLDER_TABLE, lang }) };
  } catch (err) {
    if (err instanceof SqlUnsupported || err instanceof RangeError) return { ok: false, message: t(lang, 'sql.fixSettings') };
    throw err;
  }
}

/** Why customers are in their tiers, as lines a manager reads: the summary sheet and the sidebar preview show them. */
import type { Lang } from '../engine/types';
import { localName, RFM_SEGMENT_NAMES } from '../engine/labels';
import { say } from '../i18n/addon';
import { activeRfmRules } from '../settings/settings';
import type { Settings } from '../settings/schema';
import type { TierSummaryRow } from './types';

/** An amount as the summary's tables show it (#,##0.00). */
export const formatAmount = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** A share as the summary's tables show it (0.0%). */
export const formatPercent = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

/**
 * Each tier's bounds in the values the user tiered ("A: 2,428.12 and above (top 86 customers,
 * 80.1% of value)"), read off the tiers as they came out, so they are exact whatever the method;
 * for RFM the segment rules ("Champions: R 4–5, F 4–5, M 4–5"). Empty for value groups.
 */
export function cutLines(settings: Settings, summary: readonly TierSummaryRow[], lang: Lang): string[] {
  if (settings.mode === 'rfm') {
    const range = ([lo, hi]: readonly [number, number]) => (lo === hi ? String(lo) : `${lo}–${hi}`);
    return activeRfmRules(settings).map((rule) =>
      say(lang, 'ruleLine', {
        segment: localName(RFM_SEGMENT_NAMES, rule.segment, lang),
        r: range(rule.r),
        f: range(rule.f),
        m: range(rule.m),
      }),
    );
  }
  // ABC always tiers by a value; a score's tiers are in points, not the user's values.
  if (settings.mode !== 'abc') return [];
  const rows = summary;
  let below: number | null = null;
  return rows.map((row, i) => {
    if (!row.customers) return say(lang, 'cutEmpty', { label: row.label });
    const vars = {
      label: row.label,
      min: formatAmount(row.min),
      count: row.customers,
      share: formatPercent(row.valueShare),
      below: below === null ? '' : formatAmount(below),
    };
    const line =
      below === null ? say(lang, 'cutTop', vars) : i === rows.length - 1 ? say(lang, 'cutLast', vars) : say(lang, 'cutMiddle', vars);
    below = row.min;
    return line;
  });
}

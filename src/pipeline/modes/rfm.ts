/** RFM scores (R `rfm` quantile breaks) and named segments by the rule list. */
import { rfmScores, rfmSegments } from '../../engine/rfm';
import { localName, RFM_SEGMENT_NAMES, type RfmSegment } from '../../engine/labels';
import { activeRfmRules } from '../../settings/settings';
import type { TieringMode } from './mode';

const SEGMENTS = Object.keys(RFM_SEGMENT_NAMES) as RfmSegment[];
const SEGMENT_PALETTE = [
  '#b7e1cd',
  '#d9ead3',
  '#c9daf8',
  '#d0e0e3',
  '#fff2cc',
  '#fce8b2',
  '#ead1dc',
  '#f4c7c3',
  '#e6b8af',
  '#d9d2e9',
  '#eeeeee',
];
/** Each segment's colour, the same in every run. */
export const SEGMENT_COLOURS: Record<string, string> = Object.fromEntries(
  SEGMENTS.map((key, i) => [key, SEGMENT_PALETTE[i % SEGMENT_PALETTE.length]]),
);

export const rfmMode: TieringMode = {
  run(ctx, data) {
    if (!data.recency || !data.frequency || !data.value) return null;
    const scores = rfmScores({ recencyDays: data.recency, frequency: data.frequency, monetary: data.value });
    // Only refunds or free orders: no purchase to date, which is why there is no recency (not a blank cell).
    const noPurchase = (row: number) => data.frequency![row] === 0;
    ctx.addIssues(
      scores.issues.map((issue) => (noPurchase(issue.row) ? { row: issue.row, code: 'rfm.noPurchase' as const } : issue)),
      data.rowOf,
    );
    // The user's rule list when there is one (crossCheck has made sure it covers every code).
    return {
      keys: rfmSegments(scores, activeRfmRules(ctx.settings)),
      order: SEGMENTS,
      colours: SEGMENT_COLOURS,
      columns: ['rfm', 'segment'],
      labelColumn: 'segment',
      values: { rfm: scores.code },
      details: { r: scores.r, f: scores.f, m: scores.m },
    };
  },
  label: (key, lang) => localName(RFM_SEGMENT_NAMES, key as RfmSegment, lang),
};

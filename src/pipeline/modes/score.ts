/** A weighted score over several indicators, then tiers by rank, share or score thresholds. */
import { abcTiers } from '../../engine/abc';
import { weightedScore, type ScoreDimension } from '../../engine/score';
import { role } from '../context';
import { tierColours } from './abc';
import type { TieringMode } from './mode';

export const scoreMode: TieringMode = {
  run(ctx, data) {
    const { score, tiers } = ctx.settings;
    const dims: ScoreDimension[] = [];
    for (const d of score.dimensions) {
      const values = data.column(d.column, role('term.role.dimension'), 'score.dimensions');
      if (values) dims.push({ name: d.column, values, weight: d.weight, direction: d.direction });
    }
    if (ctx.errors.length) return null;
    const scored = weightedScore(dims, score.normalisation);
    ctx.addIssues(scored.issues, data.rowOf);
    const result = abcTiers(scored.score, { method: score.tierMethod, cuts: score.cuts, labels: tiers.map((t) => t.label) });
    return {
      keys: result.tier.map((t) => (t === null ? null : result.labels[t])),
      order: result.labels,
      colours: tierColours(tiers),
      columns: ['score', 'tier'],
      labelColumn: 'tier',
      values: { score: scored.score.map((s) => (s === null ? null : Math.round(s * 10) / 10)) },
      // Unrounded, for snapshots: re-tiering rounded scores could split or join ties.
      details: { exactScore: scored.score },
      scoreParts: scored.parts,
    };
  },
  label: (key) => key,
};

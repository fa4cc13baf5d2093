/**
 * Defaults, presets, and the load/save rules for settings. Loading never throws: a corrupt or
 * older setting is repaired section by section (what is still valid is kept) and the user is
 * told what was reset.
 */
import { CREDIT_RATING_POINTS, DEFAULT_CUTS, DEFAULT_TIER_LABELS, noColumns, SCORE_THRESHOLD_CUTS, TIER_COLOURS } from './constants';
import type * as z from 'zod/mini';
import { SETTINGS_VERSION, settingsSchema, type Settings, type TierSetting } from './schema';
import { validateAbcOptions, type AbcMethod } from '../engine/abc';
import { checkRuleCoverage, DEFAULT_RFM_SEGMENT_RULES, type RfmSegmentRule } from '../engine/rfm';
import type { IssueCode, IssueDetail, IssueParams } from '../engine/problems';
import { isIssueCode } from '../i18n/issues';
import { RFM_SEGMENT_NAMES } from '../engine/labels';

export { TIER_COLOURS } from './constants';

export function defaultTiers(labels: readonly string[]): TierSetting[] {
  return labels.map((label, i) => ({ label, colour: TIER_COLOURS[i % TIER_COLOURS.length] }));
}

export function defaultSettings(sheetName = ''): Settings {
  return {
    version: SETTINGS_VERSION,
    language: 'auto',
    source: {
      sheetName,
      headerRow: 1,
      layout: 'customers',
      ...noColumns(),
    },
    mode: 'abc',
    groupBy: '',
    abc: { method: 'pareto', cuts: [...DEFAULT_CUTS.pareto] },
    score: { dimensions: [], normalisation: 'percentile', tierMethod: 'rank', cuts: [...DEFAULT_CUTS.rank] },
    rfm: { asOf: '' },
    valueGroups: { mvcShare: 0.2, mgcShare: 0.2, mgcPredicted: false },
    predicted: { horizon: 39, discountRate: 0.01 },
    tiers: defaultTiers(DEFAULT_TIER_LABELS),
    playbook: {},
  };
}

export type PresetId = 'pareto' | 'keyCustomers' | 'thresholds' | 'rfm' | 'valueGroups' | 'creditRating';
export const PRESET_IDS: readonly PresetId[] = ['pareto', 'keyCustomers', 'thresholds', 'rfm', 'valueGroups', 'creditRating'];

/** A preset changes the method side of the settings and keeps the user's sheet and columns. */
export function applyPreset(settings: Settings, preset: PresetId, headers: readonly string[] = []): Settings {
  const next: Settings = JSON.parse(JSON.stringify(settings));
  switch (preset) {
    case 'pareto':
      next.mode = 'abc';
      next.abc = { method: 'pareto', cuts: [...DEFAULT_CUTS.pareto] };
      next.tiers = defaultTiers(DEFAULT_TIER_LABELS);
      break;
    case 'keyCustomers':
      next.mode = 'abc';
      next.abc = { method: 'rank', cuts: [...DEFAULT_CUTS.rank] };
      next.tiers = defaultTiers(DEFAULT_TIER_LABELS);
      break;
    case 'thresholds':
      next.mode = 'abc';
      next.abc = { method: 'threshold', cuts: [...DEFAULT_CUTS.threshold] };
      next.tiers = defaultTiers(DEFAULT_TIER_LABELS);
      break;
    case 'rfm':
      next.mode = 'rfm';
      next.source.layout = 'orders';
      break;
    case 'valueGroups':
      next.mode = 'valueGroups';
      break;
    case 'creditRating':
      // A credit rating is a weighted score of the indicators, cut at absolute score levels.
      next.mode = 'score';
      next.score = { ...next.score, tierMethod: 'threshold', cuts: [...SCORE_THRESHOLD_CUTS] };
      next.tiers = defaultTiers(['AAA', 'AA', 'A', 'B', 'C']);
      {
        // A rating column (Credit, 信用评级...) is scored by its points table, not read as numbers.
        const rating = (name: string) => /credit|rating|信用|评级/i.test(name);
        const dims = next.score.dimensions;
        const column = dims.find((d) => rating(d.column))?.column ?? headers.find(rating);
        if (column) {
          const points = { answers: { ...CREDIT_RATING_POINTS }, other: 0 };
          const at = dims.findIndex((d) => d.column === column);
          if (at >= 0) dims[at] = { ...dims[at], points };
          else dims.push({ column, weight: 1, direction: 'higher', points });
        }
      }
      break;
  }
  return next;
}

/** Cuts and tiers of the active ABC or score mode; null for modes with fixed groups. */
export function activeCuts(settings: Settings): { method: string; cuts: number[] } | null {
  if (settings.mode === 'abc' || settings.mode === 'predicted') return { method: settings.abc.method, cuts: settings.abc.cuts };
  if (settings.mode === 'score') return { method: settings.score.tierMethod, cuts: settings.score.cuts };
  return null;
}

/** The method a run places customers by (an ABC or score method, else the mode): what a group must be big enough for. */
export function placementMethod(settings: Settings): string {
  return settings.mode === 'abc' ? settings.abc.method : settings.mode === 'score' ? settings.score.tierMethod : settings.mode;
}

/** The RFM segment rules a run uses: the user's list, or the built-in one when there is none. */
export function activeRfmRules(settings: Settings): readonly RfmSegmentRule[] {
  const rules = settings.rfm.rules;
  return rules?.length ? rules : DEFAULT_RFM_SEGMENT_RULES;
}

/** How many uncovered score codes a message names; the count says how many there are in all. */
const GAP_CODES_SHOWN = 5;

/**
 * A problem with a setting, as data: `path` names the setting (the sidebar shows it beside that
 * field), the code and params say what is wrong; the edges render it in the user's language.
 */
export interface SettingProblem extends IssueDetail {
  path: string;
}

export function settingProblem(path: string, code: IssueCode, params?: IssueParams): SettingProblem {
  return params ? { path, code, params } : { path, code };
}

/** The coverage problem of an RFM rule list, or null when every score combination matches a rule; it names the first few uncovered codes. */
export function rfmRulesProblem(rules: readonly RfmSegmentRule[]): SettingProblem | null {
  const { ok, uncovered } = checkRuleCoverage(rules);
  if (ok) return null;
  const codes: string[] = uncovered.slice(0, GAP_CODES_SHOWN);
  if (uncovered.length > GAP_CODES_SHOWN) codes.push('…');
  return settingProblem('rfm.rules', 'settings.rfmRulesGap', { codes, count: uncovered.length });
}

/** zod's issues by path: the schema's own checks carry their code as the message; zod's built-in ones say the value is not valid. */
function describeIssues(error: z.core.$ZodError): SettingProblem[] {
  return error.issues.map((issue) =>
    issue.message === 'schema.rfmSegment'
      ? settingProblem(issue.path.join('.'), 'schema.rfmSegment', { segments: Object.keys(RFM_SEGMENT_NAMES) })
      : settingProblem(
          issue.path.length ? issue.path.join('.') : 'settings',
          isIssueCode(issue.message) ? issue.message : 'schema.invalid',
        ),
  );
}

/** Checks beyond the shape: that cuts and tiers agree and that the columns the mode needs are chosen. */
export function crossCheck(settings: Settings): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const problem = (path: string, code: IssueCode, params?: IssueParams) => problems.push(settingProblem(path, code, params));
  const active = activeCuts(settings);
  if (active && active.method !== 'computed' && settings.tiers.length !== active.cuts.length + 1) {
    problem('tiers', 'settings.tierCountMismatch', {
      cuts: active.cuts.length,
      tiers: active.cuts.length + 1,
      labels: settings.tiers.length,
    });
  }
  if (active && active.method === 'computed' && settings.tiers.length !== 3) problem('tiers', 'settings.computedThreeTiers');
  const labels = settings.tiers.map((t) => t.label.trim().toLowerCase());
  const duplicate = labels.find((l, i) => labels.indexOf(l) !== i);
  if (duplicate !== undefined) problem('tiers', 'settings.duplicateLabel', { label: duplicate });
  if (active && problems.length === 0) {
    // Order and range of the cuts: the engine's own rules, so settings and formulas agree.
    const checked = validateAbcOptions({
      method: active.method as AbcMethod,
      cuts: active.method === 'computed' ? undefined : active.cuts,
      labels: settings.tiers.map((t) => t.label),
    });
    if (!checked.ok) problems.push({ path: `${settings.mode}.cuts`, ...checked.issue });
  }
  if (settings.mode === 'rfm') {
    // Only where it matters, as for score dimensions: a gap must not block an ABC run.
    const gap = rfmRulesProblem(activeRfmRules(settings));
    if (gap) problems.push(gap);
  }
  if (settings.mode === 'predicted' && settings.source.layout !== 'orders') problem('source.layout', 'settings.predictedNeedsOrders');
  // One source of potential: with a potential column as well the user must choose, rather than one silently winning.
  if (
    settings.mode === 'valueGroups' &&
    settings.valueGroups.mgcPredicted &&
    (settings.source.layout !== 'orders' || settings.source.potentialColumn)
  ) {
    problem('valueGroups.mgcPredicted', 'settings.mgcPredicted');
  }
  if (settings.mode === 'score' && settings.score.dimensions.length === 0) problem('score.dimensions', 'settings.noDimensions');
  if (settings.mode === 'score' && settings.score.dimensions.length > 0 && settings.score.dimensions.every((d) => d.weight === 0)) {
    problem('score.dimensions', 'settings.allWeightsZero');
  }
  return problems;
}

export type ValidationResult = { ok: true; settings: Settings } | { ok: false; problems: SettingProblem[] };

/** Strict validation for saving: the sidebar shows the problems beside their fields and nothing is stored. */
export function validateSettings(input: unknown): ValidationResult {
  const parsed = settingsSchema().safeParse(input);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
  const problems = crossCheck(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, settings: parsed.data };
}

/**
 * Lenient loading of what DocumentProperties holds: never throws. Valid sections are kept,
 * invalid or missing ones are replaced by defaults and listed in `messages` (in `lang`) for the user.
 */
export interface LoadedSettings {
  settings: Settings;
  /** What the user should know about the loading (unreadable, reset sections, another version), as data. */
  messages: IssueDetail[];
  /** True when some of what was stored was lost (unreadable, or sections reset): never act on a guess. */
  damaged: boolean;
}

export function loadSettings(stored: string | null | undefined, sheetName = ''): LoadedSettings {
  const say = (detail: IssueDetail) => detail;
  const defaults = defaultSettings(sheetName);
  if (stored == null || stored === '') return { settings: defaults, messages: [], damaged: false };
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return { settings: defaults, messages: [say({ code: 'settings.unreadable' })], damaged: true };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings: defaults, messages: [say({ code: 'settings.wrongShape' })], damaged: true };
  }
  const direct = validateSettings(raw);
  if (direct.ok) return { settings: direct.settings, messages: [], damaged: false };

  // Repair: take each top-level section from the stored object if it is valid on its own.
  const stored_ = raw as Record<string, unknown>;
  const candidate: Record<string, unknown> = { ...defaults };
  const reset: string[] = [];
  for (const key of Object.keys(defaults) as (keyof Settings)[]) {
    if (key === 'version' || !(key in stored_)) continue;
    const trial = { ...candidate, [key]: stored_[key] };
    if (settingsSchema().safeParse(trial).success) candidate[key] = stored_[key];
    else reset.push(key);
  }
  let repaired = settingsSchema().parse(candidate);
  if (repaired.mode === 'rfm' && rfmRulesProblem(activeRfmRules(repaired))) {
    // Rules that leave scores without a segment: back to the built-in ones, keeping the as-of date.
    const { rules: _dropped, ...rfm } = repaired.rfm;
    repaired = { ...repaired, rfm };
    reset.push('rfm.rules');
  }
  let problems = crossCheck(repaired);
  if (problems.length && !reset.includes('tiers')) {
    // Cuts and labels disagree: keep the cuts, rebuild labels to match.
    const active = activeCuts(repaired);
    const count = active && active.method !== 'computed' ? active.cuts.length + 1 : 3;
    repaired = { ...repaired, tiers: defaultTiers(Array.from({ length: count }, (_, i) => String.fromCharCode(65 + i))) };
    reset.push('tiers');
    problems = crossCheck(repaired);
  }
  const version = stored_.version;
  const messages: IssueDetail[] = [];
  if (version !== SETTINGS_VERSION) {
    messages.push(
      say({
        code: 'settings.otherVersion',
        params: { from: version == null ? { code: 'term.none' } : String(version), to: SETTINGS_VERSION },
      }),
    );
  }
  if (reset.length) messages.push(say({ code: 'settings.reset', params: { sections: reset } }));
  return { settings: repaired, messages, damaged: reset.length > 0 };
}

export function serialiseSettings(settings: Settings): string {
  return JSON.stringify(settings);
}

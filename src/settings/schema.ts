/**
 * The add-on's settings: what the sidebar edits, DocumentProperties stores (so collaborators share
 * them) and "Tier customers now" runs. Validated with zod on save and on load.
 *
 * zod/mini rather than classic zod: the same validation for a fraction of the bundle size, and
 * Code.js is loaded on every custom-function call.
 */
import * as z from 'zod/mini';
import type { IssueCode } from '../engine/problems';
import { RFM_SEGMENT_NAMES, type RfmSegment } from '../engine/labels';
import { answerKey } from '../engine/points';
import { MAX_NAME_LENGTH, MAX_RFM_RULES, MAX_WEIGHT } from './constants';

/** A check's message is its problem code: validateSettings returns it as data, the edges render it. */
const msg = (code: IssueCode): string => code;

/**
 * Every bound is zod's one generic check, z.refine, with its problem code: zod's dedicated checks
 * (gt, maxLength, regex, int...) would add ~4.8 KB to Code.js, which loads on every custom-function call.
 */
const holds = <T>(test: (value: T) => boolean, code: IssueCode) => z.refine<T>(test, msg(code));
const atMost = (max: number, code: IssueCode) => holds<{ length: number }>((v) => v.length <= max, code);
/** One of `values` (z.enum's job, as a z.custom: ~0.8 KB less in Code.js). */
const oneOf = <const T extends string>(values: readonly T[], code: IssueCode = 'schema.invalid') =>
  z.custom<T>((v) => values.includes(v as T), msg(code));
const matches = (pattern: RegExp, code: IssueCode) => holds<string>((s) => pattern.test(s), code);

/**
 * A table by name (the playbook, a points table) whose entries `problems` checks, each problem
 * reported at `<path>.<name>`: zod's z.record would add ~2.8 KB to Code.js.
 */
function table<V>(problems: (entries: [string, unknown][]) => [name: string, code: IssueCode][]) {
  const isTable = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  return z.custom<Record<string, V>>(isTable, msg('schema.invalid')).check(
    z.check((ctx) => {
      for (const [name, code] of problems(Object.entries(ctx.value))) {
        ctx.issues.push({ code: 'custom', message: msg(code), input: ctx.value[name], path: [name] });
      }
    }),
  );
}

export const SETTINGS_VERSION = 1;

export const MODES = ['abc', 'score', 'rfm', 'valueGroups', 'predicted'] as const;
export type Mode = (typeof MODES)[number];

/**
 * Built on first use, not when Code.js loads: constructing the schema is nearly all of the
 * bundle's top-level work, and custom functions, which load Code.js on every call, never need it.
 */
function buildSettingsSchema() {
  const hexColour = z.string().check(matches(/^#[0-9a-fA-F]{6}$/, 'schema.colour'));
  const nonEmpty = z.string().check(
    holds((s) => s.length > 0, 'schema.notEmpty'),
    atMost(MAX_NAME_LENGTH, 'schema.tooLong'),
  );
  const share = z.number().check(
    holds((x) => x > 0, 'schema.moreThan0'),
    holds((x) => x < 1, 'schema.lessThan1'),
  );

  const DimensionSchema = z.object({
    column: nonEmpty,
    weight: z.number().check(
      holds((x) => x >= 0, 'schema.weightNegative'),
      holds((x) => x <= MAX_WEIGHT, 'schema.weightTooLarge'),
    ),
    direction: z._default(oneOf(['higher', 'lower']), 'higher'),
    /** A text column: points per answer (matched ignoring case and spaces) and for any other answer. */
    points: z.optional(
      z.object({
        answers: table<number>((entries) => {
          // One line per answer: "AA" and " aa" are the same answer, and only one could count.
          const seen = new Set<string>();
          return entries.flatMap(([answer, points]): [string, IssueCode][] => {
            const twice = seen.has(answerKey(answer));
            seen.add(answerKey(answer));
            if (typeof points !== 'number' || !Number.isFinite(points)) return [[answer, 'schema.invalid']];
            if (answer.length > MAX_NAME_LENGTH) return [[answer, 'schema.tooLong']];
            return twice ? [[answer, 'schema.answerTwice']] : [];
          });
        }),
        other: z.optional(z.number()),
      }),
    ),
  });

  /** One RFM score bound: the rules are written for the pipeline's 5 score bins. */
  const rfmScore = z.number(msg('schema.rfmScore')).check(holds((x) => Number.isInteger(x) && x >= 1 && x <= 5, 'schema.rfmScore'));
  /**
   * A [low, high] range. An array checked to length 2 rather than z.tuple, which would add ~1.4 KB
   * to Code.js (loaded on every custom-function call); the cast gives it the tuple's type.
   */
  const rfmRange = z.array(rfmScore).check(
    holds((range) => range.length === 2, 'schema.rfmRange'),
    holds((range) => range.length !== 2 || range[0] <= range[1], 'schema.rfmRangeOrder'),
  ) as unknown as z.ZodMiniType<[number, number]>;
  const RFM_SEGMENT_KEYS = Object.keys(RFM_SEGMENT_NAMES) as [RfmSegment, ...RfmSegment[]];

  /** A segment rule as src/engine/rfm.ts matches it: each score within its inclusive [low, high]. */
  const RfmRuleSchema = z.object({
    segment: oneOf(RFM_SEGMENT_KEYS, 'schema.rfmSegment'),
    r: rfmRange,
    f: rfmRange,
    m: rfmRange,
  });

  return z.object({
    version: z.custom<typeof SETTINGS_VERSION>((v) => v === SETTINGS_VERSION, msg('schema.invalid')),
    /** 'auto' follows the user's Google locale. */
    language: z._default(oneOf(['auto', 'en', 'zh']), 'auto'),
    source: z.object({
      sheetName: z.string().check(atMost(MAX_NAME_LENGTH, 'schema.tooLong')),
      headerRow: z.number().check(
        holds(Number.isInteger, 'schema.invalid'),
        holds((x) => x >= 1, 'schema.headerRowMin'),
        holds((x) => x <= 1000, 'schema.headerRowMax'),
      ),
      /** One row per customer, or one row per order (rolled up per customer before tiering). */
      layout: z._default(oneOf(['customers', 'orders']), 'customers'),
      /** Columns are named by their header text, so that moving a column does not break the settings. */
      idColumn: z._default(z.string(), ''),
      valueColumn: z._default(z.string(), ''),
      dateColumn: z._default(z.string(), ''),
      costColumn: z._default(z.string(), ''),
      potentialColumn: z._default(z.string(), ''),
      frequencyColumn: z._default(z.string(), ''),
    }),
    mode: z._default(oneOf(MODES), 'abc'),
    /** A column whose groups (region, sales rep) are tiered each on their own; '' = the whole table. */
    groupBy: z._default(z.string().check(atMost(MAX_NAME_LENGTH, 'schema.tooLong')), ''),
    abc: z.object({
      method: z._default(oneOf(['pareto', 'rank', 'threshold', 'computed']), 'pareto'),
      cuts: z.array(z.number()).check(atMost(9, 'schema.maxTiers')),
    }),
    score: z.object({
      dimensions: z.array(DimensionSchema).check(atMost(12, 'schema.maxDimensions')),
      normalisation: z._default(oneOf(['percentile', 'minmax']), 'percentile'),
      tierMethod: z._default(oneOf(['rank', 'threshold']), 'rank'),
      cuts: z.array(z.number()).check(atMost(9, 'schema.maxTiers')),
    }),
    rfm: z.object({
      /** ISO date recency is measured from; empty = the latest order date in the data. */
      asOf: z._default(z.string().check(matches(/^(\d{4}-\d{2}-\d{2})?$/, 'schema.dateFormat')), ''),
      /**
       * The segment rules in order, first match wins; absent or empty = the built-in rules
       * (DEFAULT_RFM_SEGMENT_RULES), so settings saved before rules existed load unchanged.
       */
      rules: z.optional(z.array(RfmRuleSchema).check(atMost(MAX_RFM_RULES, 'schema.maxRfmRules'))),
    }),
    valueGroups: z.object({
      mvcShare: z._default(share, 0.2),
      mgcShare: z._default(share, 0.2),
      /** MGC's potential from predicted value (orders list, no potential column): growth gap = predicted value minus past spend over `predicted.horizon`. z.custom, not z.boolean: less bundle (a refusal reads schema.invalid). */
      mgcPredicted: z._default(
        z.custom<boolean>((v) => v === !!v),
        false,
      ),
    }),
    /** Predicted value (BG/NBD + Gamma-Gamma): weeks ahead and the monthly discount rate; tiers use `abc`, the history ends at `rfm.asOf`. */
    predicted: z._default(
      z.object({
        horizon: z.number().check(
          holds((x) => x > 0, 'schema.moreThan0'),
          holds((x) => x <= 520, 'schema.invalid'),
        ),
        discountRate: z.number().check(
          holds((x) => x >= 0, 'schema.invalid'),
          holds((x) => x < 1, 'schema.lessThan1'),
        ),
      }),
      { horizon: 39, discountRate: 0.01 },
    ),
    /** Tier labels and colours for ABC and score modes, top tier first; one more tier than cuts. */
    tiers: z.array(z.object({ label: nonEmpty, colour: hexColour })).check(
      holds((tiers) => tiers.length >= 2, 'schema.minTiers'),
      atMost(10, 'schema.maxTiers'),
    ),
    /** The user's own per-tier actions, by tier, group or segment label; missing ones use the built-in playbook. */
    playbook: z._default(
      table<string>((entries) =>
        entries.flatMap(([name, action]): [string, IssueCode][] =>
          typeof action !== 'string' ? [[name, 'schema.invalid']] : action.length > 500 ? [[name, 'schema.actionTooLong']] : [],
        ),
      ),
      {},
    ),
  });
}

let schema: ReturnType<typeof buildSettingsSchema> | undefined;

export function settingsSchema(): ReturnType<typeof buildSettingsSchema> {
  return (schema ??= buildSettingsSchema());
}

export type Settings = z.infer<ReturnType<typeof buildSettingsSchema>>;
export type TierSetting = Settings['tiers'][number];
export type DimensionSetting = Settings['score']['dimensions'][number];

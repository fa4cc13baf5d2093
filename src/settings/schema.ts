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
import { MAX_NAME_LENGTH, MAX_RFM_RULES, MAX_WEIGHT } from './constants';

/** A check's message is its problem code: validateSettings returns it as data, the edges render it. */
const msg = (code: IssueCode): string => code;

export const SETTINGS_VERSION = 1;

export const MODES = ['abc', 'score', 'rfm', 'valueGroups', 'predicted'] as const;
export type Mode = (typeof MODES)[number];

/**
 * Built on first use, not when Code.js loads: constructing the schema is nearly all of the
 * bundle's top-level work, and custom functions, which load Code.js on every call, never need it.
 */
function buildSettingsSchema() {
  const hexColour = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, msg('schema.colour')));
  const nonEmpty = z.string().check(z.minLength(1, msg('schema.notEmpty')), z.maxLength(MAX_NAME_LENGTH, msg('schema.tooLong')));
  const share = z.number().check(z.gt(0, msg('schema.moreThan0')), z.lt(1, msg('schema.lessThan1')));

  const DimensionSchema = z.object({
    column: nonEmpty,
    weight: z.number().check(z.gte(0, msg('schema.weightNegative')), z.lte(MAX_WEIGHT, msg('schema.weightTooLarge'))),
    direction: z._default(z.enum(['higher', 'lower']), 'higher'),
  });

  /** One RFM score bound: the rules are written for the pipeline's 5 score bins. */
  const rfmScore = z.int(msg('schema.rfmScore')).check(z.gte(1, msg('schema.rfmScore')), z.lte(5, msg('schema.rfmScore')));
  /**
   * A [low, high] range. An array checked to length 2 rather than z.tuple, which would add ~1.4 KB
   * to Code.js (loaded on every custom-function call); the cast gives it the tuple's type.
   */
  const rfmRange = z.array(rfmScore).check(
    z.length(2, msg('schema.rfmRange')),
    z.refine((range) => range.length !== 2 || range[0] <= range[1], msg('schema.rfmRangeOrder')),
  ) as unknown as z.ZodMiniType<[number, number]>;
  const RFM_SEGMENT_KEYS = Object.keys(RFM_SEGMENT_NAMES) as [RfmSegment, ...RfmSegment[]];

  /** A segment rule as src/engine/rfm.ts matches it: each score within its inclusive [low, high]. */
  const RfmRuleSchema = z.object({
    segment: z.enum(RFM_SEGMENT_KEYS, msg('schema.rfmSegment')),
    r: rfmRange,
    f: rfmRange,
    m: rfmRange,
  });

  return z.object({
    version: z.literal(SETTINGS_VERSION),
    /** 'auto' follows the user's Google locale. */
    language: z._default(z.enum(['auto', 'en', 'zh']), 'auto'),
    source: z.object({
      sheetName: z.string().check(z.maxLength(MAX_NAME_LENGTH)),
      headerRow: z.int().check(z.gte(1, msg('schema.headerRowMin')), z.lte(1000, msg('schema.headerRowMax'))),
      /** One row per customer, or one row per order (rolled up per customer before tiering). */
      layout: z._default(z.enum(['customers', 'orders']), 'customers'),
      /** Columns are named by their header text, so that moving a column does not break the settings. */
      idColumn: z._default(z.string(), ''),
      valueColumn: z._default(z.string(), ''),
      dateColumn: z._default(z.string(), ''),
      costColumn: z._default(z.string(), ''),
      potentialColumn: z._default(z.string(), ''),
      frequencyColumn: z._default(z.string(), ''),
    }),
    mode: z._default(z.enum(MODES), 'abc'),
    abc: z.object({
      method: z._default(z.enum(['pareto', 'rank', 'threshold', 'computed']), 'pareto'),
      cuts: z.array(z.number()).check(z.maxLength(9, msg('schema.maxTiers'))),
    }),
    score: z.object({
      dimensions: z.array(DimensionSchema).check(z.maxLength(12, msg('schema.maxDimensions'))),
      normalisation: z._default(z.enum(['percentile', 'minmax']), 'percentile'),
      tierMethod: z._default(z.enum(['rank', 'threshold']), 'rank'),
      cuts: z.array(z.number()).check(z.maxLength(9, msg('schema.maxTiers'))),
    }),
    rfm: z.object({
      /** ISO date recency is measured from; empty = the latest order date in the data. */
      asOf: z._default(z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2})?$/, msg('schema.dateFormat'))), ''),
      /**
       * The segment rules in order, first match wins; absent or empty = the built-in rules
       * (DEFAULT_RFM_SEGMENT_RULES), so settings saved before rules existed load unchanged.
       */
      rules: z.optional(z.array(RfmRuleSchema).check(z.maxLength(MAX_RFM_RULES, msg('schema.maxRfmRules')))),
    }),
    valueGroups: z.object({
      mvcShare: z._default(share, 0.2),
      mgcShare: z._default(share, 0.2),
    }),
    /** Predicted value (BG/NBD + Gamma-Gamma): weeks ahead and the monthly discount rate; tiers use `abc`, the history ends at `rfm.asOf`. */
    predicted: z._default(
      z.object({
        horizon: z.number().check(z.gt(0, msg('schema.moreThan0')), z.lte(520, msg('schema.invalid'))),
        discountRate: z.number().check(z.gte(0, msg('schema.invalid')), z.lt(1, msg('schema.lessThan1'))),
      }),
      { horizon: 39, discountRate: 0.01 },
    ),
    /** Tier labels and colours for ABC and score modes, top tier first; one more tier than cuts. */
    tiers: z
      .array(z.object({ label: nonEmpty, colour: hexColour }))
      .check(z.minLength(2, msg('schema.minTiers')), z.maxLength(10, msg('schema.maxTiers'))),
    /** The user's own per-tier actions, by tier, group or segment label; missing ones use the built-in playbook. */
    playbook: z._default(z.record(z.string(), z.string().check(z.maxLength(500, msg('schema.actionTooLong')))), {}),
  });
}

let schema: ReturnType<typeof buildSettingsSchema> | undefined;

export function settingsSchema(): ReturnType<typeof buildSettingsSchema> {
  return (schema ??= buildSettingsSchema());
}

export type Settings = z.infer<ReturnType<typeof buildSettingsSchema>>;
export type TierSetting = Settings['tiers'][number];
export type DimensionSetting = Settings['score']['dimensions'][number];

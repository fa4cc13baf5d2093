/**
 * Tier change between two periods: did a customer move up, down, stay, arrive or leave?
 * Labels are compared trimmed and case-insensitively ("a " matches "A"); the tier order lists the
 * best tier first. Without an order, two different labels are just 'changed': guessing an order
 * (alphabetical: Bronze before Gold) would call a step down an upgrade.
 */
import type { RowIssue, TierChangeKind } from './types';
import { RFM_SEGMENT_NAMES, VALUE_GROUP_NAMES, type LocalNames } from './labels';
import { IssueError, type IssueDetail } from './problems';

/** How a customer's tier moved between two periods ('changed': to another tier of no known order). */
export type { TierChangeKind } from './types';

const key = (label: string) => label.trim().toLowerCase();
const isBlank = (label: string | null | undefined): label is null | undefined =>
  label === null || label === undefined || label.trim() === '';

/** Position of every tier label by its normalized key; throws on an empty or repeated label. */
function positions(tierOrder: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  tierOrder.forEach((label, i) => {
    if (typeof label !== 'string' || label.trim() === '')
      throw new Error(`Tier order entry ${i + 1} is empty: list every tier name, best first`);
    if (index.has(key(label))) throw new Error(`Tier "${label.trim()}" appears twice in the tier order`);
    index.set(key(label), i);
  });
  return index;
}

function unknownLabel(label: string, tierOrder: readonly string[]): IssueDetail {
  return { code: 'change.unknownTier', params: { label: label.trim(), expected: tierOrder.map((t) => t.trim()) } };
}

function compare(
  previous: string | null | undefined,
  current: string | null | undefined,
  index: Map<string, number> | null,
  tierOrder: readonly string[],
): TierChangeKind | null {
  if (index === null) {
    if (isBlank(previous)) return isBlank(current) ? null : 'new';
    if (isBlank(current)) return 'lost';
    return key(previous) === key(current) ? 'same' : 'changed';
  }
  if (isBlank(previous)) return isBlank(current) ? null : checkKnown(current, index, tierOrder, 'new');
  if (isBlank(current)) return checkKnown(previous, index, tierOrder, 'lost');
  const from = index.get(key(previous));
  const to = index.get(key(current));
  if (from === undefined) throw new IssueError(unknownLabel(previous, tierOrder));
  if (to === undefined) throw new IssueError(unknownLabel(current, tierOrder));
  return to < from ? 'upgrade' : to > from ? 'downgrade' : 'same';
}

function checkKnown(label: string, index: Map<string, number>, tierOrder: readonly string[], kind: TierChangeKind): TierChangeKind {
  if (!index.has(key(label))) throw new IssueError(unknownLabel(label, tierOrder));
  return kind;
}

/**
 * Change from `previous` to `current` tier. Upgrade = moved to a better tier (earlier in
 * tierOrder). Blank previous = 'new', blank current = 'lost', both blank = null. Throws an
 * IssueError (an Error with the English message and the code) naming the label when a label is
 * not in tierOrder.
 */
export function tierChange(previous: string | null, current: string | null, tierOrder: readonly string[]): TierChangeKind | null {
  return compare(previous, current, positions(tierOrder), tierOrder);
}

/** Orders the add-on itself uses, best first: value groups and RFM segments (as the run's Change column orders them), in English and Chinese. */
const KNOWN_ORDERS: readonly (readonly string[])[] = [VALUE_GROUP_NAMES, RFM_SEGMENT_NAMES].flatMap((table: Record<string, LocalNames>) => [
  Object.values(table).map((n) => n[0]),
  Object.values(table).map((n) => n[1]),
]);

/**
 * The order of `labels` when one is known: single letters (A best, as the default tiers A, B, C
 * and their extensions), value groups or RFM segments; null otherwise (Bronze/Silver/Gold, 甲乙丙).
 */
export function knownTierOrder(labels: ReadonlyArray<string | null>): string[] | null {
  const present = new Set(labels.filter((l): l is string => !isBlank(l)).map(key));
  if (present.size === 0) return null;
  if ([...present].every((l) => /^[a-z]$/.test(l))) return [...present].sort().map((l) => l.toUpperCase());
  for (const order of KNOWN_ORDERS) {
    const keys = new Set(order.map(key));
    if ([...present].every((l) => keys.has(l))) return [...order];
  }
  return null;
}

/**
 * Row-by-row tierChange over two columns. Rows with an unknown label get null and a RowIssue
 * (0-based row) instead of stopping the whole column; a bad tierOrder throws. A null tierOrder
 * compares labels only: same, changed, new or lost.
 */
export function tierChanges(
  previous: ReadonlyArray<string | null>,
  current: ReadonlyArray<string | null>,
  tierOrder: readonly string[] | null,
): { changes: (TierChangeKind | null)[]; issues: RowIssue[] } {
  const index = tierOrder === null ? null : positions(tierOrder);
  const issues: RowIssue[] = [];
  const rows = Math.max(previous.length, current.length);
  if (previous.length !== current.length) {
    issues.push({
      row: Math.min(previous.length, current.length),
      code: 'change.lengthMismatch',
      params: { previous: previous.length, current: current.length },
    });
  }
  const changes: (TierChangeKind | null)[] = [];
  for (let row = 0; row < rows; row++) {
    try {
      changes.push(compare(previous[row], current[row], index, tierOrder ?? []));
    } catch (e) {
      changes.push(null);
      if (!(e instanceof IssueError)) throw e;
      issues.push({ row, ...e.issue });
    }
  }
  return { changes, issues };
}

/** Counts of customers moving between tiers. */
export interface MigrationMatrix {
  /** The tier labels, best first (as given in tierOrder). */
  tiers: string[];
  /**
   * counts[from][to]: rows 0..k-1 are previous tiers and row k is 'new' (no previous tier);
   * columns 0..k-1 are current tiers and column k is 'lost' (no current tier). counts[k][k] is 0.
   */
  counts: number[][];
  upgrades: number;
  downgrades: number;
  same: number;
  newCount: number;
  lost: number;
  /** Customers left out because a label is not in tierOrder, one message each. */
  issues: IssueDetail[];
}

/**
 * Migration matrix between two periods' tiers by customer id. A customer only in `currentById`
 * is new; only in `previousById` (or blank now) is lost. Customers with a label outside tierOrder
 * are left out and listed in `issues`; a bad tierOrder throws.
 */
export function migrationMatrix(
  previousById: ReadonlyMap<string, string>,
  currentById: ReadonlyMap<string, string>,
  tierOrder: readonly string[],
): MigrationMatrix {
  const index = positions(tierOrder);
  const k = tierOrder.length;
  const counts = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
  const result: MigrationMatrix = {
    tiers: tierOrder.map((t) => t.trim()),
    counts,
    upgrades: 0,
    downgrades: 0,
    same: 0,
    newCount: 0,
    lost: 0,
    issues: [],
  };
  const slot = (label: string | undefined): number | null => (isBlank(label) ? k : (index.get(key(label)) ?? null));
  const ids = new Set([...previousById.keys(), ...currentById.keys()]);
  for (const id of ids) {
    const before = previousById.get(id);
    const now = currentById.get(id);
    const from = slot(before);
    const to = slot(now);
    if (from === null || to === null) {
      const reason = unknownLabel((from === null ? before : now) as string, tierOrder);
      result.issues.push({ code: 'change.customerUnknownTier', params: { id, reason } });
      continue;
    }
    if (from === k && to === k) continue; // blank in both periods
    counts[from][to]++;
    if (from === k) result.newCount++;
    else if (to === k) result.lost++;
    else if (to < from) result.upgrades++;
    else if (to > from) result.downgrades++;
    else result.same++;
  }
  return result;
}

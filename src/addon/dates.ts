/**
 * Date cells reach the script as instants: midnight in the *spreadsheet's* time zone, which need not
 * be the script's (appsscript.json). Reading their local calendar date would shift every date by a
 * day for, say, a spreadsheet in Asia/Shanghai. So the adapter turns them into 'YYYY-MM-DD' text in
 * the spreadsheet's zone before the engine sees them (the engine reads ISO text as a date, and as
 * "not a number" where an amount is expected), and turns result days back into that zone's midnight.
 */
import type { Cell, SerialDay } from '../engine/types';
import { isoFromSerialDay } from '../engine/cells';
import { isDateValue } from './sheetWriting';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/**
 * Offsets are learned per week: equal offsets at both ends mean one offset all through, since no
 * zone changes its offset twice within a week (daylight saving changes are months apart; Morocco's
 * Ramadan change, the shortest, lasts about a month).
 */
const BLOCK_MS = 7 * DAY_MS;

export interface SheetDates {
  toIso(d: Date): string;
  /** Midnight of that day in the spreadsheet's zone, so Sheets shows the same calendar date. */
  toDate(day: SerialDay): Date;
  /** Whether the instant is a midnight in the spreadsheet's zone (a date without a time of day). */
  isMidnight(d: Date): boolean;
}

/**
 * A converter for one run. Utilities.formatDate is a service call, so the zone's offset is asked
 * once per distinct week (at its start, shared with the week before), and where it changes within
 * a week (daylight saving) the change is found to the minute by bisection (14 more calls): 10,000
 * timestamps over a year cost about 80 calls, never one per cell.
 */
export function sheetDates(timeZone: string): SheetDates {
  const asked = new Map<number, number>();
  const ask = (ms: number): number => {
    let o = asked.get(ms);
    if (o === undefined) {
      const z = Utilities.formatDate(new Date(ms), timeZone, 'Z'); // e.g. +0800
      const m = /^([+-])(\d{2})(\d{2})$/.exec(z);
      o = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
      asked.set(ms, o);
    }
    return o;
  };
  /** Per block: the offset before `switchAt` and from it on (equal when nothing changes). */
  const blocks = new Map<number, { switchAt: number; before: number; after: number }>();
  const offsetAt = (t: number): number => {
    const k = Math.floor(t / BLOCK_MS);
    let b = blocks.get(k);
    if (!b) {
      let lo = k * BLOCK_MS;
      let hi = lo + BLOCK_MS;
      const before = ask(lo);
      const after = ask(hi);
      if (before !== after) {
        while (hi - lo > MINUTE_MS) {
          const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
          if (ask(mid) === before) lo = mid;
          else hi = mid;
        }
      }
      b = { switchAt: hi, before, after };
      blocks.set(k, b);
    }
    return t < b.switchAt ? b.before : b.after;
  };
  const local = (d: Date) => d.getTime() + offsetAt(d.getTime()) * MINUTE_MS;
  return {
    toIso: (d) => new Date(local(d)).toISOString().slice(0, 10),
    toDate(day: SerialDay): Date {
      const utcMidnight = Date.parse(`${isoFromSerialDay(day)}T00:00:00Z`);
      return new Date(utcMidnight - offsetAt(utcMidnight - offsetAt(utcMidnight) * MINUTE_MS) * MINUTE_MS);
    },
    isMidnight: (d) => local(d) % DAY_MS === 0,
  };
}

/** Replaces every Date cell of a table (in place) by its ISO date in the spreadsheet's time zone. */
export function datesToIso(rows: Cell[][], dates: SheetDates): Cell[][] {
  for (const row of rows) {
    for (let j = 0; j < row.length; j++) {
      const cell = row[j];
      if (isDateValue(cell)) row[j] = Number.isNaN(cell.getTime()) ? '' : dates.toIso(cell);
    }
  }
  return rows;
}

/** The active spreadsheet's time zone (custom functions may read it), else the script's. */
export function spreadsheetTimeZone(): string {
  try {
    return SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  } catch {
    return Session.getScriptTimeZone();
  }
}

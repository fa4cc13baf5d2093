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

export interface SheetDates {
  toIso(d: Date): string;
  /** Midnight of that day in the spreadsheet's zone, so Sheets shows the same calendar date. */
  toDate(day: SerialDay): Date;
}

/**
 * A converter for one run. Offsets are learned from Utilities.formatDate only when a cell is not
 * midnight under any offset seen so far, so a whole column costs a call or two (one per
 * daylight-saving offset), not one per cell.
 */
export function sheetDates(timeZone: string): SheetDates {
  const offsets: number[] = [];
  const offsetOfDay = new Map<string, number>();
  const offsetAt = (ms: number): number => {
    const z = Utilities.formatDate(new Date(ms), timeZone, 'Z'); // e.g. +0800
    const m = /^([+-])(\d{2})(\d{2})$/.exec(z);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  };
  const isoAt = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    toIso(d: Date): string {
      const t = d.getTime();
      for (const o of offsets) {
        const local = t + o * MINUTE_MS;
        if (((local % DAY_MS) + DAY_MS) % DAY_MS === 0) {
          const iso = isoAt(local);
          offsetOfDay.set(iso, o);
          return iso;
        }
      }
      // A time of day, or a new offset: learn it while few are known, else use the latest.
      const o = offsets.length < 3 ? offsetAt(t) : offsets[offsets.length - 1];
      if (!offsets.includes(o)) offsets.push(o);
      const iso = isoAt(t + o * MINUTE_MS);
      offsetOfDay.set(iso, o);
      return iso;
    },
    toDate(day: SerialDay): Date {
      const iso = isoFromSerialDay(day);
      const utcMidnight = Date.parse(`${iso}T00:00:00Z`);
      // Result days are days the input had, so their offset is known without another call.
      const o = offsetOfDay.get(iso) ?? offsetAt(utcMidnight);
      offsetOfDay.set(iso, o);
      return new Date(utcMidnight - o * MINUTE_MS);
    },
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

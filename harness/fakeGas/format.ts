/**
 * Date, time-zone and number formatting shared by the fake services: Utilities.formatDate
 * (Java SimpleDateFormat patterns), Sheets display values (Sheets number-format patterns) and
 * parsing of typed-in date strings in the spreadsheet's time zone.
 */

export const isDate = (x: unknown): x is Date => Object.prototype.toString.call(x) === '[object Date]';

const dtfCache = new Map<string, Intl.DateTimeFormat>();

/** Minutes to add to UTC to get local time in `tz` at instant `ms` (e.g. +480 for Asia/Shanghai). */
export function tzOffsetMinutes(ms: number, tz: string): number {
  const fixed = /^(?:GMT|UTC|Z)?(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(tz.trim());
  if (fixed) return fixed[1] ? (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) : 0;
  let dtf = dtfCache.get(tz);
  if (!dtf) {
    dtf = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    dtfCache.set(tz, dtf);
  }
  const p: Record<string, number> = {};
  for (const part of dtf.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - (ms - (((ms % 1000) + 1000) % 1000))) / 60000);
}

interface Fields {
  y: number;
  M: number;
  d: number;
  H: number;
  m: number;
  s: number;
  S: number;
  dow: number;
  doy: number;
  off: number;
}

function fieldsIn(date: Date, tz: string): Fields {
  const ms = date.getTime();
  const off = tzOffsetMinutes(ms, tz);
  const l = new Date(ms + off * 60000);
  const y = l.getUTCFullYear();
  return {
    y,
    M: l.getUTCMonth() + 1,
    d: l.getUTCDate(),
    H: l.getUTCHours(),
    m: l.getUTCMinutes(),
    s: l.getUTCSeconds(),
    S: l.getUTCMilliseconds(),
    dow: l.getUTCDay(),
    doy: Math.floor((l.getTime() - Date.UTC(y, 0, 1)) / 86400000) + 1,
    off,
  };
}

/** The instant at local wall-clock time (y, M 1-based, d, H, m, s) in `tz`. */
export function zonedTime(y: number, M: number, d: number, H: number, m: number, s: number, tz: string): Date {
  const guess = Date.UTC(y, M - 1, d, H, m, s);
  const first = guess - tzOffsetMinutes(guess, tz) * 60000;
  return new Date(guess - tzOffsetMinutes(first, tz) * 60000);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, w: number) => String(Math.abs(n)).padStart(w, '0');

function offsetText(off: number, style: 'Z' | 'X' | 'XX' | 'XXX' | 'z'): string {
  const sign = off < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(off) / 60), 2);
  const m = pad(Math.abs(off) % 60, 2);
  if (style === 'z') return off === 0 ? 'UTC' : `GMT${sign}${h}:${m}`;
  if (style !== 'Z' && off === 0) return 'Z';
  if (style === 'X') return `${sign}${h}`;
  if (style === 'XXX') return `${sign}${h}:${m}`;
  return `${sign}${h}${m}`;
}

/** Utilities.formatDate: Java SimpleDateFormat letters (y M d H h k K m s S E a z Z X D u) and 'quoted' text. */
export function formatJavaDate(date: Date, tz: string, pattern: string): string {
  if (!isDate(date) || Number.isNaN(date.getTime())) throw new Error('Invalid argument: date');
  const f = fieldsIn(date, tz);
  return pattern.replace(/'([^']*)'|([a-zA-Z])\2*/g, (tok, quoted: string | undefined) => {
    if (quoted !== undefined) return quoted === '' ? "'" : quoted;
    const n = tok.length;
    switch (tok[0]) {
      case 'y':
        return n === 2 ? pad(f.y % 100, 2) : pad(f.y, n);
      case 'M':
        return n >= 4 ? MONTHS[f.M - 1] : n === 3 ? MONTHS[f.M - 1].slice(0, 3) : pad(f.M, n);
      case 'd':
        return pad(f.d, n);
      case 'H':
        return pad(f.H, n);
      case 'k':
        return pad(f.H === 0 ? 24 : f.H, n);
      case 'K':
        return pad(f.H % 12, n);
      case 'h':
        return pad(f.H % 12 === 0 ? 12 : f.H % 12, n);
      case 'm':
        return pad(f.m, n);
      case 's':
        return pad(f.s, n);
      case 'S':
        return pad(f.S, 3).slice(0, Math.max(n, 3)).padEnd(n, '0');
      case 'E':
        return n >= 4 ? DAYS[f.dow] : DAYS[f.dow].slice(0, 3);
      case 'u':
        return String(f.dow === 0 ? 7 : f.dow);
      case 'D':
        return pad(f.doy, n);
      case 'a':
        return f.H < 12 ? 'AM' : 'PM';
      case 'z':
        return offsetText(f.off, 'z');
      case 'Z':
        return offsetText(f.off, 'Z');
      case 'X':
        return offsetText(f.off, n === 1 ? 'X' : n === 2 ? 'XX' : 'XXX');
      default:
        throw new Error(`Illegal pattern character '${tok[0]}'`);
    }
  });
}

/** Sheets date patterns (yyyy mm dd hh ss am/pm; mm is minutes right after hours or before seconds). */
function formatSheetDate(date: Date, tz: string, pattern: string): string {
  const f = fieldsIn(date, tz);
  const ampm = /am\/pm|a\/p/i.test(pattern);
  const tokens = pattern.match(/"[^"]*"|\\.|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|a\/p|[^ymdhsa"\\]+|./gi) ?? [];
  let lastWasHour = false;
  return tokens
    .map((tok, i) => {
      const t = tok.toLowerCase();
      if (tok.startsWith('"')) return tok.slice(1, -1);
      if (tok.startsWith('\\')) return tok.slice(1);
      if (t === 'yyyy') return pad(f.y, 4);
      if (t === 'yy') return pad(f.y % 100, 2);
      if (t === 'mmmm') return MONTHS[f.M - 1];
      if (t === 'mmm') return MONTHS[f.M - 1].slice(0, 3);
      if (t === 'mm' || t === 'm') {
        const next = tokens.slice(i + 1).find((x) => /^[a-z]/i.test(x));
        const minutes = lastWasHour || (next !== undefined && /^s/i.test(next));
        return pad(minutes ? f.m : f.M, t.length);
      }
      if (t === 'dddd') return DAYS[f.dow];
      if (t === 'ddd') return DAYS[f.dow].slice(0, 3);
      if (t === 'dd' || t === 'd') return pad(f.d, t.length);
      if (t === 'hh' || t === 'h') {
        lastWasHour = true;
        const h = ampm ? f.H % 12 || 12 : f.H;
        return pad(h, t.length);
      }
      if (t === 'ss' || t === 's') return pad(f.s, t.length);
      if (t === 'am/pm') return f.H < 12 ? 'AM' : 'PM';
      if (t === 'a/p') return f.H < 12 ? 'A' : 'P';
      return tok;
    })
    .join('');
}

const DATE_FORMAT = /(^|[^"\\])[ydhs]|mmm/i;
/** Serial day 0 of Sheets (1899-12-30) in ms since the epoch. */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** What Sheets would display for `value` under number format `nf` (a useful subset of patterns). */
export function displayValue(value: unknown, nf: string | undefined, tz: string): string {
  if (value === '' || value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (isDate(value)) return formatSheetDate(value, tz, nf && DATE_FORMAT.test(nf) ? nf : 'yyyy-mm-dd');
  if (typeof value !== 'number') return String(value);
  if (nf === '@') return String(value);
  if (nf && DATE_FORMAT.test(nf) && !/[#0]/.test(nf.replace(/"[^"]*"/g, ''))) {
    const local = new Date(SERIAL_EPOCH + Math.round(value * 86400000));
    return formatSheetDate(local, 'UTC', nf);
  }
  if (!nf || nf === 'General' || /^0\.#+$/.test(nf)) return String(Number(value.toPrecision(15)));
  const body = /[#0][#0,.]*%?/.exec(nf.replace(/"[^"]*"/g, (q) => ' '.repeat(q.length)));
  if (!body) return String(value);
  const spec = body[0];
  const prefix = nf.slice(0, body.index).replace(/"/g, '');
  const suffix = nf.slice(body.index + spec.length).replace(/"/g, '');
  const percent = spec.endsWith('%');
  const decimals = (spec.split('.')[1] ?? '').replace('%', '').length;
  const n = percent ? value * 100 : value;
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = spec.includes(',') ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int;
  return `${n < 0 && Number(fixed) !== 0 ? '-' : ''}${prefix}${grouped}${frac ? `.${frac}` : ''}${percent ? '%' : ''}${suffix}`;
}

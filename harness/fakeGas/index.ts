/**
 * createFakeGas(): an in-memory Apps Script (Sheets container) for tests, the playground and the
 * main job. `fake.globals` are the service objects to install as globals for the add-on (see
 * ../loadBundle.ts); every object the add-on gets goes through one Proxy that
 *  - counts each method call (`fake.calls.byMethod['Range.setValues']`),
 *  - enforces the simulated authorization mode (NONE / CUSTOM_FUNCTION),
 *  - hides fake internals (`_` members) and throws a clear error for unimplemented methods,
 *  - converts Dates, arrays and plain objects into the add-on's vm realm (so `instanceof Date`
 *    works inside it) and converts errors to the realm's Error.
 * `fake.spreadsheet` and the other fields are the raw objects, for test setup and inspection.
 */
import path from 'node:path';
import { isDate } from './format';
import { targets } from './unwrap';
import type { FakeSheet } from './sheet';
import type { SpreadsheetEnv } from './shared';
import { FakeSpreadsheet } from './spreadsheet';
import {
  FakeCacheService,
  FakeCharts,
  FakeHtmlService,
  FakeLockService,
  FakeLogger,
  FakePropertiesService,
  FakeScriptApp,
  FakeSession,
  FakeSpreadsheetApp,
  FakeUi,
  FakeUiRecorder,
  FakeUtilities,
  OTHER_EXECUTION,
} from './services';

export { type CellValue, columnLetter, enumOf, normalizeColor, type OnlyGasKeys, type Rect, type SpreadsheetEnv } from './shared';
export { FakeDeveloperMetadata, FakeDeveloperMetadataFinder, FakeDeveloperMetadataLocation } from './developerMetadata';
export { FakeRange } from './range';
export { BooleanCriteria, FakeBooleanCondition, FakeConditionalFormatRule, FakeConditionalFormatRuleBuilder } from './conditionalFormat';
export { ChartType, FakeChartOptions, FakeContainerInfo, FakeEmbeddedChart, FakeEmbeddedChartBuilder } from './charts';
export { FakeSheet } from './sheet';
export { FakeSpreadsheet, type SpreadsheetOptions, typeChecks } from './spreadsheet';
export * from './services';
export { formatJavaDate, displayValue, tzOffsetMinutes } from './format';
export { sheetSnapshot, spreadsheetSnapshot } from './snapshot';
export { unwrapFake } from './unwrap';

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

export interface FakeGasOptions {
  /** Session.getActiveUserLocale(), e.g. 'en' or 'zh_CN'. Default 'en'. */
  locale?: string;
  /** The spreadsheet's time zone (Spreadsheet.getSpreadsheetTimeZone; Date cells are midnights in it). Default 'Etc/UTC'. */
  timeZone?: string;
  /** The script's time zone (Session.getScriptTimeZone, appsscript.json), separate from the spreadsheet's. Default 'Etc/UTC'. */
  scriptTimeZone?: string;
  /** Spreadsheet locale. Default 'en_US'. */
  spreadsheetLocale?: string;
  authMode?: AuthModeName;
  /** Where createHtmlOutputFromFile reads `<name>.html`. Default <repo>/dist. */
  htmlDir?: string;
  /** Initial sheets: name -> rows (written as if typed). Default one empty 'Sheet1'. */
  sheets?: Record<string, unknown[][]>;
  spreadsheetName?: string;
  addonName?: string;
  email?: string;
  /** Optional formula evaluator; without it a formula cell reads as '#ERROR!'. */
  evaluateFormula?: SpreadsheetEnv['evaluateFormula'];
  /** Print console output of the add-on to the real console too (it is always recorded in fake.logs). */
  echoConsole?: boolean;
}

export interface CallCounter {
  total: number;
  byMethod: Record<string, number>;
  reset(): void;
}

/** Constructors of the add-on's vm realm. */
export interface Realm {
  Array: ArrayConstructor;
  Date: DateConstructor;
  Object: ObjectConstructor;
  Error: ErrorConstructor;
}

export interface FakeGas {
  /** Install these as globals for the add-on (SpreadsheetApp, PropertiesService, ...). */
  globals: Record<string, unknown>;
  /** The raw spreadsheet (not counted, not auth-checked, host-realm values): set up and inspect. */
  spreadsheet: FakeSpreadsheet;
  ui: FakeUiRecorder;
  calls: CallCounter;
  /** Logger.log and console output of the add-on. */
  logs: string[];
  /** Raw property stores. */
  properties: FakePropertiesService['_stores'];
  /** The current simulated authorization mode; change it between calls (onOpen NONE, then a menu click FULL). */
  authMode: AuthModeName;
  /** Simulates another execution holding the document lock until the returned function is called. */
  holdDocumentLock(): () => void;
  holdScriptLock(): () => void;
  /** Starts a new execution: locks still held by the previous one are released, as when a script ends. */
  newExecution(): void;
  /** Ends the current execution: releases the locks it still holds. */
  endExecution(): void;
  /** Sets the realm the add-on runs in (done by loadBundle). */
  setRealm(realm: Realm | null): void;
  /** Converts a host value (args for an entry point) into the add-on's realm, wrapping fake objects. */
  toAddon(value: unknown): unknown;
  /** Converts a value from the add-on's realm to plain host values (arrays, Dates, objects). */
  toHost(value: unknown): unknown;
  /** A Console that records into `logs`. */
  console: Console;
  /** Utilities.sleep requests and lock timeouts asked for, for assertions. */
  sleeps: number[];
}

// Which calls work in AuthMode.NONE (an add-on's onOpen before it is used in the document).
const NONE_ALLOWED = new Set(['SpreadsheetApp.getUi', 'Ui.createAddonMenu', 'Session.getActiveUserLocale']);
const NONE_ALLOWED_TYPES = new Set(['Menu', 'Utilities', 'Logger', 'HtmlService', 'HtmlOutput', 'ScriptApp', 'Charts']);
// Custom functions (Google's "Using Apps Script services" list for them): read-only Spreadsheet
// (get*, not openById/openByUrl), Cache, HTML (made, never shown: Ui is denied), Lock, Properties,
// Utilities; Session without the user's email (see FakeSession). Nothing that needs authorization.
const CUSTOM_OK_TYPES = new Set([
  'PropertiesService',
  'Properties',
  'CacheService',
  'Cache',
  'LockService',
  'Lock',
  'Session',
  'User',
  'Utilities',
  'Logger',
  'HtmlService',
  'HtmlOutput',
]);
// The read-only rule (get*, find...) is for the spreadsheet's own objects, not these services.
const NOT_SPREADSHEET_TYPES = new Set(['Ui', 'Menu', 'SpreadsheetApp', 'ScriptApp', 'Charts']);
const CUSTOM_OK_METHOD = /^(get|is|find|with|on|create\w*Finder$)/;
const SCOPES: Record<string, string> = {
  Ui: 'https://www.googleapis.com/auth/script.container.ui',
  Menu: 'https://www.googleapis.com/auth/script.container.ui',
};
const SPREADSHEET_SCOPE = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
// Properties probed by tools (jest, util.inspect, await) that must not count as missing methods.
const PROBES = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', 'tagName', 'inspect', 'constructor', 'prototype', 'length']);

export function createFakeGas(options: FakeGasOptions = {}): FakeGas {
  const timeZone = options.timeZone ?? 'Etc/UTC';
  const ui = new FakeUiRecorder(options.addonName);
  const logs: string[] = [];
  let execution = 1;
  let realm: Realm | null = null;
  const spreadsheet = new FakeSpreadsheet(
    {
      onToast: (message, title, timeoutSeconds) => ui.toasts.push({ message, title, timeoutSeconds }),
      evaluateFormula: options.evaluateFormula,
    },
    { name: options.spreadsheetName, timeZone, locale: options.spreadsheetLocale, sheets: options.sheets },
  );
  const propertiesService = new FakePropertiesService();
  const lockService = new FakeLockService(() => execution);
  const utilities = new FakeUtilities();
  const fakeUi = new FakeUi(ui);

  const calls: CallCounter = {
    total: 0,
    byMethod: {},
    reset() {
      calls.total = 0;
      calls.byMethod = {};
    },
  };

  const proxies = new WeakMap<object, object>();
  const realmError = (e: unknown): unknown => {
    if (!realm || !(e instanceof Error)) return e;
    const err = new realm.Error(e.message);
    err.name = 'Exception';
    return err;
  };

  function checkAuth(type: string, method: string) {
    const mode = fake.authMode;
    const key = `${type}.${method}`;
    const denied =
      (mode === 'NONE' && !NONE_ALLOWED.has(key) && !NONE_ALLOWED_TYPES.has(type)) ||
      (mode === 'CUSTOM_FUNCTION' &&
        !CUSTOM_OK_TYPES.has(type) &&
        !(!NOT_SPREADSHEET_TYPES.has(type) && CUSTOM_OK_METHOD.test(method)) &&
        !/^SpreadsheetApp\.getActive/.test(key));
    if (denied) {
      throw new Error(`You do not have permission to call ${key}. Required permissions: ${SCOPES[type] ?? SPREADSHEET_SCOPE}`);
    }
  }

  function wrap(target: object): object {
    const cached = proxies.get(target);
    if (cached) return cached;
    const type = (target as { _gasType: string })._gasType;
    const proxy = new Proxy(target, {
      get(t, prop) {
        if (typeof prop === 'symbol') return Reflect.get(t, prop);
        if (prop.startsWith('_') || prop.startsWith('$') || prop.startsWith('@@')) return undefined;
        if (prop === 'toString') return () => type;
        if (!(prop in t)) {
          if (PROBES.has(prop)) return undefined;
          return () => {
            throw realmError(new Error(`FakeSheets: ${type}.${prop} is not implemented`));
          };
        }
        const value = Reflect.get(t, prop);
        if (typeof value !== 'function') return toAddon(value);
        if (prop in Object.prototype) return value.bind(t);
        return function method(...args: unknown[]) {
          calls.total++;
          const key = `${type}.${prop}`;
          calls.byMethod[key] = (calls.byMethod[key] ?? 0) + 1;
          try {
            checkAuth(type, prop);
            return toAddon(value.apply(t, args.map(unwrapArg)));
          } catch (e) {
            throw realmError(e);
          }
        };
      },
      has(t, prop) {
        return typeof prop === 'string' && prop.startsWith('_') ? false : Reflect.has(t, prop);
      },
      set() {
        return false;
      },
    });
    proxies.set(target, proxy);
    targets.set(proxy, target);
    return proxy;
  }

  function unwrapArg(arg: unknown): unknown {
    if (arg && typeof arg === 'object') {
      const target = targets.get(arg);
      if (target) return target;
      if (Array.isArray(arg)) return arg.map((x) => (x && typeof x === 'object' && targets.get(x)) || x);
    }
    return arg;
  }

  function toAddon(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if ('_gasType' in value) return wrap(value);
    if (isDate(value)) return realm ? new realm.Date(value.getTime()) : value;
    if (Array.isArray(value)) {
      const out: unknown[] = realm ? new realm.Array() : [];
      for (const x of value) out.push(toAddon(x));
      return out;
    }
    if (Object.getPrototypeOf(value) === Object.prototype || (realm && Object.getPrototypeOf(value) === realm.Object.prototype)) {
      if (Object.isFrozen(value) && !realm) return value;
      const out: Record<string, unknown> = realm ? (new realm.Object() as Record<string, unknown>) : {};
      for (const [k, v] of Object.entries(value)) out[k] = toAddon(v);
      return Object.isFrozen(value) ? Object.freeze(out) : out;
    }
    return value;
  }

  function toHost(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    const target = targets.get(value);
    if (target) return target;
    if (isDate(value)) return new Date(value.getTime());
    if (Array.isArray(value)) return value.map(toHost);
    if (Object.prototype.toString.call(value) === '[object Error]') {
      const e = value as Error;
      const err = new Error(e.message);
      err.name = e.name;
      return err;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto === null || proto === Object.prototype || (realm && proto === realm.Object.prototype)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toHost(v)]));
    }
    return value;
  }

  const record =
    (level: string) =>
    (...args: unknown[]) => {
      const line = args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ');
      logs.push(level === 'log' ? line : `[${level}] ${line}`);
      if (options.echoConsole) (console as unknown as Record<string, (...a: unknown[]) => void>)[level](...args);
    };
  const fakeConsole = {
    log: record('log'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    debug: record('debug'),
  } as unknown as Console;

  const hold = (lock: { holder: number | null }) => {
    if (lock.holder !== null) throw new Error('FakeSheets: the lock is already held.');
    lock.holder = OTHER_EXECUTION;
    return () => {
      if (lock.holder === OTHER_EXECUTION) lock.holder = null;
    };
  };

  const services = {
    SpreadsheetApp: new FakeSpreadsheetApp(spreadsheet, fakeUi),
    PropertiesService: propertiesService,
    CacheService: new FakeCacheService(),
    LockService: lockService,
    HtmlService: new FakeHtmlService(options.htmlDir ?? path.resolve(__dirname, '..', '..', 'dist')),
    Session: new FakeSession({
      locale: options.locale ?? 'en',
      timeZone: options.scriptTimeZone ?? 'Etc/UTC',
      email: options.email ?? 'owner@example.com',
      authMode: () => fake.authMode,
    }),
    Utilities: utilities,
    Logger: new FakeLogger(logs),
    ScriptApp: new FakeScriptApp(),
    Charts: new FakeCharts(),
  };
  const globals: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(services)) globals[name] = wrap(service);

  const fake: FakeGas = {
    globals,
    spreadsheet,
    ui,
    calls,
    logs,
    properties: propertiesService._stores,
    authMode: options.authMode ?? 'FULL',
    holdDocumentLock: () => hold(lockService._locks.document),
    holdScriptLock: () => hold(lockService._locks.script),
    newExecution() {
      fake.endExecution();
      execution++;
    },
    endExecution() {
      for (const lock of Object.values(lockService._locks)) if (lock.holder === execution) lock.holder = null;
    },
    setRealm(r) {
      realm = r;
    },
    toAddon,
    toHost,
    console: fakeConsole,
    sleeps: utilities._sleeps,
  };
  return fake;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The sheet named `name` of the fake's spreadsheet (raw), or an error naming the sheets that exist. */
export function getSheet(fake: FakeGas, name: string): FakeSheet {
  const sheet = fake.spreadsheet._sheetByName(name);
  if (!sheet) throw new Error(`No sheet named "${name}"; the sheets are: ${fake.spreadsheet._sheets.map((s) => s._name).join(', ')}`);
  return sheet;
}

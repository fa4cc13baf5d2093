/**
 * The non-spreadsheet services of the fake: PropertiesService, LockService, HtmlService, Ui
 * (menus, sidebars, dialogs, alerts, prompts, all recorded), Session, Utilities, Logger,
 * ScriptApp, Charts and SpreadsheetApp itself. Same conventions as the Spreadsheet service (shared.ts): `_` members
 * are internal; the rest are Apps Script names (checked by OnlyGasKeys).
 */
import { ProtectionType } from './protection';
import { FakeRichTextValueBuilder } from './range';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { formatJavaDate } from './format';
import { ChartType } from './charts';
import { BooleanCriteria, FakeConditionalFormatRuleBuilder } from './conditionalFormat';
import { enumOf, type OnlyGasKeys } from './shared';
import type { FakeSpreadsheet } from './spreadsheet';

function fail(message: string): never {
  throw new Error(message);
}

// ---------------------------------------------------------------- properties

/** Limits from Apps Script's quota page: 9 KB per value, 500 KB per property store. */
export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export class FakeProperties {
  readonly _gasType = 'Properties';
  constructor(readonly _store: Map<string, string>) {}
  private _check(next: Map<string, string>) {
    for (const [k, v] of next)
      if (bytes(v) > PROPERTY_VALUE_LIMIT)
        fail(`Argument too large: value (property "${k}" is ${bytes(v)} bytes; the limit is ${PROPERTY_VALUE_LIMIT}).`);
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > PROPERTY_STORE_LIMIT) fail('You have exceeded the property storage quota. Please remove some properties and try again.');
  }
  private _commit(next: Map<string, string>) {
    this._check(next);
    this._store.clear();
    for (const [k, v] of next) this._store.set(k, v);
    return this;
  }
  getProperty(key: string) {
    return this._store.get(String(key)) ?? null;
  }
  getProperties() {
    return Object.fromEntries(this._store);
  }
  getKeys() {
    return [...this._store.keys()];
  }
  setProperty(key: string, value: string) {
    if (key === null || key === undefined || key === '') fail('Invalid argument: key');
    return this._commit(new Map(this._store).set(String(key), String(value)));
  }
  setProperties(properties: Record<string, string>, deleteAllOthers?: boolean) {
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this._store);
    for (const [k, v] of Object.entries(properties)) next.set(k, String(v));
    return this._commit(next);
  }
  deleteProperty(key: string) {
    this._store.delete(String(key));
    return this;
  }
  deleteAllProperties() {
    this._store.clear();
    return this;
  }
}

export class FakePropertiesService {
  readonly _gasType = 'PropertiesService';
  readonly _stores = { document: new Map<string, string>(), user: new Map<string, string>(), script: new Map<string, string>() };
  getDocumentProperties() {
    return new FakeProperties(this._stores.document);
  }
  getUserProperties() {
    return new FakeProperties(this._stores.user);
  }
  getScriptProperties() {
    return new FakeProperties(this._stores.script);
  }
}

// ---------------------------------------------------------------- cache

/** CacheService limits: keys up to 250 characters, values up to 100 KB, at most 6 hours. Entries never expire here. */
export class FakeCache {
  readonly _gasType = 'Cache';
  constructor(readonly _store: Map<string, string>) {}
  get(key: string) {
    return this._store.get(key) ?? null;
  }
  getAll(keys: string[]) {
    return Object.fromEntries(keys.filter((k) => this._store.has(k)).map((k) => [k, this._store.get(k) as string]));
  }
  put(key: string, value: string, expirationInSeconds?: number) {
    if (String(key).length > 250) fail('Argument too large: key');
    if (bytes(String(value)) > 100 * 1024) fail('Argument too large: value');
    if (expirationInSeconds !== undefined && (expirationInSeconds < 1 || expirationInSeconds > 21600))
      fail('Invalid argument: expirationInSeconds');
    this._store.set(String(key), String(value));
  }
  putAll(values: Record<string, string>, expirationInSeconds?: number) {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string) {
    this._store.delete(key);
  }
  removeAll(keys: string[]) {
    for (const k of keys) this._store.delete(k);
  }
}

export class FakeCacheService {
  readonly _gasType = 'CacheService';
  readonly _stores = { document: new Map<string, string>(), script: new Map<string, string>(), user: new Map<string, string>() };
  getDocumentCache() {
    return new FakeCache(this._stores.document);
  }
  getScriptCache() {
    return new FakeCache(this._stores.script);
  }
  getUserCache() {
    return new FakeCache(this._stores.user);
  }
}

// ---------------------------------------------------------------- lock

/** Who holds a lock: an execution number, or OTHER_EXECUTION for a simulated concurrent run. */
export const OTHER_EXECUTION = -1;
export interface LockState {
  holder: number | null;
  waits: number[];
}

export class FakeLock {
  readonly _gasType = 'Lock';
  constructor(
    private readonly _state: LockState,
    private readonly _execution: () => number,
  ) {}
  tryLock(timeoutInMillis: number) {
    this._state.waits.push(timeoutInMillis);
    if (this._state.holder !== null && this._state.holder !== this._execution()) return false;
    this._state.holder = this._execution();
    return true;
  }
  waitLock(timeoutInMillis: number) {
    if (!this.tryLock(timeoutInMillis)) fail('Lock timeout: another process was holding the lock for too long.');
  }
  releaseLock() {
    if (this.hasLock()) this._state.holder = null;
  }
  hasLock() {
    return this._state.holder === this._execution();
  }
}

export class FakeLockService {
  readonly _gasType = 'LockService';
  readonly _locks: Record<'document' | 'script' | 'user', LockState> = {
    document: { holder: null, waits: [] },
    script: { holder: null, waits: [] },
    user: { holder: null, waits: [] },
  };
  constructor(private readonly _execution: () => number) {}
  getDocumentLock() {
    return new FakeLock(this._locks.document, this._execution);
  }
  getScriptLock() {
    return new FakeLock(this._locks.script, this._execution);
  }
  getUserLock() {
    return new FakeLock(this._locks.user, this._execution);
  }
}

// ---------------------------------------------------------------- html

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export class FakeHtmlOutput {
  readonly _gasType = 'HtmlOutput';
  _title = '';
  _width = 0;
  _height = 0;
  _sandbox = 'IFRAME';
  _xFrame = 'DEFAULT';
  _metaTags: { name: string; content: string }[] = [];
  constructor(public _content: string) {}
  getContent() {
    return this._content;
  }
  setContent(content: string) {
    this._content = String(content);
    return this;
  }
  append(addedContent: string) {
    this._content += String(addedContent);
    return this;
  }
  appendUntrusted(addedContent: string) {
    this._content += escapeHtml(String(addedContent));
    return this;
  }
  clear() {
    this._content = '';
    return this;
  }
  getTitle() {
    return this._title;
  }
  setTitle(title: string) {
    this._title = String(title);
    return this;
  }
  getWidth() {
    return this._width;
  }
  setWidth(width: number) {
    this._width = width;
    return this;
  }
  getHeight() {
    return this._height;
  }
  setHeight(height: number) {
    this._height = height;
    return this;
  }
  setSandboxMode(mode: string) {
    this._sandbox = String(mode);
    return this;
  }
  setXFrameOptionsMode(mode: string) {
    this._xFrame = String(mode);
    return this;
  }
  addMetaTag(name: string, content: string) {
    this._metaTags.push({ name, content });
    return this;
  }
  setFaviconUrl(_iconUrl: string) {
    return this;
  }
}

export class FakeHtmlService {
  readonly _gasType = 'HtmlService';
  readonly SandboxMode = enumOf('EMULATED', 'IFRAME', 'NATIVE');
  readonly XFrameOptionsMode = enumOf('ALLOWALL', 'DEFAULT');
  constructor(private readonly _dir: string) {}
  createHtmlOutput(html?: string) {
    return new FakeHtmlOutput(html === undefined ? '' : String(html));
  }
  /** Reads `<htmlDir>/<filename>.html`, as Apps Script reads the project's HTML file. */
  createHtmlOutputFromFile(filename: string) {
    const file = path.join(this._dir, filename.endsWith('.html') ? filename : `${filename}.html`);
    if (!existsSync(file)) fail(`No HTML file named ${filename} was found.`);
    return new FakeHtmlOutput(readFileSync(file, 'utf8'));
  }
}

// ---------------------------------------------------------------- ui

export const Button = enumOf('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
export const ButtonSet = enumOf('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');
type ButtonName = keyof typeof Button;

export type MenuEntry =
  | { type: 'item'; caption: string; functionName: string }
  | { type: 'separator' }
  | { type: 'submenu'; caption: string; items: MenuEntry[] };
export interface RecordedMenu {
  kind: 'addon' | 'custom';
  caption: string;
  items: MenuEntry[];
}
export interface ShownHtml {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  content: string;
  width: number;
  height: number;
  output: FakeHtmlOutput;
}
export interface RecordedAlert {
  title: string;
  prompt: string;
  buttons: string;
  answer: string;
}
export interface RecordedPrompt extends RecordedAlert {
  text: string;
}

/** Everything the add-on showed the user, plus queues of scripted answers to alerts and prompts. */
export class FakeUiRecorder {
  menus: RecordedMenu[] = [];
  shown: ShownHtml[] = [];
  alerts: RecordedAlert[] = [];
  prompts: RecordedPrompt[] = [];
  toasts: { message: string; title: string; timeoutSeconds: number }[] = [];
  private _alertAnswers: string[] = [];
  private _promptAnswers: { text: string; button: string }[] = [];

  constructor(readonly addonName = 'Customer Tiers') {}
  get sidebars() {
    return this.shown.filter((s) => s.kind === 'sidebar');
  }
  get dialogs() {
    return this.shown.filter((s) => s.kind !== 'sidebar');
  }
  /** The next alert() returns this button (default: the first button of the set, e.g. OK or YES). */
  queueAlertAnswer(button: ButtonName) {
    this._alertAnswers.push(button);
  }
  /** The next prompt() returns this text and button. */
  queuePromptAnswer(text: string, button: ButtonName = 'OK') {
    this._promptAnswers.push({ text, button });
  }
  /** The function names of all menu items (flattening sub-menus), e.g. to check each is a top-level function. */
  menuFunctionNames(): string[] {
    const walk = (items: MenuEntry[]): string[] =>
      items.flatMap((i) => (i.type === 'item' ? [i.functionName] : i.type === 'submenu' ? walk(i.items) : []));
    return walk(this.menus.flatMap((m) => m.items));
  }
  reset() {
    this.menus = [];
    this.shown = [];
    this.alerts = [];
    this.prompts = [];
    this.toasts = [];
    this._alertAnswers = [];
    this._promptAnswers = [];
  }
  _nextAlert(buttons: string) {
    return this._alertAnswers.shift() ?? (buttons.startsWith('YES') ? 'YES' : 'OK');
  }
  _nextPrompt(buttons: string) {
    return this._promptAnswers.shift() ?? { text: '', button: buttons.startsWith('YES') ? 'YES' : 'OK' };
  }
}

export class FakeMenu {
  readonly _gasType = 'Menu';
  readonly _items: MenuEntry[] = [];
  constructor(
    private readonly _rec: FakeUiRecorder,
    readonly _kind: 'addon' | 'custom',
    readonly _caption: string,
  ) {}
  addItem(caption: string, functionName: string) {
    if (typeof functionName !== 'string' || !functionName) fail('Invalid argument: functionName');
    this._items.push({ type: 'item', caption: String(caption), functionName });
    return this;
  }
  addSeparator() {
    this._items.push({ type: 'separator' });
    return this;
  }
  addSubMenu(menu: FakeMenu) {
    this._items.push({ type: 'submenu', caption: menu._caption, items: menu._items });
    return this;
  }
  /** Re-adding the add-on menu (or a menu with the same caption) replaces it, as on reopening. */
  addToUi() {
    this._rec.menus = this._rec.menus.filter((m) => (this._kind === 'addon' ? m.kind !== 'addon' : m.caption !== this._caption));
    this._rec.menus.push({ kind: this._kind, caption: this._caption, items: this._items });
  }
}

export class FakePromptResponse {
  readonly _gasType = 'PromptResponse';
  constructor(
    private readonly _text: string,
    private readonly _button: string,
  ) {}
  getResponseText() {
    return this._text;
  }
  getSelectedButton() {
    return this._button;
  }
}

export class FakeUi {
  readonly _gasType = 'Ui';
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(private readonly _rec: FakeUiRecorder) {}
  createAddonMenu() {
    return new FakeMenu(this._rec, 'addon', this._rec.addonName);
  }
  createMenu(caption: string) {
    return new FakeMenu(this._rec, 'custom', String(caption));
  }
  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons). */
  alert(...args: string[]) {
    const [title, prompt, buttons] = args.length >= 3 ? args : ['', args[0], args[1] ?? 'OK'];
    const answer = this._rec._nextAlert(buttons);
    this._rec.alerts.push({ title: String(title), prompt: String(prompt), buttons, answer });
    return answer;
  }
  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons). */
  prompt(...args: string[]) {
    const [title, prompt, buttons] = args.length >= 3 ? args : ['', args[0], args[1] ?? 'OK'];
    const { text, button } = this._rec._nextPrompt(buttons);
    this._rec.prompts.push({ title: String(title), prompt: String(prompt), buttons, answer: button, text });
    return new FakePromptResponse(text, button);
  }
  private _show(kind: ShownHtml['kind'], output: FakeHtmlOutput, title?: string) {
    if (!(output instanceof FakeHtmlOutput)) fail(`Invalid argument: userInterface (expected an HtmlOutput from HtmlService)`);
    // Sidebars are always 300 px wide in Sheets; setWidth is ignored there.
    this._rec.shown.push({
      kind,
      title: title ?? output._title,
      content: output._content,
      width: kind === 'sidebar' ? 300 : output._width,
      height: output._height,
      output,
    });
  }
  showSidebar(userInterface: FakeHtmlOutput) {
    this._show('sidebar', userInterface);
  }
  showModalDialog(userInterface: FakeHtmlOutput, title: string) {
    this._show('modal', userInterface, title);
  }
  showModelessDialog(userInterface: FakeHtmlOutput, title: string) {
    this._show('modeless', userInterface, title);
  }
}

// ---------------------------------------------------------------- session, utilities, logger, script

export class FakeUser {
  readonly _gasType = 'User';
  constructor(private readonly _email: string) {}
  getEmail() {
    return this._email;
  }
}

/** `timeZone` is the script's (appsscript.json), not the spreadsheet's; `authMode` is read at each call. */
export interface SessionOptions {
  locale: string;
  timeZone: string;
  email: string;
  authMode: () => string;
}
export class FakeSession {
  readonly _gasType = 'Session';
  constructor(readonly _o: SessionOptions) {}
  /** Custom functions run without the user's identity: Session's users have a blank email there. */
  private _email() {
    return this._o.authMode() === 'CUSTOM_FUNCTION' ? '' : this._o.email;
  }
  getActiveUserLocale() {
    return this._o.locale;
  }
  getScriptTimeZone() {
    return this._o.timeZone;
  }
  getEffectiveUser() {
    return new FakeUser(this._email());
  }
  getActiveUser() {
    return new FakeUser(this._email());
  }
  getTemporaryActiveUserKey() {
    return 'fake-temporary-user-key';
  }
}

export class FakeUtilities {
  readonly _gasType = 'Utilities';
  readonly _sleeps: number[] = [];
  formatDate(date: Date, timeZone: string, format: string) {
    return formatJavaDate(date, timeZone, format);
  }
  /** Does not wait: records the requested pause so tests stay fast. */
  sleep(milliseconds: number) {
    this._sleeps.push(milliseconds);
  }
  getUuid() {
    return randomUUID();
  }
  formatString(template: string, ...args: unknown[]) {
    return sprintf(template, args);
  }
}

function sprintf(template: string, args: unknown[]): string {
  let i = 0;
  return String(template).replace(/%([sdif%])/g, (_m, k: string) => {
    if (k === '%') return '%';
    const v = args[i++];
    return k === 's' ? String(v) : String(k === 'f' ? Number(v) : Math.trunc(Number(v)));
  });
}

export class FakeLogger {
  readonly _gasType = 'Logger';
  constructor(readonly _lines: string[]) {}
  log(format: unknown, ...values: unknown[]) {
    this._lines.push(
      values.length
        ? sprintf(String(format), values)
        : typeof format === 'object' && format !== null
          ? JSON.stringify(format)
          : String(format),
    );
    return this;
  }
  getLog() {
    return this._lines.join('\n');
  }
  clear() {
    this._lines.length = 0;
  }
}

export const AuthMode = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');

export class FakeScriptApp {
  readonly _gasType = 'ScriptApp';
  readonly AuthMode = AuthMode;
  readonly TriggerSource = enumOf('SPREADSHEETS', 'CALENDAR', 'CLOCK', 'DOCUMENTS', 'FORMS');
  getScriptId() {
    return 'fake-script-id';
  }
}

export class FakeCharts {
  readonly _gasType = 'Charts';
  readonly ChartType = ChartType;
  readonly Position = enumOf('TOP', 'RIGHT', 'BOTTOM', 'NONE');
  readonly ChartMergeStrategy = enumOf('MERGE_COLUMNS', 'MERGE_ROWS');
  readonly ChartHiddenDimensionStrategy = enumOf('IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH');
  readonly CurveStyle = enumOf('NORMAL', 'SMOOTH');
  readonly PointStyle = enumOf('NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE');
}

// ---------------------------------------------------------------- SpreadsheetApp

export class FakeSpreadsheetApp {
  readonly _gasType = 'SpreadsheetApp';
  readonly BooleanCriteria = BooleanCriteria;
  readonly BorderStyle = enumOf('DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE');
  readonly DeveloperMetadataVisibility = enumOf('DOCUMENT', 'PROJECT');
  readonly ProtectionType = ProtectionType;
  readonly DeveloperMetadataLocationType = enumOf('SPREADSHEET', 'SHEET', 'ROW', 'COLUMN', 'OBJECT');
  readonly Dimension = enumOf('COLUMNS', 'ROWS');
  readonly WrapStrategy = enumOf('WRAP', 'OVERFLOW', 'CLIP');
  readonly Direction = enumOf('UP', 'DOWN', 'PREVIOUS', 'NEXT');
  readonly CopyPasteType = enumOf(
    'PASTE_NORMAL',
    'PASTE_NO_BORDERS',
    'PASTE_FORMAT',
    'PASTE_FORMULA',
    'PASTE_DATA_VALIDATION',
    'PASTE_VALUES',
    'PASTE_CONDITIONAL_FORMATTING',
    'PASTE_COLUMN_WIDTHS',
  );
  constructor(
    private readonly _ss: FakeSpreadsheet,
    private readonly _ui: FakeUi,
  ) {}
  getActiveSpreadsheet() {
    return this._ss;
  }
  getActive() {
    return this._ss;
  }
  getActiveSheet() {
    return this._ss.getActiveSheet();
  }
  getActiveRange() {
    return this._ss.getActiveRange();
  }
  getCurrentCell() {
    return this._ss.getCurrentCell();
  }
  setActiveSheet(sheet: Parameters<FakeSpreadsheet['setActiveSheet']>[0]) {
    return this._ss.setActiveSheet(sheet);
  }
  openById(id: string) {
    if (id !== this._ss._id) fail('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return this._ss;
  }
  getUi() {
    return this._ui;
  }
  flush() {}
  newConditionalFormatRule() {
    return new FakeConditionalFormatRuleBuilder();
  }
  newRichTextValue() {
    return new FakeRichTextValueBuilder();
  }
}

export const serviceTypeChecks: [
  OnlyGasKeys<FakeProperties, GoogleAppsScript.Properties.Properties>,
  OnlyGasKeys<FakePropertiesService, GoogleAppsScript.Properties.PropertiesService>,
  OnlyGasKeys<FakeCache, GoogleAppsScript.Cache.Cache>,
  OnlyGasKeys<FakeCacheService, GoogleAppsScript.Cache.CacheService>,
  OnlyGasKeys<FakeLock, GoogleAppsScript.Lock.Lock>,
  OnlyGasKeys<FakeLockService, GoogleAppsScript.Lock.LockService>,
  OnlyGasKeys<FakeHtmlOutput, GoogleAppsScript.HTML.HtmlOutput>,
  OnlyGasKeys<FakeHtmlService, GoogleAppsScript.HTML.HtmlService>,
  OnlyGasKeys<FakeMenu, GoogleAppsScript.Base.Menu>,
  OnlyGasKeys<FakeUi, GoogleAppsScript.Base.Ui>,
  OnlyGasKeys<FakePromptResponse, GoogleAppsScript.Base.PromptResponse>,
  OnlyGasKeys<FakeUser, GoogleAppsScript.Base.User>,
  OnlyGasKeys<FakeSession, GoogleAppsScript.Base.Session>,
  OnlyGasKeys<FakeUtilities, GoogleAppsScript.Utilities.Utilities>,
  OnlyGasKeys<FakeLogger, GoogleAppsScript.Base.Logger>,
  OnlyGasKeys<FakeScriptApp, GoogleAppsScript.Script.ScriptApp>,
  OnlyGasKeys<FakeCharts, GoogleAppsScript.Charts.Charts>,
  OnlyGasKeys<FakeSpreadsheetApp, GoogleAppsScript.Spreadsheet.SpreadsheetApp>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

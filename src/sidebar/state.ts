/**
 * Everything the sidebar shows, as one object, and the pure transitions of it that are more than a
 * settings edit (those are in model.ts): the sheet and rows being read, the live preview, errors
 * and messages, saving. sidebar.ts holds the one current state; the sections draw it. No DOM here,
 * so all of it is tested in Node.
 */
import type { Lang } from '../engine/types';
import type { Settings } from '../settings/schema';
import { defaultSettings } from '../settings/settings';
import type { SheetInfo } from '../addon/sidebarRpc';
import { t } from '../i18n/ui';
import type { SaveResult, ServerState, SheetTable, TierResult } from './api';
import * as model from './model';
import { fieldErrors, type FieldError } from './model';
import { computePreview, type PreviewResult } from './preview';

export interface Message {
  kind: 'info' | 'success' | 'error';
  texts: string[];
}

/** The status line: a message, or (fieldErrors) the summary of `errors` that no field can show. */
export type Status = Message | { kind: 'fieldErrors' } | null;

/** The sheet's rows for the preview. `request` grows with each read, so a slow older answer cannot overwrite a newer one. */
export type TableState =
  | { status: 'none' | 'loading'; request: number }
  | { status: 'loaded'; request: number; table: SheetTable }
  | { status: 'failed'; request: number; message: string };

export interface SidebarState {
  /** Loading until the server has sent the settings; failed when it could not. */
  phase: 'loading' | 'ready' | 'failed';
  settings: Settings;
  /** The user's language as the server knows it, for settings.language 'auto'. */
  serverLang: Lang;
  sheets: SheetInfo[];
  /** Headers, row count and column suggestion of the chosen sheet, as last read. */
  info: SheetInfo | null;
  /** A sheet (and header row) being read: the pickers show it while the server answers. */
  reading: { sheetName: string; headerRow: number } | null;
  table: TableState;
  /** The settings tiered on the table (with `errors` when they cannot be); null without a table. */
  preview: PreviewResult | null;
  /** The preview does not show the latest edit yet; sidebar.ts recomputes it once edits pause. */
  previewStale: boolean;
  /** Above the form: what the server said on opening, or why the sidebar could not open. */
  messages: Message | null;
  /** Shown beside the settings they name (by their leading path). */
  errors: readonly FieldError[];
  /** After a failed save, errors are checked again on every edit, so they go once fixed. */
  liveValidation: boolean;
  status: Status;
  /** Saving or running: the buttons wait. */
  busy: boolean;
  /** The BigQuery table the query shown reads; null until "Copy SQL for BigQuery" is pressed. */
  sqlTable: string | null;
}

export type Transition = (state: SidebarState) => SidebarState;

/** What a section's controls may ask of the sidebar (sidebar.ts provides it). */
export interface Actions {
  /** The current state, to read; sections keep none of their own. */
  current(): SidebarState;
  /** Applies a transition to the current state and redraws every section. */
  update(transition: Transition): void;
  /** Reads a sheet's headers, then its rows; `suggest` replaces the chosen columns by the server's suggestion. */
  readSheet(sheetName: string, headerRow: number, suggest: boolean): void;
  /** Validates, then saves (and runs "Tier customers now" when `thenRun`). */
  save(thenRun: boolean): void;
}

export function initialState(): SidebarState {
  return {
    phase: 'loading',
    settings: defaultSettings(),
    serverLang: 'en',
    sheets: [],
    info: null,
    reading: null,
    table: { status: 'none', request: 0 },
    preview: null,
    previewStale: false,
    messages: null,
    errors: [],
    liveValidation: false,
    status: null,
    busy: false,
    sqlTable: null,
  };
}

/** The language the sidebar speaks. */
export function uiLang(state: SidebarState): Lang {
  return state.settings.language === 'auto' ? state.serverLang : state.settings.language;
}

function serverError(state: SidebarState, message: string): string {
  return t(uiLang(state), 'app.serverError', { message });
}

/** The preview when it tiers (no errors), for what is built on its groups: the playbook, thresholds from tiers. */
export function usablePreview(state: SidebarState): PreviewResult | null {
  return state.preview && !state.preview.errors.length ? state.preview : null;
}

/** The smallest value of each tier in the preview (NaN for an empty tier), for model.setAbcMethod. */
export function previewMinimums(state: SidebarState): number[] | undefined {
  return usablePreview(state)?.summary.map((row) => (row.customers ? row.min : NaN));
}

/** Each customer's value in the preview, for thresholds read from the data (model.choosePreset). */
export function previewValues(state: SidebarState): number[] | undefined {
  const values = usablePreview(state)?.values;
  return values?.length ? values : undefined;
}

/** The preview computed now for the current settings and table. */
export function previewed(state: SidebarState): SidebarState {
  const { table, info } = state;
  const preview = table.status === 'loaded' && info ? computePreview(state.settings, table.table, uiLang(state)) : null;
  return { ...state, preview, previewStale: false };
}

/** `errors` beside their settings; `live` keeps checking them on every edit. */
export function showErrors(state: SidebarState, errors: readonly FieldError[], live = state.liveValidation): SidebarState {
  return { ...state, errors, liveValidation: live, status: errors.length ? { kind: 'fieldErrors' } : state.status };
}

/** After an edit, while errors are checked live: the ones still there, or none (and the status cleared). */
export function revalidated(state: SidebarState): SidebarState {
  if (!state.liveValidation) return state;
  const result = model.validateForSave(state.settings, uiLang(state));
  return result.ok ? { ...state, errors: [], status: null, liveValidation: false } : showErrors(state, result.errors);
}

/**
 * A settings edit (`change` from model.ts) that can change the tiers: errors shown live are
 * checked again and the preview is out of date. No change, no new state.
 */
export function edit(state: SidebarState, change: (settings: Settings) => Settings): SidebarState {
  const settings = change(state.settings);
  if (settings === state.settings) return state;
  return revalidated({ ...state, settings, previewStale: true });
}

/** The playbook changes no tier, so the preview stays as it is. */
export function setPlaybookText(state: SidebarState, key: string, text: string): SidebarState {
  const playbook = model.setPlaybookAction(state.settings.playbook, key, text);
  return revalidated({ ...state, settings: { ...state.settings, playbook } });
}

/** Another language: everything is drawn in it, the preview's labels too (at once, not after a pause). */
export function setLanguage(state: SidebarState, language: Settings['language']): SidebarState {
  return previewed({ ...state, settings: { ...state.settings, language } });
}

export function headerRowRejected(state: SidebarState): SidebarState {
  return showErrors(state, [{ path: 'source.headerRow', text: `${t(uiLang(state), 'data.headerRow')} ≥ 1` }]);
}

/**
 * The server's answer on opening. The sheet shown is the saved one, else the active one, else the
 * first. New settings (no value column yet) or a vanished sheet start from the server's suggestion.
 * `info` stays null when the saved header row is not the one the sheet list was read with: that
 * sheet must be read again (sidebar.ts does).
 */
export function opened(state: SidebarState, server: ServerState): SidebarState {
  const { settings, sheets } = server;
  const next: SidebarState = {
    ...state,
    phase: 'ready',
    settings,
    serverLang: server.language,
    sheets,
    messages: { kind: 'info', texts: server.messages },
  };
  const saved = sheets.find((s) => s.name === settings.source.sheetName);
  const sheet = saved ?? sheets.find((s) => s.name === server.activeSheet) ?? sheets[0];
  if (!sheet) return next;
  if (!saved || !settings.source.valueColumn) {
    const source = model.applySuggestion({ ...settings.source, sheetName: sheet.name, headerRow: sheet.headerRow }, sheet.suggestion);
    return { ...next, info: sheet, settings: { ...settings, source } };
  }
  return sheet.headerRow === settings.source.headerRow ? { ...next, info: sheet } : next;
}

export function openFailed(state: SidebarState, message: string): SidebarState {
  return { ...state, phase: 'failed', messages: { kind: 'error', texts: [serverError(state, message)] } };
}

export function sheetRequested(state: SidebarState, sheetName: string, headerRow: number): SidebarState {
  return { ...state, reading: { sheetName, headerRow } };
}

/** A sheet read: it becomes the source (with the suggested columns when `suggest`). Not an edit: the rows come next. */
export function sheetRead(state: SidebarState, info: SheetInfo, suggest: boolean): SidebarState {
  const source = { ...state.settings.source, sheetName: info.name, headerRow: info.headerRow };
  return {
    ...state,
    reading: null,
    info,
    sheets: state.sheets.map((s) => (s.name === info.name ? info : s)),
    settings: { ...state.settings, source: suggest ? model.applySuggestion(source, info.suggestion) : source },
  };
}

/** The sheet could not be read: the source stays as it was. */
export function sheetFailed(state: SidebarState, message: string): SidebarState {
  return { ...state, reading: null, status: { kind: 'error', texts: [serverError(state, message)] } };
}

export function tableRequested(state: SidebarState): SidebarState {
  return { ...state, table: { status: 'loading', request: state.table.request + 1 }, preview: null, previewStale: false };
}

/** The rows of request `request`, previewed at once; an answer to an older request is dropped. */
export function tableLoaded(state: SidebarState, request: number, table: SheetTable): SidebarState {
  if (request !== state.table.request) return state;
  return previewed({ ...state, table: { status: 'loaded', request, table } });
}

export function tableFailed(state: SidebarState, request: number, message: string): SidebarState {
  if (request !== state.table.request) return state;
  return { ...state, table: { status: 'failed', request, message }, preview: null, previewStale: false };
}

export function saveStarted(state: SidebarState, thenRun: boolean): SidebarState {
  return {
    ...state,
    busy: true,
    errors: [],
    status: { kind: 'info', texts: [t(uiLang(state), thenRun ? 'action.running' : 'action.saving')] },
  };
}

/** The server's answer to a save (messages) or a run (message); refused settings show their errors live. */
export function saveAnswered(state: SidebarState, answer: SaveResult | TierResult): SidebarState {
  const done = { ...state, busy: false };
  if (!answer.ok) {
    // Refused settings go beside their fields; a run that could not go ahead says why in general.
    const errors = [...fieldErrors(answer.problems, uiLang(state)), ...answer.errors.map((text) => ({ path: '', text }))];
    return showErrors(done, errors, true);
  }
  const texts = 'message' in answer ? [answer.message] : [t(uiLang(state), 'action.saved'), ...answer.messages];
  return { ...done, status: { kind: 'success', texts } };
}

export function saveFailed(state: SidebarState, message: string): SidebarState {
  return { ...state, busy: false, status: { kind: 'error', texts: [serverError(state, message)] } };
}

/** "Copy SQL for BigQuery": from now on the query for the current settings is shown, reading `table`. */
export function sqlShown(state: SidebarState, table: string): SidebarState {
  return { ...state, sqlTable: table };
}

/**
 * The sidebar's side of the server contract (implemented in src/addon/sidebarServer.ts), as
 * promises over `google.script.run`. Dates never cross it: they arrive as ISO strings.
 */
import type { Settings } from '../settings/schema';
import type { Lang } from '../engine/types';

export type Layout = 'customers' | 'orders';

export interface ColumnSuggestion {
  layout: Layout;
  idColumn: string;
  valueColumn: string;
  dateColumn: string;
  costColumn: string;
  potentialColumn: string;
  frequencyColumn: string;
}

export interface SheetInfo {
  name: string;
  headerRow: number;
  headers: string[];
  dataRows: number;
  suggestion: ColumnSuggestion;
}

export type TableCell = string | number | boolean | null;
export interface SheetTable {
  headers: string[];
  rows: TableCell[][];
}

export interface SidebarState {
  settings: Settings;
  messages: string[];
  language: Lang;
  sheets: SheetInfo[];
  activeSheet: string;
}

export type SaveResult = { ok: true; messages: string[] } | { ok: false; errors: string[] };
export type TierResult = { ok: true; message: string } | { ok: false; errors: string[] };

interface ServerApi {
  sidebarGetState(): SidebarState;
  sidebarGetSheetInfo(sheetName: string, headerRow: number): SheetInfo;
  sidebarGetTable(sheetName: string, headerRow: number): SheetTable;
  sidebarSaveSettings(settings: Settings): SaveResult;
  sidebarTierNow(settings: Settings): TierResult;
}

interface ScriptRunner {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRunner;
  withFailureHandler(fn: (error: unknown) => void): ScriptRunner;
  [name: string]: unknown;
}

function runner(): ScriptRunner {
  const g = (globalThis as { google?: { script?: { run?: ScriptRunner } } }).google;
  const run = g?.script?.run;
  if (!run) throw new Error('google.script.run is not available: open this page as the add-on sidebar.');
  return run;
}

/** Calls a server function; rejects with an Error carrying the server's message. */
export function callServer<K extends keyof ServerApi>(
  name: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const r = runner()
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(String((error as { message?: string })?.message ?? error))));
    (r[name] as (...a: unknown[]) => void)(...args);
  });
}

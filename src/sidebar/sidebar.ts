/**
 * The add-on sidebar: edits the settings, previews the tiers live with the same engine the server
 * runs, saves, and runs "Tier customers now". The one current SidebarState (state.ts) lives here
 * and changes only through update(), which redraws every section (sections/) from it; the server
 * calls and the preview's timing are here too. The static layout is in sidebar.html.
 */
import { callServer } from './api';
import { validateForSave } from './model';
import {
  initialState,
  opened,
  openFailed,
  previewed,
  saveAnswered,
  saveFailed,
  saveStarted,
  sheetFailed,
  sheetRead,
  sheetRequested,
  showErrors,
  tableFailed,
  tableLoaded,
  tableRequested,
  uiLang,
  type Actions,
  type SidebarState,
  type Transition,
} from './state';
import * as app from './sections/app';
import * as data from './sections/data';
import * as method from './sections/method';
import * as tiers from './sections/tiers';
import * as dimensions from './sections/dimensions';
import * as rules from './sections/rules';
import * as preview from './sections/preview';
import * as playbook from './sections/playbook';
import * as sql from './sections/sql';

/** In page order: a section may read what one before it drew. */
const SECTIONS: { render(state: SidebarState): void }[] = [data, method, tiers, dimensions, rules, preview, sql, playbook];

let state = initialState();

function render(): void {
  app.renderFrame(state);
  if (state.phase === 'ready') for (const section of SECTIONS) section.render(state);
  app.renderStatus(state);
}

/** Calls `run` once calls stop coming for `ms`. */
function debounce(run: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
}

// The preview tiers every customer: after edits, once typing pauses.
const previewSoon = debounce(() => update(previewed), 120);

function update(transition: Transition): void {
  const next = transition(state);
  if (next === state) return;
  state = next;
  render();
  if (state.previewStale) previewSoon();
}

const failure = (err: unknown) => String((err as Error)?.message ?? err);

async function loadTable(): Promise<void> {
  update(tableRequested);
  const {
    table: { request },
    settings: { source },
  } = state;
  try {
    const table = await callServer('sidebarGetTable', source.sheetName, source.headerRow);
    update((s) => tableLoaded(s, request, table));
  } catch (err) {
    update((s) => tableFailed(s, request, failure(err)));
  }
}

async function readSheet(sheetName: string, headerRow: number, suggest: boolean): Promise<void> {
  update((s) => sheetRequested(s, sheetName, headerRow));
  try {
    const info = await callServer('sidebarGetSheetInfo', sheetName, headerRow);
    update((s) => sheetRead(s, info, suggest));
  } catch (err) {
    update((s) => sheetFailed(s, failure(err)));
  }
  await loadTable();
}

/** Validates locally first (instant, with errors beside the fields), then asks the server. */
async function save(thenRun: boolean): Promise<void> {
  if (state.busy) return;
  const checked = validateForSave(state.settings, uiLang(state));
  if (!checked.ok) return update((s) => showErrors(s, checked.errors, true));
  update((s) => saveStarted(s, thenRun));
  try {
    // sidebarTierNow saves the settings itself before it runs: one round trip.
    const answer = thenRun
      ? await callServer('sidebarTierNow', checked.settings)
      : await callServer('sidebarSaveSettings', checked.settings);
    update((s) => saveAnswered(s, answer));
  } catch (err) {
    update((s) => saveFailed(s, failure(err)));
  }
}

async function open(): Promise<void> {
  try {
    const server = await callServer('sidebarGetState');
    update((s) => opened(s, server));
  } catch (err) {
    return update((s) => openFailed(s, failure(err)));
  }
  const {
    info,
    sheets,
    settings: { source },
  } = state;
  if (info) await loadTable();
  // The saved header row is not the one the sheet list was read with: read the sheet again.
  else if (sheets.some((s) => s.name === source.sheetName)) await readSheet(source.sheetName, source.headerRow, false);
}

const actions: Actions = {
  current: () => state,
  update,
  readSheet: (sheetName, headerRow, suggest) => void readSheet(sheetName, headerRow, suggest),
  save: (thenRun) => void save(thenRun),
};
for (const section of [app, data, method, tiers, dimensions, rules, sql, playbook]) section.wire(actions);
render();
void open();

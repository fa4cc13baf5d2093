/** Everything Apps Script can call; see entryPoints.ts for the list and build/build.mjs for how. */
export * from './customFunctions';
export { onOpen, onInstall, showSidebar, tierCustomersNow, refreshSummary, saveTierSnapshot, insertSampleData, showHelp } from './menu';
export { sidebarGetState, sidebarGetSheetInfo, sidebarGetTable, sidebarSaveSettings, sidebarTierNow } from './sidebarRpc';

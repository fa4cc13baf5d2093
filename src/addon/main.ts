/** Everything Apps Script can call: the build declares a top-level function for each export (custom functions with their JSDoc from customFunctionDocs.ts). */
export * from './customFunctions';
export { onOpen, onInstall, showSidebar, tierCustomersNow, refreshSummary, saveTierSnapshot, insertSampleData, showHelp } from './menu';
export { retierAndSaveSnapshot } from './menu';
export { sidebarGetState, sidebarGetSheetInfo, sidebarGetTable, sidebarSaveSettings, sidebarTierNow } from './sidebarRpc';

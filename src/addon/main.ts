/** Everything Apps Script can call; see entryPoints.ts for the list and build/build.mjs for how. */
export * from './customFunctions';

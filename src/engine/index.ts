/** The pure tiering engine: one import for everything (no Apps Script or Node dependencies). */
export * from './types';
export * from './cells';
export * from './abc';
export * from './computedAbc';
export * from './change';
export * from './labels';
export * from './ranking';
export * from './score';
export * from './rfm';
export * from './valueGroups';
export * from './rollup';
export * from './problems';
export * from './clv';

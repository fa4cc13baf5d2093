/**
 * Layering rules, checked by `npm test` (npm run deps): the engine is pure and stands alone; the
 * sidebar knows the add-on only by its types; nothing imports in a circle.
 */
module.exports = {
  forbidden: [
    {
      name: 'engine-stands-alone',
      comment: 'src/engine is the pure core: it imports only itself (no i18n, settings, Apps Script or Node).',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { pathNot: '^src/engine/' },
    },
    {
      name: 'sidebar-knows-addon-by-types-only',
      comment: 'The sidebar runs in the browser: it may import the add-on\'s types, never its code.',
      severity: 'error',
      from: { path: '^src/sidebar/' },
      to: { path: '^src/addon/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-below-adapters',
      comment: 'engine, settings, pipeline, sql and i18n never import an adapter (add-on, sidebar, CLI).',
      severity: 'error',
      from: { path: '^src/(engine|settings|pipeline|sql|i18n)/' },
      to: { path: '^src/(addon|sidebar|cli)/' },
    },
    {
      name: 'no-node-in-bundled-code',
      comment: 'Code that reaches Apps Script or the browser has no Node built-ins.',
      severity: 'error',
      from: { path: '^src/(engine|settings|pipeline|sql|i18n|addon|sidebar|sample)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'sql-reads-settings-only',
      comment: 'src/sql writes SQL from Settings: it reads the engine and settings, never the pipeline or a database.',
      severity: 'error',
      from: { path: '^src/sql/' },
      to: { pathNot: '^src/(sql|engine|settings)/' },
    },
    {
      name: 'duckdb-only-in-the-cli',
      comment: 'DuckDB is a native package: only the CLI may load it, never Code.js or the sidebar.',
      severity: 'error',
      from: { pathNot: '^src/cli/' },
      to: { path: '@duckdb' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(src|harness)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};

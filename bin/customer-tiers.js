#!/usr/bin/env node
// The customer-tiers command: runs the CLI bundle that `npm run build` writes to dist-cli/customer-tiers.js.

const path = require('node:path');
const fs = require('node:fs');

const bundle = path.join(__dirname, '..', 'dist-cli', 'customer-tiers.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    'customer-tiers: dist-cli/customer-tiers.js is missing: run npm run build first (or use npx tsx src/cli/main.ts).\n',
  );
  process.exit(1);
}
require(bundle);

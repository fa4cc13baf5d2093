/** Entry point of the customer-tiers CLI (bundled to dist-cli/customer-tiers.js by npm run build; `npx tsx src/cli/main.ts` in development). */
import { run } from './run';

run(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});

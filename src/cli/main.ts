/** Entry point of the customer-tiers CLI (bundled to dist-cli/customer-tiers.js by npm run build; `npx tsx src/cli/main.ts` in development). */
import { run } from './run';

// `customer-tiers ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`customer-tiers: cannot write to standard output: ${err.message}\n`);
  process.exit(1);
});

run(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});

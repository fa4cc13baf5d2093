import { readFileSync } from 'node:fs';
import { createFakeGas } from '../harness/fakeGas';
import { loadBundle, invoke } from '../harness/loadBundle';
const rows = readFileSync('/work/shared/data/CDNOW_master.txt', 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .map((l) => l.trim().split(/\s+/))
  .filter((r) => r.length >= 4);
const col = (k: number) => rows.map((r) => [k === 1 ? r[k] : Number(r[k])]);
const fake = createFakeGas({ authMode: 'CUSTOM_FUNCTION' });
const ctx = loadBundle(fake);
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  invoke(fake, ctx, 'CUSTOMER_CLV', col(0), col(1), col(3), 39, '1997-09-30');
  console.log('clv', performance.now() - t);
}

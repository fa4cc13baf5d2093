/**
 * Plain numbers and ISO dates skip the general cell parser (a million CSV cells): the short cut must
 * give exactly what the long way gives. The long way is reached by dressing the same text up
 * (a currency word, another date separator), which the short cut does not take.
 */
import fc from 'fast-check';
import { dateParser, parseAmount, parseDate } from '../../src/engine/cells';

test('a plain decimal reads as the same double as through the general parser', () => {
  const decimal = fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), fc.option(fc.stringMatching(/^\d{1,12}$/), { nil: undefined }))
    .map(([minus, whole, frac]) => `${minus ? '-' : ''}${whole}${frac === undefined ? '' : `.${frac}`}`);
  fc.assert(
    fc.property(decimal, (text) => {
      const fast = parseAmount(text);
      const slow = parseAmount(`${text} 元`);
      expect(fast).toEqual(slow);
      expect(Object.is((fast as { value: number }).value, (slow as { value: number }).value)).toBe(true);
    }),
    { numRuns: 2000 },
  );
});

test('an ISO date reads as the same serial day as through the general parser, and an impossible one is still refused', () => {
  const ymd = fc.tuple(fc.integer({ min: 1890, max: 2200 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }));
  const two = (n: number) => String(n).padStart(2, '0');
  fc.assert(
    fc.property(ymd, ([y, m, d]) => {
      const fast = parseDate(`${y}-${two(m)}-${two(d)}`);
      const slow = parseDate(`${y}/${two(m)}/${two(d)}`);
      expect(fast.kind).toBe(slow.kind);
      if (fast.kind === 'value' && slow.kind === 'value') expect(fast.value).toBe(slow.value);
    }),
    { numRuns: 2000 },
  );
  expect(parseDate('2024-02-30').kind).toBe('invalid');
});

test("an orders list's date parser (each text parsed once) reads every cell as parseDate does, repeated or not", () => {
  const cell = fc.oneof(
    fc.constantFrom('2024-03-05', '20240305', '2024年3月5日', '03/05/2024', '31/02/2024', ' ', 'n/a'),
    fc.integer({ min: -5, max: 80_000 }),
    fc.constant(null),
    fc.date({ min: new Date(1990, 0, 1), max: new Date(2100, 0, 1), noInvalidDate: true }),
  );
  fc.assert(
    fc.property(fc.array(cell, { maxLength: 40 }), (cells) => {
      const parse = dateParser();
      const twice = [...cells, ...cells];
      expect(twice.map(parse)).toEqual(twice.map(parseDate));
    }),
    { numRuns: 300 },
  );
});

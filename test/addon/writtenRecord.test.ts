import { cellHash, chunks, editedRows, HASH_WIDTH, makeRecord, rowKeys } from '../../src/addon/writtenRecord';

describe('the record of what the add-on wrote', () => {
  const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
  const tiers = ['A', 'A', 'B', 'C', 'C', 'C'];
  const keys = rowKeys(
    ids.map((id) => [id, 1]),
    0,
  );
  const record = makeRecord(keys, { tier: tiers, rank: [1, 2, 3, 4, 5, 6], share: [0.1234567891234, 0.3, 0.5, 0.7, 0.9, 1] });

  it('takes back exactly what was written, in place or sorted, with rows deleted, inserted or cleared', () => {
    expect(editedRows(record, 'tier', tiers, keys)).toEqual([]);
    expect(editedRows(record, 'share', [0.123456789123, 0.3, 0.5, 0.7, 0.9, 1], keys)).toEqual([]); // float noise on read-back
    const order = [5, 3, 0, 4, 1, 2];
    expect(
      editedRows(
        record,
        'tier',
        order.map((i) => tiers[i]),
        order.map((i) => keys[i]),
      ),
    ).toEqual([]);
    expect(
      editedRows(
        record,
        'rank',
        order.map((i) => i + 1),
        order.map((i) => keys[i]),
      ),
    ).toEqual([]);
    const kept = [0, 4, 5];
    expect(
      editedRows(
        record,
        'rank',
        kept.map((i) => i + 1),
        kept.map((i) => keys[i]),
      ),
    ).toEqual([]);
    const inserted = rowKeys([['new', 5]], 0);
    expect(editedRows(record, 'tier', ['A', '', 'A'], [keys[0], inserted[0], keys[1]])).toEqual([]);
    expect(editedRows(record, 'tier', ['', null, 'B', '', '', ''], keys)).toEqual([]);
  });

  it('catches a swap of two tiers in place, which keeps every count the same', () => {
    const swapped = ['C', 'A', 'B', 'A', 'C', 'C'];
    expect(editedRows(record, 'tier', swapped, keys)).toEqual([0, 3]);
  });

  it('catches notes typed into cells freed by deleted rows', () => {
    const kept = [0, 1, 2];
    const cells = [1, 2, 'call back', 'note'];
    expect(editedRows(record, 'rank', cells, [...kept.map((i) => keys[i]), ...rowKeys([['x', 0]], 0)])).toEqual([2, 3]);
  });

  it('trusts nothing in a column it has no record of', () => {
    expect(editedRows(null, 'tier', ['A', '', 'B'], keys.slice(0, 3))).toEqual([0, 2]);
    expect(editedRows(record, 'segment', ['Champions', ''], keys.slice(0, 2))).toEqual([0]);
  });

  it('keys rows by the customer id, else by all of the row', () => {
    expect(
      rowKeys(
        [
          ['c1', 5],
          ['c1', 9],
        ],
        0,
      ),
    ).toEqual([cellHash('c1'), cellHash('c1')]);
    const [a, b] = rowKeys(
      [
        ['x', 5],
        ['x', 9],
      ],
      -1,
    );
    expect(a).not.toEqual(b);
    expect(cellHash(7)).toHaveLength(HASH_WIDTH);
    expect(cellHash('545')).toEqual(cellHash(545)); // an RFM code reads back as either
    expect(cellHash('A')).not.toEqual(cellHash('B'));
    expect(cellHash('')).toEqual(cellHash(null));
  });

  it('splits long records into cell-sized pieces and joins them back', () => {
    const text = 'abc'.repeat(40_000);
    const pieces = chunks(text);
    expect(pieces.every((p) => p.length <= 45_000)).toBe(true);
    expect(pieces.join('')).toBe(text);
    expect(chunks('')).toEqual(['']);
  });
});

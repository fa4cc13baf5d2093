/**
 * Protection: a protected range or sheet. Only what Customer Tiers uses is modelled: a description,
 * warning-only or not, the range it covers, removal. A range protection moves with inserted and
 * deleted lines (FakeSheet._shift) and goes with the lines it covers, as in Sheets.
 */
import { enumOf, type Rect } from './shared';

export const ProtectionType = enumOf('RANGE', 'SHEET');

/** What a protection needs of its sheet (FakeSheet implements it). */
export interface ProtectionSheet {
  _protections: FakeProtection[];
  _maxRows: number;
  _maxCols: number;
  /** A Range (FakeRange, in range.ts, which imports this file). */
  _range(r: number, c: number, nr: number, nc: number): { getA1Notation(): string };
}

export class FakeProtection {
  readonly _gasType = 'Protection';
  _description = '';
  _warningOnly = false;
  constructor(
    readonly _sheet: ProtectionSheet,
    /** The range protected; null for the whole sheet. */
    readonly _rect: Rect | null,
  ) {}
  getProtectionType() {
    return this._rect ? ProtectionType.RANGE : ProtectionType.SHEET;
  }
  getDescription() {
    return this._description;
  }
  setDescription(description: string) {
    this._description = String(description);
    return this;
  }
  isWarningOnly() {
    return this._warningOnly;
  }
  setWarningOnly(warningOnly: boolean) {
    this._warningOnly = !!warningOnly;
    return this;
  }
  getRange() {
    const r = this._rect ?? { r: 1, c: 1, nr: this._sheet._maxRows, nc: this._sheet._maxCols };
    return this._sheet._range(r.r, r.c, r.nr, r.nc);
  }
  remove() {
    this._sheet._protections = this._sheet._protections.filter((p) => p !== this);
  }
}

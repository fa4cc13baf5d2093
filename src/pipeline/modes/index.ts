/** Every tiering mode, by the settings' `mode`. */
import type { Mode } from '../../settings/schema';
import { abcMode } from './abc';
import { rfmMode } from './rfm';
import { scoreMode } from './score';
import { valueGroupsMode } from './valueGroups';
import { predictedMode } from './predicted';
import type { TieringMode } from './mode';

export const MODES: Record<Mode, TieringMode> = {
  abc: abcMode,
  score: scoreMode,
  rfm: rfmMode,
  valueGroups: valueGroupsMode,
  predicted: predictedMode,
};
export type { ModeResult, TieringMode } from './mode';

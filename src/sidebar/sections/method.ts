/** Method: preset, mode, ABC method, and the options of the score, RFM and value groups (their lists are sections of their own). */
import type { PresetId } from '../../settings/settings';
import type { Settings } from '../../settings/schema';
import * as model from '../model';
import { edit, previewMinimums, previewValues, type Actions, type SidebarState } from '../state';
import { byId, keyed, showCut } from '../dom';

const SHARES = [
  ['mvc-share', 'mvcShare'],
  ['mgc-share', 'mgcShare'],
] as const;

export function render(state: SidebarState): void {
  const s = state.settings;
  // A preset is applied once; the menu goes back to "Choose a preset…".
  byId<HTMLSelectElement>('preset').value = '';
  byId<HTMLSelectElement>('mode').value = s.mode;
  byId<HTMLSelectElement>('abc-method').value = s.abc.method;
  const abcLike = s.mode === 'abc' || s.mode === 'predicted';
  byId('abc-options').hidden = !abcLike;
  byId('computed-note').hidden = !(abcLike && s.abc.method === 'computed');
  // Value groups with MGC from predicted value use the prediction's horizon, discount and as-of date too.
  byId('pv-options').hidden = !(s.mode === 'predicted' || (s.mode === 'valueGroups' && s.valueGroups.mgcPredicted));
  byId('pv-note').hidden = s.mode !== 'predicted';
  byId('score-options').hidden = s.mode !== 'score';
  byId('rfm-options').hidden = s.mode !== 'rfm';
  byId('vg-options').hidden = s.mode !== 'valueGroups';
  byId<HTMLSelectElement>('normalisation').value = s.score.normalisation;
  byId<HTMLSelectElement>('score-tier-method').value = s.score.tierMethod;
  // Changed on 'change' only: written when the setting changes, never over a date being typed.
  const asOf = byId<HTMLInputElement>('rfm-as-of');
  keyed(asOf, [s.rfm.asOf], () => {
    asOf.value = s.rfm.asOf;
  });
  for (const [id, key] of SHARES) showCut(byId<HTMLInputElement>(id), 'rank', s.valueGroups[key]);
  byId<HTMLInputElement>('vg-predicted').checked = s.valueGroups.mgcPredicted;
  const pvAsOf = byId<HTMLInputElement>('pv-as-of');
  keyed(pvAsOf, [s.rfm.asOf], () => {
    pvAsOf.value = s.rfm.asOf;
  });
  showCut(byId<HTMLInputElement>('pv-horizon'), 'threshold', s.predicted.horizon);
  showCut(byId<HTMLInputElement>('pv-discount'), 'rank', s.predicted.discountRate);
}

export function wire({ update }: Actions): void {
  const value = (e: Event) => (e.target as HTMLSelectElement | HTMLInputElement).value;
  byId('preset').addEventListener('change', (e) => {
    const preset = value(e) as PresetId;
    if (preset) update((s) => edit(s, (x) => model.choosePreset(x, preset, previewValues(s), s.info?.headers)));
  });
  byId('mode').addEventListener('change', (e) => {
    const mode = value(e) as Settings['mode'];
    update((s) => edit(s, (x) => model.setMode(x, mode)));
  });
  byId('abc-method').addEventListener('change', (e) => {
    const method = value(e) as Settings['abc']['method'];
    update((s) => edit(s, (x) => model.setAbcMethod(x, method, previewMinimums(s))));
  });
  byId('score-tier-method').addEventListener('change', (e) => {
    const method = value(e) as Settings['score']['tierMethod'];
    update((s) => edit(s, (x) => model.setScoreTierMethod(x, method)));
  });
  byId('normalisation').addEventListener('change', (e) => {
    const normalisation = value(e) as Settings['score']['normalisation'];
    update((s) => edit(s, (x) => model.patch(x, 'score', { normalisation })));
  });
  for (const id of ['rfm-as-of', 'pv-as-of']) {
    byId(id).addEventListener('change', (e) => {
      const asOf = value(e);
      update((s) => edit(s, (x) => model.patch(x, 'rfm', { asOf })));
    });
  }
  byId('pv-horizon').addEventListener('input', (e) => {
    const horizon = model.displayToCut('threshold', value(e));
    update((s) => edit(s, (x) => model.patch(x, 'predicted', { horizon })));
  });
  byId('pv-discount').addEventListener('input', (e) => {
    const discountRate = model.displayToCut('rank', value(e));
    update((s) => edit(s, (x) => model.patch(x, 'predicted', { discountRate })));
  });
  byId('vg-predicted').addEventListener('change', (e) => {
    const mgcPredicted = (e.target as HTMLInputElement).checked;
    update((s) => edit(s, (x) => model.patch(x, 'valueGroups', { mgcPredicted })));
  });
  for (const [id, key] of SHARES) {
    byId(id).addEventListener('input', (e) => {
      const share = model.displayToCut('rank', value(e));
      update((s) => edit(s, (x) => model.patch(x, 'valueGroups', { [key]: share })));
    });
  }
}

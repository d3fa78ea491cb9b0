/**
 * The loss chart's layout in the URL (`loss=overlay`, core/lossLayout.ts):
 * a value that is no layout gives a notice and leaves the URL, like a focus
 * that names no run (state/focus.ts).
 */
import { settingAxes } from '../core/axes';
import { lossLayoutParam, lossLayoutShown, readLossLayout, type LossLayout } from '../core/lossLayout';
import { useStore } from './store';

/** The layout the loss chart draws for the experiment on screen. */
export function useLossLayout(): LossLayout {
  return useStore((s) => lossLayoutShown(s.viewParams.loss, settingAxes(s.experiment.axes).length));
}

export function setLossLayout(layout: LossLayout): void {
  useStore.getState().setViewParams({ loss: lossLayoutParam(layout) });
}

/** Checks the URL's `loss` on loading and whenever it changes. Returns the unsubscriber. */
export function bindLossLayout(): () => void {
  const check = () => {
    const s = useStore.getState();
    const { problem } = readLossLayout(s.viewParams.loss);
    if (problem === null) return;
    useStore.setState({
      notices: [...s.notices.filter((n) => n.key !== 'loss'), { key: 'loss', kind: 'rejected', message: problem }],
    });
    s.setViewParams({ loss: null });
  };
  check();
  return useStore.subscribe((s, prev) => {
    if (s.viewParams.loss !== prev.viewParams.loss) queueMicrotask(check);
  });
}

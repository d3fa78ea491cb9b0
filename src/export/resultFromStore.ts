/**
 * The whole experiment's result, in exactly the CLI's `--json` format
 * (core/result.ts), from what the store holds: the live runs as far as they
 * have trained, or, when there are none, the recording the store holds.
 * The runs themselves come from state/resultRuns.ts (the same numbers and
 * keys as the CLI's); this adds the experiment they belong to and refuses
 * what would not read back as a result.
 */
import type { Experiment } from '../core/config';
import { expandRuns } from '../core/experiment';
import { buildResult, type ResultFile } from '../core/result';
import { resultRuns } from '../state/resultRuns';
import type { Store } from '../state/store';
import { recordingOf } from './shown';

export type ResultFromStore =
  { ok: true; result: ResultFile; source: 'live' | 'recorded' } | { ok: false; reason: string };

type ResultState = Pick<Store, 'runs' | 'backend' | 'experiment' | 'recording' | 'recordingKey'>;

export function resultFromStore(s: ResultState, runsExperiment: Experiment | null): ResultFromStore {
  if (s.runs.length === 0) {
    const rec = recordingOf(s);
    if (rec) return { ok: true, result: rec.result, source: 'recorded' };
    return { ok: false, reason: 'there is no result yet: press Start to train the runs of this experiment' };
  }
  const experiment = runsExperiment ?? s.experiment;
  const plans = expandRuns(experiment);
  if (plans.length !== s.runs.length) {
    return { ok: false, reason: 'the runs on screen do not belong to one experiment; press Start again' };
  }
  const waiting = s.runs.filter((r) => r.curve.length === 0 && r.divergedAt === null);
  if (waiting.length > 0) {
    return { ok: false, reason: 'the runs have no evaluation yet; wait a moment for the first one' };
  }
  const runs = resultRuns(s.runs);
  return {
    ok: true,
    source: 'live',
    // The permalink written is canonical and opens as it is: no notices belong to it.
    result: buildResult({ experiment, notices: [], backend: s.backend?.name ?? 'unknown', runs }),
  };
}

/**
 * A Start built before it is asked for (issue 16: Start answers within a
 * second). While the page is idle it sends the warm worker the start it
 * would send on a click ('prepare'); the worker builds the runs from their
 * seeds, picks the backend, makes the driver and evaluates step 0, then
 * waits. A Start whose request is the same takes all of it and only trains;
 * any other Start drops it and builds afresh, so a stale preparation can
 * cost time but never change a number.
 *
 * Only the CPU backends (wasm, cpu) are prepared: a GPU backend's context
 * made while idle would hold GPU memory for a Start that may never come.
 */
import type { BackendName, Experiment } from '../../core/config';
import { expandRuns } from '../../core/experiment';
import { buildRunInputs, type RunInputs } from '../../core/run-inputs';
import { ExperimentDriver, type DriverEvent } from '../../train/driver';
import type { ActualBackend } from '../protocol';
import { chooseBackend, type BackendChoice } from './backendChoice';
import { RunIndexMap, workerRuns } from './runIndices';

/** What decides a start's numbers and backend: the same request gives the same runs on the same backend. */
export interface StartRequest {
  experiment: Experiment;
  backend: BackendName;
  autoChoice: ActualBackend | null;
  runs?: number[];
}

/** A start built up to its first step. */
export interface StartBuild {
  runs: RunInputs[];
  map: RunIndexMap;
  /** Runs in the whole experiment. */
  total: number;
  info: BackendChoice;
  driver: ExperimentDriver;
}

export interface PreparedStart extends StartBuild {
  key: string;
  /** The step-0 evaluation, made already. */
  first: DriverEvent;
}

/** The backend a request asks for: 'auto' takes what was measured fastest here, else wasm (backendChoice.ts). */
export function wantedBackend(r: StartRequest): BackendName {
  return r.backend === 'auto' ? (r.autoChoice ?? 'wasm') : r.backend;
}

/**
 * What must match for a Start to take a preparation: the runs and the backend they are built on. Not the
 * request's own words: a measurement that finished in between may turn 'auto, nothing known' into 'auto,
 * wasm measured fastest', which builds the same.
 */
export function startKey(r: StartRequest): string {
  return JSON.stringify([r.experiment, wantedBackend(r), r.runs ?? null]);
}

/** The backend of a request, chosen and initialised (at once when it is the one already running). */
export function chooseFor(r: StartRequest): Promise<BackendChoice> {
  const remembered = r.autoChoice
    ? { backend: r.autoChoice, why: 'measured fastest for this shape of experiment on this device earlier' }
    : null;
  return chooseBackend(r.backend, remembered);
}

/** The runs and the backend of a start; the driver is made by the caller once the page knows the backend. */
export async function buildStart(r: StartRequest): Promise<Omit<StartBuild, 'driver'>> {
  const plans = expandRuns(r.experiment);
  const map = new RunIndexMap(workerRuns(r.runs, plans.length));
  const runs = map.indices.map((i) => buildRunInputs(plans[i]!));
  return { runs, map, total: plans.length, info: await chooseFor(r) };
}

/** Builds a start up to its first step, or null where its backend is a GPU's (not prepared while idle). */
export async function prepareStart(r: StartRequest): Promise<PreparedStart | null> {
  const wanted = wantedBackend(r);
  if (wanted !== 'wasm' && wanted !== 'cpu') return null;
  const built = await buildStart(r);
  if (built.info.name !== 'wasm' && built.info.name !== 'cpu') return null;
  const driver = await ExperimentDriver.create(built.runs);
  try {
    return { ...built, driver, key: startKey(r), first: await driver.start() };
  } catch (e) {
    driver.dispose();
    throw e;
  }
}

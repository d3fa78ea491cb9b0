/**
 * The index of the recorded results shipped under public/recorded/: which
 * file holds the recording of which experiment (by experimentKey), and from
 * which engine source it was recorded, so that `npm run -s record` knows what
 * is up to date. Parsed like a result: never throws, says why not.
 */
import * as v from 'valibot';

export const RECORDED_INDEX_FORMAT = 'natural-weights-lab/recorded-index';
export const RECORDED_INDEX_VERSION = 1;

export interface RecordedIndex {
  format: typeof RECORDED_INDEX_FORMAT;
  version: typeof RECORDED_INDEX_VERSION;
  /** experimentKey(experiment) -> file name under recorded/ */
  recordings: Record<string, string>;
  /** file name -> hash of the engine's source it was recorded with */
  sources: Record<string, string>;
}

/** A plain file name: what the page may fetch next to the index, nothing else. */
export const RECORDED_FILE = /^[a-z0-9][a-z0-9-]{0,80}\.json$/;

const schema = v.object({
  format: v.literal(RECORDED_INDEX_FORMAT),
  version: v.literal(RECORDED_INDEX_VERSION),
  recordings: v.record(v.pipe(v.string(), v.maxLength(4000)), v.pipe(v.string(), v.regex(RECORDED_FILE))),
  sources: v.record(v.string(), v.string()),
});

export function emptyRecordedIndex(): RecordedIndex {
  return { format: RECORDED_INDEX_FORMAT, version: RECORDED_INDEX_VERSION, recordings: {}, sources: {} };
}

export function parseRecordedIndex(input: unknown): { ok: true; index: RecordedIndex } | { ok: false; reason: string } {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, reason: 'the index of recorded results is not JSON' };
    }
  }
  const parsed = v.safeParse(schema, value);
  if (!parsed.success)
    return {
      ok: false,
      reason: `the index of recorded results is malformed (${parsed.issues[0]?.message ?? 'unknown'})`,
    };
  return { ok: true, index: parsed.output };
}

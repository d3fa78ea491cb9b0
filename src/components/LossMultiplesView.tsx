/**
 * The loss panel's small multiples: its curves sorted into the cells of the
 * two setting axes (lossCells.ts), the focused group outlined, and a click on
 * a panel focusing that group (state/focus.ts), as a phase-map cell does.
 * Rows run upward like the phase map's: its first value at the bottom.
 */
import { useMemo } from 'react';
import { LossMultiples } from '../charts/LossMultiples';
import type { Axis } from '../core/config';
import { FIELD_BY_KEY } from '../core/config';
import { formatFieldValue } from '../core/fieldKinds';
import type { AxisValues } from '../core/experiment';
import { expandRuns } from '../core/experiment';
import { focusRun, useFocus } from '../state/focus';
import { useStore } from '../state/store';
import { axisIndex, lossCells, type PlacedSeries } from './lossCells';

export interface LossMultiplesViewProps {
  rows: Axis;
  cols: Axis;
  placed: readonly PlacedSeries[];
  totalSteps: number;
  showTrain: boolean;
  trainNormaliser: Record<string, number>;
  width: number;
  height: number;
  fontScale: number;
}

export function LossMultiplesView({ rows: axis, cols, placed, ...chart }: LossMultiplesViewProps) {
  // The first value at the bottom row, as on the phase map's upward axis, so the two grids read alike.
  const rows = useMemo(() => ({ ...axis, values: [...axis.values].reverse() }) as Axis, [axis]);
  const focus = useFocus();
  const experiment = useStore((s) => s.experiment);
  const cells = lossCells(rows, cols, placed);
  const focusedValues = useMemo(() => expandRuns(experiment)[focus.run]?.values, [experiment, focus.run]);
  const selected =
    focus.active && focusedValues ? { row: axisIndex(rows, focusedValues), col: axisIndex(cols, focusedValues) } : null;
  return (
    <LossMultiples
      {...chart}
      cells={cells}
      rowName={FIELD_BY_KEY[rows.field].key}
      colName={FIELD_BY_KEY[cols.field].key}
      rowValues={rows.values.map(formatFieldValue)}
      colValues={cols.values.map(formatFieldValue)}
      selected={selected}
      onSelect={(row, col) =>
        focusRun({ [rows.field]: rows.values[row], [cols.field]: cols.values[col] } as AxisValues)
      }
    />
  );
}

/**
 * The loss chart over two compare axes as small multiples: one panel per
 * cell of the phase map's grid (rows: the first axis, columns: the second),
 * each with its group's seeds and median in the group's colour, on shared
 * axes. One SVG, so the loss view's SVG and PNG exports take it as shown.
 * A click on a panel selects its group (the page focuses it), and so do the
 * arrow keys once the chart has the keyboard focus. Geometry in
 * lossMultiplesGeometry.ts and smallMultiplesLayout.ts.
 */
import { useMemo, type KeyboardEvent } from 'react';
import { AxisBottom, AxisSide } from './Axis';
import { ChartSvg } from './ChartSvg';
import { lossChartLabel } from './LossChart';
import { LossCurves, ReferenceLevel } from './LossCurves';
import { px } from './format';
import { panelForKey } from './gridKeys';
import { lossMultiplesGeometry, type LossMultiplesInput } from './lossMultiplesGeometry';
import { INK } from './palette';

export interface LossMultiplesProps extends Omit<LossMultiplesInput, 'rowCount' | 'colCount'> {
  /** the axes' names (e.g. "k") and their values as written, by row and by column */
  rowName: string;
  colName: string;
  rowValues: readonly string[];
  colValues: readonly string[];
  /** the focused cell, outlined */
  selected?: { row: number; col: number } | null;
  onSelect?: (row: number, col: number) => void;
}

/** The accessible name: the grid in words, then each group's latest value (the overlaid chart's sentence). */
export function lossMultiplesLabel(
  props: Pick<
    LossMultiplesProps,
    'rowName' | 'colName' | 'rowValues' | 'colValues' | 'cells' | 'showTrain' | 'onSelect'
  >,
): string {
  const { rowName, colName, rowValues, colValues } = props;
  const head =
    `Small multiples of the normalised test loss, one panel per group on shared axes: ` +
    `${rowName} = ${rowValues.join(', ')} by row, ${colName} = ${colValues.join(', ')} by column`;
  const main = props.cells.flatMap((c) => c.series.filter((s) => !s.faint));
  return `${head}. ${lossChartLabel(main, props.showTrain)}${props.onSelect ? ' Arrow keys select a panel.' : ''}`;
}

const noLabels = <T extends { label: string }>(ticks: readonly T[]): T[] => ticks.map((t) => ({ ...t, label: '' }));

export function LossMultiples(props: LossMultiplesProps) {
  const { cells, totalSteps, showTrain, trainNormaliser, width, height, fontScale, rowValues, colValues } = props;
  const m = useMemo(
    () =>
      lossMultiplesGeometry({
        rowCount: rowValues.length,
        colCount: colValues.length,
        cells,
        totalSteps,
        showTrain,
        trainNormaliser,
        width,
        height,
        fontScale,
      }),
    [rowValues.length, colValues.length, cells, totalSteps, showTrain, trainNormaliser, width, height, fontScale],
  );
  const { layout } = m;
  const type = m.panels[0]?.geometry.type;
  if (!type) return null;
  const cellName = (row: number, col: number) =>
    `${props.rowName} = ${rowValues[row] ?? '?'}, ${props.colName} = ${colValues[col] ?? '?'}`;
  const header = (text: string, x: number, y: number, w: number, h: number, rotate: boolean) => (
    <g key={`${rotate ? 'r' : 'c'}${text}`} className="strip">
      <rect x={px(x)} y={px(y)} width={px(w)} height={px(h)} fill={INK.grid} />
      <text
        transform={`translate(${px(x + w / 2)},${px(y + h / 2)})${rotate ? ' rotate(90)' : ''}`}
        dy="0.35em"
        textAnchor="middle"
        fontSize={px(type.small)}
        fill={INK.text}
      >
        {text}
      </text>
    </g>
  );
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>): void => {
    if (!props.onSelect) return;
    const next = panelForKey(
      m.panels.map((p) => p.box),
      props.selected ?? null,
      e.key,
    );
    if (!next) return;
    e.preventDefault();
    props.onSelect(next.row, next.col);
  };
  return (
    <ChartSvg
      label={lossMultiplesLabel(props)}
      width={layout.width}
      height={layout.height}
      className="loss-multiples"
      tabIndex={props.onSelect ? 0 : undefined}
      onKeyDown={onKeyDown}
    >
      {layout.columnHeaders.map((h) =>
        header(`${props.colName} = ${colValues[h.index] ?? ''}`, h.x, h.y, h.width, h.height, false),
      )}
      {layout.rowHeaders.map((h) =>
        header(`${props.rowName} = ${rowValues[h.index] ?? ''}`, h.x, h.y, h.width, h.height, true),
      )}
      {m.panels.map(({ box, geometry: g }) => {
        const selected = props.selected?.row === box.row && props.selected?.col === box.col;
        return (
          <g
            key={`${box.row}:${box.col}`}
            className={`loss-cell${selected ? ' selected' : ''}`}
            data-row={box.row}
            data-col={box.col}
            transform={`translate(${px(box.x)},${px(box.y)})`}
            style={props.onSelect ? { cursor: 'pointer' } : undefined}
            onClick={props.onSelect ? () => props.onSelect!(box.row, box.col) : undefined}
          >
            <title>{cellName(box.row, box.col)}</title>
            {/* a transparent face, so a click anywhere in the panel selects it, not only on a line */}
            <rect width={px(box.width)} height={px(box.height)} fill="#ffffff" />
            <AxisSide
              ticks={
                !box.yTicks
                  ? noLabels(g.yTicks)
                  : layout.wrapped || box.row === 0
                    ? g.yTicks
                    : // the top label would touch the bottom label of the panel just above
                      g.yTicks.map((t) => (t.pos < type.small * 0.6 ? { ...t, label: '' } : t))
              }
              length={box.height}
              type={type}
              layout={g.yAxis}
              side="left"
              left={0}
              gridLength={box.width}
            />
            <AxisBottom
              ticks={box.xTicks ? g.xTicks : noLabels(g.xTicks)}
              length={box.width}
              type={type}
              layout={g.xAxis}
              top={box.height}
              gridLength={box.height}
            />
            {g.references.map((r) => (
              <ReferenceLevel key={r.kind} r={r} width={box.width} />
            ))}
            <LossCurves g={g} />
            {box.title && (
              <text
                x={px(box.title.x - box.x)}
                y={px(box.title.y - box.y)}
                textAnchor="middle"
                fontSize={px(type.small)}
                fill={INK.text}
              >
                {cellName(box.row, box.col)}
              </text>
            )}
            {selected && (
              <rect
                className="selected-outline"
                x={-1}
                y={-1}
                width={px(box.width + 2)}
                height={px(box.height + 2)}
                fill="none"
                stroke={INK.text}
                strokeWidth={2}
                pointerEvents="none"
              />
            )}
          </g>
        );
      })}
      <text
        x={px(layout.xTitle.x)}
        y={px(layout.xTitle.y)}
        textAnchor="middle"
        fontSize={px(type.label)}
        fill={INK.text}
      >
        training step (log scale)
      </text>
      <text
        transform={`translate(${px(layout.yTitle.x)},${px(layout.yTitle.y)}) rotate(-90)`}
        textAnchor="middle"
        fontSize={px(type.label)}
        fill={INK.text}
      >
        {m.yTitle}
      </text>
    </ChartSvg>
  );
}

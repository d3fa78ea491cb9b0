/**
 * The full page's charts, in the order of the view registry: a view in a row
 * of its own, or consecutive "pair" views side by side (the teacher's two
 * pictures, drawn before any training, so the first screen shows them).
 */
import { createElement, Fragment, Suspense, type ReactNode } from 'react';
import { PanelBoundary } from './PanelBoundary';
import { VIEWS, type ViewEntry } from './viewRegistry';

/** The registry's views cut into rows: one view, or a run of consecutive pair views. */
export function pageRows(views: readonly ViewEntry[]): ViewEntry[][] {
  const rows: ViewEntry[][] = [];
  for (const v of views) {
    const last = rows[rows.length - 1];
    if (v.page.place === 'pair' && last?.[0]?.page.place === 'pair') last.push(v);
    else rows.push([v]);
  }
  return rows;
}

export function ViewRows({ fontScale, presentation }: { fontScale: number; presentation: boolean }) {
  const panel = (v: ViewEntry): ReactNode =>
    createElement(
      PanelBoundary,
      { key: v.id, title: v.title },
      createElement(v.component, { fontScale, height: v.page.height[presentation ? 1 : 0] }),
    );
  return (
    <>
      {pageRows(VIEWS).map((row) => (
        <Fragment key={row.map((v) => v.id).join('+')}>
          {/* Each panel loads on its own, so one still loading never holds the others back. */}
          {row[0]!.page.place === 'pair' ? (
            <div className="two-up">
              {row.map((v) => (
                <Suspense key={v.id} fallback={null}>
                  {panel(v)}
                </Suspense>
              ))}
            </div>
          ) : (
            <Suspense fallback={null}>{panel(row[0]!)}</Suspense>
          )}
        </Fragment>
      ))}
    </>
  );
}

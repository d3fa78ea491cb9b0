/**
 * The exporters, loaded on first use (the main bundle only holds the menu):
 * each reads the store and the panel as they are at the moment of the click,
 * builds one file and hands it to the browser. Nothing here talks to the
 * training worker, so an export never pauses or slows a run beyond the few
 * milliseconds of building the file.
 */
import { formatStepLong } from '../charts/format';
import { parsePermalink, serialisePermalink } from '../core/permalink';
import { serialiseResult } from '../core/result';
import { useStore } from '../state/store';
import { download } from './download';
import { embedSnippet } from './embedCode';
import { exportFileName } from './fileNames';
import { svgToPng } from './png';
import { resultFromStore } from './resultFromStore';
import { runsExperiment } from './runsExperiment';
import { recordingOf, shownExperiment } from './shown';
import { buildFigure } from './svgFigure';
import { tableToCsv } from './tables';
import type { ExportFormat, ExportView } from './views';
import { viewOf, viewTitle } from '../app/viewRegistry';

/** A reason an export did not happen, in words for the user. */
export class ExportProblem extends Error {}

function pageBase(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

function permalinkUrl(query: string): string {
  return query ? `${pageBase()}?${query}` : pageBase();
}

function subtitle(): string {
  const s = useStore.getState();
  if (s.runs.length === 0) {
    const rec = recordingOf(s);
    return rec
      ? `Natural Weights Lab · recorded result (${rec.name}) · ${rec.result.runs.length} runs on ${rec.result.backend}`
      : 'Natural Weights Lab · not trained yet';
  }
  const budget = Math.max(...s.runs.map((r) => r.info.steps));
  const where = s.backend ? ` on ${s.backend.name}` : '';
  const n = s.runs.length;
  return `Natural Weights Lab · step ${formatStepLong(s.step)} of ${formatStepLong(budget)} · ${n} run${n === 1 ? '' : 's'}${where}`;
}

async function figureFor(view: ExportView, panel: Element) {
  const s = useStore.getState();
  const experiment = shownExperiment(s, runsExperiment());
  const heading = panel.querySelector('h2')?.textContent?.trim() || viewTitle(view);
  const figure = await buildFigure(panel, {
    title: heading,
    subtitle: subtitle(),
    permalink: permalinkUrl(serialisePermalink(experiment)),
  });
  if (!figure) throw new ExportProblem('this chart has nothing drawn yet');
  return { figure, experiment };
}

/**
 * Runs the synchronous part of an export under a User Timing measure
 * (`nwl-export:<format>:<what>`), so its cost on the main thread can be read
 * in the browser's performance timeline without a timer in the tests.
 */
function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    performance.measure(`nwl-export:${name}`, { start, end: performance.now() });
  }
}

/** Builds and saves one file; returns the file name. */
export async function runExport(format: ExportFormat, view: ExportView, panel: Element): Promise<string> {
  const s = useStore.getState();
  switch (format) {
    case 'svg': {
      const { figure, experiment } = await figureFor(view, panel);
      const name = exportFileName(view, experiment, 'svg');
      download(name, figure.svg, 'image/svg+xml');
      return name;
    }
    case 'png': {
      const { figure, experiment } = await figureFor(view, panel);
      const name = exportFileName(view, experiment, 'png');
      download(name, await svgToPng(figure.svg, figure.width, figure.height));
      return name;
    }
    case 'csv': {
      const experiment = shownExperiment(s, runsExperiment());
      const table = timed(`csv:${view}`, () => viewOf(view).table(s, experiment));
      if (table.rows.length === 0) throw new ExportProblem('there are no numbers yet: press Start to train');
      const name = exportFileName(view, experiment, 'csv');
      download(
        name,
        timed(`csv-format:${view}`, () => tableToCsv(table)),
        'text/csv',
      );
      return name;
    }
    case 'json': {
      const built = timed('json:build', () => resultFromStore(s, runsExperiment()));
      if (!built.ok) throw new ExportProblem(built.reason);
      const text = timed('json:serialise', () => serialiseResult(built.result));
      // Not parsed back here (that costs tens of milliseconds on a large result): the builder is tested to
      // write the CLI's result byte for byte, and the e2e suite reads every exported file with parseResult.
      const experiment = parsePermalink(built.result.permalink).experiment;
      const name = exportFileName('result', experiment, 'json');
      download(name, `${text}\n`, 'application/json');
      return name;
    }
    case 'py': {
      const experiment = shownExperiment(s, runsExperiment());
      const { pythonScript } = await import('./pythonScript');
      const script = timed('py:build', () => pythonScript(experiment));
      const name = exportFileName('experiment', experiment, 'py');
      download(name, script, 'text/x-python');
      return name;
    }
  }
}

/** The iframe snippet for `view` of the experiment being edited, copied when the browser allows it. */
export async function copyEmbedCode(view: ExportView): Promise<{ snippet: string; copied: boolean }> {
  const snippet = embedSnippet(pageBase(), useStore.getState().experiment, view);
  try {
    await navigator.clipboard.writeText(snippet);
    return { snippet, copied: true };
  } catch {
    // Clipboard access may be refused (no focus, no permission): the menu shows the snippet to copy by hand.
    return { snippet, copied: false };
  }
}

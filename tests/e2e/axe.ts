/**
 * The accessibility check every spec uses: axe-core's serious and critical
 * violations on the page as it is (an empty list passes), with the minor ones
 * noted in the test's annotations.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, type Page } from './fixtures';

export async function seriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  if (report.length) console.log(`axe, ${what}:\n${JSON.stringify(report, null, 2)}`);
  const minor = results.violations.filter((v) => !bad.includes(v));
  test.info().annotations.push({
    type: `axe ${what}`,
    description: `${bad.length} serious/critical, ${minor.length} minor/moderate (${minor.map((v) => v.id).join(', ') || 'none'})`,
  });
  return report;
}

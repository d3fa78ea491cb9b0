/**
 * An embed pauses its training while scrolled out of view and resumes when
 * back (issue 13, item 6): an iframe of the loss embed on a tall page from
 * another origin, scrolled away and back.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

test('an embed in an iframe pauses off-screen and resumes when scrolled back', async ({ page }) => {
  const app = new URL(test.info().project.use.baseURL!);
  const src = `${app.origin}/?embed=loss&steps=200000&backend=wasm`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>article</title><h1>An article</h1><iframe src="${src.replace(/&/g, '&amp;')}" width="800" height="450" title="lab"></iframe><div style="height:4000px"></div><p id="end">end</p>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.goto(`http://127.0.0.1:${port}/`);
    const frame = page.frame({ url: (u) => u.origin === app.origin })!;
    await frame.waitForFunction(() => window.__nwl !== undefined);
    // In view it starts by itself and trains.
    await frame.waitForFunction(() => window.__nwl!.state().step > 0, undefined, { timeout: 60_000 });
    await page.locator('#end').scrollIntoViewIfNeeded();
    // Polled by a timer: an off-screen cross-origin frame is throttled and runs no animation frames.
    await frame.waitForFunction(() => window.__nwl!.state().engine === 'paused', undefined, { polling: 100 });
    // Paused, the step counter stops: two reads a few frames apart agree.
    const stopped = await frame.evaluate(() => window.__nwl!.state().step);
    await frame.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    expect(await frame.evaluate(() => window.__nwl!.state().step)).toBe(stopped);
    // Back in view it resumes and the counter moves on.
    await page.evaluate(() => window.scrollTo(0, 0));
    await frame.waitForFunction(() => window.__nwl!.state().engine === 'running', undefined, { polling: 100 });
    await frame.waitForFunction((s) => window.__nwl!.state().step > s, stopped, {
      timeout: 60_000,
      polling: 100,
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

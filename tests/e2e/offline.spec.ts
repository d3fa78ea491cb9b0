/**
 * Offline and installable: after a first visit the service worker has cached
 * the lab ("works offline" is shown); with the network cut the page reloads
 * from the cache and trains to a curve on wasm. The manifest names the icons
 * that make the lab installable.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, openApp, test, waitForEngine } from './fixtures';

const QUERY = '/?backend=wasm&inputs=gaussian&vs=none&steps=400';

test('after a first visit the lab reloads with no network and trains to a curve', async ({ page, context }) => {
  await openApp(page, QUERY);
  await expect(page.getByRole('status').filter({ hasText: 'works offline' })).toBeVisible({ timeout: 90_000 });
  const controlled = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return { active: reg.active?.state, scope: reg.scope };
  });
  expect(controlled.active).toBe('activated');

  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.__nwl !== undefined);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: 'offline: running from the cache' })).toBeVisible();

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForEngine(page, ['finished'], 120_000);
  const curve = await page.evaluate(() => window.__nwl!.state().runs[0]!.curve.map((p) => [p.step, p.testNmse]));
  expect(curve.at(-1)![0]).toBe(400);
  expect(curve.length).toBeGreaterThan(5);
  // Gaussian inputs are learned: the curve comes down.
  expect(curve.at(-1)![1]).toBeLessThan(curve[0]![1]!);
  await expect(page.locator('svg.loss-chart g.series path')).toHaveCount(1);
  await context.setOffline(false);
});

test('the manifest makes the lab installable: name, start URL, icons that load', async ({ page, request }) => {
  await openApp(page, '/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const manifest = (await (await request.get(href!)).json()) as {
    name: string;
    start_url: string;
    display: string;
    icons: { src: string; sizes: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({ name: 'Natural Weights Lab', start_url: '/', display: 'standalone' });
  const sizes = manifest.icons.map((i) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));
  for (const icon of manifest.icons.filter((i) => i.src.endsWith('.png'))) {
    const res = await request.get(`/${icon.src}`);
    expect(res.ok()).toBe(true);
    const png = await res.body();
    const [w, h] = icon.sizes.split('x').map(Number);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([w, h]);
  }
});

/**
 * A deployment in miniature: a proxy in front of the app's server that, once
 * `deploy()` is called, serves the service worker script with one byte more,
 * as a new build would. The page lives on the proxy's origin.
 */
async function deployableProxy(
  target: string,
): Promise<{ origin: string; deploy: () => void; close: () => Promise<void> }> {
  let deployed = false;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const upstream = await fetch(new URL(req.url ?? '/', target));
      let body = Buffer.from(await upstream.arrayBuffer());
      if (deployed && req.url?.startsWith('/sw.js'))
        body = Buffer.concat([body, Buffer.from('\n// the next version\n')]);
      const headers: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (k !== 'content-length' && k !== 'content-encoding' && k !== 'transfer-encoding') headers[k] = v;
      });
      res.writeHead(upstream.status, headers);
      res.end(body);
    })().catch(() => {
      res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    deploy: () => {
      deployed = true;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test('a new version is offered with a reload, never while a run trains', async ({ page }) => {
  const proxy = await deployableProxy(test.info().project.use.baseURL!);
  try {
    await openApp(page, `${proxy.origin}/?backend=wasm&steps=20000`);
    await expect(page.getByRole('status').filter({ hasText: 'works offline' })).toBeVisible({ timeout: 90_000 });
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.waitForFunction(() => window.__nwl!.state().engine === 'running');

    proxy.deploy();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null, null, {
      timeout: 60_000,
      polling: 250,
    });
    const banner = page.getByRole('status', { name: 'new version' });
    // Held while the run trains.
    await page.waitForTimeout(1500);
    await expect(banner).toHaveCount(0);
    expect(await page.evaluate(() => window.__nwl!.state().engine)).toBe('running');

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('A new version of the lab is available');
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await page.waitForFunction(() => window.__nwl !== undefined);
    await page.waitForFunction(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return r?.waiting === null && navigator.serviceWorker.controller !== null;
    });
    expect(new URL(page.url()).search).toBe('?v=1&steps=20000&backend=wasm');
    await expect(banner).toHaveCount(0);
  } finally {
    await proxy.close();
  }
});

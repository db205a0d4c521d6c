import { afterEach, describe, expect, it } from 'vitest';
import { resolveStatic, serveStatic } from './static-server.ts';
import { fixtureRepo, type FixtureRepo } from './testing/fixture-repo.ts';

let repo: FixtureRepo | undefined;
afterEach(() => repo?.remove());

describe('static server for the built site', () => {
  it('serves pages, folder indexes and assets with their content types, and the 404 page otherwise', async () => {
    repo = fixtureRepo({
      'dist/index.html': '<h1>home</h1>',
      'dist/playbooks/index.html': 'playbooks',
      'dist/playbooks/tdd.html': 'tdd',
      'dist/assets/app.js': 'x',
      'dist/404.html': 'not found',
    });
    const { url, server } = await serveStatic(`${repo.root}/dist`);
    try {
      const home = await fetch(`${url}/`);
      expect([home.status, home.headers.get('content-type'), await home.text()]).toEqual([
        200,
        'text/html; charset=utf-8',
        '<h1>home</h1>',
      ]);
      expect(await (await fetch(`${url}/playbooks/`)).text()).toBe('playbooks');
      expect(await (await fetch(`${url}/playbooks/tdd`)).text()).toBe('tdd');
      expect((await fetch(`${url}/assets/app.js`)).headers.get('content-type')).toBe(
        'text/javascript; charset=utf-8',
      );
      const missing = await fetch(`${url}/nope.html`);
      expect([missing.status, await missing.text()]).toEqual([404, 'not found']);
    } finally {
      server.close();
    }
  });

  it('never serves a file outside the site folder', () => {
    repo = fixtureRepo({ 'dist/index.html': '', 'secret.txt': '' });
    expect(resolveStatic(`${repo.root}/dist`, '/../secret.txt')).toBeUndefined();
    expect(resolveStatic(`${repo.root}/dist`, '/%2e%2e/secret.txt')).toBeUndefined();
  });

  it('answers a bare 404 when the site has no 404 page', async () => {
    repo = fixtureRepo({ 'dist/index.html': '' });
    const { url, server } = await serveStatic(`${repo.root}/dist`);
    try {
      expect((await fetch(`${url}/missing`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});

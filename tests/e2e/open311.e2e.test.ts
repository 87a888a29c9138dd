import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions } from './browser-sessions.js';

/**
 * Open311 as a community secretary hands it to an outside app: the keys page shows where clients
 * connect (the discovery document and the endpoint it names); a client follows them with the key
 * shown once, posts a multipart form, and reads the request back — in full with the key, without
 * personal data without it. Unknown paths under /open311/ answer GeoReport's 404, not the console.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

const LAPTOP = { width: 1366, height: 768 };

describe('Open311 from the keys page to a client', () => {
  it('should show the discovery and endpoint addresses, and let a client with the issued key post and read', async () => {
    await b.withArtifacts('open311-connect', async () => {
      const secretary = await b.open('secretary_binhe1', LAPTOP);
      const s = secretary.page;
      s.setDefaultTimeout(60_000);
      await s.goto('/open311-keys');
      const connect = s.getByTestId('open311-connect');
      await connect.getByText('接入地址').waitFor();
      const discoveryUrl = (await s.getByTestId('open311-discovery').textContent())!;
      const endpoint = (await s.getByTestId('open311-endpoint').textContent())!;
      expect(discoveryUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/open311\/discovery\.json$/);
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/open311\/v2\/$/);
      expect(await connect.textContent()).toContain('查询诉求无需密钥');

      // The client starts from the discovery document shown on the page.
      const request = secretary.context.request;
      const discovery = await (await request.get(discoveryUrl)).json();
      expect(discovery.endpoints[0]).toMatchObject({ url: endpoint, formats: ['text/xml', 'application/json'] });

      // A key, issued on the same page and shown once.
      await s.getByRole('button', { name: '签发密钥' }).click();
      const issue = s.getByRole('dialog', { name: '签发密钥' });
      await issue.getByLabel('名称', { exact: true }).fill(`城市App${Date.now() % 100000}`);
      await issue.getByLabel('覆盖范围').click();
      await s.locator('.ant-select-tree-treenode').filter({ hasText: '龙凤社区' }).first().locator('.ant-select-tree-node-content-wrapper').click();
      await issue.getByRole('button', { name: '签发' }).click();
      const shown = s.getByRole('dialog', { name: '密钥已签发' });
      const key = (await shown.getByTestId('issued-key').textContent())!;
      await shown.getByRole('button', { name: '我已保存' }).click();

      // The client posts a multipart form, as some Open311 clients do, and gets an id, no token.
      const description = `龙凤社区广场路灯不亮，联系电话13912345678（${Date.now() % 100000}）`;
      const posted = await request.post(`${endpoint}requests.json`, {
        multipart: { api_key: key, service_code: 'other', address_string: '龙凤社区', description, first_name: '明', last_name: '李', phone: '13912345678' },
      });
      expect(posted.status(), await posted.text()).toBe(200);
      const [answer] = await posted.json();
      expect(Object.keys(answer).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
      const id = answer.service_request_id as number;

      const full = await (await request.get(`${endpoint}requests/${id}.json?api_key=${encodeURIComponent(key)}`)).json();
      expect(full[0]).toMatchObject({ service_request_id: id, description, status: 'open' });
      const publicView = await request.get(`${endpoint}requests/${id}.json`);
      expect(publicView.status()).toBe(200);
      const text = await publicView.text();
      expect(JSON.parse(text)[0].description).toContain('联系电话***********');
      for (const secret of ['13912345678', '李明']) expect(text).not.toContain(secret);

      // Not the console's page: GeoReport's 404 in the asked format.
      const unknown = await request.get(`${endpoint}nope.json`);
      expect(unknown.status()).toBe(404);
      expect(unknown.headers()['content-type']).toContain('application/json');
      expect(await unknown.json()).toEqual([{ code: 404, description: expect.any(String) }]);
      const bare = await request.get(endpoint.replace(/v2\/$/, ''));
      expect(bare.status()).toBe(404);
      expect(await bare.text()).toContain('<errors>');
    });
  }, 240_000);
});

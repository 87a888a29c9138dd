import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions } from './browser-sessions.js';

/**
 * Screens for two rules that had none: the merchants of a place (county admin) and 发放基础分 on
 * the points rules page (community secretary).
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Paged<T> { items: T[]; total: number }
interface Merchant { id: number; name: string; phone: string | null }

describe('people lists and base points in the browser', () => {
  it('should list the merchants of the county with masked phones', async () => {
    await b.withArtifacts('merchants', async () => {
      const county = await b.open('county_lishi');
      const expected = await apiGet<Paged<Merchant>>(county.context.request, '/api/people/merchants?page=1&pageSize=20');
      expect(expected.total).toBeGreaterThan(0);
      await county.page.goto('/merchants');
      const first = expected.items[0];
      await county.page.getByRole('row', { name: new RegExp(first.name) }).waitFor({ timeout: 60_000 });
      if (first.phone) expect(first.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      await county.page.getByText(`共 ${expected.total} 条`).waitFor();
    });
  });

  it('should let the secretary grant base points to households that have none, once', async () => {
    await b.withArtifacts('grant-base', async () => {
      const secretary = await b.open('secretary_binhe1');
      const page = secretary.page;
      await page.goto('/points/rules');
      await page.getByRole('button', { name: '发放基础分' }).click({ timeout: 60_000 });
      await page.getByRole('button', { name: /确\s*定/ }).click();
      await page.getByText(/^已发放：住户 \d+ 户，商户 \d+ 家$/).first().waitFor({ timeout: 60_000 });
      // Everyone has them now: a second grant gives nobody anything.
      await page.getByRole('button', { name: '发放基础分' }).click();
      await page.getByRole('button', { name: /确\s*定/ }).click();
      await page.getByText('已发放：住户 0 户，商户 0 家').last().waitFor({ timeout: 60_000 });
    });
  });
});

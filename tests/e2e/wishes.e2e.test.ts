import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * 微心愿 in real browsers against the demo city: member_demo (an in-service party member) claims
 * a wish on the phone wall, fulfils it with a photo; grid_binhe1 confirms it on the phone; the
 * public wall of the community never names the resident.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

/** A tiny real PNG: the phone downscales it through a canvas before uploading. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface Wish { id: number; title: string; state: string; residentName: string; communityId: number; claim: { claimerName: string; photoIds: number[] } | null }

describe('micro-wishes in the browser', () => {
  it('should let a party member claim a wish on the phone wall and fulfil it with a photo, and the grid worker confirm it', async () => {
    await b.withArtifacts('wishes-claim', async () => {
      const grid = await b.open('grid_binhe1', PHONE);
      const open = await apiGet<{ items: Wish[] }>(grid.context.request, '/api/wishes?state=open&pageSize=50');
      const wish = open.items.find((w) => w.title === '想要一台收音机')!;
      expect(wish).toBeDefined();

      // The public wall names the wish but not the resident.
      const pub = await b.open(null, PHONE);
      await pub.page.goto(`/public/wishes/${wish.communityId}`);
      await pub.page.getByText('想要一台收音机').waitFor();
      expect(await pub.page.locator('body').innerText()).not.toContain(wish.residentName);

      // member_demo claims it on the wall.
      const member = await b.open('member_demo', PHONE);
      await member.page.goto('/m/wishes');
      const card = member.page.getByRole('article', { name: '心愿：想要一台收音机' });
      await card.waitFor();
      expect(await card.innerText()).not.toContain(wish.residentName);
      await card.getByRole('button', { name: '我来认领' }).click();
      await member.page.getByRole('dialog').getByRole('button', { name: '认领' }).click();

      // My claims: fulfil with a note and a photo.
      const mine = member.page.getByRole('article', { name: '心愿：想要一台收音机' });
      await mine.getByRole('button', { name: '已完成，上传照片' }).click();
      await member.page.getByRole('textbox').fill('已把收音机送到老人家中，教会了调台');
      await member.page.locator('input[type=file]').setInputFiles({ name: 'radio.png', mimeType: 'image/png', buffer: PNG });
      await member.page.getByRole('img', { name: /照片/ }).first().waitFor();
      await member.page.getByRole('button', { name: '提交完成' }).click();
      await member.page.getByRole('article', { name: '心愿：想要一台收音机' }).getByText('已提交，等待社区或居民确认').waitFor();
      await expect.poll(async () => (await apiGet<Wish>(grid.context.request, `/api/wishes/${wish.id}`)).state).toBe('fulfilled');

      // The grid worker sees it with the photo and confirms.
      await grid.page.goto('/m/wishes/staff');
      const toConfirm = grid.page.getByRole('article', { name: '心愿：想要一台收音机' });
      await toConfirm.getByText('已把收音机送到老人家中').waitFor();
      await toConfirm.getByRole('button', { name: '确认完成' }).click();
      await grid.page.getByRole('dialog').getByRole('button', { name: '确认完成' }).click();
      await expect.poll(async () => (await apiGet<Wish>(grid.context.request, `/api/wishes/${wish.id}`)).state).toBe('confirmed');
      const done = await apiGet<Wish>(grid.context.request, `/api/wishes/${wish.id}`);
      expect(done.claim?.photoIds).toHaveLength(1);
      await toConfirm.waitFor({ state: 'detached' });
    });
  });

  it('should show the street its parking campaign with tagged demands and the progress chart', async () => {
    await b.withArtifacts('campaigns-console', async () => {
      const street = await b.open('street_binhe');
      await street.page.goto('/campaigns');
      await street.page.getByRole('link', { name: '滨河街道小区停车秩序专项整治' }).click();
      await street.page.getByTestId('campaign-progress-chart').waitFor();
      const items = street.page.getByRole('table', { name: '关联事项' });
      await items.getByRole('row').nth(1).waitFor();
      expect(await items.getByRole('row').count()).toBeGreaterThan(2);
      await street.page.getByText('诉求已解决').first().waitFor();
    });
  });
});

import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, DESKTOP, PHONE, pickOption } from './browser-sessions.js';

/**
 * A resident's demand in real browsers against the demo city: reported on the phone page,
 * accepted by the grid worker, whistled by the street to 离石区住建局, accepted and resolved in
 * the department's inbox, rated 满意 on the phone — and the street's rates page counts it.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());
const signIn = (username: string, viewport = DESKTOP) => b.open(username, viewport);
const withArtifacts = b.withArtifacts;

/** A small real PNG (a red square), made here so the test needs no fixture file. */
function redSquarePng(side = 24): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(side * 3, Buffer.from([220, 30, 30]))]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: side }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The image was served and decoded (a refused /api/files answer leaves it at width 0). */
const loaded = (img: ReturnType<Page['getByRole']>) => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth);

interface RateRow {
  id: number;
  name: string;
  received: number;
  satisfactionRate: number | null;
}

/** The community's row on the street's rates page: [received, satisfaction cell text]. */
async function communityRow(page: Page, community: string): Promise<[number, string]> {
  await page.getByTestId('kpi-received').waitFor();
  await page.locator('.ant-table-tbody').first().waitFor();
  const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: community, exact: true }) });
  if ((await row.count()) === 0) return [0, '-'];
  const cells = await row.first().getByRole('cell').allTextContents();
  // name, received, response, on-spot, resolution, satisfaction, overdue, hours
  return [Number(cells[1]), cells[5].trim()];
}

describe('demands in the browser', () => {
  it('should carry a resident’s phone report through the grid worker, a whistle and a department to a rating the rates page counts', async () => {
    await withArtifacts('demand-lifecycle', async () => {
      const street = await signIn('street_binhe');
      const community = '龙凤社区';

      // The rates page before: the community's received count and satisfaction.
      await street.page.goto('/demands/rates');
      await street.page.getByRole('img', { name: /下级单位各项比率/ }).or(street.page.getByText('该期间下级单位没有诉求')).first().waitFor();
      const [receivedBefore] = await communityRow(street.page, community);
      const ratesBefore = await (await street.context.request.get('/api/demands/rates')).json() as { children: RateRow[] };
      const apiBefore = ratesBefore.children.find((c) => c.name === community);

      // The resident lands on their phone pages and reports a problem.
      const resident = await signIn('resident_demo', PHONE);
      await resident.page.goto('/');
      await resident.page.waitForURL('**/m/demands');
      await resident.page.getByRole('link', { name: '我要反映' }).or(resident.page.getByText('我要反映').last()).first().click();
      await resident.page.waitForURL('**/m/report');
      await resident.page.getByRole('radio', { name: '公用设施' }).click();
      const description = `楼道灯坏了，晚上看不见 ${Date.now()}`;
      await resident.page.getByRole('textbox', { name: '2. 说说具体情况' }).fill(description);
      const phone = `139${String(Date.now()).slice(-8)}`;
      await resident.page.getByLabel('3. 联系电话（可以不填）').fill(phone);
      // A photo: downscaled in the page, uploaded on submit, sent as an attachment id.
      await resident.page.locator('input[type="file"]').setInputFiles({ name: 'light.png', mimeType: 'image/png', buffer: redSquarePng() });
      await resident.page.getByRole('img', { name: '第1张照片' }).waitFor();
      await resident.page.getByRole('button', { name: '提交' }).click();
      // A neighbour's open report of the same kind may exist (a rerun): this one is new.
      const force = resident.page.getByRole('button', { name: '不是同一问题，继续提交' });
      await Promise.race([resident.page.waitForURL(/\/m\/demands\/\d+$/), force.waitFor()]);
      if (await force.isVisible()) await force.click();
      await resident.page.waitForURL(/\/m\/demands\/\d+$/);
      const id = Number(resident.page.url().match(/\/m\/demands\/(\d+)$/)![1]);
      await resident.page.getByText('待受理').first().waitFor();
      await resident.page.getByText('提交诉求').waitFor();
      const residentPhoto = resident.page.getByRole('group', { name: '照片' }).getByRole('img', { name: '照片1' });
      await expect.poll(() => loaded(residentPhoto)).toBeGreaterThan(0);
      const stored = await (await resident.context.request.get(`/api/demands/${id}`)).json() as { photos: string[] };
      expect(stored.photos).toHaveLength(1);
      expect(stored.photos[0]).toMatch(/^\/api\/files\/\d+$/);

      // The grid worker of the resident's grid accepts it in the console.
      const grid = await signIn('grid_binhe1');
      await grid.page.goto(`/demands/${id}`);
      await grid.page.getByText(description).first().waitFor();
      await grid.page.getByRole('region', { name: '办理' }).getByRole('button', { name: '受理' }).click();
      await expect.poll(() => grid.page.getByTestId('demand-state').textContent()).toBe('办理中');

      // The phone shows masked; the grid worker sees it in full for a listed reason (the server audits it).
      const maskedPhone = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
      await grid.page.getByText(maskedPhone).first().waitFor();
      expect(await grid.page.locator('body').textContent()).not.toContain(phone);
      await grid.page.getByRole('button', { name: '查看反映人的完整电话' }).click();
      const reveal = grid.page.getByRole('dialog');
      await reveal.getByLabel('查看原因').click();
      await pickOption(grid.page, '联系居民处理诉求');
      await reveal.getByRole('button', { name: '查看' }).click();
      expect((await reveal.getByTestId('revealed-value').textContent())!.trim()).toBe(phone);
      await reveal.getByRole('button', { name: '关闭' }).last().click();
      await reveal.waitFor({ state: 'hidden' });
      expect(await grid.page.locator('body').textContent()).not.toContain(phone);
      await expect
        .poll(async () => (await (await grid.context.request.get(`/api/demands/${id}`)).json() as { reporterPhone: string }).reporterPhone)
        .toBe(maskedPhone);

      // The street whistles it to 离石区住建局.
      await street.page.goto(`/demands/${id}`);
      await street.page.getByRole('region', { name: '办理' }).getByRole('button', { name: '街道吹哨派单' }).click();
      const whistle = street.page.getByRole('dialog');
      await whistle.getByLabel('职能部门').click();
      // The city's departments are on the list too: type to find the county's.
      await whistle.getByLabel('职能部门').fill('住建');
      // A multiple choice: the list stays open after the pick.
      await street.page.locator('.ant-select-dropdown:visible').getByTitle('离石区住建局', { exact: true }).click();
      await whistle.getByLabel('处理说明').fill('公共照明归住建部门维修');
      await whistle.getByRole('button', { name: '街道吹哨派单' }).click();
      await whistle.waitFor({ state: 'hidden' });
      await expect.poll(() => street.page.getByTestId('demand-state').textContent()).toBe('已吹哨');

      // The department lands in its inbox, accepts (报到) and resolves.
      const dept = await signIn('dept_housing');
      await dept.page.goto('/');
      await dept.page.waitForURL('**/demands/inbox');
      const card = dept.page.getByRole('article', { name: `#${id} 公用设施` });
      // The department sees the resident's photo once the demand is whistled to it.
      await expect.poll(() => loaded(card.getByRole('img', { name: '照片1' }))).toBeGreaterThan(0);
      await card.getByRole('button', { name: `报到 离石区住建局 #${id}` }).click();
      await card.getByText('已报到').waitFor();
      await card.getByRole('button', { name: `办结 离石区住建局 #${id}` }).click();
      const resolve = dept.page.getByRole('dialog');
      await resolve.getByLabel('办结情况').fill('已更换楼道灯具');
      await resolve.getByRole('button', { name: '办结' }).click();
      await resolve.waitFor({ state: 'hidden' });
      await card.getByText('已办结').first().waitFor();

      // The resident sees it resolved on the phone and rates it 满意.
      await resident.page.goto(`/m/demands/${id}`);
      const rate = resident.page.getByRole('region', { name: '问题解决了吗？请您评价' });
      await rate.getByRole('button', { name: '满意', exact: true }).click();
      await resident.page.getByText('您的评价：满意').waitFor();
      for (const step of ['提交诉求', '受理', '街道吹哨派单', '部门报到', '部门办结', '各部门均已办结', '评价：满意']) {
        await resident.page.getByText(step, { exact: true }).first().waitFor();
      }

      // The server counts it: one more received in the community, and a satisfaction rate.
      await expect
        .poll(async () => {
          const r = await (await street.context.request.get('/api/demands/rates')).json() as { children: RateRow[] };
          return r.children.find((c) => c.name === community);
        })
        .toMatchObject({ received: (apiBefore?.received ?? 0) + 1, satisfactionRate: expect.any(Number) });

      // And the rates page shows it.
      await street.page.goto('/demands/rates');
      await expect.poll(async () => (await communityRow(street.page, community))[0]).toBe(receivedBefore + 1);
      const [, satisfaction] = await communityRow(street.page, community);
      expect(satisfaction).toMatch(/^\d+(\.\d)?%$/);
    });
  });

  it('should keep a report with its photo on the phone without signal and send both once it is back', async () => {
    await withArtifacts('demand-offline-photo', async () => {
      const resident = await signIn('resident_demo', PHONE);
      await resident.page.goto('/m/report');
      await resident.page.getByRole('radio', { name: '公用设施' }).waitFor();
      await resident.context.setOffline(true);
      await resident.page.getByRole('radio', { name: '公用设施' }).click();
      const description = `地下室没有信号，水管漏水 ${Date.now()}`;
      await resident.page.getByRole('textbox', { name: '2. 说说具体情况' }).fill(description);
      await resident.page.locator('input[type="file"]').setInputFiles({ name: 'leak.png', mimeType: 'image/png', buffer: redSquarePng(32) });
      await resident.page.getByRole('img', { name: '第1张照片' }).waitFor();
      await resident.page.getByRole('button', { name: '提交' }).click();
      await resident.page.getByText('已保存，联网后自动发送').waitFor();
      // The photo waits in IndexedDB, the record in local storage.
      const queued = await resident.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('linli.offlineQueue.')).map((k) => JSON.parse(localStorage.getItem(k)!)).flat());
      expect(queued).toEqual([expect.objectContaining({ photoKeys: [expect.any(String)] })]);

      await resident.context.setOffline(false);
      const mine = async () => {
        const r = await (await resident.context.request.get('/api/demands?pageSize=50')).json() as { items: { description: string; photos: string[] }[] };
        return r.items.filter((d) => d.description === description);
      };
      await expect.poll(mine, { timeout: 30_000 }).toHaveLength(1);
      expect((await mine())[0].photos).toEqual([expect.stringMatching(/^\/api\/files\/\d+$/)]);
      // Sent once: a second flush (the minute timer, a reload) does not add another.
      await resident.page.reload();
      await resident.page.getByRole('radio', { name: '公用设施' }).waitFor();
      expect(await mine()).toHaveLength(1);
    });
  });
});

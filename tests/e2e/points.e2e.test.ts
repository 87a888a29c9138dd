import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';
import { monthsAgo, recordDeedOnPhone } from './points-helpers.js';

/**
 * Points governance in real browsers against the demo city: a grid worker records a deed
 * for resident_demo's household on the phone; the secretary approves it on the console and
 * closes the month; the public notice (no login) lists the household with its name masked and
 * the month's points; the resident sees the new balance on the phone.
 *
 * The month is one four months back: finished (only a finished month can be closed), open
 * and without records in the demo seed (it closes the last three), so the close never depends
 * on the seed's pending records or on the day the test runs.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Me { holder: { kind: 'household'; id: number; label: string }; communityId: number; balance: number }
interface Month { month: string; status: string; pending: number }
interface RecordRow { id: number; note: string; status: string; points: number; holderId: number }
interface NoticeRow { label: string; monthChange: number; items: { name: string; points: number }[] }

const ITEM = '建言献策'; // 3 points, no photo required, community workers may record it

describe('points in the browser', () => {
  it('should carry a deed from the phone through review and the month’s close to the public notice and the resident’s balance', async () => {
    await b.withArtifacts('points-lifecycle', async () => {
      const resident = await b.open('resident_demo', PHONE);
      const before = await apiGet<Me>(resident.context.request, '/api/points/me');
      const communityId = before.communityId;
      const month = monthsAgo(4);

      const secretary = await b.open('secretary_binhe1');
      const months = await apiGet<{ items: Month[] }>(secretary.context.request, `/api/points/months?communityId=${communityId}`);
      expect(months.items.find((m) => m.month === month)).toMatchObject({ status: 'open', pending: 0 });

      // The grid worker finds the household by its door and records the deed in a few taps.
      const worker = await b.open('grid_binhe1', PHONE);
      const note = `建议楼下增设休息座椅 e2e-${Date.now()}`;
      // The picker names the household with its compound (阳光小区 1号楼1单元101 张*华).
      const door = before.holder.label.split(' ')[0];
      const hits = await apiGet<{ items: Holder[] }>(worker.context.request, `/api/points/holders?communityId=${communityId}&q=${encodeURIComponent(door)}&kind=household&pageSize=50`);
      const picked = hits.items.find((h) => h.id === before.holder.id)!;
      expect(picked.label.endsWith(before.holder.label)).toBe(true);
      await recordDeedOnPhone(worker.page, { search: door, holderLabel: picked.label, itemName: ITEM, occurredOn: `${month}-01`, note });
      const pending = await apiGet<{ items: RecordRow[] }>(secretary.context.request, `/api/points/records?communityId=${communityId}&month=${month}&status=pending`);
      const record = pending.items.find((r) => r.note === note);
      expect(record).toMatchObject({ holderId: before.holder.id, points: 3, status: 'pending' });

      // The secretary approves it on the console.
      await secretary.page.goto(`/points/records?month=${month}`);
      const row = secretary.page.getByRole('row').filter({ hasText: note });
      await row.getByRole('checkbox', { name: `选择记录 #${record!.id}` }).check();
      await secretary.page.getByRole('group', { name: '批量评议' }).getByRole('button', { name: '通过' }).click();
      await secretary.page.getByText('已通过 1 条，驳回 0 条').waitFor();
      await expect
        .poll(async () => (await apiGet<{ items: RecordRow[] }>(secretary.context.request, `/api/points/records?communityId=${communityId}&month=${month}`)).items.find((r) => r.id === record!.id)?.status)
        .toBe('approved');

      // …and closes the month, which publishes the notice.
      await secretary.page.goto('/points/months');
      await secretary.page.getByRole('button', { name: `关闭 ${month} 并公示` }).click();
      await secretary.page.getByRole('dialog').getByRole('button', { name: '关闭并公示' }).click();
      const noticeLink = secretary.page.getByRole('link', { name: `查看 ${month} 公示` });
      await noticeLink.waitFor();
      expect(await noticeLink.getAttribute('href')).toBe(`/public/points/${communityId}/${month}`);
      const monthRow = secretary.page.getByRole('row').filter({ has: noticeLink });
      await monthRow.getByText('公示中').waitFor();

      // Anyone, signed in or not, reads the notice; the household's name is masked.
      const notice = await apiGet<{ rows: NoticeRow[] }>(secretary.context.request, `/api/public/points/notices/${communityId}/${month}?pageSize=200`);
      const ours = notice.rows.find((r) => r.items.some((i) => i.name === ITEM) && r.monthChange === 3);
      expect(ours, 'the household is on the notice with this month’s 3 points').toBeDefined();
      const maskedName = before.holder.label.split(' ')[1]; // e.g. 侯*斌 — masked by the server already
      expect(maskedName).toMatch(/\*/);
      expect(ours!.label).toContain(maskedName);

      const visitor = await b.open(null, PHONE);
      await visitor.page.goto(`/public/points/${communityId}/${month}`);
      await visitor.page.getByRole('heading', { name: new RegExp(`${month} 积分公示`) }).waitFor();
      const publicRow = visitor.page.getByRole('table', { name: '积分排名' }).getByRole('row').filter({ hasText: ours!.label });
      await publicRow.waitFor();
      expect(await publicRow.textContent()).toContain(`${ITEM} +3`);
      await visitor.page.getByText(/异议期至/).waitFor();
      expect(visitor.page.url()).toContain(`/public/points/${communityId}/${month}`); // no login redirect

      // The resident sees the new balance and the deed in the history.
      await resident.page.goto('/m/points');
      await expect.poll(() => resident.page.getByTestId('my-balance').textContent()).toBe(String(before.balance + 3));
      await resident.page.getByRole('listitem').filter({ hasText: ITEM }).first().waitFor();
    });
  });
});

interface Holder { kind: 'household' | 'merchant'; id: number; label: string }
interface Objection { id: number; reason: string; status: string; decisionNote: string | null }

// A 1×1 PNG: a photo the phone downsizes and uploads as evidence.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('points governance details in the browser', () => {
  it('should version a rule, carry a photo as evidence to a reasoned rejection, refuse an unfinished month and answer a resident’s objection', async () => {
    await b.withArtifacts('points-governance', async () => {
      const secretary = await b.open('secretary_binhe1');
      const communityId = Number((await apiGet<{ account: { scope: { orgId: number } } }>(secretary.context.request, '/api/auth/me')).account.scope.orgId);

      // A rule change is a new version; the drawer lists both.
      await secretary.page.goto('/points/rules');
      await secretary.page.getByRole('button', { name: '修改“邻里互助”' }).click();
      const edit = secretary.page.getByRole('dialog', { name: '修改“邻里互助”' });
      await edit.getByLabel('每月上限').fill('16');
      await edit.getByRole('button', { name: '保存' }).click();
      await edit.waitFor({ state: 'hidden' });
      await secretary.page.getByRole('button', { name: '“邻里互助”的历史版本' }).click();
      const drawer = secretary.page.getByRole('dialog', { name: '“邻里互助”的历史版本' });
      await drawer.getByRole('cell', { name: 'v2', exact: true }).waitFor();
      await drawer.getByRole('cell', { name: 'v1', exact: true }).waitFor();
      expect(await drawer.getByRole('row').filter({ hasText: 'v2' }).textContent()).toContain('16');
      await secretary.page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });

      // A community's own item, under one of the shipped categories.
      const own = `清理小广告${Date.now() % 10000}`;
      await secretary.page.getByRole('button', { name: '新增事项' }).click();
      const add = secretary.page.getByRole('dialog', { name: '新增事项' });
      await add.getByLabel('事项', { exact: true }).fill(own);
      await add.getByLabel('分值', { exact: true }).fill('2');
      await add.getByRole('button', { name: '保存' }).click();
      await add.waitFor({ state: 'hidden' });
      const ownRow = secretary.page.getByRole('row').filter({ hasText: own });
      await ownRow.waitFor();
      expect(await ownRow.textContent()).toContain('参与活动');

      // A deed whose item needs evidence goes with a photo taken on the phone.
      const worker = await b.open('worker_binhe1', PHONE);
      const hits = await apiGet<{ items: Holder[] }>(worker.context.request, `/api/points/holders?communityId=${communityId}&q=101&kind=household&pageSize=5`);
      const holder = hits.items[1];
      const note = `e2e 照片佐证 ${Date.now()}`;
      await worker.page.goto('/m/points/record');
      await worker.page.getByPlaceholder('门牌号、楼号或户主姓名').fill(holder.label.split(' ').at(-2)!);
      await worker.page.getByRole('button', { name: holder.label, exact: true }).click();
      await worker.page.getByRole('radio', { name: '环境维护（门前三包）', exact: true }).click();
      await worker.page.getByRole('button', { name: /^记一笔/ }).click();
      await worker.page.getByRole('alert').filter({ hasText: '需要照片佐证' }).waitFor();
      await worker.page.locator('input[type=file]').setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: PNG });
      await worker.page.locator('.m-photo img').waitFor();
      await worker.page.getByLabel('说明（可不填）').fill(note);
      await worker.page.getByRole('button', { name: /^记一笔/ }).click();
      await worker.page.getByTestId('points-last').filter({ hasText: '环境维护' }).waitFor();

      const month = monthsAgo(0);
      const recorded = (await apiGet<{ items: (RecordRow & { photoIds: number[] })[] }>(secretary.context.request, `/api/points/records?communityId=${communityId}&month=${month}&status=pending&pageSize=100`))
        .items.find((r) => r.note === note);
      expect(recorded?.photoIds).toHaveLength(1);

      // The secretary sees the photo and rejects the record with a reason.
      await secretary.page.goto(`/points/records?month=${month}`);
      const row = secretary.page.getByRole('row').filter({ hasText: note });
      await row.getByRole('img', { name: `佐证照片 ${recorded!.photoIds[0]}` }).waitFor();
      await row.getByRole('checkbox').check();
      await secretary.page.getByRole('group', { name: '批量评议' }).getByRole('button', { name: '驳回' }).click();
      const reject = secretary.page.getByRole('dialog', { name: '驳回 1 条记录' });
      await reject.getByRole('button', { name: '驳回' }).click();
      await reject.getByText('请写明驳回理由').waitFor();
      await reject.getByLabel('驳回理由').fill('照片看不清门前情况，请重新拍摄');
      await reject.getByRole('button', { name: '驳回' }).click();
      await secretary.page.getByText('已通过 0 条，驳回 1 条').waitFor();
      await expect
        .poll(async () => (await apiGet<{ items: RecordRow[] }>(secretary.context.request, `/api/points/records?communityId=${communityId}&month=${month}&status=rejected&pageSize=100`)).items.some((r) => r.note === note))
        .toBe(true);

      // The running month cannot be closed; the refusal is shown as the server words it.
      await secretary.page.goto('/points/months');
      await secretary.page.getByRole('button', { name: `关闭 ${month} 并公示` }).click();
      await secretary.page.getByRole('dialog').getByRole('button', { name: '关闭并公示' }).click();
      const refusal = secretary.page.getByRole('alert').filter({ hasText: '不能关闭该月' });
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('尚未结束');

      // A resident objects to the current notice during its window…
      const resident = await b.open('resident_demo', PHONE);
      const reason = `第3名的加分我有疑问，请核实 e2e-${Date.now()}`;
      await resident.page.goto('/m/points');
      await resident.page.getByText('公示', { exact: true }).click();
      await resident.page.getByLabel('对公示有异议？').fill(reason);
      await resident.page.getByRole('button', { name: '提交异议' }).click();
      await resident.page.getByRole('status').filter({ hasText: '异议已提交' }).waitFor();

      // …and the secretary answers it.
      await secretary.page.reload();
      const objRow = secretary.page.getByRole('row').filter({ hasText: reason });
      await objRow.getByRole('button', { name: '处理' }).click();
      const decide = secretary.page.getByRole('dialog');
      await decide.getByText('不采纳').click();
      await decide.getByLabel('处理意见').fill('经核实，该户加分有照片和记录为证');
      await decide.getByRole('button', { name: '确定' }).click();
      await decide.waitFor({ state: 'hidden' });
      await expect
        .poll(async () => (await apiGet<{ items: Objection[] }>(secretary.context.request, `/api/points/objections?communityId=${communityId}&pageSize=100`)).items.find((o) => o.reason === reason)?.status)
        .toBe('dismissed');

      // The resident reads the answer on the phone.
      await resident.page.reload();
      await resident.page.getByText('公示', { exact: true }).click();
      const answer = resident.page.getByTestId('my-objections').locator('.m-card').filter({ hasText: reason });
      await answer.getByText('未采纳').waitFor();
      await answer.getByText('处理意见：经核实，该户加分有照片和记录为证').waitFor();
    });
  });
});

describe('points offline on the phone', () => {
  it('should keep a deed recorded without signal and send it once when the phone is back online', async () => {
    await b.withArtifacts('points-offline', async () => {
      const worker = await b.open('worker_binhe1', PHONE);
      const me = await apiGet<{ account: { id: number; scope: { orgId: number } } }>(worker.context.request, '/api/auth/me');
      const communityId = me.account.scope.orgId;
      const hits = await apiGet<{ items: Holder[] }>(worker.context.request, `/api/points/holders?communityId=${communityId}&q=201&kind=household&pageSize=5`);
      const holder = hits.items[0];
      const note = `e2e 离线记录 ${Date.now()}`;

      await worker.page.goto('/m/points/record');
      await worker.page.getByPlaceholder('门牌号、楼号或户主姓名').fill(holder.label.split(' ').at(-2)!);
      await worker.page.getByRole('button', { name: holder.label, exact: true }).click();
      await worker.page.getByRole('radio', { name: '垃圾分类', exact: true }).waitFor();

      await worker.context.setOffline(true);
      await worker.page.getByRole('radio', { name: '垃圾分类', exact: true }).click();
      await worker.page.getByLabel('说明（可不填）').fill(note);
      await worker.page.getByRole('button', { name: /^记一笔/ }).click();
      await worker.page.getByText('1 条记录等待联网提交').waitFor();

      await worker.context.setOffline(false);
      await worker.page.getByText('1 条记录等待联网提交').waitFor({ state: 'hidden' });
      const month = monthsAgo(0);
      const mine = async () => (await apiGet<{ items: RecordRow[] }>(worker.context.request, `/api/points/records?communityId=${communityId}&month=${month}&holderId=${holder.id}&pageSize=100`))
        .items.filter((r) => r.note === note);
      await expect.poll(async () => (await mine()).length).toBe(1);
      // The queue is empty after the send: reopening the page sends nothing again.
      await worker.page.reload();
      await worker.page.getByRole('radio', { name: '垃圾分类', exact: true }).waitFor();
      expect(await worker.page.evaluate((key) => localStorage.getItem(key), `linli.pointsQueue.${me.account.id}`)).toBe('[]');
      expect(await mine()).toHaveLength(1);
    });
  });
});

describe('points honours in the browser', () => {
  it('should set a building head who then appears among the reserve secretaries, and export the list', async () => {
    await b.withArtifacts('points-honours', async () => {
      const secretary = await b.open('secretary_binhe1');
      const page = secretary.page;
      await page.goto('/points/honours');
      await page.getByRole('tab', { name: '后备书记人选' }).click();
      await page.getByRole('button', { name: '设置楼栋长/单元长' }).click();
      const dialog = page.getByRole('dialog', { name: '设置楼栋长/单元长' });

      // Browse the tree: community → grid → building.
      await dialog.getByLabel('楼栋或单元').click();
      const node = (name: string) => page.locator('.ant-select-tree-treenode').filter({ hasText: name }).first();
      await node('龙凤社区').locator('.ant-select-tree-switcher').click();
      await node('东方公寓').locator('.ant-select-tree-switcher').click();
      await node('1号楼').locator('.ant-select-tree-node-content-wrapper').click();

      await dialog.getByLabel('居民').click();
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      await option.waitFor();
      const picked = (await option.textContent())!.split(' · ')[0];
      await option.click();
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const row = page.getByRole('row').filter({ hasText: picked }).filter({ hasText: '楼栋长' });
      await row.first().waitFor();

      // The export is the same list as a spreadsheet.
      const href = await page.getByRole('tabpanel').getByRole('link', { name: /导出 Excel/ }).getAttribute('href');
      const xlsx = await secretary.context.request.get(href!);
      expect(xlsx.ok()).toBe(true);
      expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    });
  });
});

describe('the public notice keeps staff notes off', () => {
  it('should show an upheld objection’s correction by its rule item, never the secretary’s note', async () => {
    await b.withArtifacts('points-public-correction', async () => {
      const resident = await b.open('resident_demo', PHONE);
      const { communityId } = await apiGet<Me>(resident.context.request, '/api/points/me');
      const secretary = await b.open('secretary_binhe1');
      // The demo city's open objection from resident_demo, against a public-space penalty.
      const objections = await apiGet<{ items: (Objection & { month: string; recordId: number | null })[] }>(
        secretary.context.request, `/api/points/objections?communityId=${communityId}&status=open&pageSize=100`);
      const seeded = objections.items.find((o) => o.reason.startsWith('纸箱是楼上邻居搬家时放的') && o.recordId);
      expect(seeded, 'the demo seed files one objection with a record').toBeDefined();
      const { csrfToken } = await apiGet<{ csrfToken: string }>(secretary.context.request, '/api/auth/me');
      const note = '与业主王小明（13912345678）电话核实，纸箱确为楼上所放';
      const decided = await secretary.context.request.post(`/api/points/objections/${seeded!.id}/decide`, {
        data: { decision: 'uphold', note, reverseRecordIds: [seeded!.recordId] }, headers: { 'x-csrf-token': csrfToken },
      });
      expect(decided.ok(), await decided.text()).toBe(true);

      const visitor = await b.open(null, PHONE);
      await visitor.page.goto(`/public/points/${communityId}/${seeded!.month}`);
      const corrections = visitor.page.getByRole('region', { name: '更正' });
      await corrections.getByText(/冲正（异议成立）：占用公共空间/).waitFor();
      const text = (await visitor.page.locator('body').textContent()) ?? '';
      expect(text).not.toContain('13912345678');
      expect(text).not.toContain('王小明');
    });
  });
});

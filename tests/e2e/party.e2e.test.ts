import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, pickOption } from './browser-sessions.js';

/**
 * Party-tree upkeep in a real browser against the demo city: secretary_binhe1 (龙凤社区) creates
 * a 党小组 under a branch, registers a resident as a member, is refused a secretary of the wrong
 * kind and appoints one of the matching kind, is refused dissolving the group while it has a
 * member, and dissolves an empty group. The server's state is checked through the API.
 */

const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface PartyOrg { id: number; name: string; kind: string; orgId: number; parentId: number | null; secretaryName: string | null }

describe('party tree upkeep in the browser', () => {
  it('should let a community secretary build, staff and prune the party tree from the party page', async () => {
    await b.withArtifacts('party-upkeep', async () => {
      const s = await b.open('secretary_binhe1');
      const api = s.context.request;
      const json = async <T>(url: string) => {
        const r = await api.get(url);
        expect(r.ok(), url).toBe(true);
        return (await r.json()) as T;
      };
      const csrf = ((await json<{ csrfToken: string }>('/api/auth/me')).csrfToken);
      // The community's own committee: a 商圈党委 of a busy business grid may sit beside it.
      const roots = (await json<{ items: PartyOrg[] }>('/api/party/orgs')).items;
      const committee = roots.find((o) => o.name === '龙凤社区党委') ?? roots[0];
      const branch = (await json<{ items: PartyOrg[] }>(`/api/party/orgs/${committee.id}/children`)).items.find((o) => o.kind === 'branch')!;
      const building = (await json<{ items: { id: number; name: string; kind: string }[] }>(`/api/org/units/${branch.orgId}/children`)).items.find((u) => u.kind === 'building')!;
      const residents = (await json<{ items: { id: number; name: string; idNumber: string; age: number; isPartyMember: boolean }[] }>(
        `/api/people/residents?orgId=${building.id}&pageSize=200`)).items;
      const resident = residents.find((r) => !r.isPartyMember && r.age >= 18 && r.age < 40)!;
      expect(resident, 'a grown-up resident who is not a member yet').toBeTruthy();
      const stamp = Date.now() % 100000;
      const groupName = `E2E党小组${stamp}`;

      const p = s.page;
      const choose = (title: string | RegExp) => pickOption(p, title);
      await p.goto('/party');
      await p.locator('.ant-card').filter({ hasText: '党组织覆盖' }).getByRole('row').filter({ hasText: '龙凤社区' }).waitFor();
      await p.locator('.ant-tree-node-content-wrapper').filter({ hasText: branch.name }).first().click();
      await p.getByRole('button', { name: '新建楼栋党小组' }).click();
      let dialog = p.getByRole('dialog');
      await dialog.getByLabel('名称').fill(groupName);
      await dialog.getByLabel('所挂组织').click();
      await choose(new RegExp(`^${building.name}`));
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // The new group is selected: its card has the kind tag and the group's own actions.
      await p.locator('.ant-card-head-title').filter({ hasText: groupName }).waitFor();

      // Register a resident as a student member.
      await p.getByRole('button', { name: '登记党员' }).click();
      dialog = p.getByRole('dialog');
      await dialog.getByLabel('居民').fill(resident.name);
      await choose(`${resident.name}（${resident.idNumber}）`);
      await dialog.getByLabel('党员类别').click();
      await choose('学生党员');
      await dialog.getByLabel('入党日期').fill('2024-07-01');
      await dialog.getByRole('button', { name: '登记' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await p.getByRole('row').filter({ hasText: resident.name }).filter({ hasText: '学生党员' }).waitFor();

      // A 耆老善治型 secretary must be retired: refused with the reason; 青春赋能型 fits a student.
      await p.getByRole('button', { name: '任命书记' }).click();
      dialog = p.getByRole('dialog');
      await dialog.getByLabel('党员').click();
      await choose(`${resident.name}（学生党员）`);
      await dialog.getByLabel('书记类型').click();
      await choose('耆老善治型');
      await dialog.getByText('该类型的书记须为退休党员').waitFor();
      await dialog.getByRole('button', { name: '任命' }).click();
      await dialog.getByRole('alert').filter({ hasText: '「耆老善治型」书记须为退休党员，该党员是学生党员' }).waitFor();
      await dialog.getByLabel('书记类型').click();
      await choose('青春赋能型');
      await dialog.getByRole('button', { name: '任命' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await p.locator('.ant-card').filter({ hasText: '书记任职记录' }).getByRole('row').filter({ hasText: resident.name }).filter({ hasText: '青春赋能型' }).waitFor();
      await expect.poll(async () => {
        const kids = (await json<{ items: PartyOrg[] }>(`/api/party/orgs/${branch.id}/children`)).items;
        return kids.find((o) => o.name === groupName)?.secretaryName;
      }).toBe(resident.name);

      // Not while a member is in it.
      await p.getByRole('button', { name: '撤销' }).click();
      dialog = p.getByRole('dialog');
      await dialog.getByRole('button', { name: '撤销' }).click();
      await dialog.getByRole('alert').filter({ hasText: `「${groupName}」还有 1 名党员` }).waitFor();
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });

      // An empty group goes.
      const emptyName = `E2E空小组${stamp}`;
      const made = await api.post('/api/party/orgs', {
        headers: { 'x-csrf-token': csrf }, data: { parentId: branch.id, kind: 'group', name: emptyName, orgId: building.id },
      });
      expect(made.ok()).toBe(true);
      await p.reload();
      await p.locator('.ant-tree-node-content-wrapper').filter({ hasText: branch.name }).first().click();
      await p.locator('.ant-tree-node-content-wrapper').filter({ hasText: emptyName }).click();
      await p.locator('.ant-card-head-title').filter({ hasText: emptyName }).waitFor();
      await p.getByRole('button', { name: '撤销' }).click();
      dialog = p.getByRole('dialog');
      await dialog.getByRole('button', { name: '撤销' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(async () => p.locator('.ant-tree-node-content-wrapper').filter({ hasText: emptyName }).count()).toBe(0);
      await expect.poll(async () => (await json<{ items: PartyOrg[] }>(`/api/party/orgs/${branch.id}/children`)).items.map((o) => o.name))
        .toEqual(expect.not.arrayContaining([emptyName]));
    });
  });
});

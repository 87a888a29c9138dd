import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../server/platform/pii/id-number.js';
import { apiGet, browserSessions, pickOption } from './browser-sessions.js';

/**
 * 小区管理 in a real browser against the demo city: worker_binhe1 opens 龙凤社区's self-run compound,
 * imports a small property register (.xlsx made here with exceljs), sees the owners masked, has
 * one 物管会 owner member leave and adds another until the committee is valid again, and records a
 * 五有 item.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

type List = { items: { id: number; name: string; community: string; mode: string }[] };
type Units = { items: { id: number; label: string }[] };
const idNumber = (birth: string, seq: number) => { const f = `141102${birth}${String(seq).padStart(3, '0')}`; return f + idNumberCheckChar(f); };

describe('selfrun compounds in the browser', () => {
  it('should import the register, build a valid 物管会 and record a 五有 item', async () => {
    await b.withArtifacts('selfrun-compounds', async () => {
      const w = await b.open('worker_binhe1');
      const list = await apiGet<List>(w.context.request, '/api/selfrun/compounds?mode=self_run&pageSize=200');
      const compound = list.items.find((c) => c.community.includes('龙凤'))!;
      expect(compound, '龙凤社区 has a self-run compound').toBeDefined();
      await w.page.goto('/selfrun/compounds');
      await w.page.getByTestId('selfrun-compounds-chart').waitFor();
      await w.page.getByRole('link', { name: compound.name, exact: true }).click();
      await w.page.waitForURL(new RegExp(`/selfrun/compounds/${compound.id}$`));

      // The register for the second flat on the list (not resident_demo's own): two co-owners.
      const units = await apiGet<Units>(w.context.request, `/api/selfrun/compounds/${compound.id}/units?page=1&pageSize=20`);
      const target = units.items[1]!;
      const m = /(\d+)号楼(\d+)单元(\S+)$/.exec(target.label)!;
      expect(m, target.label).not.toBeNull();
      const first = idNumber('19750304', 41);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('产权登记');
      ws.addRow(['楼栋', '单元', '房号', '面积', '业主姓名', '身份证号', '手机号']);
      ws.addRow([`${m[1]}号楼`, `${m[2]}单元`, m[3], 96.3, '冯建华', first, '13912345678']);
      ws.addRow([`${m[1]}号楼`, `${m[2]}单元`, m[3], 96.3, '冯丽', idNumber('19780512', 42), '']);
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      await w.page.getByLabel('选择产权登记表(.xlsx)').setInputFiles({ name: 'register.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
      const dialog = w.page.getByRole('dialog', { name: '产权登记导入预览' });
      await dialog.getByText('共2行，其中0行有错误').waitFor();
      await dialog.getByRole('button', { name: '确认导入' }).click();
      await w.page.getByText('已导入2行').waitFor();
      const row = w.page.getByRole('row').filter({ hasText: target.label });
      await row.getByText(/冯建华 141102\*{10}\d[\dX] 139\*\*\*\*5678/).waitFor();
      await row.getByText('冯丽').waitFor();
      expect(await w.page.content()).not.toContain(first);
      // The full number only with a reason, in a dialog that forgets it when closed.
      await row.getByRole('button', { name: '查看' }).first().click();
      const reveal = w.page.getByRole('dialog', { name: '查看冯建华的完整证件号' });
      await reveal.getByLabel('查看原因').click();
      await pickOption(w.page, '核实身份办理业务');
      await reveal.getByRole('button', { name: '查看' }).click();
      expect((await reveal.getByTestId('revealed-value').textContent())!.trim()).toBe(first);
      await reveal.getByRole('button', { name: '关闭' }).last().click();
      await reveal.waitFor({ state: 'hidden' });
      expect(await w.page.content()).not.toContain(first);

      // 物管会: an owner member leaves (eight: refused as a committee), another owner joins (nine again).
      await w.page.getByRole('tab', { name: '业委会/物管会' }).click();
      await w.page.getByTestId('committee-state').getByText('物管会组成符合要求').waitFor();
      const leaving = w.page.getByRole('row').filter({ hasText: '业主代表' }).filter({ hasText: '委员' }).first();
      await leaving.getByRole('button', { name: '离任' }).click();
      await w.page.locator('.ant-popconfirm:visible').getByRole('button', { name: /^(OK|确 ?定)$/ }).click();
      await w.page.getByTestId('committee-state').getByText(/物管会至少9人，现有8人/).waitFor();
      await w.page.getByLabel('姓名').fill('冯建华');
      await w.page.getByRole('button', { name: '增加', exact: true }).click();
      await w.page.getByTestId('committee-state').getByText('物管会组成符合要求').waitFor();
      await w.page.getByRole('cell', { name: '冯建华' }).waitFor();

      // 五有: record the emergency plan.
      await w.page.getByRole('tab', { name: '五有' }).click();
      const plan = w.page.getByTestId('five-emergency_plan');
      await plan.getByRole('button', { name: '登记' }).click();
      const five = w.page.getByRole('dialog', { name: '应急预案' });
      await five.getByLabel('说明').fill('小区防汛、消防应急预案已制定并张贴');
      await five.getByRole('button', { name: /^(OK|确 ?定)$/ }).click();
      await plan.getByText('已具备').waitFor();
      await plan.getByText(/小区防汛、消防应急预案已制定并张贴/).waitFor();
    });
  }, 180_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, PHONE } from './browser-sessions.js';

/**
 * 物业信用评价 in real browsers against the demo city: 离石区's county admin publishes a new
 * version of the scheme (first refused for a party share under half), scores the running
 * quarter and publishes its 红黑榜, which anyone reads on the public page without signing in;
 * resident_demo rates the household's property company on the phone, once.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Quarters { current: string; items: { quarter: string; status: string }[] }

describe('property credit evaluation in the browser', () => {
  // First, while the running quarter is open: the street rates a compound's company from the console.
  it('should let the street rate a compound\'s company for the quarter and correct it, keeping the old rating', async () => {
    await b.withArtifacts('property-credit-street', async () => {
      const street = await b.open('street_binhe');
      const { page } = street;
      await page.goto('/property/credit/ratings');
      const rate = page.getByRole('button', { name: /^街道党工委评价/ }).first();
      const compound = (await rate.getAttribute('aria-label'))!.replace('街道党工委评价', '');
      await rate.click();
      let dialog = page.getByRole('dialog');
      await dialog.getByLabel('评分（0–100）').fill('86');
      await dialog.getByLabel('评语').fill('保洁到位，停车秩序较好');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      const row = page.getByRole('row').filter({ hasText: compound });
      await row.getByText('86').waitFor();
      await page.getByRole('button', { name: `街道党工委评价${compound}` }).click();
      dialog = page.getByRole('dialog');
      await dialog.getByText('已有评分，保存后原评分作为历史保留。').waitFor();
      await dialog.getByLabel('评分（0–100）').fill('82');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await row.getByText('82').waitFor();
    });
  });

  it('should show a company its objection and the county\'s decision, the entry corrected beside the published one', async () => {
    await b.withArtifacts('property-credit-objection', async () => {
      const company = await b.open('property_demo');
      await company.page.goto('/property/mine');
      await company.page.getByRole('tab', { name: '信用评价' }).click();
      await company.page.getByRole('cell', { name: '待处理' }).waitFor();

      const county = await b.open('county_lishi');
      const { items } = await apiGet<Quarters>(county.context.request, '/api/property/credit/quarters');
      const last = items.find((q) => q.status === 'published')!.quarter;
      await county.page.goto(`/property/credit?quarter=${last}`);
      await county.page.getByRole('tab', { name: '异议' }).click();
      await county.page.getByRole('button', { name: /^处\s*理$/ }).first().click();
      const dialog = county.page.getByRole('dialog');
      await dialog.getByLabel('支持异议').check();
      await dialog.getByLabel('更正后的榜单').click();
      await county.page.locator('.ant-select-item-option').filter({ hasText: '不上榜' }).click();
      await dialog.getByLabel('处理理由').fill('经核实电梯故障系厂家配件延误，移出黑榜');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await county.page.getByRole('cell', { name: /支持异议/ }).first().waitFor();

      await company.page.reload();
      await company.page.getByRole('tab', { name: '信用评价' }).click();
      await company.page.getByRole('cell', { name: '支持异议' }).waitFor();
      await company.page.getByText('经核实电梯故障系厂家配件延误，移出黑榜').waitFor();
    });
  });

  it('should let a county publish a scheme, score a quarter and publish the list the public reads without sign-in', async () => {
    await b.withArtifacts('property-credit-county', async () => {
      const county = await b.open('county_lishi');
      const { page } = county;
      await page.goto('/property/credit/schemes');
      await page.getByTestId('scheme-v1').waitFor();
      await page.getByRole('button', { name: '发布新版方案' }).click();
      const dialog = page.getByRole('dialog');
      // The live version is the starting point; moving weight from the street to the survey leaves the party under half.
      await dialog.getByLabel('第1项指标权重').fill('5');
      await dialog.getByLabel('第4项指标权重').fill('35');
      await dialog.getByLabel('方案名称').fill('离石区物业服务企业信用评价办法');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.getByText('街道、社区、小区党组织评价权重合计须不低于50%，现在是35%').waitFor();
      await dialog.getByLabel('第1项指标权重').fill('25');
      await dialog.getByLabel('第4项指标权重').fill('15');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByTestId('scheme-v2').getByText('现行').waitFor();
      await page.getByTestId('scheme-v1').getByText('已作废').waitFor();

      // Score the running quarter, then publish its list.
      const { current } = await apiGet<Quarters>(county.context.request, '/api/property/credit/quarters');
      await page.goto(`/property/credit?quarter=${current}`);
      await page.getByText(`${current}还没有计分。`).waitFor();
      await page.getByRole('button', { name: '计算本季度得分' }).click();
      await page.getByText('方案：离石区物业服务企业信用评价办法（第2版）').waitFor();
      await page.getByTestId('credit-distribution').waitFor();
      const firstRow = page.getByRole('row').filter({ has: page.getByRole('link') }).first();
      await firstRow.getByText('红榜').waitFor();
      await page.getByRole('tab', { name: '小区得分明细' }).click();
      await page.getByRole('button', { name: /展开行|Expand row/ }).first().click();
      await page.getByText('千户物业诉求量（越少越好）').first().waitFor();
      await page.getByRole('button', { name: '发布红黑榜' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '发布红黑榜' }).click();
      await expect.poll(async () => (await apiGet<Quarters>(county.context.request, '/api/property/credit/quarters')).items.find((q) => q.quarter === current)?.status).toBe('published');
      await page.getByText('已发布').first().waitFor();

      // Anyone, signed in or not, reads the list just published.
      const pub = await b.open(null);
      await pub.page.goto('/public/property-list');
      await pub.page.getByRole('heading', { name: `离石区 ${current} 物业服务企业红黑榜` }).waitFor();
      const red = pub.page.getByRole('region', { name: '红榜' });
      await red.getByRole('listitem').first().waitFor();
      expect(await red.getByRole('listitem').count()).toBeGreaterThanOrEqual(3);
      expect(await pub.page.locator('body').innerText()).not.toMatch(/1\d{2}\*{4}\d{4}/); // no phone, masked or not
    });
  });

  it('should let a resident rate the household\'s property company once a quarter on the phone', async () => {
    await b.withArtifacts('property-credit-resident', async () => {
      const resident = await b.open('resident_demo', PHONE);
      const { page } = resident;
      await page.goto('/m/serve');
      await page.getByRole('button', { name: /物业满意度测评/ }).click();
      await page.waitForURL(/\/m\/property\/rate/);
      await page.getByText(/物业满意度测评/).first().waitFor();
      await page.getByRole('group', { name: '满意度星级' }).getByRole('radio', { name: '4', exact: true }).tap(); // the stars follow touch gestures, as on a phone
      await page.getByPlaceholder('可以写下您的意见（选填）').fill('保洁及时，电梯维修还要更快');
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByText('您已为本户评价，感谢参与').waitFor();
      const survey = await apiGet<{ vote: { stars: number; mine: boolean } | null }>(resident.context.request, '/api/property/credit/survey');
      expect(survey.vote).toMatchObject({ stars: 4, mine: true });
    });
  });
});

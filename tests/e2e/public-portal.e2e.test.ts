import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, browserSessions, DESKTOP, PHONE } from './browser-sessions.js';

/**
 * Issue 17, the public portal in a real browser against the demo city: county_lishi publishes the
 * venues dataset on /cockpit/open-data; an anonymous visitor opens /public (离石区 first), opens a
 * published vote result, a compound's statement and a venue's "党群阵地@你" calendar from the
 * county's lists, and downloads the dataset from the county's open data.
 */
const b = browserSessions();
beforeAll(() => b.launch());
afterAll(() => b.close());

interface Paged<T> { items: T[]; total: number }
interface VoteItem { id: number; compound: string; title: string }
interface StatementItem { compoundId: number; compound: string; community: string; month: string }
interface CalendarItem { id: number; venue: string; month: string; items: number }

describe('the public portal', () => {
  it('should show an anonymous visitor the county\'s vote results, statements, venue calendars and a dataset to download', async () => {
    await b.withArtifacts('public-portal', async () => {
      const county = await b.open('county_lishi', DESKTOP);
      await county.page.goto('/cockpit/open-data');
      const venues = county.page.getByRole('checkbox', { name: /^党群服务阵地/ });
      await venues.waitFor();
      if (!(await venues.isChecked())) await venues.check();
      await county.page.getByRole('button', { name: '保存发布' }).click();
      await county.page.getByText(/已保存：新增\d+项/).waitFor();

      const anyone = await b.open(null, PHONE);
      const api = anyone.context.request;
      const votes = await apiGet<Paged<VoteItem>>(api, '/api/public/votes?county=141102&pageSize=5');
      const statements = await apiGet<Paged<StatementItem>>(api, '/api/public/compound-statements?county=141102&pageSize=5');
      const calendars = await apiGet<Paged<CalendarItem>>(api, '/api/public/venue-calendars?county=141102&pageSize=5');
      expect(votes.total).toBeGreaterThan(0);
      expect(statements.total).toBeGreaterThan(0);
      expect(calendars.total).toBeGreaterThan(0);

      await anyone.page.goto('/public');
      await expect.poll(() => anyone.page.getByRole('combobox', { name: '县（市、区）' }).inputValue()).toBe('141102');

      // A vote result: the link in the county's list opens the published result.
      const vote = votes.items[0]!;
      await anyone.page.getByRole('region', { name: '业主表决结果公示' }).getByRole('link', { name: `${vote.compound} · ${vote.title}` }).click();
      await anyone.page.waitForURL(`**/public/votes/${vote.id}`);
      await anyone.page.getByRole('heading', { name: `${vote.compound} · ${vote.title}` }).waitFor();
      expect(anyone.page.url()).not.toContain('/login');

      // A statement: the compound's closed months.
      await anyone.page.goto('/public?county=141102');
      const st = statements.items[0]!;
      await anyone.page.getByRole('region', { name: '居民自办小区收支公开' })
        .getByRole('link', { name: `${st.community} ${st.compound} ${st.month} 收支公开` }).click();
      await anyone.page.waitForURL(`**/public/compounds/${st.compoundId}/statements`);
      await anyone.page.getByRole('heading', { name: st.month, exact: true }).waitFor();

      // A venue's calendar of the month: every item, day by day.
      await anyone.page.goto('/public?county=141102');
      const cal = calendars.items[0]!;
      const region = anyone.page.getByRole('region', { name: '党群阵地@你（月度活动日历）' });
      await region.getByText(`${cal.items}项活动`).first().waitFor();
      await region.getByRole('link', { name: `${cal.venue} ${cal.month} 活动日历` }).click();
      await anyone.page.waitForURL(`**/public/venue-calendars/${cal.id}`);
      await anyone.page.getByRole('heading', { name: `${cal.venue} ${cal.month} 活动日历` }).waitFor();
      await expect.poll(() => anyone.page.locator('.pub-table tbody tr').count()).toBe(cal.items);
      await anyone.page.getByRole('cell', { name: '老年人智能手机课堂' }).first().waitFor();
      // The list in full ("more"): every calendar of the county, page by page.
      await anyone.page.goto('/public/more/calendars?county=141102');
      await anyone.page.getByRole('heading', { name: '党群阵地@你（月度活动日历）' }).waitFor();
      await expect.poll(() => anyone.page.locator('.pub-list li').count()).toBe(Math.min(calendars.total, 20));

      // The county's open data: the venues dataset, downloaded as CSV with only its public columns.
      await anyone.page.goto('/public?county=141102');
      const dataset = anyone.page.getByTestId('open-datasets-141102').getByRole('listitem', { name: '党群服务阵地' });
      await dataset.waitFor();
      const href = await dataset.getByRole('link', { name: 'CSV' }).getAttribute('href');
      expect(href).toBe('/api/public/open-data/141102/datasets/venues.csv');
      const csv = await api.get(href!);
      expect(csv.ok()).toBe(true);
      const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe('name,kind,kind_zh,community,address,area_m2,opening_hours,standard_items_met,standard_met');
      expect(lines.length).toBeGreaterThan(1);
      const dict = await apiGet<{ datasets: { name: string }[] }>(api, '/api/public/open-data/141102/dictionary.json');
      expect(dict.datasets.map((d) => d.name)).toContain('venues');
    });
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bombXlsx } from '../../../../tests/helpers/handmade-xlsx.js';
import { addAccount, addUnit, createTestApp, login, type Session, type TestApp } from '../../../../tests/helpers/test-app.js';
import { multipart } from '../../../../tests/helpers/upload.js';

const GIB = 1024 ** 3;
const MB = 1024 * 1024;

/** The most this process grew (heap used, resident set) while `work` ran, sampled every 5 ms. */
async function growthDuring<T>(work: () => Promise<T>) {
  const start = process.memoryUsage();
  let heap = 0;
  let rss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed - start.heapUsed);
    rss = Math.max(rss, m.rss - start.rss);
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await work();
    sample();
    return { result, heap, rss };
  } finally {
    clearInterval(timer);
  }
}

describe('org import: files that would exhaust the server are refused, and the API stays up', () => {
  let t: TestApp;
  let worker: Session;

  beforeAll(async () => {
    t = await createTestApp();
    const city = await addUnit(t.db, null, 'city', '吕梁市', { code: '141100' });
    const county = await addUnit(t.db, city, 'county', '离石区', { code: '141102', countyCode: '141102' });
    const street = await addUnit(t.db, county, 'street', '滨河街道', { code: '141102001' });
    const community = await addUnit(t.db, street, 'community', '龙凤社区', { code: '141102001001' });
    // A community worker may import: the probe's upload came from such an account.
    worker = await login(t.app, (await addAccount(t.db, 'community_worker', community)).username);
  });
  afterAll(() => t?.close());

  async function upload(fileName: string, content: Buffer | string) {
    const body = multipart(fileName, content);
    const res = await t.app.inject({
      method: 'POST', url: '/api/org/import/grids', payload: body.payload,
      headers: { ...body.headers, cookie: worker.cookie, 'x-csrf-token': worker.csrf },
    });
    return { status: res.statusCode, body: res.json() };
  }

  async function finished(jobId: number) {
    for (let i = 0; i < 1_500; i++) {
      const job = (await worker.request('GET', `/api/org/import/jobs/${jobId}`)).body;
      if (job.status === 'done' || job.status === 'failed') return job;
      await sleep(20);
    }
    throw new Error(`import job ${jobId} did not finish`);
  }

  async function importFile(fileName: string, content: Buffer | string) {
    const res = await upload(fileName, content);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return finished(res.body.jobId);
  }

  const jobCount = async () =>
    (await t.db.selectFrom('org_import_job').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  let grids = 0;
  /** The API answers, and a normal import still goes through. */
  async function expectHealthy() {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    const code = `100000141102001001${String(++grids).padStart(2, '0')}`;
    const job = await importFile('grids.csv', `所属社区编码,网格编码,网格名称,网格类型\n141102001001,${code},网格${grids},封闭小区\n`);
    expect(job, JSON.stringify(job.errors)).toMatchObject({ status: 'done', imported: 1 });
  }

  it('should refuse at upload an .xlsx whose shared strings declare a gigabyte, without inflating it', async () => {
    const bomb = bombXlsx(GIB);
    expect(bomb.length).toBeLessThan(1.5 * MB);
    const jobs = await jobCount();
    const { result, heap, rss } = await growthDuring(() => upload('网格.xlsx', bomb));
    expect(result).toMatchObject({
      status: 413,
      body: { code: 'IMPORT_TOO_LARGE', message: '表格解压后超过128MB，请拆分为多个文件后再导入', details: { limit: 'unzippedBytes' } },
    });
    expect(await jobCount()).toBe(jobs);
    expect(heap).toBeLessThan(200 * MB);
    expect(rss).toBeLessThan(300 * MB);
    await expectHealthy();
  });

  it('should fail the import of an .xlsx that inflates to a gigabyte while declaring 2 KB, memory bounded', async () => {
    const { result: job, heap, rss } = await growthDuring(async () => {
      const res = await upload('网格.xlsx', bombXlsx(GIB, 2_000));
      expect(res.status).toBe(202); // its directory looks harmless: the inflating counter catches it
      return finished(res.body.jobId);
    });
    expect(job).toMatchObject({ status: 'failed', errors: [], imported: 0 });
    expect(job.message).toContain('解压后的大小与文件中记录的不符');
    expect(heap).toBeLessThan(200 * MB);
    expect(rss).toBeLessThan(300 * MB);
    await expectHealthy();
  });

  it('should refuse a file of more data rows than the limit', async () => {
    const lines = ['所属社区编码,网格编码,网格名称,网格类型'];
    for (let i = 0; i < 200_001; i++) lines.push(`141102001001,1000001411020010${String(i).padStart(6, "0")},网格${i},封闭小区`);
    const job = await importFile('grids.csv', lines.join('\n'));
    expect(job).toMatchObject({ status: 'failed', errors: [], message: '文件超过200000行数据，请拆分为多个文件分批导入' });
  });

  it('should refuse a cell longer than Excel allows, naming it', async () => {
    const outline = `{"type":"Polygon","coordinates":[[${'[111.1,37.5],'.repeat(3_000)}[111.1,37.5]]]}`;
    expect(outline.length).toBeGreaterThan(32_767);
    const job = await importFile('grids.csv', `所属社区编码,网格编码,网格名称,网格类型,轮廓GeoJSON\n141102001001,10000014110200100102,网格,封闭小区,"${outline.replace(/"/g, '""')}"\n`);
    expect(job).toMatchObject({ status: 'failed', message: '第2行E列的内容超过32767个字符，请检查该单元格' });
  });
});

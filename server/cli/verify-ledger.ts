import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../platform/db/connect.js';
import { DataDirLockedError } from '../platform/db/data-dir-lock.js';
import { verifyLedger } from '../modules/points/index.js';

/**
 * `npm run verify-ledger [-- --community <id>]`: recomputes every community's hash chain (or
 * one) page by page, prints progress and the first altered entry of each broken chain, and
 * exits 1 when anything is wrong — for a cron job or an auditor, without the web console.
 */
const USAGE = `用法：npm run verify-ledger [-- --community <社区编号>]`;

async function main() {
  let args;
  try {
    args = parseArgs({ options: { community: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const communityId = args.community ? Number(args.community) : undefined;
  if (communityId !== undefined && !(Number.isInteger(communityId) && communityId > 0)) {
    console.error(`社区编号应为正整数\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`${e.message}；内置数据库同一时间只能由一个进程打开，请先停止服务或改用 PostgreSQL`);
      return 2;
    }
    throw e;
  }
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let lastPrint = -Infinity;
  let entriesSoFar = 0;
  let chains = '';
  const progress = (chains: string) => {
    const now = performance.now();
    if (now - lastPrint < (tty ? 200 : 5000)) return;
    lastPrint = now;
    const line = `核验中：${chains || '开始'}，已核对 ${entriesSoFar.toLocaleString('en-US')} 条记录`;
    if (tty) process.stderr.write(`\r${line}   `);
    else process.stderr.write(`${line}\n`);
  };
  try {
    const report = await verifyLedger(database.db, {
      communityId,
      onProgress: (n) => {
        entriesSoFar = n;
        progress(chains);
      },
      onCommunity: (done, of) => {
        chains = `${done}/${of} 个社区`;
        progress(chains);
      },
    });
    if (tty) process.stderr.write('\n');
    const names = new Map((await database.db.selectFrom('org_unit').select(['id', 'name']).where('kind', '=', 'community').execute()).map((r) => [r.id, r.name]));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`社区链 ${report.communities} 条，记录 ${report.entries.toLocaleString('en-US')} 条，用时 ${seconds} 秒`);
    for (const p of report.problems) {
      console.log(`✗ ${names.get(p.communityId) ?? ''}（社区 ${p.communityId}）${p.entryId ? `第一条被改动的记录：编号 ${p.entryId}，第 ${p.seq} 条。` : ''}${p.message}`);
    }
    for (const m of report.balanceMismatches) {
      console.log(`✗ ${m.holderKind === 'household' ? '住户' : '商户'} ${m.holderId} 的${m.what === 'balance' ? '余额' : '积分'}缓存为 ${m.cached}，台账合计为 ${m.counted}`);
    }
    console.log(report.ok ? '✓ 台账完整：每条哈希链和余额都与记录一致' : `台账有问题：${report.problems.length} 条链、${report.balanceMismatches.length} 处余额不一致`);
    return report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then((code) => {
  process.exitCode = code;
}).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

/**
 * 选票导出 as a workbook anyone can open in Excel and recount from: a cover sheet with the vote and
 * the chain head the published result carries, then the matters, the anonymised units (per-vote
 * unit reference, area in fen, per-vote owner hashes), the standing ballots and the whole hash
 * chain. `readBallotsXlsx` reads it back into the same shape, so a recount from the file (countVote)
 * and a chain check (verifyChain) start from exactly what the bookkeeper opened.
 */
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { BallotExport } from './votes.schemas.js';

export type BallotFile = z.infer<typeof BallotExport>;
export const SHEETS = { cover: '说明', matters: '表决事项', units: '专有部分', ballots: '选票', chain: '哈希链' } as const;
const CHOICE_NAMES = { agree: '同意', disagree: '反对', abstain: '弃权' } as const;

export async function writeBallotsXlsx(x: BallotFile, meta: { title: string; compoundName: string; publishedAt: string | null }) {
  const wb = new ExcelJS.Workbook();
  const bold = (r: ExcelJS.Row) => { r.font = { bold: true }; };
  const cover = wb.addWorksheet(SHEETS.cover);
  cover.addRows([
    ['表决编号', x.voteId], ['表决', meta.title], ['小区', meta.compoundName], ['公示时间', meta.publishedAt ?? ''],
    ['选票哈希链头', x.chainHead ?? ''],
    ['复核方法', '每条哈希 = SHA-256(上一条哈希 + 内容)，首条的上一条哈希为64个0；最后一条哈希应等于链头。按民法典第278条用“专有部分”和“选票”两表重新计票，应与公示结果一致。'],
  ]);
  cover.getColumn(1).width = 14;
  cover.getColumn(2).width = 90;
  const m = wb.addWorksheet(SHEETS.matters);
  bold(m.addRow(['序号', '类别']));
  for (const r of x.matters) m.addRow([r.seq, r.kind]);
  const u = wb.addWorksheet(SHEETS.units);
  bold(u.addRow(['专有部分编号', '面积（分，平方米×100）', '业主哈希（分号分隔）']));
  for (const r of x.units) u.addRow([r.u, r.areaCents, r.owners.join(';')]);
  const b = wb.addWorksheet(SHEETS.ballots);
  bold(b.addRow(['事项序号', '专有部分编号', '选择', '选择（中文）']));
  for (const r of x.ballots) b.addRow([r.seq, r.u, r.choice, CHOICE_NAMES[r.choice]]);
  const c = wb.addWorksheet(SHEETS.chain);
  bold(c.addRow(['序号', '内容', '上一条哈希', '哈希']));
  for (const r of x.chain) c.addRow([r.seq, r.content, r.prevHash, r.hash]);
  for (const ws of [u, b, c]) ws.columns.forEach((col) => { col.width = 24; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const text = (v: ExcelJS.CellValue) => (v == null ? '' : typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : String(v));

/** Reads an exported workbook back (tests, and anyone recounting with a script). */
export async function readBallotsXlsx(buf: Buffer | ArrayBuffer): Promise<BallotFile> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as ArrayBuffer);
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new AppError('VALIDATION_FAILED', `选票文件缺少工作表「${name}」`);
    const rows: ExcelJS.CellValue[][] = [];
    ws.eachRow((r) => { rows.push([1, 2, 3, 4].map((k) => r.getCell(k).value)); });
    return rows;
  };
  const cover = new Map(sheet(SHEETS.cover).map((r) => [text(r[0]), r[1]]));
  const head = text(cover.get('选票哈希链头') ?? null);
  return {
    voteId: Number(cover.get('表决编号')),
    chainHead: head || null,
    matters: sheet(SHEETS.matters).slice(1).map((r) => ({ seq: Number(r[0]), kind: text(r[1]) as 'special' | 'ordinary' })),
    units: sheet(SHEETS.units).slice(1).map((r) => ({ u: text(r[0]), areaCents: Number(r[1]), owners: text(r[2]) ? text(r[2]).split(';') : [] })),
    ballots: sheet(SHEETS.ballots).slice(1).map((r) => ({ seq: Number(r[0]), u: text(r[1]), choice: text(r[2]) as 'agree' | 'disagree' | 'abstain' })),
    chain: sheet(SHEETS.chain).slice(1).map((r) => ({ seq: Number(r[0]), content: text(r[1]), prevHash: text(r[2]), hash: text(r[3]) })),
  };
}

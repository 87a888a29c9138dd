import { sql, type RawBuilder } from 'kysely';

/**
 * The one rule for a person's name shown to someone who may not read it in full (neighbours on
 * a public notice, a department handling a demand, staff reading a store order): the first and
 * the last character stay, ONE star stands for everything between, so the mask does not tell
 * the name's length — 张建华 → 张*华, 欧阳修文 → 欧*文 (compound surnames get no special case:
 * keeping 欧阳 would show more of a four-character name than of any other). A two-character
 * name keeps its first: 张三 → 张*. One character, or nothing, stays as it is.
 */
export function maskName(name: string | null | undefined): string {
  const chars = [...(name ?? '').trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}*${chars[chars.length - 1]}`;
}

/** The same rule in SQL, for labels written in bulk (the points notice at month close). */
export const maskNameSql = (col: RawBuilder<unknown>) => sql<string>`CASE
  WHEN ${col} IS NULL THEN ''
  WHEN char_length(btrim(${col})) <= 1 THEN btrim(${col})
  WHEN char_length(btrim(${col})) = 2 THEN left(btrim(${col}), 1) || '*'
  ELSE left(btrim(${col}), 1) || '*' || right(btrim(${col}), 1) END`;

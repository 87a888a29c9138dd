/**
 * Free text written by people (a note, a shop's name, a custom rule item) can carry a phone or an
 * ID number. Wherever such text is shown beyond the people who may read personal data — the
 * public notice above all — it goes through this mask first. Digits only: names in free text
 * cannot be told from other words, so pages that must not show names keep free text off.
 */
const D = '[0-9\\uFF10-\\uFF19]';
const SEP = '[-\\s\\u2010-\\u2015\\uFF0D]?';
const NUMBERS = new RegExp(
  [
    `${D}{3}${SEP}${D}{4}${SEP}${D}{4}`, // 138 0000 1111, 138-0000-1111
    `${D}{3,4}${SEP}${D}{7,8}`, // 0358-1234567
    `${D}{7,}[XxＸｘ]?`, // ID numbers (15 or 18), phones, bank cards: any run of seven digits or more
  ].map((p) => `(?<!${D})(?:${p})(?!${D})`).join('|'),
  'g',
);

/** '电话13800001111' → '电话***********': every digit (and an ID's X) of a phone-like or ID-like number. */
export function maskFreeText(text: string): string {
  return text.replace(NUMBERS, (m) => m.replace(/[0-9\uFF10-\uFF19XxＸｘ]/g, '*'));
}

import { describe, expect, it } from 'vitest';
import { maskFreeText } from './free-text.js';

describe('maskFreeText', () => {
  it('should hide every digit of phones and ID numbers, whatever their spacing', () => {
    expect(maskFreeText('王小明电话13800001111')).toBe('王小明电话***********');
    expect(maskFreeText('手机 138 0000 1111，座机0358-1234567')).toBe('手机 *** **** ****，座机****-*******');
    expect(maskFreeText('身份证14110219800101123X')).toBe('身份证******************');
    expect(maskFreeText('旧证141102800101123')).toBe('旧证***************');
    expect(maskFreeText('全角１３８００００１１１１')).toBe('全角***********');
  });

  it('should leave short numbers, dates and places alone', () => {
    for (const s of ['3号楼2单元101', '2026-10-09 核实', '扣3分', '第12网格', '']) expect(maskFreeText(s)).toBe(s);
  });
});

import { describe, expect, it } from 'vitest';
import { maskName } from './name.js';

describe('maskName', () => {
  it('should keep the first and last character with one star between, whatever the length', () => {
    expect(maskName('张建华')).toBe('张*华');
    expect(maskName('欧阳修文')).toBe('欧*文');
    expect(maskName('阿卜杜热合曼')).toBe('阿*曼');
  });
  it('should keep the first of a two-character name and leave one character alone', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张')).toBe('张');
    expect(maskName(' 王五 ')).toBe('王*');
    expect(maskName(null)).toBe('');
    expect(maskName(undefined)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, isMobile, maskIdNumber, maskPhone, parseIdNumber } from './id-number.js';

describe('GB 11643 ID numbers', () => {
  it('should accept the standard example with an X check character', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      value: '11010519491231002X', addressCode: '110105', birthDate: '1949-12-31', gender: 'female',
    });
  });
  it('should accept a lower-case x and surrounding spaces', () => {
    expect(parseIdNumber(' 11010519491231002x ')).toMatchObject({ value: '11010519491231002X' });
  });
  it('should compute the check character from the weights', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    const first17 = '14110219800101123';
    expect(parseIdNumber(first17 + idNumberCheckChar(first17))).toMatchObject({ gender: 'male', addressCode: '141102' });
  });
  it('should reject a wrong check digit', () => {
    expect(parseIdNumber('110105194912310021')).toEqual({ problem: 'check_digit' });
  });
  it('should reject impossible birth dates and bad formats', () => {
    expect(parseIdNumber('110105194902300021')).toEqual({ problem: 'birth_date' });
    expect(parseIdNumber('11010519491231002')).toEqual({ problem: 'format' });
    expect(parseIdNumber('1101051949123100AX')).toEqual({ problem: 'format' });
  });
  it('should keep old address codes valid (divisions get renamed, people keep their number)', () => {
    const first17 = '14230119750612345'; // 离石县, renamed long ago
    expect('problem' in parseIdNumber(first17 + idNumberCheckChar(first17))).toBe(false);
  });
});

describe('masking and phones', () => {
  it('should show the first 6 and last 4 of an ID number', () => {
    expect(maskIdNumber('141102198001011768')).toBe('141102********1768');
  });
  it('should show the first 3 and last 4 of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('should accept mainland mobiles only', () => {
    expect(isMobile('13812345678')).toBe(true);
    expect(isMobile('12812345678')).toBe(false);
    expect(isMobile('1381234567')).toBe(false);
  });
});

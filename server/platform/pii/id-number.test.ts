import { describe, expect, it } from 'vitest';
import { ageOn, idNumberCheckChar, isMobile, maskIdNumber, maskPhone, parseIdNumber, remaskIdNumbers } from './id-number.js';

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
  it('should show the first 6 and last 2 of an ID number, hiding the birth date and two sequence digits', () => {
    expect(maskIdNumber('141102198001011768')).toBe('141102**********68');
    expect(maskIdNumber('11010519491231002X')).toBe('110105**********2X');
  });
  it('should turn an old mask into the new one', () => {
    expect(maskIdNumber('141102********1768')).toBe('141102**********68');
    expect(maskIdNumber(maskIdNumber('141102198001011768'))).toBe('141102**********68');
  });
  it('should show old masks in audit rows in the new form, leaving everything else alone', () => {
    expect(remaskIdNumbers({ name: '王小梅', idNumber: '141102********1768', phone: '138****5678', list: [{ idNumber: '110105********002X' }] }))
      .toEqual({ name: '王小梅', idNumber: '141102**********68', phone: '138****5678', list: [{ idNumber: '110105**********2X' }] });
    expect(remaskIdNumbers(null)).toBeNull();
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

describe('ages', () => {
  it('should count whole years, turning a year older on the birthday itself', () => {
    expect(ageOn('1980-05-27', '2026-05-26')).toBe(45);
    expect(ageOn('1980-05-27', '2026-05-27')).toBe(46);
    expect(ageOn('1980-05-27', '2026-12-31')).toBe(46);
    expect(ageOn('2026-01-01', '2026-01-01')).toBe(0);
  });
  it('should give someone born on 29 February their birthday on 1 March in other years', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });
});

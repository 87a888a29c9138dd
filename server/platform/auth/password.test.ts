import { describe, expect, it } from 'vitest';
import { isCommonPassword, passwordProblem } from './password.js';

describe('passwordProblem', () => {
  it('should accept the demo and test passwords and long passphrases of two kinds', () => {
    expect(passwordProblem('Linli@2026', 'county_lishi')).toBeNull();
    expect(passwordProblem('Test@12345', 'grid_worker_1')).toBeNull();
    expect(passwordProblem('lanhua qiao shu')).toBeNull();
    expect(passwordProblem('Better2026pass')).toBeNull();
  });

  it('should want three kinds under 12 characters and two from 12 on', () => {
    expect(passwordProblem('Lanhua-qiao')).toBeNull();
    expect(passwordProblem('lanhua-qiao')).toMatch(/三类/); // 11 characters, two kinds
    expect(passwordProblem('lanhuaqiaoshu')).toMatch(/三类/); // one kind
    expect(passwordProblem('Ab1!')).toBe('密码至少8位');
  });

  it('should refuse a password that contains the user name, in any case', () => {
    expect(passwordProblem('Zhao_Xiaoyu-2026', 'zhao_xiaoyu')).toMatch(/用户名/);
    expect(passwordProblem('x-ZHAO_XIAOYU-9', 'zhao_xiaoyu')).toMatch(/用户名/);
    expect(passwordProblem('Lanhua-Qiao-7', 'zhao_xiaoyu')).toBeNull();
  });

  it('should refuse common passwords in any case, in leet and with digits or symbols tacked on', () => {
    for (const pw of ['Password1', 'P@ssw0rd', 'P@ssw0rd2026!', '1qaz@WSX', '1Qaz2wsx!', 'Woaini1314', 'Qwerty123!', 'Aa123456', 'Admin@2026', 'abcdefgh1234', 'Huawei@123', 'ZAQ!2wsx']) {
      expect(passwordProblem(pw), pw).toMatch(/常见/);
    }
  });

  it('should know the Chinese favourites and keyboard walks', () => {
    for (const pw of ['5201314', 'woaini1314', 'a123456', '1qaz2wsx', 'qwerty123', 'password1', 'qwer1234', 'zxcvbnm']) {
      expect(isCommonPassword(pw), pw).toBe(true);
    }
    expect(isCommonPassword('Test@12345')).toBe(false); // a short stem with a long tail is left alone
  });
});

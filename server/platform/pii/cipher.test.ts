import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PiiCipher, loadMasterKey } from './cipher.js';

describe('PiiCipher', () => {
  const c = new PiiCipher(randomBytes(32));
  it('should round-trip and never produce the same ciphertext twice', () => {
    const a = c.encrypt('141102198001011768');
    const b = c.encrypt('141102198001011768');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1411021980');
    expect(c.decrypt(a)).toBe('141102198001011768');
  });
  it('should refuse a tampered ciphertext', () => {
    const parts = c.encrypt('13812345678').split('.');
    parts[3] = Buffer.from('x'.repeat(11)).toString('base64url');
    expect(() => c.decrypt(parts.join('.'))).toThrow();
  });
  it('should hash deterministically per key', () => {
    expect(c.hash('13812345678')).toBe(c.hash('13812345678'));
    expect(new PiiCipher(randomBytes(32)).hash('13812345678')).not.toBe(c.hash('13812345678'));
  });
  it('should seal many values with distinct IVs, each readable alone', () => {
    const values = ['141102198001011768', '13812345678', '', '141102198001011768'];
    const sealed = c.encryptMany(values);
    expect(sealed.map((s) => c.decrypt(s))).toEqual(values);
    expect(new Set(sealed.map((s) => s.split('.')[1])).size).toBe(values.length);
    expect(c.encryptMany([])).toEqual([]);
  });
  it('should seal and hash alike when rebuilt from its derived keys', () => {
    const copy = new PiiCipher(c.derivedKeys());
    expect(copy.hash('13812345678')).toBe(c.hash('13812345678'));
    expect(c.decrypt(copy.encrypt('141102198001011768'))).toBe('141102198001011768');
  });
  it('should create a key file once and reuse it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-key-'));
    const file = path.join(dir, 'k');
    const k1 = loadMasterKey(file);
    expect(loadMasterKey(file).equals(k1)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

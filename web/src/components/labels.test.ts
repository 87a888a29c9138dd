import { describe, expect, it } from 'vitest';
import en from '../locales/en.json' with { type: 'json' };
import zh from '../locales/zh-CN.json' with { type: 'json' };
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../../../server/platform/audit-actions.js';

describe('audit labels', () => {
  for (const [name, locale] of [['zh-CN', zh], ['en', en]] as const) {
    it(`should give every audited action and entity a ${name} label`, () => {
      const actions = locale.auditAction as Record<string, string>;
      const entities = locale.auditEntity as Record<string, string>;
      expect(AUDIT_ACTIONS.filter((a) => !actions[a.replaceAll('.', '_')]?.trim())).toEqual([]);
      expect(AUDIT_ENTITIES.filter((e) => !entities[e]?.trim())).toEqual([]);
      // No label left behind for an action the server no longer writes.
      const known = new Set<string>(AUDIT_ACTIONS.map((a) => a.replaceAll('.', '_')));
      expect(Object.keys(actions).filter((k) => !known.has(k))).toEqual([]);
    });
  }
});

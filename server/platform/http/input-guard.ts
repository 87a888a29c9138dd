import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/**
 * C0 control characters except tab, line feed and carriage return. PostgreSQL refuses NUL in
 * text outright (a 500 deep in a service); the others never belong in a form field and only
 * serve to hide text from the people who read it later.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const MAX_NAMED = 10;

/** Where a parsed request part holds a control character, in strings or keys: `body.items.0.note`. */
export function fieldsWithControlCharacters(value: unknown, root: string): string[] {
  const found: string[] = [];
  // Iterative: a deeply nested body must not overflow the stack.
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length && found.length < MAX_NAMED) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      if (CONTROL.test(v)) found.push(at);
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (CONTROL.test(k)) found.push(at);
        else stack.push([child, `${at}.${k}`]);
      }
    }
  }
  return found.sort();
}

const INT_MAX = 2_147_483_647;

/**
 * Which numbers of a request the database's integers cannot hold (a 22003 it refused): ids in
 * paths and queries arrive as digits, bodies as numbers. Names them for the 400.
 */
export function fieldsBeyondInteger(req: FastifyRequest): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[req.params, 'params'], [req.query, 'querystring'], [req.body, 'body']];
  while (stack.length && found.length < MAX_NAMED) {
    const [v, at] = stack.pop()!;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
    if (Math.abs(n) > INT_MAX) found.push(at);
    else if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) stack.push([child, `${at}.${k}`]);
  }
  return found.sort();
}

/**
 * Refuses control characters in the body, query and path of every route (the API and
 * Open311 alike) before validation, with a 400 that names the fields.
 */
export function installInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const fields = [
      ...fieldsWithControlCharacters(req.params, 'params'),
      ...fieldsWithControlCharacters(req.query, 'querystring'),
      ...fieldsWithControlCharacters(req.body, 'body'),
    ];
    if (fields.length) {
      throw new AppError('VALIDATION_FAILED', `输入含有不可见的控制字符：${fields.join('、')}`, {
        fields: fields.map((field) => ({ field, problem: '含有不可见的控制字符' })),
      });
    }
  });
}

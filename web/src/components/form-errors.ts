import type { FormInstance } from 'antd';
import { ApiError } from '../services/api.js';

/**
 * Puts the server's field problems (`{details: {fields: [{field, problem}]}}`) under the form
 * fields they name. Returns the message to show above the form: the server's sentence, or a
 * generic one for non-API failures.
 */
export function applyServerErrors(form: FormInstance, err: unknown, fallback: string): string {
  if (!(err instanceof ApiError)) return fallback;
  // Fields the form does not have are ignored by antd; the message above the form covers them.
  const fields = err.fields.filter((f) => /^[A-Za-z]\w*$/.test(f.field));
  if (fields.length) {
    form.setFields(
      fields.map((f) => ({
        name: f.field,
        // Server problems from zod are English technical text; the main message stays Chinese.
        errors: [/[\u4e00-\u9fff]/.test(f.problem) ? f.problem : err.message],
      })),
    );
  }
  return err.message;
}

export const errorMessage = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

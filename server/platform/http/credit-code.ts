import { z } from 'zod';

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters of digits and capitals without I, O, S, V, Z —
 * work units and property companies alike. The same shape is checked again in SQL.
 */
export const CreditCode = z.string().trim().toUpperCase().regex(/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/, '统一社会信用代码应为18位数字或大写字母');

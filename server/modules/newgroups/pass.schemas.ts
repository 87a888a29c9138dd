import { z } from 'zod';
import { text } from './whitelist.schemas.js';

/** The rider's pass and a gate's check of it. */
export const Pass = z.object({
  code: z.string(),
  /** The code as a QR (SVG), drawn on the server so the phone page carries no QR library. */
  qrSvg: z.string(),
  issuedAt: z.string(), expiresAt: z.string(), refreshInMs: z.number(),
  worker: z.object({ name: z.string(), platformName: z.string(), stationName: z.string() }),
});
export const GateOutcome = z.enum(['valid', 'expired', 'forged', 'not_listed', 'left']);
export const CheckBody = z.object({
  code: text(60),
  /** The compound (or community) whose gate this is; by default the guard's own place. */
  gateUnitId: z.number().int().positive().optional(),
});
export const CheckResult = z.object({
  outcome: GateOutcome, message: z.string(), gateName: z.string(),
  /** Only on a valid pass: who it is, masked, and whom they ride for. */
  worker: z.object({ maskedName: z.string(), platformName: z.string(), stationName: z.string() }).nullable(),
});
export const GatePlaces = z.object({ units: z.array(z.object({ id: z.number(), name: z.string() })) });

import { expect } from 'vitest';
import { refreshCurrent } from '../../server/modules/stats/snapshots.service.js';
import type { Clock } from '../../server/platform/clock.js';
import type { Session, TestApp } from './test-app.js';

/**
 * The cockpit reads the month under way from the timer's count of every unit (one query per
 * indicator for the whole city, each row added to the units above it) once one exists. Each
 * module's indicators must give there exactly what counting a unit's children live gives: this
 * counts the units live, runs the timer's count, reads them again and compares every figure of
 * the unit and of each child. It leaves no count behind, so the test's later reads stay live.
 */
export async function expectTimerCountMatchesLive(t: TestApp, session: Session, clock: Clock, orgIds: readonly number[]) {
  await t.db.deleteFrom('indicator_current').execute();
  const read = async (id: number) => {
    const r = await session.request('GET', `/api/stats/cockpit?orgId=${id}`);
    expect(r.status).toBe(200);
    return (r.body.figures as { key: string; value: number | null; byChild: Record<string, number | null> }[]).map((f) => [f.key, f.value, f.byChild]);
  };
  const live = [];
  for (const id of orgIds) live.push(await read(id));
  await refreshCurrent(t.db, clock.now());
  try {
    for (const [k, id] of orgIds.entries()) expect(await read(id), `unit ${id}`).toEqual(live[k]);
  } finally {
    await t.db.deleteFrom('indicator_current').execute();
  }
}

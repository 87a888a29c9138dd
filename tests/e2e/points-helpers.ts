import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { chinaDay } from '../../server/platform/clock.js';

/**
 * A month `back` months before the current one in China, as YYYY-MM: the server files a deed by
 * its China day, so from 16:00 UTC on a month's last day the month is already the next one.
 */
export function monthsAgo(back: number, now = new Date()): string {
  const [y, m] = chinaDay(now).split('-').map(Number);
  const d = new Date(Date.UTC(y!, m! - 1 - back, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * 一事一记 on the phone page: find the holder by what the search box takes (room, building or
 * name), tap it, tap the item's tile, set the date and note, send. Waits for the page to say
 * the record went out (not merely queued).
 */
export async function recordDeedOnPhone(page: Page, input: { search: string; holderLabel: string; itemName: string; occurredOn: string; note: string }) {
  await page.goto('/m/points/record');
  await page.getByPlaceholder('门牌号、楼号或户主姓名').fill(input.search);
  await page.getByRole('button', { name: input.holderLabel, exact: true }).click();
  await expect.poll(() => page.getByTestId('points-holder').textContent()).toBe(input.holderLabel);
  await page.getByRole('radio', { name: input.itemName, exact: true }).click();
  await page.getByLabel('发生日期').fill(input.occurredOn);
  await page.getByLabel('说明（可不填）').fill(input.note);
  await page.getByRole('button', { name: /^记一笔/ }).click();
  await page.getByTestId('points-last').filter({ hasText: input.itemName }).waitFor();
}

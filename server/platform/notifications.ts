import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../app-context.js';
import type { DB } from '../database.js';
import { notFound } from './errors.js';

export interface Message {
  title: string;
  body: string;
  link?: string;
  orgPath: string;
  countyCode: string;
  /** Also send a text message (whistles to departments, where minutes count). */
  sms?: boolean;
}

/** Where SMS go. Production plugs a gateway in here; development logs to the notification table. */
export interface SmsChannel {
  /**
   * `phone`: the number itself, for a gateway; given when the text goes to a phone rather than to
   * an account's number (sign-in codes, registration answers), where accountId may be null.
   */
  send(trx: Transaction<DB>, to: { accountId: number | null; phone?: string; phoneMask: string | null }, m: Message): Promise<void>;
}

export const logSmsChannel: SmsChannel = {
  async send(trx, to, m) {
    await trx.insertInto('notification').values({
      account_id: to.accountId, channel: 'sms', recipient: to.phoneMask, title: m.title, body: m.body,
      link: m.link ?? null, org_path: m.orgPath, county_code: m.countyCode,
    }).execute();
  },
};

/** In-app inbox for each account (and SMS when asked), in the caller's transaction. */
export async function notify(trx: Transaction<DB>, ctx: AppContext, accountIds: number[], m: Message) {
  const ids = [...new Set(accountIds)];
  if (!ids.length) return;
  await trx.insertInto('notification').values(ids.map((id) => ({
    account_id: id, channel: 'inbox' as const, title: m.title, body: m.body, link: m.link ?? null,
    org_path: m.orgPath, county_code: m.countyCode,
  }))).execute();
  if (m.sms) {
    const sms = ctx.sms ?? logSmsChannel;
    for (const id of ids) await sms.send(trx, { accountId: id, phoneMask: null }, m);
  }
}

/** An account's own inbox, newest first. */
export async function listInbox(db: Kysely<DB>, accountId: number, page: { page: number; pageSize: number }) {
  const base = db.selectFrom('notification').where('account_id', '=', accountId).where('channel', '=', 'inbox');
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((n) => ({ id: n.id, title: n.title, body: n.body, link: n.link, createdAt: n.created_at.toISOString(), read: !!n.read_at })),
    total: total.n,
  };
}

/** Marks one of the account's own messages read; another account's message is "not found". */
export async function markRead(db: Kysely<DB>, accountId: number, id: number, at: Date) {
  const r = await db.updateTable('notification').set({ read_at: at }).where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound('消息');
}

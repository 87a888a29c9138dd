import type { Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';

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

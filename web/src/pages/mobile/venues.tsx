import { useEffect, useState } from 'react';
import { Button, Card, DotLoading, ErrorBlock, Form, Input, PullToRefresh, Space, Stepper, Switch, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.js';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/venues-api.js';
import type { AtYou, BookingItem, NearVenue, Slots } from '../../services/venues-api.js';
import { venueCheckinCode } from '../../../../server/modules/venues/checkin-payload.js';
import { QrScanner } from './components/qr-scanner.js';

const STATUS_COLOR = { requested: 'warning', confirmed: 'success', declined: 'danger', cancelled: 'default' } as const;
/** A China day and time ('2026-11-03', '09:00') as an instant with its offset. */
const at = (day: string, time: string) => `${day}T${time}:00+08:00`;
const hhmm = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Book one room: pick a day, see what is taken, give the times, purpose and headcount. */
function BookRoom({ room, onDone }: { room: NearVenue['rooms'][number]; onDone: () => void }) {
  const { t } = useTranslation();
  const [day, setDay] = useState(chinaToday());
  const [slots, setSlots] = useState<Slots | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) api.roomSlots(room.id, day).then(setSlots, () => setSlots(null));
  }, [room.id, day]);
  const submit = async (v: { starts: string; ends: string; purpose: string; attendees: number; groupName?: string }) => {
    setBusy(true);
    try {
      await api.book({ roomId: room.id, startsAt: at(day, v.starts), endsAt: at(day, v.ends), purpose: v.purpose, attendees: v.attendees, groupName: v.groupName });
      Toast.show({ icon: 'success', content: t('venues.m.booked') });
      onDone();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e, t('error.unknown')) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={submit} initialValues={{ attendees: 1 }} footer={<Button block type="submit" color="primary" loading={busy}>{t('venues.m.bookSubmit')}</Button>}>
      <Form.Item label={t('venues.m.day')}><Input type="date" aria-label={t('venues.m.day')} value={day} onChange={setDay} /></Form.Item>
      {slots && (
        <div style={{ fontSize: 15, marginBottom: 8 }} data-testid={`slots-${room.id}`}>
          {slots.opens ? t('venues.m.open', { opens: slots.opens, closes: slots.closes }) : t('venues.m.closed')}
          {slots.taken.length > 0 && <div>{t('venues.m.taken')}{slots.taken.map((s) => `${hhmm(s.startsAt)}–${hhmm(s.endsAt)}`).join('、')}</div>}
        </div>
      )}
      <Form.Item name="starts" label={t('venues.m.starts')} rules={[{ required: true, message: t('venues.required') }]}><Input type="time" aria-label={t('venues.m.starts')} /></Form.Item>
      <Form.Item name="ends" label={t('venues.m.ends')} rules={[{ required: true, message: t('venues.required') }]}><Input type="time" aria-label={t('venues.m.ends')} /></Form.Item>
      <Form.Item name="purpose" label={t('venues.bookings.purpose')} rules={[{ required: true, message: t('venues.required') }]}><Input aria-label={t('venues.bookings.purpose')} maxLength={100} /></Form.Item>
      <Form.Item name="groupName" label={t('venues.m.group')}><Input aria-label={t('venues.m.group')} maxLength={40} /></Form.Item>
      <Form.Item name="attendees" label={t('venues.bookings.attendees')}><Stepper min={1} max={room.capacity} /></Form.Item>
    </Form>
  );
}

function MyBookings({ items, onChange }: { items: BookingItem[]; onChange: () => void }) {
  const { t } = useTranslation();
  const [codes, setCodes] = useState<Record<number, string>>({});
  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      Toast.show({ icon: 'success', content: done });
      onChange();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e, t('error.unknown')) });
    }
  };
  if (!items.length) return <ErrorBlock status="empty" title={t('venues.m.noBookings')} description="" />;
  return (
    <>
      {items.map((b) => (
        <Card key={b.id} style={{ marginBottom: 8 }} data-testid={`my-booking-${b.id}`} title={`${b.venueName} · ${b.roomName}`}
          extra={<Tag color={STATUS_COLOR[b.status]} fill="outline">{t(`venues.status.${b.status}`)}</Tag>}>
          <div style={{ fontSize: 16, lineHeight: 1.7 }}>
            <div>{formatDateTime(b.startsAt)}–{hhmm(b.endsAt)}</div>
            <div>{b.purpose}{b.groupName ? `（${b.groupName}）` : ''} · {t('venues.m.people', { n: b.attendees })}</div>
            {b.declineReason && <div>{b.declineReason}</div>}
            {b.checkedInAt && <Tag color="primary">{t('venues.bookings.checkedIn')}</Tag>}
          </div>
          <Space wrap style={{ marginTop: 8 }}>
            {b.actions.includes('check_in') && (
              <>
                <Input style={{ width: 120 }} placeholder={t('venues.m.code')} aria-label={t('venues.m.code')} value={codes[b.id] ?? ''} onChange={(v) => setCodes({ ...codes, [b.id]: v })} />
                <Button size="small" color="primary" onClick={() => run(() => api.checkIn(b.id, codes[b.id]), t('venues.bookings.checkedIn'))}>{t('venues.bookings.checkIn')}</Button>
              </>
            )}
            {b.actions.includes('cancel') && <Button size="small" onClick={() => run(() => api.cancelBooking(b.id), t('venues.bookings.cancelled'))}>{t('venues.bookings.cancel')}</Button>}
          </Space>
          {b.actions.includes('check_in') && (
            // 扫码签到: the QR posted at the venue; the typed code above stays for phones without a reader.
            <QrScanner style={{ marginTop: 8 }} texts={{ start: t('venues.m.scanCheckIn'), noScanner: t('venues.m.noScanner') }}
              onResult={(text) => {
                const code = venueCheckinCode(text);
                if (!code) Toast.show({ icon: 'fail', content: t('venues.m.notVenueQr') });
                else void run(() => api.checkIn(b.id, code), t('venues.bookings.checkedIn'));
              }} />
          )}
        </Card>
      ))}
    </>
  );
}

/** 党群阵地: this month "@你" from followed venues, the community's venues to follow and book, my bookings. */
export default function VenuesPhonePage() {
  const { t } = useTranslation();
  const [near, setNear] = useState<NearVenue[] | null>(null);
  const [atYou, setAtYou] = useState<AtYou | null>(null);
  const [mine, setMine] = useState<BookingItem[]>([]);
  const [booking, setBooking] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => Promise.all([api.nearVenues(), api.atYou(), api.myBookings({ page: 1, pageSize: 20 })]).then(([n, a, m]) => {
    setNear(n.items);
    setAtYou(a);
    setMine(m.items);
    setError(null);
  }, (e) => setError(errorMessage(e, t('error.unknown'))));
  useEffect(() => void load(), []);
  const toggle = async (v: NearVenue, on: boolean) => {
    try {
      await api.follow(v.id, on);
      await load();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e, t('error.unknown')) });
    }
  };
  return (
    <PullToRefresh onRefresh={load}>
      <div className="m-page">
        {error && <div className="m-error" role="alert">{error}</div>}
        {!near && !error && <div className="m-center"><DotLoading color="primary" /></div>}
        {atYou && (
          <section aria-label={t('venues.m.atYou')}>
            <h2 style={{ fontSize: 20, margin: '4px 0 12px' }}>{t('venues.m.atYouTitle', { month: Number(atYou.month.slice(5)) })}</h2>
            {atYou.venues.length === 0 && <div style={{ fontSize: 15, color: '#888', marginBottom: 12 }}>{t('venues.m.atYouEmpty')}</div>}
            {atYou.venues.map((v) => (
              <Card key={v.venueId} style={{ marginBottom: 12 }} title={v.venueName} data-testid={`at-you-${v.venueId}`}>
                {v.calendar.items.map((i) => (
                  <div key={`${i.day}${i.starts}${i.title}`} style={{ fontSize: 16, lineHeight: 1.8 }}>
                    <b>{i.day.slice(5)} {i.starts}</b> {i.title} · {i.place}
                    {i.activityId && <Tag color="primary" fill="outline" style={{ marginLeft: 6 }}>{t('venues.calendar.volunteer')}</Tag>}
                  </div>
                ))}
              </Card>
            ))}
          </section>
        )}
        {near && (
          <section aria-label={t('venues.m.venues')}>
            <h2 style={{ fontSize: 20, margin: '12px 0' }}>{t('venues.m.venues')}</h2>
            {near.length === 0 && <ErrorBlock status="empty" title={t('venues.m.noVenues')} description="" />}
            {near.map((v) => (
              <Card key={v.id} style={{ marginBottom: 12 }} title={v.name} data-testid={`venue-${v.id}`}
                extra={<Space align="center"><span style={{ fontSize: 14 }}>{t('venues.m.follow')}</span><Switch aria-label={t('venues.m.followVenue', { name: v.name })} checked={v.followed} onChange={(on) => toggle(v, on)} /></Space>}>
                <div style={{ fontSize: 15, lineHeight: 1.7 }}>
                  <div>{v.address}</div>
                  <div>{v.hours.map((h) => `${t(`venues.weekdayShort.${h.weekday}` as 'venues.weekdayShort.1')} ${h.opens}–${h.closes}`).join('；')}</div>
                </div>
                {v.rooms.map((r) => (
                  <div key={r.id} style={{ marginTop: 8 }}>
                    <Space align="center">
                      <span style={{ fontSize: 16 }}>{r.name}（{t('venues.m.capacity', { n: r.capacity })}）</span>
                      <Button size="small" color="primary" fill="outline" onClick={() => setBooking(booking === r.id ? null : r.id)}>{t('venues.m.book', { room: r.name })}</Button>
                    </Space>
                    {booking === r.id && <BookRoom room={r} onDone={() => { setBooking(null); void load(); }} />}
                  </div>
                ))}
              </Card>
            ))}
          </section>
        )}
        {near && (
          <section aria-label={t('venues.m.mine')}>
            <h2 style={{ fontSize: 20, margin: '12px 0' }}>{t('venues.m.mine')}</h2>
            <MyBookings items={mine} onChange={() => void load()} />
          </section>
        )}
      </div>
    </PullToRefresh>
  );
}

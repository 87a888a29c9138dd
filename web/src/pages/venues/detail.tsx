import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, TimePicker, message } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { PhotoIdsField } from '../property/repairs-shared.js';
import * as api from '../../services/venues-api.js';
import type { BookingItem, BookingStatus, StandardCode, VenueDetail } from '../../services/venues-api.js';
import { CheckinQrCard } from './components/checkin-qr.js';

const STATUS_COLOR: Record<BookingStatus, string> = { requested: 'gold', confirmed: 'green', declined: 'red', cancelled: 'default' };

/** Runs a write, tells the user how it went, reloads on success. */
function useAct(reload: () => void) {
  const { t } = useTranslation();
  return async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      reload();
      return true;
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
      return false;
    }
  };
}

function StandardTab({ v, reload }: { v: VenueDetail; reload: () => void }) {
  const { t } = useTranslation();
  const act = useAct(reload);
  const [item, setItem] = useState<StandardCode | null>(null);
  const [form] = Form.useForm();
  return (
    <>
      {!v.toStandard && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('venues.standard.missing', { items: v.missing.map((c) => t(`venues.item.${c}`)).join('、') })} />}
      <Table
        rowKey="code" pagination={false} dataSource={v.standard}
        columns={[
          { title: t('venues.standard.group'), dataIndex: 'group' },
          { title: t('venues.standard.item'), dataIndex: 'code', render: (c: StandardCode) => t(`venues.item.${c}`) },
          { title: t('venues.standard.title'), dataIndex: 'met', render: (m: boolean) => (m ? <Tag color="green">{t('venues.standard.met')}</Tag> : <Tag color="red">{t('venues.standard.notMet')}</Tag>) },
          { title: t('venues.standard.note'), dataIndex: 'note' },
          { title: t('venues.standard.photos'), dataIndex: 'photos', render: (ps: { id: number; url: string }[]) => <Space>{ps.map((p) => <a key={p.id} href={p.url} target="_blank" rel="noreferrer">{t('venues.photo', { id: p.id })}</a>)}</Space> },
          { title: t('venues.standard.recordedAt'), dataIndex: 'recordedAt', render: formatDateTime },
          ...(v.canManage ? [{ title: '', key: 'a', render: (_: unknown, r: VenueDetail['standard'][number]) => <Button size="small" onClick={() => { form.resetFields(); setItem(r.code); }}>{t('venues.standard.record')}</Button> }] : []),
        ]}
      />
      <Modal open={!!item} title={item ? t('venues.standard.recordItem', { item: t(`venues.item.${item}`) }) : ''} onCancel={() => setItem(null)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={async (f: { note?: string; photoIds: number[] }) => {
          if (await act(() => api.recordStandard(v.id, item!, { note: f.note, photoIds: f.photoIds ?? [] }), t('venues.saved'))) setItem(null);
        }}>
          <Form.Item name="note" label={t('venues.standard.note')}><Input maxLength={300} /></Form.Item>
          <Form.Item name="photoIds" label={t('venues.standard.photos')}><PhotoIdsField label={t('venues.standard.upload')} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function InfoTab({ v, reload }: { v: VenueDetail; reload: () => void }) {
  const { t } = useTranslation();
  const act = useAct(reload);
  const [form] = Form.useForm();
  const [roomForm] = Form.useForm();
  const hours = Object.fromEntries(v.hours.map((h) => [h.weekday, [dayjs(`2000-01-01T${h.opens}`), dayjs(`2000-01-01T${h.closes}`)]]));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label={t('venues.field.kind')}>{t(`venues.kind.${v.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('venues.field.place')}>{`${v.streetName} · ${v.communityName} · ${v.placeName}`}</Descriptions.Item>
        <Descriptions.Item label={t('venues.field.address')}>{v.address}</Descriptions.Item>
        <Descriptions.Item label={t('venues.field.area')}>{v.areaM2}</Descriptions.Item>
        <Descriptions.Item label={t('venues.followers')}>{v.followers}</Descriptions.Item>
        {v.checkinCode && <Descriptions.Item label={t('venues.checkinCode')}><Tag color="blue">{v.checkinCode}</Tag></Descriptions.Item>}
      </Descriptions>
      {v.checkinCode && <CheckinQrCard name={v.name} code={v.checkinCode} />}
      <Card size="small" title={t('venues.hours.title')}>
        <Form form={form} layout="inline" initialValues={{ name: v.name, address: v.address, areaM2: v.areaM2, ...hours }} disabled={!v.canManage}
          onFinish={(f: Record<string, unknown>) => act(() => api.editVenue(v.id, {
            name: f.name as string, address: f.address as string, areaM2: f.areaM2 as number,
            hours: [1, 2, 3, 4, 5, 6, 7].filter((d) => f[d]).map((d) => {
              const [o, c] = f[d] as [dayjs.Dayjs, dayjs.Dayjs];
              return { weekday: d, opens: o.format('HH:mm'), closes: c.format('HH:mm') };
            }),
          }), t('venues.saved'))}>
          <Form.Item name="name" hidden><Input /></Form.Item>
          <Form.Item name="address" hidden><Input /></Form.Item>
          <Form.Item name="areaM2" hidden><InputNumber /></Form.Item>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <Form.Item key={d} name={String(d)} label={t(`venues.weekday.${d}` as 'venues.weekday.1')}>
              <TimePicker.RangePicker format="HH:mm" minuteStep={15} allowEmpty={[false, false]} />
            </Form.Item>
          ))}
          {v.canManage && <Button htmlType="submit" type="primary">{t('venues.save')}</Button>}
        </Form>
      </Card>
      <Card size="small" title={t('venues.rooms.title')}>
        <Table rowKey="id" size="small" pagination={false} dataSource={v.roomList}
          columns={[{ title: t('venues.rooms.name'), dataIndex: 'name' }, { title: t('venues.rooms.capacity'), dataIndex: 'capacity' }]} />
        {v.canManage && (
          <Form form={roomForm} layout="inline" style={{ marginTop: 12 }} onFinish={async (f: { name: string; capacity: number }) => {
            if (await act(() => api.addRoom(v.id, f), t('venues.saved'))) roomForm.resetFields();
          }}>
            <Form.Item name="name" rules={[{ required: true, message: t('venues.required') }]}><Input placeholder={t('venues.rooms.name')} aria-label={t('venues.rooms.name')} /></Form.Item>
            <Form.Item name="capacity" rules={[{ required: true, message: t('venues.required') }]}><InputNumber min={1} max={2000} placeholder={t('venues.rooms.capacity')} aria-label={t('venues.rooms.capacity')} /></Form.Item>
            <Button htmlType="submit">{t('venues.rooms.add')}</Button>
          </Form>
        )}
      </Card>
      <Card size="small" title={t('venues.use.title')}>
        <Table rowKey="month" size="small" pagination={false} dataSource={v.use}
          columns={[
            { title: t('venues.use.month'), dataIndex: 'month' }, { title: t('venues.use.bookings'), dataIndex: 'bookings' },
            { title: t('venues.use.checkIns'), dataIndex: 'checkIns' }, { title: t('venues.use.visitors'), dataIndex: 'visitors' },
          ]} />
      </Card>
    </Space>
  );
}

function BookingsTab({ v }: { v: VenueDetail }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<BookingStatus | undefined>('requested');
  const { data, loading, reload } = useLoad(JSON.stringify({ page, status, id: v.id }), () => api.listBookings({ page, pageSize: 20, venueId: v.id, status }), t('error.unknown'));
  const act = useAct(reload);
  const decline = (b: BookingItem) => {
    let reason = '';
    Modal.confirm({
      title: t('venues.bookings.decline'), content: <Input.TextArea aria-label={t('venues.bookings.reason')} placeholder={t('venues.bookings.reason')} onChange={(e) => { reason = e.target.value; }} />,
      onOk: () => act(() => api.declineBooking(b.id, reason), t('venues.bookings.declined')),
    });
  };
  return (
    <>
      <Select allowClear style={{ width: 180, marginBottom: 12 }} aria-label={t('venues.bookings.status')} value={status} onChange={(s) => { setStatus(s); setPage(1); }}
        options={(['requested', 'confirmed', 'declined', 'cancelled'] as const).map((s) => ({ value: s, label: t(`venues.status.${s}`) }))} />
      <Table<BookingItem> rowKey="id" loading={loading} dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('venues.bookings.when'), render: (_, b) => `${formatDateTime(b.startsAt)}–${dayjs(b.endsAt).format('HH:mm')}` },
          { title: t('venues.rooms.name'), dataIndex: 'roomName' },
          { title: t('venues.bookings.purpose'), render: (_, b) => `${b.purpose}${b.groupName ? `（${b.groupName}）` : ''}` },
          { title: t('venues.bookings.attendees'), dataIndex: 'attendees' },
          { title: t('venues.bookings.by'), dataIndex: 'bookedBy' },
          { title: t('venues.bookings.status'), render: (_, b) => <Space><Tag color={STATUS_COLOR[b.status]}>{t(`venues.status.${b.status}`)}</Tag>{b.checkedInAt && <Tag color="blue">{t('venues.bookings.checkedIn')}</Tag>}</Space> },
          {
            title: '', key: 'a', render: (_, b) => (
              <Space>
                {b.actions.includes('confirm') && <Button size="small" type="primary" onClick={() => act(() => api.confirmBooking(b.id), t('venues.bookings.confirmed'))}>{t('venues.bookings.confirm')}</Button>}
                {b.actions.includes('decline') && <Button size="small" danger onClick={() => decline(b)}>{t('venues.bookings.decline')}</Button>}
                {b.actions.includes('check_in') && <Button size="small" onClick={() => act(() => api.checkIn(b.id), t('venues.bookings.checkedIn'))}>{t('venues.bookings.checkIn')}</Button>}
                {b.actions.includes('cancel') && <Button size="small" onClick={() => act(() => api.cancelBooking(b.id), t('venues.bookings.cancelled'))}>{t('venues.bookings.cancel')}</Button>}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

function CalendarTab({ v, reload }: { v: VenueDetail; reload: () => void }) {
  const { t } = useTranslation();
  const act = useAct(reload);
  const [form] = Form.useForm();
  const month = dayjs().format('YYYY-MM');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {v.calendars.map((c) => (
        <Card key={c.id} size="small" title={t('venues.calendar.monthTitle', { month: c.month, version: c.version })} extra={formatDateTime(c.publishedAt)}>
          <Table rowKey={(i) => `${i.day}${i.starts}${i.title}`} size="small" pagination={false} dataSource={c.items}
            columns={[
              { title: t('venues.calendar.day'), dataIndex: 'day' }, { title: t('venues.calendar.time'), render: (_, i) => `${i.starts}–${i.ends}` },
              { title: t('venues.calendar.itemTitle'), render: (_, i) => <Space>{i.title}{i.activityTitle && <Tag color="purple">{t('venues.calendar.volunteer')}</Tag>}</Space> },
              { title: t('venues.calendar.place'), dataIndex: 'place' },
            ]} />
        </Card>
      ))}
      {v.canManage && (
        <Card size="small" title={t('venues.calendar.publish')}>
          <Form form={form} layout="vertical" initialValues={{ month, items: [{}], correction: false, sms: false }}
            onFinish={async (f: { month: string; items: { day: string; starts: string; ends: string; title: string; place: string; activityId?: number }[]; correction: boolean; sms: boolean }) => {
              if (await act(() => api.publishCalendar(v.id, { ...f, items: f.items.map((i) => ({ ...i, day: `${f.month}-${String(i.day).padStart(2, '0')}` })) }), t('venues.calendar.published'))) form.resetFields();
            }}>
            <Form.Item name="month" label={t('venues.calendar.month')} rules={[{ required: true, pattern: /^\d{4}-\d{2}$/, message: 'YYYY-MM' }]}><Input style={{ width: 160 }} /></Form.Item>
            <Form.List name="items">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} wrap align="start">
                      <Form.Item name={[f.name, 'day']} label={t('venues.calendar.dayOfMonth')} rules={[{ required: true, message: t('venues.required') }]}><InputNumber min={1} max={31} /></Form.Item>
                      <Form.Item name={[f.name, 'starts']} label={t('venues.calendar.starts')} rules={[{ required: true, message: t('venues.required') }]}><Input placeholder="09:00" style={{ width: 90 }} /></Form.Item>
                      <Form.Item name={[f.name, 'ends']} label={t('venues.calendar.ends')} rules={[{ required: true, message: t('venues.required') }]}><Input placeholder="11:00" style={{ width: 90 }} /></Form.Item>
                      <Form.Item name={[f.name, 'title']} label={t('venues.calendar.itemTitle')} rules={[{ required: true, message: t('venues.required') }]}><Input style={{ width: 220 }} /></Form.Item>
                      <Form.Item name={[f.name, 'place']} label={t('venues.calendar.place')} rules={[{ required: true, message: t('venues.required') }]}><Input style={{ width: 160 }} /></Form.Item>
                      <Form.Item name={[f.name, 'activityId']} label={t('venues.calendar.activityId')}><InputNumber min={1} /></Form.Item>
                      <Button onClick={() => remove(f.name)} style={{ marginTop: 30 }}>{t('venues.remove')}</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add({})} style={{ marginBottom: 12 }}>{t('venues.calendar.addItem')}</Button>
                </>
              )}
            </Form.List>
            <Space>
              <Form.Item name="correction" label={t('venues.calendar.correction')} valuePropName="checked"><Switch /></Form.Item>
              <Form.Item name="sms" label={t('venues.calendar.sms')} valuePropName="checked"><Switch /></Form.Item>
            </Space>
            <div><Button type="primary" htmlType="submit">{t('venues.calendar.publishButton')}</Button></div>
          </Form>
        </Card>
      )}
    </Space>
  );
}

/** One venue: hours and rooms, the 三要六有 checklist with evidence, bookings to confirm, the month's calendar. */
export default function VenueDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const { data: v, error, reload } = useLoad(`venue-${id}`, () => api.getVenue(id), t('error.unknown'));
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!v) return null;
  return (
    <>
      <PageHeader title={v.name} description={v.toStandard ? <Tag color="green">{t('venues.standard.ok')}</Tag> : <Tag color="red">{t('venues.standard.flagged')}</Tag>} />
      <Tabs items={[
        { key: 'info', label: t('venues.tab.info'), children: <InfoTab v={v} reload={reload} /> },
        { key: 'standard', label: t('venues.tab.standard'), children: <StandardTab v={v} reload={reload} /> },
        { key: 'bookings', label: t('venues.tab.bookings'), children: <BookingsTab v={v} /> },
        { key: 'calendar', label: t('venues.tab.calendar'), children: <CalendarTab v={v} reload={reload} /> },
      ]} />
    </>
  );
}

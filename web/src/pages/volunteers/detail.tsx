import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { formatDateTime } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/volunteers-api.js';
import type { RosterRow } from '../../services/volunteers-api.js';

/** One activity: who signed up, their check-ins and check-outs, confirming hours and correcting them. */
export default function VolunteerActivityPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const { can } = useAuth();
  const manage = can('volunteers.manage');
  const [tick, setTick] = useState(0);
  const { data: a, error, loading } = useLoad(`${id}|${tick}`, () => api.getActivity(id), t('error.unknown'));
  const [confirming, setConfirming] = useState(false);
  const [correcting, setCorrecting] = useState<RosterRow | null>(null);
  const [result, setResult] = useState<api.ConfirmResult | null>(null);
  const [confirmForm] = Form.useForm<{ served: number; entries?: Record<string, { hours?: number; reason?: string }> }>();
  const [correctForm] = Form.useForm<{ hours: number; reason: string }>();
  const reload = () => setTick((n) => n + 1);
  const pending = (a?.roster ?? []).filter((r) => r.status === 'signed' && !r.confirmed);
  const incomplete = pending.filter((r) => !(r.checkinAt && r.checkoutAt));

  return (
    <div>
      <PageHeader
        title={a?.title ?? t('volunteers.activity.detail')}
        description={a ? `${a.projectName} · ${a.orgName}` : undefined}
        extra={a && manage && (
          <Space wrap>
            <Link to={`/volunteers/activities/${id}/qr`} target="_blank"><Button>{t('volunteers.qr.open')}</Button></Link>
            <Button type="primary" onClick={() => setConfirming(true)} disabled={a.status === 'cancelled'}>{t('volunteers.confirm.action')}</Button>
          </Space>
        )}
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      {result && (
        <Alert type="success" showIcon closable onClose={() => setResult(null)} className="page-alert" data-testid="volunteers-confirm-result"
          title={t('volunteers.confirm.done', { n: result.confirmed.length, hours: result.confirmed.reduce((s, c) => s + c.hours, 0), points: result.confirmed.reduce((s, c) => s + c.points, 0) })} />
      )}
      {a && (
        <Card size="small" className="rates-card">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('volunteers.activity.place')}>{a.placeName} {a.address}</Descriptions.Item>
            <Descriptions.Item label={t('volunteers.activity.time')}>{formatDateTime(a.startsAt)} – {formatDateTime(a.endsAt)}</Descriptions.Item>
            <Descriptions.Item label={t('volunteers.activity.status')}><Tag>{t(`volunteers.status.${a.status}`)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('volunteers.activity.signedUp')}>{a.signedUp} / {a.capacity}</Descriptions.Item>
            <Descriptions.Item label={t('volunteers.activity.served')}>{a.served}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Card size="small" title={t('volunteers.roster.title')}>
        <Table<RosterRow>
          rowKey="volunteerId" size="small" loading={loading} dataSource={a?.roster ?? []} pagination={false}
          columns={[
            { title: t('volunteers.volunteer.name'), dataIndex: 'name' },
            { title: t('volunteers.volunteer.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '-' },
            { title: t('volunteers.roster.checkin'), dataIndex: 'checkinAt', render: formatDateTime },
            { title: t('volunteers.roster.checkout'), dataIndex: 'checkoutAt', render: formatDateTime },
            { title: t('volunteers.volunteer.hours'), dataIndex: 'hours', align: 'right' },
            { title: t('volunteers.volunteer.points'), dataIndex: 'points', align: 'right' },
            { title: t('volunteers.activity.status'), render: (_, r) => r.status === 'cancelled' ? <Tag>{t('volunteers.roster.cancelled')}</Tag> : r.confirmed ? <Tag color="green">{t('volunteers.roster.confirmed')}</Tag> : <Tag color="blue">{t('volunteers.roster.pending')}</Tag> },
            ...(manage ? [{ title: '', key: 'fix', render: (_: unknown, r: RosterRow) => r.confirmed && <Button size="small" onClick={() => setCorrecting(r)}>{t('volunteers.correct.action')}</Button> }] : []),
          ]}
        />
      </Card>
      <FormModal
        open={confirming} width={720} title={t('volunteers.confirm.title')} form={confirmForm} onClose={() => setConfirming(false)} okText={t('volunteers.confirm.action')}
        initialValues={{ served: a?.served ?? 0 }}
        intro={<Alert type="info" showIcon className="modal-alert" title={t('volunteers.confirm.intro', { n: pending.length - incomplete.length })} />}
        onSubmit={async (v) => {
          const entries = Object.entries(v.entries ?? {}).filter(([, e]) => e?.hours).map(([vid, e]) => ({ volunteerId: Number(vid), hours: e.hours!, reason: e.reason ?? '' }));
          setResult(await api.confirmHours(id, { served: v.served, entries: entries.length ? entries : undefined }));
          reload();
        }}
      >
        <Form.Item name="served" label={t('volunteers.confirm.served')} rules={[{ required: true }]}><InputNumber min={0} max={100000} /></Form.Item>
        {pending.map((r) => (
          <Space key={r.volunteerId} align="start" wrap>
            <span style={{ display: 'inline-block', width: 110, paddingTop: 34 }}>
              {r.name}
              <br />
              <small>{r.checkinAt && r.checkoutAt ? t('volunteers.confirm.scanned') : t('volunteers.confirm.noPair')}</small>
            </span>
            <Form.Item name={['entries', String(r.volunteerId), 'hours']} label={t('volunteers.confirm.hours')}>
              <InputNumber min={0.5} max={24} step={0.5} aria-label={t('volunteers.confirm.hoursOf', { name: r.name })} />
            </Form.Item>
            <Form.Item name={['entries', String(r.volunteerId), 'reason']} label={t('volunteers.confirm.reason')}>
              <Input maxLength={200} placeholder={t('volunteers.confirm.reasonHint')} aria-label={t('volunteers.confirm.reasonOf', { name: r.name })} />
            </Form.Item>
          </Space>
        ))}
      </FormModal>
      <FormModal
        open={!!correcting} title={t('volunteers.correct.title', { name: correcting?.name ?? '' })} form={correctForm} onClose={() => setCorrecting(null)}
        intro={<Alert type="warning" showIcon className="modal-alert" title={t('volunteers.correct.intro', { hours: correcting?.hours ?? 0 })} />}
        onSubmit={async (v) => { await api.correctHours(id, { volunteerId: correcting!.volunteerId, hours: v.hours, reason: v.reason }); reload(); }}
      >
        <Form.Item name="hours" label={t('volunteers.confirm.hours')} rules={[{ required: true }]}><InputNumber min={0} max={24} step={0.5} /></Form.Item>
        <Form.Item name="reason" label={t('volunteers.confirm.reason')} rules={[{ required: true, min: 2 }]}><Input maxLength={200} /></Form.Item>
      </FormModal>
    </div>
  );
}

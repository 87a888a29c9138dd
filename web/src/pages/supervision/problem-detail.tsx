import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Image, Input, Radio, Select, Space, Timeline } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/supervision-api.js';
import type { ProblemAction } from '../../services/supervision-api.js';
import { PhotoIdsField } from '../property/repairs-shared.js';
import { ProblemStatusTag } from './problems.js';

/** One problem: its photos and place, the handover, the rectification with evidence, the verification, and every step. */
export default function SupervisionProblemDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [tick, setTick] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ProblemAction | null>(null);
  const d = useLoad(`${id}|${tick}`, () => api.getProblem(id), t('error.unknown'));
  const p = d.data;
  const quick = async (action: ProblemAction) => {
    setError(null);
    try {
      await api.problemStep(id, action, {});
      setTick((x) => x + 1);
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    }
  };
  return (
    <div>
      <PageHeader title={t('supervision.problems.detail', { id })} description={p?.inspectionTitle}
        extra={p && (
          <Space>
            {p.actions.map((a) => (a === 'start' || a === 'verify'
              ? <Button key={a} type={a === 'verify' ? 'primary' : 'default'} onClick={() => void quick(a)}>{t(`supervision.action.${a}`)}</Button>
              : <Button key={a} type={a === 'report' || a === 'hand_over' ? 'primary' : 'default'} danger={a === 'send_back'} onClick={() => setOpen(a)}>{t(`supervision.action.${a}`)}</Button>))}
          </Space>
        )} />
      {(error || d.error) && <Alert type="error" showIcon title={error ?? d.error} className="page-alert" />}
      {p && (
        <>
          <Card size="small" className="rates-card">
            <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
              { key: 's', label: t('supervision.filter.status'), children: <ProblemStatusTag status={p.status} overdue={p.overdue} /> },
              { key: 'c', label: t('supervision.problems.category'), children: t(`supervision.category.${p.category}`) },
              { key: 'p', label: t('supervision.problems.place'), children: p.placeName + (p.lat != null ? ` (${p.lat.toFixed(5)}, ${p.lng?.toFixed(5)})` : '') },
              { key: 'f', label: t('supervision.problems.foundAt'), children: formatDateTime(p.foundAt) },
              { key: 'r', label: t('supervision.problems.receiver'), children: p.receiver ?? '—' },
              { key: 'd', label: t('supervision.problems.deadline'), children: p.deadline ?? '—' },
              ...(p.escalatedAt ? [{ key: 'e', label: t('supervision.problems.escalated'), children: `${formatDateTime(p.escalatedAt)} → ${p.escalatedTo ?? ''}` }] : []),
              { key: 'x', label: t('supervision.problems.description'), children: p.description, span: 2 },
              ...(p.rectification ? [{ key: 'y', label: t('supervision.problems.rectification'), children: p.rectification, span: 2 }] : []),
            ]} />
            <Space wrap style={{ marginTop: 8 }}>
              {p.photos.map((u, i) => <Image key={u} src={u} width={96} alt={t('supervision.problems.photo', { n: i + 1 })} />)}
              {p.evidence.map((u, i) => <Image key={u} src={u} width={96} alt={t('supervision.problems.evidence', { n: i + 1 })} />)}
            </Space>
          </Card>
          <Card size="small" title={t('supervision.problems.steps')}>
            <Timeline items={p.steps.map((s, i) => ({
              key: i,
              children: <div>{formatDateTime(s.at)} · {t(`supervision.step.${s.action}`, { defaultValue: s.action })} · {s.by ?? t('supervision.problems.timer')}{s.note ? ` · ${s.note}` : ''}</div>,
            }))} />
          </Card>
        </>
      )}
      <StepModal id={id} action={open} onClose={() => setOpen(null)} onDone={() => setTick((x) => x + 1)} />
    </div>
  );
}

function StepModal({ id, action, onClose, onDone }: { id: number; action: ProblemAction | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string; photoIds?: number[]; to?: 'county' | 'department'; departmentId?: number; deadline?: Dayjs }>();
  const to = Form.useWatch('to', form);
  const deps = useLoad(`deps|${action}`, () => (action === 'hand_over' ? api.listDepartments() : Promise.resolve([])), t('error.unknown'));
  return (
    <FormModal open={!!action} title={action ? t(`supervision.action.${action}`) : ''} form={form} onClose={onClose} danger={action === 'send_back'}
      initialValues={{ to: 'county' }}
      onSubmit={async (v) => {
        await api.problemStep(id, action!, action === 'hand_over'
          ? { handOver: { to: v.to!, departmentId: v.departmentId, deadline: v.deadline!.format('YYYY-MM-DD') } }
          : { note: v.note, photoIds: v.photoIds });
        onDone();
      }}>
      {action === 'hand_over' && <HandOverFields to={to} departments={deps.data ?? []} />}
      {(action === 'report' || action === 'send_back') && (
        <Form.Item name="note" label={action === 'report' ? t('supervision.problems.rectification') : t('supervision.reason')} rules={[{ required: true, message: t('supervision.required') }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      )}
      {action === 'report' && <Form.Item name="photoIds" label={t('supervision.problems.evidenceLabel')}><PhotoIdsField label={t('supervision.problems.addEvidence')} /></Form.Item>}
    </FormModal>
  );
}

/** 问题移交: to the place's county or a department, with a deadline. */
export function HandOverFields({ to, departments }: { to?: string; departments: api.Department[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="to" label={t('supervision.handOver.to')}>
        <Radio.Group options={[{ value: 'county', label: t('supervision.handOver.county') }, { value: 'department', label: t('supervision.handOver.department') }]} />
      </Form.Item>
      {to === 'department' && (
        <Form.Item name="departmentId" label={t('supervision.handOver.department')} rules={[{ required: true, message: t('supervision.required') }]}>
          <Select showSearch optionFilterProp="label" options={departments.map((d) => ({ value: d.id, label: `${d.name}（${d.orgName}）` }))} />
        </Form.Item>
      )}
      <Form.Item name="deadline" label={t('supervision.problems.deadline')} rules={[{ required: true, message: t('supervision.required') }]}><DatePicker /></Form.Item>
    </>
  );
}

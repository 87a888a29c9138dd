import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Image, Input, Select, Space, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/selfrun-steps-api.js';
import type { ProcessView, StepBody, StepKey } from '../../services/selfrun-steps-api.js';
import { PhotoIdsField } from '../property/repairs-shared.js';

/** One completed step's record: who, when, what was recorded, its documents. */
function RecordView({ r }: { r: ProcessView['records'][number] }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} style={{ marginTop: 4 }}>
      <Descriptions.Item label={t('selfrunSteps.completedBy')}>
        {r.completedBy} · {formatDateTime(r.completedAt)} <Tag>{t(`selfrunSteps.as.${r.completedAs}`)}</Tag>
      </Descriptions.Item>
      {r.proposer && <Descriptions.Item label={t('selfrunSteps.field.proposer')}>{r.proposer}</Descriptions.Item>}
      <Descriptions.Item label={t('selfrunSteps.field.note')}>{r.note}</Descriptions.Item>
      {r.dateFrom && <Descriptions.Item label={t('selfrunSteps.field.dates')}>{r.dateFrom}{r.dateTo ? ` ~ ${r.dateTo}` : ''}</Descriptions.Item>}
      {r.voteTitle && <Descriptions.Item label={t('selfrunSteps.field.vote')}>{r.voteTitle}</Descriptions.Item>}
      {r.bank && (
        <Descriptions.Item label={t('selfrunSteps.field.account')}>
          {t('selfrunSteps.accountLine', { bank: r.bank, name: r.accountName, last4: r.accountLast4 })}
        </Descriptions.Item>
      )}
      {r.photos.length > 0 && (
        <Descriptions.Item label={t('selfrunSteps.field.photos')}>
          <Space wrap>{r.photos.map((p) => <Image key={p.id} src={p.url} width={64} height={64} alt={t('selfrunSteps.photo', { id: p.id })} />)}</Space>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** The form for the next step: the note, and the fields the step's row asks for. */
export function StepForm({ view, onDone, send }: { view: ProcessView; onDone: () => void; send: (step: StepKey, body: StepBody) => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const step = view.step as StepKey;
  const info = view.steps.find((s) => s.step === step)!;
  const dates = step === 'consultation' || step === 'service_agreement' || step === 'vote_notice';
  const submit = async (v: Record<string, unknown>) => {
    setBusy(true);
    try {
      const body: StepBody = { note: String(v.note ?? ''), photoIds: (v.photoIds as number[] | undefined) ?? [] };
      for (const k of ['proposer', 'dateFrom', 'dateTo', 'voteId', 'bank', 'accountName', 'accountLast4'] as const) {
        if (v[k] !== undefined && v[k] !== '') (body as Record<string, unknown>)[k] = v[k];
      }
      await send(step, body);
      message.success(t('selfrunSteps.completed', { step: t(`selfrunSteps.step.${step}`) }));
      form.resetFields();
      onDone();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} aria-label={t('selfrunSteps.formFor', { step: t(`selfrunSteps.step.${step}`) })}>
      {info.needs.includes('proposer') && (
        <Form.Item name="proposer" label={t('selfrunSteps.field.proposer')} rules={[{ required: true, message: t('selfrunSteps.required.proposer') }]}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      {info.needs.includes('vote') && (
        <Form.Item name="voteId" label={t('selfrunSteps.field.vote')} rules={[{ required: true, message: t('selfrunSteps.required.vote') }]}>
          <Select options={view.votes.map((v) => ({ value: v.id, label: v.title }))} notFoundContent={t('selfrunSteps.noVotes')} />
        </Form.Item>
      )}
      {dates && (
        <Space wrap>
          <Form.Item name="dateFrom" label={t(step === 'vote_notice' ? 'selfrunSteps.field.noticeFrom' : 'selfrunSteps.field.dateFrom')}
            rules={[{ required: step !== 'vote_notice', message: t('selfrunSteps.required.dates') }]}>
            <Input type="date" />
          </Form.Item>
          {step !== 'vote_notice' && (
            <Form.Item name="dateTo" label={t('selfrunSteps.field.dateTo')} rules={[{ required: true, message: t('selfrunSteps.required.dates') }]}>
              <Input type="date" />
            </Form.Item>
          )}
        </Space>
      )}
      {info.needs.includes('account') && (
        <Space wrap>
          <Form.Item name="bank" label={t('selfrunSteps.field.bank')} rules={[{ required: true, message: t('selfrunSteps.required.bank') }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="accountName" label={t('selfrunSteps.field.accountName')} rules={[{ required: true, message: t('selfrunSteps.required.accountName') }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="accountLast4" label={t('selfrunSteps.field.accountLast4')}
            rules={[{ required: true, pattern: /^\d{4}$/, message: t('selfrunSteps.required.accountLast4') }]}>
            <Input maxLength={4} inputMode="numeric" />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="note" label={t('selfrunSteps.field.note')} rules={[{ required: true, whitespace: true, message: t('selfrunSteps.required.note') }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
      <Form.Item name="photoIds" label={t('selfrunSteps.field.photos')}>
        <PhotoIdsField label={t('selfrunSteps.addPhoto')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>{t('selfrunSteps.complete', { step: t(`selfrunSteps.step.${step}`) })}</Button>
    </Form>
  );
}

/** The ten steps of one compound: each step's record and documents, and the next action with its condition. */
export function StepsPanel({ compoundId }: { compoundId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { data: v, error, reload } = useLoad(String(compoundId), () => api.getProcess(compoundId), t('error.unknown'));
  const [starting, setStarting] = useState(false);
  const manage = me.permissions.includes('selfrun.manage');
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!v) return null;
  const current = v.step === 'done' ? api.STEP_KEYS.length : v.step ? api.STEP_KEYS.indexOf(v.step) : -1;
  const start = async () => {
    setStarting(true);
    try {
      await api.startProcess(compoundId);
      message.success(t('selfrunSteps.started'));
      reload();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    } finally {
      setStarting(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Typography.Text strong>{v.compound.community} · {v.compound.name}</Typography.Text>
        <Tag color={v.compound.mode === 'self_run' ? 'green' : undefined}>{t(`selfrunSteps.mode.${v.compound.mode}`)}</Tag>
        {v.step === 'done' && <Tag color="green">{t('selfrunSteps.done')}</Tag>}
      </Space>
      {v.handover && (
        <Alert
          type="warning" showIcon style={{ marginBottom: 12 }} data-testid="selfrun-handover"
          message={t('selfrunLinks.handover.awaiting', { cause: t(`selfrunLinks.handover.cause.${v.handover.cause}`), company: v.handover.companyName })
            + (v.handover.reselectTo ? ` · ${t(`selfrunLinks.handover.to.${v.handover.reselectTo}`)}` : '')}
          description={t('selfrunLinks.handover.hint')}
        />
      )}
      {!v.started && (
        <Card size="small" title={t('selfrunSteps.notStarted')}>
          {v.startRefusal
            ? <Alert type="info" showIcon message={v.startRefusal} />
            : manage && <Button type="primary" loading={starting} onClick={() => void start()}>{t('selfrunSteps.start')}</Button>}
        </Card>
      )}
      <Steps
        direction="vertical" size="small" current={current} status={v.step === 'done' ? 'finish' : 'process'}
        items={v.steps.map((s, i) => {
          const rec = v.records.find((r) => r.step === s.step);
          return {
            title: `${i + 1}. ${t(`selfrunSteps.step.${s.step}`)}`,
            subTitle: <Tag>{t(`selfrunSteps.by.${s.by}`)}</Tag>,
            description: rec ? <RecordView r={rec} /> : <Typography.Text type="secondary">{s.condition}</Typography.Text>,
          };
        })}
      />
      {v.started && v.step !== 'done' && v.step && (
        <Card size="small" title={t('selfrunSteps.next', { step: t(`selfrunSteps.step.${v.step}`) })}>
          <Typography.Paragraph type="secondary">{v.steps.find((s) => s.step === v.step)?.condition}</Typography.Paragraph>
          {v.blocked && <Alert type="warning" showIcon message={v.blocked} style={{ marginBottom: 12 }} />}
          {v.mayAct
            ? <StepForm view={v} onDone={reload} send={(step, body) => api.completeStep(compoundId, step, body)} />
            : <Typography.Text type="secondary">{t('selfrunSteps.readOnly')}</Typography.Text>}
        </Card>
      )}
    </Space>
  );
}

/** /selfrun/compounds/:id/steps: the compound's ten steps on a page of their own. */
export default function SelfrunStepsDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  return (
    <div>
      <PageHeader title={t('selfrunSteps.detailTitle')} />
      <StepsPanel compoundId={id} />
    </div>
  );
}

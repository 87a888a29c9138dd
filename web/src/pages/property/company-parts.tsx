import { useEffect, useRef, useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../components/auth-provider.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import * as api from '../../services/property-companies-api.js';
import type { Company, Contract, Sanction, SanctionKind, SanctionStatus } from '../../services/property-companies-api.js';

/** Pieces the register's pages share: a company picker, the sanctions table with its steps, and the decide-a-sanction form. */

export const statusColor: Record<SanctionStatus, string> = { recorded: 'default', open: 'orange', reported: 'blue', verified: 'green', done: 'purple' };
export const kindColor: Record<SanctionKind, string> = { interview: 'gold', rectify: 'orange', downgrade: 'volcano', exit: 'red', reselect: 'magenta' };

/** Finds a company on the register by name or credit code. */
export function CompanySelect({ value, onChange, id, activeOnly = true, mode }: {
  value?: number | number[]; onChange?: (v: number | number[] | undefined) => void; id?: string; activeOnly?: boolean; mode?: 'multiple';
}) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Company[]>([]);
  const [q, setQ] = useState('');
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      api.listCompanies({ q: q.trim() || undefined, status: activeOnly ? 'active' : undefined, page: 1, pageSize: 50 })
        .then((r) => mine === seq.current && setItems(r.items), () => undefined);
    }, 200);
    return () => clearTimeout(timer);
  }, [q, activeOnly]);
  return (
    <Select<number | number[]>
      id={id} mode={mode} value={value} onChange={(v) => onChange?.(v)} allowClear
      showSearch={{ filterOption: false, onSearch: setQ }} placeholder={t('propertyCompanies.company.search')}
      options={items.map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}

/** What a sanction says, in one line: the task, the minutes, the change of level or fee, the compound's next step. */
export function SanctionSummary({ s }: { s: Sanction }) {
  const { t } = useTranslation();
  switch (s.kind) {
    case 'interview':
      return <span>{t('propertyCompanies.sanction.interviewLine', { day: s.interviewOn, people: s.interviewPeople, minutes: s.minutes })}</span>;
    case 'rectify':
      return (
        <span>
          {t('propertyCompanies.sanction.rectifyLine', { task: s.task, deadline: s.deadline })}
          {s.overdue && <Tag color="red" style={{ marginLeft: 8 }}>{t('propertyCompanies.sanction.overdue')}</Tag>}
          {s.reportNote && <div><Typography.Text type="secondary">{t('propertyCompanies.sanction.reportLine', { note: s.reportNote })}</Typography.Text>{s.reportPhotoUrl && <a href={s.reportPhotoUrl} target="_blank" rel="noreferrer" style={{ marginLeft: 8 }}>{t('propertyCompanies.sanction.photo')}</a>}</div>}
        </span>
      );
    case 'downgrade':
      return <span>{t('propertyCompanies.sanction.downgradeLine', { levelBefore: s.levelBefore, levelAfter: s.levelAfter, feeBefore: s.feeBefore?.toFixed(2), feeAfter: s.feeAfter?.toFixed(2) })}</span>;
    case 'exit':
      return <span>{t('propertyCompanies.sanction.exitLine')}</span>;
    case 'reselect':
      return <span>{t('propertyCompanies.sanction.reselectLine', { to: t(`propertyCompanies.reselectTo.${s.reselectTo ?? 'new_company'}`) })}</span>;
  }
}

/** Sanctions with their steps; an office may verify or send back a reported rectification. */
export function SanctionsTable({ items, total, page, onPage, loading, onChange, showCompany = true, actions }: {
  items: Sanction[]; total: number; page: number; onPage: (p: number) => void; loading: boolean; onChange: () => void; showCompany?: boolean;
  /** Extra buttons per row (the company's report). */
  actions?: (s: Sanction) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const office = can('property.sanction');
  const [stepping, setStepping] = useState<{ s: Sanction; action: 'verify' | 'send_back' } | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  return (
    <>
      <Table<Sanction>
        rowKey="id" size="small" loading={loading} dataSource={items}
        pagination={{ current: page, pageSize: 20, total, onChange: onPage }}
        expandable={{
          expandedRowRender: (s) => (
            <ul className="property-steps">
              {s.steps.map((x, i) => (
                <li key={i}>{formatDateTime(x.at)} · {x.actorName ?? '-'} · {t(`propertyCompanies.step.${x.action as 'decide'}`)} · {x.note}</li>
              ))}
            </ul>
          ),
        }}
        columns={[
          ...(showCompany ? [{ title: t('propertyCompanies.company.name'), dataIndex: 'companyName' }] : []),
          { title: t('propertyCompanies.sanction.kind'), dataIndex: 'kind', render: (k: SanctionKind) => <Tag color={kindColor[k]}>{t(`propertyCompanies.kind.${k}`)}</Tag> },
          { title: t('propertyCompanies.sanction.compound'), dataIndex: 'compoundName', render: (v: string | null) => v ?? t('propertyCompanies.sanction.wholeCompany') },
          { title: t('propertyCompanies.sanction.what'), render: (_, s) => <SanctionSummary s={s} /> },
          { title: t('propertyCompanies.sanction.reason'), dataIndex: 'reason', render: (v: string, s) => <span>{v}{s.basis && <Tag style={{ marginLeft: 6 }}>{s.basis}</Tag>}</span> },
          { title: t('propertyCompanies.sanction.decided'), render: (_, s) => `${s.decidedBy} ${formatDate(s.decidedAt)}` },
          { title: t('propertyCompanies.sanction.status'), dataIndex: 'status', render: (v: SanctionStatus) => <Tag color={statusColor[v]}>{t(`propertyCompanies.status.${v}`)}</Tag> },
          {
            title: '', key: 'act', render: (_, s) => (
              <Space size={4}>
                {office && s.kind === 'rectify' && s.status === 'reported' && (
                  <>
                    <Button size="small" type="primary" onClick={() => setStepping({ s, action: 'verify' })}>{t('propertyCompanies.step.verify')}</Button>
                    <Button size="small" onClick={() => setStepping({ s, action: 'send_back' })}>{t('propertyCompanies.step.send_back')}</Button>
                  </>
                )}
                {actions?.(s)}
              </Space>
            ),
          },
        ]}
      />
      <FormModal
        open={!!stepping} form={form} onClose={() => setStepping(null)}
        title={stepping ? t(`propertyCompanies.step.${stepping.action}`) : ''}
        onSubmit={async (v) => {
          if (stepping!.action === 'verify') await api.verifySanction(stepping!.s.id, v.note);
          else await api.sendBackSanction(stepping!.s.id, v.note);
          onChange();
        }}
      >
        <Form.Item name="note" label={t('propertyCompanies.sanction.note')} rules={[{ required: true, whitespace: true, min: 2 }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
      </FormModal>
    </>
  );
}

interface DecideValues {
  kind: SanctionKind; companyId: number; contractId?: number; reason: string; basis?: string;
  interviewOn?: Dayjs; interviewPeople?: string; minutes?: string; task?: string; deadline?: Dayjs;
  serviceLevel?: api.ServiceLevel; feePerM2?: number; reselectTo?: 'new_company' | 'self_run';
}

/** The office decides a sanction: the form asks what its kind needs. */
export function DecideSanctionModal({ open, onClose, onDone, companyId, contracts }: {
  open: boolean; onClose: () => void; onDone: () => void; companyId?: number; contracts?: Contract[];
}) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [form] = Form.useForm<DecideValues>();
  const kind = Form.useWatch('kind', form);
  const picked = Form.useWatch('companyId', form);
  const [live, setLive] = useState<Contract[]>(contracts ?? []);
  useEffect(() => {
    if (contracts) return setLive(contracts.filter((k) => k.status === 'active'));
    if (!picked) return setLive([]);
    void api.getCompany(picked).then((c) => setLive(c.contracts.filter((k) => k.status === 'active')), () => setLive([]));
  }, [picked, contracts]);
  const kinds = api.SANCTION_KINDS.filter((k) => k !== 'exit' || me?.role === 'county_admin' || me?.role === 'department');
  const needsContract = kind === 'downgrade' || kind === 'reselect';
  return (
    <FormModal<DecideValues>
      open={open} form={form} onClose={onClose} title={t('propertyCompanies.sanction.decide')} width={560} danger={kind === 'exit'}
      initialValues={{ kind: 'rectify', companyId }}
      onSubmit={async (v) => {
        const common = { companyId: v.companyId, reason: v.reason, basis: v.basis || undefined };
        const day = (d?: Dayjs) => d!.format('YYYY-MM-DD');
        const body: api.NewSanction =
          v.kind === 'interview' ? { kind: 'interview', ...common, contractId: v.contractId, interviewOn: day(v.interviewOn), interviewPeople: v.interviewPeople!, minutes: v.minutes! }
            : v.kind === 'rectify' ? { kind: 'rectify', ...common, contractId: v.contractId, task: v.task!, deadline: day(v.deadline) }
              : v.kind === 'downgrade' ? { kind: 'downgrade', ...common, contractId: v.contractId!, serviceLevel: v.serviceLevel, feePerM2: v.feePerM2 ?? undefined }
                : v.kind === 'reselect' ? { kind: 'reselect', ...common, contractId: v.contractId!, reselectTo: v.reselectTo! }
                  : { kind: 'exit', ...common };
        await api.decideSanction(body);
        onDone();
      }}
    >
      <Form.Item name="kind" label={t('propertyCompanies.sanction.kind')} rules={[{ required: true }]}>
        <Select options={kinds.map((k) => ({ value: k, label: t(`propertyCompanies.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="companyId" label={t('propertyCompanies.company.name')} rules={[{ required: true }]} hidden={!!companyId}>
        <CompanySelect />
      </Form.Item>
      {kind !== 'exit' && (
        <Form.Item name="contractId" label={t('propertyCompanies.sanction.compound')} rules={[{ required: needsContract }]} extra={needsContract ? undefined : t('propertyCompanies.sanction.compoundOptional')}>
          <Select allowClear options={live.map((k) => ({ value: k.id, label: t('propertyCompanies.contract.option', { compound: k.compoundName, level: k.serviceLevel, fee: k.feePerM2.toFixed(2) }) }))} />
        </Form.Item>
      )}
      {kind === 'interview' && (
        <>
          <Form.Item name="interviewOn" label={t('propertyCompanies.sanction.interviewOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="interviewPeople" label={t('propertyCompanies.sanction.interviewPeople')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="minutes" label={t('propertyCompanies.sanction.minutes')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        </>
      )}
      {kind === 'rectify' && (
        <>
          <Form.Item name="task" label={t('propertyCompanies.sanction.task')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          <Form.Item name="deadline" label={t('propertyCompanies.sanction.deadline')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        </>
      )}
      {kind === 'downgrade' && (
        <Space>
          <Form.Item name="serviceLevel" label={t('propertyCompanies.sanction.levelAfter')}>
            <Select allowClear style={{ width: 140 }} options={api.SERVICE_LEVELS.map((l) => ({ value: l, label: t('propertyCompanies.contract.level', { level: l }) }))} />
          </Form.Item>
          <Form.Item name="feePerM2" label={t('propertyCompanies.sanction.feeAfter')}><InputNumber min={0} max={100} step={0.05} precision={2} /></Form.Item>
        </Space>
      )}
      {kind === 'reselect' && (
        <Form.Item name="reselectTo" label={t('propertyCompanies.sanction.reselectTo')} rules={[{ required: true }]}>
          <Select options={(['new_company', 'self_run'] as const).map((k) => ({ value: k, label: t(`propertyCompanies.reselectTo.${k}`) }))} />
        </Form.Item>
      )}
      <Form.Item name="reason" label={t('propertyCompanies.sanction.reason')} rules={[{ required: true, whitespace: true, min: 2 }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      <Form.Item name="basis" label={t('propertyCompanies.sanction.basis')} extra={t('propertyCompanies.sanction.basisHint')}><Input maxLength={80} /></Form.Item>
    </FormModal>
  );
}

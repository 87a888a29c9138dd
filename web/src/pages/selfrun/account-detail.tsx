import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import { useMe } from '../../components/auth-provider.js';
import { chinaToday } from '../../services/china-time.js';
import * as api from '../../services/selfrun-account-api.js';
import type { Category, Entry } from '../../services/selfrun-account-api.js';

/** /selfrun/compounds/:id/account: the account on its own page (the compound page shows the same panel as a tab). */
export default function SelfrunAccountDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  return (
    <div>
      <PageHeader title={t('selfrunAccount.tab')} description={<Link to={`/selfrun/compounds/${id}`}>{t('selfrunAccount.toCompound')}</Link>} />
      <AccountPanel compoundId={id} />
    </div>
  );
}

/** A compound's 公共账户 in the console: ledger with running balance, record and reverse, close a month, statements, export. */
export function AccountPanel({ compoundId: id }: { compoundId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canWrite = !!me.permissions.includes('selfrun.manage');
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 50);
  const month = params.get('month') || undefined;
  const category = (params.get('category') || undefined) as Category | undefined;
  const ledger = useLoad(`${id}|${page}|${pageSize}|${month}|${category}`, () => api.getLedger('staff', id, { page, pageSize, month, category }), t('error.unknown'));
  const statements = useLoad(`st-${id}`, () => api.getStatements('staff', id), t('error.unknown'));
  const [recording, setRecording] = useState(false);
  const [reversing, setReversing] = useState<Entry | null>(null);
  const [closing, setClosing] = useState(false);
  const [form] = Form.useForm();
  const [reason, setReason] = useState('');
  const [closeMonth, setCloseMonth] = useState(dayjs(chinaToday()).subtract(1, 'month').format('YYYY-MM'));
  const reload = () => { ledger.reload(); statements.reload(); };
  const catName = (c: Category) => t(`selfrunAccount.category.${c}`);
  const cats = [...api.INCOME, ...api.EXPENSE];
  const chosen = Form.useWatch('category', form) as Category | undefined;

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api.record('staff', id, {
        category: v.category, amountFen: Math.round(Number(v.amount) * 100), day: v.day.format('YYYY-MM-DD'), summary: v.summary,
        counterparty: v.counterparty || undefined, householdId: v.householdId || undefined,
      });
      message.success(t('selfrunAccount.recorded'));
      setRecording(false);
      form.resetFields();
      reload();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };
  const doReverse = async () => {
    try {
      await api.reverse('staff', id, reversing!.id, reason);
      message.success(t('selfrunAccount.reversed'));
      setReversing(null);
      setReason('');
      reload();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };
  const doClose = async () => {
    try {
      await api.closeMonth('staff', id, closeMonth);
      message.success(t('selfrunAccount.closed', { month: closeMonth }));
      setClosing(false);
      reload();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };
  const d = ledger.data;

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button href={api.exportUrl('staff', id, month)} download>{t('selfrunAccount.export')}</Button>
        {canWrite && <Button onClick={() => setClosing(true)}>{t('selfrunAccount.closeMonth')}</Button>}
        {canWrite && <Button type="primary" onClick={() => setRecording(true)}>{t('selfrunAccount.record')}</Button>}
        <Link to={`/public/compounds/${id}/statements`} target="_blank">{t('selfrunAccount.publicLink')}</Link>
      </Space>
      {(ledger.error || statements.error) && <Alert type="error" showIcon message={ledger.error ?? statements.error} style={{ marginBottom: 12 }} />}
      {d && (
        <Alert type="info" style={{ marginBottom: 12 }} data-testid="account-balance"
          message={t('selfrunAccount.balanceLine', { balance: api.yuan(d.balanceFen), closed: d.closedThrough ?? t('selfrunAccount.none') })} />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" allowClear placeholder={t('selfrunAccount.filterMonth')} value={month ? dayjs(`${month}-01`) : null}
          onChange={(v) => update({ month: v ? v.format('YYYY-MM') : undefined, page: undefined })} />
        <Select allowClear placeholder={t('selfrunAccount.filterCategory')} style={{ width: 180 }} value={category}
          onChange={(v) => update({ category: v, page: undefined })} options={cats.map((c) => ({ value: c, label: catName(c) }))} />
      </Space>
      <Table<Entry>
        rowKey="id" size="small" loading={ledger.loading} dataSource={d?.items ?? []} aria-label={t('selfrunAccount.ledger')}
        pagination={{ current: page, pageSize, total: d?.total ?? 0, onChange: (p, s) => update({ page: String(p), pageSize: String(s) }) }}
        columns={[
          { title: t('selfrunAccount.day'), dataIndex: 'day' },
          { title: t('selfrunAccount.seq'), dataIndex: 'seq' },
          { title: t('selfrunAccount.summary'), render: (_, r) => <>{r.summary}{r.reason && <div style={{ color: '#888' }}>{t('selfrunAccount.reasonIs', { reason: r.reason })}</div>}</> },
          { title: t('selfrunAccount.categoryTitle'), render: (_, r) => catName(r.category) },
          { title: t('selfrunAccount.counterparty'), render: (_, r) => r.counterparty ?? '-' },
          { title: t('selfrunAccount.receipt'), render: (_, r) => r.photos.map((p, i) => <a key={p.id} href={p.url} target="_blank" rel="noreferrer" style={{ marginRight: 6 }}>{t('selfrunAccount.receiptN', { n: i + 1 })}</a>) },
          { title: t('selfrunAccount.income'), align: 'right', render: (_, r) => (r.kind === 'income' ? api.yuan(r.amountFen) : '') },
          { title: t('selfrunAccount.expense'), align: 'right', render: (_, r) => (r.kind === 'expense' ? api.yuan(r.amountFen) : '') },
          { title: t('selfrunAccount.balance'), align: 'right', render: (_, r) => api.yuan(r.balanceFen) },
          { title: t('selfrunAccount.by'), render: (_, r) => `${r.createdByName}${r.createdAs === 'committee' ? t('selfrunAccount.byCommittee') : ''}` },
          {
            title: '', render: (_, r) => (r.reversesId ? <Tag color="red">{t('selfrunAccount.isReversal', { seq: r.reversesId })}</Tag>
              : r.reversedBy ? <Tag>{t('selfrunAccount.wasReversed')}</Tag>
                : canWrite && <Button size="small" danger onClick={() => setReversing(r)}>{t('selfrunAccount.reverse')}</Button>),
          },
        ]}
      />
      <Card size="small" title={t('selfrunAccount.statements')} style={{ marginTop: 16 }}>
        <StatementTable items={statements.data?.items ?? []} />
      </Card>
      <Modal open={recording} title={t('selfrunAccount.record')} onCancel={() => setRecording(false)} onOk={submit} okText={t('selfrunAccount.save')} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ day: dayjs(chinaToday()) }}>
          <Form.Item name="category" label={t('selfrunAccount.categoryTitle')} rules={[{ required: true, message: t('selfrunAccount.required') }]}>
            <Select options={[
              { label: t('selfrunAccount.income'), options: api.INCOME.map((c) => ({ value: c, label: catName(c) })) },
              { label: t('selfrunAccount.expense'), options: api.EXPENSE.map((c) => ({ value: c, label: catName(c) })) },
            ]} />
          </Form.Item>
          <Form.Item name="amount" label={t('selfrunAccount.amountYuan')} rules={[{ required: true, message: t('selfrunAccount.required') }]}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="day" label={t('selfrunAccount.day')} rules={[{ required: true, message: t('selfrunAccount.required') }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="summary" label={t('selfrunAccount.summary')} rules={[{ required: true, message: t('selfrunAccount.required') }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="counterparty" label={t('selfrunAccount.counterparty')}><Input maxLength={60} /></Form.Item>
          {chosen === 'property_fee' && (
            <Form.Item name="householdId" label={t('selfrunAccount.household')}>
              <Select allowClear showSearch optionFilterProp="label" options={(d?.households ?? []).map((h) => ({ value: h.id, label: h.label }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal open={!!reversing} title={t('selfrunAccount.reverseTitle', { seq: reversing?.seq })} onCancel={() => setReversing(null)} onOk={doReverse} okText={t('selfrunAccount.reverse')}>
        <p>{reversing && `${reversing.day} ${reversing.summary} ${api.yuan(reversing.amountFen)}`}</p>
        <Input.TextArea aria-label={t('selfrunAccount.reason')} placeholder={t('selfrunAccount.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
      <Modal open={closing} title={t('selfrunAccount.closeMonth')} onCancel={() => setClosing(false)} onOk={doClose} okText={t('selfrunAccount.closeAndPublish')}>
        <p>{t('selfrunAccount.closeHint')}</p>
        <DatePicker picker="month" aria-label={t('selfrunAccount.month')} value={dayjs(`${closeMonth}-01`)} onChange={(v) => v && setCloseMonth(v.format('YYYY-MM'))} allowClear={false} />
      </Modal>
    </div>
  );
}

/** The statements' table, shared with the phone and public pages' figures. */
export function StatementTable({ items }: { items: api.Statement[] }) {
  const { t } = useTranslation();
  return (
    <Table<api.Statement>
      rowKey="id" size="small" pagination={false} dataSource={items} aria-label={t('selfrunAccount.statements')}
      expandable={{
        expandedRowRender: (s) => (
          <Space wrap>{s.byCategory.map((c) => <Tag key={c.category} color={c.kind === 'income' ? 'green' : 'orange'}>{t(`selfrunAccount.category.${c.category}`)} {api.yuan(c.amountFen)}</Tag>)}</Space>
        ),
      }}
      columns={[
        { title: t('selfrunAccount.month'), dataIndex: 'month' },
        { title: t('selfrunAccount.opening'), align: 'right', render: (_, s) => api.yuan(s.openingFen) },
        { title: t('selfrunAccount.income'), align: 'right', render: (_, s) => api.yuan(s.incomeFen) },
        { title: t('selfrunAccount.expense'), align: 'right', render: (_, s) => api.yuan(s.expenseFen) },
        { title: t('selfrunAccount.closing'), align: 'right', render: (_, s) => api.yuan(s.closingFen) },
        { title: t('selfrunAccount.collectionRate'), render: (_, s) => (s.collectionRate == null ? '-' : `${(s.collectionRate * 100).toFixed(1)}%（${s.feeHouseholds}/${s.households}）`) },
      ]}
    />
  );
}

import { useEffect, useRef, useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Drawer, Form, Image, Input, InputNumber, Select, Space, Spin, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { FormModal } from '../../components/form-modal.js';
import { errorMessage } from '../../components/form-errors.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { OrgSearchSelect } from '../../components/org-search-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { usePaged } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import * as wishes from '../../services/wishes-api.js';
import { MAX_BUDGET_YUAN, WISH_PERSON_KINDS, WISH_STATES, type Wish, type WishPersonKind, type WishState } from '../../services/wishes-api.js';

export const WISH_STATE_COLORS: Record<WishState, string> = {
  open: 'orange', claimed: 'blue', fulfilled: 'purple', confirmed: 'green', withdrawn: 'default',
};

interface PostValues {
  residentId: number;
  personKind: WishPersonKind;
  title: string;
  description?: string;
  budgetYuan: number;
  fulfilBy: Dayjs;
}

/** 微心愿: the wishes of the communities in scope — post one for a resident, confirm, withdraw; counts per community. */
export default function WishesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const [communityId, setCommunityId] = useState<number | undefined>(undefined);
  const [state, setState] = useState<WishState | undefined>(undefined);
  const [personKind, setPersonKind] = useState<WishPersonKind | undefined>(undefined);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [posting, setPosting] = useState(false);
  const [form] = Form.useForm<PostValues>();
  const openId = Number(params.get('id')) || null;
  const { data, loading, error, reload } = usePaged(
    `${communityId}|${state}|${personKind}|${q}|${page}`,
    () => wishes.listWishes({ communityId, state, personKind, q: q || undefined, page, pageSize: 20 }),
    t('error.unknown'),
  );

  const submit = async (v: PostValues) => {
    const { wish } = await wishes.postWish({
      residentId: v.residentId, personKind: v.personKind, title: v.title, description: v.description ?? '', budgetYuan: v.budgetYuan,
      fulfilBy: v.fulfilBy.format('YYYY-MM-DD'),
    });
    form.resetFields();
    reload();
    setParams({ id: String(wish.id) });
  };

  const kindOptions = WISH_PERSON_KINDS.map((k) => ({ value: k, label: t(`wishes.personKind.${k}`) }));

  return (
    <div>
      <PageHeader
        title={t('nav.wishes')}
        description={t('wishes.description')}
        extra={can('wishes.post') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setPosting(true)}>{t('wishes.post')}</Button>}
      />
      <Tabs
        items={[
          {
            key: 'list', label: t('wishes.listTab'),
            children: (
              <>
                <Space wrap className="page-alert">
                  <OrgSearchSelect kind="community" aria-label={t('wishes.community')} placeholder={t('wishes.community')} style={{ width: 220 }}
                    value={communityId} onChange={(v) => { setCommunityId(v); setPage(1); }} />
                  <Select allowClear placeholder={t('wishes.state')} aria-label={t('wishes.state')} style={{ width: 140 }} value={state}
                    options={WISH_STATES.map((s) => ({ value: s, label: t(`wishes.stateName.${s}`) }))} onChange={(v) => { setState(v); setPage(1); }} />
                  <Select allowClear placeholder={t('wishes.personKindLabel')} aria-label={t('wishes.personKindLabel')} style={{ width: 160 }} value={personKind}
                    options={kindOptions} onChange={(v) => { setPersonKind(v); setPage(1); }} />
                  <Input.Search allowClear placeholder={t('wishes.search')} aria-label={t('wishes.search')} style={{ width: 200 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
                </Space>
                {error && <Alert type="error" showIcon title={error} className="page-alert" />}
                <Table<Wish>
                  rowKey="id"
                  loading={loading}
                  dataSource={data?.items ?? []}
                  aria-label={t('wishes.listTab')}
                  pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
                  onRow={(w) => ({ onClick: () => setParams({ id: String(w.id) }), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: t('wishes.title'), dataIndex: 'title', render: (v: string) => <a>{v}</a> },
                    { title: t('wishes.person'), key: 'person', render: (_: unknown, w) => t('wishes.named', { name: w.residentName, what: t(`wishes.personKind.${w.personKind}`) }) },
                    { title: t('wishes.community'), dataIndex: 'communityName' },
                    { title: t('wishes.budget'), dataIndex: 'budgetYuan', render: (v: number) => t('wishes.yuan', { n: v }) },
                    { title: t('wishes.fulfilBy'), dataIndex: 'fulfilBy' },
                    { title: t('wishes.state'), dataIndex: 'state', render: (v: WishState) => <Tag color={WISH_STATE_COLORS[v]}>{t(`wishes.stateName.${v}`)}</Tag> },
                    { title: t('wishes.claimer'), key: 'claimer', render: (_: unknown, w) => w.claim?.claimerName ?? '-' },
                  ]}
                />
              </>
            ),
          },
          { key: 'counts', label: t('wishes.countsTab'), children: <WishCountsTable /> },
        ]}
      />
      <FormModal<PostValues> open={posting} title={t('wishes.post')} form={form} onSubmit={submit} onClose={() => setPosting(false)}
        initialValues={{ personKind: 'elderly_alone', budgetYuan: 100, fulfilBy: dayjs().add(14, 'day') }}>
        <Form.Item name="residentId" label={t('wishes.resident')} extra={t('wishes.residentHint')} rules={[{ required: true, message: t('wishes.residentRequired') }]}>
          <ResidentSelect />
        </Form.Item>
        <Form.Item name="personKind" label={t('wishes.personKindLabel')} rules={[{ required: true }]}>
          <Select options={kindOptions} aria-label={t('wishes.personKindLabel')} />
        </Form.Item>
        <Form.Item name="title" label={t('wishes.title')} rules={[{ required: true, min: 2, message: t('wishes.titleRequired') }]}>
          <Input maxLength={40} placeholder={t('wishes.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="description" label={t('wishes.descriptionLabel')} extra={t('wishes.descriptionHint')}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
        <Form.Item name="budgetYuan" label={t('wishes.budget')} extra={t('wishes.budgetHint', { n: MAX_BUDGET_YUAN })}
          rules={[{ required: true, type: 'number', min: 1, max: MAX_BUDGET_YUAN, message: t('wishes.budgetHint', { n: MAX_BUDGET_YUAN }) }]}>
          <InputNumber min={1} max={MAX_BUDGET_YUAN} precision={0} addonAfter={t('wishes.yuanUnit')} aria-label={t('wishes.budget')} />
        </Form.Item>
        <Form.Item name="fulfilBy" label={t('wishes.fulfilBy')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(90, 'day'))} aria-label={t('wishes.fulfilBy')} />
        </Form.Item>
      </FormModal>
      <WishDrawer id={openId} onClose={() => setParams({})} onChanged={reload} />
    </div>
  );
}

/** Finds a resident of the register in scope by name (or full ID / phone number). */
function ResidentSelect({ value, onChange }: { value?: number; onChange?: (v: number | undefined) => void }) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const search = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = setTimeout(() => {
      setLoading(true);
      api.listResidents({ q: q.trim(), page: 1, pageSize: 20 })
        .then((r) => setOptions(r.items.map((x) => ({ value: x.id, label: t('wishes.residentOption', { name: x.name, age: x.age, address: x.address ?? '' }) }))))
        .catch(() => setOptions([]))
        .finally(() => setLoading(false));
    }, 300);
  };
  return (
    <Select<number> value={value} onChange={(v) => onChange?.(v)} aria-label={t('wishes.resident')} showSearch={{ filterOption: false, onSearch: search }}
      placeholder={t('wishes.residentSearch')} options={options} notFoundContent={loading ? <Spin size="small" /> : null} />
  );
}

function WishCountsTable() {
  const { t } = useTranslation();
  const { data, loading, error } = useLoad('wish-counts', () => wishes.wishCounts(), t('error.unknown'));
  return (
    <>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table
        rowKey="communityId"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        aria-label={t('wishes.countsTab')}
        columns={[
          { title: t('wishes.community'), dataIndex: 'communityName' },
          ...WISH_STATES.map((s) => ({ title: t(`wishes.stateName.${s}`), dataIndex: s })),
        ]}
      />
    </>
  );
}

/** One wish: who it is for, the claim, the photos; confirm and withdraw. */
function WishDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { data: w, loading, error, reload } = useLoad(id ? `wish-${id}` : null, () => wishes.getWish(id!), t('error.unknown'));
  const [actionError, setActionError] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const done = () => { reload(); onChanged(); };

  const confirm = async () => {
    setActionError(null);
    try {
      await wishes.confirmWish(id!);
      done();
    } catch (e) {
      setActionError(errorMessage(e, t('error.unknown')));
    }
  };

  return (
    <Drawer open={id != null} onClose={onClose} size={560} title={w?.title ?? t('wishes.detail')}>
      {loading && <Spin />}
      {error && <Alert type="error" showIcon title={error} />}
      {actionError && <Alert type="error" showIcon title={actionError} className="page-alert" />}
      {w && (
        <>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('wishes.state')}><Tag color={WISH_STATE_COLORS[w.state]}>{t(`wishes.stateName.${w.state}`)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('wishes.person')}>{t('wishes.named', { name: w.residentName, what: t(`wishes.personKind.${w.personKind}`) })}</Descriptions.Item>
            <Descriptions.Item label={t('wishes.wallShows')}>{w.personMask} · {w.placeLabel}</Descriptions.Item>
            <Descriptions.Item label={t('wishes.community')}>{w.communityName}</Descriptions.Item>
            <Descriptions.Item label={t('wishes.descriptionLabel')}>{w.description || '-'}</Descriptions.Item>
            <Descriptions.Item label={t('wishes.budget')}>{t('wishes.yuan', { n: w.budgetYuan })}</Descriptions.Item>
            <Descriptions.Item label={t('wishes.fulfilBy')}>{w.fulfilBy}</Descriptions.Item>
            <Descriptions.Item label={t('wishes.postedBy')}>{w.postedByName} · {formatDateTime(w.postedAt)}</Descriptions.Item>
            {w.claim && (
              <>
                <Descriptions.Item label={t('wishes.claimer')}>
                  {t('wishes.named', { name: w.claim.claimerName, what: t(`wishes.claimerKind.${w.claim.claimerKind}`) })} · {formatDateTime(w.claim.claimedAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('wishes.claimDue')}>{formatDate(w.claim.dueAt)}</Descriptions.Item>
                {w.claim.fulfilledAt && (
                  <Descriptions.Item label={t('wishes.fulfilNote')}>
                    <div>{w.claim.fulfilNote}</div>
                    <Image.PreviewGroup>
                      <Space wrap style={{ marginTop: 8 }}>
                        {w.claim.photoIds.map((p) => <Image key={p} width={96} src={`/api/files/${p}`} alt={t('wishes.photo')} />)}
                      </Space>
                    </Image.PreviewGroup>
                  </Descriptions.Item>
                )}
              </>
            )}
            {w.confirmedAt && <Descriptions.Item label={t('wishes.confirmedAt')}>{formatDateTime(w.confirmedAt)}</Descriptions.Item>}
            {w.withdrawReason && <Descriptions.Item label={t('wishes.withdrawReason')}>{w.withdrawReason}</Descriptions.Item>}
          </Descriptions>
          {can('wishes.post') && (
            <Space style={{ marginTop: 16 }}>
              {w.state === 'fulfilled' && <Button type="primary" onClick={() => void confirm()}>{t('wishes.confirm')}</Button>}
              {(w.state === 'open' || w.state === 'claimed') && <Button danger onClick={() => setWithdrawing(true)}>{t('wishes.withdraw')}</Button>}
            </Space>
          )}
          <FormModal<{ reason: string }> open={withdrawing} title={t('wishes.withdraw')} form={form} danger onClose={() => setWithdrawing(false)}
            onSubmit={async (v) => { await wishes.withdrawWish(w.id, v.reason); form.resetFields(); done(); }}>
            <Form.Item name="reason" label={t('wishes.withdrawReason')} rules={[{ required: true, min: 2, message: t('wishes.reasonRequired') }]}>
              <Input.TextArea maxLength={200} rows={3} />
            </Form.Item>
          </FormModal>
        </>
      )}
    </Drawer>
  );
}

import { useState } from 'react';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/cobuild-projects-api.js';
import type { CobuildCategory, Match, Need, NeedStatus } from '../../services/cobuild-projects-api.js';
import { CategorySelect, NeedStatusTag, days } from './shared.js';

interface NeedValues {
  placeId: number;
  category: CobuildCategory;
  title: string;
  detail?: string;
  size: number;
  period: [Dayjs, Dayjs];
}

/** 需求清单: what the community and its compounds need; open needs show their matching resources. */
export default function CobuildNeedsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const status = (params.get('status') || undefined) as NeedStatus | undefined;
  const category = (params.get('category') || undefined) as CobuildCategory | undefined;
  const [open, setOpen] = useState(false);
  const [matchesFor, setMatchesFor] = useState<Need | null>(null);
  const [form] = Form.useForm<NeedValues>();
  const manage = can('cobuild.manage');
  const { data, loading, error, reload } = usePaged(`${page}|${orgId}|${status}|${category}`,
    () => api.listNeeds({ page, pageSize: 20, orgId, status, category }), t('error.unknown'));

  const create = async (v: NeedValues) => {
    await api.createNeed({ placeId: v.placeId, category: v.category, title: v.title, detail: v.detail, size: v.size, ...days(v.period) });
    reload();
  };
  const close = async (n: Need) => {
    try {
      await api.closeNeed(n.id);
      reload();
    } catch (e) {
      void message.error(errorMessage(e, t('error.unknown')));
    }
  };

  return (
    <div>
      <PageHeader
        title={t('nav.cobuildNeeds')}
        description={t('cobuildProjects.needs.description')}
        extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('cobuildProjects.needs.add')}</Button>}
      />
      <Space wrap className="page-alert">
        <OrgTreeSelect aria-label={t('cobuildProjects.field.org')} placeholder={t('cobuildProjects.field.org')} style={{ width: 240 }} value={orgId} onChange={(id) => update({ orgId: id, page: undefined })} />
        <Select aria-label={t('cobuildProjects.field.status')} placeholder={t('cobuildProjects.field.status')} allowClear style={{ width: 140 }} value={status}
          options={api.NEED_STATUSES.map((s) => ({ value: s, label: t(`cobuildProjects.needStatus.${s}`) }))} onChange={(v) => update({ status: v, page: undefined })} />
        <CategorySelect allowClear style={{ width: 160 }} value={category} onChange={(v) => update({ category: v, page: undefined })} />
      </Space>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<Need>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        aria-label={t('nav.cobuildNeeds')}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: (p) => update({ page: p }), showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }) }}
        columns={[
          { title: t('cobuildProjects.field.title'), dataIndex: 'title' },
          { title: t('cobuildProjects.field.category'), dataIndex: 'category', render: (c: CobuildCategory) => t(`cobuildProjects.category.${c}`) },
          { title: t('cobuildProjects.field.place'), key: 'place', render: (_, n) => (n.place.kind === 'community' ? n.communityName : `${n.communityName} · ${n.place.name}`) },
          { title: t('cobuildProjects.field.size'), dataIndex: 'size', align: 'right' },
          { title: t('cobuildProjects.field.period'), key: 'period', render: (_, n) => `${n.startsOn} ~ ${n.endsOn}` },
          { title: t('cobuildProjects.field.status'), dataIndex: 'status', render: (s: NeedStatus, n) => (
            <Space size={4}><NeedStatusTag status={s} />{n.projectId && <Link to={`/cobuild/projects/${n.projectId}`}>#{n.projectId}</Link>}</Space>
          ) },
          {
            title: t('cobuildProjects.field.actions'), key: 'actions',
            render: (_, n) => manage && n.status === 'open' && (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setMatchesFor(n)}>{t('cobuildProjects.needs.matches')}</Button>
                <Button type="link" size="small" onClick={() => navigate('/cobuild/projects', { state: { need: n } })}>{t('cobuildProjects.needs.publish')}</Button>
                <Popconfirm title={t('cobuildProjects.needs.closeConfirm')} onConfirm={() => close(n)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                  <Button type="link" size="small" danger>{t('cobuildProjects.needs.close')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <FormModal<NeedValues> open={open} title={t('cobuildProjects.needs.add')} form={form} onSubmit={create} onClose={() => setOpen(false)}>
        <Form.Item name="placeId" label={t('cobuildProjects.field.place')} rules={[{ required: true, message: t('cobuildProjects.field.required') }]}>
          <OrgTreeSelect aria-label={t('cobuildProjects.field.place')} />
        </Form.Item>
        <Form.Item name="category" label={t('cobuildProjects.field.category')} rules={[{ required: true, message: t('cobuildProjects.field.required') }]}>
          <CategorySelect />
        </Form.Item>
        <Form.Item name="title" label={t('cobuildProjects.field.title')} rules={[{ required: true, min: 2, message: t('cobuildProjects.field.required') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="detail" label={t('cobuildProjects.field.detail')}><Input.TextArea maxLength={1000} rows={3} /></Form.Item>
        <Form.Item name="size" label={t('cobuildProjects.field.size')} rules={[{ required: true, message: t('cobuildProjects.field.required') }]}>
          <InputNumber min={1} max={100000} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="period" label={t('cobuildProjects.field.period')} rules={[{ required: true, message: t('cobuildProjects.field.required') }]}>
          <DatePicker.RangePicker aria-label={t('cobuildProjects.field.period')} />
        </Form.Item>
      </FormModal>
      <Drawer open={!!matchesFor} width={720} onClose={() => setMatchesFor(null)} destroyOnHidden
        title={matchesFor ? t('cobuildProjects.matches.forNeed', { title: matchesFor.title }) : ''}>
        {matchesFor && <MatchList needId={matchesFor.id} onAccepted={() => { setMatchesFor(null); reload(); }} />}
      </Drawer>
    </div>
  );
}

/** Proposed matches (for one need, or every open need in an area), each accepted into a project. */
export function MatchList({ needId, orgId, onAccepted }: { needId?: number; orgId?: number; onAccepted?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const { data, loading, error, reload } = usePaged(`${needId}|${orgId}|${page}`, () => api.listMatches({ needId, orgId, page, pageSize: 20 }), t('error.unknown'));
  const accept = async (m: Match) => {
    try {
      const p = await api.acceptMatch(m.needId, m.resourceId);
      void message.success(t('cobuildProjects.matches.accepted', { unit: m.workUnitName }));
      onAccepted?.();
      reload();
      navigate(`/cobuild/projects/${p.id}`);
    } catch (e) {
      void message.error(errorMessage(e, t('error.unknown')));
    }
  };
  return (
    <div>
      <Alert type="info" showIcon title={t('cobuildProjects.matches.description')} className="page-alert" />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<Match>
        rowKey={(m) => `${m.needId}-${m.resourceId}`}
        loading={loading}
        dataSource={data?.items ?? []}
        aria-label={t('cobuildProjects.projects.tabMatches')}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }) }}
        columns={[
          ...(needId ? [] : [{ title: t('cobuildProjects.matches.need'), key: 'need', render: (_: unknown, m: Match) => `${m.needTitle}（${m.placeName}，${m.size}）` }]),
          { title: t('cobuildProjects.matches.resource'), key: 'resource', render: (_, m) => `${m.resourceTitle}（${m.workUnitName}，${m.capacity}）` },
          { title: t('cobuildProjects.field.available'), key: 'available', render: (_, m) => `${m.availableFrom} ~ ${m.availableTo}` },
          {
            title: t('cobuildProjects.matches.reason'), key: 'reason',
            render: (_, m) => (
              <Space size={[0, 4]} wrap>
                {m.reasons.map((r) => <Tag key={r} color="green">{t(`cobuildProjects.reason.${r}`)}</Tag>)}
                <Tag>{t('cobuildProjects.matches.overlap', { days: m.overlapDays })}</Tag>
              </Space>
            ),
          },
          { title: t('cobuildProjects.field.actions'), key: 'a', render: (_, m) => <Button size="small" type="primary" onClick={() => accept(m)}>{t('cobuildProjects.matches.accept')}</Button> },
        ]}
      />
    </div>
  );
}

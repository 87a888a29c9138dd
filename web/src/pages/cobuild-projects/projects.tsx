import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgSearchSelect } from '../../components/org-search-select.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/cobuild-projects-api.js';
import type { CobuildCategory, Need, Project, ProjectOrigin, ProjectStatus } from '../../services/cobuild-projects-api.js';
import { MatchList } from './needs.js';
import { CategorySelect, ProjectStatusTag, days } from './shared.js';

interface ProjectValues {
  communityId: number;
  category: CobuildCategory;
  title: string;
  detail?: string;
  size?: number;
  period: [Dayjs, Dayjs];
  workUnitId?: number;
  needId?: number;
}

const ASSIGNERS = ['street_admin', 'county_admin'];

/** 项目清单 with the matching proposals: publish (揭榜), assign (街道), withdraw; a row opens the project. */
export default function CobuildProjectsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const { params, update } = useUrlState();
  const tab = params.get('tab') === 'matches' ? 'matches' : 'list';
  const page = readInt(params, 'page', 1);
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const status = (params.get('status') || undefined) as ProjectStatus | undefined;
  const category = (params.get('category') || undefined) as CobuildCategory | undefined;
  const origin = (params.get('origin') || undefined) as ProjectOrigin | undefined;
  const manage = can('cobuild.manage');
  const assigner = ASSIGNERS.includes(me.role);
  const inCommunity = me.scope.kind === 'community';
  const [open, setOpen] = useState(false);
  const [assigning, setAssigning] = useState<Project | null>(null);
  const [form] = Form.useForm<ProjectValues>();
  const { data, loading, error, reload } = usePaged(`${page}|${orgId}|${status}|${category}|${origin}`,
    () => api.listProjects({ page, pageSize: 20, orgId, status, category, origin }), t('error.unknown'));

  // 需求清单's "发布揭榜" arrives with the need: the form opens filled in from it.
  const fromNeed = (location.state as { need?: Need } | null)?.need;
  useEffect(() => {
    if (!fromNeed) return;
    form.setFieldsValue({
      needId: fromNeed.id, communityId: fromNeed.communityId, category: fromNeed.category, title: fromNeed.title, detail: fromNeed.detail,
      size: fromNeed.size, period: [dayjs(fromNeed.startsOn), dayjs(fromNeed.endsOn)],
    });
    setOpen(true);
    navigate(location.pathname + location.search, { replace: true, state: null });
  }, [fromNeed, form, navigate, location.pathname, location.search]);

  const create = async (v: ProjectValues) => {
    const p = await api.createProject({
      communityId: v.communityId, category: v.category, title: v.title, detail: v.detail, size: v.size ?? undefined, ...days(v.period),
      workUnitId: v.workUnitId, needId: v.needId,
    });
    reload();
    navigate(`/cobuild/projects/${p.id}`);
  };
  const withdraw = async (p: Project) => {
    try {
      await api.withdrawProject(p.id);
      reload();
    } catch (e) {
      void message.error(errorMessage(e, t('error.unknown')));
    }
  };

  const list = (
    <>
      <Space wrap className="page-alert">
        <OrgTreeSelect aria-label={t('cobuildProjects.field.org')} placeholder={t('cobuildProjects.field.org')} style={{ width: 240 }} value={orgId} onChange={(id) => update({ orgId: id, page: undefined })} />
        <Select aria-label={t('cobuildProjects.field.status')} placeholder={t('cobuildProjects.field.status')} allowClear style={{ width: 140 }} value={status}
          options={api.PROJECT_STATUSES.map((s) => ({ value: s, label: t(`cobuildProjects.status.${s}`) }))} onChange={(v) => update({ status: v, page: undefined })} />
        <CategorySelect allowClear style={{ width: 160 }} value={category} onChange={(v) => update({ category: v, page: undefined })} />
        <Select aria-label={t('cobuildProjects.field.origin')} placeholder={t('cobuildProjects.field.origin')} allowClear style={{ width: 140 }} value={origin}
          options={(['published', 'assigned', 'matched'] as const).map((o) => ({ value: o, label: t(`cobuildProjects.origin.${o}`) }))} onChange={(v) => update({ origin: v, page: undefined })} />
      </Space>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <ProjectTable data={data} loading={loading} page={page} onPage={(p) => update({ page: p })}
        actions={(p) => manage && p.status === 'published' && (
          <Space size={0}>
            {assigner && <Button type="link" size="small" onClick={() => setAssigning(p)}>{t('cobuildProjects.projects.assign')}</Button>}
            <Popconfirm title={t('cobuildProjects.projects.withdrawConfirm')} onConfirm={() => withdraw(p)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
              <Button type="link" size="small" danger>{t('cobuildProjects.projects.withdraw')}</Button>
            </Popconfirm>
          </Space>
        )}
      />
    </>
  );

  return (
    <div>
      <PageHeader
        title={t('nav.cobuildProjects')}
        description={t('cobuildProjects.projects.description')}
        extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('cobuildProjects.projects.publish')}</Button>}
      />
      {manage ? (
        <Tabs activeKey={tab} onChange={(k) => update({ tab: k === 'matches' ? 'matches' : undefined, page: undefined })}
          items={[
            { key: 'list', label: t('cobuildProjects.projects.tabList'), children: list },
            { key: 'matches', label: t('cobuildProjects.projects.tabMatches'), children: <MatchList orgId={orgId} /> },
          ]}
        />
      ) : list}
      <FormModal<ProjectValues> open={open} title={t('cobuildProjects.projects.publish')} form={form} onSubmit={create} onClose={() => setOpen(false)}
        initialValues={{ communityId: inCommunity ? me.scope.orgId : undefined }}>
        <Form.Item name="needId" hidden><InputNumber /></Form.Item>
        {inCommunity ? <Form.Item name="communityId" hidden><InputNumber /></Form.Item> : (
          <Form.Item name="communityId" label={t('cobuildProjects.field.community')} rules={[{ required: true, message: t('cobuildProjects.field.required') }]}>
            <OrgSearchSelect kind="community" aria-label={t('cobuildProjects.field.community')} />
          </Form.Item>
        )}
        <Form.Item name="category" label={t('cobuildProjects.field.category')} rules={[{ required: true, message: t('cobuildProjects.field.required') }]}><CategorySelect /></Form.Item>
        <Form.Item name="title" label={t('cobuildProjects.field.title')} rules={[{ required: true, min: 2, message: t('cobuildProjects.field.required') }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="detail" label={t('cobuildProjects.field.detail')}><Input.TextArea maxLength={1000} rows={3} /></Form.Item>
        <Form.Item name="size" label={t('cobuildProjects.field.size')}><InputNumber min={1} max={100000} style={{ width: 160 }} /></Form.Item>
        <Form.Item name="period" label={t('cobuildProjects.field.period')} rules={[{ required: true, message: t('cobuildProjects.field.required') }]}>
          <DatePicker.RangePicker aria-label={t('cobuildProjects.field.period')} />
        </Form.Item>
        {assigner && <Form.Item name="workUnitId" label={t('cobuildProjects.projects.assignTo')}><UnitSelect /></Form.Item>}
      </FormModal>
      <AssignModal project={assigning} onClose={() => setAssigning(null)} onDone={reload} />
    </div>
  );
}

function UnitSelect(props: { value?: number; onChange?: (v: number | undefined) => void }) {
  const { t } = useTranslation();
  const units = useLoad('units', () => api.unitOptions(), t('error.unknown'));
  return <Select aria-label={t('cobuildProjects.field.unit')} allowClear showSearch optionFilterProp="label" {...props}
    options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />;
}

function AssignModal({ project, onClose, onDone }: { project: Project | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [err, setErr] = useState<string | null>(null);
  const ok = async () => {
    if (!project || !unitId) return;
    try {
      await api.assignProject(project.id, unitId);
      onDone();
      onClose();
    } catch (e) {
      setErr(errorMessage(e, t('error.unknown')));
    }
  };
  return (
    <Modal open={!!project} title={`${t('cobuildProjects.projects.assign')}：${project?.title ?? ''}`} onOk={() => void ok()} onCancel={onClose} destroyOnHidden
      okText={t('cobuildProjects.projects.assign')} cancelText={t('common.cancel')} okButtonProps={{ disabled: !unitId }}>
      {err && <Alert type="error" showIcon title={err} className="page-alert" />}
      <UnitSelect value={unitId} onChange={setUnitId} />
    </Modal>
  );
}

/** Projects in a table, each title opening the project. */
export function ProjectTable({ data, loading, page, onPage, actions }: {
  data: { items: Project[]; total: number } | null; loading: boolean; page: number; onPage: (p: number) => void;
  actions?: (p: Project) => React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Table<Project>
      rowKey="id"
      loading={loading}
      dataSource={data?.items ?? []}
      aria-label={t('nav.cobuildProjects')}
      pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: onPage, showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }) }}
      columns={[
        { title: t('cobuildProjects.field.title'), dataIndex: 'title', render: (v: string, p) => <Link to={`/cobuild/projects/${p.id}`}>{v}</Link> },
        { title: t('cobuildProjects.field.community'), dataIndex: 'communityName' },
        { title: t('cobuildProjects.field.category'), dataIndex: 'category', render: (c: CobuildCategory) => t(`cobuildProjects.category.${c}`) },
        { title: t('cobuildProjects.field.origin'), dataIndex: 'origin', render: (o: ProjectOrigin) => t(`cobuildProjects.origin.${o}`) },
        { title: t('cobuildProjects.field.unit'), dataIndex: 'workUnitName', render: (v: string | null) => v ?? t('cobuildProjects.projects.noUnit') },
        { title: t('cobuildProjects.field.period'), key: 'period', render: (_, p) => `${p.startsOn} ~ ${p.endsOn}` },
        { title: t('cobuildProjects.field.progress'), key: 'progress', render: (_, p) => `${p.milestonesDone}/${p.milestones}` },
        { title: t('cobuildProjects.field.status'), dataIndex: 'status', render: (s: ProjectStatus) => <ProjectStatusTag status={s} /> },
        ...(actions ? [{ title: t('cobuildProjects.field.actions'), key: 'actions', render: (_: unknown, p: Project) => actions(p) }] : []),
      ]}
    />
  );
}

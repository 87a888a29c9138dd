import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import { EChart } from '../../components/echart.js';
import { applyServerErrors, errorMessage } from '../../components/form-errors.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { roleLabel } from '../../components/labels.js';
import { PageHeader } from '../../components/page-header.js';
import { PAGE_SIZES, usePaged } from '../../components/use-paged.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/api.js';
import * as gt from '../../services/gridtasks-api.js';
import type { TaskStatus, TaskType } from '../../services/gridtasks-api.js';

/** Roles that push tasks down to grids (the server's rule; grid workers receive, they do not send). */
const PUSH_ROLES = ['county_admin', 'street_admin', 'community_secretary', 'community_worker', 'department'];

/**
 * 网格事项: the county keeps its admission list (准入清单) and watches refused pushes; community
 * staff push listed tasks to their grids and follow them until the grid worker completes them.
 */
export default function GridTasksPage() {
  const { t } = useTranslation();
  const me = useMe();
  const countyAdmin = me.role === 'county_admin' && me.scope.kind === 'county';
  const canPush = PUSH_ROLES.includes(me.role);
  const loadedTypes = useLoad('task-types', () => gt.listTaskTypes(), t('error.unknown'));
  const types = loadedTypes.data?.items ?? null;
  const typesError = loadedTypes.error;
  const setTypes = (items: TaskType[]) => loadedTypes.setData({ items });

  const items = [
    { key: 'tasks', label: t('gridtasks.tabTasks'), children: <TasksTab types={types ?? []} canPush={canPush} /> },
    { key: 'list', label: t('gridtasks.tabList'), children: <ListTab types={types} error={typesError} editable={countyAdmin} countyId={me.scope.orgId} onChange={setTypes} /> },
    { key: 'refusals', label: t('gridtasks.tabRefusals'), children: <RefusalsTab /> },
  ];
  return (
    <div>
      <PageHeader title={t('gridtasks.title')} description={t('gridtasks.description')} />
      <Tabs defaultActiveKey={countyAdmin ? 'list' : 'tasks'} items={items} destroyOnHidden />
    </div>
  );
}

function ListTab({ types, error, editable, countyId, onChange }: {
  types: TaskType[] | null; error: string | null; editable: boolean; countyId: number; onChange: (t: TaskType[]) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<TaskType | null>(null);
  const [busy, setBusy] = useState(false);
  const replace = (x: TaskType) => onChange((types ?? []).map((y) => (y.id === x.id ? x : y)));

  const adopt = async () => {
    setBusy(true);
    try {
      const r = await gt.adoptDefaultTaskTypes(countyId);
      onChange(r.items);
      message.success(t('gridtasks.adopted', { count: r.added }));
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };
  const toggle = async (x: TaskType, active: boolean) => {
    try {
      replace(await gt.updateTaskType(x.id, { active }));
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };

  return (
    <Card
      title={t('gridtasks.listTitle')}
      extra={editable && (
        <Space>
          <Button loading={busy} onClick={() => void adopt()}>{t('gridtasks.adoptDefaults')}</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('gridtasks.addType')}</Button>
        </Space>
      )}
    >
      {!editable && <Alert type="info" showIcon className="page-alert" title={t('gridtasks.listReadOnly')} />}
      {error && <Alert type="error" showIcon className="page-alert" title={error} />}
      <Table<TaskType>
        rowKey="id"
        loading={!types && !error}
        dataSource={types ?? []}
        pagination={false}
        aria-label={t('gridtasks.listTitle')}
        columns={[
          { title: t('gridtasks.code'), dataIndex: 'code' },
          { title: t('gridtasks.name'), dataIndex: 'name' },
          { title: t('gridtasks.sourceDepartment'), dataIndex: 'sourceDepartment', render: (v: string | null) => v ?? '-' },
          { title: t('gridtasks.typeDescription'), dataIndex: 'description' },
          {
            title: t('gridtasks.active'), dataIndex: 'active',
            render: (v: boolean, x) => editable
              ? <Switch checked={v} aria-label={t('gridtasks.activeOf', { name: x.name })} onChange={(on) => void toggle(x, on)} />
              : <Tag color={v ? 'green' : 'default'}>{v ? t('gridtasks.on') : t('gridtasks.off')}</Tag>,
          },
          ...(editable ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, x: TaskType) => <Button type="link" onClick={() => setEditing(x)}>{t('gridtasks.edit')}</Button> }] : []),
        ]}
      />
      <TypeModal
        open={adding || !!editing}
        type={editing}
        onClose={() => { setAdding(false); setEditing(null); }}
        onSave={async (v) => {
          if (editing) replace(await gt.updateTaskType(editing.id, { name: v.name, description: v.description ?? '', sourceDepartment: v.sourceDepartment || null }));
          else onChange([...(types ?? []), await gt.createTaskType({ countyId, code: v.code, name: v.name, description: v.description ?? '', sourceDepartment: v.sourceDepartment || null })]);
          setAdding(false);
          setEditing(null);
        }}
      />
    </Card>
  );
}

interface TypeForm { code: string; name: string; description?: string; sourceDepartment?: string }

function TypeModal({ open, type, onClose, onSave }: { open: boolean; type: TaskType | null; onClose: () => void; onSave: (v: TypeForm) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TypeForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (type) form.setFieldsValue({ code: type.code, name: type.name, description: type.description, sourceDepartment: type.sourceDepartment ?? '' });
  }, [open, type]);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await onSave(v);
    } catch (e) {
      setError(applyServerErrors(form, e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={type ? t('gridtasks.editType') : t('gridtasks.addType')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('common.save')} forceRender>
      {error && <Alert type="error" showIcon className="modal-alert" title={error} />}
      <Form form={form} layout="vertical">
        <Form.Item name="code" label={t('gridtasks.code')} extra={t('gridtasks.codeHint')} rules={[{ required: true, pattern: /^[a-z0-9_]{2,40}$/, message: t('gridtasks.codeHint') }]}>
          <Input disabled={!!type} />
        </Form.Item>
        <Form.Item name="name" label={t('gridtasks.name')} rules={[{ required: true, max: 40, message: t('gridtasks.nameRequired') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="sourceDepartment" label={t('gridtasks.sourceDepartment')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="description" label={t('gridtasks.typeDescription')}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TasksTab({ types, canPush }: { types: TaskType[]; canPush: boolean }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<TaskStatus | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [pushing, setPushing] = useState(false);
  const { data, loading, error, reload } = usePaged(`${status}|${page}|${pageSize}`, () => gt.listGridTasks({ status, page, pageSize }), t('error.unknown'));
  return (
    <Card
      title={t('gridtasks.tasksTitle')}
      extra={(
        <Space>
          <Select<TaskStatus | undefined>
            allowClear
            placeholder={t('gridtasks.status')}
            aria-label={t('gridtasks.status')}
            style={{ width: 140 }}
            value={status}
            onChange={(v) => { setStatus(v); setPage(1); }}
            options={(['open', 'done'] as const).map((s) => ({ value: s, label: t(`gridtasks.statusOf.${s}`) }))}
          />
          {canPush && <Button type="primary" icon={<PlusOutlined />} onClick={() => setPushing(true)}>{t('gridtasks.push')}</Button>}
        </Space>
      )}
    >
      {error && <Alert type="error" showIcon className="page-alert" title={error} />}
      <Table
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        aria-label={t('gridtasks.tasksTitle')}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true, onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        columns={[
          { title: t('gridtasks.taskTitle'), dataIndex: 'title' },
          { title: t('gridtasks.type'), dataIndex: 'typeName' },
          { title: t('gridtasks.grid'), dataIndex: 'gridName' },
          { title: t('gridtasks.assignedBy'), dataIndex: 'assignedBy', render: (v: string, x) => (x.fromDepartment ? `${v}（${x.fromDepartment}）` : v) },
          { title: t('gridtasks.dueOn'), dataIndex: 'dueOn', render: (v: string | null) => formatDate(v) },
          { title: t('gridtasks.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: t('gridtasks.status'), dataIndex: 'status', render: (v: TaskStatus) => <Tag color={v === 'done' ? 'green' : 'blue'}>{t(`gridtasks.statusOf.${v}`)}</Tag> },
          { title: t('gridtasks.doneNote'), dataIndex: 'doneNote', render: (v: string | null, x) => (v ? `${v}（${formatDateTime(x.doneAt)}）` : '-') },
        ]}
      />
      <PushModal open={pushing} types={types.filter((x) => x.active)} onClose={() => setPushing(false)} onPushed={() => { setPushing(false); reload(); }} />
    </Card>
  );
}

interface PushForm { typeCode: string; title: string; gridIds: number[]; detail?: string; dueOn?: Dayjs }

function PushModal({ open, types, onClose, onPushed }: { open: boolean; types: TaskType[]; onClose: () => void; onPushed: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<PushForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [grids, setGrids] = useState<{ value: number; label: string }[]>([]);
  const ownGrids = me.scope.kind === 'community' || me.scope.kind === 'grid';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (me.scope.kind === 'grid') setGrids([{ value: me.scope.orgId, label: me.scope.name }]);
    else if (me.scope.kind === 'community') {
      void api.listOrgChildren(me.scope.orgId, 1, 200).then((r) => setGrids(r.items.filter((u) => u.kind === 'grid' && !u.dissolvedAt).map((u) => ({ value: u.id, label: u.name }))));
    }
  }, [open]);

  const search = (q: string) => {
    if (ownGrids || !q.trim()) return;
    void api.searchOrgUnits(q.trim(), 'grid', 20).then((r) => setGrids(r.items.map((u) => ({ value: u.id, label: u.name }))));
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    const done: number[] = [];
    try {
      for (const gridId of v.gridIds) {
        await gt.pushGridTask({ gridId, typeCode: v.typeCode, title: v.title, detail: v.detail ?? '', dueOn: v.dueOn?.format('YYYY-MM-DD') });
        done.push(gridId);
      }
      message.success(t('gridtasks.pushed', { count: done.length }));
      onPushed();
    } catch (e) {
      // Grids already pushed to stay pushed; the form keeps only the rest.
      if (done.length) form.setFieldValue('gridIds', v.gridIds.filter((g) => !done.includes(g)));
      setError(applyServerErrors(form, e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('gridtasks.push')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('gridtasks.pushOk')} forceRender>
      {error && <Alert type="error" showIcon title={error} className="modal-alert" role="alert" />}
      <Form form={form} layout="vertical">
        <Form.Item name="typeCode" label={t('gridtasks.type')} extra={t('gridtasks.typeHint')} rules={[{ required: true, message: t('gridtasks.typeRequired') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={types.map((x) => ({ value: x.code, label: x.name }))}
            onChange={(code: string) => { if (!form.getFieldValue('title')) form.setFieldValue('title', types.find((x) => x.code === code)?.name); }}
          />
        </Form.Item>
        <Form.Item name="title" label={t('gridtasks.taskTitle')} rules={[{ required: true, max: 80, message: t('gridtasks.titleRequired') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="gridIds" label={t('gridtasks.grids')} rules={[{ required: true, message: t('gridtasks.gridsRequired') }]}>
          <Select mode="multiple" options={grids} showSearch filterOption={ownGrids ? (q, o) => String(o?.label ?? '').includes(q) : false} onSearch={search} />
        </Form.Item>
        <Form.Item name="detail" label={t('gridtasks.detail')}>
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('gridtasks.dueOn')}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RefusalsTab() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const { data: stats, error } = useLoad(`${from}|${to}`, () => gt.refusalStats({ from, to }), t('error.unknown'));
  const top = useMemo(() => (stats?.byTitle ?? []).slice(0, 15).reverse(), [stats]);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} aria-label={t('gridtasks.period')} />
        <span data-testid="refusals-total">{t('gridtasks.refusalTotal', { count: stats?.total ?? 0 })}</span>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('gridtasks.byCaller')}>
            <Table
              rowKey={(r) => `${r.accountId}|${r.fromDepartment ?? ''}`}
              dataSource={stats?.byCaller ?? []}
              loading={!stats && !error}
              pagination={false}
              aria-label={t('gridtasks.byCaller')}
              columns={[
                { title: t('gridtasks.caller'), dataIndex: 'displayName', render: (v: string, r) => `${v}（${r.username}）` },
                { title: t('gridtasks.callerRole'), dataIndex: 'role', render: (v: string) => roleLabel(t, v) },
                { title: t('gridtasks.sourceDepartment'), dataIndex: 'fromDepartment', render: (v: string | null) => v ?? '-' },
                { title: t('gridtasks.refusals'), dataIndex: 'count' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('gridtasks.byTitle')}>
            {top.length > 0 && (
              <EChart
                height={Math.max(160, top.length * 28 + 40)}
                ariaLabel={t('gridtasks.byTitleChart')}
                option={{
                  grid: { left: 120, right: 24, top: 8, bottom: 24 },
                  tooltip: {},
                  xAxis: { type: 'value', minInterval: 1 },
                  yAxis: { type: 'category', data: top.map((r) => r.title) },
                  series: [{ type: 'bar', name: t('gridtasks.refusals'), data: top.map((r) => r.count), itemStyle: { color: '#c8161d' } }],
                }}
              />
            )}
            <Table
              rowKey="title"
              dataSource={stats?.byTitle ?? []}
              loading={!stats && !error}
              pagination={false}
              aria-label={t('gridtasks.byTitle')}
              columns={[
                { title: t('gridtasks.requestedTitle'), dataIndex: 'title' },
                { title: t('gridtasks.refusals'), dataIndex: 'count' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

import { Alert, Button, Card, DatePicker, Form, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../components/format.js';
import { KNOWN_AUDIT_ACTIONS, KNOWN_AUDIT_ENTITIES, auditActionLabel, auditEntityLabel, roleLabel } from '../../components/labels.js';
import { PageHeader } from '../../components/page-header.js';
import { PAGE_SIZES, readInt, usePaged } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import type { AuditEntry } from '../../services/types.js';

interface Filters {
  action?: string;
  entity?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="json-block">
      <Typography.Text strong>{label}</Typography.Text>
      {value == null ? (
        <Typography.Paragraph type="secondary">-</Typography.Paragraph>
      ) : (
        <pre>{JSON.stringify(value, null, 2)}</pre>
      )}
    </div>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Filters>();
  const action = params.get('action') ?? undefined;
  const entity = params.get('entity') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);

  const { data, loading, error } = usePaged(
    `${action}|${entity}|${from}|${to}|${page}|${pageSize}`,
    () => api.listAudit({ action, entity, from, to, page, pageSize }),
    t('error.unknown'),
  );

  const apply = (v: Filters) => {
    const next = new URLSearchParams();
    if (v.action) next.set('action', v.action);
    if (v.entity) next.set('entity', v.entity);
    if (v.range?.[0]) next.set('from', v.range[0].format('YYYY-MM-DD'));
    if (v.range?.[1]) next.set('to', v.range[1].format('YYYY-MM-DD'));
    setParams(next);
  };

  return (
    <div>
      <PageHeader title={t('nav.audit')} description={t('audit.description')} />
      <Card>
        <Form<Filters>
          form={form}
          layout="inline"
          className="toolbar"
          initialValues={{ action, entity, range: from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null }}
          onFinish={apply}
        >
          <Form.Item name="action" label={t('audit.filter.action')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 200 }}
              placeholder={t('audit.filter.all')}
              options={KNOWN_AUDIT_ACTIONS.map((a) => ({ value: a, label: auditActionLabel(t, a) }))}
            />
          </Form.Item>
          <Form.Item name="entity" label={t('audit.filter.entity')}>
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('audit.filter.all')}
              options={KNOWN_AUDIT_ENTITIES.map((e) => ({ value: e, label: auditEntityLabel(t, e) }))}
            />
          </Form.Item>
          <Form.Item name="range" label={t('audit.filter.range')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">{t('common.search')}</Button>
              <Button
                onClick={() => {
                  form.setFieldsValue({ action: undefined, entity: undefined, range: null });
                  setParams({});
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} className="page-alert" />}
        <Table<AuditEntry>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('audit.empty') }}
          scroll={{ x: 960 }}
          expandable={{
            rowExpandable: (r) => r.before != null || r.after != null,
            expandedRowRender: (r) => (
              <div className="json-pair">
                <JsonBlock label={t('audit.before')} value={r.before} />
                <JsonBlock label={t('audit.after')} value={r.after} />
              </div>
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { count: n }),
          }}
          onChange={(p) =>
            setParams((prev) => {
              const next = new URLSearchParams(prev);
              if (p.current && p.current > 1) next.set('page', String(p.current));
              else next.delete('page');
              if (p.pageSize && p.pageSize !== 20) next.set('pageSize', String(p.pageSize));
              else next.delete('pageSize');
              return next;
            })
          }
          columns={[
            { title: t('audit.col.at'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
            {
              title: t('audit.col.who'),
              key: 'who',
              width: 200,
              render: (_, r) => (
                <Space size={4} wrap>
                  <span>{r.username ?? t('audit.system')}</span>
                  {r.role && <Tag>{roleLabel(t, r.role)}</Tag>}
                </Space>
              ),
            },
            {
              title: t('audit.col.action'),
              dataIndex: 'action',
              width: 170,
              render: (a: string) => <Tag color={a === 'pii.reveal' ? 'red' : 'blue'}>{auditActionLabel(t, a)}</Tag>,
            },
            {
              title: t('audit.col.entity'),
              key: 'entity',
              width: 160,
              render: (_, r) => `${auditEntityLabel(t, r.entity)}${r.entityId ? ` #${r.entityId}` : ''}`,
            },
            { title: t('audit.col.reason'), dataIndex: 'reason', ellipsis: true, render: (v: string | null) => v ?? '-' },
          ]}
        />
      </Card>
    </div>
  );
}

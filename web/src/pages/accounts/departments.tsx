import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/api.js';
import * as accountsApi from '../../services/accounts-api.js';
import type { Department } from '../../services/types.js';

/**
 * The departments a whistle (街乡吹哨) can go to, kept by the county or city: each one then gets
 * accounts on the accounts tab, linked to it, which see its inbox and 报到.
 */
const PAGE_SIZE = 20;

export function DepartmentsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, loading, error, reload: load } = useLoad('departments', () => api.listDepartments(), t('error.unknown'));
  const items = data?.items ?? [];
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ name: string; orgId: number }>();
  // The list is by name: a department just added opens its page, marked, wherever the name sorts.
  const [page, setPage] = useState(1);
  const [added, setAdded] = useState<number | null>(null);
  useEffect(() => {
    const at = added === null ? -1 : (data?.items ?? []).findIndex((d) => d.id === added);
    if (at >= 0) setPage(Math.floor(at / PAGE_SIZE) + 1);
  }, [added, data]);


  return (
    <Card>
      <Space className="toolbar">
        <Typography.Text type="secondary">{t('accounts.departments.description')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('accounts.departments.create')}</Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<Department>
        rowKey="id"
        loading={loading}
        dataSource={items}
        pagination={{ pageSize: PAGE_SIZE, current: page, onChange: setPage, showTotal: (n) => t('common.total', { count: n }) }}
        rowClassName={(d) => (d.id === added ? 'ant-table-row-selected' : '')}
        locale={{ emptyText: t('accounts.departments.empty') }}
        columns={[{ title: t('accounts.departments.name'), dataIndex: 'name' }]}
      />
      <FormModal
        open={creating}
        title={t('accounts.departments.create')}
        form={form}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          const d = await accountsApi.createDepartment(v.name.trim(), v.orgId);
          message.success(t('accounts.departments.created', { name: d.name }));
          setAdded(d.id);
          load();
        }}
      >
        <Form.Item name="name" label={t('accounts.departments.name')} rules={[{ required: true, min: 2, max: 40, message: t('accounts.departments.nameRule') }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="orgId" label={t('accounts.departments.org')} extra={t('accounts.departments.orgHint')} rules={[{ required: true, message: t('accounts.form.placeRequired') }]}>
          <OrgTreeSelect aria-label={t('accounts.departments.org')} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { FormModal } from '../../components/form-modal.js';
import { formatDateTime } from '../../components/format.js';
import { roleLabel } from '../../components/labels.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { PAGE_SIZES, readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as accountsApi from '../../services/accounts-api.js';
import { ACCOUNT_STATUSES, LINK_FOR_ROLE, type AccountStatus, type LinkKind } from '../../services/accounts-api.js';
import type { Account, Role } from '../../services/types.js';
import { DepartmentsTab } from './departments.js';
import { LinkPicker } from './link-picker.js';

/** Roles an admin may hand out: only below its own (the server's ROLE_RANK). */
const ROLE_RANK: Record<Role, number> = {
  city_admin: 0, county_admin: 1, street_admin: 2, community_secretary: 3, community_worker: 4, grid_worker: 5,
  department: 4, property_company: 5, party_member: 6, resident: 6, merchant: 6, work_unit: 5, volunteer_org: 5, gig_worker: 6,
};
const ROLES = Object.keys(ROLE_RANK) as Role[];

export default function AccountsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { params, update } = useUrlState();
  return (
    <div>
      <PageHeader title={t('nav.accounts')} description={t('accounts.description')} />
      <Tabs
        activeKey={params.get('tab') === 'departments' && can('departments.manage') ? 'departments' : 'accounts'}
        // Each tab keeps its own filters: switching starts clean.
        onChange={(k) => update({ tab: k === 'departments' ? k : undefined, q: undefined, role: undefined, orgId: undefined, status: undefined, page: undefined, pageSize: undefined })}
        items={[
          { key: 'accounts', label: t('accounts.tab.accounts'), children: <AccountsTab /> },
          ...(can('departments.manage') ? [{ key: 'departments', label: t('accounts.tab.departments'), children: <DepartmentsTab /> }] : []),
        ]}
      />
    </div>
  );
}

interface Filters {
  q?: string;
  role?: Role;
  orgId?: number;
  status?: AccountStatus;
}

function AccountsTab() {
  const { t } = useTranslation();
  const me = useMe();
  const { message, modal } = App.useApp();
  const { params, update, reset } = useUrlState();
  const [form] = Form.useForm<Filters>();
  const q = params.get('q') ?? undefined;
  const role = (params.get('role') as Role | null) ?? undefined;
  const status = (params.get('status') as AccountStatus | null) ?? undefined;
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const { data, loading, error, reload } = usePaged(
    `${q}|${role}|${status}|${orgId}|${page}|${pageSize}`,
    () => accountsApi.listAccounts({ q, role, status, orgId, page, pageSize }),
    t('error.unknown'),
  );
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Account | null>(null);
  const [linking, setLinking] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const grantable = ROLES.filter((r) => ROLE_RANK[r] > ROLE_RANK[me.role]);

  const showTemporary = (username: string, password: string) =>
    modal.info({
      title: t('accounts.temporary.title'),
      width: 480,
      content: (
        <div>
          <Typography.Paragraph>{t('accounts.temporary.body', { username })}</Typography.Paragraph>
          <Typography.Title level={4} copyable data-testid="temporary-password">{password}</Typography.Title>
          <Typography.Text type="secondary">{t('accounts.temporary.once')}</Typography.Text>
        </div>
      ),
      okText: t('common.close'),
    });

  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      reload();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };

  return (
    <Card>
      <Form<Filters>
        form={form}
        name="accountFilter"
        layout="inline"
        className="toolbar"
        initialValues={{ q, role, orgId, status }}
        onFinish={(v) => update({ q: v.q?.trim(), role: v.role, orgId: v.orgId, status: v.status, page: undefined })}
      >
        <Form.Item name="q" label={t('accounts.filter.q')}>
          <Input allowClear placeholder={t('accounts.filter.qPlaceholder')} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="role" label={t('accounts.col.role')}>
          <Select allowClear style={{ width: 170 }} placeholder={t('accounts.filter.all')} options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
        </Form.Item>
        <Form.Item name="orgId" label={t('accounts.col.place')}>
          <OrgTreeSelect style={{ width: 220 }} aria-label={t('accounts.col.place')} />
        </Form.Item>
        <Form.Item name="status" label={t('accounts.col.status')}>
          <Select allowClear style={{ width: 140 }} placeholder={t('accounts.filter.all')}
            options={ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(`accounts.status.${s}`) }))} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">{t('common.search')}</Button>
            <Button onClick={() => { form.setFieldsValue({ q: undefined, role: undefined, orgId: undefined, status: undefined }); reset(); }}>
              {t('common.reset')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('accounts.create')}</Button>
          </Space>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<Account>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('accounts.empty') }}
        scroll={{ x: 1100 }}
        pagination={{
          current: page, pageSize, total: data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true,
          showTotal: (n) => t('common.total', { count: n }),
        }}
        onChange={(p) => update({ page: p.current && p.current > 1 ? p.current : undefined, pageSize: p.pageSize !== 20 ? p.pageSize : undefined })}
        columns={[
          { title: t('accounts.col.username'), dataIndex: 'username', width: 150 },
          { title: t('accounts.col.displayName'), dataIndex: 'displayName', width: 150 },
          { title: t('accounts.col.role'), dataIndex: 'role', width: 140, render: (r: Role) => <Tag>{roleLabel(t, r)}</Tag> },
          { title: t('accounts.col.place'), dataIndex: 'scopeName', width: 150 },
          {
            title: t('accounts.col.link'), key: 'link', width: 180,
            render: (_, a) => a.link
              ? <Space size={4}><Tag color="blue">{t(`accounts.linkKind.${a.link.kind}`)}</Tag>{a.link.label}</Space>
              : <Typography.Text type="secondary">{LINK_FOR_ROLE[a.role] ? t('accounts.notLinked') : '-'}</Typography.Text>,
          },
          {
            title: t('accounts.col.status'), key: 'status', width: 170,
            render: (_, a) => (
              <Space size={4} wrap>
                {a.disabled ? <Tag color="default">{t('accounts.status.disabled')}</Tag> : <Tag color="green">{t('accounts.status.active')}</Tag>}
                {a.lockedUntil && <Tag color="red" title={formatDateTime(a.lockedUntil)}>{t('accounts.status.locked')}</Tag>}
                {a.mustChangePassword && <Tag color="orange">{t('accounts.status.must_change')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('common.actions'), key: 'actions', fixed: 'right', width: 300,
            render: (_, a) => {
              if (ROLE_RANK[a.role] <= ROLE_RANK[me.role]) return <Typography.Text type="secondary">{t('accounts.notYours')}</Typography.Text>;
              return (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setEditing(a)}>{t('accounts.action.edit')}</Button>
                  {LINK_FOR_ROLE[a.role] && (
                    a.link
                      ? (
                        <Popconfirm title={t('accounts.confirm.unlink', { label: a.link.label })} onConfirm={() => run(() => accountsApi.unlinkAccount(a.id), t('accounts.done.unlink'))}>
                          <Button type="link" size="small">{t('accounts.action.unlink')}</Button>
                        </Popconfirm>
                      )
                      : <Button type="link" size="small" onClick={() => setLinking(a)}>{t('accounts.action.link')}</Button>
                  )}
                  {a.disabled
                    ? <Button type="link" size="small" onClick={() => run(() => accountsApi.enableAccount(a.id), t('accounts.done.enable'))}>{t('accounts.action.enable')}</Button>
                    : (
                      <Popconfirm title={t('accounts.confirm.disable', { username: a.username })} onConfirm={() => run(() => accountsApi.disableAccount(a.id), t('accounts.done.disable'))}>
                        <Button type="link" size="small" danger>{t('accounts.action.disable')}</Button>
                      </Popconfirm>
                    )}
                  {a.lockedUntil && (
                    <Button type="link" size="small" onClick={() => run(() => accountsApi.unlockAccount(a.id), t('accounts.done.unlock'))}>{t('accounts.action.unlock')}</Button>
                  )}
                  <Button type="link" size="small" onClick={() => setResetting(a)}>{t('accounts.action.reset')}</Button>
                </Space>
              );
            },
          },
        ]}
      />
      <CreateAccountModal
        open={creating}
        roles={grantable}
        onClose={() => setCreating(false)}
        onCreated={(username, temp) => {
          message.success(t('accounts.done.create', { username }));
          reload();
          if (temp) showTemporary(username, temp);
        }}
      />
      <EditAccountModal account={editing} roles={grantable} onClose={() => setEditing(null)} onSaved={reload} />
      <LinkModal account={linking} onClose={() => setLinking(null)} onSaved={reload} />
      <ResetPasswordModal
        account={resetting}
        onClose={() => setResetting(null)}
        onReset={(username, temp) => {
          message.success(t('accounts.done.reset', { username }));
          reload();
          if (temp) showTemporary(username, temp);
        }}
      />
    </Card>
  );
}

interface CreateValues {
  username: string;
  displayName: string;
  role: Role;
  scopeOrgId: number;
  linkId?: number;
  passwordMode: 'temporary' | 'typed';
  password?: string;
}

function CreateAccountModal({ open, roles, onClose, onCreated }: {
  open: boolean; roles: Role[]; onClose: () => void; onCreated: (username: string, temporaryPassword: string | null) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateValues>();
  const role = Form.useWatch('role', form);
  const scopeOrgId = Form.useWatch('scopeOrgId', form);
  const passwordMode = Form.useWatch('passwordMode', form);
  const linkKind: LinkKind | undefined = role ? LINK_FOR_ROLE[role] : undefined;
  return (
    <FormModal<CreateValues>
      open={open}
      title={t('accounts.create')}
      form={form}
      width={560}
      initialValues={{ passwordMode: 'temporary' }}
      onClose={onClose}
      onSubmit={async (v) => {
        const res = await accountsApi.createAccount({
          username: v.username.trim(), displayName: v.displayName.trim(), role: v.role, scopeOrgId: v.scopeOrgId,
          password: v.passwordMode === 'typed' ? v.password : undefined,
          link: linkKind && v.linkId ? { kind: linkKind, id: v.linkId } : undefined,
        });
        onCreated(v.username.trim(), res.temporaryPassword);
      }}
    >
      <Form.Item name="username" label={t('accounts.col.username')} extra={t('accounts.form.usernameRule')}
        rules={[{ required: true, message: t('accounts.form.usernameRequired') }, { pattern: /^[a-z][a-z0-9_.]{2,31}$/, message: t('accounts.form.usernameRule') }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t('accounts.col.displayName')} rules={[{ required: true, message: t('accounts.form.displayNameRequired') }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="role" label={t('accounts.col.role')} rules={[{ required: true, message: t('accounts.form.roleRequired') }]}>
        <Select options={roles.map((r) => ({ value: r, label: roleLabel(t, r) }))} onChange={() => form.setFieldValue('linkId', undefined)} />
      </Form.Item>
      <Form.Item name="scopeOrgId" label={t('accounts.col.place')} extra={t('accounts.form.placeHint')} rules={[{ required: true, message: t('accounts.form.placeRequired') }]}>
        <OrgTreeSelect aria-label={t('accounts.col.place')} onChange={() => form.setFieldValue('linkId', undefined)} />
      </Form.Item>
      {linkKind && (
        <Form.Item name="linkId" label={t(`accounts.linkTo.${linkKind}`)} extra={t(`accounts.linkHint.${linkKind}`)}>
          <LinkPicker kind={linkKind} orgId={scopeOrgId} />
        </Form.Item>
      )}
      <Form.Item name="passwordMode" label={t('accounts.form.password')}>
        <Radio.Group
          options={[
            { value: 'temporary', label: t('accounts.form.temporary') },
            { value: 'typed', label: t('accounts.form.typed') },
          ]}
        />
      </Form.Item>
      {passwordMode === 'typed' && (
        <Form.Item name="password" label={t('password.new')} extra={t('password.rule')}
          rules={[{ required: true, message: t('password.newRequired') }, { min: 8, message: t('password.tooShort') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Typography.Text type="secondary">{t('accounts.form.firstSignIn')}</Typography.Text>
    </FormModal>
  );
}

function EditAccountModal({ account, roles, onClose, onSaved }: { account: Account | null; roles: Role[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ displayName: string; role: Role; scopeOrgId: number }>();
  return (
    <FormModal
      open={!!account}
      title={t('accounts.editTitle', { username: account?.username ?? '' })}
      form={form}
      initialValues={account ? { displayName: account.displayName, role: account.role, scopeOrgId: account.scopeOrgId } : undefined}
      onClose={onClose}
      onSubmit={async (v) => {
        if (!account) return;
        await accountsApi.updateAccount(account.id, {
          displayName: v.displayName.trim(), role: v.role, scopeOrgId: v.scopeOrgId !== account.scopeOrgId ? v.scopeOrgId : undefined,
        });
        onSaved();
      }}
    >
      <Form.Item name="displayName" label={t('accounts.col.displayName')} rules={[{ required: true, message: t('accounts.form.displayNameRequired') }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="role" label={t('accounts.col.role')} extra={account?.link ? t('accounts.form.roleLinked') : undefined}>
        <Select options={roles.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
      </Form.Item>
      <Form.Item name="scopeOrgId" label={t('accounts.col.place')}>
        <OrgTreeSelect allowClear={false} aria-label={t('accounts.col.place')} />
      </Form.Item>
    </FormModal>
  );
}

function LinkModal({ account, onClose, onSaved }: { account: Account | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ linkId: number }>();
  const kind = account ? LINK_FOR_ROLE[account.role] : undefined;
  return (
    <FormModal
      open={!!account && !!kind}
      title={t('accounts.linkTitle', { username: account?.username ?? '' })}
      form={form}
      onClose={onClose}
      onSubmit={async (v) => {
        if (!account || !kind) return;
        await accountsApi.linkAccount(account.id, { kind, id: v.linkId });
        onSaved();
      }}
    >
      {kind && account && (
        <Form.Item name="linkId" label={t(`accounts.linkTo.${kind}`)} extra={t(`accounts.linkHint.${kind}`)} rules={[{ required: true, message: t('accounts.form.linkRequired') }]}>
          <LinkPicker kind={kind} orgId={account.scopeOrgId} />
        </Form.Item>
      )}
    </FormModal>
  );
}

function ResetPasswordModal({ account, onClose, onReset }: {
  account: Account | null; onClose: () => void; onReset: (username: string, temporaryPassword: string | null) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ mode: 'temporary' | 'typed'; password?: string }>();
  const mode = Form.useWatch('mode', form);
  return (
    <FormModal
      open={!!account}
      title={t('accounts.resetTitle', { username: account?.username ?? '' })}
      form={form}
      okText={t('accounts.action.reset')}
      initialValues={{ mode: 'temporary' }}
      onClose={onClose}
      onSubmit={async (v) => {
        if (!account) return;
        const res = await accountsApi.resetAccountPassword(account.id, v.mode === 'typed' ? v.password : undefined);
        onReset(account.username, res.temporaryPassword);
      }}
    >
      <Typography.Paragraph type="secondary">{t('accounts.resetHint')}</Typography.Paragraph>
      <Form.Item name="mode">
        <Radio.Group options={[{ value: 'temporary', label: t('accounts.form.temporary') }, { value: 'typed', label: t('accounts.form.typed') }]} />
      </Form.Item>
      {mode === 'typed' && (
        <Form.Item name="password" label={t('password.new')} extra={t('password.rule')}
          rules={[{ required: true, message: t('password.newRequired') }, { min: 8, message: t('password.tooShort') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
    </FormModal>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../components/auth-provider.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { PAGE_SIZES, readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as wf from '../../services/workforce-api.js';
import type { Staff, StaffInput, StaffPost } from '../../services/workforce-api.js';

interface FormValues {
  name: string;
  post: StaffPost;
  postType?: wf.PostType;
  grade?: number;
  orgId: number;
  phone?: string;
}

/** 社区工作者名册: staff of a community with post, 三岗十八级 grade and pay; add, edit, mark as left. */
export default function WorkforceStaffPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { params, update } = useUrlState();
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const post = (params.get('post') ?? undefined) as StaffPost | undefined;
  const includeLeft = params.get('left') === '1';
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const [editing, setEditing] = useState<Staff | 'new' | null>(null);
  const [leaving, setLeaving] = useState<Staff | null>(null);
  const [form] = Form.useForm<FormValues>();
  const [leaveForm] = Form.useForm<{ leftOn: dayjs.Dayjs }>();
  const writable = can('workforce.write');

  const { data, loading, error, reload } = usePaged(
    `${orgId}|${post}|${includeLeft}|${page}|${pageSize}`,
    () => wf.listStaff({ orgId, post, includeLeft, page, pageSize }),
    t('error.unknown'),
  );
  const chosenPost = Form.useWatch('post', form);
  const onScale = chosenPost !== 'graduate_assistant';

  const submit = async (v: FormValues) => {
    const input: StaffInput = {
      name: v.name, post: v.post, orgId: v.orgId, phone: v.phone || null,
      postType: v.post === 'graduate_assistant' ? null : (v.postType ?? null),
      grade: v.post === 'graduate_assistant' ? null : (v.grade ?? null),
    };
    if (editing === 'new') await wf.createStaff(input);
    else if (editing) await wf.updateStaff(editing.id, { ...input, phone: v.phone === undefined || v.phone === editing.phone ? undefined : v.phone || null });
    message.success(t('workforce.staff.saved'));
    reload();
  };

  const postLabel = (p: StaffPost) => t(`workforce.post.${p}`);

  return (
    <div>
      <PageHeader
        title={t('nav.workforceStaff')}
        description={t('workforce.staff.description')}
        extra={
          <Space wrap>
            <OrgTreeSelect aria-label={t('workforce.org')} placeholder={t('workforce.org')} style={{ width: 240 }} value={orgId} onChange={(id) => update({ orgId: id, page: undefined })} />
            <Select
              aria-label={t('workforce.staff.post')}
              placeholder={t('workforce.staff.post')}
              allowClear
              style={{ width: 170 }}
              value={post}
              onChange={(v) => update({ post: v, page: undefined })}
              options={wf.STAFF_POSTS.map((p) => ({ value: p, label: postLabel(p) }))}
            />
            <Space size={4}>
              <Switch aria-label={t('workforce.staff.includeLeft')} checked={includeLeft} onChange={(v) => update({ left: v ? '1' : undefined, page: undefined })} />
              {t('workforce.staff.includeLeft')}
            </Space>
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('workforce.staff.add')}
              </Button>
            )}
          </Space>
        }
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Card>
        <Table<Staff>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{
            current: page, pageSize, total: data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true,
            showTotal: (n) => t('common.total', { count: n }), onChange: (p, s) => update({ page: p, pageSize: s }),
          }}
          columns={[
            { title: t('workforce.staff.name'), dataIndex: 'name' },
            { title: t('workforce.staff.post'), dataIndex: 'post', render: (p: StaffPost) => postLabel(p) },
            { title: t('workforce.staff.postType'), dataIndex: 'postType', render: (v: wf.PostType | null) => (v ? t(`workforce.postType.${v}`) : '-') },
            { title: t('workforce.staff.grade'), dataIndex: 'grade', render: (g: number | null) => (g ? t('workforce.gradeN', { n: g }) : '-') },
            { title: t('workforce.staff.pay'), dataIndex: 'monthlyPay', align: 'right', render: (v: number | null) => (v === null ? '-' : v.toLocaleString()) },
            { title: t('workforce.staff.place'), dataIndex: 'orgName' },
            { title: t('workforce.staff.phone'), dataIndex: 'phone', render: (v: string | null) => <span className="mono">{v ?? '-'}</span> },
            {
              title: t('workforce.staff.status'), dataIndex: 'leftOn',
              render: (v: string | null) => (v ? <Tag>{t('workforce.staff.leftOn', { day: v })}</Tag> : <Tag color="green">{t('workforce.staff.active')}</Tag>),
            },
            ...(writable ? [{
              title: t('common.actions'), key: 'actions',
              render: (_: unknown, s: Staff) => (s.leftOn ? null : (
                <Space size={0}>
                  <Button type="link" size="small" aria-label={t('workforce.staff.editOf', { name: s.name })} onClick={() => setEditing(s)}>{t('workforce.staff.edit')}</Button>
                  <Button type="link" size="small" danger aria-label={t('workforce.staff.leaveOf', { name: s.name })} onClick={() => setLeaving(s)}>{t('workforce.staff.leave')}</Button>
                </Space>
              )),
            }] : []),
          ]}
        />
      </Card>
      <FormModal<FormValues>
        open={editing !== null}
        title={editing === 'new' ? t('workforce.staff.add') : t('workforce.staff.edit')}
        form={form}
        onSubmit={submit}
        onClose={() => setEditing(null)}
        initialValues={editing && editing !== 'new'
          ? { name: editing.name, post: editing.post, postType: editing.postType ?? undefined, grade: editing.grade ?? undefined, orgId: editing.orgId, phone: editing.phone ?? undefined }
          : { post: 'community_worker', postType: 'worker', grade: 1, orgId }}
      >
        <Form.Item name="name" label={t('workforce.staff.name')} rules={[{ required: true, message: t('workforce.staff.nameRequired') }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="post" label={t('workforce.staff.post')} rules={[{ required: true }]}>
          <Select options={wf.STAFF_POSTS.map((p) => ({ value: p, label: postLabel(p) }))} />
        </Form.Item>
        {onScale && (
          <Space size="large" align="start">
            <Form.Item name="postType" label={t('workforce.staff.postType')} rules={[{ required: true, message: t('workforce.staff.postTypeRequired') }]}>
              <Select style={{ width: 160 }} options={wf.POST_TYPES.map((p) => ({ value: p, label: t(`workforce.postType.${p}`) }))} />
            </Form.Item>
            <Form.Item name="grade" label={t('workforce.staff.grade')} rules={[{ required: true, message: t('workforce.staff.gradeRequired') }]}>
              <InputNumber min={1} max={wf.GRADES} precision={0} style={{ width: 120 }} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="orgId" label={t('workforce.staff.place')} extra={t('workforce.staff.placeHint')} rules={[{ required: true, message: t('workforce.staff.placeRequired') }]}>
          <OrgTreeSelect aria-label={t('workforce.staff.place')} placeholder={t('workforce.staff.place')} />
        </Form.Item>
        <Form.Item name="phone" label={t('workforce.staff.phone')} extra={editing && editing !== 'new' ? t('workforce.staff.phoneHint') : undefined}>
          <Input maxLength={11} inputMode="numeric" />
        </Form.Item>
      </FormModal>
      <FormModal<{ leftOn: dayjs.Dayjs }>
        open={leaving !== null}
        title={t('workforce.staff.leaveTitle', { name: leaving?.name ?? '' })}
        form={leaveForm}
        danger
        okText={t('workforce.staff.leave')}
        initialValues={{ leftOn: dayjs() }}
        onClose={() => setLeaving(null)}
        onSubmit={async (v) => {
          await wf.leaveStaff(leaving!.id, v.leftOn.format('YYYY-MM-DD'));
          reload();
        }}
      >
        <Form.Item name="leftOn" label={t('workforce.staff.leftOnLabel')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

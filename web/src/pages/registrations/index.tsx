import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.js';
import { formatDateTime } from '../../components/format.js';
import { OrgSearchSelect } from '../../components/org-search-select.js';
import { PageHeader } from '../../components/page-header.js';
import { PAGE_SIZES, readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import * as reg from '../../services/phone-login-api.js';
import type { Registration, RegistrationStatus, Relation } from '../../services/phone-login-api.js';
import { RELATIONS, type Household } from '../../services/types.js';

const STATUS_COLOR: Record<RegistrationStatus, string> = { pending: 'orange', confirmed: 'green', rejected: 'default' };

/**
 * 居民登记申请: residents not yet in the register apply from their phone (/m/login); the
 * community's staff put them into a household — an existing one, or a new one in a unit — or
 * say why not. Either way the applicant gets a text message.
 */
export default function RegistrationsPage() {
  const { t } = useTranslation();
  const { params, update } = useUrlState();
  const status = (reg.REGISTRATION_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? params.get('status') as RegistrationStatus : 'pending';
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const { data, loading, error, reload } = usePaged(
    `${status}|${page}|${pageSize}`, () => reg.listRegistrations({ status, page, pageSize }), t('error.unknown'),
  );
  const [confirming, setConfirming] = useState<Registration | null>(null);
  const [rejecting, setRejecting] = useState<Registration | null>(null);

  return (
    <div>
      <PageHeader title={t('registrations.title')} description={t('registrations.description')} />
      {error && <Alert type="error" showIcon className="page-alert" title={error} />}
      <Card>
        <Space className="table-toolbar">
          <Radio.Group
            optionType="button"
            value={status}
            onChange={(e) => update({ status: e.target.value === 'pending' ? undefined : e.target.value, page: undefined })}
            options={reg.REGISTRATION_STATUSES.map((s) => ({ value: s, label: t(`registrations.status.${s}`) }))}
            aria-label={t('registrations.statusFilter')}
          />
        </Space>
        <Table<Registration>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          aria-label={t('registrations.title')}
          pagination={{
            current: page, pageSize, total: data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true,
            onChange: (p, s) => update({ page: p === 1 ? undefined : p, pageSize: s === 20 ? undefined : s }),
          }}
          columns={[
            { title: t('registrations.name'), key: 'name', render: (_: unknown, r) => r.applicant.name },
            { title: t('registrations.idNumber'), key: 'idNumber', render: (_: unknown, r) => <Typography.Text code>{r.applicant.idNumber}</Typography.Text> },
            { title: t('registrations.phone'), key: 'phone', render: (_: unknown, r) => r.applicant.phone },
            { title: t('registrations.community'), dataIndex: 'communityName' },
            { title: t('registrations.address'), dataIndex: 'address' },
            { title: t('registrations.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('registrations.state'), dataIndex: 'status',
              render: (v: RegistrationStatus, r) => (
                <Space direction="vertical" size={0}>
                  <Tag color={STATUS_COLOR[v]}>{t(`registrations.status.${v}`)}</Tag>
                  {r.knownResidentId && <Typography.Text type="warning">{t('registrations.known')}</Typography.Text>}
                  {r.rejectReason && <Typography.Text type="secondary">{r.rejectReason}</Typography.Text>}
                  {r.decidedBy && <Typography.Text type="secondary">{t('registrations.decidedBy', { who: r.decidedBy, at: formatDateTime(r.decidedAt) })}</Typography.Text>}
                </Space>
              ),
            },
            {
              title: t('common.actions'), key: 'actions',
              render: (_: unknown, r) => r.status === 'pending' && (
                <Space>
                  <Button type="link" onClick={() => setConfirming(r)} aria-label={t('registrations.confirmOf', { name: r.applicant.name })}>{t('registrations.confirm')}</Button>
                  <Button type="link" danger onClick={() => setRejecting(r)} aria-label={t('registrations.rejectOf', { name: r.applicant.name })}>{t('registrations.reject')}</Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ConfirmModal request={confirming} onClose={() => setConfirming(null)} onDone={reload} />
      <RejectModal request={rejecting} onClose={() => setRejecting(null)} onDone={reload} />
    </div>
  );
}

interface ConfirmValues {
  into: 'household' | 'unit';
  householdId?: number;
  unitId?: number;
  room?: string;
  relation: Relation;
}

function ConfirmModal({ request, onClose, onDone }: { request: Registration | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConfirmValues>();
  const into = Form.useWatch('into', form);
  const known = !!request?.knownResidentId;

  return (
    <FormModal<ConfirmValues>
      open={!!request}
      title={t('registrations.confirmTitle', { name: request?.applicant.name ?? '' })}
      form={form}
      okText={t('registrations.confirmOk')}
      initialValues={{ into: 'household', relation: 'member' }}
      onClose={onClose}
      onSubmit={async (v) => {
        const input = known ? { relation: v.relation } : v.into === 'household'
          ? { householdId: v.householdId, relation: v.relation }
          : { unitId: v.unitId, room: v.room?.trim(), relation: v.relation };
        await reg.confirmRegistration(request!.id, input);
        message.success(t('registrations.confirmed', { name: request!.applicant.name }));
        onDone();
      }}
    >
      {request && (
        <Typography.Paragraph type="secondary">
          {t('registrations.applicantAddress', { community: request.communityName, address: request.address })}
        </Typography.Paragraph>
      )}
      {known ? (
        <Alert type="info" showIcon className="modal-alert" title={t('registrations.knownHint')} />
      ) : (
        <>
          <Form.Item name="into" label={t('registrations.into')}>
            <Radio.Group
              options={[
                { value: 'household', label: t('registrations.intoHousehold') },
                { value: 'unit', label: t('registrations.intoUnit') },
              ]}
            />
          </Form.Item>
          {into !== 'unit' ? (
            <Form.Item name="householdId" label={t('registrations.household')} rules={[{ required: true, message: t('registrations.householdRequired') }]}>
              <HouseholdSelect communityId={request?.communityId} aria-label={t('registrations.household')} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="unitId" label={t('registrations.unit')} rules={[{ required: true, message: t('registrations.unitRequired') }]}>
                <OrgSearchSelect kind="unit" aria-label={t('registrations.unit')} />
              </Form.Item>
              <Form.Item name="room" label={t('registrations.room')} rules={[{ required: true, whitespace: true, max: 20, message: t('registrations.roomRequired') }]}>
                <Input aria-label={t('registrations.room')} />
              </Form.Item>
            </>
          )}
          <Form.Item name="relation" label={t('registrations.relation')}>
            <Select aria-label={t('registrations.relation')} options={RELATIONS.map((r) => ({ value: r, label: t(`relation.${r}`) }))} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** Households of the applicant's community, found by address or room number. */
function HouseholdSelect({ communityId, value, onChange, ...rest }: {
  communityId?: number; value?: number; onChange?: (v: number | undefined) => void; 'aria-label'?: string;
}) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Household[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const mine = ++seq.current;
      setLoading(true);
      api.listHouseholds({ orgId: communityId, q: q.trim() || undefined, page: 1, pageSize: 20 })
        .then((r) => mine === seq.current && setItems(r.items), () => mine === seq.current && setItems([]))
        .finally(() => mine === seq.current && setLoading(false));
    }, 250);
  };
  useEffect(() => {
    search('');
    return () => clearTimeout(timer.current);
  }, [communityId]);
  return (
    <Select<number>
      aria-label={rest['aria-label']}
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: search }}
      loading={loading}
      placeholder={t('registrations.householdSearch')}
      notFoundContent={t('registrations.noHousehold')}
      options={items.map((h) => ({ value: h.id, label: t('registrations.householdOption', { address: h.address, count: h.residentCount }) }))}
    />
  );
}

function RejectModal({ request, onClose, onDone }: { request: Registration | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      open={!!request}
      title={t('registrations.rejectTitle', { name: request?.applicant.name ?? '' })}
      form={form}
      danger
      okText={t('registrations.rejectOk')}
      onClose={onClose}
      onSubmit={async (v) => {
        await reg.rejectRegistration(request!.id, v.reason.trim());
        message.success(t('registrations.rejected', { name: request!.applicant.name }));
        onDone();
      }}
    >
      <Form.Item name="reason" label={t('registrations.reason')} extra={t('registrations.reasonHint')} rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('registrations.reasonRequired') }]}>
        <Input.TextArea rows={3} aria-label={t('registrations.reason')} />
      </Form.Item>
    </FormModal>
  );
}

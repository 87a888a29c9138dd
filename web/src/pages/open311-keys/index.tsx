import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { applyServerErrors, errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as gt from '../../services/gridtasks-api.js';
import type { ApiKey } from '../../services/gridtasks-api.js';
import { DISCOVERY_PATH, open311Discovery } from '../../services/open311-api.js';

/**
 * Open311 接口密钥: a key lets an outside app (a hotline, a city app) report demands into the
 * places it covers through /open311/v2. Issued here, shown once, revoked here.
 */
export default function Open311KeysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error, reload: load } = useLoad('keys', () => gt.listApiKeys(), t('error.unknown'));
  const keys = data?.items ?? null;
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<(ApiKey & { key: string }) | null>(null);

  const revoke = async (k: ApiKey) => {
    try {
      await gt.revokeApiKey(k.id);
      message.success(t('open311Keys.revoked', { name: k.name }));
      load();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };

  return (
    <div>
      <PageHeader
        title={t('open311Keys.title')}
        description={t('open311Keys.description')}
        extra={<Button type="primary" icon={<KeyOutlined />} onClick={() => setIssuing(true)}>{t('open311Keys.issue')}</Button>}
      />
      {error && <Alert type="error" showIcon className="page-alert" title={error} />}
      <ConnectCard />
      <Card>
        <Table<ApiKey>
          rowKey="id"
          loading={!keys && !error}
          dataSource={keys ?? []}
          pagination={false}
          aria-label={t('open311Keys.title')}
          columns={[
            { title: t('open311Keys.name'), dataIndex: 'name' },
            { title: t('open311Keys.prefix'), dataIndex: 'prefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
            { title: t('open311Keys.place'), dataIndex: 'orgName' },
            { title: t('open311Keys.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            { title: t('open311Keys.state'), dataIndex: 'revoked', render: (v: boolean) => <Tag color={v ? 'default' : 'green'}>{v ? t('open311Keys.stateRevoked') : t('open311Keys.stateActive')}</Tag> },
            {
              title: t('common.actions'), key: 'actions',
              render: (_: unknown, k) => !k.revoked && (
                <Popconfirm title={t('open311Keys.revokeConfirm', { name: k.name })} okText={t('open311Keys.revoke')} cancelText={t('common.cancel')} onConfirm={() => revoke(k)}>
                  <Button danger type="link">{t('open311Keys.revoke')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <IssueModal open={issuing} onClose={() => setIssuing(false)} onIssued={(k) => { setIssuing(false); setIssued(k); void load(); }} />
      <Modal
        open={!!issued}
        title={t('open311Keys.issuedTitle')}
        onCancel={() => setIssued(null)}
        destroyOnHidden
        footer={<Button type="primary" onClick={() => setIssued(null)}>{t('open311Keys.stored')}</Button>}
      >
        <Alert type="warning" showIcon className="modal-alert" title={t('open311Keys.onceWarning')} />
        <Typography.Paragraph copyable={{ text: issued?.key }} code data-testid="issued-key">{issued?.key}</Typography.Paragraph>
      </Modal>
    </div>
  );
}

/** Where an outside client starts: the discovery document, and the endpoint it names. */
function ConnectCard() {
  const { t } = useTranslation();
  const { data, error } = useLoad('open311-discovery', () => open311Discovery(), t('open311Keys.discoveryFailed'));
  const discoveryUrl = `${window.location.origin}${DISCOVERY_PATH}`;
  const endpoint = data?.endpoints[0]?.url;
  return (
    <Card title={t('open311Keys.connectTitle')} className="rates-card" data-testid="open311-connect">
      {error && <Alert type="error" showIcon className="page-alert" title={error} />}
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('open311Keys.discoveryUrl')}>
          <Typography.Text copyable code data-testid="open311-discovery">{discoveryUrl}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('open311Keys.endpointUrl')}>
          {endpoint && <Typography.Text copyable code data-testid="open311-endpoint">{endpoint}</Typography.Text>}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('open311Keys.connectHint')}</Typography.Paragraph>
    </Card>
  );
}

function IssueModal({ open, onClose, onIssued }: { open: boolean; onClose: () => void; onIssued: (k: ApiKey & { key: string }) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; orgId: number }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open]);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      onIssued(await gt.issueApiKey(v));
    } catch (e) {
      setError(applyServerErrors(form, e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('open311Keys.issue')} okText={t('open311Keys.issueOk')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} forceRender>
      {error && <Alert type="error" showIcon className="modal-alert" title={error} />}
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('open311Keys.name')} extra={t('open311Keys.nameHint')} rules={[{ required: true, min: 2, max: 60, message: t('open311Keys.nameRequired') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="orgId" label={t('open311Keys.place')} extra={t('open311Keys.placeHint')} rules={[{ required: true, message: t('open311Keys.placeRequired') }]}>
          <OrgTreeSelect aria-label={t('open311Keys.place')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

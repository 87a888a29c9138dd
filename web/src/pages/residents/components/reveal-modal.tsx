import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../components/form-errors.js';
import * as api from '../../../services/api.js';
import type { PiiField, Resident } from '../../../services/types.js';

interface Props {
  resident: Resident;
  field: PiiField;
  onClose: () => void;
}

/**
 * Asks why, then shows one full ID number or phone number. The value lives only in this modal's
 * state and is gone when it closes; the server records the reveal with the reason.
 */
export function RevealModal({ resident, field, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldName = t(`residents.pii.${field}`);

  const reveal = async () => {
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setValue((await api.revealResidentField(resident.id, field, reason)).value);
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('residents.reveal.title', { field: fieldName, name: resident.name })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        value
          ? [<Button key="close" type="primary" onClick={onClose}>{t('common.close')}</Button>]
          : [
              <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
              <Button key="ok" type="primary" icon={<EyeOutlined />} loading={busy} onClick={() => void reveal()}>
                {t('residents.reveal.ok')}
              </Button>,
            ]
      }
    >
      {error && <Alert type="error" showIcon title={error} className="modal-alert" role="alert" />}
      <Descriptions
        size="small"
        column={1}
        className="reveal-summary"
        items={[
          { key: 'name', label: t('residents.col.name'), children: resident.name },
          {
            key: 'value',
            label: fieldName,
            children: value ? (
              <Typography.Text strong copyable className="revealed-value" data-testid="revealed-value">
                {value}
              </Typography.Text>
            ) : (
              <Typography.Text className="masked">{field === 'idNumber' ? resident.idNumber : resident.phone}</Typography.Text>
            ),
          },
        ]}
      />
      {value ? (
        <Alert type="success" showIcon title={t('residents.reveal.recorded')} />
      ) : (
        <>
          <Alert type="warning" showIcon className="modal-alert" title={t('residents.reveal.notice')} />
          <Form form={form} layout="vertical" onFinish={() => void reveal()}>
            <Form.Item
              name="reason"
              label={t('residents.reveal.reason')}
              rules={[
                { required: true, whitespace: true, message: t('residents.reveal.reasonRequired') },
                {
                  validator: (_, v: string | undefined) =>
                    !v || v.trim().length >= 4 ? Promise.resolve() : Promise.reject(new Error(t('residents.reveal.reasonTooShort'))),
                },
                { max: 200, message: t('residents.reveal.reasonTooLong') },
              ]}
            >
              <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('residents.reveal.reasonPlaceholder')} autoFocus />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

import { useState, type ReactNode } from 'react';
import { Alert, Button, Descriptions, Form, Input, Modal, Select, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  REVEAL_OTHER_MIN_CHARS, REVEAL_REASON_CODES, REVEAL_TEXT_MAX_CHARS, checkRevealReason,
} from '../../../server/platform/pii/reveal-reasons.js';
import type { RevealReasonInput } from '../services/types.js';
import { applyServerErrors } from './form-errors.js';

interface Props {
  title: string;
  /** What is being revealed (身份证号, 联系电话) and its masked form, shown until revealed. */
  valueLabel: string;
  masked: ReactNode;
  /** Rows shown above the value: whose it is. */
  facts?: { key: string; label: string; children: ReactNode }[];
  reveal: (reason: RevealReasonInput) => Promise<{ value: string }>;
  onClose: () => void;
}

/**
 * Asks why — a reason from the server's own list, and words when it is "other" — then shows one
 * full value. The value lives only in this dialog's state and is gone when it closes; the server
 * records the reveal with the reason.
 */
export function RevealDialog({ title, valueLabel, masked, facts = [], reveal, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RevealReasonInput>();
  const code = Form.useWatch('reasonCode', form);
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    let v: RevealReasonInput;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setValue((await reveal({ reasonCode: v.reasonCode, reasonText: v.reasonText?.trim() || undefined })).value);
    } catch (e) {
      setError(applyServerErrors(form, e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  const checkText = (_: unknown, text: string | undefined) => {
    const c = form.getFieldValue('reasonCode');
    if (!c) return Promise.resolve();
    const r = checkRevealReason(c, text);
    if (!('problem' in r)) return Promise.resolve();
    return Promise.reject(new Error(r.problem === 'text_too_long'
      ? t('reveal.textTooLong', { max: REVEAL_TEXT_MAX_CHARS })
      : t('reveal.otherTooShort', { min: REVEAL_OTHER_MIN_CHARS })));
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={
        value
          ? [<Button key="close" type="primary" onClick={onClose}>{t('common.close')}</Button>]
          : [
              <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
              <Button key="ok" type="primary" icon={<EyeOutlined />} loading={busy} onClick={() => void submit()}>
                {t('reveal.ok')}
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
          ...facts,
          {
            key: 'value',
            label: valueLabel,
            children: value ? (
              <Typography.Text strong copyable className="revealed-value" data-testid="revealed-value">
                {value}
              </Typography.Text>
            ) : (
              <Typography.Text className="masked">{masked}</Typography.Text>
            ),
          },
        ]}
      />
      {value ? (
        <Alert type="success" showIcon title={t('reveal.recorded')} />
      ) : (
        <>
          <Alert type="warning" showIcon className="modal-alert" title={t('reveal.notice')} />
          <Form form={form} layout="vertical" onFinish={() => void submit()}>
            <Form.Item name="reasonCode" label={t('reveal.reasonCode')} rules={[{ required: true, message: t('reveal.reasonCodeRequired') }]}>
              <Select
                placeholder={t('reveal.reasonCodePlaceholder')}
                options={REVEAL_REASON_CODES.map((c) => ({ value: c, label: t(`reveal.reasons.${c}`) }))}
                autoFocus
              />
            </Form.Item>
            <Form.Item
              name="reasonText"
              label={t('reveal.reasonText')}
              dependencies={['reasonCode']}
              required={code === 'other'}
              rules={[{ validator: checkText }]}
            >
              <Input.TextArea
                rows={3}
                maxLength={REVEAL_TEXT_MAX_CHARS}
                showCount
                placeholder={code === 'other' ? t('reveal.reasonTextRequired') : t('reveal.reasonTextOptional')}
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

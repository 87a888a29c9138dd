import { useState, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from './form-errors.js';

interface Props<V> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  /** Throws on failure; the server's message then shows above the form. */
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  okText?: string;
  danger?: boolean;
  width?: number;
  initialValues?: Partial<V>;
  /** Shown above the form (what the decision is about, a warning). */
  intro?: ReactNode;
  children: ReactNode;
}

/** A modal with one form: validates, submits, shows the server's message, closes on success. */
export function FormModal<V extends object>({
  open, title, form, onSubmit, onClose, okText, danger, width, initialValues, intro, children,
}: Props<V>) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // The form shows what is missing.
    }
    setSaving(true);
    setError(null);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      setError(applyServerErrors(form, e, t('error.unknown')));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger }}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => setError(null)}
    >
      {intro}
      {error && <Alert type="error" showIcon title={error} className="modal-alert" role="alert" />}
      <Form form={form} layout="vertical" preserve={false} initialValues={initialValues} onFinish={() => void submit()}>
        {children}
        {/* Enter in a field submits the form. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

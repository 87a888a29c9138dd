import { useState } from 'react';
import { Alert, Button, Form, Input, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.js';

const P = 'newgroupsRegister';

/**
 * A danger button that asks for the reason before closing, dissolving or ending something; the
 * server's refusal (what to do first) shows in the dialog, which then stays open. `undo` makes it
 * a plain button for the way back (恢复), with the same reason asked.
 */
export function CloseWithReason({ label, title, note, act, onDone, size, undo }: {
  label: string; title: string; note: string; act: (reason: string) => Promise<unknown>; onDone: () => void; size?: 'small' | 'middle'; undo?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <>
      <Button size={size} danger={!undo} onClick={() => setOpen(true)}>{label}</Button>
      <FormModal<{ reason: string }> open={open} title={title} form={form} danger={!undo} okText={t(`${P}.confirmClose`)} onClose={() => setOpen(false)}
        intro={<Alert type={undo ? 'info' : 'warning'} showIcon title={note} style={{ marginBottom: 12 }} />}
        onSubmit={async (v) => { await act(v.reason.trim()); message.success(t(`${P}.saved`)); onDone(); }}>
        <Form.Item name="reason" label={t(`${P}.reason`)} rules={[{ required: true, whitespace: true, min: 2, message: t(`${P}.reasonRequired`) }]}>
          <Input.TextArea rows={3} maxLength={200} />
        </Form.Item>
      </FormModal>
    </>
  );
}

import { useState } from 'react';
import { App, Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.js';
import * as api from '../../../services/api.js';
import type { DemandDetail, Dispatch, DispatchAction } from '../../../services/types.js';

/** Which department steps a dispatch in each state allows; the server checks the same. */
const ALLOWED: Record<DispatchAction, string[]> = {
  accept: ['dispatched'],
  progress: ['accepted'],
  resolve: ['accepted'],
  return: ['dispatched', 'accepted'],
};
const ORDER: DispatchAction[] = ['accept', 'progress', 'resolve', 'return'];

/** 部门报到: 接单 at once; 反馈进展 / 办结 / 退回 ask for words first. */
export function DispatchActions({ demandId, dispatch, onDone }: { demandId: number; dispatch: Dispatch; onDone: (d: DemandDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const [asking, setAsking] = useState<DispatchAction | null>(null);
  const [busy, setBusy] = useState(false);
  const actions = ORDER.filter((a) => ALLOWED[a].includes(dispatch.state));
  if (!actions.length) return null;

  const run = async (action: DispatchAction, note?: string) => {
    const d = await api.dispatchAction(dispatch.id, action, note);
    message.success(t('demands.inbox.done', { action: t(`dispatchAction.${action}`) }));
    onDone(d);
  };

  const accept = async () => {
    setBusy(true);
    try {
      await run('accept');
    } catch (e) {
      message.error(e instanceof api.ApiError ? e.message : t('error.unknown'));
    } finally {
      setBusy(false);
    }
  };

  const noteLabel = asking === 'return' ? t('demands.inbox.reason') : asking === 'progress' ? t('demands.inbox.progressNote') : t('demands.inbox.resolveNote');
  return (
    <>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a}
            size="small"
            type={a === 'accept' || a === 'resolve' ? 'primary' : 'default'}
            danger={a === 'return'}
            loading={a === 'accept' && busy}
            aria-label={`${t(`dispatchAction.${a}`)} ${dispatch.departmentName} #${demandId}`}
            onClick={() => (a === 'accept' ? void accept() : setAsking(a))}
          >
            {t(`dispatchAction.${a}`)}
          </Button>
        ))}
      </Space>
      <FormModal<{ note: string }>
        open={!!asking}
        title={asking ? t('demands.inbox.noteTitle', { action: t(`dispatchAction.${asking}`), id: demandId }) : ''}
        form={form}
        okText={asking ? t(`dispatchAction.${asking}`) : undefined}
        danger={asking === 'return'}
        onClose={() => setAsking(null)}
        onSubmit={(v) => run(asking!, v.note.trim())}
      >
        <Form.Item
          name="note"
          label={noteLabel}
          rules={[{ required: true, whitespace: true, message: asking === 'return' ? t('demands.inbox.reasonRequired') : t('demands.inbox.noteRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount autoFocus />
        </Form.Item>
      </FormModal>
    </>
  );
}

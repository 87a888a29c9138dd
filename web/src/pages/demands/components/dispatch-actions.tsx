import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.js';
import * as api from '../../../services/api.js';
import type { DemandDetail, Dispatch, DispatchAction } from '../../../services/types.js';
import { PhotoUpload } from './demand-photos.js';

/** Which department steps a dispatch in each state allows; the server checks the same. */
const ALLOWED: Record<DispatchAction, string[]> = {
  accept: ['dispatched'],
  progress: ['accepted'],
  resolve: ['accepted'],
  return: ['dispatched', 'accepted'],
  request_extension: ['accepted'],
  request_reroute: ['dispatched', 'accepted'],
};
const ORDER: DispatchAction[] = ['accept', 'progress', 'resolve', 'request_extension', 'return', 'request_reroute'];
/** Steps that say why rather than how: no photos. */
const REASONS: DispatchAction[] = ['return', 'request_reroute', 'request_extension'];

/** 部门报到: 报到 (accept) at once; 反馈进展 / 办结 / 退回 ask for words first. */
export function DispatchActions({ demandId, dispatch, onDone }: { demandId: number; dispatch: Dispatch; onDone: (d: DemandDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string; attachments?: number[]; days?: number }>();
  const [asking, setAsking] = useState<DispatchAction | null>(null);
  const [busy, setBusy] = useState(false);
  const actions = ORDER.filter((a) => ALLOWED[a].includes(dispatch.state));
  if (!actions.length) return null;

  const run = async (action: DispatchAction, note?: string, attachments?: number[], days?: number) => {
    const d = await api.dispatchAction(dispatch.id, action, note, attachments, days);
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

  const noteLabel = asking === 'return' ? t('demands.inbox.reason')
    : asking === 'request_reroute' ? t('demands.inbox.rerouteReason')
      : asking === 'request_extension' ? t('demands.act.reason')
        : asking === 'progress' ? t('demands.inbox.progressNote') : t('demands.inbox.resolveNote');
  return (
    <>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a}
            size="small"
            type={a === 'accept' || a === 'resolve' ? 'primary' : 'default'}
            danger={a === 'return' || a === 'request_reroute'}
            loading={a === 'accept' && busy}
            aria-label={`${t(`dispatchAction.${a}`)} ${dispatch.departmentName} #${demandId}`}
            onClick={() => (a === 'accept' ? void accept() : setAsking(a))}
          >
            {t(`dispatchAction.${a}`)}
          </Button>
        ))}
      </Space>
      <FormModal<{ note: string; attachments?: number[]; days?: number }>
        open={!!asking}
        title={asking ? t('demands.inbox.noteTitle', { action: t(`dispatchAction.${asking}`), id: demandId }) : ''}
        form={form}
        okText={asking ? t(`dispatchAction.${asking}`) : undefined}
        danger={asking === 'return' || asking === 'request_reroute'}
        onClose={() => setAsking(null)}
        onSubmit={(v) => run(asking!, v.note.trim(), v.attachments, v.days)}
      >
        {asking === 'return' && <Typography.Paragraph type="secondary">{t('demands.inbox.returnWindow')}</Typography.Paragraph>}
        {asking === 'request_extension' && (
          <Form.Item name="days" label={t('demands.act.days')} extra={t('demands.act.daysHelp')} rules={[{ required: true, message: t('demands.act.daysRequired') }]}>
            <InputNumber min={1} max={10} precision={0} style={{ width: 120 }} />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={noteLabel}
          rules={[{ required: true, whitespace: true, message: asking === 'return' ? t('demands.inbox.reasonRequired') : t('demands.inbox.noteRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount autoFocus />
        </Form.Item>
        {asking && !REASONS.includes(asking) && (
          <Form.Item name="attachments" label={t('demands.photos.proof')}>
            <PhotoUpload />
          </Form.Item>
        )}
      </FormModal>
    </>
  );
}

import { useState } from 'react';
import { Form, Input, Radio, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.js';
import * as api from '../../services/dual-report-api.js';
import type { Grade, MemberPost, ReportStatus } from '../../services/dual-report-api.js';
import { chinaYear } from '../../services/china-time.js';

/** Pieces the 双报到 pages share: status and post tags, the year picker, the decline and evaluation dialogs. */

const STATUS_COLOR: Record<ReportStatus, string> = { pending: 'orange', confirmed: 'green', declined: 'red', withdrawn: 'default' };

export function StatusTag({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`dualReport.status.${status}`)}</Tag>;
}

export function PostTags({ posts }: { posts: readonly MemberPost[] }) {
  const { t } = useTranslation();
  return <>{posts.map((p) => <Tag key={p}>{t(`dualReport.post.${p}`)}</Tag>)}</>;
}

export function GradeTag({ grade }: { grade: Grade | null }) {
  const { t } = useTranslation();
  if (!grade) return <Tag>{t('dualReport.grade.none')}</Tag>;
  return <Tag color={grade === 'excellent' ? 'gold' : grade === 'incompetent' ? 'red' : 'blue'}>{t(`dualReport.grade.${grade}`)}</Tag>;
}

/** This year and the four before it. */
export const thisYear = chinaYear;

export function YearSelect({ value, onChange }: { value: number; onChange: (y: number) => void }) {
  const { t } = useTranslation();
  const y = thisYear();
  return (
    <Select<number> aria-label={t('dualReport.year')} style={{ width: 120 }} value={value} onChange={onChange}
      options={[y + 1, y, y - 1, y - 2, y - 3].map((v) => ({ value: v, label: t('dualReport.yearLabel', { year: v }) }))} />
  );
}

/** Asks for the reason of a decline (the server refuses one without). */
export function DeclineModal({ target, onClose, onDecline }: {
  target: { id: number; label: string } | null;
  onClose: () => void;
  onDecline: (id: number, reason: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }> open={target !== null} title={t('dualReport.decline.title', { label: target?.label ?? '' })} form={form} danger
      okText={t('dualReport.action.decline')} onClose={onClose}
      onSubmit={async (v) => { await onDecline(target!.id, v.reason); }}>
      <Form.Item name="reason" label={t('dualReport.decline.reason')} rules={[{ required: true, whitespace: true, message: t('dualReport.decline.required') }]}>
        <Input.TextArea rows={3} maxLength={200} showCount />
      </Form.Item>
    </FormModal>
  );
}

/** 双评价: a grade and a comment. */
export function EvaluateModal({ target, onClose, onSave }: {
  target: { id: number; label: string; grade: Grade | null; comment: string | null } | null;
  onClose: () => void;
  onSave: (id: number, v: { grade: Grade; comment?: string }) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ grade: Grade; comment?: string }>();
  const [key, setKey] = useState(0);
  return (
    <FormModal<{ grade: Grade; comment?: string }> key={`${target?.id}-${key}`} open={target !== null} form={form}
      title={t('dualReport.evaluate.title', { label: target?.label ?? '' })}
      initialValues={{ grade: target?.grade ?? undefined, comment: target?.comment ?? undefined }}
      onClose={() => { setKey((k) => k + 1); onClose(); }}
      onSubmit={async (v) => { await onSave(target!.id, { grade: v.grade, comment: v.comment?.trim() || undefined }); }}>
      <Form.Item name="grade" label={t('dualReport.evaluate.grade')} rules={[{ required: true, message: t('dualReport.evaluate.gradeRequired') }]}>
        <Radio.Group optionType="button" options={api.GRADES.map((g) => ({ value: g, label: t(`dualReport.grade.${g}`) }))} />
      </Form.Item>
      <Form.Item name="comment" label={t('dualReport.evaluate.comment')}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

import { useRef, useState } from 'react';
import { CameraOutlined } from '@ant-design/icons';
import { Button, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import { uploadFile } from '../../services/api.js';
import type { RepairStatus } from '../../services/property-repairs-api.js';

const STATUS_COLOR: Record<RepairStatus, string> = {
  draft: 'default', applied: 'gold', approved: 'blue', rejected: 'red', in_progress: 'processing', done: 'cyan', accepted: 'green', published: 'purple',
};

export function RepairStatusTag({ status }: { status: RepairStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`propertyRepairs.status.${status}`)}</Tag>;
}

/** A form control holding uploaded photo ids: each chosen file is uploaded at once through /api/files. */
export function PhotoIdsField({ value = [], onChange, label }: { value?: number[]; onChange?: (ids: number[]) => void; label: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Space wrap>
      <input
        ref={input} type="file" accept="image/jpeg,image/png,image/webp" hidden aria-label={label}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          setBusy(true);
          setError(null);
          try {
            onChange?.([...value, (await uploadFile(file, file.name)).id]);
          } catch (err) {
            setError(errorMessage(err, t('error.unknown')));
          } finally {
            setBusy(false);
            if (input.current) input.current.value = '';
          }
        }}
      />
      <Button icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()}>{label}</Button>
      {value.map((id) => <Tag key={id} closable onClose={() => onChange?.(value.filter((x) => x !== id))}>{t('propertyRepairs.photo', { id })}</Tag>)}
      {error && <Tag color="red">{error}</Tag>}
    </Space>
  );
}

import { useRef, useState } from 'react';
import { Alert, Button, Modal, Space, Table, Tag, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/selfrun-compounds-api.js';
import type { ImportPreview } from '../../services/selfrun-compounds-api.js';

/** 产权登记导入: pick an .xlsx, see every row checked (errors in Chinese), then apply it in one go. */
export function RegisterImport({ compoundId, onDone }: { compoundId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => { setFile(null); setPreview(null); setError(null); };
  return (
    <>
      <input
        ref={input} type="file" accept=".xlsx" hidden aria-label={t('selfrunCompounds.importFile')}
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          setFile(f); setError(null); setBusy(true);
          try { setPreview(await api.registerImport(compoundId, f, false)); } catch (err) { setError(errorMessage(err, t('error.unknown'))); } finally { setBusy(false); }
        }}
      />
      <Button onClick={() => input.current?.click()} loading={busy && !preview}>{t('selfrunCompounds.import')}</Button>
      <Modal
        open={!!file} width={860} title={t('selfrunCompounds.importPreview')} onCancel={close} destroyOnHidden
        okText={t('selfrunCompounds.importApply')} okButtonProps={{ disabled: !preview || preview.errorCount > 0, loading: busy }}
        onOk={async () => {
          setBusy(true);
          try {
            const r = await api.registerImport(compoundId, file!, true);
            message.success(t('selfrunCompounds.imported', { n: r.total }));
            close();
            onDone();
          } catch (err) { setError(errorMessage(err, t('error.unknown'))); } finally { setBusy(false); }
        }}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        {preview && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type={preview.errorCount ? 'warning' : 'success'} showIcon message={t('selfrunCompounds.importSummary', { total: preview.total, errors: preview.errorCount })} />
            <Table
              size="small" rowKey="row" dataSource={preview.rows} pagination={{ pageSize: 10 }}
              columns={[
                { title: t('selfrunCompounds.row'), dataIndex: 'row', width: 60 },
                { title: t('selfrunCompounds.unitLabel'), dataIndex: 'label' },
                { title: t('selfrunCompounds.area'), dataIndex: 'areaM2' },
                { title: t('selfrunCompounds.ownerName'), dataIndex: 'name' },
                { title: t('selfrunCompounds.idNumber'), dataIndex: 'idNumberMask' },
                { title: t('selfrunCompounds.errors'), render: (_, r) => r.errors.map((x) => <Tag key={x} color="red">{x}</Tag>) },
              ]}
            />
          </Space>
        )}
      </Modal>
    </>
  );
}

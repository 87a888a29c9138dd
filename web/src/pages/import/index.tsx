import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Progress, Radio, Result, Space, Steps, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, FileExcelOutlined, FileTextOutlined, InboxOutlined, KeyOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { PageHeader } from '../../components/page-header.js';
import * as api from '../../services/api.js';
import { ApiError } from '../../services/api.js';
import { IMPORT_KINDS, type ImportJob, type ImportKind, type ImportedAccount } from '../../services/types.js';

const POLL_MS = 1000;
type RowError = ImportJob['errors'][number];

/** Row errors a 422 may carry in its details before any job exists. */
function rowErrorsOf(e: unknown): RowError[] {
  if (!(e instanceof ApiError)) return [];
  const list = e.details.errors;
  return Array.isArray(list) ? (list as RowError[]).filter((r) => r && typeof r.message === 'string') : [];
}

const csvCell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** Saves the opened accounts as a CSV (UTF-8 with BOM, so Excel reads the Chinese) from memory: the server keeps no copy. */
function saveAccountsCsv(rows: ImportedAccount[], header: string[], cells: (a: ImportedAccount) => (string | number)[], fileName: string) {
  const text = '\uFEFF' + [header, ...rows.map(cells)].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The accounts a staff import opened: their temporary passwords are taken from the server once
 * (it erases them as it answers), shown here and saved as a CSV; leaving the page loses them.
 */
function OpenedAccounts({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const [accounts, setAccounts] = useState<ImportedAccount[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const header = (['row', 'name', 'org', 'role', 'username', 'password'] as const).map((k) => t(`import.accounts.col.${k}`));
  const cells = (a: ImportedAccount) => [a.row, a.name, a.orgName, t(`role.${a.role}`), a.username, a.temporaryPassword];
  const save = (rows: ImportedAccount[]) => saveAccountsCsv(rows, header, cells, t('import.accounts.fileName', { id: job.id }));
  const take = async () => {
    setLoading(true);
    setError(null);
    try {
      const r = await api.takeImportAccounts(job.id);
      setAccounts(r.items);
      save(r.items);
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setLoading(false);
    }
  };
  const count = job.importedByKind?.account ?? 0;
  if (!accounts) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('import.accounts.title', { count })}
        description={<>{t('import.accounts.help')}{error && <div role="alert">{error}</div>}</>}
        action={job.hasAccountSheet && (
          <Button type="primary" icon={<KeyOutlined />} loading={loading} onClick={() => void take()}>{t('import.accounts.show')}</Button>
        )}
      />
    );
  }
  return (
    <section aria-label={t('import.accounts.listTitle')}>
      <Alert
        type="warning"
        showIcon
        title={t('import.accounts.shown', { count: accounts.length })}
        description={t('import.accounts.shownHelp')}
        action={<Button icon={<DownloadOutlined />} onClick={() => save(accounts)}>{t('import.accounts.download')}</Button>}
      />
      <Table<ImportedAccount>
        size="small"
        rowKey="username"
        dataSource={accounts}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: header[0], dataIndex: 'row', width: 70 },
          { title: header[1], dataIndex: 'name' },
          { title: header[2], dataIndex: 'orgName' },
          { title: header[3], dataIndex: 'role', render: (r: ImportedAccount['role']) => t(`role.${r}`) },
          { title: header[4], dataIndex: 'username', render: (u: string) => <Typography.Text copyable>{u}</Typography.Text> },
          { title: header[5], dataIndex: 'temporaryPassword', render: (p: string) => <Typography.Text code copyable>{p}</Typography.Text> },
        ]}
      />
    </section>
  );
}

export default function ImportPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  // Staff records are the workforce module's: offered to those who may register staff.
  const kinds = IMPORT_KINDS.filter((k) => k !== 'staff' || can('workforce.write'));
  const [kind, setKind] = useState<ImportKind>('divisions');
  const [jobId, setJobId] = useState<string | number | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [uploadErrors, setUploadErrors] = useState<RowError[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Follow the job until it is done or failed: an event stream, which keeps reporting while the
  // embedded database's write transaction holds its one connection; polling if the stream fails.
  useEffect(() => {
    if (jobId == null) return;
    let alive = true;
    let stream: EventSource | null = null;
    const poll = async () => {
      try {
        const j = await api.getImportJob(jobId);
        if (!alive) return;
        setJob(j);
        if (j.status !== 'done' && j.status !== 'failed') timer.current = setTimeout(() => void poll(), POLL_MS);
      } catch (e) {
        if (alive) setError(errorMessage(e, t('error.unknown')));
      }
    };
    if (typeof EventSource === 'undefined') void poll();
    else {
      let ended = false;
      stream = new EventSource(api.importJobStreamUrl(jobId));
      const take = (ev: MessageEvent<string>) => {
        if (alive) setJob(JSON.parse(ev.data) as ImportJob);
      };
      stream.addEventListener('progress', take);
      stream.addEventListener('end', (ev) => {
        ended = true;
        stream?.close();
        take(ev);
      });
      stream.onerror = () => {
        stream?.close();
        if (alive && !ended) void poll();
      };
    }
    return () => {
      alive = false;
      stream?.close();
      clearTimeout(timer.current);
    };
  }, [jobId, t]);

  const reset = () => {
    setJobId(null);
    setJob(null);
    setFileName(null);
    setError(null);
    setUploadErrors([]);
  };

  const upload = async (file: File) => {
    reset();
    setFileName(file.name);
    setUploading(true);
    try {
      const r = await api.startImport(kind, file);
      setJobId(r.jobId);
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
      setUploadErrors(rowErrorsOf(e));
    } finally {
      setUploading(false);
    }
  };

  const running = uploading || (job != null && (job.status === 'validating' || job.status === 'importing')) || (jobId != null && !job);
  const finished = job?.status === 'done' || job?.status === 'failed';
  const step = finished || error ? 3 : running ? 2 : 0;
  const percent = job && job.total > 0 ? Math.min(100, Math.round((job.processed / job.total) * 100)) : 0;
  const rowErrors = job?.errors?.length ? job.errors : uploadErrors;
  const errorCount = Math.max(job?.errorCount ?? 0, rowErrors.length);

  return (
    <div>
      <PageHeader title={t('nav.import')} description={t('import.description')} />
      <Card>
        <Steps
          className="import-steps"
          current={step}
          items={[
            { title: t('import.step.kind') },
            { title: t('import.step.template') },
            { title: t('import.step.upload') },
            { title: t('import.step.result') },
          ]}
        />
        <Space orientation="vertical" size="large" className="full-width">
          <section aria-labelledby="import-kind">
            <Typography.Title level={5} id="import-kind">{t('import.kindTitle')}</Typography.Title>
            <Radio.Group
              value={kind}
              disabled={running}
              onChange={(e) => {
                setKind(e.target.value as ImportKind);
                reset();
              }}
              optionType="button"
              buttonStyle="solid"
              options={kinds.map((k) => ({ value: k, label: t(`import.kind.${k}`) }))}
            />
            <Typography.Paragraph type="secondary" className="import-kind-help">{t(`import.kindHelp.${kind}`)}</Typography.Paragraph>
          </section>

          <section aria-labelledby="import-template">
            <Typography.Title level={5} id="import-template">{t('import.templateTitle')}</Typography.Title>
            <Space wrap>
              <Button icon={<FileExcelOutlined />} href={api.importTemplateUrl(kind, 'xlsx')} download>
                {t('import.downloadXlsx')}
              </Button>
              <Button icon={<FileTextOutlined />} href={api.importTemplateUrl(kind, 'csv')} download>
                {t('import.downloadCsv')}
              </Button>
            </Space>
            <Typography.Paragraph type="secondary" className="import-kind-help">{t('import.templateHelp')}</Typography.Paragraph>
          </section>

          <section aria-labelledby="import-upload">
            <Typography.Title level={5} id="import-upload">{t('import.uploadTitle')}</Typography.Title>
            <Upload.Dragger
              name="file"
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={running}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">{t('import.uploadText', { kind: t(`import.kind.${kind}`) })}</p>
              <p className="ant-upload-hint">{t('import.uploadHint')}</p>
            </Upload.Dragger>
          </section>

          {(running || job) && (
            <section aria-label={t('import.progress')}>
              <Typography.Text>
                {fileName && t('import.fileName', { name: fileName })}{' '}
                {job ? t(`import.status.${job.status}`) : t('import.status.uploading')}
                {job && job.total > 0 && ` · ${t('import.processed', { processed: job.processed, total: job.total })}`}
              </Typography.Text>
              <Progress
                percent={job?.status === 'done' ? 100 : percent}
                status={job?.status === 'failed' ? 'exception' : job?.status === 'done' ? 'success' : 'active'}
                aria-label={t('import.progress')}
              />
            </section>
          )}

          {job?.status === 'done' && (
            <Result
              status="success"
              title={t('import.done', { count: job.imported })}
              extra={<Button icon={<ReloadOutlined />} onClick={reset}>{t('import.again')}</Button>}
            />
          )}

          {job?.status === 'done' && (job.importedByKind?.account ?? 0) > 0 && <OpenedAccounts key={job.id} job={job} />}

          {(job?.status === 'failed' || error) && (
            <Space orientation="vertical" className="full-width">
              <Alert
                type="error"
                showIcon
                role="alert"
                title={job?.status === 'failed' ? (errorCount ? t('import.failed', { count: errorCount }) : job.message ?? t('import.status.failed')) : error}
                description={
                  <>
                    {job?.message && errorCount > 0 && <div>{job.message}</div>}
                    {errorCount > rowErrors.length && <div>{t('import.firstErrors', { shown: rowErrors.length })}</div>}
                    <div>{t('import.nothingWritten')}</div>
                  </>
                }
                action={
                  <Space orientation="vertical">
                    {job?.hasErrorReport && (
                      <Button type="primary" icon={<DownloadOutlined />} href={api.importErrorReportUrl(job.id)} download>
                        {t('import.errorReport')}
                      </Button>
                    )}
                    <Button icon={<ReloadOutlined />} onClick={reset}>{t('import.again')}</Button>
                  </Space>
                }
              />
              {job?.hasErrorReport && <Typography.Text type="secondary">{t('import.errorReportHelp')}</Typography.Text>}
              {rowErrors.length > 0 && (
                <Table<RowError>
                  size="small"
                  rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
                  dataSource={rowErrors}
                  pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
                  columns={[
                    { title: t('import.col.row'), dataIndex: 'row', width: 90 },
                    { title: t('import.col.column'), dataIndex: 'column', width: 160, render: (c: string | null) => c ?? '-' },
                    { title: t('import.col.message'), dataIndex: 'message' },
                  ]}
                />
              )}
            </Space>
          )}
        </Space>
      </Card>
    </div>
  );
}

import { useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Image, Input, List, Modal, Popconfirm, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, CameraOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useAuth, useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { useLoad } from '../../components/use-load.js';
import { uploadFile } from '../../services/api.js';
import * as api from '../../services/cobuild-projects-api.js';
import type { Milestone, ProjectDetail } from '../../services/cobuild-projects-api.js';
import { ProjectStatusTag } from './shared.js';

const COMMUNITY = ['community_secretary', 'community_worker'];
const today = () => dayjs().format('YYYY-MM-DD');

/**
 * One co-building project: for the community its acceptance (验收) or sending back; for the unit
 * that took it up its plan, milestones with photos and submission; the history for everyone.
 */
export default function CobuildProjectDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const projectId = Number(id);
  const { data: p, loading, error, reload } = useLoad(`project-${projectId}`, () => api.getProject(projectId), t('error.unknown'));
  const [updated, setUpdated] = useState<ProjectDetail | null>(null);
  const project = updated && updated.id === projectId ? updated : p;
  const done = (d: ProjectDetail) => setUpdated(d);

  return (
    <div>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingLeft: 0 }}>{t('cobuildProjects.detail.back')}</Button>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      {loading && !project && <Spin />}
      {project && (
        <>
          <Typography.Title level={3} className="page-title">
            <Space>{project.title}<ProjectStatusTag status={project.status} /></Space>
          </Typography.Title>
          {project.status === 'returned' && project.returnReason && (
            <Alert type="warning" showIcon className="page-alert" title={t('cobuildProjects.detail.returned', { reason: project.returnReason })} />
          )}
          <Card className="rates-card">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('cobuildProjects.field.community')}>{project.communityName}</Descriptions.Item>
              <Descriptions.Item label={t('cobuildProjects.field.category')}>{t(`cobuildProjects.category.${project.category}`)}</Descriptions.Item>
              <Descriptions.Item label={t('cobuildProjects.field.origin')}>{t(`cobuildProjects.origin.${project.origin}`)}</Descriptions.Item>
              <Descriptions.Item label={t('cobuildProjects.detail.unit')}>{project.workUnitName ?? t('cobuildProjects.projects.noUnit')}</Descriptions.Item>
              <Descriptions.Item label={t('cobuildProjects.field.period')}>{`${project.startsOn} ~ ${project.endsOn}`}</Descriptions.Item>
              {project.size != null && <Descriptions.Item label={t('cobuildProjects.field.size')}>{project.size}</Descriptions.Item>}
              {project.detail && <Descriptions.Item label={t('cobuildProjects.field.detail')} span={2}>{project.detail}</Descriptions.Item>}
            </Descriptions>
            <Actions project={project} onDone={done} onReload={reload} />
          </Card>
          <PlanCard project={project} onDone={done} />
          <MilestonesCard project={project} onDone={done} />
          <Card title={t('cobuildProjects.detail.steps')} className="rates-card">
            <Timeline items={project.steps.map((s) => ({
              children: (
                <span>
                  {`${dayjs(s.at).format('YYYY-MM-DD HH:mm')} · ${t(`cobuildProjects.step.${s.action as 'publish'}`, { defaultValue: s.action })}`}
                  {s.by ? ` · ${s.by}` : ''}{s.reason ? ` · ${s.reason}` : ''}
                </span>
              ),
            }))} />
          </Card>
        </>
      )}
    </div>
  );
}

/** The buttons of whoever may take the project's next step. */
function Actions({ project, onDone, onReload }: { project: ProjectDetail; onDone: (d: ProjectDetail) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const run = async (fn: () => Promise<ProjectDetail | unknown>) => {
    try {
      const r = await fn();
      if (r && typeof r === 'object' && 'steps' in r) onDone(r as ProjectDetail);
      else onReload();
    } catch (e) {
      void message.error(errorMessage(e, t('error.unknown')));
    }
  };
  const unit = can('cobuild.unit');
  const community = can('cobuild.manage') && COMMUNITY.includes(me.role);
  return (
    <Space wrap style={{ marginTop: 12 }}>
      {unit && project.status === 'published' && (
        <Popconfirm title={t('cobuildProjects.detail.takeUpConfirm')} onConfirm={() => run(() => api.takeUp(project.id))} okText={t('common.confirm')} cancelText={t('common.cancel')}>
          <Button type="primary" size="large">{t('cobuildProjects.detail.takeUp')}</Button>
        </Popconfirm>
      )}
      {unit && (project.status === 'in_progress' || project.status === 'returned') && (
        <>
          <Button type="primary" size="large" onClick={() => run(() => api.submitProject(project.id))}>{t('cobuildProjects.detail.submit')}</Button>
          <Typography.Text type="secondary">{t('cobuildProjects.detail.submitHint')}</Typography.Text>
        </>
      )}
      {community && project.status === 'submitted' && (
        <>
          <Popconfirm title={t('cobuildProjects.detail.acceptConfirm')} onConfirm={() => run(() => api.acceptProject(project.id))} okText={t('common.confirm')} cancelText={t('common.cancel')}>
            <Button type="primary" size="large">{t('cobuildProjects.detail.accept')}</Button>
          </Popconfirm>
          <Button size="large" danger onClick={() => setReturning(true)}>{t('cobuildProjects.detail.sendBack')}</Button>
        </>
      )}
      <Modal open={returning} title={t('cobuildProjects.detail.sendBack')} onCancel={() => setReturning(false)} destroyOnHidden
        okText={t('cobuildProjects.detail.sendBack')} cancelText={t('common.cancel')} okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        onOk={() => void run(() => api.returnProject(project.id, reason.trim())).then(() => setReturning(false))}>
        <Input.TextArea aria-label={t('cobuildProjects.field.reason')} placeholder={t('cobuildProjects.field.reason')} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Space>
  );
}

const editable = (p: ProjectDetail) => p.status === 'in_progress' || p.status === 'returned';

function PlanCard({ project, onDone }: { project: ProjectDetail; onDone: (d: ProjectDetail) => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [plan, setPlan] = useState(project.plan);
  const [saving, setSaving] = useState(false);
  const mine = can('cobuild.unit') && editable(project);
  const save = async () => {
    setSaving(true);
    try {
      onDone(await api.savePlan(project.id, plan.trim()));
      void message.success(t('cobuildProjects.detail.saved'));
    } catch (e) {
      void message.error(errorMessage(e, t('error.unknown')));
    } finally {
      setSaving(false);
    }
  };
  if (!mine && !project.plan) return null;
  return (
    <Card title={t('cobuildProjects.field.plan')} className="rates-card">
      {mine ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea aria-label={t('cobuildProjects.field.plan')} rows={4} maxLength={4000} value={plan} onChange={(e) => setPlan(e.target.value)} />
          <Button type="primary" loading={saving} disabled={plan.trim().length < 2} onClick={() => void save()}>{t('cobuildProjects.detail.savePlan')}</Button>
        </Space>
      ) : <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{project.plan}</Typography.Paragraph>}
    </Card>
  );
}

/** Picks one photo and uploads it; returns its id. */
function usePhotoPicker() {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const element = (label: string) => (
    <Space>
      <input ref={input} type="file" accept="image/jpeg,image/png,image/webp" hidden aria-label={label} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <Button icon={<CameraOutlined />} onClick={() => input.current?.click()}>{label}</Button>
      {file && <Tag>{file.name}</Tag>}
    </Space>
  );
  const upload = async () => (file ? [(await uploadFile(file, file.name)).id] : []);
  const clear = () => {
    setFile(null);
    if (input.current) input.current.value = '';
  };
  return { element, upload, clear, chosen: !!file };
}

function MilestonesCard({ project, onDone }: { project: ProjectDetail; onDone: (d: ProjectDetail) => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; dueOn: Dayjs }>();
  const photo = usePhotoPicker();
  const [busy, setBusy] = useState(false);
  const mine = can('cobuild.unit') && editable(project);
  const add = async (v: { title: string; dueOn: Dayjs }) => {
    setBusy(true);
    try {
      const photoIds = await photo.upload();
      onDone(await api.addMilestone(project.id, {
        title: v.title, dueOn: v.dueOn.format('YYYY-MM-DD'), ...(photoIds.length ? { doneOn: today(), photoIds } : {}),
      }));
      form.resetFields();
      photo.clear();
    } catch (e) {
      void message.error(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };
  if (!mine && !project.milestoneList.length && project.status === 'published') return null;
  return (
    <Card title={t('cobuildProjects.field.progress')} className="rates-card">
      {project.milestoneList.length ? (
        <List<Milestone>
          dataSource={project.milestoneList}
          renderItem={(m) => <MilestoneRow key={m.id} m={m} canComplete={mine} onDone={onDone} />}
        />
      ) : <Empty description={t('cobuildProjects.detail.noMilestones')} />}
      {mine && (
        <Form form={form} layout="inline" onFinish={(v) => void add(v)} style={{ marginTop: 12, rowGap: 8 }} initialValues={{ dueOn: dayjs() }}>
          <Form.Item name="title" rules={[{ required: true, min: 2, message: t('cobuildProjects.field.required') }]}>
            <Input aria-label={t('cobuildProjects.field.title')} placeholder={t('cobuildProjects.field.title')} maxLength={60} />
          </Form.Item>
          <Form.Item name="dueOn" rules={[{ required: true, message: t('cobuildProjects.field.required') }]}>
            <DatePicker aria-label={t('cobuildProjects.field.dueOn')} allowClear={false} />
          </Form.Item>
          <Form.Item>{photo.element(t('cobuildProjects.detail.alreadyDone'))}</Form.Item>
          <Form.Item><Button type="primary" htmlType="submit" loading={busy}>{t('cobuildProjects.detail.addMilestone')}</Button></Form.Item>
        </Form>
      )}
    </Card>
  );
}

function MilestoneRow({ m, canComplete, onDone }: { m: Milestone; canComplete: boolean; onDone: (d: ProjectDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const photo = usePhotoPicker();
  const complete = async () => {
    try {
      onDone(await api.completeMilestone(m.id, { doneOn: today(), photoIds: await photo.upload() }));
      photo.clear();
    } catch (e) {
      void message.error(errorMessage(e, t('error.unknown')));
    }
  };
  return (
    <List.Item>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{m.title}</Typography.Text>
          <Typography.Text type="secondary">{`${t('cobuildProjects.field.dueOn')}：${m.dueOn}`}</Typography.Text>
          {m.doneOn ? <Tag color="green">{`${t('cobuildProjects.detail.done')} ${m.doneOn}`}</Tag> : <Tag>{t('cobuildProjects.detail.notDone')}</Tag>}
        </Space>
        {m.note && <Typography.Text>{m.note}</Typography.Text>}
        {m.photos.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap>{m.photos.map((f, i) => <Image key={f.id} src={f.url} width={96} height={96} style={{ objectFit: 'cover' }} alt={t('cobuildProjects.detail.photo', { n: i + 1 })} />)}</Space>
          </Image.PreviewGroup>
        )}
        {canComplete && !m.doneOn && (
          <Space>
            {photo.element(t('cobuildProjects.detail.uploadPhoto'))}
            <Button type="primary" disabled={!photo.chosen} onClick={() => void complete()}>{t('cobuildProjects.detail.complete')}</Button>
          </Space>
        )}
      </Space>
    </List.Item>
  );
}

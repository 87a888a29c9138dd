import { useRef, useState } from 'react';
import { Alert, Button, Card, Form, Image, Input, InputNumber, List, Modal, Popconfirm, Select, Space, Table, Tag, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import { RevealDialog } from '../../components/reveal-dialog.js';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/selfrun-compounds-api.js';
import type { AddMember, FiveHaveItem, UnitRow } from '../../services/selfrun-compounds-api.js';
import { chinaToday } from '../../services/china-time.js';
import { listResidents } from '../../services/api.js';
import { PhotoIdsField } from '../property/repairs-shared.js';
import { RegisterImport } from './compounds-import.js';

const useManage = () => useMe().permissions.includes('selfrun.manage');

/** Runs a write, shows its outcome and reloads. */
function useAct(onDone: () => void) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    run: async (fn: () => Promise<unknown>) => {
      setBusy(true);
      try {
        await fn();
        message.success(t('selfrunCompounds.saved'));
        onDone();
        return true;
      } catch (e) {
        message.error(errorMessage(e, t('error.unknown')));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

/** 专有部分与业主: units with owners masked; add a unit, correct an area, add or end an owner, import the register. */
export function UnitsTab({ compoundId, onChange }: { compoundId: number; onChange: () => void }) {
  const { t } = useTranslation();
  const manage = useManage();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const units = useLoad(`units|${compoundId}|${page}|${pageSize}`, () => api.listUnits(compoundId, { page, pageSize }), t('error.unknown'));
  const reload = () => { units.reload(); onChange(); };
  const act = useAct(reload);
  const [ownerFor, setOwnerFor] = useState<UnitRow | null>(null);
  const [unitOpen, setUnitOpen] = useState(false);
  const mayReveal = useMe().permissions.includes('pii.reveal');
  const [revealing, setRevealing] = useState<{ id: number; name: string; mask: string } | null>(null);
  const [ownerForm] = Form.useForm();
  const [unitForm] = Form.useForm();
  return (
    <div>
      {units.error && <Alert type="error" showIcon message={units.error} style={{ marginBottom: 12 }} />}
      {manage && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Button onClick={() => setUnitOpen(true)}>{t('selfrunCompounds.addUnit')}</Button>
          <RegisterImport compoundId={compoundId} onDone={reload} />
        </Space>
      )}
      <Table<UnitRow>
        rowKey="id" size="small" loading={units.loading} dataSource={units.data?.items ?? []}
        pagination={{ current: page, pageSize, total: units.data?.total ?? 0, onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        columns={[
          { title: t('selfrunCompounds.unitLabel'), dataIndex: 'label' },
          {
            title: t('selfrunCompounds.area'), render: (_, u) => (manage ? (
              <InputNumber
                size="small" min={0.01} defaultValue={u.areaM2} aria-label={t('selfrunCompounds.areaOf', { label: u.label })}
                onBlur={(e) => { const v = Number(e.target.value); if (v > 0 && v !== u.areaM2) void act.run(() => api.setArea(compoundId, u.id, v)); }}
              />
            ) : u.areaM2),
          },
          {
            title: t('selfrunCompounds.owners'), render: (_, u) => (
              <Space wrap>
                {u.developerUnsold && <Tag color="orange">{t('selfrunCompounds.developerUnsold')}</Tag>}
                {u.owners.map((o) => (
                  <Tag key={o.id} data-testid="owner-tag">
                    {o.name} {o.idNumberMask ?? ''} {o.phoneMask ?? ''}
                    {mayReveal && o.idNumberMask && (
                      <Button type="link" size="small" onClick={() => setRevealing({ id: o.id, name: o.name, mask: o.idNumberMask! })}>{t('selfrunCompounds.reveal')}</Button>
                    )}
                    {manage && (
                      <Popconfirm title={t('selfrunCompounds.endOwnerConfirm')} onConfirm={() => act.run(() => api.endOwner(compoundId, o.id))}>
                        <Button type="link" size="small">{t('selfrunCompounds.endOwner')}</Button>
                      </Popconfirm>
                    )}
                  </Tag>
                ))}
              </Space>
            ),
          },
          ...(manage ? [{ title: t('common.actions'), render: (_: unknown, u: UnitRow) => <Button size="small" onClick={() => setOwnerFor(u)}>{t('selfrunCompounds.addOwner')}</Button> }] : []),
        ]}
      />
      {revealing && (
        <RevealDialog
          title={t('selfrunCompounds.revealTitle', { name: revealing.name })} valueLabel={t('selfrunCompounds.idNumber')} masked={revealing.mask}
          facts={[{ key: 'owner', label: t('selfrunCompounds.ownerName'), children: revealing.name }]}
          reveal={(reason) => api.revealOwner(compoundId, revealing.id, 'idNumber', reason)}
          onClose={() => setRevealing(null)}
        />
      )}
      <Modal
        open={!!ownerFor} title={t('selfrunCompounds.addOwnerTo', { label: ownerFor?.label ?? '' })} confirmLoading={act.busy}
        onCancel={() => setOwnerFor(null)} onOk={() => ownerForm.submit()} destroyOnHidden
      >
        <Form form={ownerForm} layout="vertical" onFinish={async (v) => {
          const body = v.residentId ? { residentId: v.residentId as number } : { name: v.name, idNumber: v.idNumber, phone: v.phone || undefined };
          if (await act.run(() => api.addOwner(compoundId, ownerFor!.id, body))) { setOwnerFor(null); ownerForm.resetFields(); }
        }}>
          <Form.Item name="residentId" label={t('selfrunCompounds.fromRegister')} extra={t('selfrunCompounds.fromRegisterHint')}>
            <ResidentPick compoundId={compoundId} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.residentId !== b.residentId}>
            {({ getFieldValue }) => !getFieldValue('residentId') && (
              <>
                <Form.Item name="name" label={t('selfrunCompounds.ownerName')} rules={[{ required: true }]}><Input /></Form.Item>
                <Form.Item name="idNumber" label={t('selfrunCompounds.idNumber')} rules={[{ required: true }]}><Input /></Form.Item>
                <Form.Item name="phone" label={t('selfrunCompounds.phone')}><Input /></Form.Item>
              </>
            )}
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={unitOpen} title={t('selfrunCompounds.addUnit')} confirmLoading={act.busy} onCancel={() => setUnitOpen(false)} onOk={() => unitForm.submit()} destroyOnHidden>
        <Form form={unitForm} layout="vertical" onFinish={async (v) => {
          if (await act.run(() => api.addUnit(compoundId, { label: v.label, areaM2: Number(v.areaM2) }))) { setUnitOpen(false); unitForm.resetFields(); }
        }}>
          <Form.Item name="label" label={t('selfrunCompounds.unitLabel')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="areaM2" label={t('selfrunCompounds.area')} rules={[{ required: true }]}><InputNumber min={0.01} /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** A resident of the compound from the register, searched by name. */
function ResidentPick({ compoundId, value, onChange }: { compoundId: number; value?: number; onChange?: (v: number | undefined) => void }) {
  const { t } = useTranslation();
  const [hits, setHits] = useState<{ id: number; name: string; address: string | null }[]>([]);
  const seq = useRef(0);
  const search = (q: string) => {
    const mine = ++seq.current;
    listResidents({ orgId: compoundId, q: q.trim() || undefined, page: 1, pageSize: 20 })
      .then((r) => mine === seq.current && setHits(r.items.map((x) => ({ id: x.id, name: x.name, address: x.address ?? null }))), () => undefined);
  };
  return (
    <Select<number>
      allowClear value={value} onChange={(v) => onChange?.(v)} aria-label={t('selfrunCompounds.fromRegister')}
      showSearch={{ filterOption: false, onSearch: search }} onFocus={() => search('')}
      options={hits.map((r) => ({ value: r.id, label: `${r.name}${r.address ? ` · ${r.address}` : ''}` }))}
    />
  );
}

const KINDS = ['street', 'residents_committee', 'housing_department', 'owner'] as const;
const ROLES = ['chair', 'vice_chair', 'member'] as const;

/** 业委会/物管会: the members, whether the committee is valid (and why not), add a member, a member leaves. */
export function CommitteeTab({ compoundId }: { compoundId: number }) {
  const { t } = useTranslation();
  const manage = useManage();
  const view = useLoad(`committee|${compoundId}`, () => api.getCommittee(compoundId), t('error.unknown'));
  const act = useAct(view.reload);
  const [form] = Form.useForm();
  const v = view.data;
  return (
    <div>
      {view.error && <Alert type="error" showIcon message={view.error} style={{ marginBottom: 12 }} />}
      {v && (v.valid
        ? <Alert type="success" showIcon data-testid="committee-state" message={t('selfrunCompounds.committeeValid', { name: t(`selfrunCompounds.committee.${v.committee!}`) })} style={{ marginBottom: 12 }} />
        : <Alert type="warning" showIcon data-testid="committee-state" message={t('selfrunCompounds.committeeInvalid')} description={v.problems.join('；')} style={{ marginBottom: 12 }} />)}
      <Table
        rowKey="id" size="small" pagination={false} dataSource={v?.members ?? []} loading={view.loading}
        columns={[
          { title: t('selfrunCompounds.memberName'), dataIndex: 'name' },
          { title: t('selfrunCompounds.memberKind'), render: (_, m) => t(`selfrunCompounds.kind.${m.kind}`) },
          { title: t('selfrunCompounds.role'), render: (_, m) => t(`selfrunCompounds.roleName.${m.role}`) },
          { title: t('selfrunCompounds.term'), render: (_, m) => `${m.termFrom} ~ ${m.termTo}` },
          ...(manage ? [{
            title: t('common.actions'), render: (_: unknown, m: { id: number }) => (
              <Popconfirm title={t('selfrunCompounds.leaveConfirm')} onConfirm={() => act.run(() => api.leaveMember(compoundId, m.id))}>
                <Button size="small" type="link">{t('selfrunCompounds.leave')}</Button>
              </Popconfirm>
            ),
          }] : []),
        ]}
      />
      {manage && (
        <Card size="small" title={t('selfrunCompounds.addMember')} style={{ marginTop: 12 }}>
          <Form
            form={form} layout="inline"
            initialValues={{ committee: v?.committee ?? 'management', kind: 'owner', role: 'member', termFrom: chinaToday(), termTo: `${Number(chinaToday().slice(0, 4)) + 3}${chinaToday().slice(4)}` }}
            onFinish={async (f) => {
              const body: AddMember = { committee: f.committee, kind: f.kind, role: f.role, name: f.name, termFrom: f.termFrom, termTo: f.termTo };
              if (await act.run(() => api.addMember(compoundId, body))) form.setFieldsValue({ name: '', role: 'member' });
            }}
          >
            <Form.Item name="committee"><Select aria-label={t('selfrunCompounds.committeeKind')} style={{ width: 110 }} options={(['management', 'owners'] as const).map((c) => ({ value: c, label: t(`selfrunCompounds.committee.${c}`) }))} /></Form.Item>
            <Form.Item name="kind"><Select aria-label={t('selfrunCompounds.memberKind')} style={{ width: 140 }} options={KINDS.map((k) => ({ value: k, label: t(`selfrunCompounds.kind.${k}`) }))} /></Form.Item>
            <Form.Item name="role"><Select aria-label={t('selfrunCompounds.role')} style={{ width: 100 }} options={ROLES.map((r) => ({ value: r, label: t(`selfrunCompounds.roleName.${r}`) }))} /></Form.Item>
            <Form.Item name="name" rules={[{ required: true, message: t('selfrunCompounds.nameRequired') }]}><Input placeholder={t('selfrunCompounds.memberName')} aria-label={t('selfrunCompounds.memberName')} style={{ width: 120 }} /></Form.Item>
            <Form.Item name="termFrom"><Input aria-label={t('selfrunCompounds.termFrom')} style={{ width: 120 }} /></Form.Item>
            <Form.Item name="termTo"><Input aria-label={t('selfrunCompounds.termTo')} style={{ width: 120 }} /></Form.Item>
            <Button htmlType="submit" type="primary" loading={act.busy}>{t('selfrunCompounds.add')}</Button>
          </Form>
        </Card>
      )}
    </div>
  );
}

/** 五有: each item done or missing, with its note and photos; record an item. */
export function FiveHavesTab({ compoundId, onChange }: { compoundId: number; onChange: () => void }) {
  const { t } = useTranslation();
  const manage = useManage();
  const view = useLoad(`five|${compoundId}`, () => api.getFiveHaves(compoundId), t('error.unknown'));
  const act = useAct(() => { view.reload(); onChange(); });
  const [editing, setEditing] = useState<FiveHaveItem | null>(null);
  const [form] = Form.useForm();
  return (
    <div>
      {view.error && <Alert type="error" showIcon message={view.error} style={{ marginBottom: 12 }} />}
      {view.data && view.data.missing.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('selfrunCompounds.fiveMissing', { items: view.data.missing.map((i) => t(`selfrunCompounds.five.${i}`)).join('、') })} />
      )}
      <List
        dataSource={view.data?.items ?? []} loading={view.loading}
        renderItem={(i) => (
          <List.Item
            data-testid={`five-${i.item}`}
            actions={manage ? [<Button key="r" size="small" onClick={() => { setEditing(i.item); form.setFieldsValue({ note: i.note ?? '', photoIds: [] }); }}>{t('selfrunCompounds.record')}</Button>] : []}
          >
            <List.Item.Meta
              title={<Space>{t(`selfrunCompounds.five.${i.item}`)}<Tag color={i.done ? 'green' : 'red'}>{i.done ? t('selfrunCompounds.done') : t('selfrunCompounds.missing')}</Tag></Space>}
              description={i.done ? (
                <Space direction="vertical">
                  <span>{i.note} · {formatDateTime(i.recordedAt)}</span>
                  <Space wrap>{i.photos.map((p) => <Image key={p.id} src={p.url} width={48} height={48} />)}</Space>
                </Space>
              ) : null}
            />
          </List.Item>
        )}
      />
      <Modal
        open={!!editing} title={editing ? t(`selfrunCompounds.five.${editing}`) : ''} confirmLoading={act.busy}
        onCancel={() => setEditing(null)} onOk={() => form.submit()} destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={async (v) => {
          if (await act.run(() => api.recordFiveHave(compoundId, editing!, { note: v.note, photoIds: v.photoIds ?? [] }))) setEditing(null);
        }}>
          <Form.Item name="note" label={t('selfrunCompounds.note')} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="photoIds" label={t('selfrunCompounds.photos')}><PhotoIdsField label={t('selfrunCompounds.photos')} /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}


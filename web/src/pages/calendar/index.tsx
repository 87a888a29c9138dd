import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Radio, Row, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../components/auth-provider.js';
import { applyServerErrors, errorMessage } from '../../components/form-errors.js';
import { PageHeader } from '../../components/page-header.js';
import * as gt from '../../services/gridtasks-api.js';
import type { CalendarDay, DayKind } from '../../services/gridtasks-api.js';
import './calendar.css';

const pad = (n: number) => String(n).padStart(2, '0');
const weekday = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay();
const isWeekend = (day: string) => [0, 6].includes(weekday(day));

/** The days of a month as rows of a Monday-first week, with blanks before the 1st. */
function monthWeeks(year: number, month: number): (string | null)[][] {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const first = (weekday(`${year}-${pad(month)}-01`) + 6) % 7;
  const cells: (string | null)[] = [...Array<null>(first).fill(null), ...Array.from({ length: days }, (_, i) => `${year}-${pad(month)}-${pad(i + 1)}`)];
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/**
 * 工作日历: the holidays and 调休 make-up working days every time limit counts with. The city
 * admin clicks a day to make it a holiday, a make-up working day, or an ordinary day again.
 */
export default function CalendarPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const editable = can('calendar.manage');
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [days, setDays] = useState<Map<string, CalendarDay> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const load = () => gt.getCalendarYear(year).then(
    (r) => { setDays(new Map(r.days.map((d) => [d.day, d]))); setError(null); },
    (e) => setError(errorMessage(e, t('error.unknown'))),
  );
  useEffect(() => { setDays(null); void load(); }, [year]);
  const counts = useMemo(() => {
    const all = [...(days?.values() ?? [])];
    return { holiday: all.filter((d) => d.kind === 'holiday').length, workday: all.filter((d) => d.kind === 'workday').length };
  }, [days]);
  const weekNames = t('calendar.weekdays').split(',');

  const kindOf = (day: string): DayKind => days?.get(day)?.kind ?? 'normal';
  const label = (day: string) => {
    const d = days?.get(day);
    const kind = d ? t(`calendar.kind.${d.kind}`) : isWeekend(day) ? t('calendar.weekend') : t('calendar.kind.normal');
    return [day, kind, d?.note].filter(Boolean).join(' ');
  };

  return (
    <div>
      <PageHeader
        title={t('calendar.title')}
        description={editable ? t('calendar.descriptionEdit') : t('calendar.description')}
        extra={(
          <Space>
            <Select
              aria-label={t('calendar.year')}
              value={year}
              style={{ width: 120 }}
              onChange={setYear}
              options={Array.from({ length: 9 }, (_, i) => thisYear - 5 + i).map((y) => ({ value: y, label: t('calendar.yearOf', { year: y }) }))}
            />
          </Space>
        )}
      />
      {error && <Alert type="error" showIcon className="page-alert" title={error} />}
      <Space className="toolbar" wrap>
        <Tag className="cal-legend cal-holiday">{t('calendar.kind.holiday')}</Tag>
        <Tag className="cal-legend cal-workday">{t('calendar.kind.workday')}</Tag>
        <Tag className="cal-legend cal-weekend">{t('calendar.weekend')}</Tag>
        <span data-testid="calendar-counts">{t('calendar.counts', counts)}</span>
        {days && days.size === 0 && <Alert type="warning" showIcon title={t('calendar.emptyYear', { year })} />}
      </Space>
      <Row gutter={[16, 16]}>
        {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
          <Col key={m} xs={24} sm={12} lg={8} xl={6}>
            <Card size="small" title={t('calendar.month', { month: m })} className="cal-month">
              <table className="cal-table" aria-label={t('calendar.monthOf', { year, month: m })}>
                <thead>
                  <tr>{weekNames.map((w) => <th key={w} scope="col">{w}</th>)}</tr>
                </thead>
                <tbody>
                  {monthWeeks(year, m).map((week, wi) => (
                    <tr key={wi}>
                      {week.map((day, di) => (
                        <td key={di}>
                          {day && (
                            <button
                              type="button"
                              className={`cal-day cal-${kindOf(day)}${isWeekend(day) ? ' cal-is-weekend' : ''}`}
                              aria-label={label(day)}
                              title={label(day)}
                              data-day={day}
                              data-kind={kindOf(day)}
                              disabled={!editable}
                              onClick={() => setEditing(day)}
                            >
                              {Number(day.slice(8))}
                            </button>
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </Col>
        ))}
      </Row>
      <DayModal
        day={editing}
        current={editing ? days?.get(editing) ?? null : null}
        onClose={() => setEditing(null)}
        onSaved={(d) => {
          setDays((old) => {
            const next = new Map(old ?? []);
            if (d.kind === 'normal') next.delete(d.day);
            else next.set(d.day, d);
            return next;
          });
          setEditing(null);
        }}
      />
    </div>
  );
}

function DayModal({ day, current, onClose, onSaved }: { day: string | null; current: CalendarDay | null; onClose: () => void; onSaved: (d: CalendarDay) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: DayKind; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!day) return;
    setError(null);
    form.setFieldsValue({ kind: current?.kind ?? 'normal', note: current?.note ?? '' });
  }, [day]);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const saved = await gt.setCalendarDay(day!, v.kind, v.kind === 'normal' ? null : v.note?.trim() || null);
      message.success(t('calendar.saved', { day }));
      onSaved(saved);
    } catch (e) {
      setError(applyServerErrors(form, e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={!!day} title={t('calendar.editTitle', { day })} okText={t('common.save')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} forceRender>
      {error && <Alert type="error" showIcon className="modal-alert" title={error} role="alert" />}
      <Form form={form} layout="vertical">
        <Form.Item name="kind" label={t('calendar.kindLabel')}>
          <Radio.Group>
            <Radio value="holiday">{t('calendar.kind.holiday')}</Radio>
            <Radio value="workday" disabled={!!day && !isWeekend(day)}>{t('calendar.kind.workday')}</Radio>
            <Radio value="normal">{t('calendar.kind.normal')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('calendar.note')} extra={t('calendar.noteHint')}>
          <Input maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

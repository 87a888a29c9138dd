import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import * as api from '../services/api.js';
import { useAuth } from './auth-provider.js';
import { applyServerErrors } from './form-errors.js';
import { LanguageSwitch } from './language-switch.js';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * Shown instead of every page while the account must choose its own password (a new account,
 * or one an admin reset): the server refuses everything else until then. Afterwards the page the
 * person asked for opens.
 */
export function ForcePasswordChange() {
  const { t } = useTranslation();
  const { me, refresh, signOut } = useAuth();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.changePassword(v.oldPassword, v.newPassword);
      await refresh();
    } catch (e) {
      setError(applyServerErrors(form, e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <Card className="login-card" variant="borderless">
        <Typography.Title level={3} className="login-title">{t('accounts.force.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('accounts.force.why', { name: me?.displayName ?? '' })}</Typography.Paragraph>
        <Alert type="info" showIcon title={t('accounts.force.rule')} description={t('password.rule')} className="login-alert" />
        {error && <Alert type="error" showIcon title={error} className="login-alert" role="alert" />}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false}>
          <Form.Item name="oldPassword" label={t('accounts.force.old')} rules={[{ required: true, message: t('password.oldRequired') }]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            rules={[{ required: true, message: t('password.newRequired') }, { min: 8, message: t('password.tooShort') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('accounts.force.submit')}</Button>
        </Form>
        <Button type="link" block onClick={() => void signOut()}>{t('accounts.force.signOut')}</Button>
      </Card>
    </div>
  );
}

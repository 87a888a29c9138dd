import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { LanguageSwitch } from '../../components/language-switch.js';
import { isPhonePath, loginReturningTo, returnPath } from '../../phone-bundle.js';

interface Values {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { me, signIn, sessionLost } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Where to go afterwards: a console page (router state) or a phone page, whose bundle sends
  // signed-out people here with `?next=` (a page load carries no router state).
  const from = (location.state as { from?: string } | null)?.from ?? returnPath(new URLSearchParams(location.search).get('next'));

  if (me) return <Navigate to={from && from !== '/login' ? from : '/'} replace />;

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(v.username.trim(), v.password);
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
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
        <div className="login-brand">
          <span className="app-brand-mark login-mark">{t('app.mark')}</span>
          <Typography.Title level={3} className="login-title">{t('app.name')}</Typography.Title>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </div>
        {sessionLost && !error && <Alert type="warning" showIcon title={t('login.sessionLost')} className="login-alert" />}
        {error && <Alert type="error" showIcon title={error} className="login-alert" role="alert" />}
        <Form<Values> layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false} size="large">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="login-hint">{t('login.hint')}</Typography.Paragraph>
        <Typography.Paragraph className="login-hint">
          <MobileOutlined /> <Link to={from && isPhonePath(from.split(/[?#]/)[0]) ? loginReturningTo(from, '/m/login') : '/m/login'}>{t('phoneLogin.residentLink')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

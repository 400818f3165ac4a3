import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { login } from '../api/auth';
import { ApiError, type Problem } from '../api/client';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../ProblemAlert';

export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  const onFinish = async ({ email, password }: { email: string; password: string }) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await login(email, password);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from ?? '/', { replace: true });
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { title: t('loginFailed'), status: 0 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 420, margin: '48px auto' }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('loginTitle')}
      </Typography.Title>
      <ProblemAlert problem={problem} />
      <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item label={t('email')} name="email" rules={[{ required: true, type: 'email' }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label={t('password')} name="password" rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('login')}
        </Button>
      </Form>
    </Card>
  );
}

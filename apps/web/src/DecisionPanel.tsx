import { Button, Card, Form, Input, InputNumber, Select, Space, Typography, message } from 'antd';
import { useState } from 'react';
import { api, ApiError, call, idempotencyKey, type Problem } from './api/client';
import { yuan } from './format';
import { useI18n } from './i18n';
import { ProblemAlert } from './ProblemAlert';
import { actionName, stageActions, type TemplateView } from './templates';
import { useSession } from './useSession';

/**
 * A decision stage decided case by case (settings.allocation 'by_hand': a claim's confirmation, a funder's
 * project placed with its implementer): the coordinator awards this case, in one of the stage's tiers, or
 * declines it with a reason. Programs that rank and allocate confirm awards on the program's award tab instead.
 */
export function DecisionPanel({
  application,
  template,
  onChanged,
}: {
  application: { id: string; stage: string; requestedAmountFen: number };
  template: TemplateView;
  onChanged: () => void;
}) {
  const { t, pick } = useI18n();
  const session = useSession();
  const [form] = Form.useForm<{ tier?: string; amountYuan?: number; reason?: string }>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState<'award' | 'decline'>();
  const stage = template.stages.find((candidate) => candidate.key === application.stage);
  const allowed = stageActions(template, application.stage, session?.user.roles ?? []);
  if (stage?.kind !== 'decision' || stage.settings?.allocation !== 'by_hand') return null;
  if (!allowed.has('award') && !allowed.has('decline')) return null;

  const tiers = stage.settings.tiers ?? [];
  // A listed project or a funder's project is delivered whole: the award is what the case asked for.
  const wholeOnly = stage.settings.partialFunding?.allowed === false;
  const onlyTier = tiers.length === 1 ? tiers[0] : undefined;

  const decide = async (action: 'award' | 'decline') => {
    const { tier, amountYuan, reason } = form.getFieldsValue();
    setBusy(action);
    setProblem(undefined);
    try {
      await call(
        api.POST('/api/applications/{id}/actions/{action}', {
          params: { path: { id: application.id, action }, header: { 'Idempotency-Key': idempotencyKey() } },
          body:
            action === 'award'
              ? {
                  tier: tier ?? onlyTier?.key,
                  amountFen: wholeOnly
                    ? application.requestedAmountFen
                    : Math.round(Number(amountYuan ?? 0) * 100),
                  reason: reason || undefined,
                }
              : // The reason is the API's to require: declining without one is refused with why.
                { reason: reason || undefined },
        }),
      );
      void message.success(t('done'));
      onChanged();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { title: String(error), status: 0 });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card
      title={<h2 style={{ fontSize: 18, margin: 0 }}>{`${t('decideCase')} · ${pick(stage.name)}`}</h2>}
      data-testid="decision-panel"
    >
      <Typography.Paragraph type="secondary">{t('decideCaseHelp')}</Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{ tier: onlyTier?.key, amountYuan: application.requestedAmountFen / 100 }}
      >
        {!onlyTier && (
          <Form.Item name="tier" label={t('tier')}>
            <Select options={tiers.map((tier) => ({ value: tier.key, label: pick(tier.name) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="amountYuan"
          label={t('amount')}
          extra={wholeOnly ? `${t('requested')}：${yuan(application.requestedAmountFen)}` : undefined}
        >
          <InputNumber
            min={0.01}
            max={application.requestedAmountFen / 100}
            precision={2}
            prefix="¥"
            disabled={wholeOnly}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('reason')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          {allowed.has('award') && (
            <Button type="primary" loading={busy === 'award'} onClick={() => void decide('award')}>
              {onlyTier ? pick(onlyTier.name) : actionName('award', pick)}
            </Button>
          )}
          {allowed.has('decline') && (
            <Button danger loading={busy === 'decline'} onClick={() => void decide('decline')}>
              {t('declineCase')}
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}

import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, call, idempotencyKey } from '../api/client';
import type { components } from '../api/schema';
import { BatchRunView, useBatchRun } from '../BatchRun';
import { useI18n, type MessageKey } from '../i18n';
import {
  stageActions,
  stageName,
  type EligibilityCheck,
  type StageDuration,
  type TemplateView,
} from '../templates';

type Application = components['schemas']['ApplicationView'];

/** The batch actions of a screening: what each sends, and which stage permission it needs. */
type BatchAction = 'eligible' | 'ineligible' | 'request_revision';
const ACTIONS: { action: BatchAction; permission: string; label: MessageKey; danger?: boolean }[] = [
  { action: 'eligible', permission: 'screen', label: 'batchEligible' },
  { action: 'ineligible', permission: 'screen', label: 'batchIneligible', danger: true },
  { action: 'request_revision', permission: 'request_revision', label: 'batchRevision' },
];

/**
 * Batch actions on the cases selected in the pipeline: those the user's roles may take in the cases' stage,
 * as the template grants them; the cases must share one stage, since permissions are per stage.
 */
export function PipelineBatch({
  template,
  selected,
  roles,
  onClear,
  onChanged,
}: {
  template: TemplateView;
  selected: Application[];
  roles: string[];
  onClear: () => void;
  onChanged: () => void;
}) {
  const { t, pick } = useI18n();
  const [acting, setActing] = useState<BatchAction>();
  const stages = [...new Set(selected.map((application) => application.stage))];
  const stage =
    stages.length === 1 ? template.stages.find((candidate) => candidate.key === stages[0]) : undefined;
  const granted = stage ? stageActions(template, stage.key, roles) : new Set<string>();
  // A stage may grant request_revision while its rule forbids returning cases; the button would only be refused.
  const revisionAllowed = stage?.settings?.revision?.allowed === true;
  const actions = ACTIONS.filter(
    ({ action, permission }) => granted.has(permission) && (action !== 'request_revision' || revisionAllowed),
  );
  if (selected.length === 0) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} role="region" aria-label={t('selectedCases')}>
      <Space wrap>
        <Typography.Text strong data-testid="selected-count">
          {t('selectedCases')}: {selected.length}
        </Typography.Text>
        {actions.map(({ action, label, danger }) => (
          <Button key={action} danger={danger} onClick={() => setActing(action)}>
            {t(label)}
          </Button>
        ))}
        <Button type="link" onClick={onClear}>
          {t('clearSelection')}
        </Button>
      </Space>
      {stages.length > 1 && <Alert type="info" showIcon message={t('batchMixedStages')} />}
      {/* Also for cases that have ended (ineligible, withdrawn …): no stage of the template grants anything there. */}
      {stages.length === 1 && actions.length === 0 && (
        <Alert
          type="info"
          showIcon
          message={`${stageName(template, stages[0], pick)}: ${t('batchNoAction')}`}
        />
      )}
      {acting && stage && (
        <BatchActionModal
          action={acting}
          title={t(ACTIONS.find((entry) => entry.action === acting)!.label)}
          cases={selected}
          checklist={stage.settings?.checklist ?? []}
          revisionDeadline={stage.settings?.revision?.allowed ? stage.settings.revision.deadline : undefined}
          onClose={(changed) => {
            setActing(undefined);
            if (changed) onChanged();
          }}
        />
      )}
    </Space>
  );
}

function BatchActionModal({
  action,
  title,
  cases,
  checklist,
  revisionDeadline,
  onClose,
}: {
  action: BatchAction;
  title: string;
  cases: Application[];
  checklist: EligibilityCheck[];
  revisionDeadline?: StageDuration;
  onClose: (changed: boolean) => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<{ reason?: string }>();
  // One key per case for the life of this dialog: retrying a case whose answer was lost sends the same key,
  // so the engine answers the first transition instead of making a second one.
  const [keys] = useState(() => new Map(cases.map((application) => [application.id, idempotencyKey()])));
  // The call for one case, made when the user starts the batch (with the reason then in the form).
  const taskFor = (reason: string | undefined) => (application: Application) => {
    const endpoint = action === 'request_revision' ? 'request_revision' : 'screen';
    const body =
      action === 'request_revision'
        ? { reason }
        : action === 'ineligible'
          ? { decision: 'ineligible' as const, reason }
          : {
              decision: 'eligible' as const,
              checks: Object.fromEntries(checklist.map((check) => [check.key, true])),
            };
    return call(
      api.POST('/api/applications/{id}/actions/{action}', {
        params: {
          path: { id: application.id, action: endpoint },
          header: { 'Idempotency-Key': keys.get(application.id)! },
        },
        body,
      }),
    );
  };
  const [task, setTask] = useState<(application: Application) => Promise<unknown>>();
  const batch = useBatchRun<Application>();
  const started = batch.progress !== undefined;
  const changed = (batch.outcome?.succeeded.length ?? 0) > 0;
  const start = async () => {
    const { reason } = action === 'eligible' ? { reason: undefined } : await form.validateFields();
    const next = taskFor(reason?.trim());
    setTask(() => next);
    await batch.run(cases, next);
  };
  const failed = batch.outcome?.failed.map((failure) => failure.item) ?? [];
  return (
    <Modal
      open
      title={title}
      onCancel={() => !batch.running && onClose(changed)}
      closable={!batch.running}
      maskClosable={false}
      footer={
        <Space>
          {!started && (
            <Button type="primary" onClick={() => void start()} data-testid="batch-run-button">
              {t('batchRun')}
            </Button>
          )}
          {!batch.running && failed.length > 0 && (
            <Button onClick={() => void batch.run(failed, task!)}>{t('batchRetry')}</Button>
          )}
          <Button disabled={batch.running} onClick={() => onClose(changed)}>
            {started ? t('close') : t('cancel')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {t('selectedCases')}: {cases.length}
        </Typography.Text>
        {!started && action === 'eligible' && checklist.length > 0 && (
          <div>
            <Typography.Text type="secondary">{t('batchChecklist')}</Typography.Text>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {checklist.map((check) => (
                <li key={check.key}>{pick(check.label)}</li>
              ))}
            </ul>
          </div>
        )}
        {!started && action !== 'eligible' && (
          <Form form={form} layout="vertical">
            {action === 'request_revision' && revisionDeadline && (
              <Typography.Paragraph type="secondary">
                {t('revisionDeadline')}:{' '}
                {'workingDays' in revisionDeadline
                  ? `${revisionDeadline.workingDays} ${t('workingDays')}`
                  : `${revisionDeadline.seconds} ${t('seconds')}`}{' '}
                ({t('revisionDeadlineFromTemplate')})
              </Typography.Paragraph>
            )}
            <Form.Item
              label={t('reason')}
              name="reason"
              rules={[{ required: true, whitespace: true, message: t('reasonRequired') }, { max: 2000 }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          </Form>
        )}
        <BatchRunView
          {...batch}
          onCancel={batch.cancel}
          labelOf={(application: Application) => application.title}
        />
      </Space>
    </Modal>
  );
}

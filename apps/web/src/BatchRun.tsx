import { Button, List, Progress, Space, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { problemOf } from './api/client';
import { runBatch, type BatchOutcome, type BatchProgress } from './batch';
import { useI18n } from './i18n';

// A few calls at a time: quick for a screenful of cases, gentle on an API that others use at the same time.
const CONCURRENCY = 4;

/** Runs batches of calls and keeps the latest one's progress and outcome; `cancel` stops what has not started. */
export function useBatchRun<T>() {
  const [progress, setProgress] = useState<BatchProgress>();
  const [outcome, setOutcome] = useState<BatchOutcome<T>>();
  const [running, setRunning] = useState(false);
  const cancelling = useRef<AbortController>();
  const run = useCallback(async (items: readonly T[], task: (item: T) => Promise<unknown>) => {
    const controller = new AbortController();
    cancelling.current = controller;
    setOutcome(undefined);
    setRunning(true);
    try {
      const finished = await runBatch(items, task, {
        concurrency: CONCURRENCY,
        signal: controller.signal,
        onProgress: setProgress,
      });
      setOutcome(finished);
      return finished;
    } finally {
      setRunning(false);
    }
  }, []);
  const cancel = useCallback(() => cancelling.current?.abort(), []);
  return { progress, outcome, running, run, cancel };
}

/**
 * A batch's progress (n of m, with success and failure counts), a button to cancel the rest while it runs, and
 * afterwards each failed item with the API's reason, in the reader's language.
 */
export function BatchRunView<T>({
  progress,
  outcome,
  running,
  onCancel,
  labelOf,
}: {
  progress?: BatchProgress;
  outcome?: BatchOutcome<T>;
  running: boolean;
  onCancel: () => void;
  labelOf: (item: T) => string;
}) {
  const { t } = useI18n();
  if (!progress) return null;
  const { total, done, succeeded, failed } = progress;
  const cancelled = outcome?.cancelled.length ?? 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="batch-run">
      <Progress
        aria-label={t('batchProgress')}
        data-testid="batch-progress"
        percent={total === 0 ? 100 : Math.round((done / total) * 100)}
        status={running ? 'active' : failed > 0 ? 'exception' : 'success'}
        format={() => `${done} / ${total}`}
      />
      <Space wrap aria-live="polite">
        <Typography.Text type="success" data-testid="batch-succeeded">
          {t('batchSucceeded')} {succeeded}
        </Typography.Text>
        <Typography.Text type={failed > 0 ? 'danger' : 'secondary'} data-testid="batch-failed">
          {t('batchFailed')} {failed}
        </Typography.Text>
        {cancelled > 0 && (
          <Typography.Text type="secondary">
            {t('batchCancelled')} {cancelled}
          </Typography.Text>
        )}
        {running && (
          <Button size="small" onClick={onCancel}>
            {t('batchCancel')}
          </Button>
        )}
      </Space>
      {outcome && outcome.failed.length > 0 && (
        <List
          size="small"
          bordered
          header={<Typography.Text strong>{t('batchFailures')}</Typography.Text>}
          dataSource={outcome.failed}
          data-testid="batch-failures"
          renderItem={({ item, error }) => {
            const problem = problemOf(error);
            return (
              <List.Item>
                <List.Item.Meta
                  title={labelOf(item)}
                  description={
                    <Typography.Text type="danger">
                      {[problem.title, problem.detail, ...(problem.errors ?? []).map((e) => e.message)]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Space>
  );
}

import { Form, Input, Modal, message } from 'antd';
import { useState } from 'react';
import { ApiError, type Problem } from './api/client';
import { useI18n } from './i18n';
import { ProblemAlert } from './ProblemAlert';

/**
 * A dialog asking for a reason and, where the action moves a date, a new deadline, then sending them with `send`.
 * Whether a reason is needed is the API's to say, in the user's language; its refusal stays in the dialog.
 */
export function ReasonModal({
  title,
  deadline,
  send,
  onClose,
}: {
  title: string;
  /** Whether the dialog asks for a new deadline, and whether it must be given. */
  deadline?: 'optional' | 'required';
  send: (reason: string | undefined, until?: string) => Promise<unknown>;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason?: string; until?: string }>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    const { reason, until } = await form.validateFields();
    setBusy(true);
    setProblem(undefined);
    try {
      await send(reason?.trim() || undefined, until ? new Date(until).toISOString() : undefined);
      void message.success(t('done'));
      onClose(true);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { title: String(error), status: 0 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      onOk={ok}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      okText={t('submit')}
      cancelText={t('cancel')}
    >
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical">
        {deadline && (
          <Form.Item
            label={t('deadline')}
            name="until"
            rules={deadline === 'required' ? [{ required: true, message: t('deadline') }] : []}
          >
            <Input type="datetime-local" />
          </Form.Item>
        )}
        <Form.Item label={t('reason')} name="reason" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

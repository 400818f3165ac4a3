import { Button, Card, Form, Input, List, Modal, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, call, idempotencyKey, type Problem } from '../api/client';
import { dateTime, yuan } from '../format';
import { useI18n } from '../i18n';
import { ProblemAlert } from '../ProblemAlert';
import type { components } from '../api/schema';
import { SERVICE_CATEGORIES } from '../../../../libs/domain/src/categories';
import { useLoad } from '../useLoad';

/** Published results (公示) of a program with the objection form; needs no sign-in. */
export function PublicNotice() {
  const { programId } = useParams();
  return programId ? <ProgramNotice programId={programId} /> : <ProgramList />;
}

function ProgramList() {
  const { t, language } = useI18n();
  const { data, problem, loading } = useLoad(() => call(api.GET('/api/public/programs')), []);
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('publicNotice')}</h1>}>
      <ProblemAlert problem={problem} />
      <List
        loading={loading}
        dataSource={data ?? []}
        locale={{ emptyText: t('noItems') }}
        renderItem={(program) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={`/public/programs/${program.id}`}>{program.name}</Link>}
              description={`${t('budgetTotal')} ${yuan(program.budgetFen)} · ${dateTime(program.publishedAt, language)}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

type NoticeRow = components['schemas']['PublicResultView'];

function ProgramNotice({ programId }: { programId: string }) {
  const { t, language } = useI18n();
  const [objecting, setObjecting] = useState<NoticeRow>();
  const { data, problem, loading } = useLoad(
    () => call(api.GET('/api/public/programs/{id}/results', { params: { path: { id: programId } } })),
    [programId],
  );

  return (
    <Card
      title={
        <h1 style={{ fontSize: 20, margin: 0 }}>
          {data ? `${data.program.name} · ${t('publicNotice')}` : t('publicNotice')}
        </h1>
      }
      extra={<Link to="/public">{t('back')}</Link>}
    >
      <ProblemAlert problem={problem} />
      {data && (
        <Typography.Paragraph data-testid="notice-status">
          {data.noticeOpen
            ? `${t('noticeOpen')} · ${t('deadline')} ${dateTime(data.noticeDeadline, language)}`
            : t('noticeClosed')}
        </Typography.Paragraph>
      )}
      <Table<NoticeRow>
        rowKey="applicationId"
        loading={loading}
        dataSource={data?.results ?? []}
        pagination={{ pageSize: 50 }}
        locale={{ emptyText: t('noItems') }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('rank'), dataIndex: 'rank', width: 70 },
          { title: t('title'), dataIndex: 'title' },
          { title: t('organizationName'), dataIndex: 'organizationName' },
          { title: t('street'), dataIndex: 'street', width: 110 },
          {
            title: t('category'),
            dataIndex: 'category',
            width: 130,
            render: (value: string) => categoryName(value, language),
          },
          {
            title: t('outcome'),
            dataIndex: 'outcome',
            width: 120,
            render: (outcome: string, row) =>
              outcome === 'awarded' ? (
                <Tag color="green">{tierName(row.tier, language) ?? t('funded')}</Tag>
              ) : row.reservePosition ? (
                <Tag color="gold">
                  {t('reserve')} {row.reservePosition}
                </Tag>
              ) : (
                <Tag>{t('declined')}</Tag>
              ),
          },
          {
            title: t('awarded'),
            dataIndex: 'amountFen',
            width: 140,
            render: (fen: number | null) => yuan(fen),
          },
          {
            title: '',
            key: 'object',
            width: 110,
            render: (_, row) =>
              data?.noticeOpen && (
                <Button
                  size="small"
                  onClick={() => setObjecting(row)}
                  aria-label={`${t('object')}: ${row.title}`}
                >
                  {t('object')}
                </Button>
              ),
          },
        ]}
      />
      {objecting && <ObjectionModal row={objecting} onClose={() => setObjecting(undefined)} />}
    </Card>
  );
}

// The grant template's award tiers; the public reads no templates, so their names live here too.
function tierName(tier: string | null | undefined, language: 'zh' | 'en'): string | undefined {
  const names: Record<string, [string, string]> = {
    key_funding: ['重点资助', 'Key funding'],
    shortlist: ['入围', 'Shortlisted'],
  };
  const name = tier ? names[tier] : undefined;
  return name ? name[language === 'en' ? 1 : 0] : undefined;
}

// The shared catalogue of service categories: the public reads no templates.
function categoryName(key: string, language: 'zh' | 'en'): string {
  const category = SERVICE_CATEGORIES.find((candidate) => candidate.key === key);
  return category ? category[language] : key;
}

export function statusKey(status: string) {
  switch (status) {
    case 'open':
      return 'open' as const;
    case 'closed':
      return 'closed' as const;
    case 'per_case':
      return 'perCase' as const;
    default:
      return 'upcoming' as const;
  }
}

function ObjectionModal({ row, onClose }: { row: NoticeRow; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  // One key per opened form, so a double click records one objection.
  const [key] = useState(idempotencyKey);

  const send = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await call(
        api.POST('/api/public/applications/{id}/objections', {
          params: { path: { id: row.applicationId }, header: { 'Idempotency-Key': key } },
          body: { reason },
        }),
      );
      void message.success(t('objectionSent'));
      onClose();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { title: String(error), status: 0 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${t('object')}: ${row.title}`}
      okText={t('submitObjection')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={send}
      onCancel={onClose}
    >
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical">
        <Form.Item label={t('objectionReason')} name="reason" rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={5} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

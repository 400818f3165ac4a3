import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, List, Popover, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from './api/client';
import type { Session } from './api/session';
import { dateTime } from './format';
import { useI18n } from './i18n';
import { ProblemAlert } from './ProblemAlert';
import { useLoad } from './useLoad';

// How often the bell asks for new notifications; the inbox is small and the request cheap.
const POLL_MS = 60_000;

/**
 * The bell in the header: unread count and the newest notifications of the inbox the user acts from (the
 * organization when acting for one, else the user's own); opening one marks it read.
 */
export function NotificationBell({ session }: { session: Session }) {
  const { t, language } = useI18n();
  const recipient = session.organizationId
    ? { recipientKind: 'organization' as const, recipientId: session.organizationId }
    : { recipientKind: 'user' as const, recipientId: session.user.id };
  const { data, problem, reload } = useLoad(
    () => call(api.GET('/api/notifications', { params: { query: { ...recipient, pageSize: 10 } } })),
    [recipient.recipientKind, recipient.recipientId],
  );
  useEffect(() => {
    const timer = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const [open, setOpen] = useState(false);
  const markRead = async (id: string) => {
    await call(
      api.POST('/api/notifications/{id}/read', { params: { path: { id }, query: recipient } }),
    ).catch(() => undefined);
    await reload();
  };
  const unread = data?.unreadCount ?? 0;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t('notifications')}
      content={
        <div style={{ width: 340, maxHeight: 420, overflowY: 'auto' }}>
          <ProblemAlert problem={problem} />
          <List
            size="small"
            locale={{ emptyText: t('noItems') }}
            dataSource={data?.items ?? []}
            renderItem={(item) => (
              <List.Item
                style={{ cursor: 'pointer', fontWeight: item.readAt ? 'normal' : 600 }}
                onClick={() => void (item.readAt ? undefined : markRead(item.id))}
              >
                <List.Item.Meta
                  title={
                    item.applicationId && session.organizationId ? (
                      <Link
                        to={`/applicant/applications/${item.applicationId}`}
                        onClick={() => setOpen(false)}
                      >
                        {item.title}
                      </Link>
                    ) : (
                      item.title
                    )
                  }
                  description={
                    <>
                      <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
                        {item.body}
                      </Typography.Paragraph>
                      <Typography.Text type="secondary">{dateTime(item.createdAt, language)}</Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </div>
      }
    >
      <Button
        type="text"
        aria-label={`${t('notifications')}: ${t('unread')} ${unread}`}
        data-testid="notification-bell"
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}

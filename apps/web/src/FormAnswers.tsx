import { Button, Card, Descriptions, Space, message } from 'antd';
import { ApiError } from './api/client';
import { downloadDocument, isAttachedFileList } from './documents';
import { yuan } from './format';
import { useI18n } from './i18n';
import {
  CLAIMED_PROJECT_FIELD,
  optionLabel,
  type LocalizedText,
  type TemplateField,
  type TemplateView,
} from './templates';

/** A project of a public claiming program's list, as the claim names it. */
type ListedProject = { key: string; name: LocalizedText };

/**
 * An application's form as its reader may see it, section by section in the template's order: labels, money in
 * yuan, options by name, attached files as downloads. Fields the reader is not shown (a blind review leaves out
 * who applied) are simply absent.
 */
export function FormAnswers({
  template,
  form,
  applicationId,
  listedProjects = [],
}: {
  template: TemplateView;
  form: Record<string, unknown>;
  applicationId: string;
  /** A public claiming program's list: the claimed project shows by its name, not its key. */
  listedProjects?: readonly ListedProject[];
}) {
  const { pick, t } = useI18n();
  const sections = template.form.sections
    .map((section) => ({
      ...section,
      fields: section.fields.filter((field) => form[field.key] !== undefined),
    }))
    .filter((section) => section.fields.length > 0);
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('proposal')}</h2>}>
      {sections.map((section) => (
        <Descriptions
          key={section.key}
          title={<h3 style={{ fontSize: 16, margin: 0 }}>{pick(section.title)}</h3>}
          size="small"
          column={1}
          bordered
          style={{ marginBottom: 16 }}
        >
          {section.fields.map((field) => (
            <Descriptions.Item key={field.key} label={pick(field.label)}>
              <Answer
                field={field}
                value={form[field.key]}
                template={template}
                applicationId={applicationId}
                listedProjects={listedProjects}
              />
            </Descriptions.Item>
          ))}
        </Descriptions>
      ))}
    </Card>
  );
}

function Answer({
  field,
  value,
  template,
  applicationId,
  listedProjects,
}: {
  field: TemplateField;
  value: unknown;
  template: TemplateView;
  applicationId: string;
  listedProjects: readonly ListedProject[];
}) {
  const { pick } = useI18n();
  const listed =
    field.key === CLAIMED_PROJECT_FIELD ? listedProjects.find((project) => project.key === value) : undefined;
  if (listed) return <>{`${pick(listed.name)}（${listed.key}）`}</>;
  if (field.type === 'attachment' && isAttachedFileList(value))
    return (
      <Space wrap>
        {value.map((file) => (
          <Button
            key={file.id}
            type="link"
            style={{ padding: 0 }}
            onClick={() =>
              downloadDocument(applicationId, file).catch((error: unknown) =>
                message.error(
                  error instanceof ApiError ? (error.problem.detail ?? error.problem.title) : String(error),
                ),
              )
            }
          >
            {file.fileName}
          </Button>
        ))}
      </Space>
    );
  if (field.type === 'money' && typeof value === 'number') return <>{yuan(value)}</>;
  if (field.type === 'select') {
    const values = Array.isArray(value) ? value : [value];
    return <>{values.map((option) => optionLabel(template, field.key, String(option), pick)).join('、')}</>;
  }
  return <span style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</span>;
}

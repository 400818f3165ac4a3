import { Form, Select, Space, Tag, Typography } from 'antd';
import type { components } from './api/schema';
import { yuan } from './format';
import { useI18n } from './i18n';
import type { TemplateField } from './templates';

type ListedProject = components['schemas']['ListedProjectDto'];

/**
 * The claim form's project (公开认领): one of the program's published list, each shown with its budget and
 * area. A project another claim already holds is shown but cannot be chosen; the API still decides at
 * submission, since someone may claim it meanwhile. Choosing a project sets the claimed amount to its budget.
 */
export function ListedProjectField({
  field,
  projects,
  held,
  onPick,
}: {
  field: TemplateField;
  projects: ListedProject[];
  /** Keys of the projects another claim holds. */
  held: readonly string[];
  onPick: (project: ListedProject | undefined) => void;
}) {
  const { t, pick, language } = useI18n();
  const label = pick(field.label);
  return (
    <Form.Item
      name={field.key}
      label={label}
      rules={
        field.required
          ? [{ required: true, message: language === 'en' ? `${label} is required` : `请选择「${label}」` }]
          : []
      }
    >
      <Select
        placeholder={t('pickListedProject')}
        style={{ maxWidth: 560 }}
        optionLabelProp="title"
        onChange={(key: string) => onPick(projects.find((project) => project.key === key))}
        options={projects.map((project) => {
          const taken = held.includes(project.key);
          return {
            value: project.key,
            title: `${pick(project.name)} · ${yuan(project.budgetFen)}`,
            disabled: taken,
            label: (
              <Space size={8} wrap>
                <span>{pick(project.name)}</span>
                <Typography.Text type="secondary">
                  {t('projectBudget')} {yuan(project.budgetFen)}
                </Typography.Text>
                {project.area && <Typography.Text type="secondary">{project.area}</Typography.Text>}
                {taken && <Tag>{t('projectTaken')}</Tag>}
              </Space>
            ),
          };
        })}
      />
    </Form.Item>
  );
}

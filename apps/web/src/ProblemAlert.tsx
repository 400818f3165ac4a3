import { Alert } from 'antd';
import type { Problem } from './api/client';

/** The API's reason for a refusal, as it wrote it (in the user's language), with field errors listed. */
export function ProblemAlert({ problem }: { problem?: Problem }) {
  if (!problem) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={problem.title}
      description={
        problem.detail || problem.errors?.length ? (
          <>
            {problem.detail && <div>{problem.detail}</div>}
            {problem.errors?.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problem.errors.map((error) => (
                  <li key={`${error.field}:${error.code}`}>{error.message}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

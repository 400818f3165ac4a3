import { Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * Exports what the dashboard shows as a CSV file. Building it is local but can take a moment for many programs,
 * so the button shows it is busy (and says so to screen readers) until the file is handed to the browser.
 */
export function ExportCsvButton({ fileName, build }: { fileName: string; build?: () => string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      disabled={!build}
      loading={busy}
      aria-busy={busy}
      onClick={() => {
        if (!build) return;
        setBusy(true);
        // Yield to the browser first so the busy state is drawn before the work starts.
        setTimeout(() => {
          try {
            download(fileName, build());
          } finally {
            setBusy(false);
          }
        }, 0);
      }}
    >
      {busy ? t('exporting') : t('exportCsv')}
    </Button>
  );
}

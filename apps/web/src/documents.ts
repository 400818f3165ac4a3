import { api, call } from './api/client';

/** A file as a form holds it: its id in the document store and its name. */
export interface AttachedFile {
  id: string;
  fileName: string;
}

/** Uploads a file for the organization's forms; the API refuses types and sizes it does not take. */
export async function uploadDocument(organizationId: string, file: File): Promise<AttachedFile> {
  const body = new FormData();
  body.append('file', file, file.name);
  const stored = await call(
    api.POST('/api/organizations/{id}/documents', {
      params: { path: { id: organizationId } },
      // openapi-fetch sends FormData as multipart, with the boundary the browser sets.
      body: body as never,
    }),
  );
  return { id: stored.id, fileName: stored.fileName };
}

/** Downloads a file attached to an application's form and hands it to the browser as a saved file. */
export async function downloadDocument(applicationId: string, file: AttachedFile): Promise<void> {
  const blob = (await call(
    api.GET('/api/applications/{id}/documents/{documentId}', {
      params: { path: { id: applicationId, documentId: file.id } },
      parseAs: 'blob',
    }),
  )) as unknown as Blob;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function isAttachedFileList(value: unknown): value is AttachedFile[] {
  return (
    Array.isArray(value) &&
    value.every((file) => typeof file === 'object' && file !== null && 'id' in file && 'fileName' in file)
  );
}

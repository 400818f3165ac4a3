/**
 * What the document store takes: office documents, spreadsheets, scans and photos, and archives of them, up to
 * 20 MB each (a scanned certificate or a bid's response file; larger material goes in several files). The type a
 * file is served with comes from its extension, never from what the uploading browser claimed.
 */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  zip: 'application/zip',
};

export const DOCUMENT_EXTENSIONS: readonly string[] = Object.keys(CONTENT_TYPES);

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The content type for a file name, or undefined when the store does not take such files. */
export function contentTypeFor(fileName: string): string | undefined {
  return CONTENT_TYPES[extensionOf(fileName)];
}

/**
 * Browsers send multipart file names as raw UTF-8 bytes, which the multipart parser reads as Latin-1: '备案证明.pdf'
 * arrives as mojibake. Reading the bytes back as UTF-8 restores it; a name that was not UTF-8 stays as it came.
 */
export function decodeUploadedName(name: string): string {
  // Characters past Latin-1 mean the name already arrived decoded.
  if ([...name].some((character) => character.codePointAt(0)! > 0xff)) return name;
  const bytes = Buffer.from(name, 'latin1');
  const decoded = bytes.toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}

/** A Content-Disposition that keeps a Chinese file name (RFC 6266 / 5987) and forces a download. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

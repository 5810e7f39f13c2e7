import { isInlineImage } from '#protocol/file-types';
import type { VisitorAttachment } from '#protocol/visitor';
import { Paperclip } from 'lucide';
import { svgIcon } from '#utils/svg-icon';
import { h } from './dom';
import type { Translate } from './i18n';

/**
 * A file in the visitor's thread (FEATURES D3, D4): its name as text, what became of it, and for an
 * accepted file a download button (images also show in place). Bytes are fetched with the visitor's
 * id into a blob: URL; a rejected file is only a notice.
 */
export type FetchFile = (fileId: string) => Promise<Blob | null>;

export function attachmentNodes(
  a: VisitorAttachment,
  fromVisitor: boolean,
  t: Translate,
  fetchFile: FetchFile,
): Node[] {
  const nodes: Node[] = [h('p', { class: 'text file-name' }, svgIcon(Paperclip), ` ${a.name}`)];
  if (a.status === 'pending') {
    nodes.push(h('span', { class: 'state file-state' }, fromVisitor ? t('fileWaiting') : ''));
    return nodes;
  }
  if (a.status === 'rejected') {
    nodes.push(h('span', { class: 'state file-state' }, t('fileRejected')));
    return nodes;
  }
  if (fromVisitor) nodes.push(h('span', { class: 'state file-state' }, t('fileAccepted')));
  if (isInlineImage(a.mime)) {
    const img = h('img', { class: 'file-image', alt: t('fileImage', { name: a.name }) });
    void fetchFile(a.id).then((blob) => {
      if (blob) img.src = URL.createObjectURL(blob);
    });
    nodes.push(img);
  }
  const button = h(
    'button',
    { type: 'button', class: 'file-download', 'aria-label': t('fileDownloadNamed', { name: a.name }) },
    t('fileDownload'),
  );
  const problem = h('span', { class: 'state', role: 'alert' });
  button.addEventListener('click', async () => {
    problem.textContent = '';
    const blob = await fetchFile(a.id);
    if (!blob) return void (problem.textContent = t('fileUnavailable'));
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: a.name, rel: 'noopener' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  nodes.push(button, problem);
  return nodes;
}

/** The composer's attach button, its hidden picker, and drop handling on a target element. */
export function attachControls(
  t: Translate,
  accept: string,
  onFiles: (files: File[]) => void,
  dropTarget: HTMLElement,
): HTMLElement[] {
  const input = h('input', { type: 'file', accept, class: 'sr-only', tabindex: '-1', 'aria-hidden': 'true' });
  const button = h(
    'button',
    { type: 'button', class: 'attach', 'aria-label': t('attach'), title: t('attach') },
    svgIcon(Paperclip),
  );
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    if (input.files?.length) onFiles([...input.files]);
    input.value = '';
  });
  dropTarget.addEventListener('dragover', (e) => {
    e.preventDefault();
    dropTarget.classList.add('dragging');
  });
  dropTarget.addEventListener('dragleave', () => dropTarget.classList.remove('dragging'));
  dropTarget.addEventListener('drop', (e) => {
    e.preventDefault();
    dropTarget.classList.remove('dragging');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) onFiles(files);
  });
  return [input, button];
}

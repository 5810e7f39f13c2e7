// The visitor's file uploads (FEATURES D3): the chat's size limit, the "Sending x…" line, one file after another.
import type { VisitorMessage } from '#protocol/visitor';
import { formatMegabytes, type FileApi } from './files';
import type { Translate } from './i18n';
import { randomClientId } from './page-url';
import type { WidgetView } from './view';

export class Uploads {
  /** The chat's file limit as the hub last said (features); the hub checks again. */
  maxBytes = Infinity;
  private inFlight = 0;

  /** arrived gets each file's message once the hub has taken it (it then waits for the rep, FEATURES D4). */
  constructor(
    private readonly files: FileApi,
    private readonly view: Pick<WidgetView, 'showError' | 'setFileStatus'>,
    private readonly t: Translate,
    private readonly pageUrl: () => string,
    private readonly arrived: (message: VisitorMessage) => void,
  ) {}

  /** Each file goes up on its own. */
  async send(picked: File[]): Promise<void> {
    const { view, t } = this;
    for (const file of picked) {
      if (file.size > this.maxBytes) {
        view.showError(t('fileTooLarge', { max: formatMegabytes(this.maxBytes) }));
        continue;
      }
      this.inFlight++;
      view.setFileStatus(t('uploading', { name: file.name }));
      view.showError('');
      const outcome = await this.files.upload(file, randomClientId(), this.pageUrl());
      this.inFlight--;
      if (this.inFlight === 0) view.setFileStatus('');
      if (!outcome.ok) {
        const max = Number.isFinite(this.maxBytes) ? formatMegabytes(this.maxBytes) : '';
        view.showError(t(outcome.reason, { max }));
        continue;
      }
      this.arrived(outcome.message);
    }
  }
}
